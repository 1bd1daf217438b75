"""Checks shared by the booth services: SKUs, quantities, reasons."""

from __future__ import annotations

import re

from bazar_pos import names
from bazar_pos.errors import InvalidInput

MAX_QTY = 100_000
_WHOLE = re.compile(r"[+-]?[0-9]+")
_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")


def sku(text: str) -> str:
    s = str(text).strip().upper()
    if not _SKU.match(s):
        raise InvalidInput(
            f"SKU tidak sah: {text!r} (huruf, angka, '-', '.', '_', maks. 32)",
            f"Invalid SKU: {text!r} (letters, digits, '-', '.', '_', at most 32)",
            code="bad_sku",
        )
    return s


def qty(value: int | str, *, allow_zero: bool = False, allow_negative: bool = False) -> int:
    """Whole pieces; `0` or negative only where the caller says they mean something."""
    text = str(value).strip()
    try:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError
        if isinstance(value, str) and not _WHOLE.fullmatch(text):
            raise ValueError  # ASCII digits only: int() also takes `١٢` and `1_0`
        n = int(text.lstrip("+")) if isinstance(value, str) else value
    except ValueError as exc:
        raise InvalidInput(
            f"Jumlah barang harus bilangan bulat: {text[:40]!r}",
            f"Quantity must be a whole number: {text[:40]!r}",
            code="bad_qty",
        ) from exc
    if n < 0 and not allow_negative:
        raise InvalidInput(
            f"Jumlah barang tidak boleh negatif: {n}",
            f"Quantity cannot be negative: {n}",
            code="bad_qty",
        )
    if n == 0 and not allow_zero:
        raise InvalidInput(
            "Jumlah barang harus lebih dari nol", "Quantity must be more than zero", code="bad_qty"
        )
    if abs(n) > MAX_QTY:
        raise InvalidInput(
            f"Jumlah barang terlalu besar: {n}", f"Quantity is too large: {n}", code="bad_qty"
        )
    return n


def reason(text: str | None) -> str:
    r = names.check(text or "", "Alasan", "reason").strip()
    if not r:
        raise InvalidInput("Alasan wajib diisi", "A reason is required", code="no_reason")
    if len(r) > 200:
        raise InvalidInput("Alasan terlalu panjang", "The reason is too long", code="bad_reason")
    return r
