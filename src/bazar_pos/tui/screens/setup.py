"""First run: a booth that is not set up yet gets this form instead of an error."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label

from bazar_pos.booth import profile
from bazar_pos.errors import BazarError
from bazar_pos.i18n import tr
from bazar_pos.tui.context import BoothContext


class SetupScreen(Screen[bool]):
    def __init__(self, ctx: BoothContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Vertical(id="setup", classes="form"):
            yield Label(
                tr("Selamat datang! Siapkan booth Anda.", "Welcome! Set up your booth."),
                classes="title",
            )
            yield Label(tr("Kode booth (mis. CP-07)", "Booth code (e.g. CP-07)"))
            yield Input(id="code")
            yield Label(tr("Nama usaha", "Business name"))
            yield Input(id="name")
            yield Label(tr("Lokasi bazar", "Bazaar location"))
            yield Input(id="location")
            yield Label(tr("Nama acara", "Event name"))
            yield Input("Bazar Jakpreneur", id="event")
            yield Button(tr("Simpan (Enter)", "Save (Enter)"), id="save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#code").focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == "event":
            self._save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        values = {
            k: self.query_one(f"#{k}", Input).value for k in ("code", "name", "location", "event")
        }
        try:
            profile.init(self.ctx.ledger, **values, now=self.ctx.now())
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return
        self.dismiss(True)
