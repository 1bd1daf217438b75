"""Booth TUI: process start to the first Kasir screen, and one keystroke's filter and redraw.

Start-up is a fresh process each time (median of 5) beside `python -c "import textual.app"`,
the least any Textual app pays. The keystroke runs in one headless app over 5,000 products:
the Kasir filter, Textual's layout pass and a full repaint of the 80x24 screen, called directly
(Pilot's own wait for idle polls for ~20 ms and would drown the figure; a terminal does not pay it).
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bazar_pos.booth import catalog, demo
from bazar_pos.booth.ledger import Ledger
from common import report

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)
WORDS = ["Nastar Keju", "Kastengel", "Putri Salju", "Kue Kacang", "Sirup Melon"]
KEYSTROKES = ["n", "na", "nas", "nast", "k", "ku", "kue", "kue k", "kue ka", "sir", "SKU-4", ""]

FIRST_SCREEN = """
import sys
from bazar_pos.tui.app import BoothApp

async def ready(pilot):
    await pilot.pause()
    assert pilot.app.screen.query_one("#search")
    print("ready", flush=True)
    pilot.app.exit()

BoothApp(sys.argv[1]).run(headless=True, size=(80, 24), auto_pilot=ready)
"""

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Input, Label

class Bare(App):
    def compose(self):
        yield Input()
        yield Label("hello")
        yield Footer()

async def ready(pilot):
    await pilot.pause()
    print("ready", flush=True)
    pilot.app.exit()

Bare().run(headless=True, size=(80, 24), auto_pilot=ready)
"""


def _seed(path: Path, products: int) -> None:
    ledger = Ledger.open(path)
    demo.seed(ledger, now=NOW)
    rows = [
        {
            "sku": f"SKU-{i:04d}",
            "name": f"{WORDS[i % 5]} {i}",
            "price": str(10_000 + i),
            "stock": "10",
            "category": "kue",
        }
        for i in range(products)
    ]
    catalog.import_rows(ledger, rows, now=NOW)
    ledger.close()


def _launch_ms(args: list[str], until: str | None) -> float:
    """Wall time from spawn to `until` on stdout (or to exit when None)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == until:
            break
    elapsed = (time.perf_counter() - start) * 1000  # with until=None: stdout closed at exit
    proc.wait()
    if proc.returncode != 0:
        raise RuntimeError(f"{args} exited {proc.returncode}")
    return elapsed


def _startup(db: Path) -> tuple[float, float, float]:
    """Medians of ours, the import floor, and a three-widget Textual app for scale."""
    ours, floor, bare = [], [], []
    for _ in range(5):  # in turns, so a load change on the machine hits all three
        floor.append(_launch_ms([sys.executable, "-c", "import textual.app"], None))
        bare.append(_launch_ms([sys.executable, "-c", BARE_APP], "ready"))
        ours.append(_launch_ms([sys.executable, "-c", FIRST_SCREEN, str(db)], "ready"))
    return statistics.median(ours), statistics.median(floor), statistics.median(bare)


async def _keystroke(db: Path) -> float:
    from bazar_pos.tui.app import BoothApp

    app = BoothApp(db, now=lambda: NOW)
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(10):
            for text in KEYSTROKES:
                start = time.perf_counter()
                screen._filter(text)  # type: ignore[attr-defined]
                screen._refresh_layout(screen.size)
                screen._compositor.render_update(full=True)
                samples.append((time.perf_counter() - start) * 1000)
                await pilot.pause()  # let the app settle; Pilot's idle polling is not timed
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "booth.db"
        _seed(db, 5000)
        ours, floor, bare = _startup(db)
        report("TUI start to first screen (5,000 products)", ours, floor, "<= 2.5")
        report("  for scale: a bare Textual app (Input, Label, Footer)", bare, floor, "-")
        per_key = asyncio.run(_keystroke(db))
        report(
            "keystroke: filter + layout + full repaint, 5,000 products", per_key, None, "< 16 ms"
        )


if __name__ == "__main__":
    main()
