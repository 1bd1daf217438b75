"""The organizer watches a missing booth turn reported when its bundle is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from bazar_pos.hub import registry
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from bazar_pos.tui.dashboard import HubDashboard
from tests.conftest import NOW
from tests.hubkit import booth_keys, make_bundle, make_hub
from tests.tui.conftest import svg_lines


def _status(app: HubDashboard, booth: str) -> str:
    table = app.query_one("#booths")
    return str(table.get_row(booth)[3])


async def _read(pilot: Pilot[None]) -> None:
    """The hub is read in a thread worker: wait until it has been read and shown."""
    await pilot.pause()
    for _ in range(1_000):
        if not any(w.is_running for w in pilot.app.workers):
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def test_missing_booth_turns_reported_after_an_import(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    db, _, secrets = make_hub(path, booths=3)
    ingest(db, bundle.dumps(make_bundle("B-000", secrets["B-000"])), now=NOW)
    app = HubDashboard(path, now=lambda: NOW, interval=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _read(pilot)
        assert _status(app, "B-001") == "BELUM LAPOR"
        other = open_hub(path)
        ingest(other, bundle.dumps(make_bundle("B-001", secrets["B-001"], net=42_000)), now=NOW)
        for _ in range(100):  # the next look (every 0.1 s here) finds the new bundle
            await pilot.pause(0.1)
            await _read(pilot)
            if _status(app, "B-001").startswith("lapor"):
                break
        assert _status(app, "B-001").startswith("lapor")
        assert "Rp142.000" in str(app.query_one("#totals").render())
        await pilot.press("p")
        await _read(pilot)
        assert (tmp_path / "event-report.pdf").exists()


async def test_a_location_row_leaves_out_a_set_aside_booth_day_as_the_report_does(
    tmp_path: Path,
) -> None:
    from bazar_pos.hub.set_aside import set_aside

    path = tmp_path / "hub.db"
    db, _, secrets = make_hub(path, booths=4)  # B-000 and B-003 are both at Lokasi 0
    ingest(db, bundle.dumps(make_bundle("B-000", secrets["B-000"])), now=NOW)
    ingest(db, bundle.dumps(make_bundle("B-003", secrets["B-003"], net=50_000)), now=NOW)
    set_aside(db, "B-000", "2026-03-20", reason="salah ketik", restore=False, now=NOW)
    app = HubDashboard(path, now=lambda: NOW, interval=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _read(pilot)
        table = app.query_one("#locations")
        rows = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[2]) for i in range(3)}
    assert rows["Lokasi 0"] == "Rp50.000"


async def test_at_a_province_each_city_has_its_row_and_a_city_hub_shows_what_waits(
    tmp_path: Path,
) -> None:
    from bazar_pos.hub import forwarding
    from tests.test_province import make_city, make_province

    province = make_province(tmp_path / "province.db")
    jp, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(jp, bundle.dumps(make_bundle("A-001", keys["A-001"], net=42_000)), now=NOW)
    app = HubDashboard(tmp_path / "JP.db", now=lambda: NOW, interval=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _read(pilot)
        assert "1 menunggu ke hub induk" in str(app.query_one("#totals").render())
        shown = " ".join(ln.strip() for ln in svg_lines(app.export_screenshot(), 80, 24)[:4])
        assert "Total acara: Rp42.000" in shown and "menunggu ke hub induk" in shown, shown
    forwarding.deliver(jp, forwarding.local_post(province, now=lambda: NOW), now=lambda: NOW)
    app = HubDashboard(tmp_path / "province.db", now=lambda: NOW, interval=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await _read(pilot)
        locs = app.query_one("#locations")
        rows = [locs.get_row_at(i) for i in range(locs.row_count)]
        assert [r[0] for r in rows if str(r[0]).startswith("KOTA")] == ["KOTA JP", "KOTA JS"]
        jp_row = next(r for r in rows if r[0] == "KOTA JP")
        assert jp_row[1:] == ["1/3", "Rp42.000"]
        assert _status(app, "JP/A-001").startswith("lapor")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_column_shows_at_80x24_with_long_names(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Long booth names and places are cut with "…"; the net (Bersih) and every head show."""
    path = tmp_path / "hub.db"
    db, _, secrets = make_hub(path, booths=1)
    registry.add_booths(
        db,
        [
            registry.Booth(
                "CP-107",
                "Dapur Bu Sari Kue Kering Lebaran Spesial",
                "Rusun Karang Anyar Blok C Lantai Dua",
                "Bu Ani",
                "kue",
            )
        ],
    )
    ingest(db, bundle.dumps(make_bundle("B-000", secrets["B-000"], net=12_345_678)), now=NOW)
    keys = booth_keys(db, "CP-107")
    ingest(db, bundle.dumps(make_bundle("CP-107", keys, net=1_234_567)), now=NOW)
    app = HubDashboard(path, now=lambda: NOW, interval=60)
    async with app.run_test(size=size) as pilot:
        await _read(pilot)
        lines = svg_lines(app.export_screenshot(), *size)
        text = "\n".join(lines)
        for head in ("Lokasi", "Lapor", "Bersih", "Booth", "Nama", "Status"):
            assert head in text, text
        assert "Rp1.234.567" in text and "Rp12.345.678" in text, text
        assert "Total acara: Rp13.580.245" in text, text
        booth_line = next(ln for ln in lines if "CP-107" in ln)
        assert booth_line.rstrip().endswith("Rp1.234.567"), text
        if size == (120, 40):
            assert "…" not in text, text
