"""First run: a booth that is not set up yet gets this form instead of an error.

The vendor either types the booth's identity or points at the kit file the organizer handed
out: the form reads the booth code, event, name and place from the kit (the code and event
exactly as the hub knows them), and saving joins the hub. No event name is made up: a guessed
one would later refuse the organizer's kit once the booth has sold.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label

from bazar_pos.booth import profile, staff
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.sync.kit import Kit
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.keys import key, localize
from bazar_pos.tui.saving import in_thread, restore_here, with_ledger
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.footer import KeyFooter

FIELDS = ("code", "name", "location", "event")


class SetupScreen(Screen[bool]):
    BINDINGS = [key("f9,ctrl+s", "save", "key.setup.save", id="setup.save")]

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.kit: tuple[Path, Kit] | None = None  # read from the kit field, joined on save
        localize(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="setup", classes="form"):  # one-line inputs: fits 80x24
            yield Label(
                t("setup.welcome_set_up_your_booth"),
                classes="title",
            )
            yield Label(t("setup.booth_code_e_g_cp"))
            yield Entry(id="code", compact=True)
            yield Label(t("setup.business_name"))
            yield Entry(id="name", compact=True)
            yield Label(t("setup.bazaar_location"))
            yield Entry(id="location", compact=True)
            yield Label(t("setup.event_name"))
            yield Entry(placeholder=t("setup.event_example"), id="event", compact=True)
            yield Label(
                t("setup.owner_pin_optional"),
            )
            with Horizontal(id="pins"):  # side by side: the form still fits 80x24
                yield Entry(id="pin", password=True, max_length=12, compact=True)
                yield Entry(
                    id="pin2",
                    password=True,
                    max_length=12,
                    compact=True,
                    placeholder=t("setup.owner_pin_again"),
                )
            yield Label(
                t("setup.or_the_kit_file_from"),
                classes="muted",
            )
            yield Entry(placeholder="booth-kit.json", id="kit", compact=True)
            yield Label(t("setup.or_a_backup"), classes="muted")
            yield Entry(placeholder="/media/usb/CP07-20260320-170512.db", id="backup", compact=True)
            yield Button(t("setup.save_f9"), id="save", variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#code").focus()

    @on(Input.Submitted)
    async def _next(self, event: Input.Submitted) -> None:
        """Enter walks code, name, place, event, the PIN twice, then saves; an empty PIN (no PIN
        yet) saves at once.

        Enter on the event saved before the PIN box was reached: the PIN typed next went into
        Kasir's search box and the booth opened with no owner PIN.
        """
        if event.input.id == "pin2" or (event.input.id == "pin" and not event.value.strip()):
            await self.action_save()
        elif event.input.id == "kit":
            await self._read_kit(event.value.strip())
        elif event.input.id == "backup":
            await self._restore(event.value.strip())
        else:
            self.focus_next()

    async def _read_kit(self, path: str) -> None:
        """Fill the form from the kit (read in a worker); the code and event stay as the hub
        knows them."""
        if not path:
            return
        try:
            kit = await in_thread(self, lambda: Kit.read(Path(path).expanduser()))
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return
        self.kit = (Path(path).expanduser(), kit)
        for field, value in zip(
            FIELDS, (kit.booth, kit.name, kit.location, kit.event), strict=True
        ):
            box = self.query_one(f"#{field}", Input)
            box.value = value
            box.disabled = field in ("code", "event")
        self.notify(t("setup.kit_read", event=kit.event, booth=kit.booth))
        self.query_one("#save").focus()

    async def _restore(self, path: str) -> None:
        """A new laptop: the booth comes back whole from its backup (onto this empty ledger,
        copied in a worker; refused as `bazar-pos restore` refuses), then the app opens on it."""
        if not path:
            return
        source = Path(path).expanduser()
        try:
            made = await restore_here(self, self.ctx, source)
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return
        self.notify(
            t("tui.restore.done", booth=made.booth, entries=made.entries, file=source.name),
            timeout=12,
        )
        self.dismiss(True)

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        """The booth's identity (or the kit's join) and the owner's PIN, written in a worker."""
        values = {k: self.query_one(f"#{k}", Input).value for k in FIELDS}
        pin, kit, now = self.query_one("#pin", Input).value.strip(), self.kit, self.ctx.now()
        if pin != self.query_one("#pin2", Input).value.strip():  # typed hidden: twice
            self.notify(t("staff.pins_differ"), severity="error")
            self.query_one("#pin2", Input).value = ""
            self.query_one("#pin2").focus()
            return

        def save(ledger: Ledger) -> str | None:
            if pin:
                staff.check_pin_text(pin)  # refused before anything is written
            if kit:
                join_kit(ledger, *kit, values, now=now)
            else:
                profile.init(ledger, **values, now=now)
            return staff.set_owner_pin(ledger, pin, now=now) if pin else None

        try:
            code = await with_ledger(self, self.ctx, save)
        except BazarError as exc:
            self.notify(exc.message(), severity="error")
            return
        if pin:
            staff.at_till(self.ctx.ledger)  # the owner who just set the PIN is at the till
        if code:
            self.notify(
                t("setup.pin_recovery_code", code=code),
                timeout=120,
            )
        else:
            self.notify(t("setup.no_owner_pin_yet"), timeout=10)
        self.dismiss(True)


def join_kit(
    ledger: Ledger, path: Path, kit: Kit, values: dict[str, str], *, now: datetime
) -> None:
    """Join with the kit, keeping the name and place the vendor corrected in the form."""
    from bazar_pos.services.closing import join

    join(ledger, path, send=False, now=now)
    if (values["name"], values["location"]) != (kit.name, kit.location):
        profile.init(ledger, **{**values, "code": kit.booth, "event": kit.event}, now=now)
