"""Migrations build the schema from an empty file and never run twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from bazar_pos.booth import qris_setting, sales, stock
from bazar_pos.booth.cart import Cart
from bazar_pos.booth.demo import DEMO_QRIS
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.booth.schema import PROJECTIONS, migrations
from bazar_pos.errors import StorageError
from bazar_pos.services import selling
from tests.conftest import DAY, NOW, new_booth, put_back


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


SALE_PATH = ("entries", "products", "stock_moves", "sales", "sale_lines", "payments", "sale_holds")


def _day_of_selling() -> Ledger:
    """A day with every kind of sale row: cash, QRIS, a given-back number, a refund, a void."""
    ledger = new_booth()
    qris_setting.set_static(ledger, DEMO_QRIS, now=NOW)
    stock.restock(ledger, "NST-250", 5, now=NOW)
    cash = selling.sell(ledger, Cart([CartLine("NST-250", 2)]), [PaymentPart("cash")], now=NOW)
    qris = selling.sell(ledger, Cart([CartLine("KST-250")]), [PaymentPart("qris")], now=NOW)
    walked = selling.prepare(ledger, Cart([CartLine("PSJ-250")]), [PaymentPart("qris")], now=NOW)
    selling.cancel(ledger, walked)
    sales.refund(ledger, cash.sale_no, {"NST-250": 1}, reason="remuk", now=NOW)
    sales.void(ledger, qris.sale_no, reason="salah input", now=NOW)
    return ledger


def _rows(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    keys = {**PROJECTIONS, "entries": "seq", "sale_holds": "day, day_no"}
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY {keys[t]}").fetchall() for t in keys}


def test_0010_rebuilds_a_booth_file_of_the_previous_release_row_for_row(tmp_path: Path) -> None:
    """The file as 0001-0009 left it, holding a real day, opens rebuilt with nothing changed."""
    day = _day_of_selling()
    path = tmp_path / "booth.db"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("PRAGMA journal_mode = WAL")
    migrations.bring_up_to_date(old, stop_before="0010_sale_path_tables_without_rowid")
    assert "WITHOUT ROWID" not in _schema(old, "sales")
    put_back(old, day.entries())
    old.executemany(
        "INSERT INTO sale_holds VALUES (?,?,?,?)", day.conn.execute("SELECT * FROM sale_holds")
    )
    before = _rows(old)
    old.close()
    assert [(day, n, free) for day, n, _, free in before["sale_holds"]] == [
        (DAY, 2, 0),
        (DAY, 3, 1),
    ]

    ledger = Ledger.open(path)
    assert _rows(ledger.conn) == before
    for table in SALE_PATH[1:]:
        assert "WITHOUT ROWID" in _schema(ledger.conn, table), table
    assert ledger.conn.execute("PRAGMA index_list(entries)").fetchall() == []
    assert ledger.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert ledger.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        ledger.conn.execute("DELETE FROM entries WHERE seq = 1")
    assert verify(ledger).ok
    again = selling.sell(ledger, Cart([CartLine("KST-250")]), [PaymentPart("qris")], now=NOW)
    assert again.sale_no == "CP07-260320-0003"  # the number given back before the upgrade
    assert verify(ledger).ok
    ledger.conn.execute(  # as if the rebuild committed and the app died before recording it
        "DELETE FROM _sqlite_migrations WHERE name = '0010_sale_path_tables_without_rowid'"
    )
    after = _rows(ledger.conn)
    ledger.close()
    reopened = Ledger.open(path)
    assert _rows(reopened.conn) == after and verify(reopened).ok
    assert migrations.pending(sqlite_utils.Database(reopened.conn)) == []
    reopened.close()


def _schema(conn: sqlite3.Connection, table: str) -> str:
    return str(conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])
