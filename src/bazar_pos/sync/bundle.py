"""The daily-totals bundle: the one contract between a booth and the organizer's hub.

A bundle is JSON; its signature is HMAC-SHA256 with the booth secret over the canonical JSON of
everything but `signature`. The booth never imports the hub and the hub never reads a booth
database: they meet only here. `check_shape` is hand-written so the hub refuses malformed input
with a reason a person can read; `SCHEMA` publishes the same rules as JSON Schema.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import date
from typing import Any

from bazar_pos import canonical
from bazar_pos.errors import BazarError

FORMAT = "bazar-pos/daily-totals"
VERSION = 1
MAX_BYTES = 1_000_000
PAYMENT_KEYS = ("cash", "qris", "transfer", "other")
TOTAL_KEYS = ("sales_count", "voided_count", "gross", "discounts", "voids", "refunds", "net")


class BundleRejected(BazarError):
    """Why a bundle was not accepted; `code` is stable for scripts and the HTTP API."""

    code = "bundle_rejected"


def _reject(code: str, id_text: str, en_text: str) -> BundleRejected:
    return BundleRejected(id_text, en_text, code=code)


def sign(bundle: dict[str, Any], secret: str) -> dict[str, Any]:
    """Return a copy of `bundle` carrying its signature."""
    body = {k: v for k, v in bundle.items() if k != "signature"}
    mac = hmac.new(secret.encode(), canonical.dumps(body).encode(), hashlib.sha256).hexdigest()
    return {**body, "signature": {"alg": "HMAC-SHA256", "value": mac}}


def signature_ok(bundle: dict[str, Any], secret: str) -> bool:
    sig = bundle.get("signature")
    if not isinstance(sig, dict) or not isinstance(sig.get("value"), str):
        return False
    expected = sign(bundle, secret)["signature"]["value"]
    return hmac.compare_digest(expected, sig["value"])


def bundle_id(bundle: dict[str, Any]) -> str:
    """Identity of one exact bundle: the same bundle sent twice has the same id."""
    return canonical.sha256_hex(canonical.dumps(bundle))


def dumps(bundle: dict[str, Any]) -> str:
    """The file form: canonical JSON, one line, UTF-8."""
    return canonical.dumps(bundle)


def loads(data: bytes | str) -> dict[str, Any]:
    """Parse bytes from a file or a request body, refusing anything that is not a JSON object."""
    if len(data) > MAX_BYTES:
        raise _reject("too_large", "Bundel terlalu besar", "The bundle is too large")
    try:
        obj = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _reject(
            "malformed", "Bundel bukan JSON yang sah", "The bundle is not valid JSON"
        ) from exc
    if not isinstance(obj, dict):
        raise _reject("malformed", "Bundel harus objek JSON", "The bundle must be a JSON object")
    return obj


_HEX64 = re.compile(r"[0-9a-f]{64}")


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def is_day(value: str) -> bool:
    """Exactly YYYY-MM-DD and a real calendar day: the key of every booth-day figure."""
    try:
        return len(value) == 10 and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def check_shape(b: dict[str, Any]) -> None:
    """Refuse a bundle whose structure or arithmetic is wrong, naming the first problem."""
    if b.get("format") != FORMAT:
        raise _reject("schema", "Bukan bundel bazar-pos", "Not a bazar-pos bundle")
    version: Any = b.get("version")
    if not _is_int(version):
        raise _reject("schema", "Versi bundel tidak ada", "The bundle has no version")
    if version > VERSION:
        raise _reject(
            "future_version",
            f"Versi bundel {version} lebih baru dari yang dikenal ({VERSION}); perbarui bazar-pos",
            f"Bundle version {version} is newer than this hub knows ({VERSION}); update bazar-pos",
        )
    problems = _problems(b)
    if problems:
        raise _reject(
            "schema", f"Isi bundel tidak sah: {problems[0]}", f"Invalid bundle: {problems[0]}"
        )


def _problems(b: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key in ("event", "booth", "date", "created_at"):
        if not isinstance(b.get(key), str) or not b[key]:
            out.append(f"'{key}' missing")
    if isinstance(b.get("date"), str) and not is_day(b["date"]):
        out.append("'date' is not a real YYYY-MM-DD date")
    revision: Any = b.get("revision")
    if not _is_int(revision) or revision < 1:
        out.append("'revision' must be a whole number >= 1")
    t: Any = b.get("totals")
    if not isinstance(t, dict):
        return [*out, "'totals' missing"]
    for key in TOTAL_KEYS:
        if not _is_int(t.get(key)):
            out.append(f"totals.{key} must be an integer")
    pay: Any = t.get("by_payment")
    if not isinstance(pay, dict) or not all(_is_int(v) for v in pay.values()):
        out.append("totals.by_payment must map methods to integers")
    cash: Any = t.get("cash")
    if not isinstance(cash, dict) or not all(
        _is_int(cash.get(k)) for k in ("expected", "counted", "difference")
    ):
        out.append("totals.cash needs integer expected, counted, difference")
    if out:
        return out
    if t["gross"] - t["discounts"] - t["voids"] - t["refunds"] != t["net"]:
        out.append("totals.net != gross - discounts - voids - refunds")
    if sum(pay.values()) != t["net"]:
        out.append("sum of totals.by_payment != totals.net")
    if cash["counted"] - cash["expected"] != cash["difference"]:
        out.append("totals.cash.difference != counted - expected")
    products: Any = b.get("products", [])
    hours: Any = b.get("hours", [])
    if not isinstance(products, list) or not isinstance(hours, list):
        return [*out, "'products' and 'hours' must be lists"]
    for i, p in enumerate(products):
        if not isinstance(p, dict) or not isinstance(p.get("sku"), str):
            out.append(f"products[{i}] needs a sku")
        elif not all(_is_int(p.get(k)) for k in ("qty", "amount")):
            out.append(f"products[{i}] needs integer qty and amount")
    for i, h in enumerate(hours):
        if not isinstance(h, dict) or not all(_is_int(h.get(k)) for k in ("hour", "net")):
            out.append(f"hours[{i}] needs integer hour and net")
        elif not 0 <= h["hour"] <= 23:
            out.append(f"hours[{i}].hour must be 0-23")
    ledger = b.get("ledger")
    if not isinstance(ledger, dict) or not _HEX64.fullmatch(str(ledger.get("head_hash", ""))):
        out.append("ledger.head_hash must be 64 hex characters")
    return out


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://bazar-pos.example/schema/daily-totals-v1.json",
    "title": "bazar-pos daily-totals bundle, version 1",
    "description": (
        "One booth's totals for one business day. Money is integer rupiah. "
        "signature.value = HMAC-SHA256(booth secret, canonical JSON of the bundle without "
        "'signature'); canonical = sorted keys, no spaces, UTF-8."
    ),
    "type": "object",
    "required": [
        "format",
        "version",
        "event",
        "booth",
        "date",
        "revision",
        "created_at",
        "totals",
        "ledger",
        "signature",
    ],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"type": "integer", "minimum": 1},
        "event": {"type": "string", "minLength": 1},
        "booth": {"type": "string", "minLength": 1},
        "booth_name": {"type": "string"},
        "location": {"type": "string"},
        "date": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "revision": {"type": "integer", "minimum": 1},
        "created_at": {"type": "string"},
        "totals": {
            "type": "object",
            "required": [*TOTAL_KEYS, "by_payment", "cash"],
            "properties": {
                **{k: {"type": "integer"} for k in TOTAL_KEYS},
                "by_payment": {"type": "object", "additionalProperties": {"type": "integer"}},
                "cash": {
                    "type": "object",
                    "required": ["expected", "counted", "difference"],
                    "properties": {
                        k: {"type": "integer"}
                        for k in ("opening", "expected", "counted", "difference")
                    },
                },
            },
        },
        "products": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["sku", "qty", "amount"],
                "properties": {
                    "sku": {"type": "string"},
                    "name": {"type": "string"},
                    "category": {"type": "string"},
                    "qty": {"type": "integer"},
                    "amount": {"type": "integer"},
                    "closing_stock": {"type": "integer"},
                },
            },
        },
        "hours": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["hour", "net"],
                "properties": {
                    "hour": {"type": "integer", "minimum": 0, "maximum": 23},
                    "sales_count": {"type": "integer"},
                    "net": {"type": "integer"},
                },
            },
        },
        "ledger": {
            "type": "object",
            "required": ["head_hash"],
            "properties": {
                "first_seq": {"type": "integer"},
                "last_seq": {"type": "integer"},
                "head_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            },
        },
        "signature": {
            "type": "object",
            "required": ["alg", "value"],
            "properties": {"alg": {"const": "HMAC-SHA256"}, "value": {"type": "string"}},
        },
    },
}
