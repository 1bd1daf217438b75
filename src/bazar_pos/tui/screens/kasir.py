"""Kasir: find a product by typing, build the cart, take payment, start the next sale at once.

A sale is three letters and Enter per product, then a pay key: the search box keeps the focus,
Enter adds the highlighted product (or the exact SKU a barcode scanner typed), and after payment
the cart empties with the change still shown large for the vendor to count out.
"""

from __future__ import annotations

import re
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Footer, Label

from bazar_pos import money
from bazar_pos.booth import catalog, sales
from bazar_pos.booth.models import CartLine, PaymentPart, Product, Sale
from bazar_pos.errors import BazarError
from bazar_pos.i18n import tr
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.keys import key
from bazar_pos.tui.messages import ReceiptWritten, SaleCompleted
from bazar_pos.tui.screens.base import BoothScreen
from bazar_pos.tui.widgets.line_table import Cell, Column, LineTable
from bazar_pos.tui.widgets.search import SearchBox

LIST_CAP = 50
_QTY_PREFIX = re.compile(r"^\s*(\d{1,5})\s*[*xX]\s*(.*)$")
METHOD_LABELS = {
    "cash": ("tunai", "cash"),
    "qris": ("QRIS", "QRIS"),
    "transfer": ("transfer", "transfer"),
    "other": ("lain", "other"),
}


def split_qty(text: str) -> tuple[int, str]:
    """`3*nas` -> (3, "nas"): the quantity prefix a cashier types before the product."""
    m = _QTY_PREFIX.match(text)
    return (max(int(m.group(1)), 1), m.group(2)) if m else (1, text)


def method_label(method: str) -> str:
    return tr(*METHOD_LABELS.get(method, (method, method)))


def stock_cells(p: Product) -> tuple[Cell, Cell]:
    """Stock and its mark: sold out in red, low in yellow."""
    if p.sold_out:
        return (str(p.stock), "error"), (tr("HABIS", "OUT"), "error")
    if p.low:
        return (str(p.stock), "warning"), (tr("tipis", "low"), "warning")
    return str(p.stock), ""


