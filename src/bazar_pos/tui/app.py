"""The booth app: Kasir first; function keys reach every other screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from bazar_pos import config, i18n
from bazar_pos.booth import profile
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import BazarError
from bazar_pos.i18n import tr
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.messages import SaleCompleted


class BoothApp(App[None]):
    CSS_PATH = "bazar.tcss"
    TITLE = "bazar-pos"
    BINDINGS = [
        Binding("f1", "show('kasir')", "Kasir", id="app.kasir"),
        Binding("f2", "show('riwayat')", tr("Riwayat", "History"), id="app.riwayat"),
        Binding("f3", "show('stok')", tr("Stok", "Stock"), id="app.stok"),
        Binding("f4", "show('tutup')", tr("Tutup hari", "Close day"), id="app.tutup"),
        Binding("f5", "show('pengaturan')", tr("Pengaturan", "Settings"), id="app.settings"),
        Binding("ctrl+q", "quit", tr("Keluar", "Quit"), id="app.quit"),
    ]

    def __init__(self, db_path: Path | str, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.ctx = BoothContext(Path(db_path), Ledger.open(db_path), now or config.now)
        lang = self._setting("language")
        if lang:
            i18n.set_language(str(lang))

    def _setting(self, key: str) -> object:
        if not profile.is_initialized(self.ctx.ledger):
            return None
        return self.ctx.profile().get(key)

    def on_mount(self) -> None:
        if profile.is_initialized(self.ctx.ledger):
            self._start()
        else:
            self._first_run()

    @work
    async def _first_run(self) -> None:
        from bazar_pos.tui.screens.setup import SetupScreen

        if await self.push_screen_wait(SetupScreen(self.ctx)):
            self._start()

    def _start(self) -> None:
        from bazar_pos.tui.screens.kasir import KasirScreen

        self.install_screen(KasirScreen(self.ctx), "kasir")
        self.push_screen("kasir")
        self.update_status()

    def update_status(self) -> None:
        try:
            prof = self.ctx.profile()
        except BazarError:
            return
        unsent = ""
        n = _unsent(self.ctx)
        unsent = f" · {tr('belum terkirim', 'unsent')}: {n}" if n else ""
        self.title = f"{prof.code} {prof.name}"
        self.sub_title = f"{tr('Hari', 'Day')} {self.ctx.today()}{unsent}"

    def action_show(self, name: str) -> None:
        if not profile.is_initialized(self.ctx.ledger):
            return
        if not self.is_screen_installed(name):
            screen = _make_screen(name, self.ctx)
            if screen is None:
                self.notify(tr("Layar ini belum tersedia", "This screen is not available yet"))
                return
            self.install_screen(screen, name)
        self.switch_screen(name)
        self.update_status()

    def on_sale_completed(self, _: SaleCompleted) -> None:
        self.update_status()


def _unsent(ctx: BoothContext) -> int:
    try:
        from bazar_pos.sync import outbox  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return 0
    return int(outbox.pending_count(ctx.ledger))


def _make_screen(name: str, ctx: BoothContext) -> Screen[None] | None:
    import importlib

    modules = {
        "riwayat": ("riwayat", "RiwayatScreen"),
        "stok": ("stok", "StokScreen"),
        "tutup": ("tutup", "TutupScreen"),
        "pengaturan": ("pengaturan", "PengaturanScreen"),
    }
    if name not in modules:
        return None
    module, cls = modules[name]
    try:
        mod = importlib.import_module(f"bazar_pos.tui.screens.{module}")
    except ImportError:
        return None
    screen: Screen[None] = getattr(mod, cls)(ctx)
    return screen
