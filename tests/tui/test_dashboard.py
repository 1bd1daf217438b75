"""The organizer watches a missing booth turn reported when its bundle is imported."""

from __future__ import annotations

from pathlib import Path

from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from bazar_pos.tui.dashboard import HubDashboard
from tests.conftest import NOW
from tests.hubkit import make_bundle, make_hub


def _status(app: HubDashboard, booth: str) -> str:
    table = app.query_one("#booths")
    return str(table.get_row(booth)[3])


async def test_missing_booth_turns_reported_after_an_import(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    db, _, secrets = make_hub(path, booths=3)
    ingest(db, bundle.dumps(make_bundle("B-000", secrets["B-000"])), now=NOW)
    app = HubDashboard(path, now=lambda: NOW, interval=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _status(app, "B-001") == "BELUM LAPOR"
        other = open_hub(path)
        ingest(other, bundle.dumps(make_bundle("B-001", secrets["B-001"], net=42_000)), now=NOW)
        await pilot.pause(0.3)
        assert _status(app, "B-001").startswith("lapor")
        assert "Rp142.000" in str(app.query_one("#totals").render())
        await pilot.press("p")
        await pilot.pause()
        assert (tmp_path / "event-report.pdf").exists()


async def test_at_a_province_each_city_has_its_row_and_a_city_hub_shows_what_waits(
    tmp_path: Path,
) -> None:
    from bazar_pos.hub import forwarding
    from tests.test_province import make_city, make_province

    province = make_province(tmp_path / "province.db")
    jp, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(jp, bundle.dumps(make_bundle("A-001", keys["A-001"], net=42_000)), now=NOW)
    app = HubDashboard(tmp_path / "JP.db", now=lambda: NOW, interval=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "1 menunggu ke hub induk" in str(app.query_one("#totals").render())
    forwarding.deliver(jp, forwarding.local_post(province, now=lambda: NOW), now=lambda: NOW)
    app = HubDashboard(tmp_path / "province.db", now=lambda: NOW, interval=0.1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        locs = app.query_one("#locations")
        rows = [locs.get_row_at(i) for i in range(locs.row_count)]
        assert [r[0] for r in rows if str(r[0]).startswith("KOTA")] == ["KOTA JP", "KOTA JS"]
        jp_row = next(r for r in rows if r[0] == "KOTA JP")
        assert jp_row[1:] == ["1/3", "Rp42.000"]
        assert _status(app, "JP/A-001").startswith("lapor")
