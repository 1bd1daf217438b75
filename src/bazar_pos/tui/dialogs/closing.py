"""Tutup hari's dialogs: the stock count (stock opname) and a cash move."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from bazar_pos.booth import catalog, validate
from bazar_pos.booth.models import Product
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.dialogs.base import Dialog
from bazar_pos.tui.dialogs.confirm import AskText
from bazar_pos.tui.keygate import ask, flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.line_table import Cell, Column, LineTable
from bazar_pos.tui.widgets.search import SearchBox


class StockCountDialog(Dialog[dict[str, int] | None]):
    """Stock opname for the Z report: type to find a product, Enter to give its count."""

    BINDINGS = [
        key("f9", "done", "key.count.done", id="count.done"),
        key("down", "move(1)", "key.count.down", id="count.down", show=False),
        key("up", "move(-1)", "key.count.up", id="count.up", show=False),
    ]

    def __init__(self, products: list[Product], counts: dict[str, int]) -> None:
        super().__init__()
        self.index = catalog.ProductIndex(products)
        self.counts = dict(counts)
        self.hits: list[Product] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label(t("tutup.end_of_day_stock_count"), classes="dialog-title")
            yield SearchBox(
                t("tutup.find_a_product_enter_to"),
                id="count-filter",
            )
            yield LineTable(
                [
                    Column("SKU", 8),
                    Column(t("tutup.name")),
                    Column(t("tutup.system"), 6, "right"),
                    Column(t("tutup.count"), 6, "right"),
                    Column(t("tutup.diff"), 7, "right"),
                ],
                focusable=False,
                id="count-table",
            )
            yield Label(
                t("tutup.enter_counts_f9_done_esc"),
                classes="muted",
            )

    def on_mount(self) -> None:
        self._filter("")

    def _filter(self, text: str) -> None:
        self.hits = self.index.search(text, 200)
        self.query_one("#count-table", LineTable).set_rows(self.hits, self._cells)

    def _cells(self, p: Product) -> list[Cell]:
        n = self.counts.get(p.sku)
        if n is None:
            return [p.sku, p.name, str(p.stock), "", ""]
        v = n - p.stock
        return [p.sku, p.name, str(p.stock), str(n), (f"{v:+d}", "error" if v else "success")]

    @on(SearchBox.Changed)
    def _typed(self, event: SearchBox.Changed) -> None:
        self._filter(event.value)

    def action_move(self, step: int) -> None:
        self.query_one("#count-table", LineTable).action_move(step)

    @on(SearchBox.Submitted)
    def _chosen(self, event: SearchBox.Submitted) -> None:
        self._filter(event.value)  # the row for the keys before Enter
        self._count()

    @flow
    async def _count(self) -> None:
        p = self.query_one("#count-table", LineTable).current
        if p is None:
            return
        text = await ask(
            self,
            AskText(
                f"{p.name}: {t('tutup.how_many_on_hand')}",
                str(self.counts.get(p.sku, "")),
            ),
        )
        if text is None:
            return
        try:
            self.counts[p.sku] = validate.qty(text, allow_zero=True)
        except BazarError as exc:
            self.fail(exc)
            return
        search = self.query_one("#count-filter", SearchBox)
        search.value = ""
        self._filter("")

    def action_done(self) -> None:
        self.dismiss(self.counts)


CASH_MOVES = ("float", "in", "out")  # worded as `tutup.cash_<kind>`


class CashMoveDialog(Dialog[tuple[str, str, str] | None]):
    """Cash into or out of the drawer that is not a sale, so the expected figure stays true."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("tutup.cash_in_out"), classes="dialog-title")
            yield Select(
                [(t(f"tutup.cash_{kind}"), kind) for kind in CASH_MOVES],
                value="float",
                allow_blank=False,
                id="kind",
            )
            yield Entry(placeholder=t("tutup.amount_rp"), id="amount")
            yield Entry(placeholder=t("tutup.reason"), id="why")
            yield Label(t("tutup.enter_saves_esc_cancels"), classes="muted")

    def on_mount(self) -> None:
        self.query_one("#amount").focus()

    @on(Input.Submitted, "#amount")
    def _next(self) -> None:
        self.query_one("#why").focus()

    @on(Input.Submitted, "#why")
    def _save(self) -> None:
        kind = str(self.query_one("#kind", Select).value)
        amount = self.query_one("#amount", Input).value.strip()
        why = self.query_one("#why", Input).value.strip() or (
            t("tutup.opening_float") if kind == "float" else ""
        )
        if not amount or not why:
            self.notify(t("tutup.give_the_amount_and_the"), severity="error")
            return
        self.dismiss((kind, amount, why))
