"""Writes run in a thread worker with their own connection: the screen stays drawn and says
"menyimpan…", keys typed meanwhile wait and then land in order, a failed write says why and
loses nothing. The booth file is locked or refused by real SQLite, never by a mock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pypdf import PdfReader
from textual.widgets import Input

from bazar_pos.booth import catalog, profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.tui.keygate import LEAK_CHECK_SECONDS
from tests.tui.conftest import DAY, NOW, burst, key_event, make_app, notices, screen_text, settle


def disk_full_on(db: Path, table: str) -> sqlite3.Connection:
    """SQLite itself refuses every new row of `table` as a full disk would (DROP TRIGGER full
    on the returned connection makes room again)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(
        f"CREATE TRIGGER full BEFORE INSERT ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    return conn


def sale_rows(app):  # type: ignore[no-untyped-def]
    return [sales.get(app.ctx.ledger, r["sale_no"]) for r in sales.list_sales(app.ctx.ledger, DAY)]


async def test_keys_typed_while_a_sale_is_saved_wait_and_land_in_order(demo_db: Path) -> None:
    """Another program holds the booth file: the sale waits in its worker, the screen says
    "menyimpan…", and the next customer's product typed meanwhile goes to the next sale."""
    lock = sqlite3.connect(demo_db, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in [*"nas", "enter", "f9", *"60000", "enter"]:
            app.post_message(key_event(key))
        for _ in range(2_000):  # the worker is waiting for the lock
            await pilot.pause()
            if "menyimpan" in screen_text(app):
                break
        assert "menyimpan" in screen_text(app)
        for key in [*"kast", "enter"]:
            app.post_message(key_event(key))
        await pilot.pause()
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]  # being saved, alone
        await pilot.pause(LEAK_CHECK_SECONDS * 1.5)  # a slow write outlasts the gate's check
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]
        assert app.screen.query_one("#search", Input).value == ""
        lock.execute("ROLLBACK")
        await settle(pilot)
        (sale,) = sale_rows(app)
        assert [ln.sku for ln in sale.lines] == ["NST-250"]
        assert sale.payments[0].tendered == 60_000
        assert [ln.sku for ln in app.ctx.draft.lines] == ["KST-250"]
        assert "menyimpan" not in screen_text(app)
    lock.close()


async def test_a_failed_sale_commit_says_why_and_keeps_the_cart(demo_db: Path) -> None:
    """The disk fills up as the sale is written: one line says so, the cart stays for another
    try, and once there is room the same cart is sold."""
    refuse = disk_full_on(demo_db, "sales")
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"nas", "enter", "f9", "enter")
        assert not sale_rows(app)
        assert "Disk penuh" in notices(app)
        assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]
        refuse.execute("DROP TRIGGER full")
        await burst(pilot, "f9", "enter")
        (sale,) = sale_rows(app)
        assert [ln.sku for ln in sale.lines] == ["NST-250"]
        assert not app.ctx.draft.lines
    refuse.close()


async def locked_until_saving(pilot, lock: sqlite3.Connection, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Send `keys` while another program holds the file, and wait for the status line to say
    the write is waiting in its worker."""
    lock.execute("BEGIN IMMEDIATE")
    for key in keys:
        pilot.app.post_message(key_event(key))
    for _ in range(2_000):
        await pilot.pause()
        if "menyimpan" in screen_text(pilot.app):
            return
    raise AssertionError("the write never started")


async def test_a_count_typed_during_a_restock_waits_for_it(demo_db: Path) -> None:
    """`F8 12 Enter F10 33 Enter` while the restock waits for the file: the count dialog opens
    only after the restock landed, so it counts against 36 and gets the 33."""
    lock = sqlite3.connect(demo_db, isolation_level=None)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "f3", *"nastar")
        await locked_until_saving(pilot, lock, "f8", *"12", "enter")
        for key in ["f10", *"33", "enter"]:
            app.post_message(key_event(key))
        await pilot.pause()
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 24
        lock.execute("ROLLBACK")
        await settle(pilot)
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 33
        assert "sistem 36, dihitung 33, selisih -3" in screen_text(app)
    lock.close()


async def test_a_failed_restock_says_why_and_changes_nothing(demo_db: Path) -> None:
    refuse = disk_full_on(demo_db, "stock_moves")
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, "f3", *"nastar", "f8", *"12", "enter")
        assert "Disk penuh" in notices(app)
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 24
        refuse.execute("DROP TRIGGER full")
        await burst(pilot, "f8", *"12", "enter")
        assert catalog.get(app.ctx.ledger, "NST-250").stock == 36
    refuse.close()


async def test_a_receipt_written_in_a_worker_speaks_the_apps_language(demo_db: Path) -> None:
    """A thread does not inherit the app's language (a context variable): the job runs in the
    caller's context, so an English booth gets an English receipt."""
    ledger = Ledger.open(demo_db)
    profile.update_settings(ledger, {"language": "en"}, now=NOW)
    ledger.close()
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(pilot, *"nas", "enter", "f9", *"60000", "enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.ctx.last_receipt is not None
        words = " ".join(page.extract_text() for page in PdfReader(app.ctx.last_receipt).pages)
        assert "Change" in words and "Kembali" not in words, words
