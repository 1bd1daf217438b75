"""A table drawn line by line: only the rows on screen are formatted.

Textual's DataTable builds every row up front (5,000 rows freeze it for over a second); here a
filter just swaps the row list and the next frame formats the twenty rows that are visible.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from bazar_pos.tui.keygate import gate_of

Cell = str | tuple[str, str]  # text, or (text, tone) with tone in TONES
TONES = ("error", "warning", "success", "muted")


@dataclass(frozen=True)
class Column:
    title: str
    width: int | None = None  # None: this column takes what the fixed ones leave
    align: str = "left"
    apart: bool = False  # names: a cut keeps what tells a row from the others on screen


def fit(text: str, width: int, align: str = "left") -> str:
    """Exactly `width` cells: cut with an ellipsis, padded on the side away from `align`."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - cell_len(text))
    return pad + text if align == "right" else text + pad


class Names:
    """The names a cut must keep apart (a whole catalog), sorted once: the name nearest to any
    text is its neighbour in that order, so a cut costs a bisect, not a scan."""

    def __init__(self, names: Iterable[str]) -> None:
        self.sorted = sorted({n.casefold() for n in names})

    def parting(self, text: str) -> int:
        """How many leading characters `text` shares with the nearest other name."""
        t = text.casefold()
        i = bisect_left(self.sorted, t)
        near = (self.sorted[j] for j in (i - 1, i, i + 1) if 0 <= j < len(self.sorted))
        return max((_common(t, n) for n in near if n != t), default=0)


