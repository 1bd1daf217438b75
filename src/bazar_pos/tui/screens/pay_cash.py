"""Cash payment: what the customer hands over, with the change shown large as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Digits, Input, Label

from bazar_pos import money
from bazar_pos.errors import BazarError
from bazar_pos.i18n import tr

QUICK = (20_000, 50_000, 100_000)


def big(amount: int) -> str:
    """Digits has no dot: group thousands with a space for the large display."""
    return money.group(amount).replace(".", " ")


class CashPayment(ModalScreen[int | None]):
    """Dismisses with the tendered amount (>= total), or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", tr("Batal", "Cancel"), id="cash.cancel"),
        Binding("f2", "quick(0)", tr("Uang pas", "Exact"), id="cash.exact"),
        Binding("f3", "quick(20000)", "20.000", id="cash.20k"),
        Binding("f4", "quick(50000)", "50.000", id="cash.50k"),
        Binding("f5", "quick(100000)", "100.000", id="cash.100k"),
    ]

    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="pay-dialog"):
            yield Label(f"{tr('Bayar tunai', 'Cash payment')} — Total {money.fmt(self.total)}")
            yield Input(
                placeholder=tr("Uang diterima (Enter = uang pas)", "Cash received (Enter = exact)"),
                id="tendered",
            )
            with Horizontal(classes="quick"):
                yield Button(tr("Pas", "Exact"), id="q-0")
                for q in QUICK:
                    if q >= self.total:
                        yield Button(money.fmt(q), id=f"q-{q}")
            yield Label(tr("Kembali", "Change"), classes="muted")
            yield Digits("0", id="change")

    def _tendered(self) -> int:
        text = self.query_one("#tendered", Input).value.strip()
        return money.parse(text) if text else self.total

    @on(Input.Changed, "#tendered")
    def _show_change(self) -> None:
        try:
            change = self._tendered() - self.total
        except BazarError:
            change = 0
        self.query_one("#change", Digits).update(big(max(change, 0)))

    @on(Input.Submitted, "#tendered")
    def _submit(self) -> None:
        try:
            tendered = self._tendered()
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return
        if tendered < self.total:
            self.notify(
                tr(
                    f"Uang kurang dari total {money.fmt(self.total)}",
                    f"Less than the total {money.fmt(self.total)}",
                ),
                severity="error",
            )
            return
        self.dismiss(tendered)

    @on(Button.Pressed)
    def _quick_button(self, event: Button.Pressed) -> None:
        self.action_quick(int(str(event.button.id).removeprefix("q-")))

    def action_quick(self, amount: int) -> None:
        self.dismiss(max(amount, self.total) if amount else self.total)

    def action_cancel(self) -> None:
        self.dismiss(None)
