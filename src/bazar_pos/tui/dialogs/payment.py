"""Payment dialogs: cash with change, QRIS on the full screen, transfer, and a split plan.

Each dialog only collects the vendor's answer; the Kasir screen records the sale with it.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Digits, Input, Label, Select, Static

from bazar_pos import money
from bazar_pos.booth.cash import likely_tenders
from bazar_pos.booth.models import PaymentMethod, label
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.payments import QrMatrix, build_matrix, parse_qris, to_png
from bazar_pos.tui.context import BoothContext
from bazar_pos.tui.dialogs.base import Dialog
from bazar_pos.tui.keygate import GatedModal
from bazar_pos.tui.keys import key, localize
from bazar_pos.tui.saving import in_thread
from bazar_pos.tui.widgets.entry import Entry
from bazar_pos.tui.widgets.footer import KeyFooter
from bazar_pos.tui.widgets.qr import QrView, fit

QUICK_KEYS = ("f3", "f4", "f5")


class CashPayment(Dialog[int | None]):
    """Dismisses with the cash handed over (>= total); the change is shown large as it is typed.

    The quick keys offer the next round sums above the total (Rp180.000 and Rp200.000 for
    Rp175.000), each button naming its key and its amount.
    """

    BINDINGS = [
        key("f2", "quick(-1)", "key.cash.exact", id="cash.exact"),
        key("f3", "quick(0)", "key.cash.q1", id="cash.q1", show=False),
        key("f4", "quick(1)", "key.cash.q2", id="cash.q2", show=False),
        key("f5", "quick(2)", "key.cash.q3", id="cash.q3", show=False),
    ]

    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total
        self.notes = likely_tenders(total)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="cash"):
            yield Label(
                f"{t('pay.cash_payment')} — Total {money.fmt(self.total)}",
                classes="dialog-title",
            )
            yield Entry(
                placeholder=t("pay.cash_received_enter_exact"),
                id="tendered",
            )
            with Horizontal(classes="buttons"):
                yield Button(t("pay.f2_exact"), id="q--1", compact=True)
                for i, (fkey, note) in enumerate(zip(QUICK_KEYS, self.notes, strict=False)):
                    yield Button(f"{fkey.upper()} {money.fmt(note)}", id=f"q-{i}", compact=True)
            yield Label(t("pay.change"), classes="muted")
            yield Digits("0", id="change")
            yield Label(t("pay.enter_saves_esc_cancels"), classes="muted")

    def _tendered(self) -> int:
        text = self.query_one("#tendered", Input).value.strip()
        return money.parse(text) if text else self.total

    @on(Input.Changed, "#tendered")
    def _show_change(self) -> None:
        try:
            change = self._tendered() - self.total
        except BazarError:
            change = -1
        digits = self.query_one("#change", Digits)
        digits.update(money.group(max(change, 0)))
        digits.set_class(change < 0, "short")

    @on(Input.Submitted, "#tendered")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            tendered = money.parse(event.value.strip()) if event.value.strip() else self.total
        except BazarError as exc:
            self.fail(exc)
            return
        if tendered < self.total:
            self.notify(
                t("pay.less_than_the_total", total=money.fmt(self.total)),
                severity="error",
            )
            return
        self.dismiss(tendered)

    @on(Button.Pressed)
    def _quick_button(self, event: Button.Pressed) -> None:
        self.action_quick(int(str(event.button.id).removeprefix("q-")))

    def action_quick(self, index: int) -> None:
        """Fill in a likely sum (-1: exact); Enter then takes it (one more look at the change)."""
        if index >= len(self.notes):
            return
        tendered = self.query_one("#tendered", Input)
        tendered.value = money.group(self.notes[index]) if index >= 0 else ""
        self._show_change()
        tendered.focus()


class TransferPayment(Dialog[str | None]):
    """A bank transfer (or other method) the vendor has seen arrive; the reference is optional."""

    def __init__(self, total: int, method: str = "transfer") -> None:
        super().__init__()
        self.total, self.method = total, method

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{t('pay.transfer')} {money.fmt(self.total)}", classes="dialog-title")
            yield Label(t("pay.arrived_in_the_account_app"))
            yield Entry(placeholder=t("pay.reference_optional"), id="ref")
            yield Label(
                t("pay.enter_received_esc_cancels"),
                classes="muted",
            )

    @on(Input.Submitted)
    def _received(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())


def method_options() -> list[tuple[str, str]]:
    return [(label(m), m.value) for m in PaymentMethod]


class SplitPayment(Dialog[list[tuple[str, int]] | None]):
    """Two parts: the first with an amount, the second takes the rest of the total.

    Dismisses with the plan; each part then gets its own dialog (cash change, QRIS code).
    """

    def __init__(self, total: int, *, has_qris: bool = True) -> None:
        super().__init__()
        self.total = total
        self.rest_method = "qris" if has_qris else "transfer"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"{t('pay.split_payment')} — Total {money.fmt(self.total)}",
                classes="dialog-title",
            )
            yield Label(t("pay.first_part"))
            with Horizontal(classes="row"):
                yield Select(method_options(), value="cash", allow_blank=False, id="m1")
                yield Entry(placeholder=t("pay.amount"), id="a1")
            yield Label(t("pay.the_rest_with"))
            with Horizontal(classes="row"):
                yield Select(method_options(), value=self.rest_method, allow_blank=False, id="m2")
                yield Label("", id="rest")
            yield Label(t("pay.enter_continues_esc_cancels"), classes="muted")

    def on_mount(self) -> None:
        self.query_one("#a1").focus()

    @on(Input.Changed, "#a1")
    def _show_rest(self, event: Input.Changed) -> None:
        try:
            rest = self.total - money.parse(event.value or "0")
        except BazarError:
            rest = self.total
        self.query_one("#rest", Label).update(money.fmt(rest))

    @on(Input.Submitted, "#a1")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            first = money.parse(event.value, allow_zero=False)
        except BazarError as exc:
            self.fail(exc)
            return
        m1 = str(self.query_one("#m1", Select).value)
        m2 = str(self.query_one("#m2", Select).value)
        if first >= self.total or m1 == m2:
            self.notify(
                t("pay.the_first_part_must_be"),
                severity="error",
            )
            return
        self.dismiss([(m1, first), (m2, self.total - first)])


class QrisPayment(GatedModal[bool]):
    """The sale's dynamic QRIS on the whole screen; the vendor confirms once the app says paid.

    A QR squeezed below its size does not scan, so a terminal that is too small says so and
    offers the PNG instead of drawing a broken code.
    """

    BINDINGS = [
        key("enter,f9", "paid", "key.qris.paid", id="qris.paid"),
        key("escape", "cancel", "key.qris.cancel", id="qris.cancel"),
        key("f8,p", "png", "key.qris.png", id="qris.png"),
    ]

    def __init__(self, ctx: BoothContext, amount: int, payload: str) -> None:
        super().__init__(classes="qris-screen")
        localize(self)
        self.ctx, self.amount, self.payload = ctx, amount, payload
        self.matrix: QrMatrix = build_matrix(payload)
        self.info = parse_qris(payload)
        self.png: Path | None = None

    def compose(self) -> ComposeResult:
        info = self.info
        with Horizontal(id="qris-body"):
            yield QrView(self.matrix, id="qr")
            with Vertical(id="qris-info"):
                yield Label("QRIS", classes="dialog-title")
                yield Label(info.merchant_name, id="merchant")
                yield Digits(money.group(self.amount), id="qris-amount")
                yield Label(money.fmt(self.amount), id="qris-rupiah")
                if info.bill_number:
                    yield Label(f"{t('pay.no')} {info.bill_number}", classes="muted")
                yield Static(
                    t("pay.ask_the_buyer_to_scan"),
                    id="qris-help",
                )
                yield Static("", id="too-small")
        yield KeyFooter()

    @on(events.Mount)
    @on(events.Resize)
    def _fit(self) -> None:
        """Show the code only where every module gets its own half cell."""
        width, height = self.size
        fit(
            self,
            self.matrix,
            lambda cols, rows: t(
                "pay.the_screen_is_too_small", cols=cols, rows=rows, width=width, height=height
            ),
        )

    def action_paid(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    async def action_png(self) -> None:
        """Written in a worker: the code stays on screen for the buyer meanwhile."""
        from bazar_pos.services import receipts

        folder = receipts.receipts_dir(self.ctx.ledger)
        path = folder / f"qris-{self.info.bill_number or self.amount}.png"

        def write() -> None:
            folder.mkdir(parents=True, exist_ok=True)
            to_png(self.matrix, path)

        try:
            await in_thread(self, write)
        except OSError as exc:
            self.notify(
                t("pay.could_not_write_the_png", exc=exc),
                severity="error",
            )
            return
        self.png = path
        self.notify(
            t("pay.qr_saved_open_and_show", path=path),
            timeout=15,
        )
