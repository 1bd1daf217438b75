"""A business day's figures, computed from the projections in integer rupiah.

The identities the day close, the bundle and the hub rely on:
`net = gross - discounts - voids - refunds` and `sum(by_payment) = net`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import PAYMENT_METHODS


@dataclass(frozen=True)
class DayTotals:
    day: str
    sales_count: int  # sales not voided
    voided_count: int
    gross: int  # qty * unit price over every sale of the day, voided ones included
    discounts: int
    voids: int  # totals of the day's voided sales
    refunds: int  # money given back on this day
    net: int
    by_payment: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def day_totals(ledger: Ledger, day: str) -> DayTotals:
    row = ledger.conn.execute(
        "SELECT COUNT(*) FILTER (WHERE status != 'voided'),"
        " COUNT(*) FILTER (WHERE status = 'voided'),"
        " COALESCE(SUM(subtotal), 0), COALESCE(SUM(line_discounts + discount), 0),"
        " COALESCE(SUM(total) FILTER (WHERE status = 'voided'), 0)"
        " FROM sales WHERE day = ?",
        (day,),
    ).fetchone()
    count, voided_count, gross, discounts, voids = row
    by_payment = dict.fromkeys(PAYMENT_METHODS, 0)
    for method, amount in ledger.conn.execute(
        "SELECT p.method, SUM(p.amount) FROM payments p JOIN sales s USING (sale_no)"
        " WHERE s.day = ? AND s.status != 'voided' GROUP BY p.method",
        (day,),
    ):
        by_payment[method] = by_payment.get(method, 0) + amount
    refunds = 0
    for method, amount in ledger.conn.execute(
        "SELECT method, SUM(amount) FROM refunds WHERE day = ? GROUP BY method", (day,)
    ):
        by_payment[method] = by_payment.get(method, 0) - amount
        refunds += amount
    net = gross - discounts - voids - refunds
    return DayTotals(day, count, voided_count, gross, discounts, voids, refunds, net, by_payment)


FIGURES = ("sales_count", "gross", "discounts", "voids", "refunds", "net", "by_payment")


def day_figures(totals: DayTotals | dict[str, Any]) -> dict[str, Any]:
    """The keys every report of a day prints (`close --json`, `sales --json` totals)."""
    data = totals.to_json() if isinstance(totals, DayTotals) else totals
    return {k: data[k] for k in FIGURES}
