"""The booth database schema as numbered migrations; never edit one that has been released.

`entries` is the journal and the truth; every other table is a projection of it, written in the
same transaction and rebuilt by `verify` to prove they agree.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from bazar_pos.store.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("bazar_pos.booth")

PROJECTIONS = {
    "profile": "key",
    "products": "sku",
    "stock_moves": "seq, idx",
    "sales": "sale_no",
    "sale_lines": "sale_no, line_no",
    "payments": "sale_no, idx",
    "refunds": "seq",
    "cash_moves": "seq",
    "days": "day",
    "qris_checks": "seq",
}


@migrations(name="0001_journal_and_projections")
def m0001(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
            BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
        CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
            BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;

        CREATE TABLE profile (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE products (
            sku TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            price INTEGER NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            allow_negative INTEGER NOT NULL DEFAULT 0,
            low_threshold INTEGER NOT NULL DEFAULT 5,
            stock INTEGER NOT NULL DEFAULT 0,
            opening INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE stock_moves (
            seq INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            sku TEXT NOT NULL REFERENCES products(sku),
            delta INTEGER NOT NULL,
            kind TEXT NOT NULL,
            ref TEXT,
            PRIMARY KEY (seq, idx)
        );
        CREATE INDEX stock_moves_sku ON stock_moves(sku);
        CREATE TABLE sales (
            sale_no TEXT PRIMARY KEY,
            day TEXT NOT NULL,
            day_no INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            subtotal INTEGER NOT NULL,
            line_discounts INTEGER NOT NULL,
            discount INTEGER NOT NULL,
            total INTEGER NOT NULL,
            paid INTEGER NOT NULL,
            change INTEGER NOT NULL,
            status TEXT NOT NULL,
            refunded INTEGER NOT NULL DEFAULT 0,
            void_reason TEXT,
            qris TEXT,
            hash TEXT NOT NULL,
            UNIQUE (day, day_no)
        );
        CREATE TABLE sale_lines (
            sale_no TEXT NOT NULL REFERENCES sales(sale_no),
            line_no INTEGER NOT NULL,
            sku TEXT NOT NULL,
            name TEXT NOT NULL,
            qty INTEGER NOT NULL,
            unit_price INTEGER NOT NULL,
            discount INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            net INTEGER NOT NULL,
            refunded_qty INTEGER NOT NULL DEFAULT 0,
            refunded_amount INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (sale_no, line_no)
        );
        CREATE TABLE payments (
            sale_no TEXT NOT NULL REFERENCES sales(sale_no),
            idx INTEGER NOT NULL,
            method TEXT NOT NULL,
            amount INTEGER NOT NULL,
            tendered INTEGER,
            change INTEGER NOT NULL DEFAULT 0,
            reference TEXT,
            PRIMARY KEY (sale_no, idx)
        );
        CREATE TABLE refunds (
            seq INTEGER PRIMARY KEY,
            sale_no TEXT NOT NULL REFERENCES sales(sale_no),
            day TEXT NOT NULL,
            amount INTEGER NOT NULL,
            method TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE cash_moves (
            seq INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            amount INTEGER NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE days (
            day TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            revision INTEGER NOT NULL,
            close_seq INTEGER,
            summary TEXT
        );
        """
    )


