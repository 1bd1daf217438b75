"""Riwayat's dialogs: why a sale is voided, which lines come back in a refund."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from bazar_pos import money
from bazar_pos.booth import sales
from bazar_pos.booth.models import Sale, payment_words
from bazar_pos.errors import BazarError, InvalidInput
from bazar_pos.i18n import t
from bazar_pos.tui.dialogs.base import Dialog
from bazar_pos.tui.hints import say
from bazar_pos.tui.keys import key
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.field import Field


class ReasonDialog(Dialog[str | None]):
    """Why a sale is voided (required)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(t("riwayat.reason_required"))
            yield Entry(id="reason")
            yield Label(t("riwayat.enter_continues_esc_cancels"), classes="muted")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.notify(t("riwayat.a_reason_is_required"), severity="error")
            return
        self.dismiss(reason)


class RefundDialog(Dialog[tuple[str, dict[str, int | str], str] | None]):
    """Pick the pieces to give back, line by line, and see the amount before confirming.

    It also says how the money goes back, and F2 changes it: the close expects that much less
    cash only for a refund paid in cash, and a QRIS sale is most often paid back in cash.
    """

    BINDINGS = [key("f2", "method", "key.refund.method", id="refund.method")]

    def __init__(self, sale: Sale) -> None:
        super().__init__()
        self.sale = sale
        self.methods = sales.ways_back(sale)
        self.method = self.methods[0]  # as the ledger has it when no one chooses

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                t("riwayat.refund", sale_no=self.sale.sale_no),
                classes="dialog-title",
            )
            yield Label(t("riwayat.how_many_back_per_line"))
            for ln in self.sale.lines:
                left = ln.qty - ln.refunded_qty
                with Horizontal(classes="refund-line"):
                    yield Label(f"{ln.name} · {ln.sku}", classes="refund-name")
                    yield Label(t("riwayat.of", left=left), classes="refund-left")
                    yield Entry(
                        placeholder="0",
                        id=f"r-{ln.line_no}",
                        compact=True,
                        restrict=r"[0-9]*",
                        disabled=not left,
                    )
            yield Field(t("tutup.reason"), Entry(id="reason", compact=True))
            yield Label("", id="refund-amount")
            yield Label(t("riwayat.enter_continues_esc_cancels"), classes="muted")

    def on_mount(self) -> None:
        self._show_amount()

    def _items(self) -> dict[str, int | str]:
        items: dict[str, int | str] = {}
        for ln in self.sale.lines:
            text = self.query_one(f"#r-{ln.line_no}", Input).value.strip()
            if text and int(text):
                items[ln.sku] = int(items.get(ln.sku, 0)) + int(text)
        return items

    @on(Input.Changed)
    def _show_amount(self) -> None:
        label = self.query_one("#refund-amount", Label)
        items = self._items()
        if not items:
            label.update(t("riwayat.choose_how_many_pieces_come"))
            return
        try:
            amount = sales.refund_amount(self.sale, items)
        except BazarError as exc:
            label.update(f"[red]{say(exc)}[/red]")
            return
        how = payment_words(self.method)
        label.update(f"[b]{t('riwayat.money_back', amount=money.fmt(amount), method=how)}[/b]")

    def action_method(self) -> None:
        self.method = self.methods[(self.methods.index(self.method) + 1) % len(self.methods)]
        self._show_amount()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        if event.input.id != "reason":
            self.focus_next()
            return
        items = self._items()
        try:
            if not items:
                raise InvalidInput("nothing_chosen")
            sales.refund_amount(self.sale, items)
        except BazarError as exc:
            self.fail(exc)
            return
        if not event.value.strip():
            self.notify(t("riwayat.a_reason_is_required"), severity="error")
            return
        self.dismiss((event.value.strip(), items, self.method))
