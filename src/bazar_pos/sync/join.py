"""`join`: configure a booth from the kit its organizer handed out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bazar_pos.booth import profile
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import InvalidInput
from bazar_pos.sync import booth_key
from bazar_pos.sync.kit import Kit


def join(ledger: Ledger, kit_path: Path, *, now: datetime) -> Kit:
    """Same kit twice is fine; a kit of another event than the booth's recorded sales is not."""
    kit = Kit.read(kit_path)
    if profile.is_initialized(ledger):
        current = profile.load(ledger)
        has_sales = ledger.one("SELECT 1 AS x FROM sales LIMIT 1") is not None
        if has_sales and current.event and current.event != kit.event:
            raise InvalidInput(  # the fix (rename the event, then join) names the booth whole
                "other_event",
                event=kit.event,
                event2=current.event,
                booth=current.code,
                name=current.name,
                location=current.location,
            )
    profile.init(
        ledger, code=kit.booth, name=kit.name, event=kit.event, location=kit.location, now=now
    )
    profile.update_settings(ledger, {"hub_url": kit.hub_url or None}, now=now)
    booth_key.remember(ledger, kit.kit_key)
    return kit
