"""A QR code drawn with half blocks, two modules per character, light glyphs on black.

`payments.to_terminal` paints the light modules, so the widget pins its colours (bright white on
black) whatever the theme: a phone then sees dark modules on a light quiet zone.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from bazar_pos.payments import QrMatrix, to_terminal

QUIET = 4
SIDE_PANEL = 26  # columns the text beside the code needs
STYLE = Style(color="#ffffff", bgcolor="#000000")


def qr_cells(matrix: QrMatrix, quiet: int = QUIET) -> tuple[int, int]:
    """Columns and rows the code needs on screen, quiet zone included."""
    side = matrix.size + 2 * quiet
    return side, (side + 1) // 2


def fit(screen: Widget, matrix: QrMatrix, too_small: Callable[[int, int], str]) -> None:
    """Mark a QR screen `-small` or `-stacked` for its size; when the code does not fit, its
    `#too-small` line says so with `too_small(columns, rows)` (the size it needs).

    A QR squeezed below one module per half cell does not scan, so it is never drawn smaller.
    """
    cols, rows = qr_cells(matrix)
    width, height = screen.size
    fits = width >= cols and height >= rows + 1
    screen.set_class(not fits, "-small")
    screen.set_class(fits and width < cols + SIDE_PANEL, "-stacked")
    screen.query_one("#too-small", Static).update("" if fits else too_small(cols, rows + 1))


class QrView(Widget):
    DEFAULT_CSS = """
    QrView {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, matrix: QrMatrix, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = to_terminal(matrix, QUIET)

    def get_content_width(self, container: object, viewport: object) -> int:
        return len(self.lines[0])

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.lines)

    def render_line(self, y: int) -> Strip:
        if 0 <= y < len(self.lines):
            return Strip([Segment(self.lines[y], STYLE)])
        return Strip.blank(self.size.width)
