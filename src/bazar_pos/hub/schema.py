"""The hub database as numbered migrations; a released migration is never edited, only followed.

Every bundle received is kept (`bundles`); the latest accepted revision per booth and day is
copied into `booth_days` (with its products and hours) at ingest, so status and the event report
read small per booth-day tables instead of re-reading JSON.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("bazar_pos.hub")
MARKER = "bundles"  # a non-empty database without this table is not a hub


@migrations(name="0001_hub")
def m0001(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            timezone TEXT NOT NULL,
            hub_url TEXT NOT NULL DEFAULT '',
            token_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE booths (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            location TEXT NOT NULL DEFAULT '',
            pengampu TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            secret TEXT NOT NULL
        );
        CREATE TABLE bundles (
            id INTEGER PRIMARY KEY,
            bundle_id TEXT NOT NULL UNIQUE,
            booth TEXT NOT NULL REFERENCES booths(code),
            date TEXT NOT NULL,
            revision INTEGER NOT NULL,
            status TEXT NOT NULL,
            received_at TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX bundles_booth_date ON bundles(booth, date);
        CREATE TABLE booth_days (
            booth TEXT NOT NULL REFERENCES booths(code),
            date TEXT NOT NULL,
            revision INTEGER NOT NULL,
            bundle_id TEXT NOT NULL,
            sales_count INTEGER NOT NULL,
            gross INTEGER NOT NULL,
            discounts INTEGER NOT NULL,
            voids INTEGER NOT NULL,
            refunds INTEGER NOT NULL,
            net INTEGER NOT NULL,
            cash INTEGER NOT NULL,
            qris INTEGER NOT NULL,
            transfer INTEGER NOT NULL,
            other INTEGER NOT NULL,
            cash_difference INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            PRIMARY KEY (booth, date)
        );
        CREATE TABLE booth_day_products (
            booth TEXT NOT NULL,
            date TEXT NOT NULL,
            sku TEXT NOT NULL,
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            qty INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            PRIMARY KEY (booth, date, sku)
        );
        CREATE TABLE booth_day_hours (
            booth TEXT NOT NULL,
            date TEXT NOT NULL,
            hour INTEGER NOT NULL,
            sales_count INTEGER NOT NULL,
            net INTEGER NOT NULL,
            PRIMARY KEY (booth, date, hour)
        );
        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            booth TEXT,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            size INTEGER NOT NULL
        );
        """
    )


@migrations(name="0002_provenance_and_cash")
def m0002(db: Database) -> None:
    """Where each bundle and refusal came from (HTTP client or file), a refusal's reason in
    Indonesian beside the English `reason`, and the rest of a day's totals (voided sales, cash
    expected and counted), backfilled from the bundles in use.

    Statement by statement, not `executescript`: that commits first and would break the
    migration's transaction.
    """
    for column in (
        "bundles ADD COLUMN via TEXT NOT NULL DEFAULT ''",
        "bundles ADD COLUMN source TEXT NOT NULL DEFAULT ''",
        "rejections ADD COLUMN via TEXT NOT NULL DEFAULT ''",
        "rejections ADD COLUMN source TEXT NOT NULL DEFAULT ''",
        "rejections ADD COLUMN reason_id TEXT NOT NULL DEFAULT ''",
        "booth_days ADD COLUMN voided_count INTEGER NOT NULL DEFAULT 0",
        "booth_days ADD COLUMN cash_expected INTEGER NOT NULL DEFAULT 0",
        "booth_days ADD COLUMN cash_counted INTEGER NOT NULL DEFAULT 0",
    ):
        db.execute(f"ALTER TABLE {column}")
    db.execute(
        "UPDATE booth_days SET (voided_count, cash_expected, cash_counted) = ("
        " SELECT json_extract(body, '$.totals.voided_count'),"
        " json_extract(body, '$.totals.cash.expected'), json_extract(body, '$.totals.cash.counted')"
        " FROM bundles WHERE bundles.bundle_id = booth_days.bundle_id)"
    )


