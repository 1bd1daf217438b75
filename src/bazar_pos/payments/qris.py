"""QRIS validation and the static-to-dynamic conversion, following ../shared/QRIS.md.

Every fault has a stable code and a message in Indonesian and English. `InvalidQris` is the only
exception this module raises, whatever bytes it is given: a vendor pasting a broken sticker code
must get a reason, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bazar_pos import i18n
from bazar_pos.errors import BazarError
from bazar_pos.payments import emv

# code: (Indonesian, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("Kode QRIS kosong", "The QRIS code is empty"),
    "not_text": ("Kode QRIS harus berupa teks", "The QRIS code must be text"),
    "non_ascii": (
        "Kode QRIS berisi karakter yang tidak sah",
        "The QRIS code has invalid characters",
    ),
    "truncated": ("Kode QRIS terpotong", "The QRIS code is cut short"),
    "bad_id": ("ID objek bukan dua angka", "An object ID is not two digits"),
    "bad_length": ("Panjang objek tidak sah", "An object length is invalid"),
    "duplicate_id": ("ID objek muncul dua kali", "An object ID appears twice"),
    "missing_00": ("Objek 00 (format) tidak ada", "Object 00 (format indicator) is missing"),
    "misplaced_00": ("Objek 00 harus paling depan", "Object 00 must come first"),
    "bad_00": ("Objek 00 harus bernilai 01", "Object 00 must be 01"),
    "missing_63": ("Objek 63 (CRC) tidak ada", "Object 63 (CRC) is missing"),
    "misplaced_63": ("Objek 63 (CRC) harus paling akhir", "Object 63 (CRC) must come last"),
    "bad_crc_format": ("CRC harus 4 digit heksadesimal", "The CRC must be 4 hex digits"),
    "crc_mismatch": (
        "CRC tidak cocok: kode rusak atau salah salin",
        "CRC mismatch: the code is damaged or mistyped",
    ),
    "bad_initiation": (
        "Objek 01 harus 11 (statis) atau 12 (dinamis)",
        "Object 01 must be 11 or 12",
    ),
    "no_merchant_account": (
        "Tidak ada data akun merchant (objek 02-51)",
        "No merchant account data (objects 02-51)",
    ),
    "template_missing_guid": (
        "Template akun merchant tanpa sub-objek 00",
        "A merchant account template lacks its sub-object 00",
    ),
    "bad_mcc": (
        "Kode kategori merchant (52) harus 4 angka",
        "Merchant category code (52) must be 4 digits",
    ),
    "not_qris": (
        "Bukan QRIS Indonesia (negara bukan ID atau mata uang bukan 360)",
        "Not an Indonesian QRIS (country is not ID or currency is not 360)",
    ),
    "missing_merchant_name": ("Nama merchant (59) tidak ada", "Merchant name (59) is missing"),
    "bad_amount": ("Nominal (54) tidak sah", "The amount (54) is invalid"),
    "tip_inconsistent": (
        "Objek tip 55/56/57 tidak konsisten",
        "Tip objects 55/56/57 are inconsistent",
    ),
    "additional_data_too_long": (
        "Data tambahan (62) terlalu panjang",
        "Additional data (62) is too long",
    ),
    "no_qr_found": (
        "Tidak ada kode QR yang terbaca di gambar",
        "No QR code could be read in the image",
    ),
    "bad_image": ("Berkas gambar tidak bisa dibuka", "The image file cannot be opened"),
    # warnings
    "missing_initiation": (
        "Objek 01 tidak ada; dianggap statis",
        "Object 01 is missing; taken as static",
    ),
    "crc_lowercase": ("CRC ditulis huruf kecil", "The CRC is in lower case"),
    "static_without_51": (
        "QRIS statis tanpa objek 51 (NMID)",
        "Static QRIS without object 51 (NMID)",
    ),
    "missing_postal_code": ("Kode pos (61) tidak ada", "Postal code (61) is missing"),
    "name_too_long": ("Nama merchant lebih dari 25 karakter", "Merchant name longer than 25"),
    "city_too_long": ("Kota merchant lebih dari 15 karakter", "Merchant city longer than 15"),
    "pipe_in_text": ("Ada karakter '|' di data merchant", "A '|' in the merchant data"),
    "reserved_id": ("Ada ID cadangan 65-79", "Reserved IDs 65-79 are present"),
    "static_with_amount": ("QRIS statis berisi nominal", "A static QRIS carries an amount"),
    "dynamic_without_amount": ("QRIS dinamis tanpa nominal", "A dynamic QRIS has no amount"),
    "amount_leading_zeros": ("Nominal diawali angka nol", "The amount has leading zeros"),
    "payload_too_long": ("Kode lebih dari 512 karakter", "The code is longer than 512 characters"),
}
WARNING_CODES = frozenset(
    {
        "missing_initiation",
        "crc_lowercase",
        "static_without_51",
        "missing_postal_code",
        "name_too_long",
        "city_too_long",
        "pipe_in_text",
        "reserved_id",
        "static_with_amount",
        "dynamic_without_amount",
        "amount_leading_zeros",
        "payload_too_long",
    }
)
MAX_AMOUNT = 9_999_999_999_999


@dataclass(frozen=True)
class Finding:
    code: str
    detail: str = ""

    def message(self, lang: str | None = None) -> str:
        id_text, en_text = MESSAGES[self.code]
        text = en_text if (lang or i18n.current()) == "en" else id_text
        return f"{text} ({self.detail})" if self.detail else text

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message()}


class InvalidQris(BazarError):
    """The only exception of the payments package."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(
            f"QRIS tidak sah: {finding.message('id')}",
            f"Invalid QRIS: {finding.message('en')}",
            code=finding.code,
        )


