"""QRIS validation and the static-to-dynamic conversion, following shared/QRIS.md.

A vendor pasting a broken sticker code must get a reason, never a traceback: `validate` returns
every error and warning it finds, and everything else raises only `InvalidQris`. A dynamic code
differs from the vendor's static one in 01, 54, 63 and (with a bill number) 62, nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bazar_pos.payments import emv
from bazar_pos.payments.emv import DataObject
from bazar_pos.payments.faults import ErrorCode, Finding, InvalidQris, WarningCode, shown

MAX_AMOUNT = 9_999_999_999_999  # 13 characters, the most object 54 holds
MAX_PAYLOAD = 512

_E, _W = ErrorCode, WarningCode
_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")
_AMOUNT = re.compile(r"([0-9]*)(?:\.([0-9]{2})?)?")
_PERCENT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,2})?")  # `0.7`, `2.5`, `10`, `05.00`, `100`
_MCC = re.compile(r"[0-9]{4}")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")


@dataclass(frozen=True, slots=True)
class QrisCheck:
    """The verdict on one payload (ends trimmed); `objects` is empty when it did not parse."""

    payload: str
    errors: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()
    objects: tuple[DataObject, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def fields(self) -> dict[str, str]:
        """Root ID -> raw value, in payload order (templates as their raw TLV text)."""
        return {o.id: o.value for o in self.objects}

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "errors": [f.to_json() for f in self.errors],
            "warnings": [f.to_json() for f in self.warnings],
            "fields": self.fields,
        }


@dataclass(frozen=True, slots=True)
class QrisInfo:
    """What the booth shows and stores about a valid code."""

    payload: str
    merchant_name: str
    merchant_city: str
    postal_code: str | None
    nmid: str | None  # 51 sub 02, the national merchant ID
    acquirer: str | None  # GUI (sub 00) of the first merchant account template 26-45
    mcc: str
    is_dynamic: bool
    amount: int | None  # whole rupiah; None when absent or with non-zero decimals
    bill_number: str | None  # 62 sub 01
    fields: dict[str, str]
    warnings: tuple[Finding, ...]


def validate(payload: str | bytes) -> QrisCheck:
    """Every error and warning of QRIS.md's policy; never raises, whatever it is given.

    Structure (00, 63, CRC, characters, templates) is checked first; content rules only run on a
    well-formed code, so a damaged one is reported as damaged rather than as ten odd faults.
    """
    if isinstance(payload, bytes | bytearray | memoryview):
        try:
            payload = bytes(payload).decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = Finding.of(_E.NON_ASCII, char=f"0x{exc.object[exc.start]:02X}", pos=exc.start + 1)
            return QrisCheck("", (bad,))
    if not isinstance(payload, str):
        return QrisCheck("", (Finding.of(_E.NOT_TEXT),))
    text = payload.strip()
    if not text:
        return QrisCheck(text, (Finding.of(_E.EMPTY),))
    try:
        flat = emv.parse_level(text)
    except InvalidQris as exc:
        found = exc.findings
        if char := _NOT_PRINTABLE_ASCII.search(text):
            found = (_non_ascii(text, char.start()), *found)
        return QrisCheck(text, found)
    errors: list[Finding] = []
    objects, values = _nest_and_check(text, flat, errors)
    _check_envelope(text, objects, errors)
    if not errors:
        _check_content(objects, values, errors)
    if errors:
        return QrisCheck(text, tuple(errors), (), objects)
    return QrisCheck(text, (), _advisories(text, objects, values), objects)


def _non_ascii(text: str, index: int) -> Finding:
    return Finding.of(_E.NON_ASCII, char=repr(text[index]), pos=index + 1)


def _nest_and_check(
    text: str, flat: list[DataObject], errors: list[Finding]
) -> tuple[tuple[DataObject, ...], dict[str, str]]:
    """Parse the templates; check characters and unique IDs at each level.

    Returns the objects and their values by ID.
    """
    values = {o.id: o.value for o in flat}
    if len(values) != len(flat):
        ids = [o.id for o in flat]
        errors.extend(Finding.of(_E.DUPLICATE_ID, id=oid) for oid in values if ids.count(oid) > 1)
    suspicious = not (text.isascii() and text.isprintable())
    objects = list(flat)
    templates, nest = emv.TEMPLATE_IDS, emv.nest
    offset = 0
    for i, obj in enumerate(flat):
        if suspicious and (bad := _bad_char(obj)) is not None:
            errors.append(_non_ascii(text, offset + 4 + bad))
        if obj.id in templates:
            try:
                objects[i] = template = nest(obj, offset)
            except InvalidQris as exc:
                errors.extend(exc.findings)
            else:
                _check_template(template, errors)
        offset += 4 + len(obj.value)
    return tuple(objects), values


def _check_template(template: DataObject, errors: list[Finding]) -> None:
    ids = [c.id for c in template.children or ()]
    if len(set(ids)) != len(ids):
        errors.extend(
            Finding.of(_E.DUPLICATE_ID, id=f"{template.id}.{sid}")
            for sid in sorted({i for i in ids if ids.count(i) > 1})
        )
    if "00" not in ids and template.id != "62":
        errors.append(Finding.of(_E.TEMPLATE_MISSING_GUID, id=template.id))


def _bad_char(obj: DataObject) -> int | None:
    """Index of the first character not allowed in `obj`: printable ASCII, or any text in 64."""
    if obj.id != "64":
        bad = _NOT_PRINTABLE_ASCII.search(obj.value)
        return bad.start() if bad else None
    for i, ch in enumerate(obj.value):
        if unicodedata.category(ch) in ("Cc", "Cs"):  # control characters, lone surrogates
            return i
    return None


def _check_envelope(text: str, objects: tuple[DataObject, ...], errors: list[Finding]) -> None:
    """00 first and `01`, 63 last with a matching CRC."""
    first, last = objects[0], objects[-1]
    if first.id != "00":
        ids = [o.id for o in objects]
        if "00" in ids:
            errors.append(Finding.of(_E.MISPLACED_00, n=ids.index("00") + 1))
        else:
            errors.append(Finding.of(_E.MISSING_00))
    elif first.value != "01":
        errors.append(Finding.of(_E.BAD_00, value=shown(first.value)))
    if last.id != "63":
        if any(o.id == "63" for o in objects):
            errors.append(Finding.of(_E.MISPLACED_63))
        else:
            errors.append(Finding.of(_E.MISSING_63))
    elif not _HEX4.fullmatch(crc := last.value):
        errors.append(Finding.of(_E.BAD_CRC_FORMAT, value=shown(crc)))
    elif crc.upper() != (expected := emv.crc16(text[:-4])):
        errors.append(Finding.of(_E.CRC_MISMATCH, value=crc, expected=expected))


def _check_content(
    objects: tuple[DataObject, ...], values: dict[str, str], errors: list[Finding]
) -> None:
    """The refuse list's content rules; a foreign EMV scheme gets only `not_qris`."""
    value = values.get
    if value("58") != "ID" or value("53") != "360":
        country, currency = value("58"), value("53")
        errors.append(
            Finding.of(
                _E.NOT_QRIS,
                country=shown(country) if country else "-",
                currency=shown(currency) if currency else "-",
            )
        )
        return
    initiation = value("01")
    if initiation is not None and initiation not in ("11", "12"):
        errors.append(Finding.of(_E.BAD_INITIATION, value=shown(initiation)))
    if not any("02" <= oid <= "51" for oid in values):
        errors.append(Finding.of(_E.NO_MERCHANT_ACCOUNT))
    mcc = value("52")
    if mcc is None or not _MCC.fullmatch(mcc):
        errors.append(Finding.of(_E.BAD_MCC, value=shown(mcc) if mcc else "-"))
    if not (value("59") or "").strip():
        errors.append(Finding.of(_E.MISSING_MERCHANT_NAME))
    amount = value("54")
    if amount is not None and _amount_parts(amount) is None:
        errors.append(Finding.of(_E.BAD_AMOUNT, value=shown(amount)))
    tip = ("55" in values or "56" in values or "57" in values) and _tip_fault(
        value("55"), value("56"), value("57")
    )
    if tip:
        errors.append(Finding.of(_E.TIP_INCONSISTENT, value=tip))
    if "62" in values:
        extra = next(o for o in objects if o.id == "62")
        errors.extend(
            Finding.of(_E.ADDITIONAL_DATA_TOO_LONG, id=f"62.{sub.id}", n=len(sub.value), limit=25)
            for sub in extra.children or ()
            if len(sub.value) > 25 and "01" <= sub.id <= "08"
        )


