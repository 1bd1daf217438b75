"""Small typed dialogs: each dismisses with its answer, or None/False when Esc cancels it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.widgets import Button, Input, Label

from bazar_pos import money
from bazar_pos.booth import staff, validate
from bazar_pos.booth.guarded import OwnerPinNeeded
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.hints import say
from bazar_pos.tui.keygate import GatedModal, ask
from bazar_pos.tui.keys import key, localize
from bazar_pos.tui.saving import with_ledger
from bazar_pos.tui.widgets.entry import Entry

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


class Confirm(Dialog[bool]):
    """Yes with Enter, no with Esc: for anything that cannot be taken back quietly."""

    BINDINGS = [key("enter", "answer", "key.confirm.yes", id="confirm.yes")]
    CANCEL = False

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            with Horizontal(classes="buttons"):  # keys go to the dialog: Enter yes, Esc no
                yes = Button(self.yes or t("dialogs.yes_enter"), id="yes", variant="primary")
                no = Button(self.no or t("dialogs.no_esc"), id="no")
                yes.can_focus = no.can_focus = False
                yield yes
                yield no

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self) -> None:
        self.dismiss(True)


class AskText(Dialog[str | None]):
    """One line of input; Enter returns it (stripped). With `check`, a refused entry keeps the
    dialog open with the reason, so the retry lands in the same box."""

    def __init__(
        self,
        prompt: str,
        value: str = "",
        placeholder: str = "",
        *,
        required: bool = False,
        check: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__()
        self.prompt, self.value, self.placeholder = prompt, value, placeholder
        self.required, self.check = required, check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt, classes="dialog-title")
            yield Entry(self.value, placeholder=self.placeholder, id="answer")
            yield Label(t("dialogs.enter_saves_esc_cancels"), classes="muted")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.required and not text:
            self.notify(t("dialogs.required"), severity="error")
            return
        if self.check is not None and text:
            try:
                self.check(text)
            except BazarError as exc:
                self.fail(exc)
                return
        self.dismiss(text)


class LineEdit(Dialog[CartLine | None]):
    """Quantity and line discount of one cart line; quantity 0 removes the line."""

    def __init__(self, line: CartLine, name: str) -> None:
        super().__init__()
        self.line, self.product_name = line, name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.product_name, classes="dialog-title")
            yield Label(t("dialogs.quantity_0_remove_the_line"))
            yield Entry(str(self.line.qty), id="qty")
            yield Label(t("dialogs.line_discount_rp"))
            yield Entry(money.group(self.line.discount) if self.line.discount else "", id="disc")
            yield Label(t("dialogs.enter_saves_esc_cancels"), classes="muted")

    @on(Input.Submitted, "#qty")
    def _next(self) -> None:
        self.query_one("#disc").focus()

    @on(Input.Submitted, "#disc")
    def _save(self) -> None:
        try:
            qty = validate.qty(self.query_one("#qty", Input).value.strip(), allow_zero=True)
            disc = money.parse(self.query_one("#disc", Input).value.strip() or "0")
        except BazarError as exc:
            self.fail(exc)
            return
        self.dismiss(CartLine(self.line.sku, qty, disc))


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
