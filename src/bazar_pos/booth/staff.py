"""The people at the booth: the owner (whose PIN guards voids, refunds, prices, stock and
settings) and helpers, and who is at the till.

PINs are kept only as salted scrypt hashes in the local `staff` table: never in clear, never in
the journal or the bundle. Five wrong owner PINs lock owner actions for a minute, counted in the
local `pin_guard` table so restarting the app does not reset it. A forgotten owner PIN is reset
with the recovery code printed once when the PIN is first set.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from bazar_pos import names
from bazar_pos.booth import days, guarded
from bazar_pos.booth.ledger import Ledger, Person, utc_stamp
from bazar_pos.errors import BazarError, InvalidInput, NotFound
from bazar_pos.store import write_txn

OWNER, HELPER = "owner", "helper"
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=1)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # about 16 MiB and tens of ms per try
RECOVERY_KEY = "owner_recovery"
DEFAULT_OWNER = "Pemilik"


class WrongPin(BazarError):
    code = "wrong_pin"


class PinLocked(BazarError):
    code = "pin_locked"


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    has_pin: bool

    def person(self) -> Person:
        return {"name": self.name, "role": self.role}


# --- hashing ----------------------------------------------------------------------------------


def hash_pin(pin: str) -> str:
    """`scrypt$n$r$p$salt$hash` with a fresh 16-byte salt: equal PINs never hash alike."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    mine = _scrypt(pin, bytes.fromhex(salt), int(n), int(r), int(p))
    return hmac.compare_digest(mine, bytes.fromhex(digest))


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 2**20, dklen=32)


def check_pin_text(pin: str) -> str:
    pin = pin.strip()
    if not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 12):
        raise InvalidInput("bad_pin")
    return pin


# --- people -----------------------------------------------------------------------------------


def members(ledger: Ledger) -> list[Member]:
    rows = ledger.conn.execute(
        "SELECT name, role, pin_hash IS NOT NULL FROM staff ORDER BY role = 'helper', name"
    ).fetchall()
    return [Member(r[0], r[1], bool(r[2])) for r in rows]


def owner(ledger: Ledger) -> Member | None:
    return next((m for m in members(ledger) if m.role == OWNER), None)


def has_owner_pin(ledger: Ledger) -> bool:
    return guarded.owner_pin_set(ledger.conn)


def find(ledger: Ledger, name: str) -> Member:
    for m in members(ledger):
        if m.name.casefold() == name.strip().casefold():
            return m
    raise NotFound("no_person", name=name)


def set_owner_pin(
    ledger: Ledger, pin: str, *, current: str | None = None, name: str | None = None, now: datetime
) -> str | None:
    """Set the owner's PIN; changing it needs the current one. Returns the recovery code the
    first time (print it once, keep it away from the booth), else None."""
    new = check_pin_text(pin)
    who = owner(ledger)
    first = who is None or not who.has_pin
    if not first:
        require_owner(ledger, current, now=now)
    label = _name(name) if name else (who.name if who else DEFAULT_OWNER)
    code = recovery_code() if first else None
    with ledger.writing(now) as w:
        w.conn.execute("DELETE FROM staff WHERE role = 'owner'")
        w.conn.execute(
            "INSERT INTO staff (name, role, pin_hash, added_at) VALUES (?, 'owner', ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET role = 'owner', pin_hash = excluded.pin_hash",
            (label, hash_pin(new), utc_stamp(now)),
        )
        if code:
            w.conn.execute(
                "INSERT OR REPLACE INTO local_secrets (key, value) VALUES (?, ?)",
                (RECOVERY_KEY, hash_pin(code)),
            )
        w.append("staff", {"change": "owner_pin", "name": label})
    ledger.person = {"name": label, "role": OWNER}
    return code


def recovery_code() -> str:
    """Twelve digits in three groups: easy to print, read out and type; as long as two PINs."""
    digits = "".join(secrets.choice("0123456789") for _ in range(12))
    return "-".join(digits[i : i + 4] for i in range(0, 12, 4))


