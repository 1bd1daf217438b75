"""Pengaturan: booth profile, QRIS, receipt, printer, hub, language.

Everything is checked before anything is written, so a bad field changes nothing; the QRIS is
checked as it is pasted, with its warnings shown before the vendor relies on it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from bazar_pos import i18n
from bazar_pos.booth import backup, profile, qris_setting, staff, whatsapp
from bazar_pos.booth import settings as booth_settings
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.dialogs.confirm import AskText, Confirm
from bazar_pos.tui.dialogs.owner import PinDialog, owner_pin
from bazar_pos.tui.keygate import ask, flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.messages import LanguageChosen, LedgerChanged, LedgerRestored, ScreenWanted
from bazar_pos.tui.saving import in_thread, restore_here
from bazar_pos.tui.screens.base import SideScreen
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.field import Field
from bazar_pos.tui.widgets.footer import KeyFooter

PAPERS = (("58 mm", "58"), ("80 mm", "80"), ("A6", "a6"))
LANGUAGES = (("Bahasa Indonesia", "id"), ("English", "en"))


def yes_no() -> tuple[tuple[str, str], ...]:
    """In the screen's language (it is built anew when the language changes)."""
    return ((t("pengaturan.no"), "no"), (t("pengaturan.yes"), "yes"))


def qris_report(payload: str) -> str:
    """What the vendor should know about a pasted code: who gets paid, and any fault."""
    from bazar_pos.payments import parse_qris, validate

    check = validate(payload)
    if check.errors:
        return "\n".join(f"[red]✗ {escape(f.message())}[/red]" for f in check.errors)
    info = parse_qris(payload)
    lines = [
        f"[green]✓ {escape(info.merchant_name)}[/green], {escape(info.merchant_city)}"
        + (f" · NMID {escape(info.nmid)}" if info.nmid else ""),
    ]
    if info.acquirer:
        lines.append(f"  {escape(info.acquirer)}")
    if info.is_dynamic:
        lines.append("[yellow]⚠ " + t("pengaturan.this_is_a_dynamic_qris") + "[/yellow]")
    lines += [f"[yellow]⚠ {escape(w.message())}[/yellow]" for w in info.warnings]
    return "\n".join(lines)


