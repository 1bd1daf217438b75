"""A centred dialog that Esc cancels: the base of every dialog of the booth app."""

from __future__ import annotations

from typing import TypeVar

from bazar_pos.errors import BazarError
from bazar_pos.tui.hints import say
from bazar_pos.tui.keygate import GatedModal
from bazar_pos.tui.keys import key, localize

T = TypeVar("T")


class Dialog(GatedModal[T]):
    """A centred box; Esc always cancels."""

    BINDINGS = [key("escape", "cancel", "key.dialog.cancel", id="dialog.cancel")]
    CANCEL: object = None

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    def action_cancel(self) -> None:
        self.dismiss(self.CANCEL)  # type: ignore[arg-type]

    def fail(self, exc: BazarError) -> None:
        self.notify(say(exc), severity="error", timeout=6)
