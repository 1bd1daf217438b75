"""The journal proves itself: any hand edit, in the journal or the tables, fails verify."""

from __future__ import annotations

import sqlite3

import pytest

from bazar_pos.booth import sales, stock
from bazar_pos.booth.ledger import Ledger, check_tail, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from tests.conftest import NOW


def _sell(ledger: Ledger) -> str:
    sale = sales.checkout(
        ledger,
        [CartLine("NST-250", 2), CartLine("KST-250", 1, discount=5000)],
        [PaymentPart("cash", tendered=200_000)],
        now=NOW,
    )
    return sale.sale_no


def test_fresh_ledger_verifies(ledger: Ledger) -> None:
    _sell(ledger)
    result = verify(ledger)
    assert result.ok and result.entries == ledger.head()[0]
    assert result.head_hash == ledger.head()[1]


def test_entries_refuse_update_and_delete(ledger: Ledger) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        ledger.conn.execute("UPDATE entries SET kind = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        ledger.conn.execute("DELETE FROM entries WHERE seq = 1")


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE products SET stock = stock + 1 WHERE sku = 'NST-250'",
        "UPDATE products SET price = 1 WHERE sku = 'KST-250'",
        "UPDATE sales SET total = total - 1000",
        "UPDATE sale_lines SET qty = 1 WHERE line_no = 1",
        "UPDATE payments SET method = 'qris'",
        "DELETE FROM stock_moves WHERE seq = (SELECT MAX(seq) FROM stock_moves)",
        "INSERT INTO profile (key, value) VALUES ('qris', '\"x\"')",
    ],
)
def test_editing_a_projection_fails_verify(ledger: Ledger, tamper: str) -> None:
    _sell(ledger)
    ledger.conn.execute(tamper)
    result = verify(ledger)
    assert not result.ok
    assert result.problem


def _without_triggers(ledger: Ledger, sql: str) -> None:
    ledger.conn.executescript(
        "DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;" + sql
    )


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        (
            "UPDATE entries SET payload = replace(payload, '\"qty\":2', '\"qty\":1') "
            "WHERE kind = 'sale';",
            "hash does not match",
        ),
        (
            "UPDATE entries SET at = '2026-03-19T00:00:00.000000Z' WHERE seq = 3;",
            "hash does not match",
        ),
        ("DELETE FROM entries WHERE seq = 5;", "gap in seq"),
        ("UPDATE entries SET hash = 'x' || substr(hash, 2) WHERE seq = 2;", "hash does not match"),
    ],
)
def test_editing_the_journal_names_the_entry(ledger: Ledger, tamper: str, problem: str) -> None:
    _sell(ledger)
    _without_triggers(ledger, tamper)
    result = verify(ledger)
    assert not result.ok
    assert problem in (result.problem or "")
    assert result.bad_seq is not None


@pytest.mark.parametrize("copied", ["last", "first"])
def test_a_copied_entry_breaks_the_chain_without_a_unique_hash_index(
    ledger: Ledger, copied: str
) -> None:
    """Migration 0010 dropped `entries.hash UNIQUE`: a duplicated hash is still caught."""
    _sell(ledger)
    order = "DESC" if copied == "last" else "ASC"
    row = ledger.conn.execute(f"SELECT * FROM entries ORDER BY seq {order} LIMIT 1").fetchone()
    ledger.conn.execute(
        "INSERT INTO entries (seq, at, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?)",
        (ledger.head()[0] + 1, *row[1:]),
    )
    for result in (verify(ledger), check_tail(ledger)):
        assert not result.ok and result.bad_seq == ledger.head()[0]
        assert result.problem == "prev_hash does not match"


def test_corrections_are_new_entries(ledger: Ledger) -> None:
    sale_no = _sell(ledger)
    before = ledger.head()[0]
    sales.void(ledger, sale_no, reason="salah input", now=NOW)
    stock.adjust(ledger, "NST-250", -1, reason="pecah", now=NOW)
    assert ledger.head()[0] == before + 2
    kinds = [e.kind for e in ledger.entries(before + 1)]
    assert kinds == ["void", "stock_adjust"]
    assert verify(ledger).ok
