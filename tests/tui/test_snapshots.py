"""Every screen and dialog as the vendor sees it, at the smallest usable terminal and a roomy one.

Seeded demo booth, fixed clock, no blinking cursor: a changed picture is a changed screen.
Review a failure in the HTML report, then accept with `pytest --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandInput
from textual.pilot import Pilot

from tests.tui.conftest import make_app, notices, still
from tests.tui.views import VIEWS, open_view

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(VIEWS))
def test_screen(screen: str, size: tuple[int, int], demo_db: Path, snap_compare: Any) -> None:
    app = make_app(demo_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_view(pilot, screen)
        still(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("screen", ["kasir", "stok", "tutup"])
def test_screen_in_english(screen: str, demo_db: Path, snap_compare: Any) -> None:
    """The same screens after switching the language: every word from the English catalog."""
    app = make_app(demo_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.switch_language("en", save=False)
        await open_view(pilot, screen)
        still(app)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


async def test_textual_prompts_follow_the_language(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.run_action("help_quit")  # what Ctrl+C does where it does not copy
        await pilot.pause()
        assert "Tekan [b]Ctrl+Q[/b] untuk keluar" in notices(app)
        await app.switch_language("en", save=False)
        app.clear_notifications()
        await app.run_action("help_quit")
        await pilot.pause()
        assert "Press [b]Ctrl+Q[/b] to quit" in notices(app)
        app.action_command_palette()
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
