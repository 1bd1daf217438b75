"""The cashier's search box: typing filters; Enter submits; `+`/`-` on an empty box nudge qty.

A barcode scanner types a SKU and Enter in one burst; Enter is read in key order (see Entry)
and the keys after it wait until the screen has answered (Kasir empties the box for the next
scan).
"""

from __future__ import annotations

from textual import events
from textual.message import Message

from bazar_pos.tui.widgets.entry import Entry


class SearchBox(Entry):
    """One line, no border: at 80x24 every row is worth a product."""

    class QtyNudged(Message):
        def __init__(self, delta: int) -> None:
            self.delta = delta
            super().__init__()

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)

    @property
    def content_width(self) -> int:
        """At least the box's own width. Textual lays the whole screen out again whenever an
        input's virtual width changes, and for a short text that width followed every key typed
        (the text's length, then back to the box's): a full layout per keystroke for nothing."""
        return max(super().content_width, self.scrollable_content_region.width)

    async def handle_key_in_order(self, event: events.Key) -> None:
        if not self.value and event.character in ("+", "-"):
            event.stop()
            event.prevent_default()
            self.screen.post_message(self.QtyNudged(1 if event.character == "+" else -1))
            return
        await super().handle_key_in_order(event)
