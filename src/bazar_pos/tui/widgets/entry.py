"""A one-line box that reads its keys in order: Enter submits what was typed before it.

Textual runs an Input's Enter binding only when the key has bubbled back up to the app, by
which time the next keys of a burst may already be in the box. Here Enter is taken in key
order, the gate closes, and what follows waits for whatever the Enter leads to (a closed
dialog's keys go to the screen underneath, never into the closed box).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from bazar_pos.tui.keygate import gate_of


class Entry(Input):
    def submit_now(self) -> None:
        """Hand the value to the screen directly, so its answer comes before the next key."""
        self.screen.post_message(self.Submitted(self, self.value))

    async def _on_key(self, event: events.Key) -> None:
        gate = gate_of(self)
        if gate is not None and gate.closed:
            event.stop()
            event.prevent_default()
            gate.give_back(event)
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.submit_now()
            if gate is not None:
                gate.close()
                self.screen.call_later(gate.open_soon)  # after the screen has answered
            return
        if gate is not None and not event.is_printable:
            gate.close_for_key(self)  # a binding (here or above): open once it ran
        await self.handle_key_in_order(event)

    async def handle_key_in_order(self, event: events.Key) -> None:
        await super()._on_key(event)
