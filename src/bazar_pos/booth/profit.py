"""The vendor's gross profit: net takings less the cost of the goods that left the booth.

Each sale line carries the unit cost the product had when it was sold, so a cost changed mid-day
never rewrites an earlier sale. Voided sales count nothing; a refund takes back its money on the
day it is given, and its goods' cost too when they go back on the shelf (restocked). A product
sold without a cost counts a cost of zero and is named in `uncosted`, so a vendor sees why a
profit looks too good. None of this leaves the booth: not in the bundle, not on a receipt.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from bazar_pos.booth import days
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import InvalidInput


@dataclass
class ProductProfit:
    sku: str
    name: str
    qty: int = 0
    net: int = 0
    cost: int = 0

    @property
    def profit(self) -> int:
        return self.net - self.cost

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "profit": self.profit}


@dataclass
class Profit:
    net: int = 0
    cost: int = 0
    products: list[ProductProfit] = field(default_factory=list)
    uncosted: list[str] = field(default_factory=list)  # SKUs sold with no cost price

    @property
    def profit(self) -> int:
        return self.net - self.cost

    def to_json(self) -> dict[str, Any]:
        return {
            "net": self.net,
            "cost": self.cost,
            "profit": self.profit,
            "products": [p.to_json() for p in self.products],
            "uncosted": self.uncosted,
        }


def _refund_lines(ledger: Ledger, where: str, args: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Refunded lines with the unit cost their sale line was sold at."""
    out = []
    for (payload,) in ledger.conn.execute(
        f"SELECT payload FROM entries WHERE kind = 'refund' AND {where}", args
    ):
        p = json.loads(payload)
        for ln in p["lines"]:
            row = ledger.conn.execute(
                "SELECT name, unit_cost FROM sale_lines WHERE sale_no = ? AND line_no = ?",
                (p["sale_no"], ln["line_no"]),
            ).fetchone()
            out.append({**ln, "sale_no": p["sale_no"], "name": row[0], "unit_cost": row[1]})
    return out


def day_profit(ledger: Ledger, day: str) -> Profit:
    """Per product and for the day; `net` here equals the day's net in `booth.totals`."""
    rows: dict[str, ProductProfit] = {}
    uncosted: set[str] = set()
    for sku, name, qty, net, cost, missing in ledger.conn.execute(
        "SELECT l.sku, MIN(l.name), SUM(l.qty), SUM(l.net), SUM(l.qty * COALESCE(l.unit_cost, 0)),"
        " SUM(l.unit_cost IS NULL) FROM sale_lines l JOIN sales s USING (sale_no)"
        " WHERE s.day = ? AND s.status != 'voided' GROUP BY l.sku",
        (day,),
    ):
        rows[sku] = ProductProfit(sku, name, qty, net, cost)
        if missing:
            uncosted.add(sku)
    for ln in _refund_lines(ledger, "json_extract(payload, '$.day') = ?", (day,)):
        r = rows.setdefault(ln["sku"], ProductProfit(ln["sku"], ln["name"]))
        r.qty -= ln["qty"]
        r.net -= ln["amount"]
        if ln.get("restock", True):
            r.cost -= ln["qty"] * (ln["unit_cost"] or 0)
    products = sorted(rows.values(), key=lambda p: p.sku)
    return Profit(
        net=sum(p.net for p in products),
        cost=sum(p.cost for p in products),
        products=products,
        uncosted=sorted(uncosted),
    )


def sale_profits(ledger: Ledger, day: str) -> list[dict[str, Any]]:
    """Per sale of the day (voided ones left out): what it kept after refunds, less its goods."""
    out: dict[str, dict[str, Any]] = {}
    for sale_no, total, refunded, cost in ledger.conn.execute(
        "SELECT s.sale_no, s.total, s.refunded, SUM(l.qty * COALESCE(l.unit_cost, 0))"
        " FROM sales s JOIN sale_lines l USING (sale_no)"
        " WHERE s.day = ? AND s.status != 'voided' GROUP BY s.sale_no ORDER BY s.seq",
        (day,),
    ):
        out[sale_no] = {"sale_no": sale_no, "net": total - refunded, "cost": cost}
    if out:
        marks = ",".join("?" * len(out))
        for ln in _refund_lines(
            ledger, f"json_extract(payload, '$.sale_no') IN ({marks})", (*out,)
        ):
            if ln.get("restock", True):
                out[ln["sale_no"]]["cost"] -= ln["qty"] * (ln["unit_cost"] or 0)
    return [{**s, "profit": s["net"] - s["cost"]} for s in out.values()]


def _span(start: str, end: str) -> list[str]:
    first, last = date.fromisoformat(days.parse_day(start)), date.fromisoformat(days.parse_day(end))
    if last < first:
        raise InvalidInput("bad_range:end_before_start", start=start, end=end)
    if (last - first).days > 366:
        raise InvalidInput("bad_range:too_long")
    return [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]


TOP = 5


def event_summary(ledger: Ledger, start: str, end: str) -> dict[str, Any]:
    """The vendor's whole event: profit per day, best sellers by profit and by quantity, stock."""
    per_day = []
    overall: dict[str, ProductProfit] = {}
    uncosted: set[str] = set()
    for day in _span(start, end):
        p = day_profit(ledger, day)
        if not p.products:
            continue
        per_day.append({"date": day, "net": p.net, "cost": p.cost, "profit": p.profit})
        uncosted.update(p.uncosted)
        for row in p.products:
            acc = overall.setdefault(row.sku, ProductProfit(row.sku, row.name))
            acc.qty += row.qty
            acc.net += row.net
            acc.cost += row.cost
    products = list(overall.values())
    net, cost = sum(p.net for p in products), sum(p.cost for p in products)
    stock = [
        {"sku": sku, "name": name, "stock": qty}
        for sku, name, qty in ledger.conn.execute(
            "SELECT sku, name, stock FROM products WHERE active = 1 ORDER BY sku"
        )
    ]
    return {
        "from": days.parse_day(start),
        "to": days.parse_day(end),
        "net": net,
        "cost": cost,
        "profit": net - cost,
        "days": per_day,
        "by_profit": [
            p.to_json() for p in sorted(products, key=lambda p: (-p.profit, p.sku))[:TOP]
        ],
        "by_qty": [p.to_json() for p in sorted(products, key=lambda p: (-p.qty, p.sku))[:TOP]],
        "uncosted": sorted(uncosted),
        "stock": stock,
    }
