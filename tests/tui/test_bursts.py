"""Keys that arrive in one chunk (a vendor typing ahead, a barcode scanner) land in order.

Each burst is posted to the app at once, with no wait between keys, as a terminal delivers a
fast typist's keys; the recorded sale and tender must be what was typed.
"""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import sales
from tests.tui.conftest import DAY, burst, make_app, screen_text


def sale_rows(app):  # type: ignore[no-untyped-def]
    return [sales.get(app.ctx.ledger, r["sale_no"]) for r in sales.list_sales(app.ctx.ledger, DAY)]


async def test_cash_dialog_enter_then_the_next_key(demo_db: Path) -> None:
    """`50000 Enter 1`: tendered 50.000, and the 1 goes to the search box of the next sale."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"nas", "enter", "f9", *"60000", "enter", "1")
        (sale,) = sale_rows(app)
        assert sale.payments[0].tendered == 60_000 and sale.change == 5_000
        assert app.screen.query_one("#search").value == "1"  # type: ignore[attr-defined]
        assert "Kembalian" in screen_text(app)


async def test_search_enter_pay_enter_search_enter(demo_db: Path) -> None:
    """`pec Enter F9 Enter kpt Enter`: two sales, the second product in the second sale."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"nas", "enter", "f9", "enter", *"kast", "enter")
        (sale,) = sale_rows(app)
        assert [ln.sku for ln in sale.lines] == ["NST-250"]
        assert [ln.sku for ln in app.ctx.draft.lines] == ["KST-250"]


async def test_a_whole_day_of_sales_in_one_burst(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(
            pilot,
            *"nas", "enter", *"kast", "enter", "f9", *"200000", "enter",
            *"2*put", "enter", "f9", "enter",
            *"kurma aj", "enter", "f11", *"BCA 9", "enter",
        )  # fmt: skip
        done = sale_rows(app)
        assert [[(ln.sku, ln.qty) for ln in s.lines] for s in done] == [
            [("NST-250", 1), ("KST-250", 1)],
            [("PSJ-250", 2)],
            [("KRM-600", 1)],
        ]
        assert done[0].payments[0].tendered == 200_000
        assert done[1].change == 0
        assert done[2].payments[0].reference == "BCA 9"


async def test_clear_confirm_then_the_next_product(demo_db: Path) -> None:
    """After F8 "Kosongkan?", `Enter bar Enter` empties the cart and adds the next product."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"nas", "enter", "f8", "enter", *"kast", "enter")
        assert [ln.sku for ln in app.ctx.draft.lines] == ["KST-250"]


async def test_backspace_in_a_burst_deletes_what_came_before_it(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"nas", "enter", "f9", *"1000009", "backspace", "enter")
        (sale,) = sale_rows(app)
        assert sale.payments[0].tendered == 100_000


async def test_split_plan_then_cash_then_qris_in_one_burst(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(pilot, *"kurma aj", "enter", "f12", *"50000", "enter", *"100000", "enter")
        assert app.screen.__class__.__name__ == "QrisPayment"
        await burst(pilot, "enter", *"nas", "enter")
        (sale,) = sale_rows(app)
        assert [(p.method, p.amount) for p in sale.payments] == [("cash", 50_000), ("qris", 45_000)]
        assert sale.payments[0].tendered == 100_000
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]


async def test_line_edit_and_discount_dialogs_in_a_burst(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"3*nas", "enter", "f6", "enter", "ctrl+u", "2", "enter", *"5000")
        await burst(pilot, "enter", "f7", *"10%", "enter", "f9", "enter")
        (sale,) = sale_rows(app)
        assert (sale.lines[0].qty, sale.lines[0].discount) == (2, 5_000)
        assert sale.discount == 10_500


async def test_a_whole_split_sale_in_one_burst(demo_db: Path) -> None:
    """Plan, cash, then Enter for the QRIS part and the next product, all typed ahead: the
    Enter waits for the QRIS step (built after the cash dialog closed), never the search box."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(
            pilot,
            *"kurma aj", "enter", "f12", *"50000", "enter", *"100000", "enter",
            "enter", *"nas", "enter",
        )  # fmt: skip
        (sale,) = sale_rows(app)
        assert [(p.method, p.amount) for p in sale.payments] == [("cash", 50_000), ("qris", 45_000)]
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]
