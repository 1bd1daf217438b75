"""Bundles waiting to reach the hub: kept in the booth database until the hub accepts them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bazar_pos.booth import profile
from bazar_pos.booth.ledger import Ledger
from bazar_pos.store import write_txn
from bazar_pos.sync import bundle

UNSENT_DAYS = (
    "SELECT d.day FROM days d WHERE d.state = 'closed' AND NOT EXISTS"
    " (SELECT 1 FROM outbox o WHERE o.day = d.day AND o.revision = d.revision{only_sent})"
    " ORDER BY d.day"
)


def unsent_days(ledger: Ledger) -> int:
    """Closed days whose current revision the hub has not acknowledged (queued, refused or never
    queued): the status line says "terkirim" only when this is zero. Zero before `join`."""
    if ledger.one("SELECT 1 AS x FROM local_secrets WHERE key = 'booth_key'") is None:
        return 0
    sql = UNSENT_DAYS.format(only_sent=" AND o.state = 'sent'")
    return len(ledger.conn.execute(sql).fetchall())


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add(ledger: Ledger, signed: dict[str, Any], *, now: datetime) -> None:
    with write_txn(ledger.conn) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO outbox (day, revision, bundle_id, body, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                signed["date"],
                signed["revision"],
                bundle.bundle_id(signed),
                bundle.dumps(signed),
                _stamp(now),
            ),
        )


def pending_count(ledger: Ledger) -> int:
    return int(
        ledger.conn.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
    )


def latest_for(ledger: Ledger, day: str, revision: int) -> dict[str, Any] | None:
    row = ledger.one(
        "SELECT body FROM outbox WHERE day = ? AND revision = ? ORDER BY id DESC LIMIT 1",
        (day, revision),
    )
    return json.loads(row["body"]) if row else None


@dataclass
class SyncReport:
    sent: int = 0
    waiting: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    unreachable: str | None = None
    hub_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "waiting": self.waiting,
            "rejected": self.rejected,
            "hub": self.hub_url,
            "unreachable": self.unreachable,
        }


def push(ledger: Ledger, *, hub_url: str | None = None, now: datetime) -> SyncReport:
    """Send every pending bundle; what cannot get through now stays for the next try."""
    from bazar_pos.sync import client

    url = hub_url or profile.load(ledger).get("hub_url")
    report = SyncReport(hub_url=url)
    rows = ledger.query("SELECT id, body FROM outbox WHERE state = 'pending' ORDER BY id")
    if not url:
        report.waiting = len(rows)
        report.unreachable = "no hub URL"
        return report
    for row in rows:
        result = client.post_bundle(str(url), row["body"])
        if result.unreachable:
            report.unreachable = result.error
            break
        state = "sent" if result.ok else "rejected"
        with write_txn(ledger.conn) as conn:
            conn.execute(
                "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, sent_at = ?"
                " WHERE id = ?",
                (state, result.error, _stamp(now), row["id"]),
            )
        if result.ok:
            report.sent += 1
        else:
            report.rejected.append({"bundle": str(row["id"]), "reason": result.error or ""})
    report.waiting = pending_count(ledger)
    return report
