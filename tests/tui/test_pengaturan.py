"""Settings: a pasted QRIS is checked before it is trusted; the language switches at once."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, Select

from bazar_pos import i18n
from bazar_pos.booth import profile
from bazar_pos.booth.demo import DEMO_QRIS
from tests.tui.conftest import make_app, notices, screen_text, settle, type_in


async def test_set_qris_from_a_pasted_code_with_a_warning(demo_db: Path) -> None:
    lowercase_crc = DEMO_QRIS[:-4] + DEMO_QRIS[-4:].lower()
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.click("#qris")
        await pilot.press("end", "ctrl+u")
        assert "Belum ada QRIS" in screen_text(app)
        app.post_message(events.Paste(DEMO_QRIS[:-1] + "0"))  # one digit mistyped
        await pilot.pause()
        assert "CRC tidak cocok" in screen_text(app)
        await pilot.press("f9")
        assert "CRC tidak cocok" in notices(app)
        assert profile.load(app.ctx.ledger).get("qris") == DEMO_QRIS  # nothing changed
        await pilot.press("ctrl+u")
        app.post_message(events.Paste(lowercase_crc))
        await pilot.pause()
        text = screen_text(app)
        assert "WARUNG BAZAAR BOOTH 7" in text and "CRC ditulis dengan huruf kecil" in text
        await pilot.press("f9")
        assert profile.load(app.ctx.ledger).get("qris") == lowercase_crc
        assert "Pengaturan disimpan" in notices(app)


async def test_receipt_and_hub_settings_refuse_bad_values(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.click("#hub")
        await type_in(pilot, "hub.example")
        await pilot.press("f9")
        assert "http://" in notices(app)
        assert profile.load(app.ctx.ledger).get("hub_url") is None
        await pilot.press("home")
        await type_in(pilot, "https://")
        await pilot.click("#footer")
        await pilot.press("end", "ctrl+u")
        await type_in(pilot, "Sampai jumpa lagi!")
        await pilot.press("f9")
        prof = profile.load(app.ctx.ledger)
        assert prof.get("hub_url") == "https://hub.example"
        assert prof.get("receipt_footer") == "Sampai jumpa lagi!"


async def test_switch_language_keeps_the_cart(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "nas\r")
        assert "F9 Tunai" in screen_text(app)
        await pilot.press("f5")
        await pilot.click("#language")
        await pilot.press("down", "enter")  # English
        await pilot.pause()
        assert i18n.current() == "en"
        assert "F9 Save" in screen_text(app) and "F1 Sell" in screen_text(app)
        assert profile.load(app.ctx.ledger).get("language") is None  # shown, not yet saved
        await pilot.press("f9")
        assert profile.load(app.ctx.ledger).get("language") == "en"
        assert "Settings saved" in notices(app)
        await pilot.press("f1")
        await settle(pilot)  # leaving Pengaturan is a flow: question (none here), then switch
        text = screen_text(app)
        assert "F9 Cash" in text and "Nastar Keju 250 g" in text
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]
        # and back, through the command palette
        await pilot.press("ctrl+p")
        await type_in(pilot, "bahasa")
        await pilot.press("enter")
        await pilot.pause()
        assert i18n.current() == "id" and "F9 Tunai" in screen_text(app)


async def test_the_qr_after_each_sale_choice_speaks_the_screens_language(demo_db: Path) -> None:
    """It read "Tidak / No" in both languages."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        for lang, label, word, other in (
            ("id", "QR tiap jual", "Tidak", "No"),
            ("en", "QR each sale", "No", "Tidak"),
        ):
            await app.switch_language(lang, save=False)
            await settle(pilot)
            row = next(ln for ln in screen_text(app).splitlines() if label in ln)
            assert word in row.split() and other not in row.split(), row


async def test_command_palette_reaches_screen_actions(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "nas\r")
        await pilot.press("ctrl+p")
        await type_in(pilot, "tunai")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CashPayment"
        await pilot.press("escape", "ctrl+p")
        await type_in(pilot, "riwayat")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "RiwayatScreen"


async def test_leaving_settings_asks_to_save_or_discard(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.click("#footer")
        await pilot.press("end", "ctrl+u")
        await type_in(pilot, "Sampai jumpa")
        await pilot.press("f1")
        assert "Simpan perubahan pengaturan?" in screen_text(app)
        await pilot.press("escape")  # discard
        await pilot.pause()
        assert app.screen.__class__.__name__ == "KasirScreen"
        assert profile.load(app.ctx.ledger).get("receipt_footer") != "Sampai jumpa"
        await pilot.press("f5")
        await pilot.click("#footer")
        await pilot.press("end", "ctrl+u")
        await type_in(pilot, "Sampai jumpa")
        await pilot.press("escape", "enter")  # leave, and save
        await pilot.pause()
        assert app.screen.__class__.__name__ == "KasirScreen"
        assert profile.load(app.ctx.ledger).get("receipt_footer") == "Sampai jumpa"
        await pilot.press("f5", "f2")  # nothing changed: no question
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RiwayatScreen"


async def test_backup_folder_keep_count_and_whatsapp(demo_db: Path, tmp_path: Path) -> None:
    from bazar_pos.booth import backup
    from bazar_pos.booth import settings as booth_settings

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        screen = app.screen
        screen.query_one("#whatsapp", Input).value = "0812-3456"  # too short: refused
        screen.query_one("#backup-dir", Input).value = str(tmp_path / "usb")
        await pilot.press("f9")
        await settle(pilot)  # written in a worker
        assert "Bukan nomor WhatsApp Indonesia" in notices(app)
        assert backup.folder_of(app.ctx.ledger)[0] is None  # nothing written
        screen.query_one("#whatsapp", Input).value = "+62 812-3456-7890"
        screen.query_one("#backup-keep", Input).value = "3"
        screen.query_one("#wa-after", Select).value = "yes"
        await pilot.press("f9")
        await settle(pilot)  # written in a worker
        assert backup.folder_of(app.ctx.ledger) == (tmp_path / "usb", 3)
        prof = app.ctx.profile()
        assert prof.get("whatsapp") == "6281234567890"
        assert booth_settings.load(app.ctx.ledger).whatsapp_after_sale
        assert screen.query_one("#whatsapp", Input).value == "6281234567890"