def reset_owner_pin(ledger: Ledger, code: str, pin: str, *, now: datetime) -> str:
    """The forgotten-PIN path: the recovery code sets a new PIN and is replaced by a new code."""
    new = check_pin_text(pin)
    row = ledger.conn.execute(
        "SELECT value FROM local_secrets WHERE key = ?", (RECOVERY_KEY,)
    ).fetchone()
    _check_lock(ledger, now)
    if row is None or not pin_matches(code.strip(), row[0]):
        _failed(ledger, now)
    fresh = recovery_code()
    with ledger.writing(now) as w:
        w.conn.execute("UPDATE staff SET pin_hash = ? WHERE role = 'owner'", (hash_pin(new),))
        w.conn.execute(
            "UPDATE local_secrets SET value = ? WHERE key = ?", (hash_pin(fresh), RECOVERY_KEY)
        )
        w.conn.execute("DELETE FROM pin_guard")
        w.append("staff", {"change": "owner_pin_reset"})
    return fresh


def add_helper(ledger: Ledger, name: str, pin: str | None = None, *, now: datetime) -> Member:
    """A helper by name, with or without a PIN of their own; adding people is the owner's."""
    label = _name(name)
    hashed = hash_pin(check_pin_text(pin)) if pin else None
    if any(m.name.casefold() == label.casefold() for m in members(ledger)):
        raise InvalidInput("dup_person", name=label)
    with ledger.writing(now) as w:
        w.conn.execute(
            "INSERT INTO staff (name, role, pin_hash, added_at) VALUES (?, 'helper', ?, ?)",
            (label, hashed, utc_stamp(now)),
        )
        w.append("staff", {"change": "helper_added", "name": label})
    return find(ledger, label)


def _name(text: str) -> str:
    label = " ".join(text.split())
    if not label:
        raise InvalidInput("no_name:a_person_needs_a_name")
    names.check(label, "field.person_name")
    return label


# --- who is at the till -----------------------------------------------------------------------


def at_till(ledger: Ledger, name: str | None = None) -> Person | None:
    """Put someone at the till without a PIN (the CLI's `--as`, the app's start: the owner)."""
    if name:
        ledger.person = find(ledger, name).person()
    else:
        who = owner(ledger)
        ledger.person = who.person() if who else None
    return ledger.person


def switch(ledger: Ledger, name: str, pin: str | None, *, now: datetime) -> Person:
    """Whoever takes the till proves it with their PIN, if they have one."""
    who = find(ledger, name)
    if who.role == OWNER:
        require_owner(ledger, pin, now=now)
    elif who.has_pin:
        row = ledger.conn.execute("SELECT pin_hash FROM staff WHERE name = ?", (who.name,))
        if not pin or not pin_matches(pin, row.fetchone()[0]):
            raise WrongPin("wrong_pin:person", name=who.name)
    ledger.person = who.person()
    return ledger.person


# --- the owner's approval ---------------------------------------------------------------------


def require_owner(ledger: Ledger, pin: str | None, *, now: datetime) -> Person | None:
    """The owner's PIN, checked: None when no owner PIN is set (everyone may, as before).

    A wrong PIN is counted durably before the refusal; the fifth locks owner actions for a
    minute, and while locked even the right PIN is refused.
    """
    row = ledger.conn.execute(
        "SELECT name, pin_hash FROM staff WHERE role = 'owner' AND pin_hash IS NOT NULL"
    ).fetchone()
    if row is None:
        return None
    _check_lock(ledger, now)
    if not pin:
        raise guarded.refuse()
    if not pin_matches(pin.strip(), row[1]):
        _failed(ledger, now)
    with write_txn(ledger.conn) as conn:
        conn.execute("DELETE FROM pin_guard")
    return {"name": row[0], "role": OWNER}