class PengaturanScreen(SideScreen):
    NAME = "pengaturan"
    CSS_PATH = "pengaturan.tcss"  # its own rules, read when it is first shown
    BINDINGS = [
        key("f9,ctrl+s", "save", "key.settings.save", id="settings.save"),
        key("f7", "join", "key.settings.join", id="settings.join"),
        # leaving asks first when something is not saved yet
        key("f1", "leave('kasir')", "key.settings.kasir", id="settings.kasir", show=False),
        key("f2", "leave('riwayat')", "key.settings.riwayat", id="settings.riwayat", show=False),
        key("f3", "leave('stok')", "key.settings.stok", id="settings.stok", show=False),
        key("f4", "leave('tutup')", "key.settings.tutup", id="settings.tutup", show=False),
        key("f6", "owner_pin", "key.settings.pin", id="settings.pin"),
        key("f8", "add_helper", "key.settings.helper", id="settings.helper"),
        key("f10", "restore", "key.settings.restore", id="settings.restore"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with VerticalScroll(id="settings"):
            yield Label(t("pengaturan.language"), classes="section")
            yield Field(
                t("pengaturan.display"),
                Select(
                    LANGUAGES, allow_blank=False, value=i18n.current(), id="language", compact=True
                ),
            )
            yield Label(t("pengaturan.booth"), classes="section")
            yield Field(t("pengaturan.code"), Entry(id="code", compact=True))
            yield Field(t("pengaturan.business"), Entry(id="name", compact=True))
            yield Field(t("pengaturan.event"), Entry(id="event", compact=True))
            yield Field(t("pengaturan.location"), Entry(id="location", compact=True))
            yield Label("QRIS", classes="section")
            yield Field(
                t("pengaturan.code_paste"),
                Entry(
                    id="qris",
                    compact=True,
                    placeholder=t("pengaturan.paste_the_qris_code_here"),
                ),
            )
            yield Field(
                t("pengaturan.or_photo"),
                Entry(
                    id="qris-image",
                    compact=True,
                    placeholder=t("pengaturan.path_to_sticker_jpg_enter"),
                ),
            )
            yield Static("", id="qris-result")
            yield Label(t("pengaturan.receipt"), classes="section")
            yield Field(t("pengaturan.footer"), Entry(id="footer", compact=True))
            yield Field(
                t("pengaturan.paper"),
                Select(PAPERS, allow_blank=False, value="58", id="paper", compact=True),
            )
            yield Field(
                "Printer",
                Entry(
                    id="printer",
                    compact=True,
                    placeholder="usb:0416:5011 · net:192.168.1.9 · file:/dev/usb/lp0",
                ),
            )
            yield Label(t("pengaturan.organizer_hub"), classes="section")
            yield Field("URL", Entry(id="hub", compact=True, placeholder="https://hub.contoh.id"))
            yield Field(
                t("pengaturan.kit_file"),
                Entry(
                    id="kit",
                    compact=True,
                    placeholder=t("pengaturan.booth_kit_json_f7"),
                ),
            )
            yield Label(t("pengaturan.backup"), classes="section")
            yield Field(
                t("pengaturan.folder"),
                Entry(
                    id="backup-dir",
                    compact=True,
                    placeholder=t("pengaturan.media_usb_each_day_close"),
                ),
            )
            yield Field(t("pengaturan.keep"), Entry(id="backup-keep", compact=True))
            yield Static(t("tui.restore.hint"), classes="muted")
            yield Label(t("pengaturan.receipt_to_whatsapp"), classes="section")
            yield Field(
                t("pengaturan.wa_number"),
                Entry(id="whatsapp", compact=True, placeholder="0812-3456-7890"),
            )
            yield Field(
                t("pengaturan.qr_each_sale"),
                Select(yes_no(), allow_blank=False, value="no", id="wa-after", compact=True),
            )
        yield KeyFooter()

    loaded = False

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    def reload(self) -> None:
        prof = self.ctx.profile()
        values = {
            "code": prof.code,
            "name": prof.name,
            "event": prof.event,
            "location": prof.location,
            "qris": str(prof.get("qris") or ""),
            "footer": str(prof.get("receipt_footer") or "").replace("\n", "\\n"),
            "printer": str(prof.get("printer") or ""),
            "hub": str(prof.get("hub_url") or ""),
            "backup-dir": str(prof.get("backup_dir") or ""),
            "backup-keep": str(backup.folder_of(self.ctx.ledger)[1]),
            "whatsapp": str(prof.get("whatsapp") or ""),
        }
        for wid, value in values.items():
            box = self.query_one(f"#{wid}", Input)
            with box.prevent(Input.Changed):
                box.value = value
        self._check_qris(values["qris"])
        paper = self.query_one("#paper", Select)
        with paper.prevent(Select.Changed):
            paper.value = str(prof.get("receipt_paper") or "58")
        after = self.query_one("#wa-after", Select)
        with after.prevent(Select.Changed):
            after.value = "yes" if prof.get("whatsapp_after_sale") else "no"

    def _value(self, wid: str) -> str:
        return self.query_one(f"#{wid}", Input).value.strip()

    @on(Input.Changed, "#qris")
    def _qris_typed(self, event: Input.Changed) -> None:
        self._check_qris(event.value.strip())

    def _check_qris(self, payload: str) -> None:
        self.query_one("#qris-result", Static).update(
            qris_report(payload) if payload else t("pengaturan.yellow_no_qris_yet_cash")
        )

    @on(Input.Submitted, "#qris-image")
    def _from_image(self, event: Input.Submitted) -> None:
        self._read_photo(Path(event.value.strip()).expanduser())

    @flow
    async def _read_photo(self, path: Path) -> None:
        """A photo takes a while to decode: in a worker, the keys typed meanwhile wait."""
        from bazar_pos.payments import decode_image

        try:
            payload = await in_thread(self, lambda: decode_image(path))
        except BazarError as exc:
            self.fail(exc)
            return
        self.query_one("#qris", Input).value = payload
        self.notify(t("pengaturan.qr_read_from_the_photo"))

    @on(Input.Submitted, "#kit")
    def _kit_entered(self) -> None:
        self.action_join()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id not in ("qris-image", "kit"):
            self.focus_next()

    @on(Select.Changed, "#language")
    def _language(self, event: Select.Changed) -> None:
        """Shown at once, saved with the rest on F9 (or dropped when leaving without saving)."""
        lang = str(event.value)
        if lang != i18n.current():
            self.post_message(LanguageChosen(lang))

    def came_back(self) -> None:
        """Back from a dialog or another screen: fresh values, but never over unsaved edits."""
        if not self.loaded or not self._unsaved():
            self.loaded = True
            self.reload()
        self.refresh_bindings()

    def _unsaved(self) -> bool:
        try:
            core, new_qris, settings = self._collect()
        except BazarError:
            return True  # a bad value typed is still an unsaved change
        return bool(core or new_qris is not None or settings)

    def action_back(self) -> None:
        self.action_leave("kasir")

    @flow
    async def action_leave(self, name: str) -> None:
        if self._unsaved():
            keep = await ask(
                self,
                Confirm(
                    t("pengaturan.save_the_changed_settings"),
                    yes=t("pengaturan.save_enter"),
                    no=t("pengaturan.discard_esc"),
                ),
            )
            if keep and not await self._save():
                return  # a bad value: stay and fix it
            if not keep:
                saved = str(self.ctx.profile().get("language") or self.ctx.lang_at_start)
                self.reload()
                if saved != i18n.current():
                    self.post_message(LanguageChosen(saved))
        self.post_message(ScreenWanted(name))

    def _collect(self) -> tuple[dict[str, str] | None, str | None, dict[str, Any]]:
        """Check every field; raise on the first bad one so nothing is written."""
        prof = self.ctx.profile()
        core = {k: self._value(k) for k in ("code", "name", "event", "location")}
        changed_core = core != {
            "code": prof.code,
            "name": prof.name,
            "event": prof.event,
            "location": prof.location,
        }
        payload = self._value("qris")
        new_qris = payload if payload != str(prof.get("qris") or "") else None
        if new_qris is not None and new_qris:
            from bazar_pos.payments import parse_qris

            parse_qris(new_qris)
        wanted = booth_settings.check(
            {
                "receipt_footer": self._value("footer").replace("\\n", "\n") or None,
                "receipt_paper": str(self.query_one("#paper", Select).value),
                "printer": self._value("printer") or None,
                "hub_url": self._value("hub") or None,
                "whatsapp_after_sale": self.query_one("#wa-after", Select).value == "yes",
            }
        )
        wa = self._value("whatsapp")
        wanted["whatsapp"] = whatsapp.normalize(wa) if wa else None
        wanted["backup_dir"] = backup.folder_setting(self._value("backup-dir"))
        keep = backup.keep_count(self._value("backup-keep") or backup.DEFAULT_KEEP)
        if keep != backup.folder_of(self.ctx.ledger)[1]:
            wanted["backup_keep"] = keep
        known = booth_settings.load(self.ctx.ledger)  # unset is its default: 58 mm, "no"
        settings = {k: v for k, v in wanted.items() if getattr(known, k, prof.get(k)) != v}
        if i18n.current() != (prof.get("language") or self.ctx.lang_at_start):
            settings["language"] = i18n.current()
        return (core if changed_core else None), new_qris, settings

    @flow
    async def action_save(self) -> None:
        await self._save()

    async def _save(self) -> bool:
        """Check every field on screen, then write what changed in a worker (the owner's PIN
        asked first when one is set)."""
        try:
            core, new_qris, settings = self._collect()
            if new_qris == "":
                settings["qris"] = None
            timezone = self.ctx.profile().timezone
            saved = await self.as_owner(
                lambda led: write_settings(
                    led, core, new_qris, settings, timezone=timezone, now=self.ctx.now()
                )
            )
        except BazarError as exc:
            self.fail(exc)
            return False
        if saved is None:
            return False  # the owner's PIN was not given: nothing written, still unsaved
        return self._saved(core, new_qris, settings)

    def _saved(
        self, core: dict[str, str] | None, new_qris: str | None, settings: dict[str, Any]
    ) -> bool:
        if core or new_qris is not None or settings:
            self.notify(t("pengaturan.settings_saved"))
        else:
            self.notify(t("pengaturan.nothing_changed"))
        self.reload()
        self.update_status()
        self.post_message(LedgerChanged())
        return True

    @flow
    async def action_owner_pin(self) -> None:
        """Set the owner's PIN (the current one first, when changing it), in a worker."""
        current = None
        if staff.has_owner_pin(self.ctx.ledger):
            current = await ask(self, PinDialog(t("staff.owners_current_pin")))
            if current is None:
                return
        new = await ask(self, PinDialog(t("staff.new_pin")))
        if not new:
            return
        again = await ask(self, PinDialog(t("staff.repeat_new_pin")))  # typed hidden: twice
        if again is None:
            return
        if again != new:
            self.notify(t("staff.pins_differ"), severity="error", timeout=8)
            return
        try:
            code = await self.write(
                lambda led: staff.set_owner_pin(led, new, current=current, now=self.ctx.now())
            )
        except BazarError as exc:
            self.fail(exc)
            return
        staff.at_till(self.ctx.ledger)  # whoever set the owner's PIN is the owner, at the till
        self.notify(
            t("staff.pin_saved_recovery_code", code=code) if code else t("staff.pin_changed"),
            timeout=120 if code else 6,
        )
        self.update_status()

    @flow
    async def action_add_helper(self) -> None:
        """A helper by name, with an optional PIN of their own (adding people is the owner's)."""
        name = await ask(self, AskText(t("staff.helpers_name"), required=True))
        if not name:
            return
        pin = await ask(self, PinDialog(t("staff.pin_for_may_be_empty", name=name)))
        if pin is None:
            return
        try:
            added = await self.as_owner(
                lambda led: staff.add_helper(led, name, pin or None, now=self.ctx.now())
            )
        except BazarError as exc:
            self.fail(exc)
            return
        if added:
            self.notify(t("staff.added", name=added.name))

    @flow
    async def action_restore(self) -> None:
        """The ledger from a backup (the newest in the backup folder is offered, any path may be
        typed): refused as `bazar-pos restore` refuses, confirmed, then the owner's PIN. The
        files are read and copied in workers."""
        found = await self.write(backup.in_folder)
        typed = await ask(
            self,
            AskText(
                t("tui.restore.which_file", count=len(found)),
                str(found[0]) if found else "",
                "/media/usb/CP07-20260320-170512.db",
                required=True,
            ),
        )
        if not typed:
            return
        source = Path(typed).expanduser()
        try:
            proven = await self.write(lambda led: backup.preview(led, source))
        except BazarError as exc:
            self.fail(exc)
            return
        ledger = self.ctx.ledger
        question = t(
            "tui.restore.confirm",
            file=source.name,
            booth=proven.booth,
            entries=proven.entries,
            now=ledger.head()[0],
        )
        if not await ask(self, Confirm(question, yes=t("tui.restore.yes"), no=t("tui.restore.no"))):
            return
        pin = None
        if staff.has_owner_pin(ledger):
            pin = await owner_pin(self)
            if pin is None:
                return
        try:  # the keys wait meanwhile (a flow)
            made = await restore_here(self, self.ctx, source, pin=pin)
        except BazarError as exc:
            self.fail(exc)
            return
        self.notify(
            t("tui.restore.done", booth=made.booth, entries=made.entries, file=source.name),
            timeout=12,
        )
        self.post_message(LedgerRestored())

    @flow
    async def action_join(self) -> None:
        from bazar_pos.services.closing import join

        path = self._value("kit")
        if not path:
            self.notify(t("pengaturan.give_the_kit_file_s"), severity="error")
            self.query_one("#kit").focus()
            return
        kit_file, now = Path(path).expanduser(), self.ctx.now()
        try:
            kit, _ = await self.write(lambda led: join(led, kit_file, send=False, now=now))
        except BazarError as exc:
            self.fail(exc)
            return
        self.notify(t("pengaturan.joined_at", booth=kit.booth, event=kit.event))
        self.reload()
        self.update_status()
        self.post_message(LedgerChanged())


def write_settings(
    ledger: Ledger,
    core: dict[str, str] | None,
    new_qris: str | None,
    settings: dict[str, Any],
    *,
    timezone: str,
    now: datetime,
) -> bool:
    """The settings, the QRIS and the booth's identity: owner-only when a PIN is set."""
    if core:
        profile.init(ledger, **core, timezone=timezone, now=now)
    if new_qris:
        qris_setting.set_static(ledger, new_qris, now=now)
    if settings:
        profile.update_settings(ledger, settings, now=now)
    return True
