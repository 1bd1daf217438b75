"""History: today's sales, opened beside the list; void and refund after a reason and a yes."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import catalog, sales, totals
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from tests.tui.conftest import NOW, make_app, notices, screen_text, type_in


def two_sales(path: Path) -> None:
    ledger = Ledger.open(path)
    sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash", None, 150_000)], now=NOW)
    sales.checkout(
        ledger, [CartLine("KST-250", 1), CartLine("ES-BUAH", 2)], [PaymentPart("transfer")], now=NOW
    )
    ledger.close()


async def test_void_from_history_puts_the_stock_back(demo_db: Path) -> None:
    two_sales(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        text = screen_text(app)
        assert "2 penjualan" in text and "DEMO01-260320-0001" in text
        assert "kembali Rp40.000" in text.replace("\n", " ") or "Rp40.000" in text
        await pilot.press("v")
        await type_in(pilot, "salah input\r")
        assert "Batalkan DEMO01-260320-0001" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        sale = sales.get(app.ctx.ledger, "DEMO01-260320-0001")
        assert sale.status == "voided" and sale.void_reason == "salah input"
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 24
        assert "BATAL" in screen_text(app)
        # a voided sale cannot be voided again: the key is greyed out
        assert app.screen.check_action("void", ()) is None


async def test_void_needs_a_reason_and_a_yes(demo_db: Path) -> None:
    two_sales(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "v", "enter")  # no reason given
        assert "Alasan wajib diisi" in notices(app)
        await type_in(pilot, "batal\r")
        await pilot.press("escape")  # "no" at the confirmation
        await pilot.pause()
        assert sales.get(app.ctx.ledger, "DEMO01-260320-0001").status == "completed"


async def test_refund_one_piece_and_reprint(demo_db: Path) -> None:
    two_sales(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "down")  # the second sale
        await pilot.press("r")  # lines of the sale, each with how many come back
        text = screen_text(app)
        assert "Kastengel" in text and "Es Buah" in text and "dari 2" in text
        await type_in(pilot, "\r1\rrusak")  # none of the first line, one of the second
        assert "Uang kembali: Rp15.000" in screen_text(app)  # the amount before confirming
        await type_in(pilot, "\r")
        assert "Kembalikan Rp15.000 untuk 1× ES-BUAH" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        sale = sales.get(app.ctx.ledger, "DEMO01-260320-0002")
        assert sale.refunded == 15_000 and sale.status == "refunded"
        assert "Retur: Rp15.000" in screen_text(app)
        await pilot.press("p")
        await app.workers.wait_for_complete()
        assert (demo_db.parent / "receipts" / "DEMO01-260320-0002.pdf").exists()
        assert "Struk ditulis" in notices(app)


async def test_a_refund_says_how_the_money_goes_back_and_f2_changes_it(demo_db: Path) -> None:
    """A transfer sale handed back in cash: the close then expects that much less cash."""
    two_sales(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "down", "r")
        await type_in(pilot, "\r1\r")
        assert "Uang kembali: Rp15.000 · Transfer" in screen_text(app)
        await pilot.press("f2")  # typed ahead with the reason, as a fast vendor does
        await type_in(pilot, "rusak\r")
        assert "lewat Tunai?" in screen_text(app).replace("\n", " ")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        ledger = app.ctx.ledger
        row = ledger.one("SELECT amount, method FROM refunds WHERE sale_no = 'DEMO01-260320-0002'")
        assert row is not None and (row["amount"], row["method"]) == (15_000, "cash")
        by_payment = totals.day_totals(ledger, "2026-03-20").by_payment
        assert (by_payment["cash"], by_payment["transfer"]) == (110_000 - 15_000, 90_000)


async def test_earlier_days_but_never_past_today(demo_db: Path) -> None:
    two_sales(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "left")
        text = screen_text(app)
        assert "19 Mar 2026" in text and "0 penjualan" in text
        await pilot.press("right", "right")  # back to today, and no further
        text = screen_text(app)
        assert "20 Mar 2026" in text and "2 penjualan" in text
        await pilot.press("f4", "f11")
        assert "19 Mar 2026" in screen_text(app)
