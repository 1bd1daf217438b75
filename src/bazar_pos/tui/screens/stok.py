"""Stok: every product with its stock and marks; add, edit, restock, adjust, count.

Stock is never typed over: a restock, an adjustment (with its reason) or a count (stock opname,
whose variance is shown) each becomes a movement in the ledger.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from bazar_pos import money
from bazar_pos.booth import catalog, stock, validate
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import Product
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.keygate import ask, flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.labels import mark_cell
from bazar_pos.tui.messages import LedgerChanged
from bazar_pos.tui.screens.base import SideScreen
from bazar_pos.tui.screens.dialogs import AskText, Dialog, as_owner
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.field import Field
from bazar_pos.tui.widgets.footer import KeyFooter
from bazar_pos.tui.widgets.line_table import Cell, Column, LineTable
from bazar_pos.tui.widgets.search import SearchBox


class ProductForm(Dialog[Product | None]):
    """Add a product, or edit one (its SKU and stock stay: stock moves only by movements)."""

    BINDINGS = [key("f9,ctrl+s", "save", "key.product.save", id="product.save")]

    def __init__(self, ctx: BoothContext, product: Product | None = None) -> None:
        super().__init__()
        self.ctx, self.product = ctx, product

    def compose(self) -> ComposeResult:
        p = self.product
        with Vertical(classes="dialog form-dialog"):
            yield Label(
                t("stok.edit", sku=p.sku) if p else t("stok.new_product"),
                classes="dialog-title",
            )
            if p is None:  # Tab and Enter walk the boxes top to bottom
                yield Field("SKU", Entry(id="sku", compact=True))
            yield Field(t("stok.name"), Entry(p.name if p else "", id="name", compact=True))
            yield Field(
                t("stok.price_rp"),
                Entry(money.group(p.price) if p else "", id="price", compact=True),
            )
            yield Field(
                t("stok.category"),
                Entry(p.category if p else "", id="category", compact=True),
            )
            if p is None:
                yield Field(t("stok.opening_stock"), Entry(id="stock", compact=True))
            yield Field(
                t("stok.cost_rp"),
                Entry(
                    money.group(p.cost) if p and p.cost is not None else "", id="cost", compact=True
                ),
            )
            yield Field(
                t("stok.low_mark_at"),
                Entry(str(p.low_threshold if p else 5), id="low", compact=True),
            )
            yield Checkbox(t("stok.active"), p.active if p else True, id="active", compact=True)
            yield Checkbox(
                t("stok.may_sell_below_zero_stock"),
                p.allow_negative if p else False,
                id="negative",
                compact=True,
            )
            yield Label(t("stok.f9_saves_esc_cancels"), classes="muted")

    def on_mount(self) -> None:
        self.query_one("#sku" if self.product is None else "#name").focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == "low":
            self.action_save()
        else:
            self.focus_next()

    def _value(self, wid: str) -> str:
        return self.query_one(f"#{wid}", Input).value.strip()

    @flow
    async def action_save(self) -> None:
        """Checked and written in a worker (an edit may ask the owner's PIN); a refusal keeps
        the form open with the reason."""
        fields: dict[str, Any] = {
            "name": self._value("name"),
            "price": self._value("price"),
            "category": self._value("category"),
            "allow_negative": self.query_one("#negative", Checkbox).value,
            "low_threshold": self._value("low") or "5",
            "cost": self._value("cost") or None,  # blank: none given (an edit keeps the known)
        }
        product = self.product
        if product is None:
            sku, stock_text = self._value("sku"), self._value("stock") or "0"
        else:
            active = self.query_one("#active", Checkbox).value

        def job(led: Ledger) -> Product:
            if product is None:
                return catalog.add(led, sku, stock=stock_text, now=self.ctx.now(), **fields)
            return catalog.edit(led, product.sku, active=active, now=self.ctx.now(), **fields)

        try:
            saved = await as_owner(self, self.ctx, job)
        except BazarError as exc:
            self.fail(exc)
            return
        if saved is None:
            return
        warning = catalog.loss_warning(saved)
        if warning:  # allowed (a promotion), but the vendor should know
            self.app.notify(warning, severity="warning", timeout=8)
        self.dismiss(saved)


class AdjustDialog(Dialog[tuple[str, str] | None]):
    """A signed change with its reason: breakage, samples, spoilage."""

    def __init__(self, product: Product) -> None:
        super().__init__()
        self.product = product

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"{t('stok.adjust_stock')}: {self.product.name} "
                f"({t('stok.now')} {self.product.stock})",
                classes="dialog-title",
            )
            yield Entry(placeholder=t("stok.change_e_g_2_or"), id="delta")
            yield Entry(placeholder=t("stok.reason_required"), id="reason")
            yield Label(t("stok.enter_saves_esc_cancels"), classes="muted")

    @on(Input.Submitted, "#delta")
    def _next(self) -> None:
        self.query_one("#reason").focus()

    @on(Input.Submitted, "#reason")
    def _save(self) -> None:
        delta = self.query_one("#delta", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        if not delta or not reason:
            self.notify(
                t("stok.give_the_change_and_its"),
                severity="error",
            )
            return
        self.dismiss((delta, reason))


class StokScreen(SideScreen):
    NAME = "stok"
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
