"""The cart being rung up, and its price: the one place a discount becomes rupiah.

The CLI, the TUI and the benchmark all build a `Cart` and ask `price` (through `sales.quote`) what it costs, so every
screen, command and receipt shows the same figures. The rules, decided here once:

- A line discount is rupiah off that line, at most the line's amount.
- The sale discount is rupiah (`5000`, `5.000`) or a percent (`10%`, `12.5%`, at most two
  decimals). A percent applies to the subtotal *after* line discounts and is **rounded down** to
  whole rupiah (`floor(base * percent / 100)`): the customer never gets more off than the stated
  percent, and the rupiah is rounded exactly once.
- A discount over 100% or over what is left to pay is refused with a message, never capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bazar_pos import money
from bazar_pos.booth import catalog, validate
from bazar_pos.booth.models import CartLine
from bazar_pos.errors import InvalidInput

_PERCENT = re.compile(r"^([0-9]{1,3})(?:[.,]([0-9]{1,2}))?$")


@dataclass(frozen=True)
class Discount:
    """A sale discount as the vendor typed it: rupiah, or hundredths of a percent."""

    rupiah: int = 0
    basis: int | None = None  # 1250 means 12.5%; None: a rupiah discount

    @property
    def is_percent(self) -> bool:
        return self.basis is not None

    def amount(self, base: int) -> int:
        """Rupiah off `base`; a percent is rounded down, once."""
        if self.basis is None:
            return self.rupiah
        return base * self.basis // 10_000

    def label(self) -> str:
        """`10%`, `12.5%` or `Rp5.000`: what the vendor typed, for screens and receipts."""
        if self.basis is None:
            return money.fmt(self.rupiah)
        whole, frac = divmod(self.basis, 100)
        return f"{whole}%" if not frac else f"{whole}.{f'{frac:02d}'.rstrip('0')}%"

    def __bool__(self) -> bool:
        return bool(self.rupiah or self.basis)


NO_DISCOUNT = Discount()


def parse_discount(value: Discount | int | str | None) -> Discount:
    """`5000`, `Rp5.000`, `10%`, `12.5%` (or `12,5%`); empty means none."""
    if value is None or isinstance(value, Discount):
        return value or NO_DISCOUNT
    text = str(value).strip()
    if not text.endswith("%"):
        return Discount(rupiah=money.parse(text or "0"))
    m = _PERCENT.match(text[:-1].strip())
    if not m:
        raise InvalidInput("bad_discount", text=text)
    basis = int(m[1]) * 100 + int((m[2] or "0").ljust(2, "0"))
    if basis > 10_000:
        raise InvalidInput("bad_discount:a_discount_of_is_over", text=text)
    return Discount(basis=basis)


@dataclass
class Cart:
    """The sale being rung up: lines in the order they were added and one sale discount."""

    lines: list[CartLine] = field(default_factory=list)
    discount: Discount = NO_DISCOUNT

    def __post_init__(self) -> None:
        self.discount = parse_discount(self.discount)

    def add(self, sku: str, qty: int = 1) -> int:
        """Add pieces, merging with a line of the same product; returns the line's index."""
        for i, ln in enumerate(self.lines):
            if ln.sku == sku:
                self.lines[i] = CartLine(sku, ln.qty + qty, ln.discount)
                return i
        self.lines.append(CartLine(sku, qty))
        return len(self.lines) - 1

    def set_qty(self, index: int, qty: int) -> None:
        """A quantity of zero or less removes the line."""
        ln = self.lines[index]
        if qty <= 0:
            self.remove(index)
        else:
            self.lines[index] = CartLine(ln.sku, qty, ln.discount)

    def set_line(self, index: int, line: CartLine) -> None:
        if line.qty <= 0:
            self.remove(index)
        else:
            self.lines[index] = line

    def remove(self, index: int) -> None:
        del self.lines[index]
        if not self.lines:
            self.discount = NO_DISCOUNT

    def clear(self) -> None:
        self.lines.clear()
        self.discount = NO_DISCOUNT

    def copy(self) -> Cart:
        return Cart(list(self.lines), self.discount)


@dataclass(frozen=True)
class Quote:
    """Every figure a screen shows for a cart; the sale records exactly these."""

    lines: list[dict[str, Any]]
    subtotal: int  # sum of qty * unit price
    line_discounts: int
    discount: int  # the sale discount in rupiah
    discount_label: str  # `10%` or `Rp5.000`; empty when none
    total: int

    @property
    def items(self) -> int:
        return sum(ln["qty"] for ln in self.lines)

    @property
    def discounts(self) -> int:
        return self.line_discounts + self.discount


_PRODUCTS_SQL: dict[int, str] = {}


def _products_sql(n: int) -> str:
    """The same text for the same number of SKUs, so sqlite3's statement cache reuses it."""
    sql = _PRODUCTS_SQL.get(n)
    if sql is None:
        marks = ",".join("?" * n)
        sql = _PRODUCTS_SQL[n] = (
            "SELECT sku, name, price, stock, active, allow_negative, cost FROM products"
            f" WHERE sku IN ({marks})"
        )
    return sql


def price(conn: Any, cart: Cart) -> Quote:
    """Price the cart against the catalog: stock, lines, discounts, total; refuse what breaks a rule."""
    if not cart.lines:
        raise InvalidInput("empty_cart")
    skus = [validate.sku(ln.sku) for ln in cart.lines]
    unique = tuple(dict.fromkeys(skus))
    rows = {r[0]: r for r in conn.execute(_products_sql(len(unique)), unique)}
    wanted: dict[str, int] = {}
    lines = []
    for sku, ln in zip(skus, cart.lines, strict=True):
        row = rows.get(sku)
        if row is None:
            raise catalog.unknown_product(sku)
        _, name, unit_price, _, active, _, cost = row
        if not active:
            raise InvalidInput("inactive", sku=sku)
        qty = validate.qty(ln.qty)
        discount = money.parse(ln.discount)
        if discount > qty * unit_price:
            raise InvalidInput("bad_discount:the_discount_on_exceeds_the", sku=sku)
        wanted[sku] = wanted.get(sku, 0) + qty
        line = {
            "sku": sku,
            "name": name,
            "qty": qty,
            "unit_price": unit_price,
            "discount": discount,
            "amount": qty * unit_price - discount,
        }
        if cost is not None:
            line["unit_cost"] = cost  # the cost at the time of sale, for the day's profit
        lines.append(line)
    for sku, qty in wanted.items():
        _, name, _, stock, _, allow_negative, _ = rows[sku]
        if qty > stock and not allow_negative:
            raise InvalidInput("insufficient_stock", name=name, stock=stock, qty=qty)
    subtotal = sum(ln["qty"] * ln["unit_price"] for ln in lines)
    line_discounts = sum(ln["discount"] for ln in lines)
    base = subtotal - line_discounts
    sale_discount = cart.discount.amount(base)
    if sale_discount > base:
        raise InvalidInput("bad_discount:the_discount_exceeds_the_sale")
    if sale_discount:
        shares = money.allocate(sale_discount, [row["amount"] for row in lines])
        for row, share in zip(lines, shares, strict=True):
            row["net"] = row["amount"] - share
    else:
        for row in lines:
            row["net"] = row["amount"]
    label = cart.discount.label() if cart.discount else ""
    return Quote(lines, subtotal, line_discounts, sale_discount, label, base - sale_discount)
