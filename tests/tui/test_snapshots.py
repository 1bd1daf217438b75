"""Every screen and dialog as the vendor sees it, at the smallest usable terminal and a roomy one.

Seeded demo booth, fixed clock, no blinking cursor: a changed picture is a changed screen.
Review a failure in the HTML report, then accept with `pytest --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import make_app, still
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