@dataclass
class QrisCheck:
    payload: str
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    objects: list[emv.DataObject] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def fields(self) -> dict[str, str]:
        return {o.id: o.value for o in self.objects}

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "errors": [f.to_json() for f in self.errors],
            "warnings": [f.to_json() for f in self.warnings],
            "fields": self.fields,
        }


_AMOUNT = re.compile(r"^\d+(\.(\d{2})?)?$")
_PRINTABLE = re.compile(r"^[\x20-\x7e]*$")


def validate(payload: object) -> QrisCheck:
    """Check a payload against our policy; never raises."""
    try:
        return _validate(payload)
    except Exception as exc:
        check = QrisCheck(str(payload)[:600] if isinstance(payload, str) else "")
        check.errors.append(Finding("truncated", f"unexpected: {type(exc).__name__}"))
        return check


def _validate(payload: object) -> QrisCheck:
    if isinstance(payload, bytes | bytearray):
        try:
            payload = bytes(payload).decode("utf-8")
        except UnicodeDecodeError:
            return QrisCheck("", [Finding("non_ascii", "not UTF-8")])
    if not isinstance(payload, str):
        return QrisCheck("", [Finding("not_text")])
    check = QrisCheck(payload)
    if not payload:
        check.errors.append(Finding("empty"))
        return check
    try:
        check.objects = emv.parse(payload)
    except emv.TlvError as exc:
        check.errors.append(Finding(exc.code, exc.detail))
        return check
    _structure(check)
    if check.errors:
        return check
    _content(check)
    return check


def _structure(check: QrisCheck) -> None:
    objs, err, warn = check.objects, check.errors.append, check.warnings.append
    ids = [o.id for o in objs]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    if dup:
        err(Finding("duplicate_id", dup))
    for o in objs:
        if o.id != "64" and not _PRINTABLE.match(o.value):
            err(Finding("non_ascii", f"in {o.id}"))
            return
        if o.id in emv.TEMPLATE_IDS and o.id != "64":
            try:
                subs = emv.parse(o.value)
            except emv.TlvError as exc:
                err(Finding(exc.code, f"in template {o.id}: {exc.detail}"))
                continue
            sub_ids = [s.id for s in subs]
            if len(set(sub_ids)) != len(sub_ids):
                err(Finding("duplicate_id", f"in template {o.id}"))
    if "00" not in ids:
        err(Finding("missing_00"))
    elif ids[0] != "00":
        err(Finding("misplaced_00"))
    elif objs[0].value != "01":
        err(Finding("bad_00", objs[0].value))
    if "63" not in ids:
        err(Finding("missing_63"))
        return
    if ids[-1] != "63":
        err(Finding("misplaced_63"))
        return
    crc = objs[-1].value
    if len(crc) != 4 or not re.fullmatch(r"[0-9A-Fa-f]{4}", crc):
        err(Finding("bad_crc_format", crc))
        return
    expected = emv.crc16(check.payload[:-4])
    if crc.upper() != expected:
        err(Finding("crc_mismatch", f"{crc} != {expected}"))
    elif crc != expected:
        warn(Finding("crc_lowercase"))


def _content(check: QrisCheck) -> None:
    f, err, warn = check.fields, check.errors.append, check.warnings.append
    if f.get("58") != "ID" or f.get("53") != "360":
        err(Finding("not_qris", f"58={f.get('58')}, 53={f.get('53')}"))
        return
    initiation = f.get("01")
    if initiation is None:
        warn(Finding("missing_initiation"))
    elif initiation not in ("11", "12"):
        err(Finding("bad_initiation", initiation))
    accounts = [o for o in check.objects if "02" <= o.id <= "51"]
    if not accounts:
        err(Finding("no_merchant_account"))
    for o in accounts:
        if o.id >= "26" and "00" not in {s.id for s in emv.parse(o.value)}:
            err(Finding("template_missing_guid", o.id))
    if not re.fullmatch(r"\d{4}", f.get("52", "")):
        err(Finding("bad_mcc", f.get("52", "missing")))
    if not f.get("59", "").strip():
        err(Finding("missing_merchant_name"))
    amount = f.get("54")
    if amount is not None:
        if len(amount) > 13 or not _AMOUNT.match(amount) or float(amount) == 0:
            err(Finding("bad_amount", amount))
        elif len(amount) > 1 and amount[0] == "0" and amount[1] != ".":
            warn(Finding("amount_leading_zeros", amount))
    _tip(f, err)
    if "62" in f:
        for s in emv.parse(f["62"]):
            if s.id in ("01", "05", "07", "08") and len(s.value) > 25:
                err(Finding("additional_data_too_long", f"62.{s.id}"))
    dynamic = initiation == "12"
    if not dynamic and amount is not None:
        warn(Finding("static_with_amount"))
    if dynamic and amount is None:
        warn(Finding("dynamic_without_amount"))
    if not dynamic and "51" not in f:
        warn(Finding("static_without_51"))
    if "61" not in f:
        warn(Finding("missing_postal_code"))
    if len(f.get("59", "")) > 25:
        warn(Finding("name_too_long"))
    if len(f.get("60", "")) > 15:
        warn(Finding("city_too_long"))
    if any("|" in f.get(k, "") for k in ("58", "59", "60", "61")):
        warn(Finding("pipe_in_text"))
    if any("65" <= o.id <= "79" for o in check.objects):
        warn(Finding("reserved_id"))
    if len(check.payload) > 512:
        warn(Finding("payload_too_long"))