def _amount_parts(amount: str) -> tuple[str, str] | None:
    """(whole, decimals) of a well-formed, non-zero amount of at most 13 characters."""
    match = _AMOUNT.fullmatch(amount)
    if not match or len(amount) > 13:
        return None
    whole, cents = match.group(1), match.group(2) or ""
    return (whole, cents) if (whole + cents).strip("0") else None  # no digits, or zero


def _tip_fault(indicator: str | None, fixed: str | None, percent: str | None) -> str | None:
    """What is wrong with 55/56/57, as `55=.. 56=.. 57=..`, or None when consistent."""
    state = f"55={indicator or '-'} 56={fixed or '-'} 57={percent or '-'}"
    if indicator is None:
        return state if fixed or percent else None
    if indicator == "01":
        return state if fixed or percent else None
    if indicator == "02":
        ok = fixed is not None and percent is None and _amount_parts(fixed) is not None
        return None if ok else state
    if indicator == "03":
        ok = fixed is None and percent is not None and _percent_ok(percent)
        return None if ok else state
    return state


def _percent_ok(percent: str) -> bool:
    """Above 0 and at most 100, written as wallets write it (at most 5 characters, no `%`)."""
    if len(percent) > 5 or not _PERCENT.fullmatch(percent):
        return False
    whole, _, cents = percent.partition(".")
    hundredths = int(whole) * 100 + int(cents.ljust(2, "0") or "0")
    return 0 < hundredths <= 10_000


