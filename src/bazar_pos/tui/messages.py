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


class LedgerRestored(Message):
    """A backup replaced the ledger file and `ctx.ledger` was reopened: rebuild every screen."""


class ReceiptWritten(Message):
    def __init__(self, sale_no: str, path: Path, printed: bool) -> None:
        self.sale_no, self.path, self.printed = sale_no, path, printed
        super().__init__()


class ReceiptWanted(Message):
    """A screen asks for a sale's receipt again (written and printed off the UI thread)."""

    def __init__(self, sale_no: str) -> None:
        self.sale_no = sale_no
        super().__init__()


class LanguageChosen(Message):
    """The vendor picked a language (and saved it): relabel every screen."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        super().__init__()


class ScreenWanted(Message):
    """A screen is done and hands over to another main screen (F1-F5 by name)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__()
