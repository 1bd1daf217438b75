"""Tutup hari: the day's totals, the cash counted note by note against what is expected,
the stock count, then close, write the Z report and send the totals to the organizer.

The difference updates with every note typed, so the vendor can recount before locking the day.
Closing and sending run off the UI thread: a slow hub never freezes the till.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from bazar_pos import i18n, money
from bazar_pos.booth import cash, catalog, close, days, profit
from bazar_pos.booth.close import DENOMINATIONS
from bazar_pos.booth.totals import day_totals
from bazar_pos.documents import close_notes
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.tui.context import BoothContext, day_label
from bazar_pos.tui.dialogs.closing import CashMoveDialog, StockCountDialog
from bazar_pos.tui.dialogs.confirm import AskText, Confirm
from bazar_pos.tui.keygate import ask, flow
from bazar_pos.tui.keys import key
from bazar_pos.tui.labels import method_label
from bazar_pos.tui.messages import LedgerChanged
from bazar_pos.tui.screens.base import DayScreen
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from bazar_pos.services.closing import CloseOutcome


def row(label: str, value: str, width: int = 30) -> str:
    return f"{label}{' ' * max(1, width - len(label) - len(value))}{value}"


def minus(amount: int) -> str:
    """A deduction: -Rp5.000, and a plain Rp0 when there is none (never "-Rp0")."""
    return "-" + money.fmt(amount) if amount else money.fmt(0)


def signed(amount: int) -> str:
    """A difference as the vendor reads it: +Rp5.000 over, -Rp5.000 short, Rp0 exact."""
    return ("+" if amount > 0 else "") + money.fmt(amount)


class TutupScreen(DayScreen):
    NAME = "tutup"
    CSS_PATH = "tutup.tcss"  # its own rules, read when it is first shown
    BINDINGS = [
        key("f9", "close_day", "key.tutup.close", id="tutup.close"),
        key("f6", "stock_count", "key.tutup.count", id="tutup.count"),
        key("f7", "cash_move", "key.tutup.cash", id="tutup.cash"),
        key("f8", "send", "key.tutup.send", id="tutup.send"),
        key("f10", "reopen", "key.tutup.reopen", id="tutup.reopen"),
        key("f11", "day(-1)", "key.tutup.prev", id="tutup.prev", show=False),
        key("f12", "day(1)", "key.tutup.next", id="tutup.next", show=False),
        key("down", "note(1)", "key.tutup.down", id="tutup.down", show=False),
        key("up", "note(-1)", "key.tutup.up", id="tutup.up", show=False),
    ]

    def __init__(self, ctx: BoothContext) -> None:
        super().__init__(ctx)
        self.closed = False
        self.expected = 0
        self.cash_parts: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        self.message = ""

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield Label("", id="close-title", classes="title")
        with Horizontal(id="close"):
            with Vertical(id="close-left"):
                yield Static("", id="day-figures")
                yield Static("", id="cash-figures")
                yield Static("", id="close-state")
            with Vertical(id="denoms"):
                yield Label(t("tutup.count_the_cash_drawer"), classes="muted")
                for face in DENOMINATIONS:
                    with Horizontal(classes="denom"):
                        yield Label(f"{money.group(face):>7} ×", classes="face")
                        yield Entry(id=f"n-{face}", compact=True, restrict=r"[0-9]*", max_length=4)
                        yield Label("", id=f"s-{face}", classes="sub")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(f"#n-{DENOMINATIONS[0]}").focus()

    def reload(self) -> None:
        """Open day: live figures. Closed day: what the close recorded."""
        led = self.ctx.ledger
        self.closed = days.is_closed(led, self.day)
        lang = i18n.current()
        if self.closed:
            summary = close.load_summary(led, self.day)
            totals, cash_info, earned = summary.totals, summary.cash, summary.profit
            for face in DENOMINATIONS:
                box = self.query_one(f"#n-{face}", Input)
                box.value = str(cash_info.get("denominations", {}).get(str(face), ""))
                box.disabled = True
            state = t("tutup.closed_revision", revision=summary.revision)
        else:
            totals = day_totals(led, self.day).to_json()
            cash_info = dict(close.expected_cash(led, self.day))
            earned = profit.day_profit(led, self.day).to_json()
            for face in DENOMINATIONS:
                self.query_one(f"#n-{face}", Input).disabled = False
            state = t("tutup.open")
        self.expected = int(cash_info["expected"])
        self.cash_parts = {k: int(cash_info.get(k, 0)) for k in ("opening", "cash_in", "cash_out")}
        self.query_one("#close-title", Label).update(
            f" {t('tutup.close_day')} {day_label(self.day, lang)} · {state}"
        )
        self._show_totals(totals, earned)
        self._recount()
        self._show_state()
        self.refresh_bindings()

    def _show_totals(self, tot: dict[str, Any], earned: dict[str, Any]) -> None:
        lines = [
            row(t("tutup.sales"), str(tot["sales_count"])),
            row(t("tutup.gross"), money.fmt(tot["gross"])),
            row(t("tutup.discounts"), minus(tot["discounts"])),
            row(t("tutup.voids"), minus(tot["voids"])),
            row(t("tutup.refunds"), minus(tot["refunds"])),
            "[b]" + row(t("tutup.net"), money.fmt(tot["net"])) + "[/b]",
        ]
        for method, amount in tot["by_payment"].items():
            if amount or method in ("cash", "qris"):
                lines.append(row(f"  {method_label(method)}", money.fmt(amount)))
        if earned and len(earned["uncosted"]) < len(earned["products"]):
            # the vendor's own figure, once something sold has a cost: never sent nor printed
            lines.append(row(t("tutup.gross_profit"), money.fmt(earned["profit"])))
        self.query_one("#day-figures", Static).update("\n".join(lines))

    def _denominations(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for face in DENOMINATIONS:
            text = self.query_one(f"#n-{face}", Input).value.strip()
            if text:
                out[face] = int(text)
        return out

    @on(Input.Changed, ".denom Input")
    def _typed(self) -> None:
        self._recount()

    @on(Input.Submitted, ".denom Input")
    def _next_note(self) -> None:
        self.focus_next()

    def action_note(self, step: int) -> None:
        """Up and down walk the notes and coins, as on a paper count sheet."""
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def _recount(self) -> None:
        notes = self._denominations()
        for face in DENOMINATIONS:
            n = notes.get(face)
            self.query_one(f"#s-{face}", Label).update(money.group(face * n) if n else "")
        counted = sum(face * n for face, n in notes.items())
        diff = counted - self.expected
        tone = "green" if diff == 0 else ("yellow" if diff > 0 else "red")
        self.query_one("#cash-figures", Static).update(
            "\n".join(
                [
                    row(
                        t("tutup.opening_float"),
                        money.fmt(self.cash_parts.get("opening", 0)),
                    ),
                    *(
                        row(
                            label,
                            money.fmt(self.cash_parts[k])
                            if k == "cash_in"
                            else minus(self.cash_parts[k]),
                        )
                        for k, label in (
                            ("cash_in", t("tutup.cash_in")),
                            ("cash_out", t("tutup.cash_out")),
                        )
                        if self.cash_parts.get(k)
                    ),
                    row(t("tutup.cash_expected"), money.fmt(self.expected)),
                    row(t("tutup.counted"), money.fmt(counted) if notes else "-"),
                    f"[b {tone}]"
                    + row(t("tutup.difference"), signed(diff) if notes else "-")
                    + "[/]",
                ]
            )
        )

    def _show_state(self) -> None:
        parts = []
        if self.counts:
            off = sum(1 for sku, n in self.counts.items() if self._stock(sku) != n)
            parts.append(t("tutup.stock_counted_products_differ", counts=len(self.counts), off=off))
        unsent = self.ctx.unsent()
        if unsent:
            parts.append(t("tutup.report_s_waiting_to_be", unsent=unsent))
        if self.message:
            parts.append(self.message)
        self.query_one("#close-state", Static).update("\n".join(parts))

    def _stock(self, sku: str) -> int | None:
        row_ = self.ctx.ledger.one("SELECT stock FROM products WHERE sku = ?", (sku,))
        return int(row_["stock"]) if row_ else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("close_day", "stock_count", "cash_move"):
            return None if self.closed else True
        if action == "reopen":
            return True if self.closed else None
        return True

    def leave_day(self) -> None:
        self.message = ""

    @flow
    async def action_stock_count(self) -> None:
        products = catalog.list_products(self.ctx.ledger)
        counts = await ask(self, StockCountDialog(products, self.counts))
        if counts is not None:
            self.counts = counts
            self._show_state()

    @flow
    async def action_cash_move(self) -> None:
        answer = await ask(self, CashMoveDialog())
        if answer is None:
            return
        kind, amount, why = answer
        now = self.ctx.now()
        try:
            value = await self.write(
                lambda led: cash.move(
                    led,
                    "out" if kind == "out" else "in",
                    amount,
                    reason=why,
                    now=now,
                    opening_float=kind == "float",
                )
            )
        except BazarError as exc:
            self.fail(exc)
            return
        self.notify(f"{why}: {money.fmt(value)}")
        self.reload()
        self.post_message(LedgerChanged())

    @flow
    async def action_close_day(self) -> None:
        notes = self._denominations()
        if not notes:
            self.notify(
                t("tutup.count_the_cash_first_the"),
                severity="error",
            )
            return
        counted = sum(face * n for face, n in notes.items())
        joined = bool(self.ctx.profile().get("hub_url"))
        ok = await ask(
            self,
            Confirm(
                t(
                    "tutup.close_counted_difference_the_day" if joined else "tutup.close_counted",
                    day=day_label(self.day, i18n.current()),
                    counted=money.fmt(counted),
                    value=signed(counted - self.expected),
                )
            ),
        )
        if ok:
            self.message = t("tutup.closing_and_sending")
            self._show_state()
            await self._close(self.day, notes, dict(self.counts))

    async def _close(self, day: str, notes: dict[int, int], counts: dict[str, int]) -> None:
        """The close, its Z report PDF and the send to the hub, in a worker; keys wait."""
        from bazar_pos.services import closing

        now = self.ctx.now()
        try:
            outcome = await self.write(
                lambda led: closing.close_and_send(
                    led, day, denominations=notes, stock_counts=counts or None, pdf=True, now=now
                )
            )
        except BazarError as exc:
            self._failed(exc.message())
        except Exception:  # the close is in or not; either way the till stays up
            self._failed(t("tutup.the_close_could_not_be"))
        else:
            self._day_closed(outcome)

    def _day_closed(self, outcome: CloseOutcome) -> None:
        s, path = outcome.summary, outcome.zreport
        lines = [t("tutup.z_report", path=path)]
        saved = close_notes.backup_line(outcome.backup)
        if saved:
            lines.append(saved)
        lines.append(close_notes.reconcile_line(outcome.reconcile))
        sync = outcome.sync
        if outcome.bundle is None:
            lines.append(t("tutup.not_joined_to_a_hub"))
        elif sync and sync.sent:
            lines.append(t("tutup.totals_sent_to_the_organizer"))
        elif sync and sync.unreachable:  # the transport's own words are not the vendor's
            lines.append(t("tutup.hub_unreachable_report_s_waiting", waiting=sync.waiting))
        elif sync:
            lines.append(t("tutup.the_hub_refused_the_report", waiting=sync.waiting))
        self.message = "\n".join(lines)
        self.notify(
            t(
                "tutup.day_closed_revision",
                day=day_label(s.day, i18n.current()),
                revision=s.revision,
            )
        )
        self.reload()
        self.post_message(LedgerChanged())

    def _failed(self, message: str) -> None:
        self.message = ""
        self.notify(message, severity="error", timeout=8)
        self.reload()

    @flow
    async def action_send(self) -> None:
        from bazar_pos.sync import outbox

        if not self.ctx.profile().get("hub_url"):  # not "hub unreachable": there is none yet
            self._failed(t("hint.no_secret"))
            return
        now = self.ctx.now()
        try:
            report = await self.write(lambda led: outbox.push(led, now=now))
        except Exception:
            self._failed(t("tutup.sending_failed_try_again_later"))
            return
        if report.unreachable:
            text = t("tutup.hub_unreachable_waiting_try_again", waiting=report.waiting)
        else:
            text = t("tutup.sent", sent=report.sent)
        self._sent(text)

    def _sent(self, text: str) -> None:
        self.message = text
        self.notify(text)
        self.reload()
        self.post_message(LedgerChanged())

    @flow
    async def action_reopen(self) -> None:
        reason = await ask(
            self,
            AskText(t("tutup.reopen_why", day=day_label(self.day, i18n.current())), required=True),
        )
        if not reason:
            return
        day = self.day
        try:
            revision = await self.as_owner(
                lambda led: close.reopen(led, day, reason=reason, now=self.ctx.now())
            )
        except BazarError as exc:
            self.fail(exc)
            return
        if revision is None:
            return
        self.message = t("tutup.reopened_the_next_close_is", revision=revision)
        self.reload()
        self.post_message(LedgerChanged())
