"""Taking in a bundle: check it, keep it, and keep the highest revision per booth and day.

Order of work: the bounded parse and every check of form and arithmetic first (cheap, no key
needed), then event, dates and booth, then the Ed25519 signature, then storage. The same bundle
twice changes nothing; a lower revision is kept but not used; a different bundle
with the same revision is kept as a conflict and shown, never merged. Every refusal leaves only
an audit row. Database work is one `BEGIN IMMEDIATE` transaction under one process-wide lock, so
concurrent requests and other hub processes queue instead of interleaving; bundles that arrive
together share that transaction (one fsync), each in its own savepoint.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from bazar_pos import canonical
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


@dataclass(frozen=True)
class Arrival:
    """One bundle as it came: its bytes, how (http or file) and from where (address, file name)."""

    raw: bytes | str
    via: str = "file"
    source: str = ""


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
    (outcome,) = ingest_many(db, [Arrival(raw, via, source)], now=now)
    if isinstance(outcome, BundleRejected):
        raise outcome
    return outcome


def ingest_many(
    db: sqlite_utils.Database, arrivals: list[Arrival], *, now: datetime
) -> list[Ingested | BundleRejected]:
    """Judge each bundle on its own, in order, and commit them all at once (a group commit).

    Each bundle's writes sit in their own savepoint, so a refusal undoes only its own and leaves
    its audit row; one commit (one fsync) then makes the whole group durable. The form and sum
    checks run before the lock is taken.
    """
    checked: list[tuple[Arrival, dict[str, Any] | None, BundleRejected | None]] = []
    for a in arrivals:
        b: dict[str, Any] | None = None
        try:
            b = bundle.loads(a.raw)
            bundle.check(b)
            checked.append((a, b, None))
        except BundleRejected as exc:
            checked.append((a, b, exc))
    with WRITE_LOCK, write_txn(db) as conn:
        return [_judge(conn, a, b, refused, now) for a, b, refused in checked]


def _judge(
    conn: sqlite3.Connection,
    a: Arrival,
    b: dict[str, Any] | None,
    refused: BundleRejected | None,
    now: datetime,
) -> Ingested | BundleRejected:
    """One bundle inside the group's transaction: stored, or undone to its savepoint and audited."""
    if refused is None and b is not None:
        conn.execute("SAVEPOINT bundle")
        try:
            stored = _store(conn, b, now, a.via, a.source)
        except BundleRejected as exc:
            conn.execute("ROLLBACK TO bundle")
            refused = exc
        conn.execute("RELEASE bundle")
        if refused is None:
            return stored
    assert refused is not None
    booth = b.get("booth") if b else None
    _audit(conn, refused, booth if isinstance(booth, str) else None, len(a.raw), now, a)
    return refused


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
    """The audit row of a refusal made before a bundle was read (too large to read)."""
    with WRITE_LOCK, write_txn(db) as conn:
        _audit(conn, exc, booth, size, now, Arrival(b"", via, source))


def _audit(
    conn: sqlite3.Connection,
    exc: BundleRejected,
    booth: str | None,
    size: int,
    now: datetime,
    a: Arrival,
) -> None:
    """The audit row of a refusal: the only trace a refused bundle leaves."""
    conn.execute(
        "INSERT INTO rejections (at, booth, code, reason, size, via, source, reason_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            _stamp(now),
            booth[:CLAIM_CHARS] if booth else None,
            exc.code,
            exc.message("en"),
            size,
            a.via,
            a.source[:200],
            exc.message("id"),
        ),
    )


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat()


def _refuse(code: str, id_text: str, en_text: str) -> BundleRejected:
    return BundleRejected(id_text, en_text, code=code)


