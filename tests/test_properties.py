"""Whatever happens at the booth, the books balance and the ledger verifies."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bazar_pos.booth import sales, stock, totals
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.booth.schema import PROJECTIONS
from bazar_pos.errors import BazarError
from tests.conftest import DAY, NOW, new_booth

SKUS = ["NST-250", "KST-250", "PSJ-250", "LDH-250", "KRP-250"]

line = st.tuples(st.sampled_from(SKUS), st.integers(1, 4), st.sampled_from([0, 0, 1000, 5000]))
sell = st.tuples(
    st.just("sell"),
    st.lists(line, min_size=1, max_size=4),
    st.sampled_from([0, 0, 2000, 10_000]),
    st.sampled_from(["cash", "transfer", "split"]),
)
void = st.tuples(st.just("void"), st.integers(0, 30))
refund = st.tuples(st.just("refund"), st.integers(0, 30), st.sampled_from(SKUS), st.integers(1, 3))
restock = st.tuples(st.just("restock"), st.sampled_from(SKUS), st.integers(1, 20))
adjust = st.tuples(st.just("adjust"), st.sampled_from(SKUS), st.integers(-5, 5))
count = st.tuples(st.just("count"), st.sampled_from(SKUS), st.integers(0, 40))
ops = st.lists(st.one_of(sell, sell, void, refund, restock, adjust, count), max_size=25)


def _apply(ledger: Ledger, op: tuple) -> None:
    kind = op[0]
    sale_nos = [r["sale_no"] for r in sales.list_sales(ledger, DAY)]
    if kind == "sell":
        _, lines, discount, method = op
        cart = sales.Cart([CartLine(s, q, d) for s, q, d in lines], discount)
        if method == "split":
            pays = [PaymentPart("cash", 1000, tendered=5000), PaymentPart("transfer")]
        else:
            pays = [PaymentPart(method)]
        sales.checkout(ledger, cart, pays, now=NOW)
    elif kind == "void" and sale_nos:
        sales.void(ledger, sale_nos[op[1] % len(sale_nos)], reason="salah input", now=NOW)
    elif kind == "refund" and sale_nos:
        sales.refund(
            ledger, sale_nos[op[1] % len(sale_nos)], {op[2]: op[3]}, reason="retur", now=NOW
        )
    elif kind == "restock":
        stock.restock(ledger, op[1], op[2], now=NOW)
    elif kind == "adjust" and op[2]:
        stock.adjust(ledger, op[1], op[2], reason="koreksi", now=NOW)
    elif kind == "count":
        stock.count(ledger, op[1], op[2], now=NOW)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_any_sequence_keeps_the_books(sequence: list[tuple]) -> None:
    ledger = new_booth()
    try:
        for op in sequence:
            head = ledger.head()
            try:
                _apply(ledger, op)
            except BazarError:
                assert ledger.head() == head, "a refusal must write nothing"
        _check(ledger)
    finally:
        ledger.close()


def _check(ledger: Ledger) -> None:
    q = ledger.query
    for p in q("SELECT sku, stock, opening FROM products"):
        moves = q("SELECT COALESCE(SUM(delta), 0) AS d FROM stock_moves WHERE sku = ?", (p["sku"],))
        later = q(
            "SELECT COALESCE(SUM(delta), 0) AS d FROM stock_moves WHERE sku = ?"
            " AND kind != 'opening'",
            (p["sku"],),
        )
        assert p["stock"] == moves[0]["d"] == p["opening"] + later[0]["d"]
    for s in q("SELECT * FROM sales"):
        lines = q("SELECT * FROM sale_lines WHERE sale_no = ?", (s["sale_no"],))
        assert s["total"] == sum(ln["amount"] for ln in lines) - s["discount"]
        assert s["total"] == s["subtotal"] - s["line_discounts"] - s["discount"]
        assert sum(ln["net"] for ln in lines) == s["total"]
        assert s["refunded"] <= s["total"]
    t = totals.day_totals(ledger, DAY)
    kept = q("SELECT COALESCE(SUM(total), 0) AS t FROM sales WHERE status != 'voided'")[0]["t"]
    refunds = q("SELECT COALESCE(SUM(amount), 0) AS r FROM refunds")[0]["r"]
    assert t.net == kept - refunds == t.gross - t.discounts - t.voids - t.refunds
    assert sum(t.by_payment.values()) == t.net
    numbers = [r["day_no"] for r in q("SELECT day_no FROM sales ORDER BY day_no")]
    assert numbers == list(range(1, len(numbers) + 1))
    assert verify(ledger).ok


@settings(max_examples=25, deadline=None)
@given(ops, st.sampled_from(["products", "sales", "sale_lines", "payments", "stock_moves"]))
def test_editing_any_row_by_hand_fails_verify(sequence: list[tuple], table: str) -> None:
    ledger = new_booth()
    try:
        for op in [("sell", [("NST-250", 1, 0)], 0, "cash"), *sequence]:
            with contextlib.suppress(BazarError):
                _apply(ledger, op)
        column = {
            "products": "stock",
            "sales": "total",
            "sale_lines": "qty",
            "payments": "amount",
            "stock_moves": "delta",
        }[table]
        key = PROJECTIONS[table]  # these tables have no rowid since migration 0010
        ledger.conn.execute(
            f"UPDATE {table} SET {column} = {column} + 7 "
            f"WHERE ({key}) = (SELECT {key} FROM {table} ORDER BY {key} LIMIT 1)"
        )
        assert not verify(ledger).ok
    finally:
        ledger.close()
