"""The journal: an append-only, hash-chained list of everything that happened at the booth.

Every change is one entry, written together with its projections in one transaction, so the
tables a screen reads can always be rebuilt from the journal and checked against it (`verify`).
`hash = sha256(prev_hash + canonical({seq, at, kind, payload}))`: editing, inserting, reordering
or dropping any entry breaks the chain from that point on.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bazar_pos import canonical
from bazar_pos.booth import guarded, projections
from bazar_pos.booth.entry import Entry
from bazar_pos.booth.schema import PROJECTIONS, migrations
from bazar_pos.errors import Conflict, StorageError
from bazar_pos.store import open_conn, write_txn

GENESIS = "0" * 64


def entry_hash(prev_hash: str, seq: int, at: str, kind: str, payload: dict[str, Any]) -> str:
    body = canonical.dumps({"seq": seq, "at": at, "kind": kind, "payload": payload})
    return canonical.sha256_hex(prev_hash + body)


def _hashed_body(seq: int, at: str, kind: str, payload_text: str) -> str:
    """Exactly `canonical.dumps({seq, at, kind, payload})`, reusing the payload's text."""
    return (
        f'{{"at":{canonical.dumps(at)},"kind":{canonical.dumps(kind)},'
        f'"payload":{payload_text},"seq":{seq}}}'
    )


def utc_stamp(now: datetime) -> str:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    # isoformat is `%Y-%m-%dT%H:%M:%S.%f` at half strftime's cost (every entry is stamped)
    return now.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


Person = dict[str, str]
"""`{"name": ..., "role": "owner" | "helper"}`: who is at the till, or who approved."""