def _advisories(
    text: str, objects: tuple[DataObject, ...], values: dict[str, str]
) -> tuple[Finding, ...]:
    """The accept-with-a-warning list, for a code that passed every refuse rule."""
    warnings = []
    if (crc := values["63"]) != crc.upper():
        warnings.append(Finding.of(_W.CRC_LOWERCASE))
    amount = values.get("54")
    dynamic = values.get("01") == "12"
    if amount is None:
        if dynamic:
            warnings.append(Finding.of(_W.DYNAMIC_WITHOUT_AMOUNT))
    else:
        if len(amount) > 1 and amount[0] == "0" and amount[1] != ".":
            warnings.append(Finding.of(_W.AMOUNT_LEADING_ZEROS, value=shown(amount)))
        if not dynamic:
            warnings.append(Finding.of(_W.STATIC_WITH_AMOUNT))
    if not dynamic and "51" not in values:
        warnings.append(Finding.of(_W.STATIC_WITHOUT_51))
    if "61" not in values:
        warnings.append(Finding.of(_W.MISSING_POSTAL_CODE))
    if len(name := values["59"]) > 25:
        warnings.append(Finding.of(_W.NAME_TOO_LONG, n=len(name)))
    if len(city := values.get("60", "")) > 15:
        warnings.append(Finding.of(_W.CITY_TOO_LONG, n=len(city)))
    for obj in objects:
        if "58" <= obj.id <= "61" and "|" in obj.value:
            warnings.append(Finding.of(_W.PIPE_IN_TEXT, id=obj.id))
        elif "65" <= obj.id <= "79":
            warnings.append(Finding.of(_W.RESERVED_ID, id=obj.id))
    if len(text) > MAX_PAYLOAD:
        warnings.append(Finding.of(_W.PAYLOAD_TOO_LONG, n=len(text)))
    return tuple(warnings)


def parse_qris(payload: str | bytes) -> QrisInfo:
    """The facts of a valid code (ends trimmed); InvalidQris with every error otherwise."""
    check = validate(payload)
    if check.errors:
        raise InvalidQris(check.errors)
    root = {o.id: o for o in check.objects}
    parts = _amount_parts(root["54"].value) if "54" in root else None
    return QrisInfo(
        payload=check.payload,
        merchant_name=root["59"].value,
        merchant_city=root["60"].value if "60" in root else "",
        postal_code=root["61"].value if "61" in root else None,
        nmid=root["51"].sub("02") if "51" in root else None,
        acquirer=next((o.sub("00") for o in check.objects if "26" <= o.id <= "45"), None),
        mcc=root["52"].value,
        is_dynamic="01" in root and root["01"].value == "12",
        amount=int(parts[0] or "0") if parts and not parts[1].strip("0") else None,
        bill_number=root["62"].sub("01") if "62" in root else None,
        fields=check.fields,
        warnings=check.warnings,
    )


