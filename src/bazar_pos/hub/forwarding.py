"""The city hub's outbox toward its parent: every bundle kept here, sealed in an envelope, until
the parent has it.

Envelopes are made at send time from the bundle exactly as stored (the booth's own canonical
text) and the booth's registration here. Over HTTP they go in batches as newline-delimited JSON
to `POST /api/v1/forwarded`; what could not get through waits for the next try (automatic after
each accepted bundle while `hub serve` runs, or `hub forward`); what the parent refuses is kept as
refused with its reason and not sent again. `hub forward --to-dir` writes them as files instead.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import sqlite_utils

from bazar_pos import i18n
from bazar_pos.hub import cities, set_aside
from bazar_pos.hub.ingest import Arrival, Ingested, ingest_many
from bazar_pos.store import private_dir, write_txn
from bazar_pos.sync import forward
from bazar_pos.sync.bundle import BundleRejected

BATCH_BYTES = 4_000_000  # one request stays well under the parent's body limit
PATH = "/api/v1/forwarded"
RETRY_SECONDS = 30.0


@dataclass
class ForwardReport:
    sent: int = 0
    waiting: int = 0
    refused: list[dict[str, str]] = field(default_factory=list)
    unreachable: str | None = None
    parent: str = ""
    files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "waiting": self.waiting,
            "refused": self.refused,
            "unreachable": self.unreachable,
            "parent": self.parent,
            "files": self.files,
        }


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).isoformat()


def waiting_count(db: sqlite_utils.Database) -> int:
    """Everything the parent does not have yet: bundles and set-aside decisions. The one figure
    every screen and command shows, so no organizer thinks all arrived while a decision waits."""
    return _bundles_waiting(db) + _decisions_waiting(db)


def _bundles_waiting(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'waiting'").fetchone()[0])


def _decisions_waiting(db: sqlite_utils.Database) -> int:
    sql = "SELECT COUNT(*) FROM set_asides WHERE forward_state = 'waiting'"
    return int(db.execute(sql).fetchone()[0])


def _envelopes(db: sqlite_utils.Database, parent: cities.Parent) -> Iterator[tuple[str, str]]:
    """(bundle id, envelope text) for every waiting bundle, oldest first."""
    cur = db.execute(
        "SELECT o.bundle_id, x.body, b.code, b.name, b.location, b.pengampu, b.category"
        " FROM outbox o JOIN bundles x USING (bundle_id) JOIN booths b ON b.code = x.booth"
        " WHERE o.state = 'waiting' ORDER BY x.id"
    )
    for bid, body, code, name, location, pengampu, category in cur.fetchall():
        registration = {
            "code": code,
            "name": name,
            "location": location,
            "pengampu": pengampu,
            "category": category,
        }
        env = forward.make(
            json.loads(body),
            registration,
            city=parent.city,
            hub_key=parent.hub_key,
            kit_key=parent.kit_key,
        )
        yield bid, forward.dumps(env)


def _batches(items: Iterator[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    size = 0
    for item in items:
        if batch and (size + len(item[1]) > BATCH_BYTES or len(batch) >= forward.MAX_BATCH):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[1]) + 1
    if batch:
        yield batch


def _mark(db: sqlite_utils.Database, rows: list[tuple[str, str, str]], now: datetime) -> None:
    """(bundle id, state, reason) after one answer from the parent."""
    with write_txn(db) as conn:
        conn.executemany(
            "UPDATE outbox SET state = ?, last_error = ?, sent_at = ?, attempts = attempts + 1"
            " WHERE bundle_id = ?",
            [(state, why, _stamp(now), bid) for bid, state, why in rows],
        )


Post = Callable[[bytes], "list[dict[str, Any]] | str"]
"""One batch (newline-delimited envelopes) to the parent: its verdicts, or why it did not arrive."""


def http_post(url: str, client: httpx.Client) -> Post:
    def post(body: bytes) -> list[dict[str, Any]] | str:
        try:
            response = client.post(
                url + PATH,
                content=body,
                headers={"Content-Type": "application/x-ndjson", "Accept-Language": i18n.current()},
            )
            results = response.json()["results"] if response.status_code < 500 else None
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        except (ValueError, KeyError, TypeError):
            results = None
        return results if isinstance(results, list) else f"HTTP {response.status_code}"

    return post


def verdicts(results: list[Ingested | BundleRejected], lang: str) -> list[dict[str, Any]]:
    """The parent's answer per envelope: the ingest result, or the refusal's code and reason in
    the sending hub's language (`Accept-Language`, as for a refused bundle)."""
    return [
        {"error": {"code": r.code, "message": r.message(lang)}}
        if isinstance(r, BundleRejected)
        else r.to_json()
        for r in results
    ]


def local_post(parent_db: sqlite_utils.Database, *, now: Callable[[], datetime]) -> Post:
    """A parent hub in the same process (the province demo): the same judging, no HTTP."""

    def post(body: bytes) -> list[dict[str, Any]]:
        arrivals = [Arrival(line, "forward", "local") for line in body.split(b"\n")]
        return verdicts(ingest_many(parent_db, arrivals, now=now()), i18n.current())

    return post


