"""QRIS sales checked against the money that really arrived.

Nobody confirms a QRIS payment automatically: the vendor looks at the customer's phone, and a
faked payment screenshot is a known trick. The merchant's statement is the proof, so each QRIS
sale of the day is paired with one credit of the same amount: first by the sale number (the bill
number the dynamic QRIS carried, where the statement shows it), then by the nearest time within a
window. The result is a journal entry; a sale with no credit is flagged, never changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bazar_pos.booth import days, profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.statement import Credit, Statement

DEFAULT_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class QrisSale:
    sale_no: str
    at: datetime  # aware, when the sale was recorded
    amount: int  # the QRIS part of the payment


@dataclass(frozen=True)
class Match:
    sale: QrisSale
    credit: Credit
    by: str  # "bill" (the sale number on the statement) or "time" (amount within the window)


@dataclass(frozen=True)
class Reconciliation:
    day: str
    matched: tuple[Match, ...]
    missing: tuple[QrisSale, ...]  # QRIS sales with no credit: flagged
    extra: tuple[Credit, ...]  # credits with no sale
    duplicates: int
    other_days: int
    statement: str
    sha256: str
    window_minutes: int

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra

    def to_json(self) -> dict[str, Any]:
        """The journal payload and the `--json` output: money as integer rupiah."""
        return {
            "day": self.day,
            "statement": self.statement,
            "sha256": self.sha256,
            "window_minutes": self.window_minutes,
            "matched": [
                {
                    "sale_no": m.sale.sale_no,
                    "amount": m.sale.amount,
                    "by": m.by,
                    "credit": m.credit.to_json(),
                }
                for m in self.matched
            ],
            "missing": [_sale_json(s) for s in self.missing],
            "extra": [c.to_json() for c in self.extra],
            "duplicates": self.duplicates,
            "other_days": self.other_days,
            "totals": {
                "qris_sales": sum(m.sale.amount for m in self.matched)
                + sum(s.amount for s in self.missing),
                "matched": sum(m.sale.amount for m in self.matched),
                "missing": sum(s.amount for s in self.missing),
                "extra": sum(c.amount for c in self.extra),
            },
        }


def _sale_json(s: QrisSale) -> dict[str, Any]:
    return {"sale_no": s.sale_no, "amount": s.amount, "time": s.at.strftime("%H:%M:%S")}


def qris_sales(ledger: Ledger, day: str) -> list[QrisSale]:
    """The day's sales paid (partly) by QRIS and not voided, with their QRIS amount."""
    tz = profile.load(ledger).tz
    rows = ledger.query(
        "SELECT s.sale_no, s.at, SUM(p.amount) AS amount FROM sales s"
        " JOIN payments p ON p.sale_no = s.sale_no AND p.method = 'qris'"
        " WHERE s.day = ? AND s.status != 'voided' GROUP BY s.sale_no ORDER BY s.day_no",
        (day,),
    )
    return [
        QrisSale(r["sale_no"], days.parse_stamp(r["at"]).astimezone(tz), r["amount"]) for r in rows
    ]


def _carries(credit: Credit, sale_no: str) -> bool:
    """Whether the credit names the sale: its bill number, with or without dashes."""
    text = f"{credit.reference} {credit.description}".upper().replace("-", "")
    return sales.bill_number(sale_no).replace("-", "") in text


def match(
    sales: list[QrisSale], credits: list[Credit], window: timedelta
) -> tuple[list[Match], list[QrisSale], list[Credit]]:
    """Pair sales with credits of the same amount: bill number first, then by time.

    Each sale and each credit is used at most once. Pairs by time start nearest first, then
    any sale left over takes a credit from another sale that can move to a different one
    (an augmenting path), so no sale is flagged while a way to pair all of them exists.
    """
    by_bill: dict[int, int] = {}  # sale -> credit
    for i, s in enumerate(sales):
        j = next(
            (
                j
                for j, c in enumerate(credits)
                if j not in by_bill.values() and c.amount == s.amount and _carries(c, s.sale_no)
            ),
            None,
        )
        if j is not None:
            by_bill[i] = j
    near: dict[int, list[tuple[float, int]]] = {}  # sale -> (seconds, credit) in the window
    for i, s in enumerate(sales):
        if i in by_bill:
            continue
        options = [
            (_distance(c, s, window), j)
            for j, c in enumerate(credits)
            if j not in by_bill.values() and c.amount == s.amount
        ]
        near[i] = sorted(o for o in options if o[0] <= window.total_seconds())
    owner = _pair_by_time(near)  # credit -> sale
    pairs = {i: (j, "bill") for i, j in by_bill.items()} | {
        i: (j, "time") for j, i in owner.items()
    }
    matched = [Match(sales[i], credits[j], by) for i, (j, by) in sorted(pairs.items())]
    used = {j for j, _ in pairs.values()}
    missing = [s for i, s in enumerate(sales) if i not in pairs]
    extra = [c for j, c in enumerate(credits) if j not in used]
    return matched, missing, extra


def _distance(c: Credit, s: QrisSale, window: timedelta) -> float:
    """Seconds between a credit and a sale; a credit with only a date counts as the window."""
    return window.total_seconds() if c.at is None else abs((c.at - s.at).total_seconds())


def _pair_by_time(near: dict[int, list[tuple[float, int]]]) -> dict[int, int]:
    """A maximum matching (Kuhn's augmenting paths), seeded with the nearest-pairs-first one."""
    owner: dict[int, int] = {}  # credit -> sale
    for _, i, j in sorted((d, i, j) for i, options in near.items() for d, j in options):
        if j not in owner and i not in owner.values():
            owner[j] = i

    def augment(i: int, seen: set[int]) -> bool:
        for _, j in near[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in near:
        if i not in owner.values():
            augment(i, set())
    return owner


def reconcile(
    ledger: Ledger,
    statement: Statement,
    day: str,
    *,
    window: timedelta = DEFAULT_WINDOW,
    now: datetime,
) -> Reconciliation:
    """Check the day's QRIS sales against the statement and record the result in the journal.

    Allowed on a closed day too: the statement often comes after the close, and the check
    changes no sale and no figure of the day.
    """
    credits = [c for c in statement.credits if c.day == day]
    matched, missing, extra = match(qris_sales(ledger, day), credits, window)
    result = Reconciliation(
        day=day,
        matched=tuple(matched),
        missing=tuple(missing),
        extra=tuple(extra),
        duplicates=statement.duplicates,
        other_days=len(statement.credits) - len(credits),
        statement=statement.name,
        sha256=statement.sha256,
        window_minutes=int(window.total_seconds() // 60),
    )
    ledger.append("qris_reconcile", result.to_json(), now=now)
    return result


def latest(ledger: Ledger, day: str) -> dict[str, Any] | None:
    """The last recorded check of a day (for Tutup hari and the Z report), or None."""
    row = ledger.one(
        "SELECT result FROM qris_checks WHERE day = ? ORDER BY seq DESC LIMIT 1", (day,)
    )
    return json.loads(row["result"]) if row else None


def flagged(ledger: Ledger, day: str) -> list[str]:
    """Sale numbers whose QRIS credit the last check of the day did not find."""
    last = latest(ledger, day)
    return [m["sale_no"] for m in last["missing"]] if last else []
