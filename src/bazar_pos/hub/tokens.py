"""Who may read what on the web pages: scoped read-only tokens and the sessions they open.

The organizer token (kept in `event`) sees everything; a pengampu token sees only the booths of
that pengampu. A scope is a kind and a value, so a city scope (a city token at a province hub)
is one more kind. Tokens and sessions are kept only as hashes: a copy of hub.db opens nothing.
Every check reads the database, so a revoked token or a new organizer token ends its sessions
on the next request.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.hub.registry import event, token_hash
from bazar_pos.store import write_txn

SESSION_HOURS = 24 * 7  # an event lasts days; a phone should not ask again every morning


@dataclass(frozen=True)
class Scope:
    """What a token may read: `organizer` (everything), `pengampu` (that pengampu's booths) or
    `city` (that city's booths, at a province hub)."""

    kind: str
    value: str = ""

    @property
    def pengampu(self) -> str | None:
        """The pengampu filter for the hub's read functions; None means every booth."""
        return self.value if self.kind == "pengampu" else None

    @property
    def city(self) -> str | None:
        """The city filter (a city token at a province hub); None means every city."""
        return self.value if self.kind == "city" else None

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value}


ORGANIZER = Scope("organizer")


def pengampu_names(db: sqlite_utils.Database) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT pengampu FROM booths WHERE pengampu != '' ORDER BY pengampu"
        )
    ]


def issue_pengampu_token(db: sqlite_utils.Database, name: str, *, now: datetime) -> tuple[int, str]:
    """A new read-only token for one pengampu's booths (shown once); returns (id, token).

    Refuses a name no booth carries: a typo would hand out a token that sees nothing.
    """
    event(db)
    known = pengampu_names(db)
    name = name.strip()
    if name not in known:
        raise NotFound("unknown_pengampu", name=name, value=", ".join(known) or "-")
    return _issue(db, Scope("pengampu", name), "pg", now)


def _issue(db: sqlite_utils.Database, scope: Scope, prefix: str, now: datetime) -> tuple[int, str]:
    """Keep only the new token's hash; the prefix means no token starts with a '-' that a shell
    reads as an option."""
    token = prefix + secrets.token_urlsafe(24)
    with write_txn(db) as conn:
        cur = conn.execute(
            "INSERT INTO tokens (token_hash, scope_kind, scope_value, created_at)"
            " VALUES (?, ?, ?, ?)",
            (token_hash(token), scope.kind, scope.value, now.astimezone(UTC).isoformat()),
        )
    return int(cur.lastrowid or 0), token


def issue_city_token(db: sqlite_utils.Database, city: str, *, now: datetime) -> tuple[int, str]:
    """A new read-only token for one city's booths at a province hub (shown once)."""
    event(db)
    city = city.strip().upper()
    known = [r[0] for r in db.execute("SELECT code FROM cities ORDER BY code")]
    if city not in known:
        raise NotFound(
            "unknown_city:the_city_is_not_registered", city=city, value=", ".join(known) or "-"
        )
    return _issue(db, Scope("city", city), "ct", now)


def list_tokens(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT id, scope_kind AS kind, scope_value AS value, created_at, revoked_at"
        " FROM tokens ORDER BY id"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def revoke(db: sqlite_utils.Database, which: str, *, now: datetime) -> dict[str, Any]:
    """Revoke a token by its number (from `hub token list`) or by the token itself; its
    sessions end on their next request. Revoking twice changes nothing."""
    which = which.strip()
    with write_txn(db) as conn:
        row = conn.execute(
            "SELECT id, scope_kind, scope_value, revoked_at FROM tokens"
            " WHERE id = ? OR token_hash = ?",
            (int(which) if which.isdigit() else -1, token_hash(which)),
        ).fetchone()
        if not row:
            raise NotFound("unknown_token", which=which[:12])
        revoked_at = row[3] or now.astimezone(UTC).isoformat()
        conn.execute("UPDATE tokens SET revoked_at = ? WHERE id = ?", (revoked_at, row[0]))
        conn.execute(
            "DELETE FROM web_sessions WHERE token_hash = (SELECT token_hash FROM tokens"
            " WHERE id = ?)",
            (row[0],),
        )
    return {"id": row[0], "kind": row[1], "value": row[2], "revoked_at": revoked_at}


def scope_of_hash(db: sqlite_utils.Database, hashed: str) -> Scope | None:
    """The scope a token hash grants now, or None (unknown, revoked or replaced)."""
    if hmac.compare_digest(hashed, event(db).token_hash):
        return ORGANIZER
    row = db.execute(
        "SELECT scope_kind, scope_value FROM tokens WHERE token_hash = ? AND revoked_at IS NULL",
        (hashed,),
    ).fetchone()
    return Scope(row[0], row[1]) if row else None


def login(db: sqlite_utils.Database, token: str, *, now: datetime) -> tuple[str, Scope]:
    """Open a session for a valid token; returns (session id for the cookie, scope).

    Only the session id's hash is stored; expired sessions are swept here.
    """
    hashed = token_hash(token.strip())
    scope = scope_of_hash(db, hashed) if token.strip() else None
    if scope is None:
        raise InvalidInput("bad_token")
    session = secrets.token_urlsafe(32)
    at = now.astimezone(UTC)
    with write_txn(db) as conn:
        conn.execute("DELETE FROM web_sessions WHERE expires_at < ?", (at.isoformat(),))
        conn.execute(
            "INSERT INTO web_sessions (session_hash, token_hash, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (
                token_hash(session),
                hashed,
                at.isoformat(),
                (at + timedelta(hours=SESSION_HOURS)).isoformat(),
            ),
        )
    return session, scope


def session_scope(db: sqlite_utils.Database, session: str, *, now: datetime) -> Scope | None:
    """The scope of a live session, or None; checked against the token on every request."""
    if not session:
        return None
    row = db.execute(
        "SELECT token_hash FROM web_sessions WHERE session_hash = ? AND expires_at >= ?",
        (token_hash(session), now.astimezone(UTC).isoformat()),
    ).fetchone()
    return scope_of_hash(db, row[0]) if row else None


def logout(db: sqlite_utils.Database, session: str) -> None:
    with write_txn(db) as conn:
        conn.execute("DELETE FROM web_sessions WHERE session_hash = ?", (token_hash(session),))
