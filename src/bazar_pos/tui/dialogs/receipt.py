"""The struk on the customer's phone: a `wa.me` QR for the last sale, scanned off the screen.

The customer's phone opens WhatsApp with the short receipt addressed to the booth: the customer
keeps the receipt, the vendor gets the contact. It needs no network on the booth's side.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from bazar_pos import money
from bazar_pos.booth.whatsapp import WhatsAppReceipt
from bazar_pos.i18n import t
from bazar_pos.payments import build_matrix
from bazar_pos.tui.keys import key, localize
from bazar_pos.tui.widgets.qr import QrView, fit


class WhatsAppQr(ModalScreen[None]):
    """Shown on a key in Kasir, or after every sale when the vendor asked for it."""

    BINDINGS = [
        key("enter,escape", "close", "key.whatsapp.close", id="whatsapp.close"),
    ]

    def __init__(self, made: WhatsAppReceipt, total: int) -> None:
        super().__init__(classes="qris-screen")
        localize(self)
        self.made, self.total = made, total
        self.matrix = build_matrix(made.link)

    def compose(self) -> ComposeResult:
        with Horizontal(id="qris-body"):
            yield QrView(self.matrix, id="qr")
            with Vertical(id="qris-info"):
                yield Label(t("pengaturan.receipt_to_whatsapp"), classes="dialog-title")
                yield Label(f"{self.made.sale_no} · {money.fmt(self.total)}")
                yield Static(
                    t("whatsapp.the_customer_scans_with_the", number=self.made.number),
                    id="qris-help",
                )
                yield Static("", id="too-small")
        yield Footer(compact=True)

    @on(events.Mount)
    @on(events.Resize)
    def _fit(self) -> None:
        """Too small to scan: say so, and name the command that writes the PNG instead."""
        fit(
            self,
            self.matrix,
            lambda cols, rows: t(
                "whatsapp.the_screen_is_too_small", cols=cols, rows=rows, sale_no=self.made.sale_no
            ),
        )

    def action_close(self) -> None:
        self.dismiss(None)
