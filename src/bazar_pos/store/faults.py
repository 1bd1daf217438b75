"""What went wrong with a file or a database, named for the person who must fix it.

A full disk, a read-only folder, a file locked by another program, a file that is not a database
and a damaged database each need a different action, so each has its own message; SQLite's and the
operating system's error numbers decide which, never the wording of their English text.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from bazar_pos.errors import BazarError, StorageError, os_reason

_SQLITE_CODES = {
    sqlite3.SQLITE_FULL: "disk_full",
    sqlite3.SQLITE_READONLY: "db_readonly",
    sqlite3.SQLITE_CANTOPEN: "db_readonly",
    sqlite3.SQLITE_PERM: "db_readonly",
    sqlite3.SQLITE_BUSY: "db_busy",
    sqlite3.SQLITE_LOCKED: "db_busy",
    sqlite3.SQLITE_NOTADB: "db_not_database",
    sqlite3.SQLITE_CORRUPT: "db_corrupt",
    sqlite3.SQLITE_IOERR: "db_io",
}

_ERRNOS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "db_readonly",
    errno.EACCES: "db_readonly",
    errno.EPERM: "db_readonly",
}


def fault(code: str, path: Path | str, detail: BazarError | str = "") -> StorageError:
    return StorageError(code, path=path, detail=detail)


def from_sqlite(exc: sqlite3.Error, path: Path | str) -> StorageError | None:
    """The named fault for a storage-level SQLite error; None for a programming error. SQLite's
    own (English) text is kept as `detail` for a crash log, never shown: each fault's words say
    what to do."""
    primary = getattr(exc, "sqlite_errorcode", None)
    code = _SQLITE_CODES.get(primary & 0xFF) if isinstance(primary, int) else None
    if code is None and isinstance(exc, sqlite3.DatabaseError):
        code = _by_text(str(exc))
    if code and _special(path):  # `--db /dev/null`, a pipe: no database can live there
        return fault("db_not_database:not_a_file", path, str(exc))
    if code == "db_io":
        return fault("db_io:sqlite", path, str(exc))
    return fault(code, path, str(exc)) if code else None


def _special(path: Path | str) -> bool:
    """A device, a pipe or a socket: something that exists and is neither file nor folder."""
    p = Path(path)
    try:
        return p.exists() and not p.is_file() and not p.is_dir()
    except OSError:
        return False


def _by_text(text: str) -> str | None:
    """Errors raised without a code (a few come from the sqlite3 module itself)."""
    text = text.lower()
    for needle, code in (
        ("disk is full", "disk_full"),
        ("readonly", "db_readonly"),
        ("locked", "db_busy"),
        ("not a database", "db_not_database"),
        ("malformed", "db_corrupt"),
        ("disk i/o", "db_io"),
    ):
        if needle in text:
            return code
    return None


def from_os(exc: OSError, path: Path | str) -> StorageError:
    code = _ERRNOS.get(exc.errno or 0, "db_io")
    return fault(code, path, os_reason(exc))
