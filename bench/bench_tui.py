"""Booth TUI: process start to the first Kasir screen, and one keystroke's filter and redraw.

Start-up is a fresh process each time (median of 5, our package compiled as pip would have it)
beside `python -c "import textual.app"`, the least any Textual app pays. A keystroke goes through Pilot's public `press` in the Kasir
over 5,000 products and, in the same run, in a bare app with one Input: Pilot waits for the
app to go idle after each key (~20 ms of polling), which both pay, so the difference is what
the Kasir's filter, layout and repaint cost.
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

from textual.app import App, ComposeResult

from bazar_pos.booth import catalog, demo
from bazar_pos.booth.ledger import Ledger
from common import report

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)
WORDS = ["Nastar Keju", "Kastengel", "Putri Salju", "Kue Kacang", "Sirup Melon"]
KEYSTROKES = ["n", "na", "nas", "nast", "k", "ku", "kue", "kue k", "kue ka", "sir", "SKU-4", ""]

FIRST_SCREEN = """
import sys
from bazar_pos.tui.app import make_booth_app

async def ready(pilot):
    await pilot.pause()
    assert pilot.app.screen.query_one("#search")
    print("ready", flush=True)
    pilot.app.exit()

make_booth_app(sys.argv[1]).run(headless=True, size=(80, 24), auto_pilot=ready)
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


def _compiled() -> None:
    """Our package's bytecode, as an installed one has it: pip compiles a package as it installs
    it, which is how the floor's Textual comes, while an editable checkout run with
    PYTHONDONTWRITEBYTECODE (CI sets it) would compile every module again at every start."""
    import compileall

    import bazar_pos

    compileall.compile_dir(Path(bazar_pos.__file__).parent, quiet=1)


def _startup(db: Path) -> tuple[float, float, float]:
    """Medians of ours, the import floor, and a three-widget Textual app for scale."""
    _compiled()
    ours, floor, bare = [], [], []
    for _ in range(5):  # in turns, so a load change on the machine hits all three
        floor.append(_launch_ms([sys.executable, "-c", "import textual.app"], None))
        bare.append(_launch_ms([sys.executable, "-c", BARE_APP], "ready"))
        ours.append(_launch_ms([sys.executable, "-c", FIRST_SCREEN, str(db)], "ready"))
    return statistics.median(ours), statistics.median(floor), statistics.median(bare)


WORDS_TYPED = ["nas", "kue k", "sir", "SKU-4"]


async def _typing_ms(app: App[None]) -> float:
    """Median time of one key through Pilot.press: the key, the app's work, the repaint and
    Pilot's own wait for the app to go idle (the same wait in both apps: the floor pays it too)."""
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(3):
            for word in WORDS_TYPED:
                for ch in word:
                    start = time.perf_counter()
                    await pilot.press(ch)
                    samples.append((time.perf_counter() - start) * 1000)
                await pilot.press("ctrl+u")
    return statistics.median(samples)


def _keystroke(db: Path) -> tuple[float, float]:
    from textual.widgets import Input

    from bazar_pos.tui.app import make_booth_app

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    ours = asyncio.run(_typing_ms(make_booth_app(db, now=lambda: NOW)))
    floor = asyncio.run(_typing_ms(Bare()))
    return ours, floor


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "booth.db"
        _seed(db, 5000)
        ours, floor, bare = _startup(db)
        report("TUI start to first screen (5,000 products)", ours, floor, "<= 2.0")
        report("  for scale: a bare Textual app (Input, Label, Footer)", bare, floor, "-")
        typed, bare_typed = _keystroke(db)
        report("keystroke through Pilot.press, Kasir at 5,000 products", typed, None, "-")
        report("  the same key in a bare Textual app with one Input", bare_typed, None, "-")
        report("keystroke cost above the bare app", typed - bare_typed, None, "< 16 ms")


if __name__ == "__main__":
    main()
