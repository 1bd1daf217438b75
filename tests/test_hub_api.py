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
from tests.conftest import NOW
from tests.hubkit import Keys, make_bundle, make_hub, sign


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


def _changed(s: dict[str, Any], change: Any) -> bytes:
    """A bundle of B-000, changed by `change(bundle)` and signed again with its own keys."""
    b = make_bundle("B-000", s["B-000"])
    change(b)
    return body(sign(b, s["B-000"]))


def _set(path: str, value: Any) -> Any:
    def change(b: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = b
        for p in parents:
            target = target[int(p)] if isinstance(target, list) else target[p]
        target[int(last) if isinstance(target, list) else last] = value

    return lambda s: _changed(s, change)


def _moved_between_methods(b: dict[str, Any]) -> None:
    """Rp1.000.000 out of cash into transfer: every sum still adds up, on a Rp105.000 day."""
    b["totals"]["by_payment"] |= {"cash": -1_000_000, "transfer": 1_060_000}
    b["totals"]["cash"] |= {"expected": -1_000_000, "counted": 0, "difference": 1_000_000}


def _moved_between_products(b: dict[str, Any]) -> None:
    extra = {**b["products"][0], "sku": "KST", "amount": -(10**9)}
    b["products"] = [{**b["products"][0], "amount": 10**9 + 100_000}, extra]


def _moved_between_hours(b: dict[str, Any]) -> None:
    b["hours"] = [
        {"hour": 10, "sales_count": 3, "net": 10**9 + 100_000},
        {"hour": 11, "sales_count": 0, "net": -(10**9)},
    ]


DEEP = b'{"format": "bazar-pos/daily-totals", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}"
REFUSALS = [
    ("bad_signature", 401, _tampered),
    ("wrong_kit", 403, lambda s: body(make_bundle("B-000", s["B-001"]))),
    ("unknown_booth", 403, lambda s: body(make_bundle("ZZ-9", s["B-000"]))),
    ("other_event", 403, lambda s: body(make_bundle("B-000", s["B-000"], event="Bazar Lain"))),
    ("malformed", 400, lambda s: b"{not json"),
    ("malformed", 400, lambda s: b"[1, 2]"),
    ("too_deep", 400, lambda s: DEEP),
    ("malformed", 400, lambda s: body(make_bundle("B-000", s["B-000"]))[:-1] + b',"x":NaN}'),
    ("malformed", 400, lambda s: body(make_bundle("B-000", s["B-000"]))[:-1] + b',"x":-Infinity}'),
    ("malformed", 400, lambda s: body(make_bundle("B-000", s["B-000"])).replace(b"16", b"16.0")),
    ("malformed", 400, lambda s: b'{"booth": "\\ud800"}'.replace(b"\\\\", b"\\")),
    ("malformed", 400, lambda s: b'{"booth": "\xed\xa0\x80"}'),  # a surrogate's own bytes
    ("out_of_range", 422, _set("revision", 0)),
    ("out_of_range", 422, _set("revision", 2**70)),
    ("out_of_range", 422, _set("totals.gross", 10**30)),
    ("out_of_range", 422, _set("totals.net", 2**63)),
    ("out_of_range", 422, _set("totals.gross", -5)),
    ("out_of_range", 422, _set("totals.sales_count", -1)),
    ("out_of_range", 422, _set("products.0.qty", -(10**10))),
    ("out_of_range", 422, _set("hours.0.hour", 24)),
    ("schema", 422, lambda s: body(make_bundle("B-000", s["B-000"], products=[{"sku": 1}]))),
    ("schema", 422, _set("created_at", "")),
    ("schema", 422, _set("extra", {"nested": [1]})),
    ("future_version", 422, lambda s: body({**make_bundle("B-000", s["B-000"]), "version": 99})),
    ("old_version", 422, lambda s: body({**make_bundle("B-000", s["B-000"]), "version": 1})),
    ("too_large", 413, lambda s: b"{" + b" " * 2_000_000 + b"}"),
    ("schema", 422, lambda s: body(make_bundle("B-000", s["B-000"], products=5))),
    ("schema", 422, lambda s: body(make_bundle("B-000", s["B-000"], hours="16"))),
    ("schema", 422, lambda s: body(make_bundle("B-000", s["B-000"], date="2026-02-30"))),
    ("schema", 422, lambda s: body(make_bundle("B-000", s["B-000"], date="2026-03-20\n"))),
    ("outside_dates", 422, lambda s: body(make_bundle("B-000", s["B-000"], date="9999-12-31"))),
    ("outside_dates", 422, lambda s: body(make_bundle("B-000", s["B-000"], date="0001-01-01"))),
    ("inconsistent", 422, _set("totals.sales_count", 0)),
    ("inconsistent", 422, _set("products.0.amount", 1)),
    ("inconsistent", 422, _set("hours.0.net", 1)),
    ("inconsistent", 422, _set("totals.by_payment.qris", 1)),
    ("inconsistent", 422, lambda s: _changed(s, _moved_between_methods)),
    ("inconsistent", 422, lambda s: _changed(s, _moved_between_products)),
    ("inconsistent", 422, lambda s: _changed(s, _moved_between_hours)),
    (
        "schema",
        422,
        lambda s: body(make_bundle("B-000", s["B-000"], ledger={"head_hash": "ab" * 32 + "\n"})),
    ),
]


def test_sales_count_zero_with_gross_is_refused() -> None:
    """Rp95.000 of gross with no sale, however the rest is made to add up."""
    b = make_bundle("B-000", Keys(bundle.new_key(), bundle.new_key()), net=95_000)
    b["totals"]["sales_count"] = 0
    b["hours"][0]["sales_count"] = 0
    with pytest.raises(bundle.BundleRejected) as exc:
        bundle.check(b)
    assert exc.value.code == "inconsistent" and "sales_count is 0" in exc.value.message("en")


async def test_a_refusal_names_its_problem_in_the_clients_language(hub: tuple) -> None:
    """The field and the rule broken, in Indonesian or English, never English in an Indonesian
    sentence; the audit row keeps both wordings."""
    db, _, secrets, path = hub
    bad_sum = _set("totals.by_payment.qris", 1)(secrets)
    bad_type = _set("revision", "2")(secrets)
    async with client(path) as c:
        answers = {
            (which, lang): (await c.post(
                "/api/v1/bundles", content=raw, headers={"Accept-Language": lang}
            )).json()["error"]["message"]
            for which, raw in (("sum", bad_sum), ("type", bad_type))
            for lang in ("id", "en")
        }  # fmt: skip
    assert answers == {
        ("sum", "id"): "Angka bundel tidak cocok: jumlah totals.by_payment tidak sama dengan"
        " totals.net",
        ("sum", "en"): "Figures do not add up: sum of totals.by_payment != totals.net",
        ("type", "id"): "Isi bundel tidak sah: bundle.revision harus bilangan bulat",
        ("type", "en"): "Invalid bundle: bundle.revision must be a whole number",
    }
    audit = status.rejections(db)[0]
    assert audit["reason_id"] == answers[("type", "id")]
    assert audit["reason"] == answers[("type", "en")]


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
    audit = status.rejections(db)
    assert [r["code"] for r in audit] == [code, code]
    assert {(r["via"], r["source"]) for r in audit} == {("http", "127.0.0.1")}
    assert all(r["size"] == len(make(secrets)) for r in audit)


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
        {
            "booth": "B-002",
            "name": "Booth 2",
            "city": "",
            "location": "Lokasi 2",
            "pengampu": "P0",
            "date": "2026-03-20",
        }
    ]
    assert json.loads(json.dumps(rep.to_json()))["by_payment"]["qris"] == 80_000


