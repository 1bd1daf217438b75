"""Open SQLite files the one durable way: WAL, synchronous=FULL, foreign keys, a busy timeout.

A database that is not ours, is corrupt or cannot be written is refused here with a clear
message, before any service touches it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from bazar_pos.errors import StorageError
from bazar_pos.store import faults
from bazar_pos.store.private import touch_private

BUSY_TIMEOUT_MS = 10_000


def open_db(
    path: str | Path, migrations: Migrations, *, create: bool = True, marker: str | None = None
) -> sqlite_utils.Database:
    """Open (or create) a database and bring its schema up to date.

    `marker` names a table that must exist in a non-empty database for it to count as ours.
    """
    p = Path(path)
    if not create and not p.exists():
        raise StorageError("db_missing", p=p)
    try:
        touch_private(p)  # 0600 from the first byte
        conn = sqlite3.connect(str(p), isolation_level=None, check_same_thread=False, timeout=10)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        existing = set(db.table_names())
        if marker and existing and marker not in existing:
            conn.close()
            raise StorageError("db_foreign", p=p)
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise _storage_error(p, exc) from exc
    except OSError as exc:
        raise faults.from_os(exc, p) from exc
    return db


def _storage_error(p: Path, exc: sqlite3.DatabaseError) -> StorageError:
    return faults.from_sqlite(exc, p) or faults.fault("db_corrupt", p, str(exc))


@contextlib.contextmanager
def write_txn(db: sqlite_utils.Database, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
    """One write, one transaction: BEGIN IMMEDIATE so concurrent writers queue, never interleave.

    `durable=False` is for bookkeeping a power cut may lose (it is still atomic): in WAL mode its
    commit skips the fsync, and the next durable commit syncs it along.
    """
    conn = db.conn
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
        try:
            with write_txn(db) as inner:
                yield inner
        finally:
            conn.execute("PRAGMA synchronous = FULL")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise _storage_error(Path(db_path(db)), exc) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        _rollback(conn)
        named = isinstance(exc, sqlite3.Error) and faults.from_sqlite(exc, db_path(db))
        if named:  # a full disk mid-sale is a full disk, not a bug
            raise named from exc
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    """After a failed write SQLite may have rolled back already, or be unable to: never mask."""
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def db_path(db: sqlite_utils.Database) -> str:
    try:
        row = db.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "?"
    return str(row[2]) if row else ":memory:"
