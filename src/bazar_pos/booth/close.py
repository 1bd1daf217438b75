"""Closing a business day: count the cash, see the difference, lock the day, sign the totals.

A close is a journal entry carrying the whole summary, so the Z report and the bundle sent to the
organizer are exactly what the vendor saw. Reopening is an entry too; the next close of that day
gets the next revision, and the hub keeps the highest.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bazar_pos import money
from bazar_pos.booth import days, profile, profit, validate
from bazar_pos.booth.ledger import Ledger, ensure_sound
from bazar_pos.booth.projections import PEOPLE_KEYS
from bazar_pos.booth.totals import day_totals
from bazar_pos.errors import InvalidInput

DENOMINATIONS = (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100)


def parse_denominations(text: str) -> dict[int, int]:
    """`100000x3, 50.000x2, 500x4` -> {100000: 3, 50000: 2, 500: 4}."""
    counts: dict[int, int] = {}
    for part in filter(None, (p.strip() for p in re.split(r"[,;\s]+", text))):
        value, sep, n = part.lower().rpartition("x")
        if not sep:
            raise _bad_denominations(part)
        try:
            face = money.parse(value)
        except InvalidInput as exc:
            raise _bad_denominations(part) from exc
        if face not in DENOMINATIONS:
            raise _bad_denominations(part)
        counts[face] = counts.get(face, 0) + validate.qty(n, allow_zero=True)
    return counts


def _bad_denominations(part: str) -> InvalidInput:
    return InvalidInput("bad_denominations", part=part)


@dataclass(frozen=True)
class StockLine:
    """One product through the business day, every figure from its stock moves.

    `opening + restocked + adjusted - sold + returned = expected_closing`; `variance` is what
    was counted at the close against that.
    """

    sku: str
    name: str
    category: str
    opening: int  # stock at the start of the business day
    restocked: int  # stock in (a product's first stock counts as opening on the day it came)
    adjusted: int  # signed: adjustments with a reason and counts during the day
    sold: int
    returned: int  # back from voids and refunds
    expected_closing: int
    counted: int | None = None

    @property
    def variance(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected_closing


_MOVE_FIGURE = {
    "stock_in": "restocked",
    "stock_adjust": "adjusted",
    "stock_count": "adjusted",
    "sale": "sold",
    "void": "returned",
    "refund": "returned",
}
_FIGURES = ("opening", "restocked", "adjusted", "sold", "returned")


@dataclass
class DaySummary:
    day: str
    revision: int
    totals: dict[str, Any]
    cash: dict[str, Any]
    products: list[dict[str, Any]]
    hours: list[dict[str, int]]
    stock: list[dict[str, Any]]
    head_seq: int
    head_hash: str
    first_seq: int
    closed_at: str = ""
    profit: dict[str, Any] = field(default_factory=dict)  # the vendor's own; never in the bundle

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def expected_cash(ledger: Ledger, day: str) -> dict[str, int]:
    """Opening float + cash sales - cash refunds + cash in - cash out (float counted once)."""
    t = day_totals(ledger, day)
    rows = dict(
        ledger.conn.execute(
            "SELECT kind, COALESCE(SUM(amount), 0) FROM cash_moves WHERE day = ? GROUP BY kind",
            (day,),
        ).fetchall()
    )
    float_row = ledger.conn.execute(
        "SELECT COALESCE(SUM(json_extract(payload, '$.amount')), 0) FROM entries"
        " WHERE kind = 'cash_in' AND json_extract(payload, '$.day') = ?"
        " AND json_extract(payload, '$.float')",
        (day,),
    ).fetchone()
    opening = int(float_row[0])
    cash_in = int(rows.get("cash_in", 0)) - opening
    cash_out = int(rows.get("cash_out", 0))
    sales_cash = t.by_payment.get("cash", 0)
    return {
        "opening": opening,
        "sales": sales_cash,
        "cash_in": cash_in,
        "cash_out": cash_out,
        "expected": opening + sales_cash + cash_in - cash_out,
    }


def summarize(
    ledger: Ledger,
    day: str,
    *,
    counted: int | None = None,
    denominations: dict[int, int] | None = None,
    stock_counts: dict[str, int] | None = None,
) -> DaySummary:
    """Everything the close records and the Z report prints, computed from the projections."""
    prof = profile.load(ledger)
    t = day_totals(ledger, day)
    cash: dict[str, Any] = dict(expected_cash(ledger, day))
    if denominations:
        from_notes = sum(face * n for face, n in denominations.items())
        if counted is not None and counted != from_notes:
            raise InvalidInput(
                "cash_mismatch", counted=money.fmt(counted), from_notes=money.fmt(from_notes)
            )
        counted = from_notes
    if counted is None:
        counted = cash["expected"]
    if counted < 0:
        raise InvalidInput("money_negative")
    cash |= {
        "counted": counted,
        "difference": counted - cash["expected"],
        "denominations": {
            str(k): v for k, v in sorted((denominations or {}).items(), reverse=True)
        },
    }
    stock = stock_through_day(ledger, day, stock_counts)
    row = ledger.one("SELECT revision, state FROM days WHERE day = ?", (day,))
    revision = (row["revision"] + 1) if row else 1
    head_seq, head_hash = ledger.head()
    first = ledger.one("SELECT MIN(seq) AS s FROM sales WHERE day = ?", (day,))
    return DaySummary(
        day=day,
        revision=revision,
        totals=t.to_json(),
        cash=cash,
        products=_products(ledger, day),
        hours=_hours(ledger, day, prof.tz),
        stock=stock,
        head_seq=head_seq,
        head_hash=head_hash,
        first_seq=int(first["s"] or head_seq) if first else head_seq,
        profit=profit.day_profit(ledger, day).to_json(),
    )


def _products(ledger: Ledger, day: str) -> list[dict[str, Any]]:
    """Per product, net of voids (same day) and refunds (on the day they happen): sums to net."""
    rows: dict[str, dict[str, Any]] = {}
    for r in ledger.query(
        "SELECT l.sku, l.name, COALESCE(p.category, '') AS category, SUM(l.qty) AS qty,"
        " SUM(l.net) AS amount FROM sale_lines l JOIN sales s USING (sale_no)"
        " LEFT JOIN products p ON p.sku = l.sku"
        " WHERE s.day = ? AND s.status != 'voided' GROUP BY l.sku",
        (day,),
    ):
        rows[r["sku"]] = r
    for e in ledger.query(
        "SELECT e.payload FROM entries e WHERE e.kind = 'refund'"
        " AND json_extract(e.payload, '$.day') = ?",
        (day,),
    ):
        payload = json.loads(e["payload"])
        for ln in payload["lines"]:
            r = rows.setdefault(
                ln["sku"],
                {"sku": ln["sku"], "name": ln["sku"], "category": "", "qty": 0, "amount": 0},
            )
            r["qty"] -= ln["qty"]
            r["amount"] -= ln["amount"]
    stock = {r["sku"]: r["stock"] for r in ledger.query("SELECT sku, stock FROM products")}
    return [
        {**r, "closing_stock": stock.get(r["sku"], 0)}
        for r in sorted(rows.values(), key=lambda x: x["sku"])
    ]


def _hours(ledger: Ledger, day: str, tz: ZoneInfo) -> list[dict[str, int]]:
    """Sales per local hour; a refund counts in the hour it was given, so the hours sum to net."""
    hours: dict[int, dict[str, int]] = {}
    for r in ledger.query(
        "SELECT at, total FROM sales WHERE day = ? AND status != 'voided'", (day,)
    ):
        h = hours.setdefault(days.local_hour(r["at"], tz), {"sales_count": 0, "net": 0})
        h["sales_count"] += 1
        h["net"] += r["total"]
    for r in ledger.query(
        "SELECT e.at, f.amount FROM refunds f JOIN entries e USING (seq) WHERE f.day = ?", (day,)
    ):
        hours.setdefault(days.local_hour(r["at"], tz), {"sales_count": 0, "net": 0})["net"] -= r[
            "amount"
        ]
    return [{"hour": h, **v} for h, v in sorted(hours.items())]


def stock_through_day(
    ledger: Ledger, day: str, counts: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    """Per product: opening, + restocked, +/- adjusted, - sold, + returned = expected closing.

    A move belongs to the business day of its entry (a sale to its own day), so a close made the
    morning after still shows that day, not the stock of the moment.
    """
    tz = profile.load(ledger).tz
    figures: dict[str, dict[str, int]] = {}
    for sku, delta, kind, at, sale_day in ledger.conn.execute(
        "SELECT m.sku, m.delta, m.kind, e.at, s.day FROM stock_moves m JOIN entries e USING (seq)"
        " LEFT JOIN sales s ON m.kind = 'sale' AND s.sale_no = m.ref"
    ):
        f = figures.setdefault(sku, dict.fromkeys(_FIGURES, 0))
        when = sale_day or days.parse_stamp(at).astimezone(tz).date().isoformat()
        if when < day or (kind == "opening" and when == day):
            f["opening"] += delta  # a product's first stock is what the booth opened with
        elif when == day:
            f[_MOVE_FIGURE[kind]] += -delta if kind == "sale" else delta
    out = []
    for p in ledger.query("SELECT sku, name, category, active FROM products ORDER BY sku"):
        f = figures.get(p["sku"], dict.fromkeys(_FIGURES, 0))
        if not p["active"] and not any(f.values()):
            continue
        expected = f["opening"] + f["restocked"] + f["adjusted"] - f["sold"] + f["returned"]
        line = StockLine(
            p["sku"],
            p["name"],
            p["category"],
            f["opening"],
            f["restocked"],
            f["adjusted"],
            f["sold"],
            f["returned"],
            expected,
            (counts or {}).get(p["sku"]),
        )
        out.append({**asdict(line), "variance": line.variance})
    return out


def close_day(
    ledger: Ledger,
    day: str,
    *,
    counted: int | None = None,
    denominations: dict[int, int] | None = None,
    stock_counts: dict[str, int] | None = None,
    now: datetime,
) -> DaySummary:
    """Lock the day and record its summary; refusing a day that is already closed."""
    ensure_sound(ledger, full=True)  # the close is where the whole journal is checked
    day = days.parse_day(day)
    if day > days.business_day(now, profile.load(ledger).tz):
        # a mistyped date would lock a day still to come and report it to the hub as empty
        raise InvalidInput("day_not_yet", day=day)
    for sku, n in (stock_counts or {}).items():
        validate.qty(n, allow_zero=True)
        validate.sku(sku)
    with ledger.writing(now) as w:
        if days.is_closed(ledger, day):
            raise InvalidInput("already_closed", day=day)
        summary = summarize(
            ledger, day, counted=counted, denominations=denominations, stock_counts=stock_counts
        )
        payload = summary.to_json()
        payload.pop("closed_at")
        w.conn.execute("DELETE FROM sale_holds WHERE day = ?", (day,))  # their sales cannot be
        entry = w.append("day_close", payload)
        summary.closed_at = entry.at
        summary.head_seq, summary.head_hash = entry.seq - 1, entry.prev_hash
    return summary


def load_summary(ledger: Ledger, day: str) -> DaySummary:
    row = ledger.one("SELECT state, summary, close_seq FROM days WHERE day = ?", (day,))
    if not row or row["state"] != "closed":
        raise InvalidInput("not_closed", day=day)
    data = {k: v for k, v in json.loads(row["summary"]).items() if k not in PEOPLE_KEYS}
    at = ledger.one("SELECT at FROM entries WHERE seq = ?", (row["close_seq"],))
    return DaySummary(**data, closed_at=at["at"] if at else "")


def reopen(ledger: Ledger, day: str, *, reason: str, now: datetime) -> int:
    """Unlock a closed day; its next close gets the next revision."""
    day = days.parse_day(day)
    why = validate.reason(reason)
    with ledger.writing(now) as w:
        row = ledger.one("SELECT state, revision FROM days WHERE day = ?", (day,))
        if not row or row["state"] != "closed":
            raise InvalidInput("not_closed:day_is_not_closed", day=day)
        w.append("day_reopen", {"day": day, "reason": why, "revision": row["revision"]})
    return int(row["revision"]) + 1
