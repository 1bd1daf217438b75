"""The organizer's status page at province scale (1,080 booths) beside `hub status --json`.

Both read the same hub in the same run: the command in process (it opens the hub, reads the
day and prints JSON), the page through the ASGI app with a logged-in session (session check,
the per-location sums, the booth list, the template). Goals: the page under 2x the command's
time, and under 200 KB even on a morning when no booth has reported yet.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

import httpx
from tests.conftest import NOW
from tests.hubkit import DATES, booth_keys, make_bundle

from bazar_pos.cli import _load
from bazar_pos.cli.base import main as cli_main
from bazar_pos.hub import registry
from bazar_pos.hub.api import create_app
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from common import median_ms

BOOTHS = 1080
DAY, EMPTY_DAY = "2026-03-20", "2026-03-21"
REPEAT = 15
GOAL_RATIO, GOAL_BYTES = 2.0, 200_000


def _hub(path: Path) -> str:
    """1,080 booths in 36 locations; nine in ten have reported DAY, none EMPTY_DAY."""
    db = open_hub(path, create=True)
    token = registry.init_hub(db, "Bazar Jakpreneur", dates=DATES, now=NOW)
    codes = registry.add_booths(
        db,
        [
            registry.Booth(
                f"B{i:04d}",
                f"Booth {i} Kue dan Minuman",
                f"Kota {i // 180} Lokasi {i // 30 % 6}",
                f"Pengampu {i // 30}",
                "kue",
            )
            for i in range(BOOTHS)
        ],
    )
    secrets = {code: booth_keys(db, code) for code in codes}
    for n, (code, secret) in enumerate(sorted(secrets.items())):
        if n % 10:
            ingest(db, bundle.dumps(make_bundle(code, secret, date=DAY, net=100_000 + n)), now=NOW)
    db.close()
    return token


def _command(path: Path) -> float:
    _load()
    args = ["hub", "--db", str(path), "status", "--date", DAY, "--json"]

    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            cli_main.main(args, standalone_mode=False)

    return median_ms(run, REPEAT)


async def _page(path: Path, token: str) -> tuple[float, int, int]:
    """Median ms per status page, its size for DAY, and its size for a day nobody reported."""
    import time

    app = create_app(path, clock=lambda: NOW)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hub"
    ) as c:
        assert (await c.post("/login", data={"token": token})).status_code == 303
        samples = []
        size = 0
        for i in range(REPEAT + 3):
            start = time.perf_counter()
            r = await c.get(f"/status?date={DAY}")
            elapsed = (time.perf_counter() - start) * 1000
            assert r.status_code == 200 and r.text.count('data-booth="') == BOOTHS
            size = len(r.content)
            if i >= 3:
                samples.append(elapsed)
        empty = await c.get(f"/status?date={EMPTY_DAY}")
        assert empty.text.count('data-reported="0"') == BOOTHS
    samples.sort()
    return samples[len(samples) // 2], size, len(empty.content)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hub.db"
        token = _hub(path)
        command = _command(path)
        page, size, empty_size = asyncio.run(_page(path, token))
    ratio = page / command
    print(f"hub status --json, {BOOTHS} booths: {command:.1f} ms (the floor)")
    print(
        f"status page, {BOOTHS} booths: {page:.1f} ms per request, ratio {ratio:.2f} "
        f"(goal < {GOAL_RATIO:.0f}x)"
    )
    print(
        f"status page size: {size / 1000:.0f} KB with 972 reported, {empty_size / 1000:.0f} KB "
        f"with none (goal < {GOAL_BYTES // 1000} KB)"
    )
    missed = [
        goal
        for goal, ok in (
            (f"page time {ratio:.2f}x >= {GOAL_RATIO}x", ratio < GOAL_RATIO),
            (
                f"page size {max(size, empty_size)} B >= {GOAL_BYTES} B",
                max(size, empty_size) < GOAL_BYTES,
            ),
        )
        if not ok
    ]
    if missed:
        raise AssertionError("missed goal: " + "; ".join(missed))


if __name__ == "__main__":
    main()
