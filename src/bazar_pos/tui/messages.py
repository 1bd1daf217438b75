"""App-wide messages, named for what already happened."""

from __future__ import annotations

from textual.message import Message

from bazar_pos.booth.models import Sale


class SaleCompleted(Message):
    def __init__(self, sale: Sale) -> None:
        self.sale = sale
        super().__init__()


class LedgerChanged(Message):
    """Something was written; screens that show figures refresh."""