@migrations(name="0002_outbox_and_local_secrets")
def m0002(db: Database) -> None:
    """Local, non-journaled state: what waits to be sent, and the booth secret from its kit.

    Neither belongs in the journal: the outbox is delivery bookkeeping, and the secret must not
    travel with an exported ledger or show in the settings.
    """
    db.executescript(
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            revision INTEGER NOT NULL,
            bundle_id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE TABLE local_secrets (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


@migrations(name="0003_sale_holds")
def m0003(db: Database) -> None:
    """Sale numbers reserved before a QRIS code carrying them is shown (local, not journaled).

    A hold is bookkeeping like the outbox: the sale that uses it is the journal entry.
    """
    db.executescript(
        """
        CREATE TABLE sale_holds (
            day TEXT NOT NULL,
            day_no INTEGER NOT NULL,
            held_at TEXT NOT NULL,
            free INTEGER NOT NULL DEFAULT 0,  -- given back: the next sale takes it
            PRIMARY KEY (day, day_no)
        );
        """
    )


@migrations(name="0005_qris_checks")
def m0005(db: Database) -> None:
    """Each QRIS reconcile against the merchant's statement, as the journal recorded it."""
    db.executescript(
        """
        CREATE TABLE qris_checks (
            seq INTEGER PRIMARY KEY,
            day TEXT NOT NULL,
            matched INTEGER NOT NULL,
            missing INTEGER NOT NULL,
            extra INTEGER NOT NULL,
            result TEXT NOT NULL
        );
        CREATE INDEX qris_checks_day ON qris_checks(day);
        """
    )


@migrations(name="0006_staff_and_pin_guard")
def m0006(db: Database) -> None:
    """The people at the booth and the owner's PIN guard (local, never journaled nor bundled).

    A PIN is kept only as a salted scrypt hash; the journal records who did what, never a hash.
    `pin_guard` counts wrong owner PINs so a lockout survives restarting the app.
    """
    db.executescript(
        """
        CREATE TABLE staff (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('owner', 'helper')),
            pin_hash TEXT,
            added_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX staff_one_owner ON staff(role) WHERE role = 'owner';
        CREATE TABLE pin_guard (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
        );
        """
    )


@migrations(name="0007_product_cost")
def m0007(db: Database) -> None:
    """The vendor's cost price (modal) per product, and the cost each sale line was sold at.

    The line keeps its own unit cost so a cost changed mid-day never rewrites earlier profit.
    NULL means the vendor never gave a cost. Neither column leaves the booth.
    """
    db.executescript(
        """
        ALTER TABLE products ADD COLUMN cost INTEGER;
        ALTER TABLE sale_lines ADD COLUMN unit_cost INTEGER;
        """
    )


@migrations(name="0009_sale_path_without_stock_moves_sku")
def m0009(db: Database) -> None:
    """Drop an index no query reads: every sale paid for it with three more index writes.

    The stock figures scan the moves of a day whole, and products are never deleted nor
    re-keyed, so the foreign key to them never looks moves up by SKU.
    """
    db.execute("DROP INDEX IF EXISTS stock_moves_sku")


# What `m0010` changes in each table a sale writes; every column stays as it is.
_WITHOUT_ROWID = ("products", "stock_moves", "sales", "sale_lines", "payments", "sale_holds")
_UNIQUE_HASH = "hash TEXT NOT NULL UNIQUE"


@migrations(name="0010_sale_path_tables_without_rowid", transactional=False)
def m0010(db: Database) -> None:
    """Fewer pages written per sale: each page a commit touches is one more WAL frame to sync.

    The keyed tables a sale writes become WITHOUT ROWID (one B-tree each instead of a table
    plus its key's index), and `entries.hash` loses its UNIQUE index, which put every entry
    on a random page: nothing looks an entry up by hash, and `verify` recomputes the chain, so
    a copied entry still breaks it (`tests/test_ledger.py`).

    Rebuilding a table its children reference needs foreign keys off, which SQLite only
    allows outside a transaction: the rebuild is one transaction of its own, and finding it
    done (a crash before it was recorded) skips it.
    """
    conn = db.conn
    sales_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'sales'").fetchone()[0]
    if "WITHOUT ROWID" in sales_sql:
        return
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in ("entries", *_WITHOUT_ROWID):
                _rebuild(conn, table)
            conn.execute(
                "CREATE INDEX sale_holds_given_back ON sale_holds (day, day_no) WHERE free"
            )
            for change in ("UPDATE", "DELETE"):
                conn.execute(
                    f"CREATE TRIGGER entries_no_{change.lower()} BEFORE {change} ON entries"
                    " BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END"
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(enforced)}")


def _rebuild(conn: sqlite3.Connection, table: str) -> None:
    """The table made again from its own stored CREATE, changed as `m0010` says, rows copied."""
    created = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    if table == "entries":
        changed = created.replace(_UNIQUE_HASH, "hash TEXT NOT NULL")
    else:
        changed = created + " WITHOUT ROWID"
    renamed = changed.replace(f"CREATE TABLE {table} ", f"CREATE TABLE new_{table} ", 1)
    if changed in (created, renamed):
        raise sqlite3.DatabaseError(f"{table} is not as migration 0001 made it")
    conn.execute(renamed)
    conn.execute(f"INSERT INTO new_{table} SELECT * FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE new_{table} RENAME TO {table}")
