"""Stok's dialogs: the product form and a stock adjustment with its reason."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label

from bazar_pos import money
from bazar_pos.booth import catalog
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import Product
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.dialogs.base import Dialog
from bazar_pos.tui.dialogs.owner import as_owner
from bazar_pos.tui.keygate import flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.field import Field


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
