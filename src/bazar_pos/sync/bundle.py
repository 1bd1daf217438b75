"""The daily-totals bundle: the one contract between a booth and the organizer's hub.

A bundle is JSON, format version 2, signed with the booth's own Ed25519 key over the canonical JSON
of everything but `signature`; it carries the booth's public key, itself signed once by the
one-time key of the booth's kit, so the first bundle that reaches a hub enrols the booth and any
bundle can go first (HTTP or file). A hub keeps public keys only: nothing in it can sign.

`FIELDS` is the one description of what a bundle may hold: `check` walks it and `SCHEMA` (the
JSON Schema the OpenAPI document publishes) is generated from it, so they cannot disagree.
`check` then refuses every figure that does not add up. Parsing is bounded before any signature
work: size, depth, whole numbers only (no NaN or Infinity), every integer within the booth's limits.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from bazar_pos import canonical, names
from bazar_pos.errors import BazarError

if TYPE_CHECKING:  # loaded when a key is used: the booth app starts without it
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "bazar-pos/daily-totals"
VERSION = 2
MAX_BYTES = 1_000_000


class PaymentMethod(StrEnum):
    """How a customer paid; the value is the wire spelling in bundles, the ledger and `--pay`."""

    CASH = "cash"
    QRIS = "qris"
    TRANSFER = "transfer"
    OTHER = "other"


PAYMENT_KEYS = tuple(m.value for m in PaymentMethod)
CASH_KEYS = ("opening", "cash_in", "cash_out", "expected", "counted", "difference")
TOTAL_KEYS = ("sales_count", "voided_count", "gross", "discounts", "voids", "refunds", "net")
MAX_AMOUNT = 10**12 - 1  # rupiah in one booth-day figure: far above any booth, sums fit int64
MAX_SALES = 1_000_000  # sales of one booth in one day
MAX_QTY = 10**9  # pieces of one product in one day, and its stock
MAX_REVISION = 1_000_000
MAX_SEQ = 2**53
MAX_PRODUCTS = 10_000
ENROL_CONTEXT = "bazar-pos/enrol-v1"
BOOTH_CODE = r"^[A-Z0-9][A-Z0-9-]{0,15}$"
DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
STAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
KEY = r"^[A-Za-z0-9+/]{43}=$"  # base64 of 32 bytes
SIG = r"^[A-Za-z0-9+/]{86}==$"  # base64 of 64 bytes


class BundleRejected(BazarError):
    """Why a bundle was not accepted; `code` is stable for scripts and the HTTP API."""

    code = "bundle_rejected"


# --- the fields: one description for the check and the JSON Schema ---------------------------


@dataclass(frozen=True)
class Int:
    low: int
    high: int


@dataclass(frozen=True)
class Str:
    max_len: int
    pattern: str | None = None
    min_len: int = 1


@dataclass(frozen=True)
class Obj:
    fields: dict[str, Any]


@dataclass(frozen=True)
class Arr:
    item: Any
    max_items: int


AMOUNT = Int(0, MAX_AMOUNT)
SIGNED_AMOUNT = Int(-MAX_AMOUNT, MAX_AMOUNT)
COUNT = Int(0, MAX_SALES)
FIELDS = Obj(
    {
        "format": Str(40, f"^{FORMAT}$"),
        "version": Int(VERSION, VERSION),
        "event": Str(names.MAX_TEXT),
        "booth": Str(16, BOOTH_CODE),
        "booth_name": Str(names.MAX_TEXT, min_len=0),
        "location": Str(names.MAX_TEXT, min_len=0),
        "date": Str(10, DAY),
        "revision": Int(1, MAX_REVISION),
        "created_at": Str(20, STAMP),
        "totals": Obj(
            {
                "sales_count": COUNT,
                "voided_count": COUNT,
                "gross": AMOUNT,
                "discounts": AMOUNT,
                "voids": AMOUNT,
                "refunds": AMOUNT,
                "net": SIGNED_AMOUNT,
                "by_payment": Obj(dict.fromkeys(PAYMENT_KEYS, SIGNED_AMOUNT)),
                "cash": Obj(
                    {
                        "opening": AMOUNT,
                        "cash_in": AMOUNT,
                        "cash_out": AMOUNT,
                        "expected": SIGNED_AMOUNT,
                        "counted": AMOUNT,
                        "difference": Int(-2 * MAX_AMOUNT, 2 * MAX_AMOUNT),
                    }
                ),
            }
        ),
        "products": Arr(
            Obj(
                {
                    "sku": Str(32, r"^[A-Z0-9][A-Z0-9._/-]{0,31}$"),
                    "name": Str(200, min_len=0),
                    "category": Str(200, min_len=0),
                    "qty": Int(-MAX_QTY, MAX_QTY),
                    "amount": SIGNED_AMOUNT,
                    "closing_stock": Int(-MAX_QTY, MAX_QTY),
                }
            ),
            MAX_PRODUCTS,
        ),
        "hours": Arr(Obj({"hour": Int(0, 23), "sales_count": COUNT, "net": SIGNED_AMOUNT}), 24),
        "ledger": Obj(
            {
                "first_seq": Int(0, MAX_SEQ),
                "last_seq": Int(0, MAX_SEQ),
                "head_hash": Str(64, "^[0-9a-f]{64}$"),
            }
        ),
        "signer": Obj(
            {"public_key": Str(44, KEY), "kit_key": Str(44, KEY), "kit_signature": Str(88, SIG)}
        ),
        "signature": Obj({"alg": Str(7, "^Ed25519$"), "value": Str(88, SIG)}),
    }
)
_pattern = cache(re.compile)  # compiled once per pattern, not looked up per field


def _problem(msgid: str, **params: object) -> BazarError:
    """What is wrong with one field or sum, worded in the reader's language where it is shown."""
    return BazarError(f"problem.{msgid}", **params)