def to_dynamic(static: str | bytes, amount: int, bill_number: str | None = None) -> str:
    """The vendor's code for exactly `amount` rupiah (QRIS.md, "Static to dynamic").

    Only 01 (set to 12), 54 (right after 53), 63 and, with a bill number, 62 sub 01 differ from
    the vendor's code; every other object is byte-identical and in its place. Re-pricing a
    dynamic code replaces its 54. The result is valid by construction, so it is not parsed
    again on every sale: the vendor's code passed `validate` once (`_cached_plan`), the amount
    and bill number are checked here, 62's length below, and the CRC is computed;
    `tests/test_qris_vectors.py` and `tests/test_qris_fuzz.py` validate what it builds.
    """
    if isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= MAX_AMOUNT:
        raise InvalidQris(Finding.of(_E.BAD_AMOUNT, variant="rupiah", value=shown(str(amount))))
    if bill_number is not None and (
        not isinstance(bill_number, str)
        or not 1 <= len(bill_number) <= 25
        or _NOT_PRINTABLE_ASCII.search(bill_number)
    ):
        raise InvalidQris(
            Finding.of(_E.ADDITIONAL_DATA_TOO_LONG, variant="bill", value=shown(str(bill_number)))
        )
    plan = _cached_plan(static) if isinstance(static, str | bytes) else _plan(validate(static))
    pieces = list(plan.pieces)
    digits = str(amount)
    pieces[plan.at_54] = f"54{len(digits):02d}{digits}"
    if bill_number is not None:
        value = f"{plan.before_bill}01{len(bill_number):02d}{bill_number}{plan.after_bill}"
        if len(value) > 99:
            raise InvalidQris(
                Finding.of(_E.ADDITIONAL_DATA_TOO_LONG, id="62", n=len(value), limit=99)
            )
        pieces[plan.at_62] = f"62{len(value):02d}{value}"
    body = "".join(pieces) + "6304"
    return body + emv.crc16(body)


@dataclass(frozen=True, slots=True)
class _Plan:
    """A valid code cut into its objects' text, with 01 set to 12 and slots for 54 and 62.

    `pieces[at_54]` is empty (54 goes right after 53); `pieces[at_62]` is the vendor's 62, or
    empty where a new one would go (before the first higher ID). 54 and 63 are dropped.
    A bill number goes into 62 as sub 01 between `before_bill` and `after_bill` (the vendor's
    other sub-objects as text): replacing its 01, or before its higher IDs. Cut once per
    vendor code, so each sale only formats its amount and number and computes the CRC.
    """

    pieces: tuple[str, ...]
    at_54: int
    at_62: int
    before_bill: str
    after_bill: str


@lru_cache(maxsize=8)
def _cached_plan(static: str | bytes) -> _Plan:
    """The vendor's code is the same for every sale: check and cut it once."""
    return _plan(validate(static))


def _plan(check: QrisCheck) -> _Plan:
    if check.errors:
        raise InvalidQris(check.errors)
    fields = check.fields
    pieces: list[str] = []
    at_54 = at_62 = -1
    subs: tuple[DataObject, ...] = ()
    for obj in check.objects:
        oid = obj.id
        if oid in ("54", "63"):
            continue
        if oid == "62":
            at_62, subs = len(pieces), obj.children or ()
        elif at_62 < 0 and oid > "62" and "62" not in fields:
            at_62 = len(pieces)
            pieces.append("")
        pieces.append("010212" if oid == "01" else emv.build([obj]))
        if oid == "00" and "01" not in fields:
            pieces.append("010212")
        elif oid == "53":
            at_54 = len(pieces)
            pieces.append("")
    if at_62 < 0:
        at_62 = len(pieces)
        pieces.append("")
    ids = [sub.id for sub in subs]
    if "01" in ids:
        cut = ids.index("01")
        rest = subs[cut + 1 :]
    else:
        cut = next((i for i, sid in enumerate(ids) if sid > "01"), len(ids))
        rest = subs[cut:]
    return _Plan(tuple(pieces), at_54, at_62, emv.build(subs[:cut]), emv.build(rest))
