"""Hub ingest over HTTP on loopback and from files, beside bare SQLite inserts of the same rows."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

import httpx
from tests.conftest import NOW
from tests.hubkit import Server, make_bundle, make_hub

from bazar_pos.hub.ingest import ingest
from bazar_pos.sync import bundle

N = 1000


def _bodies(secrets: dict[str, str]) -> list[str]:
    codes = sorted(secrets)
    return [
        bundle.dumps(
            make_bundle(
                codes[i % len(codes)],
                secrets[codes[i % len(codes)]],
                date=f"2026-03-{1 + i // len(codes):02d}",
                net=1000 + i,
            )
        )
        for i in range(N)
    ]


def _floor(folder: Path, bodies: list[str]) -> float:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, body TEXT, net INTEGER)")
    start = time.perf_counter()
    for i, body in enumerate(bodies):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO b (body, net) VALUES (?, ?)", (body, i))
        conn.execute("COMMIT")
    return N / (time.perf_counter() - start)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, _, secrets = make_hub(folder / "file.db", booths=200)
        bodies = _bodies(secrets)
        floor = _floor(folder, bodies)
        start = time.perf_counter()
        for body in bodies:
            ingest(db, body, now=NOW)
        by_file = N / (time.perf_counter() - start)
        db2, _, secrets2 = make_hub(folder / "http.db", booths=200)
        db2.close()
        http_bodies = _bodies(secrets2)
        with Server(folder / "http.db") as server, httpx.Client() as client:
            start = time.perf_counter()
            with ThreadPoolExecutor(8) as pool:
                list(
                    pool.map(
                        lambda b: client.post(server.url + "/api/v1/bundles", content=b),
                        http_bodies,
                    )
                )
            over_http = N / (time.perf_counter() - start)
    print(f"bare SQLite insert (floor): {floor:.0f} rows/s")
    print(
        f"hub ingest by file import: {by_file:.0f} bundles/s, {by_file / floor:.2f} of floor "
        "(goal > 1,000/s)"
    )
    print(
        f"hub ingest over HTTP, loopback: {over_http:.0f} bundles/s, "
        f"{over_http / floor:.2f} of floor (goal > 200/s)"
    )


if __name__ == "__main__":
    main()
