"""A struk on the customer's phone: a `wa.me` link that opens WhatsApp with a short receipt.

Customers rarely want paper but do want proof, and vendors want their customers' numbers for
pre-orders. The customer scans a QR of the link and sends the message to the booth: the customer
keeps the receipt in the chat, the vendor gets the contact. It is only a link, so it works with
the booth offline. The text is kept short enough (`MAX_LINK`) that the QR stays at version 10 or
below and scans from a 120x40 terminal; a long sale is summarised instead of listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from bazar_pos import i18n, money
from bazar_pos.booth import days, profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import Sale
from bazar_pos.errors import InvalidInput, NotFound

MAX_LINK = 200  # bytes; QR version 10 (57 modules) at error correction M holds 213
_MOBILE = re.compile(r"8\d{8,11}")  # an Indonesian mobile number after the country code


def normalize(text: str) -> str:
    """`0812-3456-7890`, `+62 812 3456 7890` or `6281234567890` -> `6281234567890`."""
    raw = text.strip()
    digits = re.sub(r"[\s().-]", "", raw)
    for prefix in ("+62", "62", "0"):
        if digits.startswith(prefix) and _MOBILE.fullmatch(digits[len(prefix) :]):
            return "62" + digits[len(prefix) :]
    raise InvalidInput(
        f"Bukan nomor WhatsApp Indonesia: {raw!r} (contoh: 0812-3456-7890, +62812..., 62812...)",
        f"Not an Indonesian WhatsApp number: {raw!r} (e.g. 0812-3456-7890, +62812..., 62812...)",
        code="bad_whatsapp",
    )


def set_number(ledger: Ledger, text: str, *, now: datetime) -> profile.Profile:
    """Store the booth's WhatsApp number, normalised; an empty text removes it."""
    value = normalize(text) if text.strip() else None
    return profile.update_settings(ledger, {"whatsapp": value}, now=now)


def number(ledger: Ledger) -> str:
    value = profile.load(ledger).get("whatsapp")
    if not value:
        raise NotFound(
            "Nomor WhatsApp booth belum diatur: bazar-pos settings booth --whatsapp 08...",
            "The booth's WhatsApp number is not set: bazar-pos settings booth --whatsapp 08...",
            code="no_whatsapp",
        )
    return str(value)


def link(to: str, text: str) -> str:
    """`/ : , ( )` may stand bare in a query: fewer bytes, a smaller QR."""
    return f"https://wa.me/{to}?text={quote(text, safe='/:,()')}"


@dataclass(frozen=True)
class WhatsAppReceipt:
    sale_no: str
    number: str
    text: str
    link: str
    summarised: bool  # the lines did not fit, so the text counts items instead of naming them


def receipt_text(sale: Sale, booth: str, tz: ZoneInfo, *, itemised: bool = True) -> str:
    """The message the customer sends: booth, sale number, time, items (or a count), total."""
    tr = i18n.tr
    when = days.parse_stamp(sale.at).astimezone(tz).strftime("%d/%m/%Y %H:%M")
    head = [tr(f"Halo {booth}, struk saya:", f"Hi {booth}, my receipt:"), f"{sale.sale_no} {when}"]
    if itemised:
        body = [f"{ln.qty}x {ln.name}" for ln in sale.lines]
    else:
        pieces = sum(ln.qty for ln in sale.lines)
        body = [
            tr(f"{len(sale.lines)} produk, {pieces} pcs", f"{len(sale.lines)} items, {pieces} pcs")
        ]
    total = [f"Total {money.fmt(sale.total)} ({sale.payment_label})"]
    if sale.refunded:
        total.append(
            tr(f"Retur {money.fmt(sale.refunded)}", f"Refunded {money.fmt(sale.refunded)}")
        )
    return "\n".join(head + body + total)


def for_sale(ledger: Ledger, sale_no: str) -> WhatsAppReceipt:
    """The link for one sale, itemised when it fits `MAX_LINK`, summarised when it does not."""
    to = number(ledger)
    sale = sales.get(ledger, sale_no)
    if sale.status == "voided":
        raise InvalidInput(
            f"{sale.sale_no} sudah dibatalkan; tidak ada struk",
            f"{sale.sale_no} is voided; there is no receipt",
            code="sale_voided",
        )
    prof = profile.load(ledger)
    booth = prof.name
    for itemised in (True, False):
        text = receipt_text(sale, booth, prof.tz, itemised=itemised)
        url = link(to, text)
        if len(url.encode()) <= MAX_LINK:
            return WhatsAppReceipt(sale.sale_no, to, text, url, not itemised)
    while len(url.encode()) > MAX_LINK and len(booth) > 8:  # a very long booth name
        booth = booth[:-4]
        text = receipt_text(sale, booth, prof.tz, itemised=False)
        url = link(to, text)
    return WhatsAppReceipt(sale.sale_no, to, text, url, True)
