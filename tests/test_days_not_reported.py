"""A day nobody reported lists every booth as not reported (belum lapor), the same on the
status page, the report (JSON, web, PDF) and the dashboard; days after today are not expected,
and a year-long or undated event stays small."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import httpx
from pypdf import PdfReader

from bazar_pos.hub import registry, report, status
from bazar_pos.hub.api import create_app
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from bazar_pos.tui.dashboard import read_hub
from tests.conftest import NOW
from tests.hubkit import EVENT, booth_keys, make_bundle

TODAY = "2026-03-20"  # NOW in the event's time zone
EXPECTED = [("2026-03-19", "A-001"), ("2026-03-19", "A-002"), ("2026-03-20", "A-002")]


def _hub(path: Path, dates: tuple[str, str] = ("2026-03-19", "2026-03-29")) -> str:
    """Two booths; A-001 reports on the 20th only; the 19th has no bundle at all."""
    db = open_hub(path, create=True)
    token = registry.init_hub(db, EVENT, dates=dates, now=NOW)
    registry.add_booths(
        db, [registry.Booth(c, f"Kue {c}", "Gambir", "Bu Rina", "kue") for c in ("A-001", "A-002")]
    )
    keys = booth_keys(db, "A-001")
    ingest(db, bundle.dumps(make_bundle("A-001", keys, date=TODAY)), now=NOW)
    db.close()
    return token


def _clock() -> datetime:
    return NOW


async def test_a_day_without_any_bundle_lists_every_booth_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    token = _hub(path)
    db = open_hub(path)
    rep = report.build(db, today=TODAY)
    assert [(m["date"], m["booth"]) for m in rep.missing] == EXPECTED  # not the 21st onwards
    assert rep.dates == ["2026-03-19", "2026-03-20"]
    assert [m["missing"] for m in rep.by_city] == [3]
    db.close()

    app = create_app(path, clock=_clock)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://h") as c:
        api = await c.get("/api/v1/report", headers={"Authorization": f"Bearer {token}"})
        assert [(m["date"], m["booth"]) for m in api.json()["missing"]] == EXPECTED
        assert (await c.post("/login", data={"token": token})).status_code == 303
        page = (await c.get("/status?date=2026-03-19")).text
        assert 'href="/status?date=2026-03-19" aria-current="page"' in page  # a day offered
        assert page.count('data-reported="0"') == 2
        web = (await c.get("/report")).text
        assert '<td class="num">3</td>' in web
        pdf = (await c.get("/report/download/pdf")).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    section = text[text.index("Belum melapor") :]
    for day, code in EXPECTED:
        assert f"{day}\n{code}\n" in section

    reading = read_hub(path, "2026-03-19", TODAY)
    assert reading is not None and reading.day == "2026-03-19"
    assert reading.days == ["2026-03-19", "2026-03-20"]
    assert [r["reported"] for r in reading.rows] == [False, False]


def test_a_year_long_or_undated_event_stays_small(tmp_path: Path) -> None:
    _hub(tmp_path / "year.db", ("2026-01-01", "2026-12-31"))
    db = open_hub(tmp_path / "year.db")
    days = status.event_dates(db, TODAY)
    assert len(days) == status.MAX_EXPECTED_DAYS and days[-1] == TODAY
    db.close()
    _hub(tmp_path / "old.db")
    db = open_hub(tmp_path / "old.db")  # a hub from before the event had dates (migration 0003)
    db.execute("UPDATE event SET first_date = NULL, last_date = NULL")
    db.conn.commit()
    assert status.event_dates(db, TODAY) == [TODAY]  # the days reported, as before
    assert [m["booth"] for m in report.build(db, today=TODAY).missing] == ["A-002"]
