"""The traps a vendor met on a real event day, each as the story that used to go wrong."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import catalog, close, profile, sales
from bazar_pos.booth.ledger import Ledger
from tests.tui.conftest import DAY, NOW, burst, make_app, notices, screen_text, settle, type_in


async def test_quick_cash_offers_the_next_notes_above_the_total(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "nas\r2*kast\r")  # Rp175.000
        await pilot.press("f9")
        text = screen_text(app)
        assert "F3 Rp180.000" in text and "F4 Rp200.000" in text
        await burst(pilot, "f4", "enter")
        (row,) = sales.list_sales(app.ctx.ledger, DAY)
        sale = sales.get(app.ctx.ledger, row["sale_no"])
        assert sale.payments[0].tendered == 200_000 and sale.change == 25_000


async def test_split_without_qris_defaults_to_transfer(demo_db: Path) -> None:
    ledger = Ledger.open(demo_db)
    profile.update_settings(ledger, {"qris": None}, now=NOW)
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "kurma aj\r")
        await pilot.press("f12")
        assert app.screen.query_one("#m2").value == "transfer"  # type: ignore[attr-defined]
        await burst(pilot, *"50000", "enter", "enter", *"REF 1", "enter")
        (row,) = sales.list_sales(app.ctx.ledger, DAY)
        sale = sales.get(app.ctx.ledger, row["sale_no"])
        assert [(p.method, p.amount) for p in sale.payments] == [
            ("cash", 50_000),
            ("transfer", 45_000),
        ]


async def test_esc_at_the_qris_step_says_to_hand_the_cash_back(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_in(pilot, "kurma aj\r")
        await burst(pilot, "f12", *"50000", "enter", "enter")
        assert app.screen.__class__.__name__ == "QrisPayment"
        await burst(pilot, "escape")
        assert "kembalikan Tunai Rp50.000" in notices(app)  # the one word for cash
        assert sales.list_sales(app.ctx.ledger, DAY) == []


async def test_a_closed_day_shows_in_kasir_and_refuses_pay_before_any_dialog(
    demo_db: Path,
) -> None:
    ledger = Ledger.open(demo_db)
    close.close_day(ledger, DAY, counted=0, now=NOW)
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Hari ditutup: F4, lalu F10 buka lagi" in screen_text(app)
        await type_in(pilot, "nas\r")
        await pilot.press("f12")
        assert app.screen.__class__.__name__ == "KasirScreen"  # no cash asked for
        assert "Tutup hari (F4)" in notices(app) and "bazar-pos" not in notices(app)


async def test_an_empty_booth_says_how_to_add_products(tmp_path: Path) -> None:
    ledger = Ledger.open(tmp_path / "new.db")
    profile.init(ledger, code="CP-07", name="Kue", event="Bazar", location="Rusun", now=NOW)
    ledger.close()
    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Belum ada produk: Stok (F3), lalu F6" in screen_text(app)


async def test_products_from_another_process_and_repeated_names(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        other = Ledger.open(demo_db)  # the CLI, while the app is open
        catalog.add(other, "NST-500", name="Nastar Keju 250 g", price="60000", stock="5", now=NOW)
        other.close()
        await pilot.pause(1.5)  # the app looks for outside writes once a second
        await settle(pilot)
        await type_in(pilot, "nastar")
        text = screen_text(app)
        assert "Nastar Keju 250 g · NST-500" in text and "Nastar Keju 250 g · NST-250" in text


async def test_close_day_shows_the_opening_float_and_no_minus_zero(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        text = screen_text(app)
        assert "Modal awal" in text and "-Rp0" not in text
