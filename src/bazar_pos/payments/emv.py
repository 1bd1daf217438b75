"""EMVCo Merchant-Presented Mode TLV: `ID LEN VALUE` objects, kept in order and byte for byte.

Parsing never guesses positions (real codes put 54 after 61 or 62) and keeps every value as it came,
so re-serialising a parsed payload gives back the same string, and a static-to-dynamic conversion
changes only the objects it means to.
"""

from __future__ import annotations

import binascii
from collections.abc import Iterable
from typing import NamedTuple

from bazar_pos.payments.faults import ErrorCode, Finding, InvalidQris, shown

# Templates hold TLV objects in their value: merchant accounts 26-51, additional data 62,
# language 64 and the unreserved templates 80-99.
TEMPLATE_IDS = frozenset(
    [f"{i:02d}" for i in range(26, 52)] + ["62", "64"] + [f"{i:02d}" for i in range(80, 100)]
)
_TWO_DIGITS = {f"{i:02d}": i for i in range(100)}
_LENGTH_TEXT = {n: f"{n:02d}" for n in range(1, 100)}  # the lengths a value may have
_new_tuple = tuple.__new__  # builds a DataObject without NamedTuple's Python-level __new__


class DataObject(NamedTuple):
    """One data object; `children` are a template's sub-objects (None for a primitive).

    A NamedTuple because a payload parses into ~30 of them and validation runs on every sale.
    """

    id: str
    value: str
    children: tuple[DataObject, ...] | None = None

    def sub(self, sid: str) -> str | None:
        """The value of sub-object `sid` of a template, if present."""
        for child in self.children or ():
            if child.id == sid:
                return child.value
        return None


def parse_level(text: str, offset: int = 0, within: str = "") -> list[DataObject]:
    """One level of objects, without looking inside templates.

    A structural fault raises InvalidQris; positions are 1-based in the whole payload, `offset`
    being where `text` starts in it.
    """
    out = []
    digits, new, cls = _TWO_DIGITS, _new_tuple, DataObject
    pos, end = 0, len(text)
    while pos < end:
        oid = text[pos : pos + 2]
        start = pos + 4
        n = digits.get(text[pos + 2 : start], 0)
        stop = start + n
        if not n or stop > end or oid not in digits:
            raise _diagnose(text, pos, offset, within)
        out.append(new(cls, (oid, text[start:stop], None)))
        pos = stop
    return out


def _diagnose(text: str, pos: int, offset: int, within: str) -> InvalidQris:
    """The structural fault of the object header at `pos`."""
    at = offset + pos + 1
    oid, length = text[pos : pos + 2], text[pos + 2 : pos + 4]
    if len(text) - pos < 4:
        return _fault(ErrorCode.TRUNCATED, within, pos=at, rest=shown(text[pos:]))
    if oid not in _TWO_DIGITS:
        return _fault(ErrorCode.BAD_ID, within, pos=at, value=shown(oid))
    if length not in _TWO_DIGITS:
        return _fault(ErrorCode.BAD_LENGTH, within, id=oid, pos=at, value=shown(length))
    if length == "00":
        return _fault(ErrorCode.BAD_LENGTH, within, "zero", id=oid, pos=at)
    left = len(text) - pos - 4
    return _fault(ErrorCode.TRUNCATED, within, "past_end", id=oid, pos=at, n=int(length), left=left)


def nest(obj: DataObject, offset: int) -> DataObject:
    """`obj` with its sub-objects parsed if it is a template; `offset` is where it starts."""
    if obj.id not in TEMPLATE_IDS:
        return obj
    return _new_tuple(
        DataObject, (obj.id, obj.value, tuple(parse_level(obj.value, offset + 4, obj.id)))
    )


def parse(text: str) -> list[DataObject]:
    """Root objects with templates parsed; the first structural fault raises InvalidQris."""
    out, offset = [], 0
    for obj in parse_level(text):
        out.append(nest(obj, offset))
        offset += 4 + len(obj.value)
    return out


def build(objects: Iterable[DataObject]) -> str:
    """The TLV text of `objects`; a value of no or more than 99 characters raises InvalidQris."""
    items = list(objects)
    lengths = _LENGTH_TEXT
    try:
        return "".join([o.id + lengths[len(o.value)] + o.value for o in items])
    except KeyError:
        bad = next(o for o in items if len(o.value) not in lengths)
        finding = Finding.of(ErrorCode.BAD_LENGTH, variant="value", id=bad.id, n=len(bad.value))
        raise InvalidQris(finding) from None


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE of the UTF-8 bytes, as four upper-case hex digits."""
    return f"{binascii.crc_hqx(data.encode('utf-8', 'surrogatepass'), 0xFFFF):04X}"


def with_crc(objects: Iterable[DataObject]) -> str:
    """Serialise and append `6304` and the CRC computed over everything up to it."""
    body = build(objects) + "6304"
    return body + crc16(body)


def _fault(code: ErrorCode, within: str, variant: str = "", **args: str | int) -> InvalidQris:
    return InvalidQris(Finding(code, tuple(args.items()), within, variant))