@migrations(name="0003_trust")
def m0003(db: Database) -> None:
    """Public keys only, the event's dates, and booth-days set aside by the organizer.

    The booths' HMAC secrets go: with them anyone holding `hub.db` could sign as any booth. A booth
    registered before this needs a new kit (`hub booth kit CODE`), which enrols its own key.
    The event's dates start as the span already reported (none: every bundle waits for
    `hub dates`). `set_asides` keeps every reject and restore with its reason.
    """
    for statement in (
        "ALTER TABLE booths DROP COLUMN secret",
        "ALTER TABLE booths ADD COLUMN kit_key TEXT",
        "ALTER TABLE booths ADD COLUMN public_key TEXT",
        "ALTER TABLE booths ADD COLUMN enrolled_at TEXT",
        "ALTER TABLE event ADD COLUMN first_date TEXT",
        "ALTER TABLE event ADD COLUMN last_date TEXT",
        "ALTER TABLE booth_days ADD COLUMN set_aside INTEGER NOT NULL DEFAULT 0",
        "UPDATE event SET (first_date, last_date) = (SELECT MIN(date), MAX(date) FROM booth_days)",
        "CREATE TABLE set_asides (id INTEGER PRIMARY KEY, at TEXT NOT NULL, booth TEXT NOT NULL,"
        " date TEXT NOT NULL, bundle_id TEXT NOT NULL, action TEXT NOT NULL, reason TEXT NOT NULL)",
    ):
        db.execute(statement)


@migrations(name="0004_web_tokens")
def m0004(db: Database) -> None:
    """Read-only tokens for the web pages, each with a scope (kind + value: a pengampu now, a
    city later), kept only as hashes; and the login sessions they open, also hashed, so a copy
    of the database opens no session. The organizer token stays in `event`.
    """
    db.execute(
        "CREATE TABLE tokens ("
        " id INTEGER PRIMARY KEY,"
        " token_hash TEXT NOT NULL UNIQUE,"
        " scope_kind TEXT NOT NULL,"
        " scope_value TEXT NOT NULL,"
        " created_at TEXT NOT NULL,"
        " revoked_at TEXT)"
    )
    db.execute(
        "CREATE TABLE web_sessions ("
        " session_hash TEXT PRIMARY KEY,"
        " token_hash TEXT NOT NULL,"
        " created_at TEXT NOT NULL,"
        " expires_at TEXT NOT NULL)"
    )


@migrations(name="0005_cities")
def m0005(db: Database) -> None:
    """Hubs above hubs. A booth's city (`wilayah`); at a hub that registered city hubs a booth is
    keyed `CITY/CODE`, since codes are unique only per city. `cities`: the city hubs this hub
    takes forwarded bundles from, each with its hub kit's public key and the hub key it enrolled.
    `parent`: this hub's own link upward and the public half of its own key (made at `hub parent
    join`; the private half and the hub kit's key live in a 0600 file beside the database).
    `outbox`: every bundle kept here waits (`waiting`) until the parent has it (`sent`) or
    refuses it for good (`refused`, with why).
    """
    for statement in (
        "ALTER TABLE booths ADD COLUMN city TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE cities (code TEXT PRIMARY KEY, name TEXT NOT NULL, kit_key TEXT,"
        " public_key TEXT, enrolled_at TEXT)",
        "CREATE TABLE parent (id INTEGER PRIMARY KEY CHECK (id = 1), city TEXT NOT NULL,"
        " event TEXT NOT NULL, url TEXT NOT NULL, public_key TEXT NOT NULL, joined_at TEXT NOT NULL)",
        "CREATE TABLE outbox (bundle_id TEXT PRIMARY KEY, queued_at TEXT NOT NULL,"
        " state TEXT NOT NULL DEFAULT 'waiting', sent_at TEXT,"
        " attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '')",
        "CREATE INDEX outbox_state ON outbox(state)",
    ):
        db.execute(statement)


@migrations(name="0006_booth_key_index")
def m0006(db: Database) -> None:
    """A booth's first bundle asks whether another booth already holds its key (a replay): by
    index, not by reading every booth, which a province of a thousand booths does a thousand
    times on its first evening."""
    db.execute("CREATE INDEX booths_public_key ON booths(public_key)")


@migrations(name="0007_forwarded_set_asides")
def m0007(db: Database) -> None:
    """A city's set-aside reaches its parent, so the province counts the city's booth-days as
    the city does. `origin` names the child hub's decision a row came from (`JP#12`; empty when
    decided here), so a decision that arrives twice changes nothing. `forward_state` is NULL at
    a hub without a parent, else `waiting` until the parent has it (`sent`) or refused it for
    good (`refused`, with why in `forward_error`).
    """
    for statement in (
        "ALTER TABLE set_asides ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE set_asides ADD COLUMN forward_state TEXT",
        "ALTER TABLE set_asides ADD COLUMN forward_error TEXT NOT NULL DEFAULT ''",
        "CREATE UNIQUE INDEX set_asides_origin ON set_asides(origin) WHERE origin != ''",
        "UPDATE set_asides SET forward_state = 'waiting' WHERE EXISTS (SELECT 1 FROM parent)",
    ):
        db.execute(statement)
