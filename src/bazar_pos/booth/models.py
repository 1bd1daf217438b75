"""Plain values the booth services return; screens, the CLI and documents read them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bazar_pos import i18n
from bazar_pos.sync.bundle import PaymentMethod

PAYMENT_METHODS = tuple(m.value for m in PaymentMethod)


class SaleStatus(StrEnum):
    """Where a sale stands: paid, voided (batal) or partly or wholly refunded (retur)."""

    COMPLETED = "completed"
    VOIDED = "voided"
    REFUNDED = "refunded"


class StockMark(StrEnum):
    """What the stock of a product says to the vendor (kasir, stok, `products`)."""

    INACTIVE = "inactive"
    SOLD_OUT = "sold_out"
    LOW = "low"


class Paper(StrEnum):
    """The receipt paper: a 58 or 80 mm roll, or an A6 sheet."""

    MM58 = "58"
    MM80 = "80"
    A6 = "a6"


def label(term: PaymentMethod | SaleStatus | StockMark, lang: str | None = None) -> str:
    """The word for a product term in `lang` (docs/glossary.md): `payment.cash` is Tunai/Cash."""
    kind = {PaymentMethod: "payment", SaleStatus: "status", StockMark: "stock"}[type(term)]
    return i18n.text(lang or i18n.current(), f"{kind}.{term.value}")


def payment_words(methods: str, lang: str | None = None) -> str:
    """How a sale was paid, worded: the wire `cash+qris` reads `Tunai+QRIS`."""
    return "+".join(
        label(PaymentMethod(m), lang) if m in PAYMENT_METHODS else m
        for m in methods.split("+")
        if m
    )


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: int
    category: str
    stock: int
    active: bool = True
    allow_negative: bool = False
    low_threshold: int = 5
    cost: int | None = None  # the vendor's cost price (modal); stays on the booth

    @property
    def loss(self) -> bool:
        """Sold below cost: allowed (a promotion), but warned and shown as a loss."""
        return self.cost is not None and self.cost > self.price

    @property
    def low(self) -> bool:
        return self.stock <= self.low_threshold

    @property
    def sold_out(self) -> bool:
        return self.stock <= 0

    @property
    def mark(self) -> StockMark | None:
        """Inactive, sold out, low, or nothing to say."""
        if not self.active:
            return StockMark.INACTIVE
        if self.sold_out:
            return StockMark.SOLD_OUT
        return StockMark.LOW if self.low else None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Product:
        return cls(
            sku=r["sku"],
            name=r["name"],
            price=r["price"],
            category=r["category"],
            stock=r["stock"],
            active=bool(r["active"]),
            allow_negative=bool(r["allow_negative"]),
            low_threshold=r["low_threshold"],
            cost=r.get("cost"),
        )


@dataclass(frozen=True)
class CartLine:
    sku: str
    qty: int = 1
    discount: int = 0  # rupiah off this line


@dataclass(frozen=True)
class PaymentPart:
    method: str
    amount: int | None = None  # None: whatever the other parts leave of the total
    tendered: int | None = None  # cash only: what the customer handed over
    reference: str | None = None  # transfer/other reference; QRIS payload is set by the service


@dataclass(frozen=True)
class SaleLine:
    line_no: int
    sku: str
    name: str
    qty: int
    unit_price: int
    discount: int
    amount: int  # qty * unit_price - discount
    net: int  # amount less this line's share of the sale discount; lines' nets add up to total
    refunded_qty: int = 0
    refunded_amount: int = 0


@dataclass(frozen=True)
class Payment:
    method: str
    amount: int
    tendered: int | None = None
    change: int = 0
    reference: str | None = None


@dataclass(frozen=True)
class Sale:
    sale_no: str
    day: str
    at: str  # UTC ISO stamp of the journal entry
    lines: tuple[SaleLine, ...]
    subtotal: int  # sum of qty * unit_price
    line_discounts: int
    discount: int  # sale-level discount
    total: int
    paid: int
    change: int
    payments: tuple[Payment, ...]
    status: str = "completed"  # completed | voided | refunded
    refunded: int = 0
    void_reason: str | None = None
    qris: str | None = None
    hash: str = ""
    seq: int = 0

    @property
    def payment_methods(self) -> str:
        """The wire spelling, `cash+qris`: JSON and bundles; `payment_words` is for people."""
        return "+".join(p.method for p in self.payments)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sale_no": self.sale_no,
            "date": self.day,
            "at": self.at,
            "status": self.status,
            "subtotal": self.subtotal,
            "discount": self.line_discounts + self.discount,
            "total": self.total,
            "paid": self.paid,
            "change": self.change,
            "refunded": self.refunded,
            "payment": self.payment_methods,
            "payments": [
                {"method": p.method, "amount": p.amount, "tendered": p.tendered, "change": p.change}
                for p in self.payments
            ],
            "lines": [
                {
                    "sku": ln.sku,
                    "name": ln.name,
                    "qty": ln.qty,
                    "unit_price": ln.unit_price,
                    "discount": ln.discount,
                    "amount": ln.amount,
                }
                for ln in self.lines
            ],
            "hash": self.hash,
        }
        if self.qris:
            out["qris"] = self.qris
        return out
