"""The booth's own facts and settings, kept as journal entries so changes are traceable."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bazar_pos import names
from bazar_pos.booth.ledger import Ledger
from bazar_pos.errors import InvalidInput, NotFound

DEFAULT_TZ = "Asia/Jakarta"
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,15}$")


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    event: str = ""
    location: str = ""
    timezone: str = DEFAULT_TZ
    settings: dict[str, Any] | None = None

    # Cached: a loaded profile is reused for every sale until the database changes.
    @functools.cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @functools.cached_property
    def prefix(self) -> str:
        """`CP-07` -> `CP07`: the sale-number prefix."""
        return re.sub(r"[^A-Za-z0-9]", "", self.code).upper()

    def get(self, key: str, default: Any = None) -> Any:
        return (self.settings or {}).get(key, default)


_CORE = ("code", "name", "event", "location", "timezone")


def load(ledger: Ledger) -> Profile:
    """The profile, re-read only when this or another connection has written since."""
    version = ledger.conn.execute("PRAGMA data_version").fetchone()[0]
    cached = ledger.cache.get("profile")
    if cached and cached[0] == version:
        return cached[1]
    prof = _read(ledger)
    ledger.cache["profile"] = (version, prof)
    return prof


def _read(ledger: Ledger) -> Profile:
    values = {
        r["key"]: json.loads(r["value"]) for r in ledger.query("SELECT key, value FROM profile")
    }
    if "code" not in values:
        raise NotFound("booth_not_initialized")
    settings = {k: v for k, v in values.items() if k not in _CORE}
    return Profile(**{k: values[k] for k in _CORE if k in values}, settings=settings)


def is_initialized(ledger: Ledger) -> bool:
    return ledger.one("SELECT 1 AS x FROM profile WHERE key = 'code'") is not None


def init(
    ledger: Ledger,
    *,
    code: str,
    name: str,
    event: str = "",
    location: str = "",
    timezone: str = DEFAULT_TZ,
    now: datetime,
) -> Profile:
    """Set the booth's identity; the booth code cannot change once sales exist."""
    code = code.strip().upper()
    if not _CODE.match(code):
        raise InvalidInput("bad_booth_code", code=code)
    if not name.strip():
        raise InvalidInput("no_name:the_booth_name_is_required")
    names.fits(names.check(name, "field.booth_name"), "field.booth_name")
    names.fits(names.check(event, "field.event_name"), "field.event_name")
    names.fits(names.check(location, "field.location"), "field.location")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput("bad_tz", timezone=timezone) from exc
    if is_initialized(ledger):
        current = load(ledger)
        has_sales = ledger.one("SELECT 1 AS x FROM sales LIMIT 1") is not None
        if current.code != code and has_sales:
            raise InvalidInput("booth_code_locked", code=current.code)
    ledger.append(
        "profile",
        {
            "code": code,
            "name": name.strip(),
            "event": event.strip(),
            "location": location.strip(),
            "timezone": timezone,
        },
        now=now,
    )
    return load(ledger)


def update_settings(ledger: Ledger, values: dict[str, Any], *, now: datetime) -> Profile:
    """Settings (QRIS, receipt footer, paper, printer, hub, language) are journaled like sales."""
    load(ledger)
    bad = set(values) & set(_CORE)
    if bad:
        raise ValueError(f"use init() for {sorted(bad)}")
    ledger.append("profile", values, now=now)
    return load(ledger)
