"""Kasir: find a product by typing, build the cart, take payment, start the next sale at once."""

from __future__ import annotations

import re

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Digits, Footer, Label, Static

from bazar_pos import money
from bazar_pos.booth import catalog, sales
from bazar_pos.booth.models import CartLine, PaymentPart, Product, Sale
from bazar_pos.errors import BazarError
from bazar_pos.i18n import tr
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.messages import SaleCompleted
from bazar_pos.tui.screens.pay_cash import CashPayment, big
from bazar_pos.tui.widgets.search import SearchBox

LIST_CAP = 50
_QTY_PREFIX = re.compile(r"^\s*(\d{1,5})\s*\*\s*(.*)$")


def split_qty(text: str) -> tuple[int, str]:
    """`3*nas` -> (3, "nas"): the quantity prefix a cashier types before the product."""
    m = _QTY_PREFIX.match(text)
    return (max(int(m.group(1)), 1), m.group(2)) if m else (1, text)


class KasirScreen(Screen[None]):
    BINDINGS = [
        Binding("f9", "pay('cash')", tr("Tunai", "Cash"), id="kasir.pay_cash"),
        Binding("f10", "pay('qris')", "QRIS", id="kasir.pay_qris"),
        Binding("f11", "pay('transfer')", tr("Transfer", "Transfer"), id="kasir.pay_transfer"),
        Binding("ctrl+s", "split", tr("Bayar campur", "Split"), id="kasir.split"),
        Binding("ctrl+d", "discount", tr("Diskon", "Discount"), id="kasir.discount"),
        Binding("ctrl+x", "remove_line", tr("Hapus baris", "Remove line"), id="kasir.remove"),
        Binding("ctrl+n", "clear_cart", tr("Batal semua", "Clear"), id="kasir.clear"),
        Binding("down", "move(1)", show=False, id="kasir.down"),
        Binding("up", "move(-1)", show=False, id="kasir.up"),
    ]

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cart: list[CartLine] = []
        self.sale_discount = 0
        self.total = 0
        self.index = catalog.ProductIndex.load(ctx.ledger)
        self.hits: list[Product] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="kasir"):
            with Vertical(id="left"):
                yield SearchBox(
                    placeholder=tr("Cari nama/SKU, 3*nama untuk 3 buah", "Search name/SKU, 3*name"),
                    id="search",
                )
                yield DataTable(id="products", cursor_type="row", zebra_stripes=True)
            with Vertical(id="right"):
                yield DataTable(id="cart", cursor_type="row")
                yield Label("", id="cart-info", classes="muted")
                yield Label("Total", classes="muted")
                yield Digits("0", id="total")
                yield Static("", id="last-sale")
        yield Footer()

    def on_mount(self) -> None:
        products = self.query_one("#products", DataTable)
        products.add_column(tr("Produk", "Product"), key="name")
        products.add_column(tr("Harga", "Price"), key="price")
        products.add_column(tr("Stok", "Stock"), key="stock")
        cart = self.query_one("#cart", DataTable)
        cart.add_column(tr("Barang", "Item"), key="name")
        cart.add_column("Qty", key="qty")
        cart.add_column(tr("Jumlah", "Amount"), key="amount")
        self._filter("")
        self.query_one("#search").focus()

    def reload(self) -> None:
        """The catalog changed elsewhere (Stok screen): rebuild the search index."""
        self.index = catalog.ProductIndex.load(self.ctx.ledger)
        self._filter(split_qty(self.query_one("#search", SearchBox).value)[1])

    def _filter(self, text: str) -> None:
        self.hits = self.index.search(text, LIST_CAP)
        table = self.query_one("#products", DataTable)
        table.clear()
        for p in self.hits:
            mark = tr(" HABIS", " OUT") if p.sold_out else (" !" if p.low else "")
            table.add_row(p.name, money.fmt(p.price), f"{p.stock}{mark}", key=p.sku)

    @on(SearchBox.Changed, "#search")
    def _typed(self, event: SearchBox.Changed) -> None:
        self._filter(split_qty(event.value)[1])

    @on(SearchBox.Submitted, "#search")
    def _chosen(self, event: SearchBox.Submitted) -> None:
        qty, text = split_qty(event.value)
        if not text.strip():
            return
        product = self.index.by_sku(text)
        if product is None:
            table = self.query_one("#products", DataTable)
            if not self.hits:
                self.notify(
                    tr(f"Tidak ada produk '{text}'", f"No product '{text}'"), severity="error"
                )
                return
            product = self.hits[min(table.cursor_row, len(self.hits) - 1)]
        self.add_to_cart(product.sku, qty)
        event.input.value = ""

    @on(DataTable.RowSelected, "#products")
    def _clicked(self, event: DataTable.RowSelected) -> None:
        self.add_to_cart(str(event.row_key.value), 1)
        self.query_one("#search").focus()

    @on(SearchBox.QtyNudged)
    def _nudged(self, event: SearchBox.QtyNudged) -> None:
        self.change_qty(event.delta)

    def action_move(self, step: int) -> None:
        table = self.query_one("#products", DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)))

    def _set_cart(self, lines: list[CartLine], discount: int | None = None) -> bool:
        """Price the new cart; refuse it (keeping the old) when a rule says no."""
        new_discount = self.sale_discount if discount is None else discount
        try:
            q = sales.quote(self.ctx.ledger, sales.Cart(lines, new_discount)) if lines else None
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return False
        self.cart, self.sale_discount = lines, new_discount if lines else 0
        self._render_cart(q)
        self.refresh_bindings()
        return True

    def add_to_cart(self, sku: str, qty: int) -> None:
        lines = list(self.cart)
        for i, ln in enumerate(lines):
            if ln.sku == sku:
                lines[i] = CartLine(sku, ln.qty + qty, ln.discount)
                break
        else:
            lines.append(CartLine(sku, qty))
        self._set_cart(lines)

    def _selected_line(self) -> int:
        cart = self.query_one("#cart", DataTable)
        if cart.has_focus and 0 <= cart.cursor_row < len(self.cart):
            return cart.cursor_row
        return len(self.cart) - 1

    def change_qty(self, delta: int) -> None:
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

    def action_clear_cart(self) -> None:
        self._set_cart([], 0)

    def _render_cart(self, q: sales.Quote | None) -> None:
        cart = self.query_one("#cart", DataTable)
        cart.clear()
        self.total = q.total if q else 0
        if q:
            for ln in q.lines:
                name = ln["name"] + (f" (-{money.fmt(ln['discount'])})" if ln["discount"] else "")
                cart.add_row(name, str(ln["qty"]), money.fmt(ln["amount"]))
            if cart.row_count:
                cart.move_cursor(row=cart.row_count - 1)
        info = ""
        if q and q.discount:
            info = f"{tr('Diskon', 'Discount')} -{money.fmt(q.discount)}  "
        if q:
            info += (
                f"{sum(ln['qty'] for ln in q.lines)} {tr('barang', 'items')}  {money.fmt(q.total)}"
            )
        self.query_one("#cart-info", Label).update(info)
        self.query_one("#total", Digits).update(big(self.total))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pay", "split", "discount", "remove_line", "clear_cart"):
            return bool(self.cart) or None
        return True

    @work
    async def action_pay(self, method: str) -> None:
        if not self.cart:
            return
        total = self.total
        if method == "cash":
            tendered = await self.app.push_screen_wait(CashPayment(total))
            if tendered is None:
                return
            self.finish([PaymentPart("cash", None, tendered)])
        elif method == "qris":
            from bazar_pos.tui.screens.pay_qris import QrisPayment

            payload = await self.app.push_screen_wait(QrisPayment(self.ctx, total))
            if payload:
                self.finish([PaymentPart("qris", None, reference=payload)])
        else:
            from bazar_pos.tui.screens.dialogs import Confirm

            ok = await self.app.push_screen_wait(
                Confirm(
                    tr(
                        f"Transfer {money.fmt(total)} sudah diterima?",
                        f"Transfer of {money.fmt(total)} received?",
                    )
                )
            )
            if ok:
                self.finish([PaymentPart(method, None)])

    @work
    async def action_split(self) -> None:
        from bazar_pos.tui.screens.dialogs import SplitPayment

        parts = await self.app.push_screen_wait(SplitPayment(self.ctx, self.total))
        if parts:
            self.finish(parts)

    @work
    async def action_discount(self) -> None:
        from bazar_pos.tui.screens.dialogs import AskText

        text = await self.app.push_screen_wait(
            AskText(
                tr("Diskon untuk seluruh belanja (Rp)", "Discount on the whole sale (Rp)"),
                str(self.sale_discount or ""),
            )
        )
        if text is None:
            return
        try:
            amount = money.parse(text or "0")
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return
        self._set_cart(list(self.cart), amount)

    def finish(self, payments: list[PaymentPart]) -> Sale | None:
        """Record the sale; the cart empties and the search box is ready for the next customer."""
        try:
            sale = sales.checkout(
                self.ctx.ledger,
                sales.Cart(list(self.cart), self.sale_discount),
                payments,
                now=self.ctx.now(),
            )
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return None
        self._set_cart([], 0)
        self.index = catalog.ProductIndex.load(self.ctx.ledger)
        search = self.query_one("#search", SearchBox)
        search.value = ""
        self._filter("")
        search.focus()
        change = f"  {tr('Kembali', 'Change')} {money.fmt(sale.change)}" if sale.change else ""
        self.query_one("#last-sale", Static).update(
            f"{sale.sale_no}  {money.fmt(sale.total)} ({sale.payment_label}){change}"
        )
        self.notify(f"{tr('Tersimpan', 'Saved')} {sale.sale_no}{change}", timeout=6)
        self.post_message(SaleCompleted(sale))
        return sale
