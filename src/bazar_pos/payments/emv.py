"""EMVCo Merchant-Presented Mode TLV: `ID LEN VALUE` objects, kept in order and byte for byte.

Parsing never guesses positions (real codes put 54 after 61 or 62); building re-serialises the
objects exactly, so converting a static code to a dynamic one changes nothing it should not.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass

TEMPLATE_IDS = frozenset(
    {*(f"{i:02d}" for i in range(26, 52)), "62", "64"} | {f"{i:02d}" for i in range(80, 100)}
)


class TlvError(ValueError):
    """A structural fault; `code` says which, `pos` where."""

    def __init__(self, code: str, detail: str, pos: int):
        self.code, self.detail, self.pos = code, detail, pos
        super().__init__(f"{code} at {pos}: {detail}")


@dataclass(frozen=True)
class DataObject:
    id: str
    value: str

    def encode(self) -> str:
        return f"{self.id}{len(self.value):02d}{self.value}"


def parse(text: str) -> list[DataObject]:
    """Split a TLV string into objects; structural faults raise TlvError with a code."""
    out: list[DataObject] = []
    pos = 0
    while pos < len(text):
        head = text[pos : pos + 4]
        if len(head) < 4:
            raise TlvError("truncated", f"header {head!r} is cut short", pos)
        oid, length = head[:2], head[2:]
        if not (oid.isascii() and oid.isdigit()):
            raise TlvError("bad_id", f"ID {oid!r} is not two digits", pos)
        if not (length.isascii() and length.isdigit()):
            raise TlvError("bad_length", f"length {length!r} of {oid} is not two digits", pos)
        n = int(length)
        if n == 0:
            raise TlvError("bad_length", f"length of {oid} is 00", pos)
        if pos + 4 + n > len(text):
            raise TlvError("truncated", f"{oid} says {n} characters but the payload ends", pos)
        out.append(DataObject(oid, text[pos + 4 : pos + 4 + n]))
        pos += 4 + n
    return out


def build(objects: list[DataObject]) -> str:
    return "".join(o.encode() for o in objects)


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE over UTF-8 bytes, four upper-case hex digits."""
    return f"{binascii.crc_hqx(data.encode('utf-8'), 0xFFFF):04X}"


def with_crc(objects: list[DataObject]) -> str:
    """Serialise and append `6304` plus the CRC computed over everything up to it."""
    body = build(objects) + "6304"
    return body + crc16(body)
