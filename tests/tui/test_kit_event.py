"""The organizer's kit and the booth's event: read on the first run, a mismatch explained with
the fix, and the fix works (issue 16: "Bazar Jakpreneur" vs "Bazar Jakpreneur Ramadan")."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.booth import profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.sync.bundle import new_key
from bazar_pos.sync.kit import Kit
from bazar_pos.tui.screens.kasir import KasirScreen
from tests.conftest import Cli
from tests.tui.conftest import NOW, make_app, notices, screen_text, settle, type_in

RAMADAN = "Bazar Jakpreneur Ramadan"


def _kit(path: Path, code: str = "CP-07", name: str = "Kue Bu Sari") -> Path:
    kit = Kit(RAMADAN, code, name, "Rusun Karang Anyar", "http://127.0.0.1:9", new_key())
    return kit.write(path)


async def test_first_run_reads_the_event_from_the_kit_and_joins(tmp_path: Path) -> None:
    kit = _kit(tmp_path / "booth-kit.json")
    app = make_app(tmp_path / "new.db")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Bazar Jakpreneur" not in screen_text(app).replace(RAMADAN, "")  # no made-up event
        await pilot.click("#kit")
        await type_in(pilot, f"{kit}\r")
        text = screen_text(app)
        assert RAMADAN in text and "CP-07" in text and "Rusun Karang Anyar" in text
        assert "Kit dibaca: CP-07" in notices(app)
        await pilot.click("#name")
        await pilot.press("end", "ctrl+u")
        await type_in(pilot, "Dapur Bu Sari")  # the vendor may correct the shop's name
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, KasirScreen)
        prof = app.ctx.profile()
        assert (prof.code, prof.event, prof.name) == ("CP-07", RAMADAN, "Dapur Bu Sari")
        assert prof.get("hub_url") == "http://127.0.0.1:9"


async def test_a_kit_of_another_event_name_says_how_to_fix_and_the_fix_works(
    demo_db: Path,
) -> None:
    ledger = Ledger.open(demo_db)
    profile.init(ledger, code="CP-07", name="Kue Bu Sari", event="Bazar Jakpreneur", now=NOW)
    sales.checkout(ledger, [CartLine("NST-250", 1)], [PaymentPart("cash")], now=NOW)
    ledger.close()
    kit = _kit(demo_db.parent / "booth-kit.json")
    app = make_app(demo_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f5")
        await pilot.click("#kit")
        await type_in(pilot, str(kit))
        await pilot.press("f7")
        await settle(pilot)
        said = notices(app)
        assert f"isi Acara '{RAMADAN}', F9 simpan, lalu F7 gabung" in said
        assert "Pengaturan (F5)" in said and "bazar-pos" not in said
        assert profile.load(app.ctx.ledger).event == "Bazar Jakpreneur"  # nothing changed
        await pilot.click("#event")
        await pilot.press("end", "ctrl+u")
        await type_in(pilot, RAMADAN)
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        assert f"Bergabung: CP-07 di {RAMADAN}" in notices(app)
        assert profile.load(app.ctx.ledger).get("hub_url") == "http://127.0.0.1:9"


def test_the_cli_says_the_command_that_fixes_the_event_and_it_works(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.setup_booth()  # event "Bazar Jakpreneur"
    assert cli("sell", "NST-250", "--pay", "cash").exit_code == 0
    kit = _kit(tmp_path / "booth-kit.json")
    refused = cli("join", str(kit))
    assert refused.exit_code == 2
    fix = refused.stderr.split(": ", 1)[1].split("bazar-pos ", 1)[1].strip()
    assert fix == (
        'init --booth CP-07 --name "Kue Bu Sari" --location "Rusun Karang Anyar" '
        f'--event "{RAMADAN}"'
    )
    import shlex

    assert cli(*shlex.split(fix)).exit_code == 0
    joined = cli("join", str(kit), "--json")
    assert joined.exit_code == 0, joined.stderr
    ledger = Ledger.open(cli.db)
    assert profile.load(ledger).event == RAMADAN
    ledger.close()
