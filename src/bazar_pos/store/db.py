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
        raise StorageError(
            f"Basis data tidak ditemukan: {p}", f"Database not found: {p}", code="db_missing"
        )
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
            raise StorageError(
                f"Berkas ini bukan basis data bazar-pos: {p}",
                f"This file is not a bazar-pos database: {p}",
                code="db_foreign",
            )
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise _storage_error(p, exc) from exc
    except OSError as exc:
        raise StorageError(
            f"Tidak bisa membuka {p}: {exc.strerror}",
            f"Cannot open {p}: {exc.strerror}",
            code="db_io",
        ) from exc
    return db


def _storage_error(p: Path, exc: sqlite3.DatabaseError) -> StorageError:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(
            f"Basis data tidak bisa ditulis (hanya-baca?): {p}",
            f"The database cannot be written (read-only?): {p}",
            code="db_readonly",
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            f"Basis data sedang dipakai program lain: {p}",
            f"The database is in use by another program: {p}",
            code="db_busy",
        )
    return StorageError(
        f"Berkas rusak atau bukan basis data SQLite: {p} ({exc})",
        f"The file is corrupt or not a SQLite database: {p} ({exc})",
        code="db_corrupt",
    )


@contextlib.contextmanager
def write_txn(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """One write, one transaction: BEGIN IMMEDIATE so concurrent writers queue, never interleave."""
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise _storage_error(Path(db_path(db)), exc) from exc
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _storage_error(Path(db_path(db)), exc) from exc


def db_path(db: sqlite_utils.Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else ":memory:"
