"""Hubs above hubs: a province registers its city hubs, and a city hub joins its province.

The province makes each city a hub kit holding a one-time key, as it makes booth kits: it keeps
only the public half, and the first forwarded bundle vouched for by that key enrols the city
hub's own key, made at `hub parent join`. The city hub keeps its private key and the kit's key in
a 0600 file beside its database, never in it: a copy of `hub.db` can sign nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.hub import registry
from bazar_pos.store import private_file, write_txn
from bazar_pos.sync import bundle
from bazar_pos.sync.kit import KitFile

KEY_FORMAT = "bazar-pos/hub-key"


@dataclass(frozen=True)
class HubKit(KitFile):
    FORMAT = "bazar-pos/hub-kit"
    VERSION = 1
    KIND = "hub"
    OPTIONAL = "parent_url"

    event: str
    city: str
    name: str
    parent_url: str
    kit_key: str


@dataclass(frozen=True)
class Parent:
    """This hub's link upward: what it forwards as, to where, and the keys it signs with."""

    city: str
    event: str
    url: str
    hub_key: str
    kit_key: str


def _city_code(code: str) -> str:
    code = code.strip().upper()
    if not registry.valid_code(code):
        raise InvalidInput("bad_city_code", code=code)
    return code


def add_city(db: sqlite_utils.Database, code: str, *, name: str) -> HubKit:
    """Register a city hub, or issue it a new kit (a lost kit, a new laptop): the new kit enrols
    the city hub's key again and the old one stops working."""
    ev = registry.event(db)
    code = _city_code(code)
    if not name.strip():
        raise InvalidInput("no_name:the_city_name_is_required")
    kit_key = bundle.new_key()
    with write_txn(db) as conn:
        conn.execute(
            "INSERT INTO cities (code, name, kit_key) VALUES (?, ?, ?) ON CONFLICT (code) DO"
            " UPDATE SET name = excluded.name, kit_key = excluded.kit_key, public_key = NULL,"
            " enrolled_at = NULL",
            (code, name.strip(), bundle.public_key(kit_key)),
        )
    return HubKit(ev.name, code, name.strip(), ev.hub_url, kit_key)


def cities(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT code, name, enrolled_at IS NOT NULL AS enrolled FROM cities ORDER BY code"
    )
    return [{"code": c, "name": n, "enrolled": bool(e)} for c, n, e in cur.fetchall()]


def key_path(db: sqlite_utils.Database) -> Path:
    """The parent-link key file beside this hub's database file."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).with_suffix(".parent-key.json")


def join_parent(
    db: sqlite_utils.Database, kit_path: Path, *, url: str | None = None, now: datetime
) -> Parent:
    """Make this hub's own key and link it to its parent; every bundle kept from now on (and
    every one kept before) waits in the outbox until the parent has it, and so does every
    set-aside decision."""
    kit = HubKit.read(kit_path)
    ev = registry.event(db)
    if kit.event != ev.name:
        raise InvalidInput("other_event:the_hub_kit_is_for", event=kit.event, name=ev.name)
    parent = Parent(kit.city, kit.event, url or kit.parent_url, bundle.new_key(), kit.kit_key)
    with private_file(key_path(db)) as fh:
        fh.write(json.dumps({"format": KEY_FORMAT, **asdict(parent)}).encode())
    with write_txn(db) as conn:
        conn.execute(
            "INSERT OR REPLACE INTO parent (id, city, event, url, public_key, joined_at)"
            " VALUES (1, ?, ?, ?, ?, ?)",
            (
                parent.city,
                parent.event,
                parent.url,
                bundle.public_key(parent.hub_key),
                now.astimezone(UTC).isoformat(),
            ),
        )
        conn.execute(
            "INSERT OR IGNORE INTO outbox (bundle_id, queued_at) SELECT bundle_id, ? FROM bundles",
            (now.astimezone(UTC).isoformat(),),
        )
        conn.execute("UPDATE set_asides SET forward_state = 'waiting' WHERE forward_state IS NULL")
    return parent


def parent(db: sqlite_utils.Database) -> Parent:
    """This hub's parent link with its keys, or a clear refusal when it has joined none."""
    row = db.execute("SELECT public_key FROM parent").fetchone()
    path = key_path(db)
    if not row or not path.is_file():
        raise NotFound("no_parent")
    data = json.loads(path.read_text(encoding="utf-8"))
    found = Parent(**{k: data[k] for k in Parent.__dataclass_fields__})
    if bundle.public_key(found.hub_key) != row[0]:
        raise NotFound("no_parent:the_key_file_is_not", path=path)
    return found
