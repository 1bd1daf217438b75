"""Kasir: find a product by typing, build the cart, take payment, start the next sale at once.

A sale is three letters and Enter per product, then a pay key: the search box keeps the focus,
Enter adds the highlighted product (or the exact SKU a barcode scanner typed), and after payment
the cart empties with the change still shown large for the vendor to count out.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label

from bazar_pos import money
from bazar_pos.booth import catalog, days, validate
from bazar_pos.booth.cart import Cart, parse_discount
from bazar_pos.booth.models import PaymentPart, Product, Sale, payment_words
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.keygate import ask, flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.labels import method_label, stock_cell, stock_width
from bazar_pos.tui.messages import ReceiptWritten, SaleCompleted
from bazar_pos.tui.screens.base import BoothScreen
from bazar_pos.tui.widgets.footer import KeyFooter
from bazar_pos.tui.widgets.line_table import Cell, Column, LineTable, Names
from bazar_pos.tui.widgets.search import SearchBox

if TYPE_CHECKING:  # loaded at the first sale: the first screen comes up without them
    from bazar_pos.booth import sales
    from bazar_pos.services import selling

LIST_CAP = 50
OUTSIDE_CHECK_SECONDS = 1.0
_QTY_PREFIX = re.compile(r"^\s*(\d+)\s*[*xX]\s*(.*)$")


def split_qty(text: str) -> tuple[str, str]:
    """`3*nas` -> ("3", "nas"): the quantity prefix a cashier types before the product, checked
    as every quantity is (`validate.qty`) when Enter adds it: `0*` added one, `١٢*` twelve."""
    m = _QTY_PREFIX.match(text)
    return (m.group(1), m.group(2)) if m else ("1", text)


class KasirScreen(BoothScreen):
    NAME = "kasir"
    cart: reactive[Cart] = reactive(Cart, always_update=True, init=False)  # the sale rung up
    BINDINGS = [
        key("f9,ctrl+b", "pay('cash')", "key.kasir.pay_cash", id="kasir.pay_cash"),
        key("f10,ctrl+r", "pay('qris')", "key.kasir.pay_qris", id="kasir.pay_qris"),
        key("f11,ctrl+t", "pay('transfer')", "key.kasir.pay_transfer", id="kasir.pay_transfer"),
        key("f12,ctrl+s", "split", "key.kasir.split", id="kasir.split"),
        key("f6,ctrl+o", "toggle_cart", "key.kasir.cart", id="kasir.cart"),
        key("f7,ctrl+g", "discount", "key.kasir.discount", id="kasir.discount"),
        key("f8,ctrl+n", "clear_cart", "key.kasir.clear", id="kasir.clear"),
        key("escape", "escape", "key.kasir.escape", id="kasir.escape", show=False),
        key("down", "move(1)", "key.kasir.down", id="kasir.down", show=False),
        key("up", "move(-1)", "key.kasir.up", id="kasir.up", show=False),
        key("plus", "nudge(1)", "key.kasir.more", id="kasir.more", show=False),
        key("minus", "nudge(-1)", "key.kasir.less", id="kasir.less", show=False),
        key("delete", "remove_line", "key.kasir.remove", id="kasir.remove", show=False),
        key("ctrl+l", "whatsapp", "key.kasir.whatsapp", id="kasir.whatsapp", show=False),
    ]

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__(ctx)
        self._index: catalog.ProductIndex | None = None
        self.catalog_size = 0  # how many products are on sale
        self.seen_seq = -1
        self.data_version = -1
        self.repeated: set[str] = set()  # names that more than one product carries
        self.day_closed = False
        self.more = False  # the list shows only the first LIST_CAP hits
        self.hits: list[Product] = []
        self.shown = ""  # what the list shows the hits for
        self.quote: sales.Quote | None = None  # every figure of `cart`, priced with it
        self.refusal: BazarError | None = None  # why the last cart given was not taken
        self.set_reactive(KasirScreen.cart, ctx.draft)  # the sale survives a rebuild

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Horizontal(id="kasir"):
            with Vertical(id="kasir-left"):
                yield SearchBox(t("kasir.search_name_sku_3_name"), id="search")
                yield LineTable(
                    [
                        Column(t("kasir.product"), apart=True),
                        Column(t("kasir.price"), 9, "right"),
                        Column(t("kasir.stock"), 5, "right"),
                    ],
                    empty=t("kasir.nothing_matches"),
                    focusable=False,
                    id="products",
                )
                yield Label("", id="list-hint", classes="muted")
            with Vertical(id="kasir-right"):
                yield LineTable(
                    [
                        Column(t("kasir.cart"), apart=True),
                        Column("Qty", 3, "right"),
                        Column(t("kasir.amount"), 10, "right"),
                    ],
                    empty=t("kasir.empty_type_a_product_name"),
                    show_cursor=True,
                    id="cart",
                )
                yield Label("", id="cart-info", classes="muted")
                yield Label("Total", id="big-label")
                yield Digits("0", id="big")
                yield Label("", id="last-sale")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self._render_cart()
        search = self.query_one("#search", SearchBox)
        self.watch(search, "value", self._typed, init=False)
        search.focus()
        self.set_interval(OUTSIDE_CHECK_SECONDS, self._outside_writes)

    def _outside_writes(self) -> None:
        """Another process (the CLI, a second window) wrote the ledger: show it here too.

        SQLite's data_version moves only for other connections' commits, so the check is one
        cheap pragma while nothing happens.
        """
        try:
            version = self.ctx.ledger.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.ProgrammingError:  # closed while a restore replaces the file: next look
            return
        if version != self.data_version:
            self.data_version = version
            if self.seen_seq >= 0:
                self.reload()
                self.update_status()

    def reload(self) -> None:
        """Rebuild the search index only when the ledger moved (a restock, a new product)."""
        head = self.ctx.ledger.head()[0]
        self.day_closed = days.is_closed(self.ctx.ledger, self.ctx.today())
        if head != self.seen_seq:
            self.seen_seq = head
            self._index = None
            on_sale = catalog.names_on_sale(self.ctx.ledger)
            self.catalog_size = len(on_sale)
            names = Counter(name.casefold() for _, name in on_sale)
            self.repeated = {name for name, n in names.items() if n > 1}
            shown = Names(self._shown_name(name, sku) for sku, name in on_sale)
            for table in self.query(LineTable):
                table.keep_apart(shown)
            self._filter(split_qty(self.query_one("#search", SearchBox).value)[1])
            self._set_cart(self.cart, quiet=True)
        self._show_hint()

    # -- search -----------------------------------------------------------------------------

    @property
    def index(self) -> catalog.ProductIndex:
        """The whole catalog, searchable: built at the first search, not for the first screen
        (which shows the catalog's first rows), and again after the ledger moved."""
        if self._index is None:
            self._index = catalog.ProductIndex.load(self.ctx.ledger)
            self.catalog_size = len(self._index.products)
        return self._index

    def _filter(self, text: str) -> None:
        """Filter and show at most LIST_CAP rows: the whole catalog is never drawn."""
        if self._index is None and not text.split():
            self.hits = catalog.list_products(self.ctx.ledger, limit=LIST_CAP + 1)
        else:
            self.hits = self.index.search(text, LIST_CAP + 1)
        more = len(self.hits) > LIST_CAP
        self.hits = self.hits[:LIST_CAP]
        table = self.query_one("#products", LineTable)
        table.columns[2] = replace(table.columns[2], width=stock_width(self.hits))
        table.set_rows(self.hits, self._product_cells)
        self.more = more
        self.shown = text
        self._show_hint()

    def _show_hint(self) -> None:
        """One line under the list: a closed day first, then how to go on."""
        total = self.catalog_size
        hint = self.query_one("#list-hint", Label)
        hint.set_class(self.day_closed, "warning")
        if self.day_closed:
            text = t("kasir.day_closed_f4_then_f10")
        elif not total:
            text = t("kasir.no_products_yet_stock_f3")
        elif self.more:
            text = t("kasir.first_of_type_to_narrow", list_cap=LIST_CAP, total=total)
        else:
            text = t("kasir.enter_adds_qty_q_quits")
        if str(hint.content) != text:  # an update lays the screen out again: only on a change
            hint.update(text)

    def _shown_name(self, name: str, sku: str) -> str:
        """Name, with its SKU where another product has the same name."""
        return f"{name} · {sku}" if name.casefold() in self.repeated else name

    def _product_cells(self, p: Product) -> list[Cell]:
        return [self._shown_name(p.name, p.sku), money.group(p.price), stock_cell(p)]

    def _typed(self, value: str) -> None:
        """Filtered as the key is read, not on a later message: the list and the search box
        change in the same frame (a message would come after the box's frame, costing a
        second one)."""
        self._filter(split_qty(value)[1])

    @on(SearchBox.Submitted, "#search")
    def _chosen(self, event: SearchBox.Submitted) -> None:
        """Enter: the exact SKU (a scan) or the highlighted row for what was typed before it;
        the box is then emptied for the next product (keys after Enter wait for this)."""
        qty, text = split_qty(event.value)
        product = self._product_for(text) if text.strip() else None
        self.query_one("#search", SearchBox).value = ""
        if not text.strip():
            return
        if product is None:
            self.notify(t("kasir.no_product", text=text), severity="error")
            return
        try:
            pieces = validate.qty(qty)
        except BazarError as exc:
            self.fail(exc)
            return
        self.add_to_cart(product.sku, pieces)

    def _product_for(self, text: str) -> Product | None:
        exact = self.index.by_sku(text)
        if exact is not None:
            return exact
        if text != self.shown:  # the list as it was for these keys
            self._filter(text)
        current: Product | None = self.query_one("#products", LineTable).current
        return current

    @on(LineTable.Selected, "#products")
    def _clicked(self, event: LineTable.Selected) -> None:
        self.add_to_cart(self.hits[event.index].sku, 1)
        self.query_one("#search").focus()

    @on(SearchBox.QtyNudged)
    def _nudged(self, event: SearchBox.QtyNudged) -> None:
        self.action_nudge(event.delta)

    def action_move(self, step: int) -> None:
        self.query_one("#products", LineTable).action_move(step)

    def action_escape(self) -> None:
        search = self.query_one("#search", SearchBox)
        if search.has_focus and search.value:
            search.value = ""
        search.focus()

    def action_toggle_cart(self) -> None:
        cart = self.query_one("#cart", LineTable)
        if cart.has_focus:
            self.query_one("#search").focus()
        else:
            cart.focus()

    # -- cart -------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self.quote.total if self.quote else 0

    def _set_cart(self, cart: Cart, *, quiet: bool = False) -> bool:
        """Take the new cart, or say why a rule refused it (the old one stays)."""
        self.refusal = None
        self.cart = cart
        if self.refusal is None:
            return True
        if not quiet:
            self.fail(self.refusal)
        return False

    def validate_cart(self, cart: Cart) -> Cart:
        """Price every cart before it is taken: one refused by a rule (more than the stock)
        leaves the old one, with its figures, in place."""
        if not cart.lines:
            self.quote = None
            return cart
        from bazar_pos.booth import sales

        try:
            self.quote = sales.quote(self.ctx.ledger, cart)
        except BazarError as exc:
            self.refusal = exc
            return self.cart
        return cart

    def watch_cart(self, cart: Cart) -> None:
        """Every change of the sale is drawn here, and kept in the context for a rebuild."""
        self.ctx.draft = cart
        self._render_cart()
        self.refresh_bindings()

    def add_to_cart(self, sku: str, qty: int) -> bool:
        cart = self.cart.copy()
        i = cart.add(sku, qty)
        if not self._set_cart(cart):
            return False
        self.query_one("#cart", LineTable).cursor = i
        return True

    def _selected_line(self) -> int:
        cart = self.query_one("#cart", LineTable)
        if cart.has_focus and 0 <= cart.cursor < len(self.cart.lines):
            return cart.cursor
        return len(self.cart.lines) - 1

    def action_nudge(self, delta: int) -> None:
        if not self.cart.lines:
            return
        i = self._selected_line()
        cart = self.cart.copy()
        cart.set_qty(i, cart.lines[i].qty + delta)
        self._set_cart(cart)

    def action_remove_line(self) -> None:
        if self.cart.lines:
            cart = self.cart.copy()
            cart.remove(self._selected_line())
            self._set_cart(cart)
            if not cart.lines:
                self.query_one("#search").focus()

    @on(LineTable.Selected, "#cart")
    def _line_chosen(self, event: LineTable.Selected) -> None:
        self._edit_line(event.index)

    @flow
    async def _edit_line(self, i: int) -> None:
        from bazar_pos.tui.dialogs.cart import LineEdit

        if not 0 <= i < len(self.cart.lines):
            return
        line = self.cart.lines[i]
        product = self.index.by_sku(line.sku)
        edited = await ask(self, LineEdit(line, product.name if product else line.sku))
        if edited is None:
            return
        cart = self.cart.copy()
        cart.set_line(i, edited)
        self._set_cart(cart)

    @flow
    async def action_clear_cart(self) -> None:
        from bazar_pos.tui.dialogs.confirm import Confirm

        if not self.cart.lines:
            return
        if await ask(self, Confirm(t("kasir.clear_the_cart"))):
            self._set_cart(Cart())
            self.query_one("#search").focus()

    @flow
    async def action_discount(self) -> None:
        from bazar_pos.tui.dialogs.confirm import AskText

        current = self.cart.discount
        text = await ask(
            self,
            AskText(
                t("kasir.discount_on_the_whole_sale"),
                current.label()
                if current.is_percent
                else money.group(current.rupiah)
                if current
                else "",
            ),
        )
        if text is None:
            return
        try:
            discount = parse_discount(text)
        except BazarError as exc:
            self.fail(exc)
            return
        cart = self.cart.copy()
        cart.discount = discount
        self._set_cart(cart)

    def _render_cart(self) -> None:
        q = self.quote
        cart = self.query_one("#cart", LineTable)
        cart.set_rows(q.lines if q else [], self._cart_cells, cursor=None)
        info = ""
        if q:
            items = sum(ln["qty"] for ln in q.lines)
            info = t("kasir.items" if items != 1 else "kasir.item", items=items)
            info += f" · {money.fmt(q.total)}"
            if q.discount_label.endswith("%"):  # the percent the vendor typed; Total shows Rp
                info += "\n" + t("kasir.discount", value=q.discount_label)
            elif q.discounts:  # on its own line: the figure is never cut
                info += "\n" + t("kasir.discount", value=money.fmt(q.discounts))
        self.query_one("#cart-info", Label).update(info)
        self._render_big()

    def _cart_cells(self, ln: dict[str, Any]) -> list[Cell]:
        amount: Cell = money.group(ln["amount"])
        if ln["discount"]:
            amount = (money.group(ln["amount"]), "success")
        return [self._shown_name(ln["name"], ln["sku"]), str(ln["qty"]), amount]

    def _render_big(self) -> None:
        """The big figure: the total while selling, the change once the sale is paid."""
        label = self.query_one("#big-label", Label)
        big = self.query_one("#big", Digits)
        last = self.ctx.last_sale
        if self.quote or last is None:
            label.update(t("kasir.total"))
            big.update(money.group(self.total))
            big.set_class(False, "change")
        else:
            label.update(t("kasir.change") if last.change else t("kasir.paid_in_full"))
            big.update(money.group(last.change if last.change else last.total))
            big.set_class(bool(last.change), "change")
        last_label = self.query_one("#last-sale", Label)
        if last is None:
            last_label.update("")
        else:
            pay = payment_words(last.payment_methods)
            receipt = self.ctx.last_receipt
            done = t("kasir.receipt") if receipt and receipt.stem == last.sale_no else ""
            last_label.update(
                f"{t('kasir.last')}: {last.sale_no}\n{money.fmt(last.total)} · {pay}{done}"
            )

    def receipt_written(self, event: ReceiptWritten) -> None:
        self._render_big()

    # -- paying -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pay", "split", "discount", "clear_cart", "toggle_cart"):
            return bool(self.cart.lines) or None
        return True

    @flow
    async def action_pay(self, method: str) -> None:
        if self.cart.lines:
            await self._pay([PaymentPart(method)])

    @flow
    async def action_split(self) -> None:
        from bazar_pos.booth import qris_setting
        from bazar_pos.services import selling
        from bazar_pos.tui.dialogs.payment import SplitPayment

        try:  # a closed day is refused before the plan is even asked for
            selling.check(self.ctx.ledger, self.cart, now=self.ctx.now())
        except BazarError as exc:
            self.fail(exc)
            return
        try:
            has_qris = bool(qris_setting.static(self.ctx.ledger))
        except BazarError:
            has_qris = False
        plan = await ask(self, SplitPayment(self.total, has_qris=has_qris))
        if plan:
            (m1, a1), (m2, _) = plan
            await self._pay([PaymentPart(m1, a1), PaymentPart(m2)])

    async def _pay(self, plan: list[PaymentPart]) -> None:
        """Prepare (refusing before any code or cash), run each part's dialog, then record."""
        from bazar_pos.services import selling

        cart, now = self.cart, self.ctx.now()
        try:
            prepared = await self.write(lambda led: selling.prepare(led, cart, plan, now=now))
        except BazarError as exc:
            self.fail(exc)
            return
        tendered: int | None = None
        references: dict[int, str] = {}
        for i, part in enumerate(prepared.parts):
            answer = await self._take(part)
            if answer is None:
                await self._release(prepared)
                if i:  # never drop a part that was already taken without a word
                    self._give_back(prepared.parts[:i])
                return
            if part.method == "cash":
                tendered = int(answer)
            elif part.method != "qris":
                references[i] = str(answer)
        await self.finish(prepared, tendered, references)

    def _give_back(self, taken: tuple[PaymentPart, ...]) -> None:
        """A split cancelled after its first part: say which money goes back to the buyer."""
        parts = " + ".join(
            f"{method_label(p.method)} {money.fmt(int(p.amount or 0))}" for p in taken
        )
        self.notify(
            t("kasir.split_payment_cancelled_nothing_recorded", parts=parts),
            severity="warning",
            timeout=12,
        )

    async def _take(self, part: PaymentPart) -> int | str | bool | None:
        """Run one payment's dialog; None when the vendor cancelled it."""
        from bazar_pos.tui.dialogs.payment import CashPayment, QrisPayment, TransferPayment

        amount = int(part.amount or 0)
        if part.method == "cash":
            return await ask(self, CashPayment(amount))
        if part.method == "qris":
            paid = await ask(self, QrisPayment(self.ctx, amount, str(part.reference)))
            return True if paid else None
        return await ask(self, TransferPayment(amount, part.method))

    async def _release(self, prepared: selling.Prepared) -> None:
        """Give a held number back; a failure to do so leaves a gap, never a wrong sale."""
        from bazar_pos.services import selling

        with contextlib.suppress(BazarError):
            await self.write(lambda led: selling.cancel(led, prepared))

    async def finish(
        self, prepared: selling.Prepared, tendered: int | None, references: dict[int, str]
    ) -> Sale | None:
        """Record the sale off the event loop; once committed it is shown as committed, the
        cart empties and the search box is ready for the next customer. A refused or failed
        write says why and keeps the cart for another try."""
        from bazar_pos.booth import settings
        from bazar_pos.services import selling

        now = self.ctx.now()
        try:
            sale = await self.write(
                lambda led: selling.complete(
                    led, prepared, tendered=tendered, references=references, now=now
                )
            )
        except BazarError as exc:
            await self._release(prepared)
            self.fail(exc)
            return None
        self.ctx.last_sale = sale
        self._set_cart(Cart())
        self._index = catalog.ProductIndex.load(self.ctx.ledger)
        self.seen_seq = self.ctx.ledger.head()[0]
        search = self.query_one("#search", SearchBox)
        search.value = ""
        self._filter("")
        search.focus()
        self.post_message(SaleCompleted(sale))
        if settings.load(self.ctx.ledger).whatsapp_after_sale:
            self.action_whatsapp()
        return sale

    def action_whatsapp(self) -> None:
        """The last sale's struk as a `wa.me` QR for the customer's phone."""
        from bazar_pos.booth import whatsapp
        from bazar_pos.tui.dialogs.receipt import WhatsAppQr

        last = self.ctx.last_sale
        if last is None:
            self.notify(t("kasir.no_sale_yet"), severity="warning")
            return
        try:
            made = whatsapp.for_sale(self.ctx.ledger, last.sale_no)
        except BazarError as exc:
            self.fail(exc)
            return
        self.app.push_screen(WhatsAppQr(made, last.total))
