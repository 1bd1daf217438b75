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

from bazar_pos.booth import days, profile
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
    text = f"{credit.reference} {credit.description}".upper()
    return sale_no in text or sale_no.replace("-", "") in text.replace("-", "")


def match(
    sales: list[QrisSale], credits: list[Credit], window: timedelta
) -> tuple[list[Match], list[QrisSale], list[Credit]]:
    """Pair sales with credits of the same amount: bill number first, then the nearest time.

    Each sale and each credit is used at most once; a credit with only a date pairs last.
    """
    pairs: list[tuple[int, float, int, int]] = []
    for i, s in enumerate(sales):
        for j, c in enumerate(credits):
            if c.amount != s.amount:
                continue
            if _carries(c, s.sale_no):
                pairs.append((0, 0.0, i, j))
            elif c.at is None:
                pairs.append((1, window.total_seconds(), i, j))
            elif abs(c.at - s.at) <= window:
                pairs.append((1, abs((c.at - s.at).total_seconds()), i, j))
    used_s: set[int] = set()
    used_c: set[int] = set()
    matched: list[Match] = []
    for rank, _, i, j in sorted(pairs):
        if i in used_s or j in used_c:
            continue
        used_s.add(i)
        used_c.add(j)
        matched.append(Match(sales[i], credits[j], "bill" if rank == 0 else "time"))
    matched.sort(key=lambda m: sales.index(m.sale))
    missing = [s for i, s in enumerate(sales) if i not in used_s]
    extra = [c for j, c in enumerate(credits) if j not in used_c]
    return matched, missing, extra


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
