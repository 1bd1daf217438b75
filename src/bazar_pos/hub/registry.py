"""The event and its booths: set up the hub, register booths, hand out kits.

A booth's secret is made here and leaves the hub only inside its kit; the hub keeps it in clear
because checking an HMAC needs the key itself. The organizer token is kept only as a hash.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils

from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.store import write_txn
from bazar_pos.sync.kit import Kit, write_kit

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,15}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Event:
    name: str
    timezone: str
    hub_url: str
    token_hash: str


def event(db: sqlite_utils.Database) -> Event:
    row = db.execute("SELECT name, timezone, hub_url, token_hash FROM event").fetchone()
    if not row:
        raise NotFound(
            "Hub belum disiapkan; jalankan: bazar-pos hub init --event NAMA",
            "The hub is not set up; run: bazar-pos hub init --event NAME",
            code="hub_not_initialized",
        )
    return Event(*row)


def init_hub(
    db: sqlite_utils.Database,
    name: str,
    *,
    timezone: str = "Asia/Jakarta",
    hub_url: str = "",
    now: datetime,
) -> str:
    """Create the event; returns the organizer token (shown once; only its hash is kept)."""
    if not name.strip():
        raise InvalidInput("Nama acara wajib diisi", "The event name is required", code="no_name")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(
            f"Zona waktu tidak dikenal: {timezone}", f"Unknown time zone: {timezone}", code="bad_tz"
        ) from exc
    token = secrets.token_urlsafe(24)
    with write_txn(db) as conn:
        if conn.execute("SELECT 1 FROM event").fetchone():
            raise InvalidInput(
                "Hub ini sudah punya acara", "This hub already has an event", code="hub_exists"
            )
        conn.execute(
            "INSERT INTO event (id, name, timezone, hub_url, token_hash, created_at)"
            " VALUES (1, ?, ?, ?, ?, ?)",
            (
                name.strip(),
                timezone,
                hub_url.strip(),
                token_hash(token),
                now.astimezone(UTC).isoformat(),
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


def _booth(code: str, name: str, location: str, pengampu: str, category: str) -> Booth:
    code = code.strip().upper()
    if not _CODE.match(code):
        raise InvalidInput(
            f"Kode booth tidak sah: {code!r}",
            f"Invalid booth code: {code!r}",
            code="bad_booth_code",
        )
    if not name.strip():
        raise InvalidInput(f"Booth {code} tanpa nama", f"Booth {code} has no name", code="no_name")
    if not location.strip():  # a booth refuses to join with a kit that has no location
        raise InvalidInput(
            f"Booth {code} tanpa lokasi", f"Booth {code} has no location", code="no_location"
        )
    return Booth(code, name.strip(), location.strip(), pengampu.strip(), category.strip().lower())


def add_booths(
    db: sqlite_utils.Database, booths: list[Booth], *, skip_existing: bool = False
) -> dict[str, str]:
    """Register booths (all or none); returns each new one's fresh secret.

    With `skip_existing`, codes already registered are left as they are (their secret, already
    handed out in a kit, never changes), so importing the same list twice is safe.
    """
    event(db)
    out: dict[str, str] = {}
    with write_txn(db) as conn:
        for b in booths:
            if conn.execute("SELECT 1 FROM booths WHERE code = ?", (b.code,)).fetchone():
                if skip_existing:
                    continue
                raise InvalidInput(
                    f"Booth {b.code} sudah terdaftar",
                    f"Booth {b.code} is already registered",
                    code="duplicate_booth",
                )
            secret = secrets.token_hex(32)
            conn.execute(
                "INSERT INTO booths (code, name, location, pengampu, category, secret)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (b.code, b.name, b.location, b.pengampu, b.category, secret),
            )
            out[b.code] = secret
    return out


def add_booth(
    db: sqlite_utils.Database,
    code: str,
    *,
    name: str,
    location: str,
    pengampu: str = "",
    category: str = "",
) -> Booth:
    booth = _booth(code, name, location, pengampu, category)
    add_booths(db, [booth])
    return booth


def read_booths_csv(path: Path) -> list[Booth]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"CSV tidak bisa dibaca: {path}", f"Cannot read the CSV: {path}", code="bad_csv"
        ) from exc
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and not {"code", "name", "location"} <= set(rows[0]):
        raise InvalidInput(
            "CSV harus punya kolom code,name,location,pengampu,category",
            "The CSV needs columns code,name,location,pengampu,category",
            code="bad_csv",
        )
    out: dict[str, Booth] = {}
    for n, r in enumerate(rows, start=2):
        try:
            b = _booth(
                r.get("code") or "",
                r.get("name") or "",
                r.get("location") or "",
                r.get("pengampu") or "",
                r.get("category") or "",
            )
        except InvalidInput as exc:
            raise InvalidInput(
                f"Baris {n}: {exc.message('id')}", f"Line {n}: {exc.message('en')}", code=exc.code
            ) from exc
        if b.code in out:
            raise InvalidInput(
                f"Baris {n}: kode {b.code} muncul dua kali",
                f"Line {n}: code {b.code} appears twice",
                code="duplicate_booth",
            )
        out[b.code] = b
    return list(out.values())


def kit_for(db: sqlite_utils.Database, code: str) -> Kit:
    ev = event(db)
    row = db.execute(
        "SELECT code, name, location, secret FROM booths WHERE code = ?", (code.strip().upper(),)
    ).fetchone()
    if not row:
        raise NotFound(
            f"Booth tidak dikenal: {code}", f"Unknown booth: {code}", code="unknown_booth"
        )
    return Kit(
        event=ev.name, booth=row[0], name=row[1], location=row[2], hub_url=ev.hub_url, secret=row[3]
    )


def save_kit(db: sqlite_utils.Database, code: str, path: Path) -> Path:
    """The kit carries the booth's secret: only its owner may read the file."""
    written = write_kit(path, kit_for(db, code))
    written.chmod(0o600)
    return written


def write_kits(db: sqlite_utils.Database, codes: list[str], folder: Path) -> list[Path]:
    return [save_kit(db, c, folder / f"{c}.kit.json") for c in codes]


def booths(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT code, name, location, pengampu, category FROM booths ORDER BY location, code"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
