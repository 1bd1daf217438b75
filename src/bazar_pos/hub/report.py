"""The event report's figures, from the latest accepted revision of every booth-day.

All sums are SQL over `booth_days` (filled at ingest), in integer rupiah, so every level
reconciles exactly: booths = location = event, days = event, payment methods = event. A booth-day
the organizer set aside (`hub reject`) is in no sum; it is listed in `set_aside` instead, with
`decided_by` the city hub whose decision it was (empty when decided at this hub).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

from bazar_pos.hub import registry
from bazar_pos.hub.status import _rows, conflicts, event_dates
from bazar_pos.sync.bundle import PAYMENT_KEYS

PAY = PAYMENT_KEYS


@dataclass
class Report:
    event: str
    dates: list[str]
    net: int
    sales_count: int
    gross: int
    discounts: int
    voids: int
    refunds: int
    by_day: list[dict[str, Any]]
    by_location: list[dict[str, Any]]
    by_location_day: list[dict[str, Any]]
    by_booth: list[dict[str, Any]]
    by_category: list[dict[str, Any]]
    by_pengampu: list[dict[str, Any]]
    by_payment: dict[str, int]
    top_products: list[dict[str, Any]]
    top_products_qty: list[dict[str, Any]]
    by_hour: list[dict[str, Any]]
    missing: list[dict[str, str]]
    conflicts: list[dict[str, Any]]
    bundles: int
    booth_days: list[dict[str, Any]] = field(default_factory=list)
    location: str | None = None
    set_aside: list[dict[str, Any]] = field(default_factory=list)
    by_city: list[dict[str, Any]] = field(default_factory=list)
    by_city_day: list[dict[str, Any]] = field(default_factory=list)
    by_pengampu_payment: list[dict[str, Any]] = field(default_factory=list)
    city: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def build(
    db: sqlite_utils.Database,
    *,
    date: str | None = None,
    location: str | None = None,
    pengampu: str | None = None,
    city: str | None = None,
    today: str | None = None,
) -> Report:
    """With `pengampu` (or `city`), every figure covers only that pengampu's (city's) booths.
    `today` (the hub's business day) makes every event day up to it expected (`event_dates`).

    A city is one more level above the location: booths = location = city = event, each a SQL
    sum of the same booth-day rows, so every level reconciles exactly."""
    ev = registry.event(db)
    where, params = [], []
    if date:
        where.append("d.date = ?")
        params.append(date)
    if location:
        where.append("b.location = ?")
        params.append(location)
    if pengampu is not None:
        where.append("b.pengampu = ?")
        params.append(pengampu)
    if city is not None:
        where.append("b.city = ?")
        params.append(city)
    scoped = " AND ".join(where) or "1"  # the booth-days this report covers, set aside or not
    cond = " AND ".join(["d.set_aside = 0", *where])
    base = f"FROM booth_days d JOIN booths b ON b.code = d.booth WHERE {cond}"
    sums = "COALESCE(SUM(d.net), 0) AS net, COALESCE(SUM(d.sales_count), 0) AS sales_count"

    def q(sql: str) -> list[dict[str, Any]]:
        return _rows(db, sql, tuple(params))

    total = q(
        f"SELECT {sums}, COALESCE(SUM(d.gross), 0) AS gross,"
        f" COALESCE(SUM(d.discounts), 0) AS discounts, COALESCE(SUM(d.voids), 0) AS voids,"
        f" COALESCE(SUM(d.refunds), 0) AS refunds,"
        + ", ".join(f"COALESCE(SUM(d.{p}), 0) AS {p}" for p in PAY)
        + f" {base}"
    )[0]
    dates = [date] if date else event_dates(db, today)
    booths = _rows(
        db,
        "SELECT code, name, location, pengampu, category, city FROM booths"
        " WHERE (? IS NULL OR location = ?) AND (? IS NULL OR pengampu = ?)"
        " AND (? IS NULL OR city = ?) ORDER BY city, location, code",
        (location or None, location or None, pengampu, pengampu, city, city),
    )
    reported = {(r[0], r[1]) for r in db.execute("SELECT booth, date FROM booth_days")}
    missing = [
        {
            "booth": b["code"],
            "name": b["name"],
            "city": b["city"],
            "location": b["location"],
            "pengampu": b["pengampu"],
            "date": d,
        }
        for d in dates
        for b in booths
        if (b["code"], d) not in reported
    ]
    by_booth = {
        r["booth"]: r
        for r in q(f"SELECT d.booth, {sums}, COUNT(*) AS days_reported {base} GROUP BY d.booth")
    }
    return Report(
        event=ev.name,
        dates=dates,
        net=total["net"],
        sales_count=total["sales_count"],
        gross=total["gross"],
        discounts=total["discounts"],
        voids=total["voids"],
        refunds=total["refunds"],
        by_day=q(
            f"SELECT d.date, {sums}, COUNT(*) AS booths {base} GROUP BY d.date ORDER BY d.date"
        ),
        by_location=_by_location(
            q(
                f"SELECT b.city, b.location, {sums}, COUNT(DISTINCT d.booth) AS reported"
                f" {base} GROUP BY b.city, b.location"
            ),
            booths,
        ),
        by_location_day=q(
            f"SELECT b.city, b.location, d.date, {sums} {base} GROUP BY b.city, b.location, d.date"
            " ORDER BY b.city, b.location, d.date"
        ),
        by_city=_by_city(
            db,
            q(f"SELECT b.city, {sums}, COUNT(DISTINCT d.booth) AS reported {base} GROUP BY b.city"),
            booths,
            len(dates),
            missing,
        ),
        by_city_day=q(
            f"SELECT b.city, d.date, {sums}, COUNT(*) AS booths {base}"
            " GROUP BY b.city, d.date ORDER BY b.city, d.date"
        ),
        by_pengampu_payment=q(
            f"SELECT b.city, b.pengampu, {sums}, "
            + ", ".join(f"COALESCE(SUM(d.{p}), 0) AS {p}" for p in PAY)
            + f" {base} GROUP BY b.city, b.pengampu ORDER BY b.city, b.pengampu"
        ),
        city=city,
        by_booth=[
            {
                "booth": b["code"],
                "name": b["name"],
                "city": b["city"],
                "location": b["location"],
                "pengampu": b["pengampu"],
                "category": b["category"],
                "net": by_booth.get(b["code"], {}).get("net", 0),
                "sales_count": by_booth.get(b["code"], {}).get("sales_count", 0),
                "days_reported": by_booth.get(b["code"], {}).get("days_reported", 0),
            }
            for b in booths
        ],
        by_category=q(f"SELECT b.category, {sums} {base} GROUP BY b.category ORDER BY net DESC"),
        by_pengampu=q(f"SELECT b.pengampu, {sums} {base} GROUP BY b.pengampu ORDER BY b.pengampu"),
        by_payment={p: total[p] for p in PAY},
        top_products=_products(db, cond, params, "amount"),
        top_products_qty=_products(db, cond, params, "qty"),
        by_hour=_rows(
            db,
            "SELECT h.hour, SUM(h.sales_count) AS sales_count, SUM(h.net) AS net"
            " FROM booth_day_hours h JOIN booth_days d USING (booth, date)"
            f" JOIN booths b ON b.code = h.booth WHERE {cond} GROUP BY h.hour ORDER BY h.hour",
            tuple(params),
        ),
        missing=missing,
        conflicts=[c for c in conflicts(db, date) if c["booth"] in {b["code"] for b in booths}],
        bundles=int(
            db.execute(
                f"SELECT COUNT(*) FROM bundles d JOIN booths b ON b.code = d.booth WHERE {scoped}",
                tuple(params),
            ).fetchone()[0]
        ),
        booth_days=q(
            f"SELECT d.date, d.booth, b.name, b.location, d.revision, d.net,"
            f" d.sales_count, d.head_hash {base} ORDER BY d.date, b.location, d.booth"
        ),
        location=location,
        set_aside=_rows(
            db,
            "SELECT d.booth, d.date, d.revision, d.net, s.reason, s.at,"
            " substr(s.origin, 1, instr(s.origin, '#') - 1) AS decided_by FROM booth_days d"
            " JOIN set_asides s ON s.id = (SELECT MAX(id) FROM set_asides x"
            "  WHERE x.booth = d.booth AND x.date = d.date)"
            f" JOIN booths b ON b.code = d.booth WHERE d.set_aside = 1 AND {scoped}"
            " ORDER BY d.date, d.booth",
            tuple(params),
        ),
    )


def _by_location(rows: list[dict[str, Any]], booths: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = {(r["city"], r["location"]): r for r in rows}
    out = []
    for city, loc in dict.fromkeys((b["city"], b["location"]) for b in booths):
        r = found.get((city, loc), {"net": 0, "sales_count": 0, "reported": 0})
        out.append(
            {
                "city": city,
                "location": loc,
                "net": r["net"],
                "sales_count": r["sales_count"],
                "booths": sum(1 for b in booths if (b["city"], b["location"]) == (city, loc)),
                "reported": r["reported"],
            }
        )
    return out


def _by_city(
    db: sqlite_utils.Database,
    rows: list[dict[str, Any]],
    booths: list[dict[str, Any]],
    days: int,
    missing: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every city with booths: its net, booths expected and reported, and booth-days missing."""
    found = {r["city"]: r for r in rows}
    names = dict(db.execute("SELECT code, name FROM cities").fetchall())
    out = []
    for city in dict.fromkeys(b["city"] for b in booths):
        r = found.get(city, {"net": 0, "sales_count": 0, "reported": 0})
        out.append(
            {
                "city": city,
                "name": names.get(city, city),
                "net": r["net"],
                "sales_count": r["sales_count"],
                "booths": sum(1 for b in booths if b["city"] == city),
                "reported": r["reported"],
                "missing": sum(1 for m in missing if m["city"] == city),
                "booth_days_expected": days * sum(1 for b in booths if b["city"] == city),
            }
        )
    return out


def _products(
    db: sqlite_utils.Database, cond: str, params: list[Any], by: str, limit: int = 10
) -> list[dict[str, Any]]:
    """Aggregate per booth-day first (PERFORMANCE.md), then by product name."""
    return _rows(
        db,
        "SELECT p.name, p.category, SUM(p.qty) AS qty, SUM(p.amount) AS amount"
        " FROM booth_day_products p JOIN booth_days d USING (booth, date)"
        f" JOIN booths b ON b.code = p.booth WHERE {cond} GROUP BY p.name, p.category"
        f" ORDER BY {by} DESC, p.name LIMIT {int(limit)}",
        tuple(params),
    )
