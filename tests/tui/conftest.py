"""TUI fixtures: a seeded demo booth on disk, a fixed clock, and what the screen shows as text."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from bazar_pos.booth import demo
from bazar_pos.booth.ledger import Ledger
from bazar_pos.tui.app import BoothApp, make_booth_app

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)  # 10:00 WIB
DAY = "2026-03-20"


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    ledger = Ledger.open(path)
    demo.seed(ledger, now=NOW)
    ledger.close()
    return path


def make_app(path: Path) -> BoothApp:
    return make_booth_app(path, now=lambda: NOW)


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="[0-9.]+" '
    r'clip-path="url\(#terminal-(?:[0-9]+-)?line-([0-9]+)\)">([^<]*)</text>'
)
CELL_WIDTH = 12.2  # Textual's SVG export: one terminal cell


def svg_lines(svg: str, width: int, height: int) -> list[str]:
    """The rows of an SVG screenshot (Textual's export or a snapshot) as plain text."""
    rows = [[" "] * width for _ in range(height)]
    for x, line, text in _SVG_TEXT.findall(svg):
        col, row = round(float(x) / CELL_WIDTH), int(line)
        for i, ch in enumerate(html.unescape(text).replace("\xa0", " ")):
            if row < height and col + i < width:
                rows[row][col + i] = ch
    return ["".join(r) for r in rows]


def screen_lines(app: BoothApp) -> list[str]:
    """The terminal as the vendor sees it, one string per row (from a public screenshot)."""
    width, height = app.size
    return svg_lines(app.export_screenshot(), width, height)


def screen_text(app: BoothApp) -> str:
    return "\n".join(screen_lines(app))


def still(app: BoothApp) -> None:
    """No blinking cursor: a snapshot must not depend on when it was taken."""
    for box in app.screen.query(Input):
        box.cursor_blink = False


def notices(app: BoothApp) -> str:
    """Every message the app has shown as a toast (the last few), as one text."""
    return "\n".join(app.said)


def key_event(key: str) -> events.Key:
    """A key as a terminal sends it: a character (`5`, `*`, ` `) or a key name (`enter`, `f9`)."""
    if len(key) == 1:
        name = key if key.isalnum() else unicodedata.name(key).lower().replace(" ", "_")
        return events.Key(name.replace("-", "_"), key)
    return events.Key(key, "\r" if key == "enter" else None)


async def settle(pilot: Pilot[None]) -> None:
    """Let every queue run dry: dialogs open and close, workers step, the gate opens.

    A loaded machine may need many more turns than a quiet one before a flow's dialog is up, so
    this waits on the key gate's own state (open, nothing held back), not on a count of turns.
    """
    for _ in range(6):
        await pilot.pause()
    gate = getattr(pilot.app, "keys", None)
    for _ in range(1_000):
        if gate is None or not (gate.closed or gate.waiting or gate.returned):
            break
        await pilot.pause()
    await pilot.pause()


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Send the keys in one chunk, as a scanner or a vendor typing ahead does: nothing waits
    between them (Pilot.press waits for the app to go idle after every key)."""
    for key in keys:
        pilot.app.post_message(key_event(key))
    await settle(pilot)


async def type_in(pilot: Pilot[None], text: str) -> None:
    """Type `text` (`\\r` is Enter) into the focused box in one burst."""
    await burst(pilot, *("enter" if ch == "\r" else ch for ch in text))
