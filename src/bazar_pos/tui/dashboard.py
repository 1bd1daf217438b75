"""The organizer's hub dashboard: who has reported per day (per city at a province), totals so
far, what waits for the parent hub, refreshed live.

The hub is read in a thread worker with its own connection (the event report behind the total
takes over a second at city scale), so the screen never freezes; the columns are sized to the
terminal so the net (Bersih) always shows, and a long name or location is the one thing cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Label, Select

from bazar_pos import config, money
from bazar_pos.errors import BazarError
from bazar_pos.hub import forwarding, registry, report, status
from bazar_pos.hub.store import open_hub
from bazar_pos.i18n import t
from bazar_pos.tui.keys import key, localize
from bazar_pos.tui.saving import in_this_context
from bazar_pos.tui.widgets.line_table import fit

PADDING = 2  # a DataTable cell's padding, both sides


@dataclass(frozen=True)
class Reading:
    """What one look at the hub found, before any word of it is written for the screen."""

    event: str
    version: int
    days: list[str]
    day: str
    net: int
    rows: list[dict[str, Any]]
    waiting: int


def read_hub(db_path: Path, day: str, today: str, *, unless: int | None = None) -> Reading | None:
    """The figures for `day` (else the last day with reports) on a connection of its own; None
    when the hub still holds `unless` bundles (nothing arrived: the report is not rebuilt)."""
    db = open_hub(db_path)
    try:
        version = db.execute("SELECT COUNT(*) FROM bundles").fetchone()[0]
        if version == unless:
            return None
        days = status.event_dates(db, today) or [today]
        day = day if day in days else days[-1]
        return Reading(
            registry.event(db).name,
            version,
            days,
            day,
            report.build(db, today=today).net,
            status.status(db, day),
            forwarding.waiting_count(db),
        )
    finally:
        db.close()


def widths(total: int, fixed: list[int], flexible: list[int]) -> list[int]:
    """Fixed columns at their width; the flexible ones share what is left, none wider than its
    content, so the figures on the right are never pushed off the screen."""
    room = total - sum(fixed) - PADDING * (len(fixed) + len(flexible)) - 2  # the scrollbar
    out = list(flexible)
    by_want = sorted(range(len(flexible)), key=lambda i: flexible[i])  # the narrow ones first
    for n, i in enumerate(by_want):
        out[i] = min(flexible[i], max(4, room // (len(flexible) - n)))
        room -= out[i]
    return out


class HubDashboard(App[None]):
    CSS_PATH = ["bazar.tcss", "dashboard.tcss"]
    TITLE = "bazar-pos hub"
    BINDINGS = [
        key("r", "refresh_now", "key.hub.refresh", id="hub.refresh"),
        key("p", "write_pdf", "key.hub.pdf", id="hub.pdf"),
        key("ctrl+q", "quit", "key.hub.quit", id="hub.quit"),
    ]

    def __init__(
        self, db_path: Path, *, now: Callable[[], datetime] | None = None, interval: float = 2.0
    ) -> None:
        super().__init__()
        localize(self)  # the command's language (`--lang`), set before the app starts
        self.db_path = db_path
        self.clock = now or config.now
        self.interval = interval
        self.version = -1
        self.day = ""
        self.reading: Reading | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="hub-top"):
            yield Select([], prompt=t("dashboard.day"), id="day", allow_blank=True)
            yield Label("", id="totals")
        yield DataTable(id="locations", cursor_type="row")
        yield DataTable(id="booths", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data(force=True)
        self.set_interval(self.interval, self.refresh_data)

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.day:
            self.day = event.value
            self.refresh_data(force=True)

    def on_resize(self) -> None:
        if self.reading:
            self.show(self.reading)

    def refresh_data(self, force: bool = False) -> None:
        """Re-read the hub off the screen's loop; shown only when a bundle arrived (or asked)."""
        self.run_worker(
            in_this_context(partial(self._read, force)),
            thread=True,
            exclusive=True,
            group="hub-read",
            exit_on_error=False,
        )

    def _read(self, force: bool) -> None:
        today = self.clock().date().isoformat()
        reading = read_hub(self.db_path, self.day, today, unless=None if force else self.version)
        if reading:
            self.call_from_thread(self.show, reading)

    def show(self, reading: Reading) -> None:
        self.reading, self.version, self.day = reading, reading.version, reading.day
        self.title = reading.event
        select = self.query_one("#day", Select)
        with select.prevent(Select.Changed):
            select.set_options([(d, d) for d in reading.days])
            select.value = reading.day
        rows = reading.rows
        done = sum(1 for r in rows if r["reported"])
        waiting = reading.waiting
        self.query_one("#totals", Label).update(
            f"{t('dashboard.event_total')}: {money.fmt(reading.net)}  ·  {reading.day}: "
            f"{done}/{len(rows)} {t('dashboard.reported_2')}"
            + (t("dashboard.waiting_for_the_parent", waiting=waiting)
               if waiting else "")
        )  # fmt: skip
        self._show_locations(rows)
        self._show_booths(rows)

    def _show_locations(self, rows: list[dict[str, Any]]) -> None:
        by_loc: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in rows:
            by_loc.setdefault((r["city"], r["location"]), []).append(r)
        several = len({city for city, _ in by_loc}) > 1  # a province: a row per city first
        lines: list[tuple[str, str, str]] = []
        for (city, loc), items in by_loc.items():
            if several and loc == next(x for c, x in by_loc if c == city):
                mine = [r for r in rows if r["city"] == city]
                lines.append(_summed(f"{t('dashboard.city')} {city}", mine))
            lines.append(_summed(f"  {loc}" if several else loc, items))
        heads = (t("dashboard.location"), t("dashboard.reported"), t("dashboard.net"))
        fixed = [_widest(heads[i], [ln[i] for ln in lines]) for i in (1, 2)]
        (loc_w,) = widths(self.size.width, fixed, [_widest(heads[0], [ln[0] for ln in lines])])
        table = self.query_one("#locations", DataTable)
        table.clear(columns=True)
        for head, width in zip(heads, [loc_w, *fixed], strict=True):
            table.add_column(head, width=width)
        for loc, reported, net in lines:
            table.add_row(_cut(loc, loc_w), reported, net)

    def _show_booths(self, rows: list[dict[str, Any]]) -> None:
        lines: list[tuple[str, str, str, str, str]] = []
        for r in sorted(rows, key=lambda r: (r["reported"], r["location"], r["booth"])):
            mark = (
                t("dashboard.reported_rev", revision=r["revision"])
                if r["reported"]
                else t("dashboard.missing")
            )
            where = f"{r['city']} · {r['location']}" if r["city"] else r["location"]
            net = money.fmt(r["net"]) if r["reported"] else "-"
            lines.append((r["booth"], r["name"], where, mark, net))
        heads = (
            "Booth",
            t("dashboard.name"),
            t("dashboard.location"),
            "Status",
            t("dashboard.net"),
        )
        fixed = [_widest(heads[i], [ln[i] for ln in lines]) for i in (0, 3, 4)]
        flexible = [_widest(heads[i], [ln[i] for ln in lines]) for i in (1, 2)]
        name_w, where_w = widths(self.size.width, fixed, flexible)
        table = self.query_one("#booths", DataTable)
        table.clear(columns=True)
        for head, width in zip(heads, [fixed[0], name_w, where_w, *fixed[1:]], strict=True):
            table.add_column(head, width=width)
        for booth, name, where, mark, net in lines:
            table.add_row(booth, _cut(name, name_w), _cut(where, where_w), mark, net, key=booth)

    def action_refresh_now(self) -> None:
        self.refresh_data(force=True)

    def action_write_pdf(self) -> None:
        self.run_worker(
            in_this_context(self._write_pdf), thread=True, group="hub-pdf", exit_on_error=False
        )

    def _write_pdf(self) -> None:
        """The event report as a PDF beside the hub file, written off the screen's loop."""
        from bazar_pos.documents import event_report

        path = self.db_path.parent / "event-report.pdf"
        db = open_hub(self.db_path)
        try:
            event_report.write(report.build(db), path, generated=self.clock())
        except (BazarError, OSError) as exc:
            why = exc.message() if isinstance(exc, BazarError) else str(exc)
            self.call_from_thread(self.notify, why, severity="error")
            return
        finally:
            db.close()
        self.call_from_thread(self.notify, t("dashboard.report_written", path=path))


def _summed(label: str, items: list[dict[str, Any]]) -> tuple[str, str, str]:
    reported = sum(1 for r in items if r["reported"])
    counted = sum(r["net"] for r in items if r["reported"] and not r["set_aside"])  # as the report
    return label, f"{reported}/{len(items)}", money.fmt(counted)


def _widest(head: str, cells: list[str]) -> int:
    return max([cell_len(head), *(cell_len(c) for c in cells)])


def _cut(text: str, width: int) -> str:
    """A name or place longer than its column, cut with "…" (a DataTable would crop it bare)."""
    return text if cell_len(text) <= width else fit(text, width)
