"""The event and its booths: set up the hub, register booths, hand out kits.

A kit's one-time key is made here and leaves the hub only inside the kit; the hub keeps its public
half, and later the public key each booth enrols with it: nothing in `hub.db` can sign for a
booth. The organizer token is kept only as a hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils

from bazar_pos import csvfile, names
from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.store import write_txn
from bazar_pos.sync import bundle
from bazar_pos.sync.kit import Kit

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,15}$")
MAX_TEXT = names.MAX_TEXT  # what a bundle (or envelope) carries


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Event:
    name: str
    timezone: str
    hub_url: str
    token_hash: str
    first_date: str | None = None
    last_date: str | None = None


def event(db: sqlite_utils.Database) -> Event:
    row = db.execute(
        "SELECT name, timezone, hub_url, token_hash, first_date, last_date FROM event"
    ).fetchone()
    if not row:
        raise NotFound("hub_not_initialized")
    return Event(*row)


def parse_dates(text: str) -> tuple[str, str]:
    """`2026-03-20..2026-03-29` (or one day) -> the event's first and last business day."""
    first, _, last = text.strip().partition("..")
    first, last = first.strip(), (last or first).strip()
    if not (bundle.is_day(first) and bundle.is_day(last)) or first > last:
        raise InvalidInput("bad_dates", text=text)
    return first, last


def set_dates(db: sqlite_utils.Database, dates: tuple[str, str]) -> None:
    """Change the event's dates; refused while a booth-day in use would fall outside them."""
    first, last = parse_dates("..".join(dates))
    event(db)
    with write_txn(db) as conn:
        outside = conn.execute(
            "SELECT booth, date FROM booth_days WHERE set_aside = 0 AND (date < ? OR date > ?)"
            " ORDER BY date, booth LIMIT 1",
            (first, last),
        ).fetchone()
        if outside:
            raise InvalidInput("dates_in_use", outside=outside[0], outside2=outside[1])
        conn.execute("UPDATE event SET first_date = ?, last_date = ?", (first, last))


def init_hub(
    db: sqlite_utils.Database,
    name: str,
    *,
    dates: tuple[str, str],
    timezone: str = "Asia/Jakarta",
    hub_url: str = "",
    now: datetime,
) -> str:
    """Create the event; returns the organizer token (shown once; only its hash is kept)."""
    first, last = parse_dates("..".join(dates))
    if not name.strip():
        raise InvalidInput("no_name:the_event_name_is_required")
    names.fits(names.check(name, "field.event_name"), "field.event_name")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput("bad_tz", timezone=timezone) from exc
    token = secrets.token_urlsafe(24)
    with write_txn(db) as conn:
        if conn.execute("SELECT 1 FROM event").fetchone():
            raise InvalidInput("hub_exists:this_hub_already_has_an")
        conn.execute(
            "INSERT INTO event (id, name, timezone, hub_url, token_hash, created_at, first_date,"
            " last_date) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (
                name.strip(),
                timezone,
                hub_url.strip(),
                token_hash(token),
                now.astimezone(UTC).isoformat(),
                first,
                last,
            ),
        )
    return token


def new_token(db: sqlite_utils.Database) -> str:
    """Issue a new organizer token (it is shown once); the old one stops working at once."""
    event(db)
    token = secrets.token_urlsafe(24)
    with write_txn(db) as conn:
        conn.execute("UPDATE event SET token_hash = ?", (token_hash(token),))
    return token


def token_ok(db: sqlite_utils.Database, token: str) -> bool:
    """Read per request, so a new token takes effect without restarting the server."""
    return bool(token) and hmac.compare_digest(token_hash(token), event(db).token_hash)


@dataclass(frozen=True)
class Booth:
    code: str
    name: str
    location: str
    pengampu: str = ""
    category: str = ""
    city: str = ""


def valid_code(code: str) -> bool:
    return bool(_CODE.match(code))


def booth_key(conn: Any, city: str, code: str) -> str:
    """The booth's key at this hub: its code, or `CITY/CODE` when its city is one of this hub's
    city hubs (codes are unique only within a city; `CODE` may itself be `CITY/CODE` one level
    further up)."""
    if city and conn.execute("SELECT 1 FROM cities WHERE code = ?", (city,)).fetchone():
        return f"{city}/{code}"
    return code


