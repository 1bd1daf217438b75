"""Cells and labels the screens share, in one place, so no screen imports another."""

from __future__ import annotations

from bazar_pos.booth.models import Product
from bazar_pos.i18n import tr
from bazar_pos.tui.widgets.line_table import Cell

METHOD_LABELS = {
    "cash": ("tunai", "cash"),
    "qris": ("QRIS", "QRIS"),
    "transfer": ("transfer", "transfer"),
    "other": ("lain", "other"),
}


def method_label(method: str) -> str:
    return tr(*METHOD_LABELS.get(method, (method, method)))


def stock_cell(p: Product) -> Cell:
    """Stock in one narrow cell, so names keep the room: HABIS in red, low in yellow with !."""
    if p.sold_out:
        return (tr("HABIS", "OUT"), "error")
    if p.low:
        return (f"{p.stock}!", "warning")
    return str(p.stock)
