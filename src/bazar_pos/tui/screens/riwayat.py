"""Riwayat: the day's sales, each one open beside the list; void, refund, reprint.

A void or refund asks for a reason and then for a confirmation: both are permanent entries in
the ledger that the organizer can trace, never an edit of the sale.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Static

from bazar_pos import i18n, money
from bazar_pos.booth import sales
from bazar_pos.booth.models import Sale, payment_words
from bazar_pos.booth.totals import day_totals
from bazar_pos.documents.close_notes import day_line
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext, day_label
from bazar_pos.tui.dialogs.confirm import Confirm
from bazar_pos.tui.dialogs.refund import ReasonDialog, RefundDialog
from bazar_pos.tui.keygate import ask, flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.labels import method_label, status_label
from bazar_pos.tui.messages import LedgerChanged, ReceiptWanted
from bazar_pos.tui.screens.base import DayScreen
from bazar_pos.tui.widgets.footer import KeyFooter
from bazar_pos.tui.widgets.line_table import Cell, Column, LineTable


def status_cell(status: str, refunded: int = 0) -> Cell:
    text = status_label(status)
    tone = {"voided": "error", "refunded": "warning"}.get(status, "")
    return (text, tone) if tone else text


def sale_text(sale: Sale, when: str) -> str:
    """The sale as the vendor reads it back: lines, discounts, payments, what happened after."""
    out = [f"[b]{sale.sale_no}[/b]  {when}", ""]
    for ln in sale.lines:
        out.append(f"{ln.qty}× {ln.name}")
        extra = f"  -{money.group(ln.discount)}" if ln.discount else ""
        refunded = f"  ({t('riwayat.refunded_2')} {ln.refunded_qty})" if ln.refunded_qty else ""
        out.append(f"   {money.fmt(ln.amount)}{extra}{refunded}")
    if sale.discount:
        out.append(f"{t('riwayat.discount')}: -{money.fmt(sale.discount)}")
    out.append(f"[b]Total: {money.fmt(sale.total)}[/b]")
    for p in sale.payments:
        line = f"{method_label(p.method)} {money.fmt(p.amount)}"
        if p.tendered is not None and p.change:
            line += f" · {t('riwayat.given')} {money.fmt(p.tendered)}"
            line += f" · {t('riwayat.change')} {money.fmt(p.change)}"
        out.append(line)
    if sale.status == "voided":
        out.append(f"[red]{t('riwayat.voided_2')}: {sale.void_reason or ''}[/red]")
    elif sale.refunded:
        out.append(f"[yellow]{t('riwayat.refunded_3')}: {money.fmt(sale.refunded)}[/yellow]")
    return "\n".join(out)


class RiwayatScreen(DayScreen):
    NAME = "riwayat"
    CSS_PATH = "riwayat.tcss"  # its own rules, read when it is first shown
    BINDINGS = [
        key("f6,v", "void", "key.riwayat.void", id="riwayat.void"),
        key("f7,r", "refund", "key.riwayat.refund", id="riwayat.refund"),
        key("f8,p", "reprint", "key.riwayat.reprint", id="riwayat.reprint"),
        key("left,f11", "day(-1)", "key.riwayat.prev", id="riwayat.prev"),
        key("right,f12", "day(1)", "key.riwayat.next", id="riwayat.next"),
    ]

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__(ctx)
        self.rows: list[dict[str, Any]] = []
        self.sale: Sale | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield Label("", id="history-title", classes="title")
        with Horizontal(id="history"):
            yield LineTable(
                [
                    Column(t("riwayat.time"), 5),
                    Column("No.", 4),
                    Column("Total", 10, "right"),
                    Column(t("riwayat.paid_by"), 9),
                    Column("Status"),
                ],
                empty=t("riwayat.no_sales_yet"),
                id="sales",
            )
            with VerticalScroll(id="sale-pane"):
                yield Static("", id="sale-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sales").focus()

    def reload(self) -> None:
        table = self.query_one("#sales", LineTable)
        keep = table.cursor
        self.rows = sales.list_sales(self.ctx.ledger, self.day)
        table.set_rows(self.rows, self._cells, cursor=min(keep, max(0, len(self.rows) - 1)))
        tot = day_totals(self.ctx.ledger, self.day)  # the same figures as the close and the hub
        self.query_one("#history-title", Label).update(
            f" {day_label(self.day, i18n.current())} · {day_line(tot)}"
        )
        self._show(table.cursor)

    def _cells(self, r: dict[str, Any]) -> list[Cell]:
        pay = payment_words(r["payment"] or "")
        return [
            self.ctx.local_time(r["at"]),
            r["sale_no"][-4:],
            money.group(r["total"]),
            pay,
            status_cell(r["status"], r["refunded"]),
        ]

    @on(LineTable.Highlighted, "#sales")
    def _highlighted(self, event: LineTable.Highlighted) -> None:
        self._show(event.index)

    def _show(self, index: int) -> None:
        detail = self.query_one("#sale-detail", Static)
        if not 0 <= index < len(self.rows):
            self.sale = None
            detail.update("")
            return
        self.sale = sales.get(self.ctx.ledger, self.rows[index]["sale_no"])
        text = sale_text(self.sale, self.ctx.local_time(self.sale.at, "%d/%m %H:%M"))
        by = self.rows[index].get("by")  # who sold it, as the journal recorded
        detail.update(f"{text}\n{t('riwayat.sold_by', name=by)}" if by else text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("void", "refund", "reprint"):
            if self.sale is None:
                return None
            if action in ("void", "refund") and self.sale.status == "voided":
                return None
        return True

    @flow
    async def action_void(self) -> None:
        sale = self.sale
        if sale is None:
            return
        answer = await ask(self, ReasonDialog(t("riwayat.void", sale_no=sale.sale_no)))
        if answer is None:
            return
        ok = await ask(
            self,
            Confirm(
                t(
                    "riwayat.void_stock_comes_back",
                    sale_no=sale.sale_no,
                    total=money.fmt(sale.total),
                )
            ),
        )
        if not ok:
            return
        try:
            done = await self.as_owner(
                lambda led: sales.void(led, sale.sale_no, reason=answer, now=self.ctx.now())
            )
        except BazarError as exc:
            self.fail(exc)
            return
        if done is None:
            return
        self.notify(t("riwayat.voided", sale_no=sale.sale_no))
        self._changed()

    @flow
    async def action_refund(self) -> None:
        sale = self.sale
        if sale is None:
            return
        answer = await ask(self, RefundDialog(sale))
        if answer is None:
            return
        reason, items, method = answer
        amount = sales.refund_amount(sale, items)
        pieces = ", ".join(f"{n}× {sku}" for sku, n in items.items())
        ok = await ask(
            self,
            Confirm(
                t(
                    "riwayat.give_back_for_of",
                    amount=money.fmt(amount),
                    pieces=pieces,
                    sale_no=sale.sale_no,
                    method=payment_words(method),
                )
            ),
        )
        if not ok:
            return
        try:
            after = await self.as_owner(
                lambda led: sales.refund(
                    led, sale.sale_no, items, reason=reason, method=method, now=self.ctx.now()
                )
            )
        except BazarError as exc:
            self.fail(exc)
            return
        if after is None:
            return
        self.notify(
            t(
                "riwayat.refunded",
                sale_no=sale.sale_no,
                value=money.fmt(after.refunded - sale.refunded),
            )
        )
        self._changed()

    def action_reprint(self) -> None:
        if self.sale is not None:
            self.post_message(ReceiptWanted(self.sale.sale_no))

    def _changed(self) -> None:
        self.reload()
        self.refresh_bindings()
        self.post_message(LedgerChanged())
