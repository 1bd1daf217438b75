"""Why a QRIS was refused or warned about: a stable code and a line in Indonesian and English.

Codes are the contract with scripts and tests (`qris check --json`); messages are for the vendor.
`InvalidQris` is the only exception the payments package raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bazar_pos import i18n
from bazar_pos.errors import BazarError


class ErrorCode(StrEnum):
    """A refusal: the code cannot be used (QRIS.md, "Our validation policy", refuse list)."""

    EMPTY = "empty"
    NOT_TEXT = "not_text"
    NON_ASCII = "non_ascii"
    TRUNCATED = "truncated"
    BAD_ID = "bad_id"
    BAD_LENGTH = "bad_length"
    DUPLICATE_ID = "duplicate_id"
    MISSING_00 = "missing_00"
    MISPLACED_00 = "misplaced_00"
    BAD_00 = "bad_00"
    MISSING_63 = "missing_63"
    MISPLACED_63 = "misplaced_63"
    BAD_CRC_FORMAT = "bad_crc_format"
    CRC_MISMATCH = "crc_mismatch"
    BAD_INITIATION = "bad_initiation"
    NO_MERCHANT_ACCOUNT = "no_merchant_account"
    TEMPLATE_MISSING_GUID = "template_missing_guid"
    BAD_MCC = "bad_mcc"
    NOT_QRIS = "not_qris"
    MISSING_MERCHANT_NAME = "missing_merchant_name"
    BAD_AMOUNT = "bad_amount"
    TIP_INCONSISTENT = "tip_inconsistent"
    ADDITIONAL_DATA_TOO_LONG = "additional_data_too_long"
    TOO_LONG_FOR_QR = "too_long_for_qr"
    BAD_IMAGE = "bad_image"
    NO_QR_FOUND = "no_qr_found"


class WarningCode(StrEnum):
    """Accepted, but worth telling the vendor (QRIS.md, "Accept with a warning")."""

    CRC_LOWERCASE = "crc_lowercase"
    STATIC_WITHOUT_51 = "static_without_51"
    MISSING_POSTAL_CODE = "missing_postal_code"
    NAME_TOO_LONG = "name_too_long"
    CITY_TOO_LONG = "city_too_long"
    PIPE_IN_TEXT = "pipe_in_text"
    RESERVED_ID = "reserved_id"
    STATIC_WITH_AMOUNT = "static_with_amount"
    DYNAMIC_WITHOUT_AMOUNT = "dynamic_without_amount"
    AMOUNT_LEADING_ZEROS = "amount_leading_zeros"
    PAYLOAD_TOO_LONG = "payload_too_long"


_E, _W = ErrorCode, WarningCode

# (Indonesian, English) per code, or per "code:variant" where one code has several wordings;
# the fields come from Finding.args.
MESSAGES: dict[str, tuple[str, str]] = {
    _E.EMPTY: ("Kode QRIS kosong.", "The QRIS code is empty."),
    _E.NOT_TEXT: ("Kode QRIS harus berupa teks.", "The QRIS code must be text."),
    _E.NON_ASCII: (
        "Karakter {char} di posisi {pos} tidak sah: QRIS hanya berisi ASCII (kecuali template 64).",
        "Character {char} at position {pos} is not allowed: QRIS is ASCII (except template 64).",
    ),
    _E.TRUNCATED: (
        "Kode terpotong di posisi {pos}: sisa {rest} terlalu pendek untuk ID dan panjang objek.",
        "The code is cut short at position {pos}: {rest} is too short for an ID and a length.",
    ),
    _E.BAD_ID: (
        "ID objek {value} di posisi {pos} bukan dua angka.",
        "Object ID {value} at position {pos} is not two digits.",
    ),
    _E.BAD_LENGTH: (
        "Panjang objek {id} di posisi {pos} bukan dua angka: {value}.",
        "The length of object {id} at position {pos} is not two digits: {value}.",
    ),
    "bad_length:zero": (
        "Objek {id} di posisi {pos} berpanjang 00.",
        "Object {id} at position {pos} has length 00.",
    ),
    "truncated:past_end": (
        "Objek {id} di posisi {pos} menyebut {n} karakter, tetapi hanya tersisa {left}"
        " (kode terpotong?).",
        "Object {id} at position {pos} declares {n} characters but only {left} remain"
        " (is the code cut short?).",
    ),
    _E.DUPLICATE_ID: (
        "Objek {id} muncul lebih dari sekali.",
        "Object {id} appears more than once.",
    ),
    _E.MISSING_00: (
        "Objek 00 (indikator format) tidak ada.",
        "Object 00 (payload format indicator) is missing.",
    ),
    _E.MISPLACED_00: (
        "Objek 00 harus paling depan, bukan di urutan ke-{n}.",
        "Object 00 must come first, not in place {n}.",
    ),
    _E.BAD_00: ("Objek 00 harus bernilai 01, bukan {value}.", "Object 00 must be 01, not {value}."),
    _E.MISSING_63: (
        "Objek 63 (CRC) tidak ada: kode terpotong?",
        "Object 63 (CRC) is missing: is the code cut short?",
    ),
    _E.MISPLACED_63: ("Objek 63 (CRC) harus paling akhir.", "Object 63 (CRC) must come last."),
    _E.BAD_CRC_FORMAT: (
        "CRC {value} harus 4 digit heksadesimal.",
        "The CRC {value} must be 4 hex digits.",
    ),
    _E.CRC_MISMATCH: (
        "CRC tidak cocok ({value}, seharusnya {expected}): kode rusak atau salah salin.",
        "CRC mismatch ({value}, expected {expected}): the code is damaged or mistyped.",
    ),
    _E.BAD_INITIATION: (
        "Objek 01 harus 11 (statis) atau 12 (dinamis), bukan {value}.",
        "Object 01 must be 11 (static) or 12 (dynamic), not {value}.",
    ),
    _E.NO_MERCHANT_ACCOUNT: (
        "Tidak ada data akun merchant (objek 02-51).",
        "No merchant account data (objects 02-51).",
    ),
    _E.TEMPLATE_MISSING_GUID: (
        "Template {id} tidak punya sub-objek 00 (GUI penerbit).",
        "Template {id} has no sub-object 00 (its globally unique identifier).",
    ),
    _E.BAD_MCC: (
        "Kode kategori merchant (52) harus 4 angka, bukan {value}.",
        "The merchant category code (52) must be 4 digits, not {value}.",
    ),
    _E.NOT_QRIS: (
        "Bukan QRIS Indonesia (negara {country}, mata uang {currency}); QRIS memakai ID dan 360.",
        "Not an Indonesian QRIS (country {country}, currency {currency}); QRIS uses ID and 360.",
    ),
    _E.MISSING_MERCHANT_NAME: (
        "Nama merchant (59) tidak ada.",
        "The merchant name (59) is missing.",
    ),
    _E.BAD_AMOUNT: (
        "Nominal {value} tidak sah: angka bukan nol, paling banyak 13 karakter, desimal 0 atau 2"
        " digit.",
        "The amount {value} is invalid: a non-zero number of at most 13 characters, with 0 or 2"
        " decimals.",
    ),
    _E.TIP_INCONSISTENT: (
        "Objek tip 55/56/57 tidak konsisten: {value}.",
        "The tip objects 55/56/57 are inconsistent: {value}.",
    ),
    _E.ADDITIONAL_DATA_TOO_LONG: (
        "Data tambahan {id} terlalu panjang: {n} karakter, paling banyak {limit}.",
        "Additional data {id} is too long: {n} characters, at most {limit}.",
    ),
    "bad_length:value": (
        "Nilai objek {id} akan {n} karakter; satu nilai hanya 1 sampai 99 karakter.",
        "The value of object {id} would be {n} characters; a value holds 1 to 99.",
    ),
    "bad_amount:rupiah": (
        "Nominal {value} tidak sah: harus bilangan bulat rupiah 1 sampai 9.999.999.999.999.",
        "The amount {value} is invalid: it must be whole rupiah, 1 to 9,999,999,999,999.",
    ),
    "additional_data_too_long:bill": (
        "Nomor tagihan {value} tidak sah: 1 sampai 25 karakter ASCII.",
        "The bill number {value} is invalid: 1 to 25 ASCII characters.",
    ),
    _E.TOO_LONG_FOR_QR: (
        "Kode terlalu panjang untuk satu kode QR ({n} karakter).",
        "The code is too long for one QR code ({n} characters).",
    ),
    "bad_image:missing": ("Berkas {value} tidak ada.", "There is no file {value}."),
    "bad_image:unnamed": ("Gambar tidak bisa dibuka.", "The image cannot be read."),
    "no_qr_found:unnamed": (
        "Tidak ada kode QR yang terbaca di gambar; foto ulang lebih dekat dan tajam.",
        "No QR code could be read in the image; take the photo closer and sharper.",
    ),
    _E.BAD_IMAGE: (
        "Berkas {value} bukan gambar yang bisa dibuka.",
        "{value} is not a readable image.",
    ),
    _E.NO_QR_FOUND: (
        "Tidak ada kode QR yang terbaca di {value}; foto ulang lebih dekat dan tajam.",
        "No QR code could be read in {value}; take the photo closer and sharper.",
    ),
    _W.CRC_LOWERCASE: ("CRC ditulis dengan huruf kecil.", "The CRC is written in lower case."),
    _W.STATIC_WITHOUT_51: (
        "QRIS statis tanpa objek 51 (NMID).",
        "A static QRIS without object 51 (NMID).",
    ),
    _W.MISSING_POSTAL_CODE: ("Kode pos (61) tidak ada.", "The postal code (61) is missing."),
    _W.NAME_TOO_LONG: (
        "Nama merchant lebih dari 25 karakter ({n}).",
        "The merchant name is longer than 25 characters ({n}).",
    ),
    _W.CITY_TOO_LONG: (
        "Kota merchant lebih dari 15 karakter ({n}).",
        "The merchant city is longer than 15 characters ({n}).",
    ),
    _W.PIPE_IN_TEXT: ("Ada karakter '|' di objek {id}.", "Object {id} contains a '|'."),
    _W.RESERVED_ID: (
        "Objek {id} memakai ID cadangan 65-79.",
        "Object {id} uses a reserved ID 65-79.",
    ),
    _W.STATIC_WITH_AMOUNT: ("QRIS statis berisi nominal.", "A static QRIS carries an amount."),
    _W.DYNAMIC_WITHOUT_AMOUNT: ("QRIS dinamis tanpa nominal.", "A dynamic QRIS has no amount."),
    _W.AMOUNT_LEADING_ZEROS: (
        "Nominal {value} diawali angka nol.",
        "The amount {value} has leading zeros.",
    ),
    _W.PAYLOAD_TOO_LONG: (
        "Kode lebih dari 512 karakter ({n}).",
        "The code is longer than 512 characters ({n}).",
    ),
}

# Faults of the vendor's picture, not of a payload: their message needs no "Invalid QRIS" prefix.
_IMAGE_CODES = frozenset({_E.BAD_IMAGE, _E.NO_QR_FOUND})


def shown(value: str, limit: int = 24) -> str:
    """A value quoted for a message: escaped, and shortened when long."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


