"""The cashier's search box: typing filters, `+`/`-` on an empty box change the last line."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class SearchBox(Input):
    class QtyNudged(Message):
        def __init__(self, delta: int) -> None:
            self.delta = delta
            super().__init__()

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.character in ("+", "-"):
            event.stop()
            event.prevent_default()
            self.post_message(self.QtyNudged(1 if event.character == "+" else -1))
            return
        await super()._on_key(event)
