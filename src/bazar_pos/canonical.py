"""Canonical JSON: the one byte form that hashes and signatures are computed over.

Sorted keys, no spaces, UTF-8 kept as is, integers only for money. The ledger and the
daily-totals bundle both use it, so a booth and an organizer compute the same hash.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

# One encoder for every call: `json.dumps` with options builds a new one each time, and the
# ledger canonicalises on every sale's write path.
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def dumps(obj: Any) -> str:
    return _ENCODER.encode(obj)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