@dataclass(frozen=True, slots=True)
class Finding:
    """One error or warning; `within` names the template a nested fault is in."""

    code: ErrorCode | WarningCode
    args: tuple[tuple[str, str | int], ...] = ()
    within: str = ""
    variant: str = ""

    @classmethod
    def of(cls, code: ErrorCode | WarningCode, *, variant: str = "", **args: str | int) -> Finding:
        return cls(code, tuple(args.items()), variant=variant)

    def message(self, lang: str | None = None) -> str:
        id_text, en_text = MESSAGES[f"{self.code}:{self.variant}" if self.variant else self.code]
        text = (en_text if (lang or i18n.current()) == "en" else id_text).format(**dict(self.args))
        return f"template {self.within}: {text}" if self.within else text

    def to_json(self) -> dict[str, str]:
        return {"code": self.code.value, "message": self.message()}


class InvalidQris(BazarError):
    """A refused QRIS (or an unreadable picture of one); `findings` holds every error found."""

    code = "invalid_qris"

    def __init__(self, findings: Finding | Sequence[Finding]):
        self.findings = (findings,) if isinstance(findings, Finding) else tuple(findings)
        first = self.findings[0]
        more = len(self.findings) - 1
        id_text, en_text = first.message("id"), first.message("en")
        if first.code not in _IMAGE_CODES:
            id_text, en_text = f"QRIS tidak sah: {id_text}", f"Invalid QRIS: {en_text}"
        if more:
            id_text, en_text = f"{id_text} (+{more} galat lain)", f"{en_text} (+{more} more)"
        super().__init__(id_text, en_text, code=first.code.value)
