"""Selling: check a cart, prepare its payment codes, record the sale.

Every refusal a customer must not meet after paying (a closed day, no QRIS set, a split that
cannot add up) comes from `check`/`prepare`, before any code is shown or any cash is asked
for. The dynamic QRIS is made here, once, for the number held for this sale and the exact
amount of its part; `booth.sales.checkout` records only that code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bazar_pos.booth import days, profile, qris_setting, sales
from bazar_pos.booth.cart import Cart, Quote
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import PaymentPart, Sale


@dataclass(frozen=True)
class Prepared:
    """A sale ready to be paid: its figures, each part's amount and code, its held number."""

    cart: Cart
    quote: Quote
    parts: tuple[PaymentPart, ...]  # every amount fixed; QRIS parts carry their code
    hold: sales.Hold | None

    @property
    def sale_no(self) -> str | None:
        return self.hold.sale_no if self.hold else None


def check(ledger: Ledger, cart: Cart, methods: Sequence[str] = (), *, now: datetime) -> Quote:
    """The cart's quote, or the reason it cannot be sold now with these methods."""
    q = sales.quote(ledger, cart)
    days.ensure_open(ledger, days.business_day(now, profile.load(ledger).tz))
    if "qris" in methods:
        qris_setting.static(ledger)
    return q


def prepare(ledger: Ledger, cart: Cart, plan: Sequence[PaymentPart], *, now: datetime) -> Prepared:
    """Fix each part's amount, hold a number when a QRIS code must carry it, make the code.

    With a QRIS part the cart is priced and checked inside the transaction that holds the
    number, so what the code asks for is what checkout records.
    """
    parts = list(plan)
    if not any(p.method == "qris" for p in parts):
        q = check(ledger, cart, [p.method for p in parts], now=now)
        amounts = sales.split_amounts(q.total, parts)
        fixed = tuple(replace(p, amount=a) for p, a in zip(parts, amounts, strict=True))
        return Prepared(cart.copy(), q, fixed, None)
    hold, amounts = sales.hold_number(ledger, cart, parts, now=now)
    try:
        coded = tuple(
            replace(
                p,
                amount=a,
                reference=qris_setting.dynamic(str(hold.qris), a, sales.bill_number(hold.sale_no)),
            )
            if p.method == "qris"
            else replace(p, amount=a)
            for p, a in zip(parts, amounts, strict=True)
        )
    except BaseException:
        sales.release_number(ledger, hold)  # no code was shown: the number goes back
        raise
    return Prepared(hold.cart, hold.quote, coded, hold)


def complete(
    ledger: Ledger,
    prepared: Prepared,
    *,
    tendered: int | None = None,
    references: dict[int, str] | None = None,
    now: datetime,
) -> Sale:
    """Record the prepared sale: cash as handed over, other references as typed."""
    parts = []
    for i, p in enumerate(prepared.parts):
        if p.method == "cash" and tendered is not None:
            p = replace(p, tendered=tendered)  # noqa: PLW2901
        if references and i in references and p.method != "qris":
            p = replace(p, reference=references[i] or None)  # noqa: PLW2901
        parts.append(p)
    return sales.checkout(ledger, prepared.cart, parts, held=prepared.hold, now=now)


def cancel(ledger: Ledger, prepared: Prepared) -> None:
    """The customer did not pay: give the held number back so the day stays gapless."""
    if prepared.hold:
        sales.release_number(ledger, prepared.hold)


def sell(ledger: Ledger, cart: Cart, plan: Sequence[PaymentPart], *, now: datetime) -> Sale:
    """Record in one go (the CLI): the code shown afterwards is the one recorded.

    Without a QRIS part nothing is shown before the sale, so it is one transaction that checks
    everything itself; with one, the number is held and the code made first.
    """
    if not any(p.method == "qris" for p in plan):
        return sales.checkout(ledger, cart, list(plan), now=now)
    prepared = prepare(ledger, cart, plan, now=now)
    try:
        return complete(ledger, prepared, now=now)
    except BaseException:
        cancel(ledger, prepared)
        raise
