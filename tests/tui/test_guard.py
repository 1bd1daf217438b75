"""The app's one guard: a broken ledger stops selling on start; a crash is a line, not a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import ClassVar

import pytest
from textual import work
from textual.binding import Binding, BindingType

from bazar_pos.booth import sales
from bazar_pos.tui import app as app_module
from bazar_pos.tui.app import BoothApp, make_booth_app
from tests.tui.conftest import DAY, NOW, make_app, notices


async def test_a_broken_ledger_is_said_on_start_and_refuses_the_sale(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    conn.executescript(
        "DROP TRIGGER entries_no_update;"
        "UPDATE entries SET at = '2026-01-01T00:00:00.000000Z'"
        " WHERE seq = (SELECT MAX(seq) FROM entries);"
    )
    conn.close()
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Buku besar RUSAK" in notices(app) and "hubungi penyelenggara" in notices(app)
        await pilot.press(*"nas", "enter", "f9", "enter")
        await pilot.pause()
        assert sales.list_sales(app.ctx.ledger, DAY) == []
        assert app.is_running


class FaultyApp(BoothApp):
    """The real app plus two bugs on keys, as an unforeseen failure would arrive."""

    CSS_PATH = Path(app_module.__file__).parent / "bazar.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "fail_in_worker", "worker bug"),
        Binding("ctrl+y", "fail_here", "handler bug"),
    ]

    @work(thread=True)
    def action_fail_in_worker(self) -> None:
        raise ZeroDivisionError("in a worker")

    def action_fail_here(self) -> None:
        raise KeyError("in a handler")


async def test_a_worker_crash_is_one_line_and_the_app_keeps_running(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BAZAR_POS_HOME", str(tmp_path))
    app = FaultyApp(make_booth_app(demo_db, now=lambda: NOW).ctx)
    with pytest.raises(Exception, match="in a worker"):  # run_test still hands tests the bug
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+o")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running and "Galat tak terduga" in notices(app)
            (log,) = tmp_path.glob("crash-*.log")
            assert str(log) in notices(app) and "ZeroDivisionError" in log.read_text()
            await pilot.press(*"nas", "enter")
            assert [ln.sku for ln in app.ctx.draft.lines] == ["NST-250"]


async def test_a_handler_crash_ends_the_app_with_one_line_and_code_70(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BAZAR_POS_HOME", str(tmp_path))
    app = FaultyApp(make_booth_app(demo_db, now=lambda: NOW).ctx)
    with pytest.raises(KeyError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+y")
            await pilot.pause()
    assert app.return_code == 70
    (log,) = tmp_path.glob("crash-*.log")
    assert "KeyError" in log.read_text()
