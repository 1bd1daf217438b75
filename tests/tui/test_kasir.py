"""The cashier as the vendor uses it: type, Enter, pay, next customer."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, Select

from bazar_pos import money
from bazar_pos.booth import catalog, profile, sales
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.tui.screens.kasir import KasirScreen
from bazar_pos.tui.widgets.line_table import LineTable
from tests.tui.conftest import DAY, NOW, make_app, notices, screen_text, type_in


def only_sale(app):  # type: ignore[no-untyped-def]
    rows = sales.list_sales(app.ctx.ledger, DAY)
    assert len(rows) == 1
    return sales.get(app.ctx.ledger, rows[0]["sale_no"])


async def test_sell_two_products_pay_cash_with_change(demo_db: Path) -> None:
    """Issue 2, item 7: two products found by typing, paid cash, change shown, sale recorded."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"nas", "enter")
        await pilot.press("2", "*", *"kast", "enter")
        assert "3 barang · Rp175.000" in screen_text(app)
        await pilot.press("f9")
        await pilot.press(*"200000", "enter")
        await pilot.pause()
        sale = only_sale(app)
        assert [(ln.sku, ln.qty) for ln in sale.lines] == [("NST-250", 1), ("KST-250", 2)]
        assert sale.total == 55_000 + 2 * 60_000
        assert sale.change == 200_000 - sale.total
        assert verify(app.ctx.ledger).ok
        assert catalog.get(app.ctx.ledger, "KST-250").stock == 18
        assert "Kembalian" in screen_text(app)
        assert app.screen.query_one("#search").has_focus
        await app.workers.wait_for_complete()
        assert (demo_db.parent / "receipts" / f"{sale.sale_no}.pdf").exists()


async def test_speed_of_hand_three_products_exact_cash(demo_db: Path) -> None:
    """14 presses for three products found by three letters, paid exact."""
    app = make_app(demo_db)
    presses = [*"nas", "enter", *"kas", "enter", *"put", "enter", "f9", "enter"]
    assert len(presses) == 14  # the README quotes this figure
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*presses)
        await pilot.pause()
        sale = only_sale(app)
        assert [ln.sku for ln in sale.lines] == ["NST-250", "KST-250", "PSJ-250"]
        assert sale.change == 0 and sale.payments[0].method == "cash"
        # the next sale is ready without another key: typing goes straight into the search box
        await pilot.press(*"nas", "enter")
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]


async def test_sell_three_products_by_typing_and_get_change(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"kurma aj", "enter", *"es b", "enter", *"3*kol", "enter")
        await pilot.press("f9", *"150.000", "enter")
        await pilot.pause()
        sale = only_sale(app)
        assert [(ln.sku, ln.qty) for ln in sale.lines] == [
            ("KRM-600", 1),
            ("ES-BUAH", 1),
            ("KLP-1", 3),
        ]
        assert sale.total == 95_000 + 15_000 + 36_000
        assert sale.change == 4_000
        digits = app.screen.query_one("#big")
        assert digits.value == "4.000"  # type: ignore[attr-defined]


async def test_quantity_keys_line_edit_and_discounts(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"3*nas", "enter", "+", "+", "-")
        assert app.ctx.draft.lines[0].qty == 4
        await pilot.press(*"kast", "enter", "f6")  # into the cart, on the last line
        assert app.screen.query_one("#cart").has_focus
        await pilot.press("up", "enter")  # edit the Nastar line
        await pilot.press("ctrl+u", "2", "enter", *"5000", "enter")
        assert app.ctx.draft.lines[0].qty == 2 and app.ctx.draft.lines[0].discount == 5_000
        await pilot.press("down", "delete")  # remove Kastengel
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]
        await pilot.press("f7", *"10%", "enter")
        assert app.ctx.draft.discount.label() == "10%"  # kept as a percent of the cart
        assert app.screen.quote.discount == 10_500
        await pilot.press("f9", "enter")
        await pilot.pause()
        sale = only_sale(app)
        assert sale.line_discounts == 5_000 and sale.discount == 10_500
        assert sale.total == 110_000 - 5_000 - 10_500


