"""Dates as Indonesians write them: `Jumat, 20 Maret 2026 10.00 WIB`."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bazar_pos import i18n

_DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def long_datetime(moment: datetime, tz: str) -> str:
    local = moment.astimezone(ZoneInfo(tz))
    zone = _ZONES.get(tz, local.strftime("%Z"))
    if i18n.current() == "en":
        return f"{local:%A, %d %B %Y %H:%M} {zone}"
    return (
        f"{_DAYS_ID[local.weekday()]}, {local.day} {_MONTHS_ID[local.month - 1]} {local.year} "
        f"{local:%H.%M} {zone}"
    )


def long_date(day: str) -> str:
    d = datetime.fromisoformat(day)
    if i18n.current() == "en":
        return f"{d:%A, %d %B %Y}"
    return f"{_DAYS_ID[d.weekday()]}, {d.day} {_MONTHS_ID[d.month - 1]} {d.year}"