@contextlib.contextmanager
def owner_approval(ledger: Ledger, pin: str | None, *, now: datetime) -> Iterator[Person | None]:
    """Inside, the journal accepts owner-only entries and records who approved them."""
    approver = require_owner(ledger, pin, now=now)
    ledger.approval = approver
    try:
        yield approver
    finally:
        ledger.approval = None


def locked_until(ledger: Ledger) -> datetime | None:
    row = ledger.conn.execute("SELECT locked_until FROM pin_guard WHERE id = 1").fetchone()
    return days.parse_stamp(row[0]) if row and row[0] else None


def _check_lock(ledger: Ledger, now: datetime) -> None:
    until = locked_until(ledger)
    if until and now < until:
        left = int((until - now).total_seconds()) + 1
        raise PinLocked("pin_locked", left=left)


def _failed(ledger: Ledger, now: datetime) -> None:
    """Count the wrong PIN (committed before the refusal), lock at the fifth, then refuse."""
    with ledger.writing(now) as w:
        row = w.conn.execute("SELECT failures FROM pin_guard WHERE id = 1").fetchone()
        failures = (row[0] if row else 0) + 1
        until = utc_stamp(now + LOCK_FOR) if failures >= MAX_FAILURES else None
        w.conn.execute(
            "INSERT OR REPLACE INTO pin_guard (id, failures, locked_until) VALUES (1, ?, ?)",
            (0 if until else failures, until),
        )
        if until:
            w.append("pin_locked", {"until": until, "failures": failures})
    if until:
        _check_lock(ledger, now)
    left = MAX_FAILURES - failures
    raise WrongPin("wrong_pin", left=left)


# --- who did what -----------------------------------------------------------------------------


@dataclass
class PersonDay:
    """One person's day: what they sold, and the voids and refunds they asked for."""

    name: str
    role: str
    sales: int = 0
    sold: int = 0
    voids: int = 0
    voided: int = 0
    refunds: int = 0
    refunded: int = 0
    approved_by: set[str] | None = None


UNKNOWN = "-"
"""Entries written before people were recorded name no one."""


def by_person(ledger: Ledger, day: str) -> list[PersonDay]:
    """Sales, voids and refunds of a day per person, read from the journal (hash-covered)."""
    rows = ledger.conn.execute(
        "SELECT e.kind, json_extract(e.payload, '$.by.name'), json_extract(e.payload, '$.by.role'),"
        " json_extract(e.payload, '$.approved_by.name'),"
        " CASE e.kind WHEN 'void' THEN s.total ELSE json_extract(e.payload, '$.amount') END,"
        " json_extract(e.payload, '$.total')"
        " FROM entries e LEFT JOIN sales s ON s.sale_no = json_extract(e.payload, '$.sale_no')"
        " WHERE e.kind IN ('sale', 'void', 'refund') AND json_extract(e.payload, '$.day') = ?"
        " ORDER BY e.seq",
        (day,),
    ).fetchall()
    people: dict[str, PersonDay] = {}
    for kind, name, role, approver, amount, total in rows:
        p = people.setdefault(name or UNKNOWN, PersonDay(name or UNKNOWN, role or ""))
        if kind == "sale":
            p.sales, p.sold = p.sales + 1, p.sold + int(total)
        elif kind == "void":
            p.voids, p.voided = p.voids + 1, p.voided + int(amount or 0)
        else:
            p.refunds, p.refunded = p.refunds + 1, p.refunded + int(amount or 0)
        if kind != "sale" and approver and approver != p.name:
            p.approved_by = (p.approved_by or set()) | {approver}
    return list(people.values())


def entries_by(ledger: Ledger) -> dict[str, int]:
    """How many journal entries each person wrote (`verify` shows it; "-" before people)."""
    rows = ledger.conn.execute(
        "SELECT coalesce(json_extract(payload, '$.by.name'), ?), COUNT(*) FROM entries"
        " GROUP BY 1 ORDER BY 2 DESC",
        (UNKNOWN,),
    ).fetchall()
    return {str(name): int(n) for name, n in rows}
