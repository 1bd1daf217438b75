"""A province of 6 cities x 6 locations x 30 booths x 2 days (2,160 booth-days) forwarded by six
city hubs over HTTP on loopback to a real `hub serve`, beside bare SQLite inserts of the rows one
bundle writes; then the province report as JSON and as the PDF.

Forwarding includes building and signing each envelope at the city hub, and at the province the
bounded parse, every sum check, the booth's and the city hub's Ed25519 signatures and the group
commit per batch. Prints the load average: the machine is shared. Fails on a missed goal.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import NOW
from tests.hubkit import DATES, EVENT, Keys, Server, make_bundle

import bench_hub
from bazar_pos.documents import event_report
from bazar_pos.hub import cities, forwarding, registry, report
from bazar_pos.hub.ingest import Arrival, ingest_many
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle

CITIES = ("JP", "JU", "JB", "JS", "JT", "KS")
LOCATIONS, BOOTHS, DAYS = 6, 30, ("2026-03-20", "2026-03-21")
GOAL_FORWARD_S = 10.0
GOAL_JSON_S = 1.0
GOAL_PDF_S = 10.0


def _booths(city: str) -> list[registry.Booth]:
    return [
        registry.Booth(
            f"L{loc}-{b:02d}", f"UMKM {city} {loc} {b}", f"{city} Lokasi {loc}", f"P{b // 5}", "kue",
            city,
        )
        for loc in range(LOCATIONS)
        for b in range(BOOTHS)
    ]  # fmt: skip


def _setup(folder: Path) -> None:
    """The province with its cities and their booth lists; each city hub joined, its outbox full."""
    province = open_hub(folder / "province.db", create=True)
    registry.init_hub(province, EVENT, dates=DATES, now=NOW)
    for n, city in enumerate(CITIES):
        kit = cities.add_city(province, city, name=city).write(folder / f"{city}.hubkit.json")
        registry.add_booths(province, _booths(city))
        db = open_hub(folder / f"{city}.db", create=True)
        registry.init_hub(db, EVENT, dates=DATES, now=NOW)
        codes = registry.add_booths(db, [replace(b, city="") for b in _booths(city)])
        cities.join_parent(db, kit, url="", now=NOW)
        arrivals = []
        for i, code in enumerate(codes):
            keys = Keys(registry.issue_kit(db, code).kit_key, bundle.new_key())
            for day in DAYS:
                b = make_bundle(code, keys, date=day, net=10_000 * (n + 1) + i)
                arrivals.append(Arrival(bundle.dumps(b)))
        ingest_many(db, arrivals, now=NOW)
        db.close()
    province.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        keys = Keys(bundle.new_key(), bundle.new_key())
        bodies = bench_hub._bodies({f"B-{i:03d}": keys for i in range(bench_hub.BOOTHS)})
        floor = bench_hub._floor(folder / "bare.db", bodies)
        _setup(folder)
        n = len(CITIES) * LOCATIONS * BOOTHS * len(DAYS)
        with Server(folder / "province.db") as server:

            def forward(city: str) -> tuple[int, int, list[dict[str, str]]]:
                db = open_hub(folder / f"{city}.db")
                done = forwarding.send(db, now=lambda: NOW, url=server.url)
                db.close()
                return done.sent, done.waiting, done.refused

            start = time.perf_counter()
            with ThreadPoolExecutor(len(CITIES)) as pool:  # six city hubs, each on its own
                results = list(pool.map(forward, CITIES))
            forward_s = time.perf_counter() - start
            assert results == [(n // len(CITIES), 0, [])] * len(CITIES), results
        province = open_hub(folder / "province.db")
        assert province.execute("SELECT COUNT(*) FROM booth_days").fetchone()[0] == n
        start = time.perf_counter()
        rep = report.build(province)
        json.dumps(rep.to_json())
        json_s = time.perf_counter() - start
        start = time.perf_counter()
        event_report.write(rep, folder / "province.pdf", generated=NOW)
        pdf_s = time.perf_counter() - start
        assert sum(c["net"] for c in rep.by_city) == rep.net
        province.close()
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")
    print(
        f"province forwarding over HTTP, {n} booth-days from {len(CITIES)} city hubs:"
        f" {forward_s:.2f} s, {n / forward_s:.0f} bundles/s; bare-insert floor {floor:.0f}"
        f" bundles/s, ratio {floor / (n / forward_s):.1f}x (goal: all in < {GOAL_FORWARD_S:.0f} s)"
    )
    print(f"province report JSON: {json_s:.2f} s (goal < {GOAL_JSON_S:.0f} s)")
    print(f"province report PDF: {pdf_s:.2f} s (goal < {GOAL_PDF_S:.0f} s)")
    missed = [
        name
        for name, took, goal in (
            ("forward", forward_s, GOAL_FORWARD_S),
            ("json", json_s, GOAL_JSON_S),
            ("pdf", pdf_s, GOAL_PDF_S),
        )
        if took > goal
    ]
    if missed:
        raise AssertionError(f"missed goal: {', '.join(missed)}")


if __name__ == "__main__":
    main()
