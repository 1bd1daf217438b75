"""The booth app: Kasir first; function keys, tabs and the command palette reach the rest.

Each main screen is a Textual mode, so a screen keeps its state while the vendor looks
elsewhere. Switching language rebuilds the modes (labels are fixed when a screen is built);
the sale in progress lives in the context, so it survives.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from textual import events
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.worker import WorkerFailed

from bazar_pos import config, crash, i18n
from bazar_pos.booth import profile, staff
from bazar_pos.booth.ledger import Ledger, check_tail, ensure_sound
from bazar_pos.errors import BazarError
from bazar_pos.i18n import Word, t
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.keygate import KeyGate, ask, flow
from bazar_pos.tui.keys import commands, key, label, localize
from bazar_pos.tui.messages import (
    LanguageChosen,
    LedgerChanged,
    LedgerRestored,
    ReceiptWanted,
    ReceiptWritten,
    SaleCompleted,
    ScreenWanted,
)
from bazar_pos.tui.saving import in_this_context, with_ledger
from bazar_pos.tui.widgets.status import TABS, StatusBar, tab_title

SCREENS_BY_NAME = {
    "kasir": ("kasir", "KasirScreen"),
    "riwayat": ("riwayat", "RiwayatScreen"),
    "stok": ("stok", "StokScreen"),
    "tutup": ("tutup", "TutupScreen"),
    "pengaturan": ("pengaturan", "PengaturanScreen"),
}

SAID = 20  # messages kept for a look back


class BoothApp(App[None]):
    CSS_PATH = "bazar.tcss"
    TITLE = "bazar-pos"
    BINDINGS = [
        key("f1", "show('kasir')", "key.app.kasir", id="app.kasir", show=False),
        key("f2", "show('riwayat')", "key.app.riwayat", id="app.riwayat", show=False),
        key("f3", "show('stok')", "key.app.stok", id="app.stok", show=False),
        key("f4", "show('tutup')", "key.app.tutup", id="app.tutup", show=False),
        key("f5", "show('pengaturan')", "key.app.settings", id="app.settings", show=False),
        key("ctrl+y", "switch_person", "key.app.person", id="app.person", show=False),
    ]

    def __init__(self, ctx: BoothContext, lang: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.speaker = i18n.Speaker(i18n.as_lang(lang) if lang else i18n.current())
        self.keys = KeyGate(self)
        self.said: deque[str] = deque(maxlen=SAID)
        with i18n.speaking_as(self.speaker):
            localize(self)
        self.generation = 0
        self.current = ""
        self.styled_with = dict(self.theme_variables)  # the theme the stylesheet was built for
        self.restyled = False

    async def run_async(self, **kwargs: Any) -> None:
        """The app speaks its own language: every task it starts sees `self.speaker`.

        What is loaded by now (Textual, the booth's modules, the ledger) lives as long as the
        process: frozen out of the garbage collector's sight, its first full sweep while the
        first screen comes up does not walk 300,000 objects for nothing (tens of ms).
        """
        gc.freeze()
        with i18n.speaking_as(self.speaker):
            return await super().run_async(**kwargs)

    @asynccontextmanager
    async def run_test(self, **kwargs: Any) -> AsyncIterator[Pilot[None]]:
        with i18n.speaking_as(self.speaker):
            async with super().run_test(**kwargs) as pilot:
                yield pilot

    def refresh_css(self, animate: bool = True) -> None:
        """Textual restyles the whole app each time a mode's screen is first shown (twice, and
        reparsing every rule) in case the theme changed meanwhile; a new screen is styled as
        it mounts anyway. So: only once the theme has changed."""
        if not self.restyled and self.get_css_variables() == self.styled_with:
            return
        self.restyled = True
        super().refresh_css(animate)

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the app's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(placeholder=t("app.search_commands"), id="--command-palette")
            )

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies); say how to, in the app's language."""
        self.notify(t("app.quit_hint"), title=t("app.quit_title"))

    def _setting(self, name: str) -> object:
        if not profile.is_initialized(self.ctx.ledger):
            return None
        return self.ctx.profile().get(name)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast, and keep the line: `said` holds the last messages, newest last."""
        self.said.append(message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- keys in order ----------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.keys.hold(event):
            return
        await super().on_event(event)

    # -- start ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if profile.is_initialized(self.ctx.ledger):
            self._start()
        else:
            from bazar_pos.tui.screens.setup import SetupScreen

            self.push_screen(SetupScreen(self.ctx), self._set_up)

    def _set_up(self, done: bool | None) -> None:
        if done:
            self._speak_saved_language()
            self._start()

    def _speak_saved_language(self) -> None:
        lang = self._setting("language")
        if lang:
            self.speaker.lang = i18n.as_lang(str(lang))
            localize(self)

    def _start(self) -> None:
        self._add_modes()
        self.current = "kasir"
        self.switch_mode(self._mode("kasir"))
        self._check_tail()

    def _check_tail(self) -> None:
        if not check_tail(self.ctx.ledger).ok:  # selling now refuses; say so before the first sale
            try:
                ensure_sound(self.ctx.ledger)
            except BazarError as exc:
                self.notify(exc.message(), severity="error", timeout=60)

    def _handle_exception(self, error: Exception) -> None:
        """The one guard of the app: a crash log and one line, never a traceback.

        A failed worker leaves the app usable, so it keeps running; anything else stopped a
        message loop, so the app ends cleanly with the line (and exit code 70).
        """
        what = t("app.the_screen", screen=self.current or Word("app.start"))
        cause = error.error if isinstance(error, WorkerFailed) else error
        line = crash.line(what, cause, crash.record(cause, what))
        if self._exception is None:  # as Textual does: `run_test` re-raises it, tests still see it
            self._exception = error
            self._exception_event.set()
        if isinstance(error, WorkerFailed) and self.is_running:
            self.notify(line, severity="error", timeout=30)
            return
        self.exit(return_code=crash.EXIT_CODE, message=line)

    def _mode(self, name: str) -> str:
        return f"{name}.{self.generation}"

    def _add_modes(self) -> None:
        for name in SCREENS_BY_NAME:
            self.add_mode(self._mode(name), partial(self._make_screen, name))

    def _make_screen(self, name: str) -> Screen[None]:
        import importlib

        module, cls = SCREENS_BY_NAME[name]
        mod = importlib.import_module(f"bazar_pos.tui.screens.{module}")
        screen: Screen[None] = getattr(mod, cls)(self.ctx)
        return screen

    # -- navigation -------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return bool(self.current)

    @flow
    async def action_switch_person(self) -> None:
        """Who is at the till: one key, a name, and their PIN if they have one."""
        from bazar_pos.tui.dialogs.confirm import AskText
        from bazar_pos.tui.dialogs.owner import PinDialog

        people = staff.members(self.ctx.ledger)
        if not self.started or isinstance(self.screen, ModalScreen) or not people:
            if self.started and not people:
                self.notify(t("staff.no_one_yet"))
            return
        name = await ask(
            self,
            AskText(
                t("staff.who_is_at_the_till"),
                placeholder=", ".join(m.name for m in people),
                required=True,
            ),
        )
        if not name:
            return
        try:
            who = staff.find(self.ctx.ledger, name)
            pin = None
            if who.role == staff.OWNER or who.has_pin:
                pin = await ask(self, PinDialog(t("staff.pin_for", name=who.name)))
                if pin is None:
                    return
            self.ctx.ledger.person = await with_ledger(  # a wrong PIN is counted: a write
                self, self.ctx, lambda led: staff.switch(led, who.name, pin, now=self.ctx.now())
            )
        except BazarError as exc:
            self.notify(exc.message(), severity="error", timeout=6)
            return
        self.notify(t("staff.at_the_till", name=who.name))
        for bar in self.screen.query(StatusBar):
            bar.update_status()

    async def action_show(self, name: str) -> None:
        """Go to a main screen; never from under an open dialog (it would be left waiting).

        Keys typed after the function key wait until the new screen has its focus.
        """
        if not self.started or name not in SCREENS_BY_NAME or isinstance(self.screen, ModalScreen):
            return
        self.current = name
        self.keys.switching = True
        self.keys.close()
        try:
            await self.switch_mode(self._mode(name))
        finally:
            self.keys.switching = False
            self.screen.call_later(self.keys.open_soon)

    def get_key_display(self, binding: Binding) -> str:
        if binding.key.startswith("f") and binding.key[1:].isdigit():
            return binding.key.upper()
        return super().get_key_display(binding)

    async def switch_language(self, lang: str, *, save: bool = True) -> None:
        """Relabel everything: the modes are rebuilt in the new language, the cart is kept."""
        if save:
            now = self.ctx.now()
            try:
                await with_ledger(
                    self,
                    self.ctx,
                    lambda led: profile.update_settings(led, {"language": lang}, now=now),
                )
            except BazarError as exc:
                self.notify(exc.message(), severity="error")
                return
        self.speaker.lang = i18n.as_lang(lang)
        localize(self)
        if self.started:
            await self._rebuild()

    async def _rebuild(self) -> None:
        """Every main screen built anew (on the context's ledger, in the current language)."""
        old = [self._mode(name) for name in SCREENS_BY_NAME]
        self.generation += 1
        self._add_modes()
        await self.switch_mode(self._mode(self.current))
        for mode in old:
            await self.remove_mode(mode)

    # -- command palette --------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every screen, every action of the screen in front, the language, quit."""
        if self.started and not isinstance(screen, ModalScreen):
            for name, fkey, _, _ in TABS:
                yield SystemCommand(
                    f"{tab_title(name)} ({fkey})",
                    t("app.open_this_screen"),
                    partial(self.action_show, name),
                )
        for binding in commands(screen):
            _, action, params = parse_action(binding.action)
            if screen.check_action(action, params) is not True:
                continue
            shown = self.get_key_display(binding)
            yield SystemCommand(
                f"{label(binding)} ({shown})",
                t("app.key", shown=shown),
                partial(screen.run_action, binding.action),
            )
        other = "en" if self.speaker.lang == i18n.Lang.ID else "id"
        yield SystemCommand(
            t("app.language_bahasa_indonesia"),
            t("app.switch_the_display_language"),
            partial(self.switch_language, other),
        )
        yield SystemCommand(t("app.quit"), t("app.quit_ctrl_q"), self.action_quit)
        yield SystemCommand(
            t("app.keys"),
            t("app.show_every_key_of_this"),
            self.action_show_help_panel,
        )

    # -- after writes -----------------------------------------------------------------------

    def refresh_status(self) -> None:
        if not self.screen_stack:  # quitting: a write that lands now has no screen to tell
            return
        for bar in self.screen.query(StatusBar):
            bar.update_status()

    def on_ledger_changed(self, _: LedgerChanged) -> None:
        self.refresh_status()

    def on_sale_completed(self, event: SaleCompleted) -> None:
        self.refresh_status()
        self.write_receipt(event.sale.sale_no)

    def write_receipt(self, sale_no: str, *, announce: bool = False) -> None:
        """PDF receipt (and the printer when one is set), off the UI thread with its own
        connection, worded in the app's language (see tui/saving.py)."""
        job = in_this_context(partial(self._write_receipt, sale_no, announce=announce))
        self.run_worker(job, thread=True, group="receipts", exit_on_error=False)

    def _write_receipt(self, sale_no: str, *, announce: bool) -> None:
        from bazar_pos.services import receipts

        ledger = Ledger.open(self.ctx.db_path)
        try:
            issued = receipts.issue(ledger, sale_no)
        except BazarError as exc:
            self.call_from_thread(self.notify, exc.message(), severity="error", timeout=8)
            return
        except Exception as exc:  # a full disk or a printer unplugged must not end the app
            self.call_from_thread(
                self.notify,
                t("app.receipt_failed", exc=exc),
                severity="error",
                timeout=8,
            )
            return
        finally:
            ledger.close()
        self.post_message(ReceiptWritten(sale_no, issued.path, issued.printed))
        if issued.printer_error:  # the PDF is there; the paper can be reprinted from Riwayat
            self.call_from_thread(
                self.notify, issued.printer_error.message(), severity="warning", timeout=8
            )
        if announce:
            self.call_from_thread(
                self.notify,
                t("app.receipt_written", path=issued.path)
                + (t("app.and_printed") if issued.printed else ""),
            )

    def on_receipt_wanted(self, event: ReceiptWanted) -> None:
        self.write_receipt(event.sale_no, announce=True)

    def on_language_chosen(self, event: LanguageChosen) -> None:
        # Later, not in this handler: the switch removes the screen that asked, and a handler
        # awaiting its own screen's removal would wait forever. Saved with F9 in Pengaturan.
        self.call_later(self.switch_language, event.lang, save=False)

    def on_ledger_restored(self, _: LedgerRestored) -> None:
        """Later, like a language switch: the rebuild removes the screen that restored."""
        self._speak_saved_language()
        self._check_tail()
        self.call_later(self._rebuild)

    async def on_screen_wanted(self, event: ScreenWanted) -> None:
        await self.action_show(event.name)

    def on_receipt_written(self, event: ReceiptWritten) -> None:
        self.ctx.last_receipt = event.path
        for screen in self.screen_stack:
            if hasattr(screen, "receipt_written"):
                screen.receipt_written(event)


def make_booth_app(db_path: Path | str, *, now: Callable[[], datetime] | None = None) -> BoothApp:
    """The one way to build the booth app (CLI, tests, bench): the ledger opens here, not in
    the app's constructor, and the saved language applies before the first label is drawn."""
    ctx = BoothContext(Path(db_path), Ledger.open(db_path), now or config.now)
    staff.at_till(ctx.ledger)  # the owner opens the booth; a helper takes over by Ctrl+Y
    lang = ctx.profile().get("language") if profile.is_initialized(ctx.ledger) else None
    app = BoothApp(ctx, str(lang) if lang else None)
    ctx.lang_at_start = app.speaker.lang
    return app
