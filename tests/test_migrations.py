"""Migrations build the schema from an empty file and never run twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.schema import PROJECTIONS, migrations
from bazar_pos.errors import StorageError


def test_from_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    ledger = Ledger.open(path)
    tables = set(sqlite_utils.Database(ledger.conn).table_names())
    assert {"entries", *PROJECTIONS} <= tables
    assert ledger.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert ledger.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [m.name for m in migrations.applied(sqlite_utils.Database(ledger.conn))]
    ledger.close()
    again = Ledger.open(path)
    db = sqlite_utils.Database(again.conn)
    assert [m.name for m in migrations.applied(db)] == applied
    assert migrations.pending(db) == []


def test_a_database_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError) as exc:
        Ledger.open(path)
    assert exc.value.code == "db_foreign"


def test_a_corrupt_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError) as exc:
        Ledger.open(path)
    assert exc.value.code == "db_not_database"  # its own message since issue 14
