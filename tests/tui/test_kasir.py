"""The cashier as the vendor uses it: type, Enter, pay, next customer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bazar_pos.booth import demo, sales
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.tui.app import BoothApp

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    ledger = Ledger.open(path)
    demo.seed(ledger, now=NOW)
    ledger.close()
    return path


def make_app(path: Path) -> BoothApp:
    return BoothApp(path, now=lambda: NOW)


async def test_sell_two_products_pay_cash_with_change(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"nas", "enter")
        await pilot.press("2", "*", *"kast", "enter")
        await pilot.press("f9")
        await pilot.press(*"200000", "enter")
        await pilot.pause()
        ledger = app.ctx.ledger
        rows = sales.list_sales(ledger, "2026-03-20")
        assert len(rows) == 1
        sale = sales.get(ledger, rows[0]["sale_no"])
        assert [(ln.sku, ln.qty) for ln in sale.lines] == [("NST-250", 1), ("KST-250", 2)]
        assert sale.total == 55_000 + 2 * 60_000
        assert sale.change == 200_000 - sale.total
        assert verify(ledger).ok
        assert app.screen.query_one("#search").has_focus


async def test_speed_of_hand_three_products_exact_cash(demo_db: Path) -> None:
    """At most 15 presses for three products found by three letters, paid exact."""
    app = make_app(demo_db)
    presses = [*"nas", "enter", *"kas", "enter", *"put", "enter", "f9", "enter"]
    assert len(presses) <= 15
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*presses)
        await pilot.pause()
        rows = sales.list_sales(app.ctx.ledger, "2026-03-20")
        assert len(rows) == 1
        sale = sales.get(app.ctx.ledger, rows[0]["sale_no"])
        assert {ln.sku for ln in sale.lines} == {"NST-250", "KST-250", "PSJ-250"}
        assert sale.change == 0
        # the next sale is ready: typing goes straight into the search box
        await pilot.press(*"nas", "enter")
        assert app.screen.cart and app.screen.cart[0].sku == "NST-250"


async def test_unknown_product_and_overselling_change_nothing(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zzzz", "enter")
        assert app.screen.cart == []
        await pilot.press("ctrl+a", "backspace", *"999*nas", "enter")
        await pilot.pause()
        assert app.screen.cart == []
        await pilot.press("f9")
        assert sales.list_sales(app.ctx.ledger, "2026-03-20") == []


async def test_first_run_form_sets_up_the_booth(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"CP-07", "enter", *"Kue Bu Sari", "enter", *"Rusun", "enter", "enter")
        await pilot.pause()
        assert app.ctx.profile().code == "CP-07"
        assert app.screen.__class__.__name__ == "KasirScreen"
