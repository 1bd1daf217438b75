"""Questions any screen asks: yes or no, and one line of text (each dismisses with its
answer, or None/False when Esc cancels it)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.dialogs.base import Dialog
from bazar_pos.tui.keys import key
from bazar_pos.tui.widgets.entry import Entry


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