async def test_an_oversize_body_without_length_is_cut_off(hub: tuple) -> None:
    """A chunked body has no Content-Length: the limit applies to the bytes actually read."""
    db, _, secrets, path = hub
    real = body(make_bundle("B-000", secrets["B-000"]))

    async def chunks() -> Any:
        for _ in range(100):
            yield b" " * 1000

    async with client(path, max_body=len(real)) as c:
        ok = await c.post("/api/v1/bundles", content=real)
        r = await c.post("/api/v1/bundles", content=chunks())
    assert ok.status_code == 201
    assert "content-length" not in r.request.headers
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert count(db, "bundles") == 1 and count(db, "rejections") == 1


async def test_many_booths_at_once_in_process(hub: tuple, tmp_path: Path) -> None:
    """Requests run in the threadpool on one shared connection: none lost, none doubled."""
    path = tmp_path / "many.db"
    db, _, secrets = make_hub(path, booths=40)
    payloads = [
        body(make_bundle(code, s, net=1000 + i)) for i, (code, s) in enumerate(secrets.items())
    ]
    async with client(path) as c:
        results = await asyncio.gather(
            *[c.post("/api/v1/bundles", content=p) for p in payloads + payloads[:10]]
        )
    statuses = [r.json()["status"] for r in results]
    assert statuses.count("accepted") == 40 and statuses.count("duplicate") == 10
    assert db.execute("SELECT COUNT(*), SUM(net) FROM booth_days").fetchone() == (
        40,
        sum(1000 + i for i in range(40)),
    )


