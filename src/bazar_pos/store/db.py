"""Open SQLite files the one durable way: WAL, synchronous=FULL, foreign keys, a busy timeout.

A database that is not ours, is corrupt or cannot be written is refused here with a clear
message, before any service touches it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bazar_pos.errors import StorageError
from bazar_pos.store import faults
from bazar_pos.store.private import touch_private

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 10_000


def open_conn(
    path: str | Path,
    migrate: Callable[[sqlite3.Connection], None],
    *,
    create: bool = True,
    marker: str | None = None,
) -> sqlite3.Connection:
    """Open (or create) a database and bring its schema up to date with `migrate`.

    `marker` names a table that must exist in a non-empty database for it to count as ours.
    """
    p = Path(path)
    if not create and not p.exists():
        raise StorageError("db_missing", p=p)
    try:
        touch_private(p)  # 0600 from the first byte
        conn = sqlite3.connect(str(p), isolation_level=None, check_same_thread=False, timeout=10)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
        existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if marker and existing and marker not in existing:
            conn.close()
            raise StorageError("db_foreign", p=p)
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise _storage_error(p, exc) from exc
    except OSError as exc:
        raise faults.from_os(exc, p) from exc
    return conn


def open_db(
    path: str | Path, migrations: Migrations, *, create: bool = True, marker: str | None = None
) -> sqlite_utils.Database:
    """`open_conn` as a sqlite-utils database, migrated by a sqlite-utils migration set."""
    import sqlite_utils

    def migrate(conn: sqlite3.Connection) -> None:
        migrations.apply(sqlite_utils.Database(conn))

    return sqlite_utils.Database(open_conn(path, migrate, create=create, marker=marker))


def _storage_error(p: Path, exc: sqlite3.DatabaseError) -> StorageError:
    return faults.from_sqlite(exc, p) or faults.fault("db_corrupt", p, str(exc))


@contextlib.contextmanager
def write_txn(
    db: sqlite3.Connection | sqlite_utils.Database, *, durable: bool = True
) -> Iterator[sqlite3.Connection]:
    """One write, one transaction: BEGIN IMMEDIATE so concurrent writers queue, never interleave.

    `durable=False` is for bookkeeping a power cut may lose (it is still atomic): in WAL mode its
    commit skips the fsync, and the next durable commit syncs it along.
    """
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise _storage_error(Path(db_path(conn)), exc) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(conn)
            named = isinstance(exc, sqlite3.Error) and faults.from_sqlite(exc, db_path(conn))
            if named:  # a full disk mid-sale is a full disk, not a bug
                raise named from exc
            raise
    finally:
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")


def _rollback(conn: sqlite3.Connection) -> None:
    """After a failed write SQLite may have rolled back already, or be unable to: never mask."""
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def db_path(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "?"
    return str(row[2]) if row else ":memory:"
