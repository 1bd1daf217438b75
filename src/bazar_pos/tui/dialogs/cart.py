"""The cart line's dialog: quantity and line discount."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from bazar_pos import money
from bazar_pos.booth import validate
from bazar_pos.booth.models import CartLine
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.dialogs.base import Dialog
from bazar_pos.tui.widgets.entry import Entry


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
