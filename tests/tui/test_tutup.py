"""Close the day: the cash counted note by note against the expected, the difference live."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import cash, days, profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.sync.bundle import new_key
from bazar_pos.sync.join import join
from bazar_pos.sync.kit import Kit
from tests.tui.conftest import DAY, NOW, make_app, notices, screen_text, type_in


def a_day_of_selling(path: Path) -> None:
    ledger = Ledger.open(path)
    cash.move(ledger, "in", 100_000, reason="Modal awal", now=NOW, opening_float=True)
    sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash", None, 150_000)], now=NOW)
    sales.checkout(ledger, [CartLine("KST-250", 1)], [PaymentPart("transfer")], now=NOW)
    ledger.close()


async def test_close_the_day_with_a_cash_count_and_see_the_difference(demo_db: Path) -> None:
    a_day_of_selling(demo_db)  # expected cash: 100.000 float + 110.000 sales
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        text = screen_text(app)
        assert "Kas seharusnya" in text and "Rp210.000" in text
        await type_in(pilot, "2")  # 2 x 100.000
        await pilot.press(*["down"] * 4, "tab")  # on to the 2.000 notes (down or tab)
        await type_in(pilot, "4")
        assert "Selisih               -Rp2.000" in screen_text(app)  # one note short, seen live
        await pilot.press("backspace")
        await type_in(pilot, "5")
        text = screen_text(app)
        assert "Dihitung             Rp210.000" in text and "Selisih                    Rp0" in text
        await pilot.press("f9")
        assert "Tutup hari 20 Mar 2026?" in screen_text(app)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert days.is_closed(app.ctx.ledger, DAY)
        assert (demo_db.parent / "receipts" / f"Z-{DAY}-r1.pdf").exists()
        text = screen_text(app)
        assert "DITUTUP (revisi 1)" in text and "Belum bergabung ke hub" in text
        # the day is locked: selling now is refused with a reason
        await pilot.press("f1")
        await type_in(pilot, "nas\r")
        await pilot.press("f9", "enter")
        assert "sudah ditutup" in notices(app)


async def test_counts_take_the_digits_0_to_9_only(demo_db: Path) -> None:
    """`١` (another script's one) was let into a note count and a refund line and read as 1."""
    a_day_of_selling(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await type_in(pilot, "\u0662")
        assert "Dihitung                     -" in screen_text(app)  # nothing counted
        await type_in(pilot, "2")
        assert "Dihitung             Rp200.000" in screen_text(app)
        await pilot.press("f2", "r")
        await type_in(pilot, "\u0661")
        assert "Pilih jumlah barang" in screen_text(app)  # no piece chosen


async def test_reopen_with_a_reason(demo_db: Path) -> None:
    a_day_of_selling(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await type_in(pilot, "3")
        await pilot.press("f9", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert days.is_closed(app.ctx.ledger, DAY)
        await pilot.press("f10")
        await type_in(pilot, "lupa satu penjualan\r")
        assert not days.is_closed(app.ctx.ledger, DAY)
        assert "revisi 2" in screen_text(app)


async def test_send_on_a_booth_without_a_hub_says_how_to_join(demo_db: Path) -> None:
    """It said "hub unreachable; 0 waiting, try again later (F8)": there was no hub to reach."""
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "f8")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = notices(app)
        assert "Pengaturan (F5)" in said and "tidak terjangkau" not in said


async def test_the_status_line_never_says_sent_when_it_was_not(demo_db: Path) -> None:
    ledger = Ledger.open(demo_db)
    prof = profile.load(ledger)
    kit = Kit(
        prof.event, prof.code, prof.name, prof.location, "http://127.0.0.1:9", new_key()
    ).write(demo_db.parent / "kit.json")
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 30)) as pilot:
        assert "tanpa hub" in screen_text(app)  # the demo booth has not joined a hub
        join(app.ctx.ledger, kit, now=NOW)
        await pilot.press("f4")
        assert "terkirim ✓" in screen_text(app)  # joined, nothing waiting
        await type_in(pilot, "3")
        await pilot.press("f9", "enter")  # the hub is away: the close succeeds anyway
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert days.is_closed(app.ctx.ledger, DAY)
        assert "⇡1 belum kirim" in screen_text(app)
        await pilot.press("f1")
        assert "⇡1 belum kirim" in screen_text(app)


async def test_the_close_shows_profit_the_backup_and_the_qris_check(
    demo_db: Path, tmp_path: Path
) -> None:
    """The TUI closes through the same service as `close`: the backup is written and shown."""
    from bazar_pos.booth import backup, catalog

    ledger = Ledger.open(demo_db)
    catalog.edit(ledger, "NST-250", cost=30_000, now=NOW)
    backup.set_folder(ledger, str(tmp_path / "usb"), keep=3, now=NOW)
    ledger.close()
    a_day_of_selling(demo_db)  # NST 2 x 55.000 at cost 30.000; KST has no cost
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        assert "Laba kotor" in screen_text(app)
        await type_in(pilot, "2")
        await pilot.press(*["down"] * 4, "tab")
        await type_in(pilot, "5")
        await pilot.press("f9", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Cadangan ditulis" in text and "QRIS belum dicocokkan" in text
        assert "Rp110.000" in text  # 170.000 net - 60.000 cost of the nastar
    assert len(list((tmp_path / "usb").glob("*.db"))) == 1
