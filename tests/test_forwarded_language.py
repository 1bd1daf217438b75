"""`POST /api/v1/forwarded` words each refused envelope in the sending hub's language, as a
refused bundle is: Indonesian by default, English with `Accept-Language: en`."""

from __future__ import annotations

from pathlib import Path

import httpx

from bazar_pos.hub.api import create_app
from bazar_pos.hub.ingest import ingest
from bazar_pos.sync import bundle, forward
from tests.conftest import NOW
from tests.hubkit import make_bundle
from tests.test_province import envelope_of, make_city, make_province


async def test_forwarded_verdicts_follow_the_clients_language(tmp_path: Path) -> None:
    make_province(tmp_path / "province.db").close()
    city, keys = make_city(tmp_path / "JP.db", "JP")
    ingest(city, bundle.dumps(make_bundle("A-001", keys["A-001"])), now=NOW)
    good = envelope_of(city)
    stranger = forward.dumps({**good, "city": "ZZ"})  # no such city at the province
    body = f"{forward.dumps(good)}\n{stranger}".encode()
    app = create_app(tmp_path / "province.db", clock=lambda: NOW)
    words = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://h") as c:
        for lang in ("id", "en"):
            r = await c.post(
                "/api/v1/forwarded",
                content=body,
                headers={"Content-Type": "application/x-ndjson", "Accept-Language": lang},
            )
            assert r.status_code == 200
            taken, refused = r.json()["results"]
            assert "error" not in taken and refused["error"]["code"] == "unknown_city"
            words[lang] = refused["error"]["message"]
    expected = bundle.BundleRejected("unknown_city", city="ZZ")
    assert words == {"id": expected.message("id"), "en": expected.message("en")}
    assert words["id"].startswith("Kota ZZ")
