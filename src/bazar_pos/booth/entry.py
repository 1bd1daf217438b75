"""One journal entry as a value: what the ledger writes and every projection reads.

Its own module so the ledger (which appends) and the projections (which interpret) both depend
on it instead of on each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    kind: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str