def fit_apart(text: str, width: int, names: Names) -> str:
    """`text` in `width` cells without losing where it parts from the nearest other name.

    "Kemeja Batik Pria L/M" and "Kemeja Batik Pria XL" part at the end, so a plain cut would
    show both as "Kemeja Batik Pria…": the word where they part is kept and the middle is cut.
    """
    if cell_len(text) <= width:
        return fit(text, width)
    part = names.parting(text)
    if part < width - 1:  # a plain cut keeps the difference
        return fit(text, width)
    start = text.rfind(" ", 0, part) + 1  # the word where they part, and all after it
    tail = text[start:]
    room = width - 1 - cell_len(tail)
    if room < 1:
        return fit("…" + tail, width)
    return set_cell_size(text[:start], room) + "…" + tail


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class LineTable(Widget, can_focus=True):
    DEFAULT_CSS = """
    LineTable {
        height: 1fr;
    }
    LineTable > .line-table--header {
        color: $text-muted;
        text-style: bold;
    }
    LineTable > .line-table--cursor {
        background: $block-cursor-blurred-background;
    }
    LineTable:focus > .line-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    LineTable > .line-table--error {
        color: $error;
    }
    LineTable > .line-table--warning {
        color: $warning;
    }
    LineTable > .line-table--success {
        color: $success;
    }
    LineTable > .line-table--muted {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {
        "line-table--header",
        "line-table--cursor",
        *(f"line-table--{t}" for t in TONES),
    }
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, layout=False)

    class Highlighted(Message):
        def __init__(self, table: LineTable, index: int) -> None:
            self.table, self.index = table, index
            super().__init__()

        @property
        def control(self) -> LineTable:
            return self.table

    class Selected(Highlighted):
        """Enter on a row, or a click on it."""

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        empty: str = "",
        show_cursor: bool = True,
        focusable: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self.empty = empty
        self.show_cursor = show_cursor
        self.can_focus = focusable
        self.rows: Sequence[Any] = ()
        self.cells: Callable[[Any], Sequence[Cell]] = lambda row: row
        self.top = 0
        self._styles: dict[str, Style] = {}  # see _resolved
        self._drawn: dict[tuple[int, int, bool], Strip] = {}  # rows drawn for these rows
        self.names: Names | None = None  # see keep_apart

    # -- data -------------------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[Any],
        cells: Callable[[Any], Sequence[Cell]] | None = None,
        *,
        cursor: int | None = 0,
    ) -> None:
        """Show `rows` (formatted lazily by `cells`); the cursor goes to `cursor` (None: stay)."""
        self.rows = rows
        self._drawn = {}
        if cells is not None:
            self.cells = cells
        target = self.cursor if cursor is None else cursor
        self.top = 0 if cursor == 0 else self.top
        self.cursor = max(0, min(target, len(rows) - 1))

    def keep_apart(self, names: Names) -> None:
        """Cut the `apart` column so that no row looks like another of `names`."""
        self.names, self._drawn = names, {}
        self.refresh()

    @property
    def current(self) -> Any | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    # -- movement ---------------------------------------------------------------------------

    @property
    def _visible(self) -> int:
        return max(1, self.size.height - 1)

    def watch_cursor(self, cursor: int) -> None:
        if cursor < self.top:
            self.top = cursor
        elif cursor >= self.top + self._visible:
            self.top = cursor - self._visible + 1
        self.refresh()
        if self.rows and self.can_focus:  # else its screen moves it and knows (a message a key)
            self.post_message(self.Highlighted(self, cursor))

    async def _on_key(self, event: events.Key) -> None:
        """Keys in order (see keygate): Enter selects at once, any other key is a binding."""
        gate = gate_of(self)
        if gate is None:
            return
        if gate.closed:
            event.stop()
            event.prevent_default()
            gate.give_back(event)
            return
        if event.key != "enter":
            gate.close_for_key(self)  # a binding: open once it ran
            return
        gate.close()
        event.stop()
        event.prevent_default()
        if self.current is not None:
            self.screen.post_message(self.Selected(self, self.cursor))
        self.screen.call_later(gate.open_soon)

    def on_resize(self) -> None:
        self.cursor = self.cursor

    def on_focus(self) -> None:
        self._styles, self._drawn = {}, {}  # the cursor's colour follows the focus
        self.refresh()

    def on_blur(self) -> None:
        self._styles, self._drawn = {}, {}
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        self.action_move(step * self._visible)

    def action_jump(self, index: int) -> None:
        if self.rows:
            self.cursor = index % len(self.rows)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = self.top + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Selected(self, index))

    def _scroll(self, step: int) -> None:
        self.top = max(0, min(self.top + step, max(0, len(self.rows) - self._visible)))
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll(-3)

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Styles changed (focus, theme): resolve them again at the next line drawn."""
        self._styles, self._drawn = {}, {}
        super().notify_style_update()

    def _resolved(self) -> dict[str, Style]:
        """Each style walks the DOM; a frame draws twenty lines: resolved once until they change."""
        if not self._styles:
            base = self.rich_style
            self._styles = {
                part: base + self.get_component_rich_style(f"line-table--{part}")
                for part in ("header", "cursor", *TONES)
            }
            self._styles[""] = base
        return self._styles

    def _widths(self, total: int) -> list[int]:
        fixed = sum(c.width or 0 for c in self.columns) + len(self.columns)
        flex = [c for c in self.columns if c.width is None]
        room = max(3, total - fixed)
        share = room // max(1, len(flex))
        return [c.width if c.width is not None else share for c in self.columns]

    def _line(self, cells: Sequence[Cell], width: int, base: Style, cursor: bool) -> Strip:
        segments = []
        for col, w, cell in zip(self.columns, self._widths(width), cells, strict=False):
            text, tone = (cell, "") if isinstance(cell, str) else cell
            style = base
            if tone and not cursor:
                style = base + self._styles[tone]
            names = self.names if col.apart else None
            shown = fit_apart(text, w, names) if names else fit(text, w, col.align)
            segments.append(Segment(" " + shown, style))
        used = sum(s.cell_length for s in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(segments).crop(0, width)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        styles = self._resolved()
        base = styles[""]
        if y == 0:
            return self._line([c.title for c in self.columns], width, styles["header"], False)
        index = self.top + y - 1
        if index >= len(self.rows):
            if index == 0 and self.empty:
                return Strip([Segment(" " + fit(self.empty, width - 1), styles["muted"])])
            return Strip.blank(width, base)
        on_cursor = self.show_cursor and index == self.cursor
        key = (index, width, on_cursor)
        drawn = self._drawn.get(key)
        if drawn is None:  # a frame redraws a line many times; a row is formatted once
            style = styles["cursor"] if on_cursor else base
            drawn = self._line(self.cells(self.rows[index]), width, style, on_cursor)
            self._drawn[key] = drawn
        return drawn
