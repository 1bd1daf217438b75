"""Setting aside a bad booth-day: its accepted bundle stays, the report stops counting it.

For figures that passed every check but are still wrong (a booth that typed Rp95.000.000 for
Rp95.000). Nothing is deleted: each reject and restore is a row with its reason, and a newer
revision from the booth replaces the set-aside figures and is counted again.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils

from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.hub.ingest import WRITE_LOCK
from bazar_pos.hub.status import check_day
from bazar_pos.store import write_txn


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
        conn.execute(
            "UPDATE booth_days SET set_aside = ? WHERE booth = ? AND date = ?",
            (0 if restore else 1, code, day),
        )
        conn.execute(
            "INSERT INTO set_asides (at, booth, date, bundle_id, action, reason)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                now.astimezone(UTC).isoformat(),
                code,
                day,
                row[0],
                "restore" if restore else "reject",
                why,
            ),
        )
    return str(row[0])


def history(db: sqlite_utils.Database) -> list[dict[str, str]]:
    cur = db.execute(
        "SELECT at, booth, date, action, reason, bundle_id FROM set_asides ORDER BY id"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