async def test_barcode_scanner_burst_adds_each_sku(demo_db: Path) -> None:
    """A scanner types SKU+Enter faster than the screen redraws; every scan still counts."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        for ch in "KST-250\rNST-250\rKST-250\r":
            key = "enter" if ch == "\r" else ("minus" if ch == "-" else ch)
            app.post_message(events.Key(key, None if ch == "\r" else ch))
        await pilot.pause()
        await pilot.pause()
        assert [(ln.sku, ln.qty) for ln in app.ctx.draft.lines] == [
            ("KST-250", 2),
            ("NST-250", 1),
        ]


async def test_enter_adds_the_row_the_arrows_chose(demo_db: Path) -> None:
    """Down then Enter adds the highlighted product, not the first one of the list."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"250")
        table = app.screen.query_one("#products", LineTable)
        second = table.rows[1].sku
        assert second != table.rows[0].sku
        await pilot.press("down", "enter")
        assert [ln.sku for ln in app.ctx.draft.lines] == [second]
        assert app.screen.query_one("#search", Input).value == ""
        await pilot.press(*"nas", "enter")  # and the next product is found as usual
        assert [ln.sku for ln in app.ctx.draft.lines] == [second, "NST-250"]


async def test_pay_is_greyed_out_on_an_empty_cart(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.check_action("pay", ("cash",)) is None
        await pilot.press("f9", "f10", "f12")
        assert app.screen is screen
        await pilot.press(*"nas", "enter")
        assert screen.check_action("pay", ("cash",)) is True


async def test_bad_input_changes_nothing(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zzzz", "enter")
        assert app.ctx.draft.lines == []
        await pilot.press(*"999*nas", "enter")  # more than the 24 in stock
        await pilot.pause()
        assert app.ctx.draft.lines == []
        assert "Stok Nastar Keju 250 g tidak cukup" in notices(app)
        await pilot.press(*"nas", "enter", "f9", *"1000", "enter")  # short of the total
        assert isinstance(app.screen, type(app.screen)) and not isinstance(app.screen, KasirScreen)
        await pilot.press("escape")
        assert sales.list_sales(app.ctx.ledger, DAY) == []
        assert len(app.ctx.draft.lines) == 1


async def test_split_payment_cash_then_qris(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"kurma aj", "enter")
        await pilot.press("f12", *"50000", "enter")  # first part cash, the rest QRIS
        await pilot.press(*"100000", "enter")  # the cash part: Rp100.000 handed over
        assert app.screen.__class__.__name__ == "QrisPayment"
        await pilot.press("enter")  # the buyer's app shows paid
        await pilot.pause()
        sale = only_sale(app)
        assert [(p.method, p.amount) for p in sale.payments] == [("cash", 50_000), ("qris", 45_000)]
        assert sale.payments[0].change == 50_000 and sale.change == 50_000
        assert sale.qris and "540545000" in sale.qris


async def test_the_split_dialog_never_makes_two_cash_parts(demo_db: Path) -> None:
    """Cash is one drawer with one amount handed over: cash and 'the rest in cash' is refused in
    the dialog, and nothing is recorded."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"kurma aj", "enter", "f12")
        dialog = app.screen
        dialog.query_one("#m2", Select).value = "cash"
        await pilot.press(*"50000", "enter")
        await pilot.pause()
        assert app.screen is dialog and "cara bayar berbeda" in notices(app)
        await pilot.press("escape")
        await pilot.pause()
        assert sales.list_sales(app.ctx.ledger, DAY) == []


async def test_transfer_with_reference(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"batik tul", "enter", "f11", *"BCA 123", "enter")
        await pilot.pause()
        sale = only_sale(app)
        assert sale.payments[0].method == "transfer" and sale.payments[0].reference == "BCA 123"


async def test_first_run_form_sets_up_the_booth(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Selamat datang" in screen_text(app)
        await pilot.press(*"CP-07", "enter", *"Kue Bu Sari", "enter", *"Rusun", "enter", "enter")
        await pilot.press("enter")  # no owner PIN: the reminder says how to set one later
        await pilot.pause()
        assert app.ctx.profile().code == "CP-07"
        assert isinstance(app.screen, KasirScreen)
        assert "CP-07" in screen_text(app)


async def test_first_run_refuses_a_bad_code_and_stays(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"!!", "enter", *"Kue", "enter", "enter", "enter", "enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SetupScreen"
        assert "Kode booth tidak sah" in notices(app)


async def test_first_run_typed_in_one_burst_reaches_the_owner_pin(tmp_path: Path) -> None:
    """Enter on the event saved the form: the PIN typed after it went into Kasir's search and
    the booth opened with no owner PIN."""
    from bazar_pos.booth import staff

    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "CP-07\rKue Bu Sari\rRusun\rBazar Jakpreneur\r482915\r482916\r")
        assert "tidak sama" in notices(app) and not staff.has_owner_pin(app.ctx.ledger)
        await type_in(pilot, "482915\r")  # typed hidden, so twice: a slip sets nothing
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert staff.has_owner_pin(app.ctx.ledger)
        assert app.screen.query_one(Input).value == ""  # the PIN never reached the search box


async def test_a_quantity_prefix_is_checked_like_every_quantity(demo_db: Path) -> None:
    """`0*nas` put one Nastar in the cart and `١٢*nas` twelve; both are refused, the cart empty."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, KasirScreen)
        await type_in(pilot, "0*nas\r")
        assert "lebih dari nol" in notices(app) and not screen.cart.lines
        await type_in(pilot, "\u0661\u0662*nas\r")
        assert "bilangan bulat" in notices(app) and not screen.cart.lines
        await type_in(pilot, "3*nas\r")
        assert [(ln.sku, ln.qty) for ln in screen.cart.lines] == [("NST-250", 3)]


async def test_a_printer_that_is_away_still_leaves_the_pdf(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        profile.update_settings(
            app.ctx.ledger, {"printer": f"file:{demo_db.parent}/no/such/lp0"}, now=NOW
        )
        await pilot.press(*"nas", "enter", "f9", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        sale = only_sale(app)
        pdf = demo_db.parent / "receipts" / f"{sale.sale_no}.pdf"
        assert pdf.exists() and app.ctx.last_receipt == pdf
        assert "struk ✓" in screen_text(app)
        assert "printer" in notices(app).lower()


async def test_a_booth_without_whatsapp_is_pointed_at_pengaturan_not_a_command(
    demo_db: Path,
) -> None:
    """Inside the app a refusal names the screen and key that fix it, never a command to type."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_in(pilot, "nas\r")
        await pilot.press("f9", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        said = notices(app)
        assert "Pengaturan (F5)" in said and "bazar-pos" not in said
        assert app.screen.__class__.__name__ == "KasirScreen"


async def test_the_whatsapp_qr_of_the_last_sale_decodes_to_the_booth_and_the_sale(
    demo_db: Path,
) -> None:
    """A key shows it; with the option set it comes after every sale. Decoded off the screen."""
    from urllib.parse import parse_qs, urlsplit

    from bazar_pos.booth import settings, whatsapp
    from bazar_pos.booth.ledger import Ledger
    from tests.tui.test_qris import decode_screen_qr

    ledger = Ledger.open(demo_db)
    whatsapp.set_number(ledger, "0812-3456-7890", now=NOW)
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+l")
        assert "Belum ada penjualan" in notices(app)
        await type_in(pilot, "nas\r")
        await pilot.press("f9", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        sale = app.ctx.last_sale
        assert sale is not None and app.screen.__class__.__name__ == "KasirScreen"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "WhatsAppQr"
        url = urlsplit(decode_screen_qr(app))
        assert (url.netloc, url.path) == ("wa.me", "/6281234567890")
        text = parse_qs(url.query)["text"][0]
        assert sale.sale_no in text and money.fmt(sale.total) in text
        await pilot.press("escape")
        settings.update(app.ctx.ledger, {"whatsapp_after_sale": True}, now=NOW)
        await type_in(pilot, "kas\r")
        await pilot.press("f9", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "WhatsAppQr"
        second = app.ctx.last_sale
        assert second is not None and second.sale_no != sale.sale_no
        assert second.sale_no in parse_qs(urlsplit(decode_screen_qr(app)).query)["text"][0]


async def test_one_piece_in_the_cart_reads_1_item_in_english(demo_db: Path) -> None:
    """English counts one piece as `1 item` (it said `1 items`), two as `2 items`."""
    ledger = Ledger.open(demo_db)
    profile.update_settings(ledger, {"language": "en"}, now=NOW)
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"nas", "enter")
        await pilot.pause()
        assert "1 item ·" in screen_text(app) and "1 items" not in screen_text(app)
        await pilot.press(*"kas", "enter")
        await pilot.pause()
        assert "2 items ·" in screen_text(app)