def walk(spec: Any, value: Any, path: str) -> BazarError | None:
    """The first place where `value` leaves `spec`, or None: every field required, none extra."""
    if isinstance(spec, Int):
        if not isinstance(value, int) or isinstance(value, bool):
            return _problem("not_whole_number", field=path)
        if not spec.low <= value <= spec.high:
            return _problem("between", field=path, low=spec.low, high=spec.high)
        return None
    if isinstance(spec, Str):
        if not isinstance(value, str):
            return _problem("not_text", field=path)
        if not spec.min_len <= len(value) <= spec.max_len:
            return _problem("length", field=path, low=spec.min_len, high=spec.max_len)
        if spec.pattern and not _pattern(spec.pattern).fullmatch(value):
            return _problem("wrong_form", field=path)
        return None
    if isinstance(spec, Arr):
        if not isinstance(value, list):
            return _problem("not_list", field=path)
        if len(value) > spec.max_items:
            return _problem("too_many", field=path, most=spec.max_items)
        for i, item in enumerate(value):
            problem = walk(spec.item, item, f"{path}[{i}]")
            if problem:
                return problem
        return None
    if not isinstance(value, dict):
        return _problem("not_object", field=path)
    extra = value.keys() - spec.fields.keys()
    if extra:
        return _problem("not_in_format", field=f"{path}.{sorted(extra)[0]}")
    for key, sub in spec.fields.items():
        if key not in value:
            return _problem("missing", field=f"{path}.{key}")
        problem = walk(sub, value[key], f"{path}.{key}")
        if problem:
            return problem
    return None


def json_schema(spec: Any) -> dict[str, Any]:
    if isinstance(spec, Int):
        return {"type": "integer", "minimum": spec.low, "maximum": spec.high}
    if isinstance(spec, Str):
        out: dict[str, Any] = {"type": "string", "minLength": spec.min_len}
        out["maxLength"] = spec.max_len
        if spec.pattern:
            out["pattern"] = spec.pattern
        return out
    if isinstance(spec, Arr):
        return {"type": "array", "maxItems": spec.max_items, "items": json_schema(spec.item)}
    return {
        "type": "object",
        "required": list(spec.fields),
        "additionalProperties": False,
        "properties": {k: json_schema(v) for k, v in spec.fields.items()},
    }


# --- parsing with limits ----------------------------------------------------------------------


# the two ways JSON bytes can carry a surrogate: an escape, or its bytes (json reads them through)
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")


def _may_hold_surrogate(data: bytes) -> bool:
    """`_SURROGATE`, searched only when a byte it needs is there (a plain find is far cheaper)."""
    return (b"\\u" in data or b"\xed" in data) and _SURROGATE.search(data) is not None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_float(text: str) -> Any:
    raise ValueError(f"{text}: only whole numbers")


