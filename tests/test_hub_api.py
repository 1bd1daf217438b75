"""The hub's API in-process (ASGI): what it accepts, what it refuses, and what it stores."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from bazar_pos.hub import report, status
from bazar_pos.hub.api import create_app
from bazar_pos.sync import bundle
from tests.hubkit import make_bundle, make_hub


@pytest.fixture
def hub(tmp_path: Path) -> tuple[Any, str, dict[str, str], Path]:
    path = tmp_path / "hub.db"
    db, token, secrets = make_hub(path)
    return db, token, secrets, path


def client(path: Path, **kw: Any) -> httpx.AsyncClient:
    app = create_app(path, **kw)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub")


def body(b: dict[str, Any]) -> bytes:
    return bundle.dumps(b).encode()


def count(db: Any, table: str) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


async def test_accept_duplicate_revision_and_conflict(hub: tuple) -> None:
    db, token, secrets, path = hub
    s = secrets["B-000"]
    async with client(path) as c:
        r = await c.post("/api/v1/bundles", content=body(make_bundle("B-000", s)))
        assert r.status_code == 201 and r.json()["status"] == "accepted"
        r = await c.post("/api/v1/bundles", content=body(make_bundle("B-000", s)))
        assert r.json()["status"] == "duplicate"
        r = await c.post(
            "/api/v1/bundles", content=body(make_bundle("B-000", s, revision=2, net=150_000))
        )
        assert r.json()["status"] == "accepted"
        r = await c.post(
            "/api/v1/bundles", content=body(make_bundle("B-000", s, revision=1, net=90_000))
        )
        assert r.json()["status"] == "superseded"
        r = await c.post(
            "/api/v1/bundles", content=body(make_bundle("B-000", s, revision=2, net=160_000))
        )
        assert r.json()["status"] == "conflict"
        st = await c.get(
            "/api/v1/status",
            params={"date": "2026-03-20"},
            headers={"Authorization": f"Bearer {token}"},
        )
    data = st.json()
    row = next(b for b in data["booths"] if b["booth"] == "B-000")
    assert row["reported"] and row["revision"] == 2 and row["net"] == 150_000
    assert [(c["booth"], c["revision"]) for c in data["conflicts"]] == [("B-000", 2)]
    assert count(db, "bundles") == 4


async def test_same_bundle_three_times_at_once_is_stored_once(hub: tuple) -> None:
    db, _, secrets, path = hub
    payload = body(make_bundle("B-001", secrets["B-001"]))
    async with client(path) as c:
        results = await asyncio.gather(
            *[c.post("/api/v1/bundles", content=payload) for _ in range(3)]
        )
    assert sorted(r.json()["status"] for r in results) == ["accepted", "duplicate", "duplicate"]
    assert count(db, "bundles") == 1


def _tampered(secrets: dict[str, str]) -> bytes:
    b = make_bundle("B-000", secrets["B-000"])
    b["booth_name"] = "changed after signing"
    return body(b)


REFUSALS = [
    ("bad_signature", 401, _tampered),
    ("bad_signature", 401, lambda s: body(make_bundle("B-000", s["B-001"]))),
    ("unknown_booth", 403, lambda s: body(make_bundle("ZZ-9", s["B-000"]))),
    ("other_event", 403, lambda s: body(make_bundle("B-000", s["B-000"], event="Bazar Lain"))),
    ("malformed", 400, lambda s: b"{not json"),
    ("malformed", 400, lambda s: b"[1, 2]"),
    ("schema", 422, lambda s: body({**make_bundle("B-000", s["B-000"]), "revision": 0})),
    ("schema", 422, lambda s: body(make_bundle("B-000", s["B-000"], products=[{"sku": 1}]))),
    ("future_version", 422, lambda s: body({**make_bundle("B-000", s["B-000"]), "version": 99})),
    ("too_large", 413, lambda s: b"{" + b" " * 2_000_000 + b"}"),
]


@pytest.mark.parametrize(("code", "http", "make"), REFUSALS, ids=[r[0] for r in REFUSALS])
async def test_refusals_store_only_an_audit_row(
    hub: tuple, code: str, http: int, make: Any
) -> None:
    db, _, secrets, path = hub
    async with client(path) as c:
        r = await c.post("/api/v1/bundles", content=make(secrets))
        en = await c.post(
            "/api/v1/bundles", content=make(secrets), headers={"Accept-Language": "en"}
        )
    assert r.status_code == http
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["message"] != en.json()["error"]["message"]
    assert count(db, "bundles") == 0 and count(db, "booth_days") == 0
    if code != "too_large":  # an oversize body is cut off before it is read
        assert count(db, "rejections") == 2


async def test_status_and_report_need_the_token(hub: tuple) -> None:
    _, token, secrets, path = hub
    async with client(path) as c:
        await c.post("/api/v1/bundles", content=body(make_bundle("B-002", secrets["B-002"])))
        assert (await c.get("/api/v1/status")).status_code == 401
        assert (
            await c.get("/api/v1/report", headers={"Authorization": "Bearer nope"})
        ).status_code == 401
        rep = await c.get("/api/v1/report", headers={"Authorization": f"Bearer {token}"})
        assert rep.status_code == 200 and rep.json()["net"] == 100_000
        assert (await c.get("/healthz")).json()["status"] == "ok"
        spec = (await c.get("/openapi.json")).json()
        assert "/api/v1/bundles" in spec["paths"]


def test_status_equals_the_bundles(hub: tuple) -> None:
    db, _, secrets, _path = hub
    from bazar_pos.hub.ingest import ingest
    from tests.conftest import NOW

    nets = {"B-000": 120_000, "B-001": 75_500}
    for code, net in nets.items():
        ingest(db, bundle.dumps(make_bundle(code, secrets[code], net=net)), now=NOW)
    rows = {r["booth"]: r for r in status.status(db, "2026-03-20")}
    assert {c: rows[c]["net"] for c in nets} == nets
    assert rows["B-002"]["reported"] is False
    rep = report.build(db)
    assert rep.net == sum(nets.values())
    assert rep.missing == [
        {"booth": "B-002", "name": "Booth 2", "location": "Lokasi 2", "date": "2026-03-20"}
    ]
    assert json.loads(json.dumps(rep.to_json()))["by_payment"]["qris"] == 80_000
