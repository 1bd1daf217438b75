"""Restore in Pengaturan: the newest backup in the backup folder is offered, the owner's PIN is
asked, the ledger file is replaced while the app runs, and every screen shows the restored sales;
an older backup (this laptop is ahead) is refused with one line and nothing changes."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import backup, catalog, demo, sales, staff
from bazar_pos.booth.cart import Cart
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import PaymentPart
from tests.tui.conftest import DAY, NOW, make_app, notices, screen_text, settle

PIN = "482915"


def _sell(ledger: Ledger, sku: str) -> str:
    cart = Cart()
    cart.add(sku, 1)
    return sales.checkout(ledger, cart, [PaymentPart("cash")], now=NOW).sale_no


def _sale_nos(ledger: Ledger) -> list[str]:
    return [r["sale_no"] for r in sales.list_sales(ledger, DAY)]


def booth_and_backup(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """This laptop's ledger, and a newer backup of the same booth in its backup folder."""
    folder = tmp_path / "usb"
    source = Ledger.open(tmp_path / "old-laptop.db")
    demo.seed(source, now=NOW)
    staff.set_owner_pin(source, PIN, name="Bu Sari", now=NOW)
    with staff.owner_approval(source, PIN, now=NOW):
        backup.set_folder(source, folder, now=NOW)
    laptop = backup.backup(source, tmp_path / "booth.db").path  # this laptop, as it was then
    sku = catalog.list_products(source)[0].sku
    later = [_sell(source, sku), _sell(source, sku)]
    made = backup.to_folder(source, folder, keep=10, now=NOW)
    source.close()
    return laptop, made.path, later


async def test_the_owner_restores_the_newest_backup_and_sees_its_sales(tmp_path: Path) -> None:
    laptop, newest, later = booth_and_backup(tmp_path)
    app = make_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        before = _sale_nos(app.ctx.ledger)
        assert not set(later) & set(before)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert newest.name in screen_text(app)  # offered, filled in
        await pilot.press("enter")
        await settle(pilot)
        assert "Pulihkan DEMO-01" in screen_text(app)
        await pilot.press("enter")  # yes
        await settle(pilot)
        await pilot.press(*PIN, "enter")
        await settle(pilot)
        await settle(pilot)
        assert "Dipulihkan" in notices(app)
        assert verify(app.ctx.ledger).ok
        assert _sale_nos(app.ctx.ledger) == before + later
        await pilot.press("f2", "end")
        await settle(pilot)
        shown = screen_text(app)
        assert all(no[-4:] in shown for no in later)
        await pilot.press("f1", *"nas", "enter", "f9")  # selling goes on, on the restored ledger
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert len(_sale_nos(app.ctx.ledger)) == len(before) + len(later) + 1
    restored = Ledger.open(laptop)  # what the next start of the app finds
    try:
        assert verify(restored).ok and _sale_nos(restored)[: len(before) + 2] == before + later
    finally:
        restored.close()


async def test_an_older_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    laptop, _, _ = booth_and_backup(tmp_path)
    older = tmp_path / "older.db"
    ledger = Ledger.open(laptop)
    backup.backup(ledger, older)
    sku = catalog.list_products(ledger)[0].sku
    _sell(ledger, sku)  # this laptop moves ahead of that backup
    head = ledger.head()
    ledger.close()
    app = make_app(laptop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("ctrl+u", *str(older), "enter")
        await settle(pilot)
        assert "lebih panjang" in notices(app) or "longer" in notices(app)
        assert app.ctx.ledger.head() == head
        assert "Pulihkan DEMO-01" not in screen_text(app)


async def test_a_new_laptop_is_set_up_from_a_backup_in_the_first_run_form(tmp_path: Path) -> None:
    _, newest, later = booth_and_backup(tmp_path)
    new_laptop = tmp_path / "new" / "booth.db"
    app = make_app(new_laptop)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "file cadangan" in screen_text(app)  # the first-run form offers it
        # one burst, as a fast typist: through every field, both hidden PIN boxes, to the backup
        await pilot.press(*["tab"] * 7, *str(newest), "enter")
        await settle(pilot)
        await settle(pilot)
        assert "Dipulihkan" in notices(app)
        assert verify(app.ctx.ledger).ok
        assert set(later) <= set(_sale_nos(app.ctx.ledger))
        await pilot.press("f2", "end")
        await settle(pilot)
        assert all(no[-4:] in screen_text(app) for no in later)
