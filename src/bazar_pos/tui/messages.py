"""App-wide messages, named for what already happened; screens post them, the app reacts."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from bazar_pos.booth.models import Sale


class SaleCompleted(Message):
    """A sale is in the ledger: write its receipt, refresh the status line."""

    def __init__(self, sale: Sale) -> None:
        self.sale = sale
        super().__init__()


class LedgerChanged(Message):
    """Something else was written (void, restock, close, settings): refresh the status line."""


class ReceiptWritten(Message):
    def __init__(self, sale_no: str, path: Path, printed: bool) -> None:
        self.sale_no, self.path, self.printed = sale_no, path, printed
        super().__init__()
