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
        raise InvalidInput("bad_sku", text=text)
    return s


def qty(value: int | str, *, allow_zero: bool = False, allow_negative: bool = False) -> int:
    """Whole pieces; `0` or negative only where the caller says they mean something."""
    if type(value) is int and 0 < value <= MAX_QTY:
        return value  # the cart's usual case, on every sale's write path
    text = str(value).strip()
    try:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError
        if isinstance(value, str) and not _WHOLE.fullmatch(text):
            raise ValueError  # ASCII digits only: int() also takes `١٢` and `1_0`
        n = int(text.lstrip("+")) if isinstance(value, str) else value
    except ValueError as exc:
        raise InvalidInput("bad_qty:quantity_must_be_a_whole_2", text=text[:40]) from exc
    if n < 0 and not allow_negative:
        raise InvalidInput("bad_qty", n=n)
    if n == 0 and not allow_zero:
        raise InvalidInput("bad_qty:quantity_must_be_more_than")
    if abs(n) > MAX_QTY:
        raise InvalidInput("bad_qty:quantity_is_too_large", n=n)
    return n


def reason(text: str | None) -> str:
    r = names.check(text or "", "field.reason").strip()
    if not r:
        raise InvalidInput("no_reason")
    if len(r) > 200:
        raise InvalidInput("bad_reason")
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
            raise InvalidInput("bad_qty:quantity_cannot_be_negative", count=count)
        raise InvalidInput("bad_qty:quantity_must_be_a_whole", count=count, text=text)
    if not m:
        raise InvalidInput("bad_item", text=text)
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
