"""A struk on the customer's phone: a `wa.me` link that opens WhatsApp with a short receipt.

Customers rarely want paper but do want proof, and vendors want their customers' numbers for
pre-orders. The customer scans a QR of the link and sends the message to the booth: the customer
keeps the receipt in the chat, the vendor gets the contact. It is only a link, so it works with
the booth offline. The text is kept short enough (`MAX_LINK`) that the QR stays at version 10 or
below and scans from a 120x40 terminal; a long sale is summarised instead of listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from bazar_pos import money
from bazar_pos.booth import days, profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import Sale, payment_words
from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.i18n import t

MAX_LINK = 200  # bytes; QR version 10 (57 modules) at error correction M holds 213
_MOBILE = re.compile(r"8\d{8,11}")  # an Indonesian mobile number after the country code


def normalize(text: str) -> str:
    """`0812-3456-7890`, `+62 812 3456 7890` or `6281234567890` -> `6281234567890`."""
    raw = text.strip()
    digits = re.sub(r"[\s().-]", "", raw)
    for prefix in ("+62", "62", "0"):
        if digits.startswith(prefix) and _MOBILE.fullmatch(digits[len(prefix) :]):
            return "62" + digits[len(prefix) :]
    raise InvalidInput("bad_whatsapp", raw=raw)


def set_number(ledger: Ledger, text: str, *, now: datetime) -> profile.Profile:
    """Store the booth's WhatsApp number, normalised; an empty text removes it."""
    value = normalize(text) if text.strip() else None
    return profile.update_settings(ledger, {"whatsapp": value}, now=now)


def number(ledger: Ledger) -> str:
    value = profile.load(ledger).get("whatsapp")
    if not value:
        raise NotFound("no_whatsapp")
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
    when = days.parse_stamp(sale.at).astimezone(tz).strftime("%d/%m/%Y %H:%M")
    head = [t("whatsapp.hi_my_receipt", booth=booth), f"{sale.sale_no} {when}"]
    if itemised:
        body = [f"{ln.qty}x {ln.name}" for ln in sale.lines]
    else:
        pieces = sum(ln.qty for ln in sale.lines)
        words = "whatsapp.items_pcs" if len(sale.lines) != 1 else "whatsapp.item_pcs"
        body = [t(words, lines=len(sale.lines), pieces=pieces)]
    total = [f"Total {money.fmt(sale.total)} ({payment_words(sale.payment_methods)})"]
    if sale.refunded:
        total.append(t("whatsapp.refunded", refunded=money.fmt(sale.refunded)))
    return "\n".join(head + body + total)


def for_sale(ledger: Ledger, sale_no: str) -> WhatsAppReceipt:
    """The link for one sale, itemised when it fits `MAX_LINK`, summarised when it does not."""
    to = number(ledger)
    sale = sales.get(ledger, sale_no)
    if sale.status == "voided":
        raise InvalidInput("sale_voided", sale_no=sale.sale_no)
    prof = profile.load(ledger)
    booth = prof.name
    for itemised in (True, False):
        text = receipt_text(sale, booth, prof.tz, itemised=itemised)
        url = link(to, text)
        if len(url.encode()) <= MAX_LINK:
            return WhatsAppReceipt(sale.sale_no, to, text, url, not itemised)
    for shorter in _shortened(booth):  # a very long booth name
        text = receipt_text(sale, shorter, prof.tz, itemised=False)
        url = link(to, text)
        if len(url.encode()) <= MAX_LINK:
            break
    return WhatsAppReceipt(sale.sale_no, to, text, url, True)


def _shortened(name: str) -> Iterator[str]:
    """Ever shorter forms of a booth name, longest first, each ending in an ellipsis: cut after a
    whole word while one is left (`Dapur Bu Sari…`, never `Dapur Bu Sar`), inside a lone word
    only when there is no other way."""
    last = ""
    for end in range(len(name) - 1, 7, -1):
        cut = name[:end].rstrip()
        if name[end] != " " and " " in cut:
            cut = cut[: cut.rfind(" ")].rstrip()
        if cut != last:
            last = cut
            yield cut + "…"