class Writer:
    """Appends entries inside one open write transaction, each naming who did it.

    `by` (the person at the till) and, on owner-only kinds, `approved_by` go into the payload,
    so the hash chain and `verify` cover them; entries from before people existed have neither.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        now: datetime,
        by: Person | None = None,
        approved: Person | None = None,
    ):
        self.conn = conn
        self.by = by
        self.approved = approved
        self.at = utc_stamp(now)
        self.seq = 0
        self.head = GENESIS
        self._started = False
        self.kinds: set[str] = set()

    def start_at(self, head: tuple[int, str] | None) -> None:
        """Take the journal head a caller already read in this transaction (saves a query)."""
        self.seq, self.head = head or (0, GENESIS)
        self._started = True

    def append(self, kind: str, payload: dict[str, Any]) -> Entry:
        if not self._started:
            row = self.conn.execute(
                "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            self.start_at((row[0], row[1]) if row else None)
        if guarded.needs_owner(kind, payload):
            if self.approved is None and guarded.owner_pin_set(self.conn):
                raise guarded.refuse()
            if self.approved is not None:
                payload = {**payload, "approved_by": self.approved}
        if self.by is not None:
            payload = {**payload, "by": self.by}
        seq = self.seq + 1
        self.kinds.add(kind)
        text = canonical.dumps(payload)
        digest = canonical.sha256_hex(self.head + _hashed_body(seq, self.at, kind, text))
        self.conn.execute(
            "INSERT INTO entries (seq, at, kind, payload, prev_hash, hash) VALUES (?,?,?,?,?,?)",
            (seq, self.at, kind, text, self.head, digest),
        )
        entry = Entry(seq, self.at, kind, payload, self.head, digest)
        projections.apply(self.conn, entry)
        self.seq, self.head = seq, digest
        return entry


class Ledger:
    """A booth database: the journal plus its projections."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None):
        self.conn = conn
        self.path = path
        self.cache: dict[str, Any] = {}
        self.fault: VerifyResult | None = None  # set by `check_tail` on start
        self.person: Person | None = None  # who is at the till (`staff.at_till`)
        self.approval: Person | None = None  # set only inside `staff.owner_approval`

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Ledger:
        p = Path(path)
        return cls(open_conn(p, migrations.bring_up_to_date, create=create, marker="entries"), p)

    @classmethod
    def in_memory(cls) -> Ledger:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        migrations.bring_up_to_date(conn)
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def writing(self, now: datetime) -> Iterator[Writer]:
        """Everything appended inside is committed together, or nothing is."""
        with write_txn(self.conn) as conn:
            writer = Writer(conn, now, self.person, self.approval)
            yield writer
        if "profile" in writer.kinds:
            self.cache.clear()  # data_version only moves for other connections' writes

    def append(self, kind: str, payload: dict[str, Any], *, now: datetime) -> Entry:
        with self.writing(now) as w:
            return w.append(kind, payload)

    def query(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def head(self) -> tuple[int, str]:
        row = self.conn.execute(
            "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def entries(self, start: int = 1) -> Iterator[Entry]:
        cur = self.conn.execute(
            "SELECT seq, at, kind, payload, prev_hash, hash FROM entries WHERE seq >= ? ORDER BY seq",
            (start,),
        )
        for seq, at, kind, payload, prev, digest in cur:
            yield Entry(seq, at, kind, json.loads(payload), prev, digest)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    head_hash: str
    bad_seq: int | None = None
    problem: str | None = None


def verify(ledger: Ledger) -> VerifyResult:
    """Recompute the chain, then replay every entry into a fresh database and compare projections."""
    prev, count = GENESIS, 0
    replay = Ledger.in_memory()
    try:
        for expected_seq, raw in enumerate(_raw_entries(ledger), start=1):
            seq, at, kind, _, prev_hash, digest = raw
            count = seq
            if seq != expected_seq:
                return VerifyResult(False, count, prev, expected_seq, f"gap in seq before {seq}")
            problem, payload = _chain_problem(prev, raw)
            if problem:
                return VerifyResult(False, count, prev, seq, problem)
            try:
                projections.apply(replay.conn, Entry(seq, at, kind, payload, prev_hash, digest))
            except (sqlite3.DatabaseError, KeyError, TypeError, ValueError, RecursionError) as exc:
                return VerifyResult(False, count, prev, seq, f"entry cannot be replayed: {exc}")
            prev = digest
        for table, key in PROJECTIONS.items():
            differs = _compare(ledger, replay, table, key)
            if differs:
                return VerifyResult(False, count, prev, differs[0], differs[1])
        return VerifyResult(True, count, prev)
    finally:
        replay.close()


TAIL = 16


def check_tail(ledger: Ledger, last: int = TAIL) -> VerifyResult:
    """The cheap check on start: no gap in `seq`, and the last entries hash and chain correctly.

    It remembers a broken result on the ledger, so selling and the close refuse from then on;
    `verify` (and the close) check the whole journal and the tables.
    """
    try:
        count, top = ledger.conn.execute("SELECT COUNT(*), MAX(seq) FROM entries").fetchone()
        rows = ledger.conn.execute(
            "SELECT seq, at, kind, payload, prev_hash, hash FROM entries WHERE seq > ? ORDER BY seq",
            ((top or 0) - last,),
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise _unreadable(exc) from exc
    result = _check_rows(rows, count, top or 0)
    ledger.fault = None if result.ok else result
    return result


def _check_rows(rows: list[tuple[Any, ...]], count: int, top: int) -> VerifyResult:
    head = rows[-1][5] if rows else GENESIS
    if count != top:
        return VerifyResult(False, count, head, None, f"{top - count} entries missing")
    prev = rows[0][4] if rows else GENESIS
    for row in rows:
        problem, _ = _chain_problem(prev, row)
        if problem:
            return VerifyResult(False, count, head, row[0], problem)
        prev = row[5]
    return VerifyResult(True, count, head)


def _chain_problem(prev: str, row: tuple[Any, ...]) -> tuple[str | None, Any]:
    """What is wrong with one entry given the hash before it, else (None, its payload)."""
    seq, at, kind, text, prev_hash, digest = row
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):  # a tampered entry may nest 100,000 deep
        return "payload is not JSON", None
    if canonical.dumps(payload) != text:
        return "payload is not canonical", None
    if prev_hash != prev:
        return "prev_hash does not match", None
    if entry_hash(prev, seq, at, kind, payload) != digest:
        return "hash does not match", None
    return None, payload


class LedgerBroken(Conflict):
    code = "ledger_broken"


def ensure_sound(ledger: Ledger, *, full: bool = False) -> None:
    """Selling and closing stop on a ledger `verify` would call broken, with what to do next."""
    fault = verify(ledger) if full else ledger.fault
    if fault is None or fault.ok:
        return
    where = ledger.path or "booth.db"
    raise LedgerBroken("ledger_broken", bad_seq=fault.bad_seq, problem=fault.problem, where=where)


def _raw_entries(ledger: Ledger) -> Iterator[tuple[Any, ...]]:
    try:
        yield from ledger.conn.execute(
            "SELECT seq, at, kind, payload, prev_hash, hash FROM entries ORDER BY seq"
        )
    except sqlite3.DatabaseError as exc:
        raise _unreadable(exc) from exc


def _unreadable(exc: sqlite3.DatabaseError) -> StorageError:
    return StorageError("db_corrupt", exc=exc)


def _compare(live: Ledger, replay: Ledger, table: str, key: str) -> tuple[int | None, str] | None:
    sql = f"SELECT * FROM {table} ORDER BY {key}"
    a, b = live.query(sql), replay.query(sql)
    if a == b:
        return None
    for left, right in zip(a, b, strict=False):
        if left != right:
            return right.get("seq"), f"{table} row {_key(left, key)} differs from the journal"
    extra = a[len(b) :] or b[len(a) :]
    return None, (
        f"{table} has {len(a)} rows but the journal gives {len(b)} "
        f"(first extra: {_key(extra[0], key)})"
    )


def _key(row: dict[str, Any], key: str) -> str:
    return "/".join(str(row[k.strip()]) for k in key.split(","))
