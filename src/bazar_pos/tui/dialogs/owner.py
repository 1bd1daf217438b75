"""The owner's PIN, asked hidden when an owner-only action needs it; the action in a worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.widgets import Input, Label

from bazar_pos.booth import staff
from bazar_pos.booth.guarded import OwnerPinNeeded
from bazar_pos.booth.ledger import Ledger
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.dialogs.base import Dialog
from bazar_pos.tui.keygate import ask
from bazar_pos.tui.saving import with_ledger
from bazar_pos.tui.widgets.entry import Entry

T = TypeVar("T")


class PinDialog(Dialog[str | None]):
    """A PIN, typed hidden (the digits never show); Enter returns it, Esc cancels."""

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt, classes="dialog-title")
            yield Entry(password=True, id="pin", max_length=12)
            yield Label(t("staff.enter_goes_on_esc_cancels"), classes="muted")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())


async def as_owner(node: DOMNode, ctx: BoothContext, job: Callable[[Ledger], T]) -> T | None:
    """Run an owner-only write in a worker (see tui/saving.py); when the domain says only the
    owner may, ask the owner's PIN (hidden, a dialog on the screen) at that moment and run it
    once more, approved, in a worker. None when the vendor cancels; a wrong PIN raises."""
    try:
        return await with_ledger(node, ctx, job)
    except OwnerPinNeeded:
        pin = await owner_pin(node)
        if pin is None:
            return None
        now = ctx.now()

        def approved(ledger: Ledger) -> T:
            with staff.owner_approval(ledger, pin, now=now):
                return job(ledger)

        return await with_ledger(node, ctx, approved)


async def owner_pin(node: DOMNode) -> str | None:
    """The owner's PIN, asked hidden at the moment of the action; None when cancelled."""
    return await ask(node, PinDialog(t("staff.owners_pin_for_this")))
