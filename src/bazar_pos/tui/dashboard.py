"""The organizer's hub dashboard: who has reported per day (per city at a province), totals so
far, what waits for the parent hub, refreshed live."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Label, Select

from bazar_pos import config, money
from bazar_pos.hub import forwarding, registry, report, status
from bazar_pos.hub.store import open_hub
from bazar_pos.i18n import t
from bazar_pos.tui.keys import key, localize


class HubDashboard(App[None]):
    CSS_PATH = "bazar.tcss"
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
        self.db = open_hub(db_path)
        self.clock = now or config.now
        self.interval = interval
        self.version = -1
        self.day = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="hub-top"):
            yield Select([], prompt=t("dashboard.day"), id="day", allow_blank=True)
            yield Label("", id="totals")
        yield DataTable(id="locations", cursor_type="row")
        yield DataTable(id="booths", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        ev = registry.event(self.db)
        self.title = ev.name
        self.query_one("#locations", DataTable).add_columns(
            t("dashboard.location"), t("dashboard.reported"), t("dashboard.net")
        )
        self.query_one("#booths", DataTable).add_columns(
            "Booth", t("dashboard.name"), t("dashboard.location"), "Status", t("dashboard.net")
        )
        self.refresh_data(force=True)
        self.set_interval(self.interval, self.refresh_data)

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.day = event.value
            self.refresh_data(force=True)

    def refresh_data(self, force: bool = False) -> None:
        """Re-read only when the hub database changed (a bundle arrived)."""
        version = self.db.execute("SELECT COUNT(*) FROM bundles").fetchone()[0]
        if version == self.version and not force:
            return
        self.version = version
        days = status.event_dates(self.db) or [self.clock().date().isoformat()]
        select = self.query_one("#day", Select)
        select.set_options([(d, d) for d in days])
        if self.day not in days:
            self.day = days[-1]
        with select.prevent(Select.Changed):
            select.value = self.day
        rep = report.build(self.db)
        rows = status.status(self.db, self.day)
        done = sum(1 for r in rows if r["reported"])
        waiting = forwarding.waiting_count(self.db)
        self.query_one("#totals", Label).update(
            f"{t('dashboard.event_total')}: {money.fmt(rep.net)}  ·  {self.day}: "
            f"{done}/{len(rows)} {t('dashboard.reported_2')}"
            + (t("dashboard.waiting_for_the_parent", waiting=waiting)
               if waiting else "")
        )  # fmt: skip
        locs = self.query_one("#locations", DataTable)
        locs.clear()
        by_loc: dict[tuple[str, str], list[dict]] = {}
        for r in rows:
            by_loc.setdefault((r["city"], r["location"]), []).append(r)
        several = len({city for city, _ in by_loc}) > 1  # a province: a row per city first
        for (city, loc), items in by_loc.items():
            if several and loc == next(x for c, x in by_loc if c == city):
                mine = [r for r in rows if r["city"] == city]
                locs.add_row(
                    f"{t('dashboard.city')} {city}",
                    f"{sum(1 for r in mine if r['reported'])}/{len(mine)}",
                    money.fmt(sum(r["net"] or 0 for r in mine)),
                )
            locs.add_row(
                f"  {loc}" if several else loc,
                f"{sum(1 for r in items if r['reported'])}/{len(items)}",
                money.fmt(sum(r["net"] or 0 for r in items)),
            )
        table = self.query_one("#booths", DataTable)
        table.clear()
        for r in sorted(rows, key=lambda r: (r["reported"], r["location"], r["booth"])):
            mark = (
                t("dashboard.reported_rev", revision=r["revision"])
                if r["reported"]
                else t("dashboard.missing")
            )
            table.add_row(
                r["booth"],
                r["name"],
                f"{r['city']} · {r['location']}" if r["city"] else r["location"],
                mark,
                money.fmt(r["net"]) if r["reported"] else "-",
                key=r["booth"],
            )

    def action_refresh_now(self) -> None:
        self.refresh_data(force=True)

    def action_write_pdf(self) -> None:
        from bazar_pos.documents import event_report

        path = self.db_path.parent / "event-report.pdf"
        event_report.write(report.build(self.db), path, generated=self.clock())
        self.notify(t("dashboard.report_written", path=path))
