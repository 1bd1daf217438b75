"""Setting aside a bad booth-day: its accepted bundle stays, the report stops counting it.

For figures that passed every check but are still wrong (a booth that typed Rp95.000.000 for
Rp95.000). Nothing is deleted: each reject and restore is a row with its reason, and a newer
revision from the booth replaces the set-aside figures and is counted again.

A city hub forwards each decision to its parent, signed by its hub key, after the bundles it
names: the province then counts that city's booth-days exactly as the city does (and forwards
the decision on, when it has a parent of its own).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.hub.status import check_day
from bazar_pos.hub.store import WRITE_LOCK
from bazar_pos.store import write_txn
from bazar_pos.sync import forward
from bazar_pos.sync.bundle import BundleRejected


def _reason(text: str) -> str:
    why = text.strip()
    if not why or len(why) > 200:
        raise InvalidInput("no_reason:a_reason_is_required_at")
    return why


def set_aside(
    db: sqlite_utils.Database, booth: str, day: str, *, reason: str, restore: bool, now: datetime
) -> str:
    """Reject (or, with `restore`, count again) the booth-day in use; returns its bundle id."""
    code, day, why = booth.strip().upper(), check_day(day), _reason(reason)
    with WRITE_LOCK, write_txn(db) as conn:
        row = conn.execute(
            "SELECT bundle_id, set_aside FROM booth_days WHERE booth = ? AND date = ?", (code, day)
        ).fetchone()
        if not row:
            raise NotFound("not_reported", code=code, day=day)
        if bool(row[1]) != restore:
            raise InvalidInput("already:counted" if restore else "already", code=code, day=day)
        _record(conn, code, day, str(row[0]), restore=restore, reason=why, now=now, origin="")
    return str(row[0])


def _record(
    conn: sqlite3.Connection,
    code: str,
    day: str,
    bid: str,
    *,
    restore: bool,
    reason: str,
    now: datetime,
    origin: str,
) -> None:
    """One decision: the booth-day counted or not, its row kept, and queued for a parent."""
    conn.execute(
        "UPDATE booth_days SET set_aside = ? WHERE booth = ? AND date = ?",
        (0 if restore else 1, code, day),
    )
    conn.execute(
        "INSERT INTO set_asides (at, booth, date, bundle_id, action, reason, origin,"
        " forward_state) VALUES (?, ?, ?, ?, ?, ?, ?,"
        " (SELECT 'waiting' FROM parent))",
        (
            now.astimezone(UTC).isoformat(),
            code,
            day,
            bid,
            "restore" if restore else "reject",
            reason,
            origin,
        ),
    )


def take_forwarded(
    conn: sqlite3.Connection, env: dict[str, Any], *, event: str, now: datetime
) -> tuple[str, str, str, int]:
    """A child hub's decision, inside ingest's transaction: its city's pinned hub key signed
    it, and it names the bundle in use here for that booth-day. Returns (status, booth, date, revision):
    `set_aside`, `restored`, or `duplicate` when this decision (or the state it asks for) is
    already here."""
    city = env["city"]
    if env["event"] != event:
        raise BundleRejected(
            "other_event:the_bundle_is_for_another", claimed=env["event"][:64], name=event
        )
    row = conn.execute("SELECT public_key FROM cities WHERE code = ?", (city,)).fetchone()
    if not row:
        raise BundleRejected("unknown_city", city=city)
    if row[0] is None or env["hub"]["public_key"] != row[0]:
        raise BundleRejected("wrong_hub:the_forwarded_bundle_is_signed", city=city)
    if not forward.signature_ok(env, row[0]):
        raise BundleRejected("bad_signature:the_city_hub_s_signature")
    code, day, origin = f"{city}/{env['booth']}", env["date"], f"{city}#{env['id']}"
    restore = env["action"] == "restore"
    here = conn.execute(
        "SELECT bundle_id, revision FROM booth_days WHERE booth = ? AND date = ?", (code, day)
    ).fetchone()
    if conn.execute("SELECT 1 FROM set_asides WHERE origin = ?", (origin,)).fetchone():
        return "duplicate", code, day, here[1] if here else 0
    if not here or here[0] != env["bundle_id"]:
        raise BundleRejected("set_aside_elsewhere", code=code, day=day)
    _record(conn, code, day, here[0], restore=restore, reason=env["reason"], now=now, origin=origin)
    return ("restored" if restore else "set_aside"), code, day, int(here[1])


def waiting(
    db: sqlite_utils.Database, *, event: str, city: str, hub_key: str
) -> Iterator[tuple[int, str]]:
    """(row id, signed decision) for every decision waiting for the parent, oldest first."""
    cur = db.execute(
        "SELECT id, at, booth, date, bundle_id, action, reason FROM set_asides"
        " WHERE forward_state = 'waiting' ORDER BY id"
    )
    for rid, at, booth, day, bid, action, reason in cur.fetchall():
        decision = {
            "id": rid,
            "at": at,
            "booth": booth,
            "date": day,
            "bundle_id": bid,
            "action": action,
            "reason": reason,
        }
        env = forward.make_decision(decision, event=event, city=city, hub_key=hub_key)
        yield rid, forward.dumps(env)


def history(db: sqlite_utils.Database) -> list[dict[str, str]]:
    cur = db.execute(
        "SELECT at, booth, date, action, reason, bundle_id FROM set_asides ORDER BY id"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
