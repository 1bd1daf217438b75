"""The booth's static QRIS and the dynamic code each QRIS sale shows.

The QRIS codec (`payments`) is imported when a code is made or read, not when selling starts:
the cashier's first screen must not wait for it.
"""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bazar_pos.booth import profile
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import NotFound

if TYPE_CHECKING:
    from bazar_pos.payments import QrisInfo


def set_static(ledger: Ledger, payload: str, *, now: datetime) -> QrisInfo:
    """Store the vendor's QRIS (ends trimmed) as a journal entry; an invalid code is refused."""
    from bazar_pos.payments import parse_qris

    info = parse_qris(payload.strip())
    profile.update_settings(ledger, {"qris": info.payload}, now=now)
    return info


def set_from_image(ledger: Ledger, image: Path, *, now: datetime) -> QrisInfo:
    from bazar_pos.payments import decode_image

    return set_static(ledger, decode_image(image), now=now)


def static(ledger: Ledger) -> str:
    return static_of(profile.load(ledger))


def static_of(prof: profile.Profile) -> str:
    """The vendor's code from a profile already loaded (the sale path reads it once)."""
    payload = prof.get("qris")
    if not payload:
        raise NotFound("no_qris")
    return str(payload)


def dynamic_for(ledger: Ledger, amount: int, bill_number: str | None = None) -> str:
    """The sale's code; made when it is shown and made again (from the cache) at checkout."""
    return dynamic(static(ledger), amount, bill_number)


@functools.lru_cache(maxsize=64)
def dynamic(static_payload: str, amount: int, bill_number: str | None) -> str:
    from bazar_pos.payments import to_dynamic

    return to_dynamic(static_payload, amount, bill_number)  # pure: same inputs, same code
