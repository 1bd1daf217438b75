"""The top line of every screen: clickable screen tabs, then booth, business day and outbox."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from bazar_pos import i18n
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext, day_label

# (screen, function key, long and short message ids)
TABS = (
    ("kasir", "F1", "term.kasir", "term.kasir"),
    ("riwayat", "F2", "term.riwayat", "term.riwayat"),
    ("stok", "F3", "term.stok", "term.stok"),
    ("tutup", "F4", "term.tutup_hari", "tab.tutup"),
    ("pengaturan", "F5", "term.pengaturan", "tab.pengaturan"),
)


def tab_title(name: str) -> str:
    for screen, _, long, _ in TABS:
        if screen == name:
            return t(long)
    return name


class StatusBar(Widget):
    DEFAULT_CSS = """
    StatusBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $text;
    }
    """
    saving = reactive(0)  # jobs running in a thread worker (see tui/saving.py)

    def __init__(self, ctx: BoothContext, active: str) -> None:
        super().__init__()
        self.ctx, self.active = ctx, active
        self._state: tuple[str, str, str, int, bool] = ("", "", "", 0, False)

    def on_mount(self) -> None:
        self.update_status()

    def update_status(self) -> None:
        """Re-read booth, day and outbox (cheap queries); called after anything is written."""
        try:
            prof = self.ctx.profile()
            hub = bool(prof.get("hub_url"))
            self._state = (prof.code, prof.name, self.ctx.today(), self.ctx.unsent(), hub)
        except BazarError:
            self._state = ("", "", "", 0, False)
        self.refresh()

    def render(self) -> Content:
        """The long form when it fits the width, else shorter ones; the outbox state always
        shows. At 80 columns "Pemilik" pushed "tanpa hub" off the line, and "⇡1 belum kirim"
        never fitted whole: the booth code gives way first, then the name at the till."""
        forms = [(True, 0)] + [(False, cut) for cut in range(self._person_length() + 1)]
        line = self._line(wide=True)
        for code, cut in forms:  # (show the booth code, letters cut off the name at the till)
            if line.cell_length <= self.size.width:
                break
            line = self._line(wide=False, code=code, cut=cut)
        return line

    def _person_length(self) -> int:
        person = self.ctx.ledger.person
        return len(person["name"]) if person else 0

    def _line(self, *, wide: bool, code: bool = True, cut: int = 0) -> Content:
        parts: list[Content] = [Content(" ")]
        for name, fkey, long, short in TABS:
            text = f"{fkey} {t(long if wide else short)}"
            if name == self.active:
                parts.append(Content.styled(f" {text} ", "reverse bold"))
            else:
                parts.append(Content.from_markup(f"[@click=app.show('{name}')]{text}[/]"))
            parts.append(Content(" "))
        left = Content("").join(parts)
        booth, name, day, unsent, hub = self._state
        if not booth:
            return left
        when = day_label(day, i18n.current()) if wide else f"{day[8:10]}/{day[5:7]}"
        sent = (
            Content.styled(t("status.saving"), "bold $accent")
            if self.saving
            else Content.styled(t("status.unsent", unsent=unsent), "bold $warning")
            if unsent
            else Content.styled(t("status.sent"), "$text-muted")
            if hub
            else Content.styled(t("status.no_hub"), "$text-muted")  # never a false "sent"
        )
        who = f"{booth} {name}" if wide else (booth if code else "")
        fields = [Content.styled(who, "bold")] if who else []
        person = self.ctx.ledger.person  # who is at the till, once the booth has people
        kept = person["name"][: len(person["name"]) - cut] if person else ""
        if kept:
            fields.append(Content(f"{kept}…" if cut else kept))
        fields.append(Content(when))
        right = Content.assemble(Content(" · ").join(fields), " · ", sent, " ")
        gap = max(1, self.size.width - left.cell_length - right.cell_length)
        return Content.assemble(left, " " * gap, right)