class KasirScreen(BoothScreen):
    NAME = "kasir"
    BINDINGS = [
        key("f9,ctrl+b", "pay('cash')", "Tunai", "Cash", id="kasir.pay_cash"),
        key("f10,ctrl+r", "pay('qris')", "QRIS", "QRIS", id="kasir.pay_qris"),
        key("f11,ctrl+t", "pay('transfer')", "Transfer", "Transfer", id="kasir.pay_transfer"),
        key("f12,ctrl+s", "split", "Campur", "Split", id="kasir.split"),
        key("f6,ctrl+o", "toggle_cart", "Keranjang", "Cart", id="kasir.cart"),
        key("f7,ctrl+g", "discount", "Diskon", "Discount", id="kasir.discount"),
        key("f8,ctrl+n", "clear_cart", "Kosongkan", "Clear", id="kasir.clear"),
        key("escape", "escape", "Kembali ke cari", "Back to search", id="kasir.escape", show=False),
        key("down", "move(1)", "Produk berikut", "Next product", id="kasir.down", show=False),
        key("up", "move(-1)", "Produk sebelum", "Previous product", id="kasir.up", show=False),
        key("plus", "nudge(1)", "Tambah 1", "One more", id="kasir.more", show=False),
        key("minus", "nudge(-1)", "Kurangi 1", "One less", id="kasir.less", show=False),
        key("delete", "remove_line", "Hapus baris", "Remove line", id="kasir.remove", show=False),
    ]

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__(ctx)
        self.index = catalog.ProductIndex.load(ctx.ledger)
        self.seen_seq = ctx.ledger.head()[0]
        self.hits: list[Product] = []
        self.quote: sales.Quote | None = None

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Horizontal(id="kasir"):
            with Vertical(id="kasir-left"):
                yield SearchBox(
                    tr("Cari nama/SKU · 3*nama = 3 buah", "Search name/SKU · 3*name = 3 pcs"),
                    clear_on_enter=True,
                    id="search",
                )
                yield LineTable(
                    [
                        Column(tr("Produk", "Product")),
                        Column(tr("Harga", "Price"), 10, "right"),
                        Column(tr("Stok", "Stock"), 5, "right"),
                        Column("", 5),
                    ],
                    empty=tr("Tidak ada yang cocok", "Nothing matches"),
                    focusable=False,
                    id="products",
                )
                yield Label("", id="list-hint", classes="muted")
            with Vertical(id="kasir-right"):
                yield LineTable(
                    [
                        Column(tr("Keranjang", "Cart")),
                        Column("Qty", 3, "right"),
                        Column(tr("Jumlah", "Amount"), 10, "right"),
                    ],
                    empty=tr("Kosong — ketik nama produk", "Empty — type a product name"),
                    show_cursor=True,
                    id="cart",
                )
                yield Label("", id="cart-info", classes="muted")
                yield Label("Total", id="big-label")
                yield Digits("0", id="big")
                yield Label("", id="last-sale")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._filter("")
        self._render_cart()
        self.query_one("#search").focus()

    def reload(self) -> None:
        """Rebuild the search index only when the ledger moved (a restock, a new product)."""
        head = self.ctx.ledger.head()[0]
        if head != self.seen_seq:
            self.seen_seq = head
            self.index = catalog.ProductIndex.load(self.ctx.ledger)
            self._filter(split_qty(self.query_one("#search", SearchBox).value)[1])
            self._set_cart(list(self.ctx.draft.lines), quiet=True)

    # -- search -----------------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        """Filter and show at most LIST_CAP rows: the whole catalog is never drawn."""
        self.hits = self.index.search(text, LIST_CAP + 1)
        more = len(self.hits) > LIST_CAP
        self.hits = self.hits[:LIST_CAP]
        table = self.query_one("#products", LineTable)
        table.set_rows(self.hits, self._product_cells)
        total = len(self.index.products)
        if more:
            hint = tr(
                f"{LIST_CAP} pertama dari {total} — ketik untuk mempersempit",
                f"first {LIST_CAP} of {total} — type to narrow",
            )
        else:
            hint = tr(
                "Enter tambah · ↑↓ pilih · +/- jumlah · F6 keranjang",
                "Enter adds · ↑↓ choose · +/- qty · F6 cart",
            )
        self.query_one("#list-hint", Label).update(hint)

    @staticmethod
    def _product_cells(p: Product) -> list[Cell]:
        name = p.name
        return [name, money.group(p.price), *stock_cells(p)]

    @on(SearchBox.Changed, "#search")
    def _typed(self, event: SearchBox.Changed) -> None:
        self._filter(split_qty(event.value)[1])

    @on(SearchBox.Submitted, "#search")
    def _chosen(self, event: SearchBox.Submitted) -> None:
        """Enter: the exact SKU (a scan) or the highlighted row; the box is already empty."""
        qty, text = split_qty(event.value)
        if not text.strip():
            return
        product = self.index.by_sku(text)
        if product is None:
            product = self.query_one("#products", LineTable).current
        if product is None:
            self.notify(tr(f"Tidak ada produk '{text}'", f"No product '{text}'"), severity="error")
            return
        self.add_to_cart(product.sku, qty)

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
    def cart(self) -> list[CartLine]:
        return self.ctx.draft.lines

    @property
    def total(self) -> int:
        return self.quote.total if self.quote else 0

    def _set_cart(
        self, lines: list[CartLine], discount: int | None = None, *, quiet: bool = False
    ) -> bool:
        """Price the new cart; refuse it (keeping the old one) when a rule says no."""
        draft = self.ctx.draft
        new_discount = draft.discount if discount is None else discount
        if not lines:
            new_discount = 0
        try:
            q = sales.quote(self.ctx.ledger, sales.Cart(lines, new_discount)) if lines else None
        except BazarError as exc:
            if not quiet:
                self.fail(exc)
            return False
        draft.lines, draft.discount, self.quote = lines, new_discount, q
        self._render_cart()
        self.refresh_bindings()
        return True

    def add_to_cart(self, sku: str, qty: int) -> bool:
        lines = list(self.cart)
        for i, ln in enumerate(lines):
            if ln.sku == sku:
                lines[i] = CartLine(sku, ln.qty + qty, ln.discount)
                break
        else:
            lines.append(CartLine(sku, qty))
        if not self._set_cart(lines):
            return False
        self.query_one("#cart", LineTable).cursor = next(
            i for i, ln in enumerate(lines) if ln.sku == sku
        )
        return True

    def _selected_line(self) -> int:
        cart = self.query_one("#cart", LineTable)
        if cart.has_focus and 0 <= cart.cursor < len(self.cart):
            return cart.cursor
        return len(self.cart) - 1

    def action_nudge(self, delta: int) -> None:
        if not self.cart:
            return
        i = self._selected_line()
        lines = list(self.cart)
        ln = lines[i]
        if ln.qty + delta <= 0:
            del lines[i]
        else:
            lines[i] = CartLine(ln.sku, ln.qty + delta, ln.discount)
        self._set_cart(lines)

    def action_remove_line(self) -> None:
        if self.cart:
            lines = list(self.cart)
            del lines[self._selected_line()]
            self._set_cart(lines)
            if not lines:
                self.query_one("#search").focus()

    @on(LineTable.Selected, "#cart")
    @work
    async def _edit_line(self, event: LineTable.Selected) -> None:
        from bazar_pos.tui.screens.dialogs import LineEdit

        i = event.index
        if not 0 <= i < len(self.cart):
            return
        line = self.cart[i]
        product = self.index.by_sku(line.sku)
        edited = await self.app.push_screen_wait(
            LineEdit(line, product.name if product else line.sku)
        )
        if edited is None:
            return
        lines = list(self.cart)
        if edited.qty == 0:
            del lines[i]
        else:
            lines[i] = edited
        self._set_cart(lines)

    @work
    async def action_clear_cart(self) -> None:
        from bazar_pos.tui.screens.dialogs import Confirm

        if not self.cart:
            return
        if await self.app.push_screen_wait(Confirm(tr("Kosongkan keranjang?", "Clear the cart?"))):
            self._set_cart([], 0)
            self.query_one("#search").focus()

    @work
    async def action_discount(self) -> None:
        from bazar_pos.tui.screens.dialogs import AskText

        text = await self.app.push_screen_wait(
            AskText(
                tr(
                    "Diskon seluruh belanja (Rp, atau 10%)",
                    "Discount on the whole sale (Rp, or 10%)",
                ),
                money.group(self.ctx.draft.discount) if self.ctx.draft.discount else "",
            )
        )
        if text is None:
            return
        try:
            amount = self._discount_amount(text)
        except BazarError as exc:
            self.fail(exc)
            return
        self._set_cart(list(self.cart), amount)

    def _discount_amount(self, text: str) -> int:
        text = text.strip()
        if text.endswith("%") and self.quote:
            pct = money.parse(text[:-1].strip() or "0")
            base = self.quote.subtotal - self.quote.line_discounts
            return base * min(pct, 100) // 100
        return money.parse(text or "0")

    def _render_cart(self) -> None:
        q = self.quote
        cart = self.query_one("#cart", LineTable)
        cart.set_rows(q.lines if q else [], self._cart_cells, cursor=None)
        info = ""
        if q:
            items = sum(ln["qty"] for ln in q.lines)
            info = tr(f"{items} barang", f"{items} items") + f" · {money.fmt(q.total)}"
            off = q.discount + q.line_discounts
            if off:
                info += f" · {tr('diskon', 'disc.')} {money.group(off)}"
        self.query_one("#cart-info", Label).update(info)
        self._render_big()

    @staticmethod
    def _cart_cells(ln: dict[str, Any]) -> list[Cell]:
        amount: Cell = money.group(ln["amount"])
        if ln["discount"]:
            amount = (money.group(ln["amount"]), "success")
        return [ln["name"], str(ln["qty"]), amount]

    def _render_big(self) -> None:
        """The big figure: the total while selling, the change once the sale is paid."""
        label = self.query_one("#big-label", Label)
        big = self.query_one("#big", Digits)
        last = self.ctx.last_sale
        if self.quote or last is None:
            label.update(tr("Total", "Total"))
            big.update(money.group(self.total))
            big.set_class(False, "change")
        else:
            label.update(tr("Kembalian", "Change") if last.change else tr("Lunas", "Paid in full"))
            big.update(money.group(last.change if last.change else last.total))
            big.set_class(bool(last.change), "change")
        last_label = self.query_one("#last-sale", Label)
        if last is None:
            last_label.update("")
        else:
            pay = "+".join(method_label(p.method) for p in last.payments)
            receipt = self.ctx.last_receipt
            done = (
                tr(" · struk ✓", " · receipt ✓") if receipt and receipt.stem == last.sale_no else ""
            )
            last_label.update(
                f"{tr('Terakhir', 'Last')}: {last.sale_no}\n{money.fmt(last.total)} · {pay}{done}"
            )

    def receipt_written(self, event: ReceiptWritten) -> None:
        self._render_big()

    # -- paying -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pay", "split", "discount", "clear_cart", "toggle_cart"):
            return bool(self.cart) or None
        return True

    @work(exclusive=True, group="pay")
    async def action_pay(self, method: str) -> None:
        if not self.cart:
            return
        part = await self._take(method, self.total, None)
        if part is not None:
            self.finish([part])

    async def _take(self, method: str, amount: int, fixed: int | None) -> PaymentPart | None:
        """Run one payment's dialog; None when the vendor cancelled it."""
        from bazar_pos.tui.screens.pay import CashPayment, QrisPayment, TransferPayment

        if method == "cash":
            tendered = await self.app.push_screen_wait(CashPayment(amount))
            return None if tendered is None else PaymentPart("cash", fixed, tendered)
        if method == "qris":
            try:
                from bazar_pos.booth import qris_setting

                payload = qris_setting.dynamic_for(
                    self.ctx.ledger, amount, sales.next_sale_no(self.ctx.ledger, now=self.ctx.now())
                )
            except BazarError as exc:
                self.fail(exc)
                return None
            paid = await self.app.push_screen_wait(QrisPayment(self.ctx, amount, payload))
            return PaymentPart("qris", fixed, reference=payload) if paid else None
        reference = await self.app.push_screen_wait(TransferPayment(amount, method))
        if reference is None:
            return None
        return PaymentPart(method, fixed, reference=reference or None)

    @work(exclusive=True, group="pay")
    async def action_split(self) -> None:
        from bazar_pos.tui.screens.pay import SplitPayment

        plan = await self.app.push_screen_wait(SplitPayment(self.total))
        if not plan:
            return
        parts: list[PaymentPart] = []
        for i, (method, amount) in enumerate(plan):
            part = await self._take(method, amount, amount if i == 0 else None)
            if part is None:
                return
            parts.append(part)
        self.finish(parts)

    def finish(self, payments: list[PaymentPart]) -> Sale | None:
        """Record the sale; the cart empties and the search box is ready for the next customer."""
        try:
            sale = sales.checkout(
                self.ctx.ledger,
                sales.Cart(list(self.cart), self.ctx.draft.discount),
                payments,
                now=self.ctx.now(),
            )
        except BazarError as exc:
            self.fail(exc)
            return None
        self.ctx.last_sale = sale
        self._set_cart([], 0)
        self.index = catalog.ProductIndex.load(self.ctx.ledger)
        self.seen_seq = self.ctx.ledger.head()[0]
        search = self.query_one("#search", SearchBox)
        search.value = ""
        self._filter("")
        search.focus()
        self.post_message(SaleCompleted(sale))
        return sale
