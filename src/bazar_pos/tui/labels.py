"""Cells and labels the screens share, in one place, so no screen imports another."""

from __future__ import annotations

from collections.abc import Sequence

from bazar_pos.booth.models import (
    PAYMENT_METHODS,
    PaymentMethod,
    Product,
    SaleStatus,
    StockMark,
    label,
)
from bazar_pos.tui.widgets.line_table import Cell

MARK_STYLES = {StockMark.INACTIVE: "muted", StockMark.SOLD_OUT: "error", StockMark.LOW: "warning"}


def method_label(method: str) -> str:
    """A payment method's one word (Tunai, QRIS…); an unknown one as it was recorded."""
    return label(PaymentMethod(method)) if method in PAYMENT_METHODS else method


def status_label(status: str) -> str:
    """A sale's status word (lunas, BATAL, retur); an unknown one as it was recorded."""
    return label(SaleStatus(status)) if status in SaleStatus.__members__.values() else status


def mark_cell(p: Product) -> Cell:
    """The product's stock mark (nonaktif, HABIS, menipis) in its colour, or nothing."""
    mark = p.mark
    return (label(mark), MARK_STYLES[mark]) if mark else ""


def stock_cell(p: Product) -> Cell:
    """Stock in one narrow cell, so names keep the room: sold out in red, low in yellow with !."""
    if p.sold_out:
        return (label(StockMark.SOLD_OUT), "error")
    if p.low:
        return (f"{p.stock}!", "warning")
    return str(p.stock)


def stock_width(shown: Sequence[Product]) -> int:
    """The stock column: five cells for its numbers, wider only while a shown product is sold
    out and the language's word for it is longer (SOLD OUT), so names keep their room."""
    if any(p.sold_out for p in shown):
        return max(5, len(label(StockMark.SOLD_OUT)))
    return 5