def _tip(f: dict[str, str], err: Any) -> None:
    tip = f.get("55")
    if tip is None:
        if "56" in f or "57" in f:
            err(Finding("tip_inconsistent", "56/57 without 55"))
        return
    if (
        tip not in ("01", "02", "03")
        or (tip == "02") != ("56" in f)
        or (tip == "03") != ("57" in f)
    ):
        err(Finding("tip_inconsistent", f"55={tip}"))


@dataclass(frozen=True)
class QrisInfo:
    payload: str
    merchant_name: str
    merchant_city: str
    nmid: str | None
    acquirer: str | None
    is_dynamic: bool
    amount: int | None
    fields: dict[str, str]
    warnings: tuple[Finding, ...]


def parse_qris(payload: object) -> QrisInfo:
    """A valid payload's facts; the first error otherwise, as InvalidQris."""
    check = validate(payload)
    if check.errors:
        raise InvalidQris(check.errors[0])
    f = check.fields
    nmid = acquirer = None
    for o in check.objects:
        if o.id == "51":
            nmid = next((s.value for s in emv.parse(o.value) if s.id == "02"), None)
        elif "26" <= o.id <= "45" and acquirer is None:
            acquirer = next((s.value for s in emv.parse(o.value) if s.id == "00"), None)
    raw_amount = f.get("54")
    return QrisInfo(
        payload=check.payload,
        merchant_name=f.get("59", ""),
        merchant_city=f.get("60", ""),
        nmid=nmid,
        acquirer=acquirer,
        is_dynamic=f.get("01") == "12",
        amount=int(float(raw_amount)) if raw_amount else None,
        fields=f,
        warnings=tuple(check.warnings),
    )


def _bad_amount(detail: str) -> InvalidQris:
    return InvalidQris(Finding("bad_amount", detail))


def to_dynamic(static: str, amount: int, bill_number: str | None = None) -> str:
    """A dynamic QRIS for exactly `amount` rupiah; every other object stays byte-identical."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise _bad_amount(repr(amount))
    if not 1 <= amount <= MAX_AMOUNT:
        raise _bad_amount(str(amount))
    if not isinstance(static, str):
        raise InvalidQris(Finding("not_text"))
    objs = [o for o in _valid_objects(static) if o.id not in ("63", "54")]
    if any(o.id == "01" for o in objs):
        objs = [emv.DataObject("01", "12") if o.id == "01" else o for o in objs]
    else:
        objs.insert(1, emv.DataObject("01", "12"))
    at = next(i for i, o in enumerate(objs) if o.id == "53") + 1
    objs.insert(at, emv.DataObject("54", str(amount)))
    if bill_number is not None:
        objs = _with_bill_number(objs, bill_number)
    result = emv.with_crc(objs)
    if [o.id for o in emv.parse(result)] != [o.id for o in objs] + ["63"]:
        raise InvalidQris(Finding("truncated", "result does not re-parse"))
    return result


@lru_cache(maxsize=16)
def _valid_objects(static: str) -> tuple[emv.DataObject, ...]:
    """The vendor's code is validated once, not on every sale (same static, same verdict)."""
    check = validate(static.strip())
    if check.errors:
        raise InvalidQris(check.errors[0])
    return tuple(check.objects)


def _with_bill_number(objs: list[emv.DataObject], bill: str) -> list[emv.DataObject]:
    if not bill or len(bill) > 25 or not _PRINTABLE.match(bill):
        raise InvalidQris(Finding("additional_data_too_long", f"bill number {bill!r}"))
    sub = emv.DataObject("01", bill)
    for i, o in enumerate(objs):
        if o.id == "62":
            subs = emv.parse(o.value)
            if any(s.id == "01" for s in subs):
                subs = [sub if s.id == "01" else s for s in subs]
            else:
                subs.insert(0, sub)
            objs[i] = emv.DataObject("62", emv.build(subs))
            return objs
    # no 62 yet: place it before 63 (which is appended last), after everything else
    return [*objs, emv.DataObject("62", sub.encode())]
