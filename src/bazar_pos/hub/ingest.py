"""Taking in a bundle: check it, keep it, and keep the highest revision per booth and day.

The same bundle twice changes nothing; a lower revision is kept but not used; a different bundle
with the same revision is kept as a conflict and shown, never merged. Every refusal leaves only
an audit row.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from bazar_pos.hub.registry import event
from bazar_pos.store import write_txn
from bazar_pos.sync import bundle
from bazar_pos.sync.bundle import BundleRejected

WRITE_LOCK = threading.Lock()  # one writer per process; SQLite's BEGIN IMMEDIATE across processes


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


def ingest(db: sqlite_utils.Database, raw: bytes | str, *, now: datetime) -> Ingested:
    """Verify and store one bundle, or raise BundleRejected after writing the audit row."""
    size = len(raw)
    booth: str | None = None
    try:
        b = bundle.loads(raw)
        booth = b.get("booth") if isinstance(b.get("booth"), str) else None
        bundle.check_shape(b)
        ev = event(db)
        if b["event"] != ev.name:
            raise BundleRejected(
                f"Bundel untuk acara lain ('{b['event']}'), hub ini '{ev.name}'",
                f"The bundle is for another event ('{b['event']}'), this hub is '{ev.name}'",
                code="other_event",
            )
        row = db.execute("SELECT secret FROM booths WHERE code = ?", (b["booth"],)).fetchone()
        if not row:
            raise BundleRejected(
                f"Booth tidak terdaftar: {b['booth']}",
                f"Unknown booth: {b['booth']}",
                code="unknown_booth",
            )
        if not bundle.signature_ok(b, row[0]):
            raise BundleRejected(
                "Tanda tangan bundel tidak cocok (diubah, atau kunci salah)",
                "The bundle signature does not match (altered, or the wrong key)",
                code="bad_signature",
            )
        with WRITE_LOCK:
            return _store(db, b, now)
    except BundleRejected as exc:
        _audit(db, booth, exc, size, now)
        raise


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat()


def _audit(
    db: sqlite_utils.Database, booth: str | None, exc: BundleRejected, size: int, now: datetime
) -> None:
    with WRITE_LOCK, write_txn(db) as conn:
        conn.execute(
            "INSERT INTO rejections (at, booth, code, reason, size) VALUES (?, ?, ?, ?, ?)",
            (_stamp(now), booth, exc.code, exc.message("en"), size),
        )


def _store(db: sqlite_utils.Database, b: dict[str, Any], now: datetime) -> Ingested:
    bid = bundle.bundle_id(b)
    key = (b["booth"], b["date"])
    with write_txn(db) as conn:
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
            "INSERT INTO bundles (bundle_id, booth, date, revision, status, received_at, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (bid, *key, b["revision"], status, _stamp(now), bundle.dumps(b)),
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
    key = (b["booth"], b["date"])
    t = b["totals"]
    pay = t["by_payment"]
    conn.execute(
        "INSERT OR REPLACE INTO booth_days (booth, date, revision, bundle_id, sales_count, gross,"
        " discounts, voids, refunds, net, cash, qris, transfer, other, cash_difference, head_hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
        ),
    )
    conn.execute("DELETE FROM booth_day_products WHERE booth = ? AND date = ?", key)
    conn.executemany(
        "INSERT INTO booth_day_products (booth, date, sku, name, category, qty, amount)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty,"
        " amount = amount + excluded.amount",
        [
            (*key, p["sku"], p.get("name", p["sku"]), p.get("category", ""), p["qty"], p["amount"])
            for p in b.get("products") or []
        ],
    )
    conn.execute("DELETE FROM booth_day_hours WHERE booth = ? AND date = ?", key)
    conn.executemany(
        "INSERT INTO booth_day_hours (booth, date, hour, sales_count, net) VALUES (?,?,?,?,?)"
        " ON CONFLICT DO UPDATE SET sales_count = sales_count + excluded.sales_count,"
        " net = net + excluded.net",
        [(*key, h["hour"], h.get("sales_count", 0), h["net"]) for h in b.get("hours") or []],
    )
