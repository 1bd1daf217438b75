"""Rupiah as integers: the one place that parses and formats money.

Float never enters: a price like `15.000` is fifteen thousand rupiah (the dot groups thousands in
Indonesian), and anything with a fraction is refused rather than rounded.
"""

from __future__ import annotations

import re

from bazar_pos.errors import InvalidInput

MAX_AMOUNT = 10_000_000_000_000  # Rp10 trillion: beyond any booth, below int64 and QRIS limits
# ASCII digits only: `²` and `①` pass str.isdigit() and `١٢` passes int(), but no till types them
_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_COMMA_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")
_WHOLE_CENTS = re.compile(r"([0-9]+)[.,]0{1,2}")
_FRACTION = re.compile(r"[0-9]+[.,][0-9]+")


def parse(text: str | int, *, allow_zero: bool = True, allow_negative: bool = False) -> int:
    """Whole rupiah from `15000`, `15.000`, `Rp15.000`, `Rp 15.000`, `-5.000` (when allowed)."""
    if type(text) is int and (0 < text <= MAX_AMOUNT or (text == 0 and allow_zero)):
        return text  # already whole rupiah in range: the sale path's usual case
    if isinstance(text, bool):
        raise _bad(str(text))
    if isinstance(text, int):
        return _check(text, str(text), allow_zero=allow_zero, allow_negative=allow_negative)
    raw = str(text).strip()
    s = raw.replace(" ", "").replace("\u00a0", "")
    negative = s.startswith("-")
    if negative:
        s = s[1:]
    if s[:2].lower() == "rp":
        s = s[2:]
    if s.endswith(",-"):
        s = s[:-2]
    if len(s) > 40:  # beyond MAX_AMOUNT in any notation: refuse before int() reads it
        if re.fullmatch(r"[0-9.,]+", s):
            return _check(MAX_AMOUNT + 1, raw, allow_zero=allow_zero, allow_negative=True)
        raise _bad(raw[:40] + "…")
    whole_cents = _WHOLE_CENTS.fullmatch(s)
    if _DIGITS.fullmatch(s):
        digits = s
    elif _GROUPED.fullmatch(s):
        digits = s.replace(".", "")
    elif _COMMA_GROUPED.fullmatch(s):
        digits = s.replace(",", "")
    elif whole_cents:
        digits = whole_cents.group(1)  # "15000,00" is still whole rupiah
    elif _FRACTION.fullmatch(s):
        raise InvalidInput("money_fraction", raw=raw)
    else:
        raise _bad(raw)
    value = int(digits) * (-1 if negative else 1)
    return _check(value, raw, allow_zero=allow_zero, allow_negative=allow_negative)


def _check(value: int, raw: str, *, allow_zero: bool, allow_negative: bool) -> int:
    raw = raw if len(raw) <= 40 else raw[:40] + "…"
    if value < 0 and not allow_negative:
        raise InvalidInput("money_negative:amount_cannot_be_negative", raw=raw)
    if value == 0 and not allow_zero:
        raise InvalidInput("money_zero")
    if abs(value) > MAX_AMOUNT:
        raise InvalidInput("money_too_large", raw=raw)
    return value


def _bad(raw: str) -> InvalidInput:
    return InvalidInput("money_invalid", raw=raw)


def group(amount: int) -> str:
    """`15000` -> `15.000`; the digits without the currency."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", ".")


def fmt(amount: int) -> str:
    """`15000` -> `Rp15.000`, `-5000` -> `-Rp5.000`."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError(f"money must be int rupiah, got {type(amount).__name__}")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{group(abs(amount))}"


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` so the parts add up exactly (largest remainder)."""
    wsum = sum(weights)
    if wsum <= 0:
        parts = [0] * len(weights)
        if parts:
            parts[0] = total
        return parts
    floors = [total * w // wsum for w in weights]
    rest = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: -(total * weights[i] % wsum))
    for i in order[:rest]:
        floors[i] += 1
    return floors
