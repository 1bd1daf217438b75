"""What only the owner may do, decided once: the journal writer refuses these without approval.

The check sits where every change passes (`ledger.Writer.append`), so no command, screen or
service can forget it; `staff.owner_approval` is how a caller proves the owner's PIN.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from bazar_pos.errors import BazarError

OWNER_KINDS = frozenset({"void", "refund", "stock_adjust", "stock_count", "day_reopen"})
PRICE_KEYS = frozenset({"price", "cost"})
FREE_SETTINGS = frozenset({"language", "hub_url"})
"""The screen's language is a preference; the hub address comes with the organizer's kit."""


class OwnerPinNeeded(BazarError):
    code = "owner_pin_needed"


def needs_owner(kind: str, payload: dict[str, Any]) -> bool:
    if kind in OWNER_KINDS:
        return True
    if kind == "product_edit":
        return bool(PRICE_KEYS & payload.keys())
    if kind == "staff":
        return payload.get("change") == "helper_added"
    if kind == "profile":
        return not payload.keys() <= FREE_SETTINGS
    return False


def owner_pin_set(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM staff WHERE role = 'owner' AND pin_hash IS NOT NULL"
    ).fetchone()
    return row is not None


def refuse() -> OwnerPinNeeded:
    return OwnerPinNeeded()
