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


_ITEM = re.compile(r"^([^:\s]+)(?::([0-9]+))?$", re.ASCII)


def item(text: str, *, allow_zero: bool = False) -> tuple[str, int]:
    """The one `SKU[:QTY]` grammar of `sell`, `refund`, `close --count` and the TUI.

    The quantity is ASCII digits only (no sign, `_`, inner spaces or other scripts' digits), at
    least 1 (0 too where `allow_zero`: a stock count); without one it is 1.
    """
    m = _ITEM.match(str(text).strip())
    code_part, colon, count = str(text).strip().partition(":")
    if not m and colon and _ITEM.match(code_part):
        if re.fullmatch(r"-[0-9]+", count, re.ASCII):
            raise InvalidInput(
                f"Jumlah barang tidak boleh negatif: {count}",
                f"Quantity cannot be negative: {count}",
                code="bad_qty",
            )
        raise InvalidInput(
            f"Jumlah barang harus bilangan bulat, hanya angka 0-9: {count!r} ({text!r})",
            f"Quantity must be a whole number, digits 0-9 only: {count!r} ({text!r})",
            code="bad_qty",
        )
    if not m:
        raise InvalidInput(
            f"Barang tidak sah: {text!r} (tulis SKU atau SKU:JUMLAH, mis. KRP-03:2)",
            f"Invalid item: {text!r} (write SKU or SKU:QTY, e.g. KRP-03:2)",
            code="bad_item",
        )
    return sku(m[1]), qty(int(m[2]), allow_zero=allow_zero) if m[2] is not None else 1


def item_counts(texts: list[str], *, allow_zero: bool = False) -> dict[str, int]:
    """Several `SKU[:QTY]` items (or one comma-separated string) as SKU -> pieces, summed.

    `allow_zero` lets a stock count say `SKU:0`.
    """
    out: dict[str, int] = {}
    for raw in texts:
        for part in filter(None, (p.strip() for p in raw.split(","))):
            code, n = item(part, allow_zero=allow_zero)
            out[code] = out.get(code, 0) + n
    return out
