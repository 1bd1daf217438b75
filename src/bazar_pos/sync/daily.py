"""Closing a day on the booth side: lock it, sign its totals, queue the bundle, try to send.

One function serves the CLI and the TUI, so both close a day the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bazar_pos.booth import close, profile
from bazar_pos.booth.close import DaySummary
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import NotFound
from bazar_pos.sync import booth_key, bundle, outbox


def build_bundle(ledger: Ledger, summary: DaySummary, *, now: datetime) -> dict[str, Any]:
    prof = profile.load(ledger)
    t = summary.totals
    body = {
        "format": bundle.FORMAT,
        "version": bundle.VERSION,
        "event": prof.event,
        "booth": prof.code,
        "booth_name": prof.name,
        "location": prof.location,
        "date": summary.day,
        "revision": summary.revision,
        "created_at": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "totals": {
            **{k: t[k] for k in bundle.TOTAL_KEYS},
            "by_payment": t["by_payment"],
            "cash": {k: summary.cash[k] for k in bundle.CASH_KEYS},
        },
        "products": summary.products,
        "hours": summary.hours,
        "ledger": {
            "first_seq": summary.first_seq,
            "last_seq": summary.head_seq,
            "head_hash": summary.head_hash,
        },
    }
    return booth_key.sign(ledger, body)


@dataclass
class CloseOutcome:
    summary: DaySummary
    bundle: dict[str, Any] | None
    sync: outbox.SyncReport | None


def close_and_send(
    ledger: Ledger,
    day: str,
    *,
    counted: int | None = None,
    denominations: dict[int, int] | None = None,
    stock_counts: dict[str, int] | None = None,
    hub_url: str | None = None,
    now: datetime,
) -> CloseOutcome:
    """The close always stands; sending is attempted and never makes the close fail."""
    summary = close.close_day(
        ledger,
        day,
        counted=counted,
        denominations=denominations,
        stock_counts=stock_counts,
        now=now,
    )
    try:
        signed = build_bundle(ledger, summary, now=now)
    except NotFound:
        return CloseOutcome(summary, None, None)  # not joined to a hub: nothing to send
    outbox.add(ledger, signed, now=now)
    report = outbox.push(ledger, hub_url=hub_url, now=now)
    return CloseOutcome(summary, signed, report)


def export_bundle(ledger: Ledger, day: str, *, now: datetime) -> dict[str, Any]:
    """The signed bundle of a closed day, for sending by file (USB, chat)."""
    summary = close.load_summary(ledger, day)
    queued = outbox.latest_for(ledger, summary.day, summary.revision)
    return queued if queued else build_bundle(ledger, summary, now=now)