def _booth(
    code: str, name: str, location: str, pengampu: str, category: str, city: str = ""
) -> Booth:
    code = code.strip().upper()
    if not all(_CODE.match(part) for part in code.split("/")) or code.count("/") > 3:
        raise InvalidInput("bad_booth_code:invalid_booth_code", code=code)
    if not name.strip():
        raise InvalidInput("no_name:booth_has_no_name", code=code)
    for text, what in (
        (name, "field.booth_name"),
        (location, "field.location"),
        (pengampu, "field.pengampu"),
        (category, "field.category"),
    ):
        names.fits(names.check(text, what), what)
    if not location.strip():  # a booth refuses to join with a kit that has no location
        raise InvalidInput("no_location", code=code)
    city = city.strip().upper()
    if city and not valid_code(city):
        raise InvalidInput("bad_city_code:invalid_city_code", city=city)
    return Booth(
        code, name.strip(), location.strip(), pengampu.strip(), category.strip().lower(), city
    )


def add_booths(
    db: sqlite_utils.Database, booths: list[Booth], *, skip_existing: bool = False
) -> list[str]:
    """Register booths (all or none); returns the codes newly registered, which need kits.

    With `skip_existing`, codes already registered are left as they are (their kit, already
    handed out, stays valid), so importing the same list twice is safe.
    """
    event(db)
    out: list[str] = []
    with write_txn(db) as conn:
        for b in booths:
            key = booth_key(conn, b.city, b.code)
            if conn.execute("SELECT 1 FROM booths WHERE code = ?", (key,)).fetchone():
                if skip_existing:
                    continue
                raise InvalidInput("duplicate_booth:booth_is_already_registered_2", key=key)
            conn.execute(
                "INSERT INTO booths (code, name, location, pengampu, category, city)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (key, b.name, b.location, b.pengampu, b.category, b.city),
            )
            out.append(key)
    return out


def add_booth(
    db: sqlite_utils.Database,
    code: str,
    *,
    name: str,
    location: str,
    pengampu: str = "",
    category: str = "",
    city: str = "",
) -> Booth:
    booth = _booth(code, name, location, pengampu, category, city)
    (key,) = add_booths(db, [booth])
    return Booth(key, booth.name, booth.location, booth.pengampu, booth.category, booth.city)


BOOTH_COLUMNS = {
    "code": ("kode", "kodebooth"),
    "name": ("namabooth", "nama"),
    "location": ("lokasi",),
    "pengampu": ("pengampu",),
    "category": ("kategori",),
    "city": ("kota", "wilayah"),
}


def read_booths_csv(path: Path) -> list[Booth]:
    return read_booths(path)[0]


def read_booths(path: Path) -> tuple[list[Booth], csvfile.Table]:
    """Every row checked before any booth is registered; the table tells how the file was read.
    Codes need be unique only within a city."""
    table = csvfile.read(path, BOOTH_COLUMNS, required=("code", "name", "location"))
    out: dict[tuple[str, str], Booth] = {}
    for row in table.rows:
        n, r = row.line, row.cells
        try:
            b = _booth(
                r.get("code") or "",
                r.get("name") or "",
                r.get("location") or "",
                r.get("pengampu") or "",
                r.get("category") or "",
                r.get("city") or "",
            )
        except InvalidInput as exc:
            raise InvalidInput("csv_line", lineno=n, reason=exc).coded(exc.code) from exc
        if (b.city, b.code) in out:
            raise InvalidInput("duplicate_booth", n=n, code=b.code)
        out[b.city, b.code] = b
    if not out:
        raise InvalidInput("bad_csv:the_csv_holds_no_booths")
    return list(out.values()), table


def issue_kit(db: sqlite_utils.Database, code: str) -> Kit:
    """A new kit with a fresh one-time key; only its public half is kept.

    Issuing a kit again (a lost kit, a new laptop) forgets the key the booth enrolled: the next
    bundle vouched for by the new kit enrols the booth again, and the old kit stops working.
    """
    ev = event(db)
    kit_key = bundle.new_key()
    with write_txn(db) as conn:
        row = conn.execute(
            "SELECT code, name, location FROM booths WHERE code = ?", (code.strip().upper(),)
        ).fetchone()
        if not row:
            raise NotFound("unknown_booth", code=code)
        conn.execute(
            "UPDATE booths SET kit_key = ?, public_key = NULL, enrolled_at = NULL WHERE code = ?",
            (bundle.public_key(kit_key), row[0]),
        )
    return Kit(
        event=ev.name,
        booth=row[0],
        name=row[1],
        location=row[2],
        hub_url=ev.hub_url,
        kit_key=kit_key,
    )


def save_kit(db: sqlite_utils.Database, code: str, path: Path) -> Path:
    """The kit can enrol the booth until its first bundle arrives: 0600 from the first byte."""
    return issue_kit(db, code).write(path)


def write_kits(db: sqlite_utils.Database, codes: list[str], folder: Path) -> list[Path]:
    return [save_kit(db, c, folder / f"{c}.kit.json") for c in codes]


def booths(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT code, name, location, pengampu, category, city FROM booths"
        " ORDER BY city, location, code"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
