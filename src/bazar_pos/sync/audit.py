"""Audit a booth's ledger file against what the hub accepted from that booth.

A ledger's own chain proves nothing against someone who rewrites the whole file and recomputes
every hash. The hub's accepted bundles do: each carries the ledger head (position and hash) at its
close, signed by the booth. So a copy of the booth's file must (1) verify as a chain whose
projections replay, (2) hold every accepted head at the same position with the same hash, and
(3) give, replayed up to each head, exactly the figures of that bundle. Offline, read-only.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bazar_pos.booth import close, profile
from bazar_pos.booth.ledger import Entry, Ledger, verify
from bazar_pos.booth.projections import apply
from bazar_pos.errors import StorageError
from bazar_pos.i18n import t
from bazar_pos.sync.bundle import CASH_KEYS, TOTAL_KEYS, public_key


@dataclass
class AuditResult:
    booth: str
    entries: int
    bundles: int
    disagreements: list[str] = field(default_factory=list)  # worded in the current language

    @property
    def ok(self) -> bool:
        return not self.disagreements

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "booth": self.booth,
            "entries": self.entries,
            "bundles": self.bundles,
            "disagreements": self.disagreements,
        }


def open_copy(path: Path) -> Ledger:
    """The booth file read-only: an audit never changes the evidence (no migration, no write)."""
    if not Path(path).is_file():
        raise StorageError("db_missing:booth_file_not_found", path=path)
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'entries'").fetchone():
            conn.close()
            raise StorageError("db_foreign:not_a_bazar_pos_booth", path=path)
    except sqlite3.DatabaseError as exc:
        raise StorageError("db_corrupt:the_file_is_corrupt_or", path=path) from exc
    return Ledger(conn, Path(path))


def booth_code(ledger: Ledger) -> str:
    return profile.load(ledger).code


def public_key_of(ledger: Ledger) -> str | None:
    """The booth's own public key, which a hub enrolled from its first bundle (None: never
    joined a hub)."""
    try:
        row = ledger.conn.execute(
            "SELECT value FROM local_secrets WHERE key = 'booth_key'"
        ).fetchone()
    except sqlite3.OperationalError:  # a booth file from before booths had keys
        return None
    return public_key(row[0]) if row else None


def figures(totals: dict[str, Any], cash: dict[str, Any], products: Any, hours: Any) -> Any:
    """What a bundle reports of a day, in the bundle's own shape."""
    return {
        "totals": {k: totals[k] for k in TOTAL_KEYS} | {"by_payment": dict(totals["by_payment"])},
        "cash": {k: cash[k] for k in CASH_KEYS},
        "products": products,
        "hours": hours,
    }


def audit(ledger: Ledger, accepted: list[dict[str, Any]]) -> AuditResult:
    """Check the ledger against the bundles the hub accepted from its booth (any revision)."""
    code = booth_code(ledger)
    checked = verify(ledger)
    result = AuditResult(code, checked.entries, len(accepted))
    if not checked.ok:
        result.disagreements.append(
            t("audit.fails_own_check", seq=checked.bad_seq, problem=checked.problem)
        )
        return result
    hashes = dict(ledger.conn.execute("SELECT seq, hash FROM entries").fetchall())
    anchored = []
    for b in sorted(accepted, key=lambda x: (x["ledger"]["last_seq"], x["revision"])):
        seq, want = b["ledger"]["last_seq"], b["ledger"]["head_hash"]
        name = f"{b['date']} r{b['revision']}"
        if hashes.get(seq) != want:
            found = hashes.get(seq)
            result.disagreements.append(
                t("audit.rewritten", name=name, want=want[:12], seq=seq, found=found[:12])
                if found
                else t("audit.cut_short", name=name, want=want[:12], seq=seq)
            )
        else:
            anchored.append(b)
    result.disagreements += _recompute(ledger, anchored)
    return result


def _recompute(ledger: Ledger, bundles: list[dict[str, Any]]) -> list[str]:
    """Replay the journal once, stopping at each bundle's head to recompute its day.

    The replay keeps the entries as well as the tables they project: the close reads some
    figures from the journal itself (a refund's lines and its hour), as it did at the booth."""
    out: list[str] = []
    replay = Ledger.in_memory()
    try:
        rows = ledger.conn.execute(
            "SELECT seq, at, kind, payload, prev_hash, hash FROM entries ORDER BY seq"
        )
        done = 0
        for b in bundles:
            stop = b["ledger"]["last_seq"]
            while done < stop:
                seq, at, kind, payload, prev, digest = rows.fetchone()
                replay.conn.execute(
                    "INSERT INTO entries (seq, at, kind, payload, prev_hash, hash)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (seq, at, kind, payload, prev, digest),
                )
                apply(replay.conn, Entry(seq, at, kind, json.loads(payload), prev, digest))
                done = seq
            replay.cache.clear()
            summary = close.summarize(replay, b["date"], counted=b["totals"]["cash"]["counted"])
            mine = figures(summary.totals, summary.cash, summary.products, summary.hours)
            theirs = figures(b["totals"], b["totals"]["cash"], b["products"], b["hours"])
            name = f"{b['date']} r{b['revision']}"
            if summary.revision != b["revision"]:
                out.append(t("audit.revision", name=name, revision=summary.revision))
            for part in ("totals", "cash", "products", "hours"):
                if mine[part] != theirs[part]:
                    out.append(t("audit.part_differs", name=name, part=part))
    finally:
        replay.close()
    return out