def loads(data: bytes | str, limit: int = MAX_BYTES) -> dict[str, Any]:
    """Parse bytes from a file or a request body: bounded in size (`limit` bytes) and depth,
    whole numbers only.

    Never raises anything but BundleRejected, whatever the bytes.
    """
    if len(data) > limit:
        raise BundleRejected("too_large:the_bundle_is_too_large")
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    try:
        obj = json.loads(data, parse_constant=_no_constant, parse_float=_no_float)
        if isinstance(obj, dict) and _may_hold_surrogate(data):
            canonical.dumps(obj).encode("utf-8")  # a lone surrogate can be neither signed nor kept
    except RecursionError as exc:
        raise BundleRejected("too_deep") from exc
    except (ValueError, UnicodeError) as exc:
        raise BundleRejected("malformed:the_bundle_is_not_valid") from exc
    if not isinstance(obj, dict):
        raise BundleRejected("malformed")
    return obj


def is_day(value: str) -> bool:
    """Exactly YYYY-MM-DD and a real calendar day: the key of every booth-day figure."""
    try:
        return len(value) == 10 and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def check(b: dict[str, Any]) -> None:
    """Refuse a bundle whose form, limits or arithmetic is wrong, naming the first problem.

    Runs before any signature work, so a refusal here costs no cryptography.
    """
    if b.get("format") != FORMAT:
        raise BundleRejected("schema")
    version: Any = b.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BundleRejected("schema:the_bundle_has_no_version")
    if version < VERSION:
        raise BundleRejected("old_version", version=version)
    if version > VERSION:
        raise BundleRejected("future_version", version=version, version2=VERSION)
    problem = walk(FIELDS, b, "bundle")
    if problem:
        code = "out_of_range" if problem.msgid == "problem.between" else "schema"
        raise BundleRejected("schema:invalid_bundle", problem=problem).coded(code)
    problem = _calendar(b)
    if problem:
        raise BundleRejected("schema:invalid_bundle", problem=problem)
    problem = _sums(b)
    if problem:
        raise BundleRejected("inconsistent", problem=problem)


def _calendar(b: dict[str, Any]) -> BazarError | None:
    if not is_day(b["date"]):
        return _problem("not_a_day")
    try:  # its form is already STAMP's; only the calendar and the clock are left to check
        datetime.fromisoformat(b["created_at"])
    except ValueError:
        return _problem("not_a_time")
    return None


def _sums(b: dict[str, Any]) -> BazarError | None:
    """Every figure that must equal another, as the booth's day close computes them."""
    t, cash = b["totals"], b["totals"]["cash"]
    products, hours = b["products"], b["hours"]
    paid = t["gross"] - t["discounts"] - t["voids"]  # what the day's kept sales brought in

    def within(values: Any) -> bool:
        """A part of net (one method, product or hour) is at most the day's kept sales and at
        least minus its refunds: anything else is money moved between parts to look right."""
        return all(-t["refunds"] <= v <= paid for v in values)

    rules = (
        (t["net"] == t["gross"] - t["discounts"] - t["voids"] - t["refunds"], "net"),
        (t["discounts"] + t["voids"] <= t["gross"], "discounts_voids"),
        (sum(t["by_payment"].values()) == t["net"], "by_payment_sum"),
        (cash["difference"] == cash["counted"] - cash["expected"], "cash_difference"),
        (cash["expected"]
         == cash["opening"] + t["by_payment"]["cash"] + cash["cash_in"] - cash["cash_out"],
         "cash_expected"),
        (t["sales_count"] > 0 or t["gross"] == t["discounts"] + t["voids"], "no_sales"),
        (t["voided_count"] > 0 or t["voids"] == 0, "voids_without_voided"),
        (sum(p["amount"] for p in products) == t["net"], "products_sum"),
        (sum(h["net"] for h in hours) == t["net"], "hours_net_sum"),
        (sum(h["sales_count"] for h in hours) == t["sales_count"], "hours_count_sum"),
        (within(t["by_payment"].values()), "by_payment_part"),
        (within(p["amount"] for p in products), "product_part"),
        (within(h["net"] for h in hours), "hour_part"),
        (len({h["hour"] for h in hours}) == len(hours), "hour_twice"),
        (len({p["sku"] for p in products}) == len(products), "product_twice"),
        (b["ledger"]["first_seq"] <= b["ledger"]["last_seq"], "ledger_range"),
    )  # fmt: skip
    return next((_problem(why) for ok, why in rules if not ok), None)


