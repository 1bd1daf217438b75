"""Business days: a sale belongs to the calendar day in the event's time zone, not UTC."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import InvalidInput


def business_day(now: datetime, tz: ZoneInfo) -> str:
    return now.astimezone(tz).date().isoformat()


def parse_day(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise InvalidInput("bad_date", text=text) from exc


def state_of(conn: sqlite3.Connection, day: str) -> str | None:
    row = conn.execute("SELECT state FROM days WHERE day = ?", (day,)).fetchone()
    return str(row[0]) if row else None


def is_closed(ledger: Ledger, day: str) -> bool:
    row = ledger.one("SELECT state FROM days WHERE day = ?", (day,))
    return bool(row and row["state"] == "closed")


def ensure_open(ledger: Ledger, day: str) -> None:
    """A closed day is locked: nothing may be recorded into it until it is reopened."""
    if is_closed(ledger, day):
        raise InvalidInput("day_closed", day=day)


def parse_stamp(stamp: str) -> datetime:
    """A journal `at` (`2026-03-20T03:00:00.000000Z`) as an aware datetime."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def local_hour(stamp: str, tz: ZoneInfo) -> int:
    return parse_stamp(stamp).astimezone(tz).hour
