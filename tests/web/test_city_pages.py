"""A province's web pages: the status page grouped per city, and a city token that sees only
its city (in-process, ASGI)."""

from __future__ import annotations

import re
from pathlib import Path

from bazar_pos.hub import forwarding, tokens
from bazar_pos.hub.ingest import ingest
from bazar_pos.sync import bundle
from tests.conftest import NOW
from tests.hubkit import make_bundle
from tests.test_province import make_city, make_province
from tests.web.test_pages import client, login


def _province(tmp_path: Path) -> tuple[str, str]:
    """A province where JP's A-001 and JS's B-001 reported; returns (organizer, JP token)."""
    province = make_province(tmp_path / "province.db")
    organizer = "org-token"
    from bazar_pos.hub.registry import token_hash

    province.execute("UPDATE event SET token_hash = ?", (token_hash(organizer),))
    for city, code, net in (("JP", "A-001", 111_000), ("JS", "B-001", 222_000)):
        db, keys = make_city(tmp_path / f"{city}.db", city)
        ingest(db, bundle.dumps(make_bundle(code, keys[code], net=net)), now=NOW)
        forwarding.deliver(db, forwarding.local_post(province, now=lambda: NOW), now=lambda: NOW)
    _, jp = tokens.issue_city_token(province, "jp", now=NOW)
    province.close()
    return organizer, jp


async def test_the_status_page_groups_booths_per_city_at_a_province(tmp_path: Path) -> None:
    organizer, _ = _province(tmp_path)
    async with client(tmp_path / "province.db") as c:
        await login(c, organizer)
        page = (await c.get("/status?date=2026-03-20")).text
    jp, js = page.index("Kota JP Jakarta Pusat"), page.index("Kota JS Jakarta Selatan")
    assert jp < page.index("JP/A-001") < js < page.index("JS/B-001")
    assert "Rp111.000" in page[jp:js] and "Rp222.000" in page[js:]


async def test_the_report_page_rolls_the_locations_up_to_each_city(tmp_path: Path) -> None:
    organizer, jp = _province(tmp_path)
    async with client(tmp_path / "province.db") as c:
        await login(c, organizer)
        page = (await c.get("/report")).text
        await c.post("/logout")
        await login(c, jp)
        city_view = (await c.get("/report")).text
    by_city = page.split('<div id="by-city">')[1].split("</div>")[0]
    rows = re.findall(r'data-key="([^"]+)"><th scope="row">[^<]*</th><td class="num net">([^<]*)<',
                      by_city)  # fmt: skip
    assert rows == [("JP", "Rp111.000"), ("JS", "Rp222.000")]
    assert 'id="event-net">Rp333.000<' in page
    assert 'id="by-city"' not in city_view  # one city: its locations are the roll-up


async def test_a_city_token_sees_only_its_city(tmp_path: Path) -> None:
    _, jp = _province(tmp_path)
    async with client(tmp_path / "province.db") as c:
        r = await login(c, jp)
        assert r.status_code == 303
        status = (await c.get("/status?date=2026-03-20")).text
        assert "JP/A-001" in status and "JS/" not in status and "Rp222.000" not in status
        assert (await c.get("/booth/JP/A-001")).status_code == 200
        assert (await c.get("/booth/JS/B-001")).status_code == 404
        rep = (await c.get("/report")).text
        assert "Rp111.000" in rep and "Rp222.000" not in rep and "Rp333.000" not in rep
        await c.get("/lang/en")
        english = (await c.get("/status?date=2026-03-20")).text
    for page in (status, rep, english):  # whose view this is: the city, never "pengampu"
        assert "Pengampu:" not in page
    assert "Kota: <b>JP</b>" in status and "City: <b>JP</b>" in english