def send(
    db: sqlite_utils.Database,
    *,
    now: Callable[[], datetime],
    url: str | None = None,
    timeout: float = 30.0,
) -> ForwardReport:
    """Send every waiting bundle to the parent over HTTP; stops at the first unreachable try."""
    target = (url or cities.parent(db).url).rstrip("/")
    if not target:
        return ForwardReport(waiting=waiting_count(db), unreachable="no parent URL")
    with httpx.Client(timeout=timeout) as client:
        report = deliver(db, http_post(target, client), now=now)
    report.parent = target
    return report


def deliver(db: sqlite_utils.Database, post: Post, *, now: Callable[[], datetime]) -> ForwardReport:
    """Every waiting bundle through `post`, batch by batch, each marked by the parent's verdict:
    sent, refused for good (with why), or still waiting (the parent's store was busy). The
    set-aside decisions go once no bundle waits, so the parent has the bundles they name."""
    report = ForwardReport()
    parent = cities.parent(db)
    if _through(db, post, _envelopes(db, parent), _mark, report, now) and not _bundles_waiting(db):
        _through(db, post, _decisions(db, parent), _mark_decisions, report, now)
    report.waiting = waiting_count(db)
    return report


Mark = Callable[[sqlite_utils.Database, list[tuple[Any, str, str]], datetime], None]


def _through(
    db: sqlite_utils.Database,
    post: Post,
    items: Iterator[tuple[Any, str]],
    mark: Mark,
    report: ForwardReport,
    now: Callable[[], datetime],
) -> bool:
    """`items` through `post` batch by batch; False when the parent could not be reached."""
    for batch in _batches(items):
        results = post("\n".join(text for _, text in batch).encode("utf-8"))
        if isinstance(results, str) or len(results) != len(batch):
            report.unreachable = results if isinstance(results, str) else "a short answer"
            return False
        marks = []
        for (key, _), result in zip(batch, results, strict=True):
            error = result.get("error")
            if error is None or error.get("code") in ("db_busy", "db_io"):
                marks.append((key, "sent" if error is None else "waiting", ""))
                report.sent += error is None
            else:
                marks.append((key, "refused", str(error.get("message", ""))))
                report.refused.append({"bundle": str(key), "reason": str(error.get("message"))})
        mark(db, marks, now())
    return True


def _decisions(db: sqlite_utils.Database, parent: cities.Parent) -> Iterator[tuple[int, str]]:
    return set_aside.waiting(db, event=parent.event, city=parent.city, hub_key=parent.hub_key)


def _mark_decisions(
    db: sqlite_utils.Database, rows: list[tuple[int, str, str]], now: datetime
) -> None:
    with write_txn(db) as conn:
        conn.executemany(
            "UPDATE set_asides SET forward_state = ?, forward_error = ? WHERE id = ?",
            [(state, why, rid) for rid, state, why in rows],
        )


def to_dir(db: sqlite_utils.Database, folder: Path, *, now: datetime) -> ForwardReport:
    """Write each waiting bundle as an envelope file for `hub import` at the parent, and count
    it as sent: the parent takes each file once, however often it is imported."""
    parent = cities.parent(db)
    private_dir(folder)
    report = ForwardReport(parent=str(folder))
    marks = []
    for bid, text in _envelopes(db, parent):
        path = folder / f"{parent.city}-{bid[:16]}.forwarded.json"
        path.write_text(text + "\n", encoding="utf-8")
        report.files.append(str(path))
        marks.append((bid, "sent", ""))
    _mark(db, marks, now)
    decided = []
    for rid, text in _decisions(db, parent):  # named after the bundles: `hub import dir/*` order
        path = folder / f"{parent.city}-set-aside-{rid:09d}.forwarded.json"
        path.write_text(text + "\n", encoding="utf-8")
        report.files.append(str(path))
        decided.append((rid, "sent", ""))
    _mark_decisions(db, decided, now)
    report.sent = len(marks) + len(decided)
    return report


class Forwarder:
    """`hub serve`'s background sender: wakes after each accepted bundle (or every
    RETRY_SECONDS), on its own connection, so ingest never waits for the parent."""

    def __init__(self, db_path: Path, now: Callable[[], datetime]):
        self.db_path, self.now = db_path, now
        self.wake = threading.Event()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="forwarder", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def poke(self) -> None:
        self.wake.set()

    def stop(self) -> None:
        self.stopping = True
        self.wake.set()
        self.thread.join(timeout=RETRY_SECONDS)

    def _run(self) -> None:
        from bazar_pos.errors import BazarError
        from bazar_pos.hub.store import open_hub

        db = open_hub(self.db_path)
        try:
            while not self.stopping:
                self.wake.wait(RETRY_SECONDS)
                self.wake.clear()
                if self.stopping:
                    break
                try:
                    if waiting_count(db):
                        send(db, now=self.now)
                except BazarError:
                    continue  # no parent (yet), or the store is busy: the next wake tries again
        finally:
            db.close()