# --- signatures -------------------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_key() -> str:
    """A fresh Ed25519 private key, as base64 of its 32-byte seed."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return _b64(Ed25519PrivateKey.generate().private_bytes_raw())


def private_key(text: str) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(_unb64(text))


def public_key(private: str) -> str:
    return _b64(private_key(private).public_key().public_bytes_raw())


def _signed_text(bundle: dict[str, Any]) -> bytes:
    return canonical.dumps({k: v for k, v in bundle.items() if k != "signature"}).encode("utf-8")


def enrol_message(event: str, booth: str, booth_public: str) -> bytes:
    """What a kit's one-time key signs: this booth of this event signs with this key."""
    return canonical.dumps(
        {"context": ENROL_CONTEXT, "event": event, "booth": booth, "public_key": booth_public}
    ).encode("utf-8")


def signer_block(event: str, booth: str, booth_key: str, kit_key: str) -> dict[str, str]:
    """The booth's public key with the kit's signature over it: enrols the booth at any hub
    that registered the kit, once; later bundles must carry the same key."""
    booth_public = public_key(booth_key)
    return {
        "public_key": booth_public,
        "kit_key": public_key(kit_key),
        "kit_signature": _b64(private_key(kit_key).sign(enrol_message(event, booth, booth_public))),
    }


def sign(bundle: dict[str, Any], booth_key: str) -> dict[str, Any]:
    """Return a copy of `bundle` carrying its Ed25519 signature by `booth_key` (base64 seed)."""
    body = {k: v for k, v in bundle.items() if k != "signature"}
    value = private_key(booth_key).sign(_signed_text(body))
    return {**body, "signature": {"alg": "Ed25519", "value": _b64(value)}}


def verify(public: str, message: bytes, signature: str) -> bool:
    """True only for a valid Ed25519 signature; any malformed key or signature is just False."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(_unb64(public)).verify(_unb64(signature), message)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def signature_ok(bundle: dict[str, Any], public: str) -> bool:
    sig = bundle.get("signature")
    if not isinstance(sig, dict) or not isinstance(sig.get("value"), str):
        return False
    return verify(public, _signed_text(bundle), sig["value"])


def enrolment_ok(bundle: dict[str, Any]) -> bool:
    s = bundle["signer"]
    message = enrol_message(bundle["event"], bundle["booth"], s["public_key"])
    return verify(s["kit_key"], message, s["kit_signature"])


def bundle_id(bundle: dict[str, Any]) -> str:
    """Identity of one exact bundle: the same bundle sent twice has the same id."""
    return canonical.sha256_hex(canonical.dumps(bundle))


def dumps(bundle: dict[str, Any]) -> str:
    """The file form: canonical JSON, one line, UTF-8."""
    return canonical.dumps(bundle)


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://bazar-pos.example/schema/daily-totals-v2.json",
    "title": "bazar-pos daily-totals bundle, version 2",
    "description": (
        "One booth's totals for one business day. Money is integer rupiah. "
        "signature.value = base64 Ed25519 signature by signer.public_key over the canonical JSON "
        "of the bundle without 'signature' (sorted keys, no spaces, UTF-8). "
        "signer.kit_signature = base64 Ed25519 signature by signer.kit_key (the one-time key of "
        "the booth's kit) over canonical {context: 'bazar-pos/enrol-v1', event, booth, "
        "public_key}. Beyond this schema the hub refuses: a date that is not a real day or is "
        "outside the event's dates; net != gross - discounts - voids - refunds; discounts + voids "
        "> gross; sum(by_payment) != net; cash.difference != counted - expected; cash.expected "
        "!= opening + by_payment.cash + cash_in - cash_out; sum of "
        "products.amount != net; sum of hours.net != net; sum of hours.sales_count != "
        "sales_count; sales_count 0 with gross > discounts + voids; voids without a voided sale; "
        "a by_payment figure, products.amount or hours.net above gross - discounts - voids or "
        "below -refunds; "
        "an hour or sku listed twice; ledger.first_seq > last_seq."
    ),
    **json_schema(FIELDS),
}
