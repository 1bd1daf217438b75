"""What every screen shares: the open ledger, the clock, the sale being rung up.

The cart lives here rather than in the Kasir screen so that rebuilding screens (a language
switch) never loses a customer's half-finished sale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bazar_pos.booth import days, profile, staff
from bazar_pos.booth.cart import Cart
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import Sale

MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


@dataclass
class BoothContext:
    db_path: Path
    ledger: Ledger
    clock: Callable[[], datetime]
    draft: Cart = field(default_factory=Cart)
    last_sale: Sale | None = None
    last_receipt: Path | None = None
    lang_at_start: str = "id"  # the language before any choice in Pengaturan

    def now(self) -> datetime:
        return self.clock()

    def reopen(self) -> None:
        """The ledger file was replaced (a restore): open it again, keep who is at the till if
        that person is in it (else the owner), forget the last sale (it may not be there)."""
        person = self.ledger.person
        self.ledger = Ledger.open(self.db_path)
        names = {m.name for m in staff.members(self.ledger)}
        staff.at_till(self.ledger, person["name"] if person and person["name"] in names else None)
        self.last_sale, self.last_receipt = None, None

    def profile(self) -> profile.Profile:
        return profile.load(self.ledger)

    def today(self) -> str:
        return days.business_day(self.now(), self.profile().tz)

    def local_time(self, stamp: str, fmt: str = "%H:%M") -> str:
        """A journal stamp (UTC) as the booth's wall-clock time (WIB by default)."""
        return days.parse_stamp(stamp).astimezone(self.profile().tz).strftime(fmt)

    def unsent(self) -> int:
        from bazar_pos.sync import outbox  # not services.closing: the status line shows at start

        return outbox.unsent_days(self.ledger)


def day_label(day: str, lang: str) -> str:
    """`2026-03-20` -> `20 Mar 2026`: unambiguous in both languages."""
    y, m, d = day.split("-")
    return f"{int(d)} {MONTHS.get(lang, MONTHS['id'])[int(m) - 1]} {y}"
