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
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import sqlite_utils

from bazar_pos import canonical
from bazar_pos.hub import set_aside
from bazar_pos.hub.store import WRITE_LOCK
from bazar_pos.store import write_txn
from bazar_pos.sync import bundle, forward
from bazar_pos.sync.bundle import BundleRejected

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
    checked: list[tuple[Arrival, Claim, BundleRejected | None]] = []
    for a in arrivals:
        claim = Claim(None, None)
        try:
            obj = bundle.loads(a.raw, forward.MAX_BYTES)  # a booth bundle and its envelope
            if obj.get("format") == forward.DECISION_FORMAT:
                claim = Claim(None, None, obj)
                forward.check_decision(obj)
            elif obj.get("format") == forward.FORMAT:
                claim = Claim(None, obj)
                claim = Claim(forward.check(obj), obj)
            else:
                claim = Claim(obj, None)
                if len(a.raw) > bundle.MAX_BYTES:
                    raise BundleRejected("too_large:the_bundle_is_too_large")
                bundle.check(obj)
            checked.append((a, claim, None))
        except BundleRejected as exc:
            checked.append((a, claim, exc))
    with WRITE_LOCK, write_txn(db) as conn:
        here = Here.read(conn)
        return [_judge(conn, here, a, claim, refused, now) for a, claim, refused in checked]


@dataclass(frozen=True)
class Here:
    """This hub as every bundle of a group is judged against it, read once inside the group's
    transaction (nothing but ingest writes while it is open): the event, its dates, a parent."""

    event: str
    first: str | None
    last: str | None
    has_parent: bool

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> Here:
        name, first, last = conn.execute("SELECT name, first_date, last_date FROM event").fetchone()
        has_parent = conn.execute("SELECT EXISTS (SELECT 1 FROM parent)").fetchone()[0]
        return cls(name, first, last, bool(has_parent))


@dataclass(frozen=True)
class Claim:
    """What an arrival says it is: a booth bundle, alone or inside a city hub's envelope, or a
    city hub's set-aside decision."""

    b: dict[str, Any] | None
    envelope: dict[str, Any] | None
    decision: dict[str, Any] | None = None

    def booth(self) -> str | None:
        """The booth it names, unverified, for the audit row (`CITY/CODE` when forwarded)."""
        booth = (self.b or {}).get("booth")
        if self.decision is not None:
            code, city = self.decision.get("booth"), self.decision.get("city")
            return f"{city}/{code}" if isinstance(city, str) and isinstance(code, str) else None
        if self.envelope is not None:
            reg = self.envelope.get("registration")
            code = reg.get("code") if isinstance(reg, dict) else None
            city = self.envelope.get("city")
            return f"{city}/{code}" if isinstance(city, str) and isinstance(code, str) else None
        return booth if isinstance(booth, str) else None


def _judge(
    conn: sqlite3.Connection,
    here: Here,
    a: Arrival,
    claim: Claim,
    refused: BundleRejected | None,
    now: datetime,
) -> Ingested | BundleRejected:
    """One bundle inside the group's transaction: stored, or undone to its savepoint and audited."""
    if refused is None and (claim.b is not None or claim.decision is not None):
        conn.execute("SAVEPOINT bundle")
        try:
            stored = _store(conn, here, claim, now, a)
        except BundleRejected as exc:
            conn.execute("ROLLBACK TO bundle")
            refused = exc
        conn.execute("RELEASE bundle")
        if refused is None:
            return stored
    assert refused is not None
    _audit(conn, refused, claim.booth(), len(a.raw), now, a)
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


@lru_cache(maxsize=1)  # a group's bundles share one `now`: stamped once, not per row
def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat()


def _verify(
    conn: sqlite3.Connection, here: Here, b: dict[str, Any], code: str, *, forwarded: bool
) -> bool:
    """Event, dates, booth and signatures, read inside the write transaction that stores the
    bundle. True when this bundle enrols the booth's key (its first accepted bundle).

    A forwarded booth's kit was issued by its city hub, not here: its first key is enrolled on the
    booth-side proof alone (its kit key signed it), and from then on pinned like any other."""
    if b["event"] != here.event:
        claimed = b["event"][:CLAIM_CHARS]
        raise BundleRejected(
            "other_event:the_bundle_is_for_another", claimed=claimed, name=here.event
        )
    if not here.first or not here.last:
        raise BundleRejected("no_event_dates")
    if not here.first <= b["date"] <= here.last:
        raise BundleRejected("outside_dates", date=b["date"], first=here.first, last=here.last)
    row = conn.execute("SELECT kit_key, public_key FROM booths WHERE code = ?", (code,)).fetchone()
    if not row:
        raise BundleRejected("unknown_booth:unknown_booth_2", code=code)
    kit_key, enrolled = row
    signer = b["signer"]
    if enrolled is None:
        if not forwarded and (kit_key is None or signer["kit_key"] != kit_key):
            raise BundleRejected("wrong_kit")
        if not bundle.enrolment_ok(b):
            raise BundleRejected("bad_signature:the_booth_key_is_not")
    elif signer["public_key"] != enrolled:
        raise BundleRejected("wrong_key")
    if not bundle.signature_ok(b, signer["public_key"]):
        raise BundleRejected("bad_signature")
    return enrolled is None