def _verify(conn: sqlite3.Connection, b: dict[str, Any]) -> bool:
    """Event, dates, booth and signatures, read inside the write transaction that stores the
    bundle. True when this bundle enrols the booth's key (its first accepted bundle)."""
    name, first, last = conn.execute("SELECT name, first_date, last_date FROM event").fetchone()
    if b["event"] != name:
        claimed = b["event"][:CLAIM_CHARS]
        raise _refuse(
            "other_event",
            f"Bundel untuk acara lain ('{claimed}'), hub ini '{name}'",
            f"The bundle is for another event ('{claimed}'), this hub is '{name}'",
        )
    if not first or not last:
        raise _refuse(
            "no_event_dates",
            "Tanggal acara belum diatur; penyelenggara: bazar-pos hub dates DARI..SAMPAI",
            "The event's dates are not set; organizer: bazar-pos hub dates FROM..TO",
        )
    if not first <= b["date"] <= last:
        raise _refuse(
            "outside_dates",
            f"Tanggal {b['date']} di luar tanggal acara ({first} s.d. {last})",
            f"The date {b['date']} is outside the event's dates ({first} to {last})",
        )
    row = conn.execute(
        "SELECT kit_key, public_key FROM booths WHERE code = ?", (b["booth"],)
    ).fetchone()
    if not row:
        raise _refuse(
            "unknown_booth", f"Booth tidak terdaftar: {b['booth']}", f"Unknown booth: {b['booth']}"
        )
    kit_key, enrolled = row
    signer = b["signer"]
    if enrolled is None:
        if kit_key is None or signer["kit_key"] != kit_key:
            raise _refuse(
                "wrong_kit",
                "Bundel ini tidak dari kit booth yang berlaku; minta kit baru ke penyelenggara",
                "This bundle is not vouched for by the booth's current kit; ask the organizer for"
                " a new kit",
            )
        if not bundle.enrolment_ok(b):
            raise _refuse(
                "bad_signature",
                "Kunci booth tidak ditandatangani oleh kitnya",
                "The booth key is not signed by its kit",
            )
    elif signer["public_key"] != enrolled:
        raise _refuse(
            "wrong_key",
            "Bundel ditandatangani kunci lain dari kunci booth ini; jika booth dipasang ulang,"
            " penyelenggara memberi kit baru",
            "The bundle is signed with another key than this booth's; if the booth was set up"
            " again, the organizer issues a new kit",
        )
    if not bundle.signature_ok(b, signer["public_key"]):
        raise _refuse(
            "bad_signature",
            "Tanda tangan bundel tidak cocok (diubah, atau kunci salah)",
            "The bundle signature does not match (altered, or the wrong key)",
        )
    return enrolled is None


def _store(
    conn: sqlite3.Connection, b: dict[str, Any], now: datetime, via: str, source: str
) -> Ingested:
    text = bundle.dumps(b)
    bid = canonical.sha256_hex(text)  # = bundle.bundle_id(b), from the text kept below
    key = (b["booth"], b["date"])
    if conn.execute("SELECT 1 FROM bundles WHERE bundle_id = ?", (bid,)).fetchone():
        return Ingested("duplicate", *key, b["revision"])  # verified when it first came
    if _verify(conn, b):
        conn.execute(
            "UPDATE booths SET public_key = ?, enrolled_at = ? WHERE code = ?",
            (b["signer"]["public_key"], _stamp(now), b["booth"]),
        )
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
        (bid, *key, b["revision"], status, _stamp(now), text, via, source[:200]),
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
    """Copy the accepted bundle's figures into the per booth-day tables the reports read; a new
    revision replaces the row, so a booth-day set aside comes back with the corrected figures."""
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
        " VALUES (?,?,?,?,?,?,?)",
        [
            (*key, p["sku"], p["name"] or p["sku"], p["category"], p["qty"], p["amount"])
            for p in b["products"]
        ],
    )
    conn.execute("DELETE FROM booth_day_hours WHERE booth = ? AND date = ?", key)
    conn.executemany(
        "INSERT INTO booth_day_hours (booth, date, hour, sales_count, net) VALUES (?,?,?,?,?)",
        [(*key, h["hour"], h["sales_count"], h["net"]) for h in b["hours"]],
    )
