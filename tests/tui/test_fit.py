"""80x24 for real: every screen and dialog shows its labels whole, nothing cut with "…".

Reads the same picture a snapshot stores (Textual's SVG export) as text. At 80 columns the
Kasir product list may shorten a product name longer than its column (the cart, the dialogs
and every label stay whole); at 120x40 nothing at all is cut.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import make_app, screen_text, svg_lines
from tests.tui.views import VIEWS, open_view

LONG_NAMES_AT_80 = ("Kemeja Batik Cap Ondel-ond…", "Kerupuk Udang Sidoarjo 250…")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
async def test_nothing_is_cut(view: str, size: tuple[int, int], demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await open_view(pilot, view)
        text = screen_text(app)
        for label in VIEWS[view][1]:
            assert label in text, f"{label!r} not shown whole on {view} at {size}:\n{text}"
        if size == (80, 24):
            for name in LONG_NAMES_AT_80:
                text = text.replace(name, "")
        assert "…" not in text, f"something is cut on {view} at {size}:\n{text}"


def test_svg_lines_reads_a_stored_snapshot() -> None:
    """The reader the fit test uses understands the pictures the snapshots keep."""
    svg = (
        Path(__file__).parent / "__snapshots__" / "test_snapshots" / "test_screen[kasir-80x24].svg"
    )
    lines = svg_lines(svg.read_text(encoding="utf-8"), 80, 24)
    assert "F1 Kasir" in lines[0] and "F9 Tunai" in lines[-1]
