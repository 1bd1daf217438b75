"""Owner and helpers: the owner's PIN guards voids, refunds, prices, stock and settings, and
the journal names who did what (and who approved it)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bazar_pos.booth import backup, catalog, close, profile, sales, settings, staff, stock
from bazar_pos.booth.guarded import OwnerPinNeeded
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.documents import zreport
from bazar_pos.errors import BazarError
from tests.conftest import DAY, NOW, Cli

PIN = "482915"


def _sell(ledger: Ledger) -> str:
    sale = sales.checkout(
        ledger, [CartLine("NST-250", 1)], [PaymentPart("cash", tendered=200_000)], now=NOW
    )
    return sale.sale_no


def _staffed(ledger: Ledger) -> str:
    code = staff.set_owner_pin(ledger, PIN, name="Bu Sari", now=NOW)
    assert code
    with staff.owner_approval(ledger, PIN, now=NOW):
        staff.add_helper(ledger, "Dimas", now=NOW)
    staff.switch(ledger, "Dimas", None, now=NOW)
    return code


def _count(ledger: Ledger) -> int:
    return ledger.head()[0]


def test_without_an_owner_pin_everything_works_as_before(ledger: Ledger) -> None:
    sale_no = _sell(ledger)
    sales.void(ledger, sale_no, reason="salah", now=NOW)
    assert staff.require_owner(ledger, None, now=NOW) is None
    assert verify(ledger).ok


def test_a_helper_void_needs_the_owner_and_names_both(ledger: Ledger) -> None:
    _staffed(ledger)
    sale_no = _sell(ledger)
    before = _count(ledger)
    with pytest.raises(OwnerPinNeeded):
        sales.void(ledger, sale_no, reason="salah", now=NOW)
    with pytest.raises(staff.WrongPin), staff.owner_approval(ledger, "000000", now=NOW):
        pass
    assert _count(ledger) == before  # refused: nothing written
    with staff.owner_approval(ledger, PIN, now=NOW):
        sales.void(ledger, sale_no, reason="salah", now=NOW)
    last = next(ledger.entries(_count(ledger)))
    assert last.kind == "void"
    assert last.payload["by"] == {"name": "Dimas", "role": "helper"}
    assert last.payload["approved_by"] == {"name": "Bu Sari", "role": "owner"}
    sale_entry = next(e for e in ledger.entries() if e.kind == "sale")
    assert sale_entry.payload["by"]["name"] == "Dimas"
    assert verify(ledger).ok


def test_every_owner_action_is_refused_without_the_pin(ledger: Ledger, tmp_path: Path) -> None:
    _staffed(ledger)
    sale_no = _sell(ledger)
    attempts = [
        lambda: sales.refund(ledger, sale_no, reason="rusak", now=NOW),
        lambda: catalog.edit(ledger, "NST-250", price=1000, now=NOW),
        lambda: stock.adjust(ledger, "NST-250", -1, reason="pecah", now=NOW),
        lambda: stock.count(ledger, "NST-250", 3, now=NOW),
        lambda: settings.update(ledger, {"receipt_paper": "80"}, now=NOW),
        lambda: profile.update_settings(ledger, {"qris": "x"}, now=NOW),
        lambda: backup.set_folder(ledger, tmp_path, now=NOW),
        lambda: staff.add_helper(ledger, "Rina", now=NOW),
    ]
    before = _count(ledger)
    for attempt in attempts:
        with pytest.raises(OwnerPinNeeded):
            attempt()
    assert _count(ledger) == before
    # a helper still sells, restocks, renames and closes the day with a count
    stock.restock(ledger, "NST-250", 5, now=NOW)
    catalog.edit(ledger, "NST-250", name="Nastar", now=NOW)
    close.close_day(ledger, DAY, counted=300_000, now=NOW)
    with pytest.raises(OwnerPinNeeded):
        close.reopen(ledger, DAY, reason="lupa", now=NOW)
    with staff.owner_approval(ledger, PIN, now=NOW):
        close.reopen(ledger, DAY, reason="lupa", now=NOW)


def test_issue_19s_cost_and_settings_need_the_owner_and_a_qris_check_does_not(
    ledger: Ledger, tmp_path: Path
) -> None:
    """Cost is a price to the owner; the backup folder, the WhatsApp number and the QR-after-sale
    option are settings. Checking QRIS against a statement changes no sale and no figure (a
    missing credit is only flagged), so a helper may run it; it names who ran it."""
    from zoneinfo import ZoneInfo

    from bazar_pos.booth import reconcile, whatsapp
    from bazar_pos.booth.statement import read_statement
    from tests.conftest import DATA

    _staffed(ledger)
    attempts = [
        lambda: catalog.edit(ledger, "NST-250", cost=30_000, now=NOW),
        lambda: backup.set_folder(ledger, None, keep=3, now=NOW),
        lambda: whatsapp.set_number(ledger, "0812-3456-7890", now=NOW),
        lambda: settings.update(ledger, {"whatsapp_after_sale": True}, now=NOW),
    ]
    before = _count(ledger)
    for attempt in attempts:
        with pytest.raises(OwnerPinNeeded):
            attempt()
    assert _count(ledger) == before
    with staff.owner_approval(ledger, PIN, now=NOW):
        p = catalog.edit(ledger, "NST-250", cost=30_000, now=NOW)
    # the Stok form sends every field: a rename with the price and cost as they are is free
    renamed = catalog.edit(ledger, "NST-250", name="Nastar", price=p.price, cost="30.000", now=NOW)
    assert (renamed.name, renamed.cost) == ("Nastar", 30_000)
    statement = read_statement(DATA / "statements" / "settlement.csv", ZoneInfo("Asia/Jakarta"))
    reconcile.reconcile(ledger, statement, DAY, now=NOW)
    last = next(ledger.entries(_count(ledger)))
    assert last.kind == "qris_reconcile" and last.payload["by"]["name"] == "Dimas"


def test_cli_cost_and_booth_settings_take_the_pin(cli: Cli) -> None:
    cli.setup_booth()
    assert cli("staff", "pin", "--pin", PIN).exit_code == 0
    head = cli("verify", "--json").json()["entries"]
    for args in (
        ("product", "edit", "NST-250", "--cost", "30000"),
        ("settings", "booth", "--whatsapp-after-sale"),
        ("settings", "booth", "--whatsapp", "0812-3456-7890"),
        ("settings", "backup", "--keep", "3"),
    ):
        refused = cli(*args)
        assert refused.exit_code == 2 and "PIN" in refused.stderr, args
    assert cli("verify", "--json").json()["entries"] == head
    done = cli("product", "edit", "NST-250", "--cost", "30000", "--pin", PIN, "--json")
    assert done.exit_code == 0 and done.json()["cost"] == 30_000
    shown = cli("settings", "booth", "--whatsapp-after-sale", "--pin", PIN, "--json")
    assert shown.exit_code == 0 and shown.json()["whatsapp_after_sale"] is True


def test_restore_over_a_guarded_booth_needs_the_pin(tmp_path: Path) -> None:
    from tests.conftest import new_booth

    path = tmp_path / "booth.db"
    ledger = new_booth(path)
    copy = backup.backup(ledger, tmp_path / "copy.db")
    _staffed(ledger)
    ledger.close()
    with pytest.raises(BazarError) as refused:
        backup.restore(copy.path, path, now=NOW)
    assert refused.value.code == "owner_pin_needed"


def test_the_pin_is_a_salted_slow_hash_and_never_in_the_file(tmp_path: Path) -> None:
    from tests.conftest import new_booth

    path = tmp_path / "booth.db"
    ledger = new_booth(path)
    code = _staffed(ledger)
    stored = ledger.conn.execute("SELECT pin_hash FROM staff WHERE role = 'owner'").fetchone()[0]
    assert PIN not in stored and stored.startswith("scrypt$")
    assert staff.hash_pin(PIN) != staff.hash_pin(PIN)  # a fresh salt each time
    assert staff.pin_matches(PIN, stored) and not staff.pin_matches("482916", stored)
    ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("booth.db*"))
    for secret in (PIN, code, code.replace("-", "")):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw


def test_five_wrong_pins_lock_owner_actions_for_a_minute(tmp_path: Path) -> None:
    from tests.conftest import new_booth

    path = tmp_path / "booth.db"
    ledger = new_booth(path)
    _staffed(ledger)
    for n in range(4):
        with pytest.raises(staff.WrongPin):
            staff.require_owner(ledger, "111111", now=NOW + timedelta(seconds=n))
    with pytest.raises(staff.PinLocked):
        staff.require_owner(ledger, "111111", now=NOW + timedelta(seconds=4))
    ledger.close()
    ledger = Ledger.open(path)  # the lock survives a restart
    with pytest.raises(staff.PinLocked):
        staff.require_owner(ledger, PIN, now=NOW + timedelta(seconds=63))
    assert staff.require_owner(ledger, PIN, now=NOW + timedelta(seconds=64)) == {
        "name": "Bu Sari",
        "role": "owner",
    }
    assert any(e.kind == "pin_locked" for e in ledger.entries())
    assert verify(ledger).ok
    ledger.close()


def test_a_recovery_code_resets_a_forgotten_pin(ledger: Ledger) -> None:
    code = _staffed(ledger)
    with pytest.raises(staff.WrongPin):
        staff.reset_owner_pin(ledger, "0000-0000-0000", "7777", now=NOW)
    fresh = staff.reset_owner_pin(ledger, code, "7777", now=NOW)
    assert fresh != code
    assert staff.require_owner(ledger, "7777", now=NOW)
    with pytest.raises(staff.WrongPin):
        staff.reset_owner_pin(ledger, code, "8888", now=NOW)  # a used code is spent


def test_switching_to_a_helper_with_a_pin(ledger: Ledger) -> None:
    _staffed(ledger)
    with staff.owner_approval(ledger, PIN, now=NOW):
        staff.add_helper(ledger, "Rina", "2468", now=NOW)
    with pytest.raises(staff.WrongPin):
        staff.switch(ledger, "Rina", "1357", now=NOW)
    assert staff.switch(ledger, "Rina", "2468", now=NOW) == {"name": "Rina", "role": "helper"}
    assert [m.name for m in staff.members(ledger)] == ["Bu Sari", "Dimas", "Rina"]


def test_the_z_report_lists_voids_and_refunds_per_person(ledger: Ledger, tmp_path: Path) -> None:
    _staffed(ledger)
    a, b = _sell(ledger), _sell(ledger)
    with staff.owner_approval(ledger, PIN, now=NOW):
        sales.void(ledger, a, reason="salah", now=NOW)
        sales.refund(ledger, b, reason="rusak", now=NOW)
    people = {p.name: p for p in staff.by_person(ledger, DAY)}
    assert people["Dimas"].voids == 1 and people["Dimas"].refunds == 1
    assert people["Dimas"].approved_by == {"Bu Sari"}
    s = close.close_day(ledger, DAY, counted=0, now=NOW)
    zreport.write(ledger, s, tmp_path / "z.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "z.pdf").pages)
    assert "Per orang" in text
    section = text.split("Per orang")[1].split("Stok")[0].split()
    at = section.index("Dimas")
    assert (
        " ".join(section[at : at + 12]) == "Dimas 2 · Rp110.000 1 · -Rp55.000 1 · -Rp55.000 Bu Sari"
    )


def test_cli_void_without_the_pin_is_refused_and_writes_nothing(cli: Cli) -> None:
    cli.setup_booth()
    assert cli("staff", "pin", "--pin", PIN, "--name", "Bu Sari").exit_code == 0
    sold = cli("sell", "NST-250", "--pay", "cash", "--json")
    sale_no = sold.json()["sale_no"]
    head = cli("verify", "--json").json()["entries"]
    refused = cli("void", sale_no, "--reason", "salah")
    assert refused.exit_code == 2 and "PIN" in refused.stderr
    wrong = cli("void", sale_no, "--reason", "salah", "--pin", "000000")
    assert wrong.exit_code == 2
    assert cli("verify", "--json").json()["entries"] == head
    done = cli("void", sale_no, "--reason", "salah", "--pin", PIN, "--json")
    assert done.exit_code == 0 and done.json()["status"] == "voided"


def test_cli_staff_add_and_list(cli: Cli) -> None:
    cli.setup_booth()
    assert cli("staff", "add", "Dimas").exit_code == 0  # no owner PIN yet: anyone may
    assert cli("staff", "pin", "--pin", PIN).exit_code == 0
    refused = cli("staff", "add", "Rina")
    assert refused.exit_code == 2
    assert cli("staff", "add", "Rina", "--owner-pin", PIN, "--pin", "2468").exit_code == 0
    listed = json.loads(cli("staff", "list", "--json").stdout)
    assert [(p["name"], p["role"], p["has_pin"]) for p in listed["people"]] == [
        ("Pemilik", "owner", True),
        ("Dimas", "helper", False),
        ("Rina", "helper", True),
    ]
    assert PIN not in cli("staff", "list", "--json").stdout


def test_rewriting_who_did_it_breaks_verify(ledger: Ledger) -> None:
    _staffed(ledger)
    _sell(ledger)
    ledger.conn.executescript(
        "DROP TRIGGER entries_no_update;"
        "UPDATE entries SET payload = replace(payload, 'Dimas', 'Rina') WHERE kind = 'sale';"
    )
    result = verify(ledger)
    assert not result.ok and result.problem == "hash does not match"


def test_the_bundle_carries_no_pin_and_no_hash(ledger: Ledger) -> None:
    from bazar_pos.services import closing
    from bazar_pos.sync import booth_key, bundle

    booth_key.remember(ledger, bundle.new_key())
    code = _staffed(ledger)
    _sell(ledger)
    out = closing.close_and_send(ledger, DAY, counted=0, now=NOW)
    text = json.dumps(out.bundle)
    assert out.bundle and "scrypt" not in text
    assert PIN not in text and code not in text


def test_a_day_closed_by_a_helper_names_them_and_its_summary_loads(ledger: Ledger) -> None:
    _staffed(ledger)
    _sell(ledger)
    closed = close.close_day(ledger, DAY, counted=0, now=NOW)
    entry = [e for e in ledger.entries() if e.kind == "day_close"][-1]
    assert entry.payload["by"] == {"name": "Dimas", "role": "helper"}
    assert close.load_summary(ledger, DAY).totals == closed.totals  # "by" is not a field of it
