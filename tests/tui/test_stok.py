"""Stock: restock, count with the variance shown, adjust with a reason, add and edit products."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import catalog
from tests.tui.conftest import make_app, notices, screen_lines, screen_text, settle, type_in


async def test_restock_and_count_show_the_variance(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await type_in(pilot, "nastar")
        assert "NST-250" in screen_text(app) and "KST-250" not in screen_text(app)
        await pilot.press("f8")
        await type_in(pilot, "12\r")
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 36
        await pilot.press("f10")
        await type_in(pilot, "33\r")
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 33
        text = screen_text(app)
        assert "sistem 36, dihitung 33, selisih -3" in text
        # the cashier sees the new figure when the vendor goes back to selling
        await pilot.press("f1")
        await settle(pilot)
        await type_in(pilot, "nastar")
        kasir_rows = [ln.split("▊")[0].rstrip() for ln in screen_lines(app)]
        assert any("Nastar Keju" in ln and ln.endswith(" 33") for ln in kasir_rows)


async def test_adjust_needs_a_reason_and_bad_input_changes_nothing(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await type_in(pilot, "kurma suk")
        await pilot.press("f9")
        await type_in(pilot, "-2\r")
        await type_in(pilot, "\r")  # no reason
        assert "alasannya" in notices(app)
        await type_in(pilot, "pecah\r")
        assert catalog.get(app.ctx.ledger, "KRM-SKR").stock == 6
        await pilot.press("f8")
        await type_in(pilot, "banyak\r")
        assert "bilangan bulat" in notices(app)
        assert catalog.get(app.ctx.ledger, "KRM-SKR").stock == 6


async def test_add_and_edit_a_product(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "f6")
        # the form walks SKU, name, price, category, opening stock (issue 16: was SKU, stock, name)
        for text in ("KUE-LPS\r", "Kue Lapis Legit\r", "85.000\r", "kue basah\r", "10\r"):
            await type_in(pilot, text)
        await pilot.press("f9")
        await settle(pilot)  # written in a worker
        p = catalog.get(app.ctx.ledger, "KUE-LPS")
        assert (p.name, p.price, p.stock, p.category) == (
            "Kue Lapis Legit",
            85_000,
            10,
            "kue basah",
        )
        await type_in(pilot, "lapis")
        await pilot.press("f7", "ctrl+u")
        await type_in(pilot, "Lapis Legit Premium\r")  # Enter moves on to the price
        await pilot.press("ctrl+u")
        await type_in(pilot, "90000")
        await pilot.press("f9")
        await settle(pilot)  # written in a worker
        p = catalog.get(app.ctx.ledger, "KUE-LPS")
        assert (p.name, p.price) == ("Lapis Legit Premium", 90_000)


async def test_restock_and_count_dialogs_stay_open_on_a_bad_entry(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await type_in(pilot, "nastar")
        await pilot.press("f8")
        await type_in(pilot, "dua\r")  # refused: the dialog stays, the retry lands in it
        assert "bilangan bulat" in notices(app)
        assert app.screen.__class__.__name__ == "AskText"
        await pilot.press("ctrl+u")
        await type_in(pilot, "2\r")
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 26
        await pilot.press("f10")
        await type_in(pilot, "-1\r")
        assert app.screen.__class__.__name__ == "AskText"
        await pilot.press("ctrl+u")
        await type_in(pilot, "25\r")
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 25
        assert app.screen.query_one("#stock-filter").value == "nastar"  # type: ignore[attr-defined]


async def test_the_product_form_takes_a_cost_and_warns_of_a_loss(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "f6")
        for text in ("KUE-LPS\r", "Kue Lapis Legit\r", "85.000\r", "kue basah\r", "10\r"):
            await type_in(pilot, text)
        await type_in(pilot, "52.000")  # the cost comes after the opening stock
        assert "52.000" in screen_text(app)
        await pilot.press("f9")
        await settle(pilot)  # written in a worker
        assert catalog.get(app.ctx.ledger, "KUE-LPS").cost == 52_000
        await type_in(pilot, "lapis")
        await pilot.press("f7", "tab", "tab", "tab", "ctrl+u")
        await type_in(pilot, "-1")
        await pilot.press("f9")
        await settle(pilot)  # written in a worker
        assert "negatif" in notices(app)
        assert catalog.get(app.ctx.ledger, "KUE-LPS").cost == 52_000  # nothing changed
        await pilot.press("ctrl+u")
        await type_in(pilot, "99000")
        await pilot.press("f9")
        await settle(pilot)  # written in a worker
        assert catalog.get(app.ctx.ledger, "KUE-LPS").cost == 99_000
        assert "rugi" in notices(app)
