"""80x24 for real: every screen and dialog shows its labels whole, nothing cut with "…".

Reads the same picture a snapshot stores (Textual's SVG export) as text. At 80 columns the
Kasir product list may shorten a product name longer than its column (the cart, the dialogs
and every label stay whole); at 120x40 nothing at all is cut.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import make_app, screen_text, svg_lines
from tests.tui.views import LABELS_EN, VIEWS, open_view

LONG_NAMES_AT_80 = ("Kemeja Batik Cap Ondel-ond…", "Kerupuk Udang Sidoarjo 250…")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
async def test_nothing_is_cut(view: str, size: tuple[int, int], lang: str, demo_db: Path) -> None:
    """Also in English, whose words are longer: every label whole in the same room."""
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        if lang == "en":
            await app.switch_language("en", save=False)
        await open_view(pilot, view)
        text = screen_text(app)
        for label in VIEWS[view][1] if lang == "id" else LABELS_EN[view]:
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
