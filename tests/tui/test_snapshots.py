"""Every main screen as the vendor sees it, at the smallest usable terminal and a roomy one.

Seeded demo booth, fixed clock, no blinking cursor: a changed picture is a changed screen.
Review a failure in the HTML report, then accept with `pytest --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import make_app, still, type_in

SIZES = [(80, 24), (120, 40)]


SCREENS = {
    "kasir": (),
    "riwayat": ("f2",),
    "stok": ("f3",),
    "tutup": ("f4",),
    "pengaturan": ("f5",),
}


async def _one_sale_and_one_in_progress(pilot: Pilot[Any]) -> None:
    """A day with something in it: one sale paid exact in cash, the next one begun."""
    await type_in(pilot, "nas\r3*kas\r")
    await pilot.press("f9", "enter")
    await pilot.app.workers.wait_for_complete()  # the receipt is written off the UI thread
    await pilot.pause()
    await type_in(pilot, "2*put\r")
    pilot.app.clear_notifications()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, size: tuple[int, int], demo_db: Path, snap_compare: Any) -> None:
    app = make_app(demo_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await _one_sale_and_one_in_progress(pilot)
        for key in SCREENS[screen]:
            await pilot.press(key)
        await pilot.pause()
        still(app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
