"""Booths and the organizer over real HTTP: `hub serve` on 127.0.0.1, kits, close, sync."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from bazar_pos.sync import bundle
from tests.conftest import DAY, Cli
from tests.hubkit import Server, free_port, make_bundle, make_hub

pytestmark = pytest.mark.slow


def _booth(home: Path, kit: Path) -> Cli:
    cli = Cli(home)
    assert cli("join", str(kit)).exit_code == 0
    assert (
        cli(
            "product", "add", "NST-250", "--name", "Nastar", "--price", "55000", "--stock", "20"
        ).exit_code
        == 0
    )
    return cli


def _hub(tmp_path: Path, port: int) -> tuple[Cli, Path]:
    org = Cli(tmp_path / "org")
    org.env["BAZAR_POS_HUB_DB"] = str(tmp_path / "org" / "hub.db")
    r = org(
        "hub",
        "init",
        "--dates",
        "2026-03-01..2026-03-31",
        "--event",
        "Bazar Jakpreneur",
        "--hub-url",
        f"http://127.0.0.1:{port}",
    )
    assert r.exit_code == 0
    for code in ("CP-07", "CP-08"):
        assert (
            org(
                "hub",
                "booth",
                "add",
                code,
                "--name",
                f"Booth {code}",
                "--location",
                "Cempaka Putih",
                "--kit",
                str(tmp_path / f"{code}.kit.json"),
            ).exit_code
            == 0
        )
    return org, tmp_path / "org" / "hub.db"


def test_two_booths_sync_through_the_real_server(tmp_path: Path) -> None:
    port = free_port()
    org, hub_db = _hub(tmp_path, port)
    with Server(hub_db, port):
        for i, code in enumerate(("CP-07", "CP-08"), start=1):
            booth = _booth(tmp_path / code, tmp_path / f"{code}.kit.json")
            assert booth("sell", f"NST-250:{i}", "--pay", "cash").exit_code == 0
            r = booth("close", "--cash-counted", str(55_000 * i), "--json")
            assert r.exit_code == 0 and r.json()["sync"]["sent"] == 1
    status = org("hub", "status", "--date", DAY, "--json").json()
    assert [(b["booth"], b["reported"], b["net"]) for b in status["booths"]] == [
        ("CP-07", True, 55_000),
        ("CP-08", True, 110_000),
    ]


def test_hub_away_close_succeeds_and_sync_delivers_later(tmp_path: Path) -> None:
    port = free_port()
    org, hub_db = _hub(tmp_path, port)
    booth = _booth(tmp_path / "CP-07", tmp_path / "CP-07.kit.json")
    booth("sell", "NST-250", "--pay", "cash")
    r = booth("close", "--cash-counted", "55000", "--json")
    assert r.exit_code == 0
    assert r.json()["sync"]["waiting"] == 1 and r.json()["sync"]["unreachable"]
    r = booth("sync", "--json")
    assert r.exit_code == 0 and r.json()["waiting"] == 1
    with Server(hub_db, port):
        r = booth("sync", "--json")
        assert r.json()["sent"] == 1 and r.json()["waiting"] == 0
    assert org("hub", "status", "--date", DAY, "--json").json()["booths"][0]["reported"]
    bundle_file = tmp_path / "cp07.json"
    assert booth("export", "--date", DAY, "-o", str(bundle_file)).exit_code == 0
    r = org("hub", "import", str(bundle_file), "--json")
    assert r.json()["results"][0]["status"] == "duplicate"


def test_200_booths_pushing_at_once_are_all_stored_once(tmp_path: Path) -> None:
    db, _, secrets = make_hub(tmp_path / "hub.db", booths=200)
    db.close()
    bodies = [
        bundle.dumps(make_bundle(code, s, net=1000 + i))
        for i, (code, s) in enumerate(sorted(secrets.items()))
    ]
    with Server(tmp_path / "hub.db") as server, httpx.Client(timeout=30) as client:

        def push(body: str) -> str:
            r = client.post(server.url + "/api/v1/bundles", content=body)
            return str(r.json()["status"])

        with ThreadPoolExecutor(max_workers=32) as pool:
            first = list(pool.map(push, bodies))
            again = list(pool.map(push, bodies[:50]))
    assert first == ["accepted"] * 200 and again == ["duplicate"] * 50
    from bazar_pos.hub.store import open_hub

    check = open_hub(tmp_path / "hub.db")
    assert check.execute("SELECT COUNT(*), SUM(net) FROM booth_days").fetchone() == (
        200,
        sum(1000 + i for i in range(200)),
    )
    assert check.execute("SELECT COUNT(*) FROM bundles").fetchone()[0] == 200
