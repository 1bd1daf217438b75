"""Why a QRIS was refused or warned about: a stable code, worded by the catalogs as `qris.<code>`.

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


_E = ErrorCode

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

    @property
    def msgid(self) -> str:
        """`qris.<code>` or `qris.<code>:<variant>` in the catalogs; the fields come from `args`."""
        return f"qris.{self.code}:{self.variant}" if self.variant else f"qris.{self.code}"

    def message(self, lang: str | None = None) -> str:
        lang = lang or i18n.current()
        text = i18n.text(lang, self.msgid, **dict(self.args))
        return (
            i18n.text(lang, "qris.within", within=self.within, message=text)
            if self.within
            else text
        )

    def to_json(self) -> dict[str, str]:
        return {"code": self.code.value, "message": self.message()}


class InvalidQris(BazarError):
    """A refused QRIS (or an unreadable picture of one); `findings` holds every error found."""

    code = "invalid_qris"

    def __init__(self, findings: Finding | Sequence[Finding]):
        self.findings = (findings,) if isinstance(findings, Finding) else tuple(findings)
        super().__init__(self.findings[0].code.value)

    def message(self, lang: str | None = None) -> str:
        lang = lang or i18n.current()
        first = self.findings[0]
        text = first.message(lang)
        if first.code not in _IMAGE_CODES:
            text = i18n.text(lang, "qris.invalid", message=text)
        more = len(self.findings) - 1
        return i18n.text(lang, "qris.more", message=text, more=more) if more else text
