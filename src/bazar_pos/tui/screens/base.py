"""What the five main screens share: the status line, labelled keys, refresh on return."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from textual.app import ComposeResult
from textual.screen import Screen

from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import BazarError
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.dialogs.owner import as_owner
from bazar_pos.tui.hints import say
from bazar_pos.tui.keys import key, localize
from bazar_pos.tui.messages import ScreenWanted
from bazar_pos.tui.saving import with_ledger
from bazar_pos.tui.widgets.status import StatusBar

T = TypeVar("T")


class BoothScreen(Screen[None]):
    """A main screen; `reload` re-reads what it shows each time the vendor comes back to it."""

    NAME = ""

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__(name=self.NAME)
        self.ctx = ctx
        localize(self)

    def compose_status(self) -> ComposeResult:
        yield StatusBar(self.ctx, self.NAME)

    def on_screen_resume(self) -> None:
        self.update_status()
        self.came_back()

    def came_back(self) -> None:
        """In front again (from another screen or a dialog): re-read by default."""
        self.reload()

    def reload(self) -> None:
        """Re-read from the ledger (something may have changed on another screen)."""

    def update_status(self) -> None:
        for bar in self.query(StatusBar):
            bar.update_status()

    async def as_owner(self, job: Callable[[Ledger], T]) -> T | None:
        """An owner-only write in a worker: the owner's PIN is asked when the domain wants it."""
        return await as_owner(self, self.ctx, job)

    def fail(self, exc: BazarError) -> None:
        """A refusal from a service: one line for the vendor, nothing changed."""
        self.notify(say(exc), severity="error", timeout=6)

    async def write(self, job: Callable[[Ledger], T]) -> T:
        """Run a write (or a file or network call) on a ledger of its own in a thread worker,
        the screen drawn meanwhile (see tui/saving.py)."""
        return await with_ledger(self, self.ctx, job)


class SideScreen(BoothScreen):
    """Every screen but Kasir: Esc goes back to selling."""

    BINDINGS = [key("escape", "back", "key.side.back", id="side.back", show=False)]

    def action_back(self) -> None:
        self.post_message(ScreenWanted("kasir"))


class DayScreen(SideScreen):
    """A side screen about one business day: the vendor may look back, never past today."""

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__(ctx)
        self.day = ctx.today()

    def action_day(self, step: int) -> None:
        day = date.fromisoformat(self.day) + timedelta(days=step)
        if day > date.fromisoformat(self.ctx.today()):
            return
        self.day = day.isoformat()
        self.leave_day()
        self.reload()
        self.refresh_bindings()

    def leave_day(self) -> None:
        """Forget what belonged to the day just left."""
