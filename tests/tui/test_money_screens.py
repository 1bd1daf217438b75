"""Issue 12 on the screens: Kasir refuses before any code or cash, Riwayat shows the day's net."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bazar_pos.booth import close, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.booth.totals import day_totals
from bazar_pos.tui.app import make_booth_app
from tests.tui.conftest import DAY, NOW, make_app, notices, screen_text, type_in


def _close_today(path: Path) -> None:
    ledger = Ledger.open(path)
    close.close_day(ledger, DAY, counted=0, now=NOW)
    ledger.close()


async def test_closed_day_refuses_qris_and_cash_before_any_code_or_cash(demo_db: Path) -> None:
    _close_today(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_in(pilot, "kurma suk\r")
        for key in ("f10", "f9", "f11"):  # QRIS, cash, split
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.__class__.__name__ == "KasirScreen", key
            assert "ditutup" in notices(app)
        assert app.ctx.ledger.query("SELECT * FROM sale_holds") == []
        assert sales.list_sales(app.ctx.ledger, DAY) == []


async def test_cancelled_qris_gives_its_number_back(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_in(pilot, "kurma suk\r")
        await pilot.press("f10")
        assert app.screen.__class__.__name__ == "QrisPayment"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f9", "enter")  # the customer pays cash instead
        await pilot.pause()
        assert [r["sale_no"] for r in sales.list_sales(app.ctx.ledger, DAY)] == [
            "DEMO01-260320-0001"
        ]


def _refund_next_day(path: Path) -> None:
    ledger = Ledger.open(path)
    sale = sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash")], now=NOW)
    sales.refund(ledger, sale.sale_no, {"NST-250": 1}, reason="rusak", now=NOW + timedelta(days=1))
    ledger.close()


async def test_riwayat_header_is_the_days_net_with_a_refund_on_the_next_day(
    demo_db: Path,
) -> None:
    _refund_next_day(demo_db)
    app = make_booth_app(demo_db, now=lambda: NOW + timedelta(days=1))  # the day of the refund
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(app)
        assert "0 penjualan · Bersih -Rp55.000 · retur -Rp55.000" in text
        await pilot.press("f11")  # the day before: the sale, whole
        await pilot.pause()
        assert day_totals(app.ctx.ledger, DAY).net == 110_000
        assert "1 penjualan · Bersih Rp110.000" in screen_text(app)


async def test_percent_discount_shows_its_percent_and_refuses_over_100(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_in(pilot, "nas\r")
        await pilot.press("f7")
        await type_in(pilot, "150%\r")
        await pilot.pause()
        assert "melebihi 100%" in notices(app)
        assert not app.ctx.draft.discount
        await pilot.press("f7")
        await type_in(pilot, "12.5%\r")
        await pilot.pause()
        assert "diskon 12.5%" in screen_text(app)
        assert app.screen.quote.discount == 55_000 * 125 // 1000
