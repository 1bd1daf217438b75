"""Stok: every product with its stock and marks; add, edit, restock, adjust, count.

Stock is never typed over: a restock, an adjustment (with its reason) or a count (stock opname,
whose variance is shown) each becomes a movement in the ledger.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from bazar_pos import money
from bazar_pos.booth import catalog, stock, validate
from bazar_pos.booth.models import Product
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.dialogs.confirm import AskText
from bazar_pos.tui.dialogs.stock import AdjustDialog, ProductForm
from bazar_pos.tui.keygate import ask, flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.labels import mark_cell
from bazar_pos.tui.messages import LedgerChanged
from bazar_pos.tui.screens.base import SideScreen
from bazar_pos.tui.widgets.footer import KeyFooter
from bazar_pos.tui.widgets.line_table import Cell, Column, LineTable
from bazar_pos.tui.widgets.search import SearchBox


class StokScreen(SideScreen):
    NAME = "stok"
    CSS_PATH = "stok.tcss"  # its own rules, read when it is first shown
    BINDINGS = [
        key("f6,ctrl+n", "new", "key.stok.new", id="stok.new"),
        key("f7", "edit", "key.stok.edit", id="stok.edit"),
        key("f8,ctrl+t", "restock", "key.stok.restock", id="stok.restock"),
        key("f9,ctrl+g", "adjust", "key.stok.adjust", id="stok.adjust"),
        key("f10,ctrl+l", "count", "key.stok.count", id="stok.count"),
        key("down", "move(1)", "key.stok.down", id="stok.down", show=False),
        key("up", "move(-1)", "key.stok.up", id="stok.up", show=False),
    ]

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__(ctx)
        self.index = catalog.ProductIndex([])
        self.hits: list[Product] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield SearchBox(t("stok.filter_name_sku_category"), id="stock-filter")
        yield LineTable(
            [
                Column("SKU", 8),
                Column(t("stok.name")),
                Column(t("stok.price"), 9, "right"),
                Column(t("stok.stock_column"), 5, "right"),
                Column("", 8),
            ],
            empty=t("stok.no_products"),
            focusable=False,
            id="stock-table",
        )
        yield Static("", id="stock-log")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#stock-filter").focus()

    def reload(self) -> None:
        self.index = catalog.ProductIndex(
            catalog.list_products(self.ctx.ledger, include_inactive=True)
        )
        self._filter(keep=True)

    def _filter(self, keep: bool = False) -> None:
        text = self.query_one("#stock-filter", SearchBox).value
        table = self.query_one("#stock-table", LineTable)
        sku = table.current.sku if keep and table.current else None
        self.hits = self.index.search(text, len(self.index.products) or 1)
        cursor = next((i for i, p in enumerate(self.hits) if p.sku == sku), 0)
        table.set_rows(self.hits, self._cells, cursor=cursor)
        self.refresh_bindings()

    @staticmethod
    def _cells(p: Product) -> list[Cell]:
        qty: Cell = str(p.stock)
        if p.sold_out or p.low:
            qty = (str(p.stock), "error" if p.sold_out else "warning")
        return [p.sku, p.name, money.group(p.price), qty, mark_cell(p)]

    @on(SearchBox.Changed, "#stock-filter")
    def _typed(self) -> None:
        self._filter()

    @on(SearchBox.Submitted, "#stock-filter")
    def _enter(self) -> None:
        self._filter()
        self.action_edit()

    @on(LineTable.Selected, "#stock-table")
    def _clicked(self) -> None:
        self.query_one("#stock-filter").focus()

    def action_move(self, step: int) -> None:
        self.query_one("#stock-table", LineTable).action_move(step)

    @property
    def product(self) -> Product | None:
        current = self.query_one("#stock-table", LineTable).current
        return current if isinstance(current, Product) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "restock", "adjust", "count") and self.product is None:
            return None
        return True

    def _done(self, message: str, product: Product | None = None) -> None:
        self.query_one("#stock-log", Static).update(message)
        self.notify(message)
        self.reload()
        if product is not None:
            table = self.query_one("#stock-table", LineTable)
            for i, p in enumerate(self.hits):
                if p.sku == product.sku:
                    table.cursor = i
        self.post_message(LedgerChanged())

    @flow
    async def action_new(self) -> None:
        product = await ask(self, ProductForm(self.ctx))
        if product:
            self._done(t("stok.product_added", sku=product.sku), product)

    @flow
    async def action_edit(self) -> None:
        if self.product is None:
            return
        product = await ask(self, ProductForm(self.ctx, self.product))
        if product:
            self._done(t("stok.saved", sku=product.sku), product)

    @flow
    async def action_restock(self) -> None:
        p = self.product
        if p is None:
            return
        qty = await ask(
            self,
            AskText(
                t("stok.restock_now", name=p.name, stock=p.stock),
                placeholder=t("stok.quantity_in"),
                check=validate.qty,
            ),
        )
        if not qty:
            return
        now = self.ctx.now()
        try:
            after = await self.write(lambda led: stock.restock(led, p.sku, qty, now=now))
        except BazarError as exc:
            self.fail(exc)
            return
        self._done(
            t("stok.stock_now", sku=p.sku, value=after.stock - p.stock, stock=after.stock),
            after,
        )

    @flow
    async def action_adjust(self) -> None:
        p = self.product
        if p is None:
            return
        answer = await ask(self, AdjustDialog(p))
        if answer is None:
            return
        delta, reason = answer
        try:
            adjusted = await self.as_owner(
                lambda led: stock.adjust(led, p.sku, delta, reason=reason, now=self.ctx.now())
            )
        except BazarError as exc:
            self.fail(exc)
            return
        if adjusted is None:
            return
        after = adjusted
        self._done(
            t(
                "stok.stock",
                sku=p.sku,
                value=after.stock - p.stock,
                answer=reason,
                stock=after.stock,
            ),
            after,
        )

    @flow
    async def action_count(self) -> None:
        p = self.product
        if p is None:
            return
        counted = await ask(
            self,
            AskText(
                t("stok.count_how_many_on_hand", name=p.name),
                placeholder=t("stok.counted"),
                check=lambda text: validate.qty(text, allow_zero=True),
            ),
        )
        if not counted:
            return
        try:
            counted_result = await self.as_owner(
                lambda led: stock.count(led, p.sku, counted, now=self.ctx.now())
            )
        except BazarError as exc:
            self.fail(exc)
            return
        if counted_result is None:
            return
        result = counted_result
        v = result.variance
        self._done(
            t(
                "stok.count_system_counted_variance",
                sku=p.sku,
                expected=result.expected,
                counted=result.counted,
                v=v,
            ),
            result.product,
        )
