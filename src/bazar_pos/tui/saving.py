"""Writes, files and the network off the event loop: a thread worker with its own connection.

A sale commit, a restock or a report must not freeze the screen, and an SQLite connection
belongs to one thread. The job gets a ledger opened for it alone; meanwhile the status line
says "menyimpan…", and inside a flow the key gate holds what the vendor types, to apply it in
order once the job has landed. The job's own exception (a refusal, a full disk) comes back
as itself, so the screen says it and keeps what the vendor entered.
"""

from __future__ import annotations

import contextlib
import contextvars
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from textual.dom import DOMNode
from textual.worker import WorkerFailed

from bazar_pos.booth import backup
from bazar_pos.booth.ledger import Ledger
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.widgets.status import StatusBar

R = TypeVar("R")
WRITES = "writes"  # the worker group of every job


def in_this_context(job: Callable[[], R]) -> Callable[[], R]:
    """`job` for a worker thread, run in the caller's context: the app's language (a context
    variable, which a thread does not inherit) words what the job writes and says."""
    return partial(contextvars.copy_context().run, job)


async def in_thread(node: DOMNode, job: Callable[[], R]) -> R:
    """Run `job` in a thread worker and return its result (or raise its exception)."""
    bars = list(node.screen.query(StatusBar))
    for bar in bars:
        bar.saving += 1
    worker = node.run_worker(in_this_context(job), thread=True, group=WRITES, exit_on_error=False)
    try:
        return await worker.wait()
    except WorkerFailed as failed:
        raise failed.error from None
    finally:
        for bar in bars:
            bar.saving -= 1


async def with_ledger(node: DOMNode, ctx: BoothContext, job: Callable[[Ledger], R]) -> R:
    """Run `job` on a ledger of its own, opened and closed in the worker's thread. It signs as
    the app's ledger does (the person at the till, the owner's approval when given) and knows
    what that ledger found on start (a broken chain refuses every write there too)."""
    ledger_of_app = ctx.ledger
    path, fault = ctx.db_path, ledger_of_app.fault
    person, approval = ledger_of_app.person, ledger_of_app.approval

    def run() -> R:
        ledger = Ledger.open(path, create=False)
        ledger.fault, ledger.person, ledger.approval = fault, person, approval
        try:
            return job(ledger)
        finally:
            with contextlib.suppress(sqlite3.Error):  # what was committed stays committed
                ledger.close()

    return await in_thread(node, run)


async def restore_here(
    node: DOMNode, ctx: BoothContext, source: Path, *, pin: str | None = None
) -> backup.Backup:
    """This booth's ledger made the one in `source` (`backup.restore`, in a worker). The app's
    connection is closed meanwhile, as the file is replaced under it, and reopened after,
    whether the restore landed or was refused."""
    target, now = ctx.db_path, ctx.now()
    ctx.ledger.close()
    try:
        return await in_thread(node, lambda: backup.restore(source, target, pin=pin, now=now))
    finally:
        ctx.reopen()
