"""The cashier's search box: typing filters; Enter submits; `+`/`-` on an empty box nudge qty.

A barcode scanner types a SKU and Enter in one burst. Textual runs an Input's Enter binding
when the key has bubbled up to the app, by which time the next scan may already be in the box;
so Enter is taken here, in key order, and (for the cashier) the box is emptied at once.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class SearchBox(Input):
    """One line, no border: at 80x24 every row is worth a product."""

    class QtyNudged(Message):
        def __init__(self, delta: int) -> None:
            self.delta = delta
            super().__init__()

    def __init__(
        self, placeholder: str, *, clear_on_enter: bool = False, id: str | None = None
    ) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)
        self.clear_on_enter = clear_on_enter

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            if self.clear_on_enter:
                self.value = ""
            return
        if not self.value and event.character in ("+", "-"):
            event.stop()
            event.prevent_default()
            self.post_message(self.QtyNudged(1 if event.character == "+" else -1))
            return
        await super()._on_key(event)
