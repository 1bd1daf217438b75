"""What every screen shares: the open ledger, the clock, and the booth profile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bazar_pos.booth import days, profile
from bazar_pos.booth.ledger import Ledger


@dataclass
class BoothContext:
    db_path: Path
    ledger: Ledger
    clock: Callable[[], datetime]

    def now(self) -> datetime:
        return self.clock()

    def profile(self) -> profile.Profile:
        return profile.load(self.ledger)

    def today(self) -> str:
        return days.business_day(self.now(), self.profile().tz)
