"""Numbered migrations declared without loading sqlite-utils until one has to run.

Opening a database whose schema is current is one query on `_sqlite_migrations` (the table
sqlite-utils keeps); sqlite-utils and its plugin scan are loaded only when a step is pending or a
tool asks for the applied list, so the booth's first screen does not pay for them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils import migrations as su

Step = Callable[["sqlite_utils.Database"], None]
TABLE = "_sqlite_migrations"


class Migrations:
    """The decorator and `applied`/`pending` of `sqlite_utils.migrations.Migrations`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Step, bool]] = []

    def __call__(self, *, name: str, transactional: bool = True) -> Callable[[Step], Step]:
        def register(fn: Step) -> Step:
            self._steps.append((name, fn, transactional))
            return fn

        return register

    @cached_property
    def _runner(self) -> su.Migrations:
        from sqlite_utils.migrations import Migrations as Runner

        runner = Runner(self.name)
        for name, fn, transactional in self._steps:
            runner(name=name, transactional=transactional)(fn)
        return runner

    def is_current(self, conn: sqlite3.Connection) -> bool:
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
        ).fetchone():
            return False
        done = {
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {TABLE} WHERE migration_set = ?", (self.name,)
            )
        }
        return all(name in done for name, _, _ in self._steps)

    def bring_up_to_date(self, conn: sqlite3.Connection, *, stop_before: str | None = None) -> None:
        """Apply what is pending; a current schema costs one query and no sqlite-utils.

        `stop_before` leaves a file as an older release made it (tests migrate such files).
        """
        if not self.is_current(conn):
            import sqlite_utils

            self._runner.apply(sqlite_utils.Database(conn), stop_before=stop_before)

    def applied(self, db: sqlite_utils.Database) -> list[Any]:
        return self._runner.applied(db)

    def pending(self, db: sqlite_utils.Database) -> list[Any]:
        return self._runner.pending(db)
