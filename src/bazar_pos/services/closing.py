"""Closing a day: lock it, write the Z report, sign its totals, queue the bundle, try to send.

One function serves the CLI and the TUI, so both close a day the same way; the figures come from
`booth.totals`/`booth.close` only, so Riwayat, `sales --json`, the close, the Z report and the
bundle agree on every day. Days closed before the booth joined a hub are queued at `join`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bazar_pos.booth import backup, close, profile, reconcile
from bazar_pos.booth.close import DaySummary
from bazar_pos.booth.ledger import Ledger
from bazar_pos.documents import zreport
from bazar_pos.errors import NotFound
from bazar_pos.services.receipts import receipts_dir
from bazar_pos.sync import booth_key, bundle, outbox
from bazar_pos.sync import join as sync_join
from bazar_pos.sync.kit import Kit


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
    zreport: Path | None = None
    backup: backup.ClosingBackup | None = None  # where the close's backup went, or why it failed
    reconcile: dict[str, Any] | None = None  # the day's last QRIS check against the statement


def close_and_send(
    ledger: Ledger,
    day: str,
    *,
    counted: int | None = None,
    denominations: dict[int, int] | None = None,
    stock_counts: dict[str, int] | None = None,
    hub_url: str | None = None,
    pdf: Path | bool = False,
    now: datetime,
) -> CloseOutcome:
    """The close always stands; sending and the backup are attempted and never make it fail.

    `pdf`: a path for the Z report, or True for the booth's receipts folder. The backup to the
    configured folder is written after the close, so the copy holds the closed day.
    """
    summary = close.close_day(
        ledger,
        day,
        counted=counted,
        denominations=denominations,
        stock_counts=stock_counts,
        now=now,
    )
    try:
        signed: dict[str, Any] | None = build_bundle(ledger, summary, now=now)
    except NotFound:
        signed = None  # not joined to a hub: nothing to send
    if signed:
        outbox.add(ledger, signed, now=now)  # queued before anything else can fail
    z = None
    if pdf:
        z = zreport.write(
            ledger, summary, pdf if isinstance(pdf, Path) else zreport_path(ledger, summary)
        )
    saved = backup.at_close(ledger, now=now)
    report = outbox.push(ledger, hub_url=hub_url, now=now) if signed else None
    return CloseOutcome(summary, signed, report, z, saved, reconcile.latest(ledger, day))


def zreport_path(ledger: Ledger, summary: DaySummary) -> Path:
    return receipts_dir(ledger) / f"Z-{summary.day}-r{summary.revision}.pdf"


def queue_unsent(
    ledger: Ledger, *, hub_url: str | None = None, send: bool = True, now: datetime
) -> outbox.SyncReport | None:
    """After `join`: queue every closed day that was never queued, then try to send.

    The booth's whole ledger belongs to the event it joined (`join` refuses a kit of another event
    once the booth has sold), so every closed day is this event's.
    """
    try:
        for (day,) in ledger.conn.execute(outbox.UNSENT_DAYS.format(only_sent="")).fetchall():
            signed = build_bundle(ledger, close.load_summary(ledger, day), now=now)
            outbox.add(ledger, signed, now=now)
    except NotFound:
        return None  # not joined: nothing to sign with
    return outbox.push(ledger, hub_url=hub_url, now=now) if send else None


def join(
    ledger: Ledger, kit_path: Path, *, send: bool = True, now: datetime
) -> tuple[Kit, outbox.SyncReport | None]:
    """Configure the booth from its kit, then queue (and, with `send`, send) its closed days."""
    kit = sync_join.join(ledger, kit_path, now=now)
    return kit, queue_unsent(ledger, send=send, now=now)


def export_bundle(ledger: Ledger, day: str, *, now: datetime) -> dict[str, Any]:
    """The signed bundle of a closed day, for sending by file (USB, chat)."""
    summary = close.load_summary(ledger, day)
    queued = outbox.latest_for(ledger, summary.day, summary.revision)
    return queued if queued else build_bundle(ledger, summary, now=now)
