"""TUI fixtures: a seeded demo booth on disk, a fixed clock, and what the screen shows as text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from bazar_pos import i18n
from bazar_pos.booth import demo
from bazar_pos.booth.ledger import Ledger
from bazar_pos.tui.app import BoothApp

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)  # 10:00 WIB
DAY = "2026-03-20"


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    """Each test starts in Indonesian, whatever the one before switched to."""
    i18n.set_language("id")
    yield
    i18n.set_language(None)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    ledger = Ledger.open(path)
    demo.seed(ledger, now=NOW)
    ledger.close()
    return path


def make_app(path: Path) -> BoothApp:
    return BoothApp(path, now=lambda: NOW)


def screen_lines(app: BoothApp) -> list[str]:
    """The terminal as the vendor sees it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: BoothApp) -> str:
    return "\n".join(screen_lines(app))


def still(app: BoothApp) -> None:
    """No blinking cursor: a snapshot must not depend on when it was taken."""
    for box in app.screen.query(Input):
        box.cursor_blink = False


def notices(app: BoothApp) -> str:
    """Every notification (toast) the app has raised and not yet expired, as one text."""
    return "\n".join(n.message for n in app._notifications)


async def type_in(pilot: Pilot[None], text: str) -> None:
    """Type `text` (`\\r` is Enter) into the focused box in one burst, as a scanner would.

    Pilot waits for the app to go idle after every key (~60 ms); text needs no such wait,
    so story tests stay quick. Keys that trigger actions are still pressed one by one.
    """
    driver = pilot.app._driver
    assert driver is not None
    for ch in text:
        if ch == "\r":
            event = events.Key("enter", "\r")
        else:
            event = events.Key(ch if ch.isalnum() else _character_to_key(ch), ch)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()
