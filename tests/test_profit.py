"""Cost and profit: the vendor's own figures, from the cost each sale was made at, never sent."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from bazar_pos.booth import catalog, close, profit, sales, totals, whatsapp
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.errors import BazarError, InvalidInput
from bazar_pos.services import closing, receipts
from bazar_pos.sync import booth_key, bundle
from tests.conftest import DAY, NOW, Cli, new_booth

COSTS = {"NST-250": 31_000, "KST-250": 37_500, "KRP-250": 9_000}


def _costed(ledger: Ledger) -> None:
    for sku, cost in COSTS.items():
        catalog.edit(ledger, sku, cost=cost, now=NOW)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_cost_change_mid_day_keeps_earlier_sales_at_their_cost(ledger: Ledger) -> None:
    _costed(ledger)
    sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash")], now=NOW)
    catalog.edit(ledger, "NST-250", cost=40_000, now=NOW + timedelta(hours=1))
    sales.checkout(ledger, [CartLine("NST-250", 1)], [PaymentPart("cash")], now=NOW)
    p = profit.day_profit(ledger, DAY)
    assert (p.net, p.cost, p.profit) == (165_000, 2 * 31_000 + 40_000, 63_000)
    assert [s["cost"] for s in profit.sale_profits(ledger, DAY)] == [62_000, 40_000]
    assert verify(ledger).ok  # the snapshot replays from the journal


def test_voids_and_refunds_take_their_money_and_goods_back(ledger: Ledger) -> None:
    _costed(ledger)
    kept = sales.checkout(ledger, [CartLine("KST-250", 2)], [PaymentPart("cash")], now=NOW)
    gone = sales.checkout(ledger, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    broken = sales.checkout(ledger, [CartLine("KRP-250", 3)], [PaymentPart("cash")], now=NOW)
    sales.void(ledger, gone.sale_no, reason="salah input", now=NOW)
    sales.refund(ledger, kept.sale_no, {"KST-250": 1}, reason="tukar", now=NOW)
    sales.refund(ledger, broken.sale_no, {"KRP-250": 1}, reason="remuk", restock=False, now=NOW)
    p = profit.day_profit(ledger, DAY)
    assert p.net == totals.day_totals(ledger, DAY).net
    # KST: one back on the shelf; KRP: the broken one's cost is still spent
    assert p.cost == 37_500 + 3 * 9_000
    by_sku = {r.sku: r for r in p.products}
    assert "NST-250" not in by_sku and by_sku["KRP-250"].qty == 2
    assert sum(s["profit"] for s in profit.sale_profits(ledger, DAY)) == p.profit


def test_products_without_a_cost_are_named(ledger: Ledger) -> None:
    catalog.edit(ledger, "NST-250", cost=31_000, now=NOW)
    sales.checkout(
        ledger, [CartLine("NST-250"), CartLine("PSJ-250")], [PaymentPart("cash")], now=NOW
    )
    p = profit.day_profit(ledger, DAY)
    assert p.uncosted == ["PSJ-250"] and p.cost == 31_000


def test_bad_costs(ledger: Ledger) -> None:
    before = ledger.head()
    for bad in ("-1", -5, "abc", "1,5"):
        with pytest.raises(InvalidInput):
            catalog.edit(ledger, "NST-250", cost=bad, now=NOW)
    assert ledger.head() == before
    p = catalog.edit(ledger, "NST-250", cost="Rp60.000", now=NOW)
    assert p.loss and catalog.loss_warning(p)
    sales.checkout(ledger, [CartLine("NST-250")], [PaymentPart("cash")], now=NOW)
    assert profit.day_profit(ledger, DAY).profit == -5_000  # shown as a loss


ops = st.lists(
    st.tuples(
        st.sampled_from(["sell", "sell", "void", "refund", "cost"]),
        st.integers(0, 20),
        st.sampled_from(list(COSTS)),
        st.integers(1, 3),
        st.integers(0, 80_000),
        st.booleans(),
    ),
    max_size=20,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_profit_per_day_is_the_sum_over_sales_at_their_cost(sequence: list[tuple]) -> None:
    """Our own model: each sale remembers the costs of the moment; refunds and voids adjust it."""
    ledger = new_booth()
    _costed(ledger)
    cost_now = dict(COSTS)
    model: dict[str, dict] = {}  # sale_no -> {"net", "cost", "left": {sku: [qty, unit_cost]}}
    try:
        for kind, pick, sku, qty, amount, restock in sequence:
            done = [n for n, m in model.items() if not m["voided"]]
            try:
                if kind == "sell":
                    sale = sales.checkout(
                        ledger, [CartLine(sku, qty)], [PaymentPart("cash")], now=NOW
                    )
                    model[sale.sale_no] = {
                        "net": sale.total,
                        "cost": qty * cost_now[sku],
                        "sku": sku,
                        "unit_cost": cost_now[sku],
                        "voided": False,
                    }
                elif kind == "cost":
                    catalog.edit(ledger, sku, cost=amount, now=NOW)
                    cost_now[sku] = amount
                elif kind == "void" and done:
                    no = done[pick % len(done)]
                    sales.void(ledger, no, reason="x", now=NOW)
                    model[no]["voided"] = True
                elif kind == "refund" and done:
                    no = done[pick % len(done)]
                    before = sales.get(ledger, no).refunded
                    after = sales.refund(
                        ledger, no, {model[no]["sku"]: 1}, reason="x", restock=restock, now=NOW
                    )
                    model[no]["net"] -= after.refunded - before
                    if restock:
                        model[no]["cost"] -= model[no]["unit_cost"]
            except BazarError:
                pass
        expected = sum(m["net"] - m["cost"] for m in model.values() if not m["voided"])
        p = profit.day_profit(ledger, DAY)
        assert p.profit == expected
        assert p.net == totals.day_totals(ledger, DAY).net
        assert sum(r.profit for r in p.products) == p.profit
        assert sum(s["profit"] for s in profit.sale_profits(ledger, DAY)) == expected
        s = close.close_day(ledger, DAY, now=NOW + timedelta(hours=12))
        assert s.profit["profit"] == expected
    finally:
        ledger.close()


def test_cost_and_profit_never_leave_the_booth(ledger: Ledger, tmp_path: Path) -> None:
    """Not in the signed bundle, not on the receipt (PDF, ESC/POS text), not in the WhatsApp text."""
    booth_key.remember(ledger, bundle.new_key())
    whatsapp.set_number(ledger, "0812-3456-7890", now=NOW)
    catalog.edit(ledger, "NST-250", cost=31_337, now=NOW)
    sale = sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash")], now=NOW)
    s = close.close_day(ledger, DAY, now=NOW + timedelta(hours=1))
    assert s.profit["cost"] == 62_674
    body = json.dumps(closing.build_bundle(ledger, s, now=NOW))
    for secret in ("cost", "profit", "31337", "62674", "modal", "uncosted"):
        assert secret not in body, secret
    receipt = text_of(receipts.write_receipt(ledger, sale.sale_no))
    wa = whatsapp.for_sale(ledger, sale.sale_no).text
    for secret in ("31.337", "62.674", "31337", "Modal", "Laba"):
        assert secret not in receipt, secret
        assert secret not in wa, secret


def test_cli_cost_import_close_and_summary(cli: Cli, tmp_path: Path) -> None:
    cli("init", "--booth", "CP-07", "--name", "Kue Bu Sari")
    csv = tmp_path / "katalog.csv"
    csv.write_text(
        "Kode;Nama;Harga;Stok;Modal\nNST-250;Nastar;55.000;10;31.000\nKRP-250;Keripik;10000;10;\n",
        encoding="utf-8",
    )
    assert cli("product", "import", str(csv)).exit_code == 0
    assert {
        p["sku"]: p.get("cost") for p in cli("product", "list", "--json").json()["products"]
    } == {
        "NST-250": 31_000,
        "KRP-250": None,
    }
    r = cli("product", "edit", "KRP-250", "--cost", "12000", "--json")
    assert r.exit_code == 0 and r.json()["cost"] == 12_000 and "rugi" in r.stderr
    r = cli("product", "add", "X-1", "--name", "X", "--price", "1000", "--cost", "-5")
    assert r.exit_code == 2 and "negatif" in r.stderr and "Traceback" not in r.stderr
    cli("sell", "NST-250:2", "KRP-250", "--pay", "cash")
    r = cli("close", "--cash-counted", "120000", "--pdf", str(tmp_path / "z.pdf"), "--json")
    assert r.exit_code == 0, r.stderr
    got = r.json()["profit"]
    assert (got["net"], got["cost"], got["profit"]) == (120_000, 74_000, 46_000)
    z = text_of(tmp_path / "z.pdf")
    assert "Laba kotor" in z and "Rp46.000" in z and "belum dicocokkan" in z
    r = cli("summary", "--from", DAY, "--to", DAY, "--json", "--pdf", str(tmp_path / "s.pdf"))
    data = r.json()
    assert data["profit"] == 46_000 and data["days"][0]["profit"] == 46_000
    assert data["by_profit"][0]["sku"] == "NST-250" and data["by_qty"][0]["sku"] == "NST-250"
    assert {s["sku"]: s["stock"] for s in data["stock"]} == {"NST-250": 8, "KRP-250": 9}
    assert "Rp46.000" in text_of(tmp_path / "s.pdf")
    r = cli("summary", "--from", DAY, "--to", "2026-03-01")
    assert r.exit_code == 2 and "sebelum" in r.stderr
