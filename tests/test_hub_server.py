"""The real `bazar-pos hub serve` on 127.0.0.1: what booths see over a socket, and 200 at once."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from bazar_pos.hub import status
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from tests.conftest import DAY, Cli
from tests.hubkit import Server, make_bundle, make_hub

pytestmark = pytest.mark.slow


def test_200_booths_at_once_then_hub_status_equals_their_bundles(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    db, _, secrets = make_hub(path, booths=200)
    db.close()
    nets = {code: 10_000 + 7 * i for i, code in enumerate(sorted(secrets))}
    bodies = {code: bundle.dumps(make_bundle(code, secrets[code], net=nets[code])) for code in nets}
    local = threading.local()

    with Server(path) as server:

        def push(code: str) -> tuple[int, str]:
            if not hasattr(local, "client"):
                local.client = httpx.Client(base_url=server.url, timeout=30)
            r = local.client.post("/api/v1/bundles", content=bodies[code])
            return r.status_code, str(r.json()["status"])

        with ThreadPoolExecutor(max_workers=32) as pool:
            first = list(pool.map(push, list(nets) + list(nets)[:40]))
        assert sorted(first).count((201, "accepted")) == 200
        assert sorted(first).count((200, "duplicate")) == 40
    org = Cli(tmp_path)
    org.env["BAZAR_POS_HUB_DB"] = str(path)
    status = org("hub", "status", "--date", DAY, "--json").json()
    assert {b["booth"]: b["net"] for b in status["booths"]} == nets
    assert all(b["reported"] and b["revision"] == 1 for b in status["booths"])


def test_refusals_over_a_real_socket(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    db, _, secrets = make_hub(path)
    db.close()
    good = bundle.dumps(make_bundle("B-000", secrets["B-000"])).encode()
    with Server(path) as server, httpx.Client(base_url=server.url, timeout=10) as c:
        tampered = c.post(
            "/api/v1/bundles", content=good.replace(b'"sales_count":3', b'"sales_count":4')
        )
        big = c.post("/api/v1/bundles", content=b"{" + b" " * 1_100_000 + b"}")
        with socket.create_connection(
            ("127.0.0.1", server.port)
        ) as s:  # chunked: no length to trust
            s.sendall(
                b"POST /api/v1/bundles HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n"
                + b"".join(b"%x\r\n" % 100_000 + b" " * 100_000 + b"\r\n" for _ in range(12))
                + b"0\r\n\r\n"
            )
            reply = http.client.HTTPResponse(s)
            reply.begin()
            chunked = (reply.status, json.loads(reply.read()))
        accepted = c.post("/api/v1/bundles", content=good, headers={"Accept-Language": "en"})
        health = c.get("/healthz").json()
    assert tampered.status_code == 401 and tampered.json()["error"]["code"] == "bad_signature"
    assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
    assert chunked[0] == 413 and chunked[1]["error"]["code"] == "too_large"
    assert accepted.status_code == 201 and accepted.json() == {
        "status": "accepted",
        "booth": "B-000",
        "date": DAY,
        "revision": 1,
    }
    assert health == {"status": "ok", "event": "Bazar Jakpreneur"}
    audit = status.rejections(open_hub(path))
    assert [(r["code"], r["via"]) for r in audit] == [
        ("too_large", "http"),
        ("too_large", "http"),
        ("bad_signature", "http"),
    ]
