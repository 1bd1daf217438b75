"""Small typed dialogs: confirm, ask for a line of text, split a payment."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from bazar_pos import money
from bazar_pos.booth.models import PaymentPart
from bazar_pos.errors import BazarError
from bazar_pos.i18n import tr
from bazar_pos.tui.context import BoothContext


class Confirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "answer(False)", tr("Tidak", "No"), id="confirm.no"),
        Binding("enter", "answer(True)", tr("Ya", "Yes"), id="confirm.yes"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="pay-dialog"):
            yield Label(self.question)
            with Horizontal(classes="quick"):
                yield Button(tr("Ya (Enter)", "Yes (Enter)"), id="yes", variant="primary")
                yield Button(tr("Tidak (Esc)", "No (Esc)"), id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class AskText(ModalScreen[str | None]):
    """One line of input; Enter returns it, Esc returns None."""

    BINDINGS = [Binding("escape", "cancel", tr("Batal", "Cancel"), id="ask.cancel")]

    def __init__(self, prompt: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.prompt, self.value, self.placeholder = prompt, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="pay-dialog"):
            yield Label(self.prompt)
            yield Input(self.value, placeholder=self.placeholder, id="answer")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


METHODS = [
    ("Tunai / Cash", "cash"),
    ("QRIS", "qris"),
    ("Transfer", "transfer"),
    ("Lain / Other", "other"),
]


class SplitPayment(ModalScreen[list[PaymentPart] | None]):
    """Two parts: the first with an amount, the second takes the rest of the total."""

    BINDINGS = [Binding("escape", "cancel", tr("Batal", "Cancel"), id="split.cancel")]

    def __init__(self, ctx: BoothContext, total: int) -> None:
        super().__init__()
        self.ctx, self.total = ctx, total

    def compose(self) -> ComposeResult:
        with Vertical(classes="pay-dialog"):
            yield Label(f"{tr('Bayar campur', 'Split payment')} — Total {money.fmt(self.total)}")
            yield Select(METHODS, value="cash", allow_blank=False, id="m1")
            yield Input(placeholder=tr("Jumlah bagian pertama", "First part amount"), id="a1")
            yield Label(tr("Sisanya dengan:", "The rest with:"))
            yield Select(METHODS, value="qris", allow_blank=False, id="m2")
            yield Button(tr("Lanjut (Enter)", "Continue (Enter)"), id="ok", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        self._collect()

    @work
    async def _collect(self) -> None:
        try:
            first = money.parse(self.query_one("#a1", Input).value, allow_zero=False)
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return
        rest = self.total - first
        m1 = str(self.query_one("#m1", Select).value)
        m2 = str(self.query_one("#m2", Select).value)
        if rest <= 0 or m1 == m2:
            self.notify(
                tr(
                    "Bagian pertama harus kurang dari total, cara bayar berbeda",
                    "The first part must be below the total, with different methods",
                ),
                severity="error",
            )
            return
        parts = []
        for method, amount in ((m1, first), (m2, rest)):
            if method == "qris":
                from bazar_pos.tui.screens.pay_qris import QrisPayment

                payload = await self.app.push_screen_wait(QrisPayment(self.ctx, amount))
                if not payload:
                    return
                parts.append(PaymentPart("qris", amount, reference=payload))
            else:
                parts.append(PaymentPart(method, amount))
        self.dismiss(parts)

    def action_cancel(self) -> None:
        self.dismiss(None)
