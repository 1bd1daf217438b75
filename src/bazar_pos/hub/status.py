"""Who has reported: every registered booth for a day, reported or missing, with its figures.

Read side of the hub for the CLI, the API, the dashboard and the report: everything here reads
the per booth-day tables filled at ingest, never the bundles' JSON.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils

from bazar_pos.errors import InvalidInput
from bazar_pos.hub.registry import event
from bazar_pos.sync.bundle import is_day


def _rows(
    db: sqlite_utils.Database, sql: str, params: tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


MAX_EXPECTED_DAYS = 62  # a year-long "event" still lists two months of days, not a year's


def event_dates(db: sqlite_utils.Database, today: str | None = None) -> list[str]:
    """The days a report covers: every day with reports and, given the hub's `today`, every day
    of the event's dates up to today (the last MAX_EXPECTED_DAYS of them), so a day on which
    nobody reported lists every booth as not reported. Without `today`, the reported days."""
    days = {r[0] for r in db.execute("SELECT DISTINCT date FROM booth_days")}
    ev = event(db)
    if today and ev.first_date and ev.last_date:
        last = date.fromisoformat(min(ev.last_date, today))
        first = max(date.fromisoformat(ev.first_date), last - timedelta(MAX_EXPECTED_DAYS - 1))
        days.update((first + timedelta(n)).isoformat() for n in range((last - first).days + 1))
    return sorted(days)


def check_day(day: str) -> str:
    """A business day as the bundles carry it, or a clear refusal."""
    if is_day(day):
        return day
    raise InvalidInput("bad_date:invalid_date_e_g_2026", day=day)


def today(db: sqlite_utils.Database, now: datetime) -> str:
    """The business day at `now` in the event's time zone (not UTC: 06:30 WIB is still today)."""
    return now.astimezone(ZoneInfo(event(db).timezone)).date().isoformat()


def default_day(db: sqlite_utils.Database, now: datetime) -> str:
    """Today in the event's time zone while within the event's dates, else its last date."""
    ev, day = event(db), today(db, now)
    if ev.first_date and ev.last_date and not ev.first_date <= day <= ev.last_date:
        return ev.last_date
    return day


def status(
    db: sqlite_utils.Database, date: str, *, pengampu: str | None = None, city: str | None = None
) -> list[dict[str, Any]]:
    """Every registered booth (or one pengampu's), in location order; `conflict` marks an open
    conflict that day, `set_aside` a booth-day the organizer rejected (reported, not counted)."""
    return [
        {
            **r,
            "reported": r["revision"] is not None,
            "conflict": bool(r["conflict"]),
            "set_aside": bool(r["set_aside"]),
        }
        for r in _rows(
            db,
            "SELECT b.code AS booth, b.name, b.city, b.location, b.pengampu, d.revision, d.net,"
            " d.sales_count, COALESCE(d.set_aside, 0) AS set_aside,"
            " EXISTS (SELECT 1 FROM bundles c WHERE c.booth = d.booth AND c.date = d.date"
            "  AND c.revision = d.revision AND c.status = 'conflict') AS conflict"
            " FROM booths b LEFT JOIN booth_days d ON d.booth = b.code AND d.date = ?"
            " WHERE (? IS NULL OR b.pengampu = ?) AND (? IS NULL OR b.city = ?)"
            " ORDER BY b.city, b.location, b.code",
            (date, pengampu, pengampu, city, city),
        )
    ]


def by_location(
    db: sqlite_utils.Database, date: str, *, pengampu: str | None = None, city: str | None = None
) -> dict[str, Any]:
    """A day per location (or one pengampu's booths): booths expected and reported, and their
    net; the day's total is the same SQL sum over every location, so the two always agree.
    A booth-day set aside has reported but, as in the event report, its net counts nowhere."""
    sql = (
        "SELECT {cols} COUNT(*) AS expected, COUNT(d.booth) AS reported,"
        " COALESCE(SUM(d.net) FILTER (WHERE d.set_aside = 0), 0) AS net"
        " FROM booths b LEFT JOIN booth_days d ON d.booth = b.code AND d.date = ?"
        " WHERE (? IS NULL OR b.pengampu = ?) AND (? IS NULL OR b.city = ?) {group}"
    )
    params = (date, pengampu, pengampu, city, city)
    total = _rows(db, sql.format(cols="", group=""), params)[0]
    locations = _rows(
        db,
        sql.format(
            cols="b.city, b.location,",
            group="GROUP BY b.city, b.location ORDER BY b.city, b.location",
        ),
        params,
    )
    return {"date": date, **total, "locations": locations}


def conflicts(db: sqlite_utils.Database, date: str | None = None) -> list[dict[str, Any]]:
    """Bundles that tied a revision with other content; `resolved` once a newer one is in use.

    The figures in use stay those of the first bundle of that revision; nothing is merged.
    """
    rows = _rows(
        db,
        "SELECT c.booth, c.date, c.revision, c.bundle_id, c.received_at,"
        " json_extract(c.body, '$.totals.net') AS net, d.bundle_id AS in_use,"
        " d.revision > c.revision AS resolved"
        " FROM bundles c JOIN booth_days d ON d.booth = c.booth AND d.date = c.date"
        " WHERE c.status = 'conflict' AND (? IS NULL OR c.date = ?)"
        " ORDER BY c.booth, c.date, c.received_at",
        (date, date),
    )
    return [{**r, "resolved": bool(r["resolved"])} for r in rows]


def booth_for(db: sqlite_utils.Database, code: str, public_key: str | None) -> str:
    """The key this hub files a booth under: the booth enrolled with its own public key, else
    the one registered as CODE, or at a province the only CITY/CODE (codes are unique only per
    city). A booth's ledger names only CODE; a province knows it as JP/CP-07."""
    if public_key:
        row = db.execute("SELECT code FROM booths WHERE public_key = ?", (public_key,)).fetchone()
        if row:
            return str(row[0])
    found = [
        r[0]
        for r in db.execute(
            "SELECT code FROM booths WHERE code = ? OR code LIKE '%/' || ? ORDER BY code",
            (code, code),
        )
    ]
    if len(found) > 1:
        raise InvalidInput("audit_ambiguous", code=code, where=", ".join(found))
    return str(found[0]) if found else code


def bundles_of(db: sqlite_utils.Database, booth: str) -> list[dict[str, Any]]:
    """Every bundle the hub took from a booth, in use or not: each was signed by that booth, so
    each ledger head in them anchors the booth's journal."""
    return [
        json.loads(r[0])
        for r in db.execute("SELECT body FROM bundles WHERE booth = ? ORDER BY id", (booth,))
    ]


def rejections(
    db: sqlite_utils.Database,
    limit: int = 50,
    *,
    pengampu: str | None = None,
    city: str | None = None,
) -> list[dict[str, Any]]:
    """The latest refusals first: from where, which booth it claimed, and why (`reason` in
    English, `reason_id` in Indonesian; empty for refusals recorded before migration 0002).
    With `pengampu`, only refusals that name one of that pengampu's booths."""
    return _rows(
        db,
        "SELECT at, via, source, booth, code, reason, reason_id, size FROM rejections"
        " WHERE (? IS NULL OR booth IN (SELECT code FROM booths WHERE pengampu = ?))"
        " AND (? IS NULL OR booth LIKE ? || '/%')"
        " ORDER BY id DESC LIMIT ?",
        (pengampu, pengampu, city, city, limit),
    )


def reason(row: dict[str, Any], lang: str) -> str:
    """A recorded refusal's reason in `lang`: both wordings were stored when it was refused."""
    return str(row["reason"] if lang == "en" else row["reason_id"] or row["reason"])
