"""The booth's settings as one typed, checked value: the CLI and the TUI refuse the same things.

Settings are journaled in the profile (`profile.update_settings`); this module is the one gate
they pass, so `settings receipt --printer bogus` and the Pengaturan screen give the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from bazar_pos.booth import profile
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import Paper
from bazar_pos.errors import InvalidInput

PAPERS = tuple(p.value for p in Paper)
PRINTER_KINDS = ("usb", "serial", "net", "file")
LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Settings:
    receipt_footer: str | None = None
    receipt_paper: str = "58"
    printer: str | None = None  # usb:VID:PID, serial:/dev/ttyUSB0, net:HOST[:PORT], file:PATH
    receipt_dir: str | None = None
    hub_url: str | None = None
    language: str | None = None
    whatsapp_after_sale: bool = False  # Kasir shows the struk's WhatsApp QR after every sale


_KEYS = tuple(f.name for f in fields(Settings))


def paper(value: str) -> str:
    key = str(value).strip().lower().removesuffix("mm").strip()
    if key not in PAPERS:
        raise InvalidInput("bad_paper", value=value)
    return key


def _net_target(rest: str) -> bool:
    host, sep, port = rest.partition(":")
    if not host or any(c.isspace() for c in host):
        return False
    return not sep or (port.isascii() and port.isdigit() and 0 < int(port) < 65536)


# What follows the kind: hex vendor and product ids; a host and a port a socket can take; a path.
_PRINTER_TARGET: dict[str, Callable[[str], object]] = {
    "usb": re.compile(r"[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}").fullmatch,
    "net": _net_target,
    "serial": str.strip,
    "file": str.strip,
}


def printer(value: str | None) -> str | None:
    """A printer spec checked when it is set, not first at the next sale's receipt."""
    spec = (value or "").strip()
    kind, _, rest = spec.partition(":")
    if spec and (kind not in PRINTER_KINDS or not _PRINTER_TARGET[kind](rest)):
        raise InvalidInput("bad_printer", spec=spec)
    return spec or None


def hub_url(value: str | None) -> str | None:
    url = (value or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise InvalidInput("bad_url", url=url)
    return url or None


def language(value: str | None) -> str | None:
    if value and value not in LANGUAGES:
        raise InvalidInput("bad_language", value=value)
    return value or None


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput("bad_setting:yes_or_no")
    return value


_CHECKS: dict[str, Any] = {
    "whatsapp_after_sale": flag,
    "receipt_paper": paper,
    "printer": printer,
    "hub_url": hub_url,
    "language": language,
}


def check(values: dict[str, Any]) -> dict[str, Any]:
    """The values, normalized; the first bad one raises and nothing is written."""
    unknown = set(values) - set(_KEYS)
    if unknown:
        raise ValueError(f"not a setting: {sorted(unknown)}")
    return {k: _CHECKS[k](v) if k in _CHECKS and v is not None else v for k, v in values.items()}


def load(ledger: Ledger) -> Settings:
    prof = profile.load(ledger)
    return Settings(**{k: prof.get(k) for k in _KEYS if prof.get(k) is not None})


def update(ledger: Ledger, values: dict[str, Any], *, now: datetime) -> Settings:
    """Check, then journal only what changed."""
    wanted = check(values)
    prof = profile.load(ledger)
    changed = {k: v for k, v in wanted.items() if prof.get(k) != v}
    if changed:
        profile.update_settings(ledger, changed, now=now)
    return load(ledger)