def _store(
    conn: sqlite3.Connection, here: Here, claim: Claim, now: datetime, a: Arrival
) -> Ingested:
    if claim.decision is not None:
        return Ingested(*set_aside.take_forwarded(conn, claim.decision, event=here.event, now=now))
    b = claim.b
    assert b is not None
    code = b["booth"] if claim.envelope is None else _verify_hub(conn, claim.envelope, now)
    text = bundle.dumps(b)
    bid = canonical.sha256_hex(text)  # = bundle.bundle_id(b), from the text kept below
    key = (code, b["date"])
    known = conn.execute("SELECT booth FROM bundles WHERE bundle_id = ?", (bid,)).fetchone()
    if known and known[0] != code:
        raise _replay(bid, known[0])
    if known:
        return Ingested("duplicate", *key, b["revision"])  # verified when it first came
    if _verify(conn, here, b, code, forwarded=claim.envelope is not None):
        other = conn.execute(
            "SELECT code FROM booths WHERE public_key = ? AND code != ?",
            (b["signer"]["public_key"], code),
        ).fetchone()
        if other:
            raise _replay(bid, other[0])
        conn.execute(
            "UPDATE booths SET public_key = ?, enrolled_at = ? WHERE code = ?",
            (b["signer"]["public_key"], _stamp(now), code),
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
        (bid, *key, b["revision"], status, _stamp(now), text, a.via, a.source[:200]),
    )
    if here.has_parent:  # waits for the parent hub
        conn.execute("INSERT INTO outbox (bundle_id, queued_at) VALUES (?, ?)", (bid, _stamp(now)))
    if status == "accepted":
        if current is not None:  # a booth-day's first bundle has nothing to replace
            conn.execute(
                "UPDATE bundles SET status = 'superseded' WHERE booth = ? AND date = ?"
                " AND status = 'accepted' AND bundle_id != ?",
                (*key, bid),
            )
        _project(conn, b, bid, code, first=current is None)
    return Ingested(status, *key, b["revision"])


def _replay(bid: str, owner: str) -> BundleRejected:
    return BundleRejected("replay", owner=owner, bid=bid[:12])


def _verify_hub(conn: sqlite3.Connection, env: dict[str, Any], now: datetime) -> str:
    """The city hub behind an envelope: a city registered here, its hub key (enrolled by the
    hub kit's proof the first time, pinned after), its signature over the whole envelope, and a
    booth registered here for that city. Returns the booth's key here, `CITY/CODE`."""
    city = env["city"]
    row = conn.execute("SELECT kit_key, public_key FROM cities WHERE code = ?", (city,)).fetchone()
    if not row:
        raise BundleRejected("unknown_city", city=city)
    kit_key, enrolled = row
    hub = env["hub"]
    if enrolled is None:
        if hub["kit_key"] != kit_key or not forward.hub_enrolment_ok(env):
            raise BundleRejected("wrong_hub", city=city)
    elif hub["public_key"] != enrolled:
        raise BundleRejected("wrong_hub:the_forwarded_bundle_is_signed", city=city)
    if not forward.signature_ok(env, hub["public_key"]):
        raise BundleRejected("bad_signature:the_city_hub_s_signature")
    if enrolled is None:
        conn.execute(
            "UPDATE cities SET public_key = ?, enrolled_at = ? WHERE code = ?",
            (hub["public_key"], _stamp(now), city),
        )
    return f"{city}/{env['registration']['code']}"


def _project(
    conn: sqlite3.Connection, b: dict[str, Any], bid: str, code: str, *, first: bool
) -> None:
    """Copy the accepted bundle's figures into the per booth-day tables the reports read; a new
    revision replaces the row, so a booth-day set aside comes back with the corrected figures.
    Product and hour rows exist only beside a `booth_days` row: a `first` report deletes none."""
    key = (code, b["date"])
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
    if not first:
        conn.execute("DELETE FROM booth_day_products WHERE booth = ? AND date = ?", key)
        conn.execute("DELETE FROM booth_day_hours WHERE booth = ? AND date = ?", key)
    conn.executemany(
        "INSERT INTO booth_day_products (booth, date, sku, name, category, qty, amount)"
        " VALUES (?,?,?,?,?,?,?)",
        [
            (*key, p["sku"], p["name"] or p["sku"], p["category"], p["qty"], p["amount"])
            for p in b["products"]
        ],
    )
    conn.executemany(
        "INSERT INTO booth_day_hours (booth, date, hour, sales_count, net) VALUES (?,?,?,?,?)",
        [(*key, h["hour"], h["sales_count"], h["net"]) for h in b["hours"]],
    )
