"""Taking in a bundle: check it, keep it, and keep the highest revision per booth and day.

The same bundle twice changes nothing; a lower revision is kept but not used; a different bundle
with the same revision is kept as a conflict and shown, never merged. Every refusal leaves only
an audit row. All database work of one bundle is one `BEGIN IMMEDIATE` transaction under one
process-wide lock, so concurrent requests and other hub processes queue instead of interleaving.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from bazar_pos.store import write_txn
from bazar_pos.sync import bundle
from bazar_pos.sync.bundle import BundleRejected

WRITE_LOCK = threading.Lock()  # one writer per process; SQLite's BEGIN IMMEDIATE across processes
CLAIM_CHARS = 64  # how much of an unverified booth code or event name is echoed or audited


@dataclass(frozen=True)
class Ingested:
    status: str  # accepted | duplicate | superseded | conflict
    booth: str
    date: str
    revision: int

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "booth": self.booth,
            "date": self.date,
            "revision": self.revision,
        }


def ingest(
    db: sqlite_utils.Database,
    raw: bytes | str,
    *,
    now: datetime,
    via: str = "file",
    source: str = "",
) -> Ingested:
    """Verify and store one bundle, or raise BundleRejected after writing the audit row.

    `via` (http or file) and `source` (client address or file name) are kept for the audit.
    """
    size = len(raw)
    b: dict[str, Any] | None = None
    try:
        b = bundle.loads(raw)
        bundle.check_shape(b)
        with WRITE_LOCK, write_txn(db) as conn:
            return _store(conn, b, now, via, source)
    except BundleRejected as exc:
        booth = b.get("booth") if b else None
        record_rejection(
            db,
            exc,
            booth=booth if isinstance(booth, str) else None,
            size=size,
            now=now,
            via=via,
            source=source,
        )
        raise


def record_rejection(
    db: sqlite_utils.Database,
    exc: BundleRejected,
    *,
    booth: str | None,
    size: int,
    now: datetime,
    via: str,
    source: str = "",
) -> None:
    """The audit row of a refusal: the only trace a refused bundle leaves."""
    with WRITE_LOCK, write_txn(db) as conn:
        conn.execute(
            "INSERT INTO rejections (at, booth, code, reason, size, via, source, reason_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _stamp(now),
                booth[:CLAIM_CHARS] if booth else None,
                exc.code,
                exc.message("en"),
                size,
                via,
                source[:200],
                exc.message("id"),
            ),
        )


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat()


def _verify(conn: sqlite3.Connection, b: dict[str, Any]) -> None:
    """Event, booth and signature, read inside the write transaction that stores the bundle."""
    row = conn.execute("SELECT name FROM event").fetchone()
    event = row[0] if row else ""
    if b["event"] != event:
        claimed = b["event"][:CLAIM_CHARS]
        raise BundleRejected(
            f"Bundel untuk acara lain ('{claimed}'), hub ini '{event}'",
            f"The bundle is for another event ('{claimed}'), this hub is '{event}'",
            code="other_event",
        )
    row = conn.execute("SELECT secret FROM booths WHERE code = ?", (b["booth"],)).fetchone()
    if not row:
        claimed = b["booth"][:CLAIM_CHARS]
        raise BundleRejected(
            f"Booth tidak terdaftar: {claimed}",
            f"Unknown booth: {claimed}",
            code="unknown_booth",
        )
    if not bundle.signature_ok(b, row[0]):
        raise BundleRejected(
            "Tanda tangan bundel tidak cocok (diubah, atau kunci salah)",
            "The bundle signature does not match (altered, or the wrong key)",
            code="bad_signature",
        )


def _store(
    conn: sqlite3.Connection, b: dict[str, Any], now: datetime, via: str, source: str
) -> Ingested:
    _verify(conn, b)
    bid = bundle.bundle_id(b)
    key = (b["booth"], b["date"])
    if conn.execute("SELECT 1 FROM bundles WHERE bundle_id = ?", (bid,)).fetchone():
        return Ingested("duplicate", *key, b["revision"])
    current = conn.execute(
        "SELECT revision FROM booth_days WHERE booth = ? AND date = ?", key
    ).fetchone()
    if current is None or b["revision"] > current[0]:
        status = "accepted"
    elif b["revision"] == current[0]:
        status = "conflict"
    else:
        status = "superseded"
    conn.execute(
        "INSERT INTO bundles (bundle_id, booth, date, revision, status, received_at, body, via,"
        " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (bid, *key, b["revision"], status, _stamp(now), bundle.dumps(b), via, source[:200]),
    )
    if status == "accepted":
        conn.execute(
            "UPDATE bundles SET status = 'superseded' WHERE booth = ? AND date = ?"
            " AND status = 'accepted' AND bundle_id != ?",
            (*key, bid),
        )
        _project(conn, b, bid)
    return Ingested(status, *key, b["revision"])


def _project(conn: sqlite3.Connection, b: dict[str, Any], bid: str) -> None:
    """Copy the accepted bundle's figures into the per booth-day tables the reports read."""
    key = (b["booth"], b["date"])
    t = b["totals"]
    pay = t["by_payment"]
    conn.execute(
        "INSERT OR REPLACE INTO booth_days (booth, date, revision, bundle_id, sales_count, gross,"
        " discounts, voids, refunds, net, cash, qris, transfer, other, cash_difference, head_hash,"
        " voided_count, cash_expected, cash_counted)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            *key,
            b["revision"],
            bid,
            t["sales_count"],
            t["gross"],
            t["discounts"],
            t["voids"],
            t["refunds"],
            t["net"],
            pay.get("cash", 0),
            pay.get("qris", 0),
            pay.get("transfer", 0),
            sum(v for k, v in pay.items() if k not in ("cash", "qris", "transfer")),
            t["cash"]["difference"],
            b["ledger"]["head_hash"],
            t["voided_count"],
            t["cash"]["expected"],
            t["cash"]["counted"],
        ),
    )
    conn.execute("DELETE FROM booth_day_products WHERE booth = ? AND date = ?", key)
    conn.executemany(
        "INSERT INTO booth_day_products (booth, date, sku, name, category, qty, amount)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty,"
        " amount = amount + excluded.amount",
        [
            (
                *key,
                p["sku"],
                _text(p.get("name"), p["sku"]),
                _text(p.get("category")),
                p["qty"],
                p["amount"],
            )
            for p in b.get("products") or []
        ],
    )
    conn.execute("DELETE FROM booth_day_hours WHERE booth = ? AND date = ?", key)
    conn.executemany(
        "INSERT INTO booth_day_hours (booth, date, hour, sales_count, net) VALUES (?,?,?,?,?)"
        " ON CONFLICT DO UPDATE SET sales_count = sales_count + excluded.sales_count,"
        " net = net + excluded.net",
        [(*key, h["hour"], _count(h.get("sales_count")), h["net"]) for h in b.get("hours") or []],
    )


def _text(value: Any, default: str = "") -> str:
    """Optional labels are unverified by `check_shape`: keep strings, replace anything else."""
    return value if isinstance(value, str) else default


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
