"""QRIS on the screen: the code a phone scans off the terminal is the sale's own payload."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image

from bazar_pos.booth import sales
from bazar_pos.payments import decode_image, parse_qris, terminal_to_rows
from bazar_pos.tui.app import BoothApp
from tests.tui.conftest import DAY, make_app, screen_lines, screen_text, type_in


def decode_screen_qr(app: BoothApp) -> str:
    """Rasterize the half blocks on screen back into modules (4 px each) and scan them."""
    region = app.screen.query_one("#qr").region
    lines = screen_lines(app)[region.y : region.bottom]
    crop = [line[region.x : region.right] for line in lines]
    rows = terminal_to_rows(crop)
    scale = 4
    img = Image.new("L", (len(rows[0]) * scale, len(rows) * scale), 255)
    pixels = img.load()
    assert pixels is not None
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    for dx in range(scale):
                        pixels[x * scale + dx, y * scale + dy] = 0
    found = zxingcpp.read_barcodes(img)
    assert found, "no QR code readable on the screen"
    return str(found[0].text)


async def test_pay_by_qris_the_shown_code_decodes_to_the_sale(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_in(pilot, "kurma suk\r")
        await type_in(pilot, "es buah\r")
        await pilot.press("f10")  # one key: the QR is on screen
        assert app.screen.__class__.__name__ == "QrisPayment"
        shown = decode_screen_qr(app)
        info = parse_qris(shown)
        assert info.is_dynamic and info.amount == 135_000
        assert info.bill_number == "DEMO01-260320-0001"
        assert "Rp135.000" in screen_text(app)
        await pilot.press("enter")  # the vendor sees the payment arrive
        await pilot.pause()
        sale = sales.get(app.ctx.ledger, sales.list_sales(app.ctx.ledger, DAY)[0]["sale_no"])
        assert sale.qris == shown
        assert [(p.method, p.amount) for p in sale.payments] == [("qris", 135_000)]
        assert app.ctx.draft.lines == []


async def test_too_small_for_a_scannable_qr_offers_the_png(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "kurma suk\r")
        await pilot.press("f10")
        assert "Layar terlalu kecil" in screen_text(app)
        assert not app.screen.query_one("#qr").display
        await pilot.press("f8")
        png = app.screen.png  # type: ignore[attr-defined]
        assert png is not None and png.exists()
        assert parse_qris(decode_image(png)).amount == 120_000
        await pilot.press("escape")  # the buyer walks away: nothing is recorded
        assert sales.list_sales(app.ctx.ledger, DAY) == []
        assert [ln.sku for ln in app.ctx.draft.lines] == ["KRM-SKR"]


async def test_qris_without_a_booth_code_says_how_to_set_it(demo_db: Path) -> None:
    from bazar_pos.booth import profile
    from bazar_pos.booth.ledger import Ledger
    from tests.tui.conftest import NOW, notices

    ledger = Ledger.open(demo_db)
    profile.update_settings(ledger, {"qris": None}, now=NOW)
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "nas\r")
        await pilot.press("f10")
        assert app.screen.__class__.__name__ == "KasirScreen"
        assert "belum punya QRIS" in notices(app)