async def test_errors_are_json_in_the_clients_language(hub: tuple) -> None:
    _, token, _, path = hub
    auth = {"Authorization": f"Bearer {token}"}
    async with client(path) as c:
        missing = await c.get("/api/v1/nothing")
        wrong_method = await c.get("/api/v1/bundles")
        bad_date = await c.get("/api/v1/status", params={"date": "20-03-2026"}, headers=auth)
        bad_date_en = await c.get(
            "/api/v1/status",
            params={"date": "2026-13-01"},
            headers={**auth, "Accept-Language": "en-US,en;q=0.9,id;q=0.5"},
        )
        prefers_id = await c.get(
            "/api/v1/report", headers={"Accept-Language": "en;q=0.3, id;q=0.8"}
        )
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert wrong_method.status_code == 405 and "error" in wrong_method.json()
    assert bad_date.status_code == 422 and bad_date.json()["error"]["code"] == "bad_date"
    assert bad_date.json()["error"]["message"].startswith("Tanggal tidak sah")
    assert bad_date_en.json()["error"]["message"].startswith("Invalid date")
    assert prefers_id.status_code == 401
    assert prefers_id.headers["www-authenticate"] == "Bearer"
    assert prefers_id.json()["error"]["message"].startswith("Token penyelenggara")


async def test_status_shows_every_booth_and_open_conflicts(hub: tuple) -> None:
    _, token, secrets, path = hub
    s = secrets["B-001"]
    async with client(path, clock=lambda: NOW) as c:  # the default day: today, in the event
        for b in (
            make_bundle("B-001", s, net=50_000),
            make_bundle("B-001", s, net=60_000),  # same revision, other content
        ):
            await c.post("/api/v1/bundles", content=body(b))
        st = (await c.get("/api/v1/status", headers={"Authorization": f"Bearer {token}"})).json()
        await c.post("/api/v1/bundles", content=body(make_bundle("B-001", s, revision=2)))
        later = await c.get(
            "/api/v1/status",
            params={"date": "2026-03-20"},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert st["date"] == "2026-03-20" and st["event"] == "Bazar Jakpreneur"
    rows = {b["booth"]: b for b in st["booths"]}
    assert set(rows) == {"B-000", "B-001", "B-002"}
    assert rows["B-001"]["net"] == 50_000 and rows["B-001"]["conflict"] is True
    assert not rows["B-000"]["reported"] and rows["B-000"]["net"] is None
    assert [(c["net"], c["resolved"]) for c in st["conflicts"]] == [(60_000, False)]
    after = later.json()
    assert [c["resolved"] for c in after["conflicts"]] == [True]
    assert next(b for b in after["booths"] if b["booth"] == "B-001")["conflict"] is False


async def test_openapi_documents_the_bundle_and_the_token(hub: tuple) -> None:
    _, _, _, path = hub
    async with client(path) as c:
        spec = (await c.get("/openapi.json")).json()
        docs = await c.get("/docs")
    post = spec["paths"]["/api/v1/bundles"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert schema["title"] == bundle.SCHEMA["title"]
    assert {"200", "201", "401", "403", "413", "422"} <= set(post["responses"])
    assert spec["paths"]["/api/v1/status"]["get"]["security"]
    assert docs.status_code == 200


async def test_a_new_token_replaces_the_old_one_without_restart(hub: tuple) -> None:
    from bazar_pos.hub import registry

    db, token, _, path = hub
    async with client(path) as c:

        async def report_with(t: str) -> int:
            r = await c.get("/api/v1/report", headers={"Authorization": f"Bearer {t}"})
            return r.status_code

        assert await report_with(token) == 200
        new = registry.new_token(db)
        assert await report_with(token) == 401
        assert await report_with(new) == 200


def test_the_app_refuses_a_hub_that_is_not_set_up(tmp_path: Path) -> None:
    from bazar_pos.errors import BazarError
    from bazar_pos.hub.store import open_hub

    with pytest.raises(BazarError, match="hub"):
        create_app(tmp_path / "none.db")
    open_hub(tmp_path / "empty.db", create=True).close()
    with pytest.raises(BazarError) as exc:
        create_app(tmp_path / "empty.db")
    assert exc.value.code == "hub_not_initialized"
