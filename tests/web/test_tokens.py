"""Web tokens and sessions in the hub database: only hashes, scoped, and migrated in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlite_utils

from bazar_pos.hub import registry, tokens
from bazar_pos.hub.schema import migrations
from bazar_pos.hub.store import open_hub
from tests.conftest import NOW
from tests.hubkit import DATES, EVENT
from tests.web.conftest import WebHub


def dump(db: sqlite_utils.Database) -> str:
    return json.dumps(
        [db.execute(f"SELECT * FROM {t}").fetchall() for t in ("event", "tokens", "web_sessions")]
    )


def test_tokens_and_sessions_are_kept_only_as_hashes(web_hub: WebHub) -> None:
    db = open_hub(web_hub.path)
    session, scope = tokens.login(db, web_hub.rina, now=NOW)
    assert scope == tokens.Scope("pengampu", "Bu Rina") and scope.pengampu == "Bu Rina"
    assert tokens.session_scope(db, session, now=NOW) == scope
    stored = dump(db)
    for secret in (web_hub.organizer, web_hub.rina, web_hub.budi, session):
        assert secret not in stored


def test_a_session_ends_when_it_expires(web_hub: WebHub) -> None:
    from datetime import timedelta

    db = open_hub(web_hub.path)
    session, _ = tokens.login(db, web_hub.organizer, now=NOW)
    later = NOW + timedelta(hours=tokens.SESSION_HOURS + 1)
    assert tokens.session_scope(db, session, now=later) is None


def test_a_hub_from_before_migration_0004_gains_tokens_and_keeps_its_organizer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    migrations.apply(old, stop_before="0004_web_tokens")
    assert "tokens" not in old.table_names()
    old.conn.close()
    db = open_hub(path)
    organizer = registry.init_hub(db, EVENT, dates=DATES, now=NOW)
    registry.add_booth(db, "B-1", name="Kue", location="L", pengampu="Bu Rina")
    _, rina = tokens.issue_pengampu_token(db, "Bu Rina", now=NOW)
    assert tokens.login(db, organizer, now=NOW)[1] == tokens.ORGANIZER
    assert tokens.login(db, rina, now=NOW)[1].kind == "pengampu"
    assert [m.name for m in migrations.pending(db)] == []
