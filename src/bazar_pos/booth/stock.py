"""Stock movements: restock, adjustment with a reason, and the count (stock opname).

Stock is never edited in place: each change is a movement entry, so opening + movements = stock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bazar_pos.booth import catalog, validate
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import Product


def restock(ledger: Ledger, sku: str, qty: int | str, *, note: str = "", now: datetime) -> Product:
    product = catalog.get(ledger, sku)
    n = validate.qty(qty)
    ledger.append(
        "stock_in", {"sku": product.sku, "delta": n, "reason": note.strip() or None}, now=now
    )
    return catalog.get(ledger, product.sku)


def adjust(ledger: Ledger, sku: str, delta: int | str, *, reason: str, now: datetime) -> Product:
    """Breakage, samples, spoilage: a signed change that always says why."""
    product = catalog.get(ledger, sku)
    d = validate.qty(delta, allow_negative=True)
    why = validate.reason(reason)
    ledger.append("stock_adjust", {"sku": product.sku, "delta": d, "reason": why}, now=now)
    return catalog.get(ledger, product.sku)


@dataclass(frozen=True)
class CountResult:
    product: Product
    expected: int
    counted: int

    @property
    def variance(self) -> int:
        return self.counted - self.expected


def count(
    ledger: Ledger, sku: str, counted: int | str, *, reason: str = "", now: datetime
) -> CountResult:
    """Stock opname: the counted figure becomes the stock, and the variance is on record."""
    n = validate.qty(counted, allow_zero=True)
    with ledger.writing(now) as w:
        row = w.conn.execute(
            "SELECT sku, stock FROM products WHERE sku = ?", (sku.strip().upper(),)
        ).fetchone()
        if row is None:
            raise catalog.unknown_product(sku)
        expected = row[1]
        w.append(
            "stock_count",
            {
                "sku": row[0],
                "expected": expected,
                "counted": n,
                "delta": n - expected,
                "reason": reason.strip() or None,
            },
        )
    return CountResult(catalog.get(ledger, row[0]), expected, n)
