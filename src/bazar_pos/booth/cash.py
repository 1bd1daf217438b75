"""Cash in and out of the drawer that is not a sale: the opening float, change top-ups, payouts."""

from __future__ import annotations

from datetime import datetime

from bazar_pos import money
from bazar_pos.booth import days, profile, validate
from bazar_pos.booth.ledger import Ledger


def move(
    ledger: Ledger,
    direction: str,
    amount: int | str,
    *,
    reason: str,
    now: datetime,
    opening_float: bool = False,
) -> int:
    """Record cash put into (`in`) or taken out of (`out`) the drawer on today's business day."""
    value = money.parse(amount, allow_zero=False)
    why = validate.reason(reason)
    day = days.business_day(now, profile.load(ledger).tz)
    days.ensure_open(ledger, day)
    kind = "cash_in" if direction == "in" else "cash_out"
    payload = {"day": day, "amount": value, "reason": why}
    if opening_float:
        payload["float"] = True
    ledger.append(kind, payload, now=now)
    return value


NOTE_STEPS = (10_000, 20_000, 50_000, 100_000)


def likely_tenders(total: int, count: int = 3) -> list[int]:
    """What a buyer most likely hands over for `total`: the next round sums above it.

    Rp175.000 -> Rp180.000, Rp200.000; never a sum below the total, so every offer pays.
    """
    out: list[int] = []
    for step in NOTE_STEPS:
        amount = -(-total // step) * step
        if amount == total:
            amount += step
        if amount not in out:
            out.append(amount)
    return sorted(out)[:count]
