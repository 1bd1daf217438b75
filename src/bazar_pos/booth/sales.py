"""Selling: a cart becomes one sale entry (lines, payments, stock) or nothing at all.

Voids and refunds never touch the sale: they are new entries that reference it, give a reason
and put the stock back, so the day's figures can always be traced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bazar_pos import money
from bazar_pos.booth import days, profile, qris_setting, validate
from bazar_pos.booth.cart import Cart, Quote, price
from bazar_pos.booth.entry import Entry
from bazar_pos.booth.ledger import Ledger, ensure_sound, utc_stamp
from bazar_pos.booth.models import (
    PAYMENT_METHODS,
    CartLine,
    Payment,
    PaymentPart,
    Sale,
    SaleLine,
)
from bazar_pos.errors import InvalidInput, NotFound
from bazar_pos.store import write_txn
from bazar_pos.sync.bundle import PaymentMethod

__all__ = ["Cart", "Quote", "checkout", "quote"]


def quote(ledger: Ledger, cart: Cart) -> Quote:
    return price(ledger.conn, cart)


def split_amounts(total: int, parts: list[PaymentPart]) -> list[int]:
    """Each part's rupiah: the parts must cover the total exactly, one may take what is left;
    cash is one part at most (one drawer, one amount handed over), other methods may repeat."""
    if not parts:
        raise InvalidInput("no_payment")
    if sum(1 for p in parts if p.method == "cash") > 1:
        raise InvalidInput("bad_payment:cash_once")
    if sum(1 for p in parts if p.amount is None) > 1:
        raise InvalidInput("bad_payment")
    fixed = sum(money.parse(p.amount, allow_zero=False) for p in parts if p.amount is not None)
    out = []
    for p in parts:
        if p.method not in PAYMENT_METHODS:
            raise InvalidInput("bad_payment:unknown_payment_method_cash_qris", method=p.method)
        amount = money.parse(p.amount) if p.amount is not None else total - fixed
        if amount < 0 or (p.amount is None and amount == 0 and len(parts) > 1):
            raise InvalidInput("overpaid")
        out.append(amount)
    if sum(out) != total:
        raise InvalidInput("payment_mismatch", out=money.fmt(sum(out)), total=money.fmt(total))
    return out


def _settle(total: int, parts: list[PaymentPart]) -> list[dict[str, Any]]:
    """Payments must cover the total exactly; only cash may be over-tendered (and gives change)."""
    out = []
    for p, amount in zip(parts, split_amounts(total, parts), strict=True):
        entry: dict[str, Any] = {"method": p.method, "amount": amount}
        if p.method == "cash":
            tendered = money.parse(p.tendered) if p.tendered is not None else amount
            if tendered < amount:
                raise InvalidInput(
                    "tendered_short", tendered=money.fmt(tendered), amount=money.fmt(amount)
                )
            entry["tendered"] = tendered
            entry["change"] = tendered - amount
        if p.reference:
            entry["reference"] = p.reference
        out.append(entry)
    if any(e["method"] == "qris" and not e.get("reference") for e in out):
        raise InvalidInput("qris_missing")
    return out


def sale_no_for(prefix: str, day: str, n: int) -> str:
    """`CP07-260320-0001`: the booth, the business day with its year, the day's count.

    The year is in the number because the number is the sale's key: with the month and day
    alone, a laptop selling again on the same date a year later would hand out a number that
    is already taken and could not sell. Sales recorded before keep their `CP07-0320-0001`.
    """
    return f"{prefix}-{day[2:4]}{day[5:7]}{day[8:10]}-{n:04d}"


def bill_number(sale_no: str) -> str:
    """The sale number as a QRIS bill number (tag 62 sub 01), which holds at most 25 characters.

    A long booth code makes the number longer than that: then it goes without its dashes and,
    still too long, loses the head of the booth code, keeping the day and the count that tell
    the day's sales apart in the bank's statement.
    """
    return sale_no if len(sale_no) <= 25 else sale_no.replace("-", "")[-25:]


_NEXT_NO = (
    "SELECT (SELECT state FROM days WHERE day = ?1),"
    " (SELECT MAX(day_no) FROM sales WHERE day = ?1),"
    " (SELECT MAX(day_no) FROM sale_holds WHERE day = ?1),"
    " (SELECT MIN(day_no) FROM sale_holds INDEXED BY sale_holds_given_back"
    "  WHERE day = ?1 AND free),"
    " (SELECT seq FROM entries ORDER BY seq DESC LIMIT 1),"
    " (SELECT hash FROM entries ORDER BY seq DESC LIMIT 1)"
)


def _next_free(conn: Any, day: str) -> tuple[str | None, int, bool, tuple[int, str] | None]:
    """The day's state, its next sale number, whether that number was given back, the head.

    Numbers stay gapless: a held number that was given back is the next one handed out. One
    query, all by index, because it runs inside every sale's write transaction.
    """
    state, top_sale, top_hold, given_back, seq, digest = conn.execute(_NEXT_NO, (day,)).fetchone()
    head = (seq, digest) if seq is not None else None
    if given_back is not None:
        return state, given_back, True, head
    return state, max(top_sale or 0, top_hold or 0) + 1, False, head


@dataclass(frozen=True)
class Hold:
    """A sale number reserved before a payment code carrying it is shown, with the cart's quote.

    `head` is the journal head the quote was priced at: while no entry follows it, the catalog
    (a projection of the journal) is as it was, so checkout records this quote as it stands.
    """

    day: str
    day_no: int
    sale_no: str
    cart: Cart
    quote: Quote
    head: tuple[int, str] | None
    qris: str | None  # the vendor's static code the sale's dynamic code is made from


def hold_number(
    ledger: Ledger, cart: Cart, parts: list[PaymentPart], *, now: datetime
) -> tuple[Hold, list[int]]:
    """Price the cart and reserve the next sale number in one write transaction.

    Refuses, before anything is held, what `selling.check` refuses (the cart, a closed day, no
    QRIS) and a split that cannot add up; returns the hold and each part's rupiah.
    The hold is local bookkeeping, not a journal entry, and not synced to disk on its own: a
    power cut that loses it also ends the screen that showed its code, so durability would buy
    nothing (the sale that uses it is written durably).
    """
    cart = cart.copy()
    with write_txn(ledger.conn, durable=False) as conn:
        prof = profile.load(ledger)  # inside: no read transaction of its own
        day = days.business_day(now, prof.tz)
        state, n, _, head = _next_free(conn, day)
        q = price(conn, cart)
        if state == "closed":
            days.ensure_open(ledger, day)
        qris = qris_setting.static_of(prof) if any(p.method == "qris" for p in parts) else None
        amounts = split_amounts(q.total, parts)
        conn.execute(
            "INSERT INTO sale_holds (day, day_no, held_at, free) VALUES (?, ?, ?, 0)"
            " ON CONFLICT (day, day_no) DO UPDATE SET held_at = excluded.held_at, free = 0",
            (day, n, utc_stamp(now)),
        )
    return Hold(day, n, sale_no_for(prof.prefix, day, n), cart, q, head, qris), amounts


def release_number(ledger: Ledger, hold: Hold) -> None:
    """Give back a held number whose sale was not completed (the customer walked away).

    A number whose sale was recorded is never given back, whoever asks: its hold row stays
    until the day closes (`checkout` leaves it, saving the sale a page), so it must not turn
    free and be handed out twice.
    """
    with write_txn(ledger.conn, durable=False) as conn:
        conn.execute(
            "UPDATE sale_holds SET free = 1 WHERE day = ?1 AND day_no = ?2"
            " AND NOT EXISTS (SELECT 1 FROM sales WHERE day = ?1 AND day_no = ?2)",
            (hold.day, hold.day_no),
        )


_STILL_HELD = (
    "SELECT (SELECT state FROM days WHERE day = ?1),"
    " (SELECT NOT free FROM sale_holds WHERE day = ?1 AND day_no = ?2)"
    " AND NOT EXISTS (SELECT 1 FROM sales WHERE day = ?1 AND day_no = ?2),"
    " (SELECT seq FROM entries ORDER BY seq DESC LIMIT 1),"
    " (SELECT hash FROM entries ORDER BY seq DESC LIMIT 1)"
)


def _still_held(conn: Any, held: Hold) -> tuple[str | None, tuple[int, str] | None]:
    """The held day's state and the journal head, or `hold_lost` when the number is not ours.

    Given back, taken by another sale, dropped by the day's close or already sold: in every
    case the code the customer was shown no longer names a sale this checkout may record.
    """
    state, ours, seq, digest = conn.execute(_STILL_HELD, (held.day, held.day_no)).fetchone()
    if not ours:
        raise InvalidInput("hold_lost", sale_no=held.sale_no)
    return state, (seq, digest) if seq is not None else None


def _check_qris(static: str, pays: list[dict[str, Any]], sale_no: str) -> str | None:
    """A QRIS part must carry exactly the code for this sale's number and that part's amount."""
    qris = None
    for p in pays:
        if p["method"] != "qris":
            continue
        expected = qris_setting.dynamic(static, p["amount"], bill_number(sale_no))
        if p.get("reference") != expected:
            raise InvalidInput("qris_mismatch", sale_no=sale_no, amount=money.fmt(p["amount"]))
        qris = expected
    return qris


def checkout(
    ledger: Ledger,
    cart: Cart | list[CartLine],
    payments: list[PaymentPart],
    *,
    held: Hold | None = None,
    now: datetime,
) -> Sale:
    """A sale is recorded whole or not at all; stock never silently goes negative.

    `held` is the number `hold_number` reserved for this sale (the sale keeps that number and its
    business day); a QRIS part must be the code made for that number and its amount, so the code
    the customer paid names the sale on record.
    """
    ensure_sound(ledger)
    if isinstance(cart, list):
        cart = Cart(cart)
    with ledger.writing(now) as w:
        prof = None
        if held is None:
            prof = profile.load(ledger)  # inside: no read transaction of its own
            day = days.business_day(now, prof.tz)
            state, day_no, given_back, head = _next_free(w.conn, day)
            if given_back:
                w.conn.execute("DELETE FROM sale_holds WHERE day = ? AND day_no = ?", (day, day_no))
        else:
            day, day_no = held.day, held.day_no
            state, head = _still_held(w.conn, held)
        w.start_at(head)
        if state == "closed":
            days.ensure_open(ledger, day)
        if held is not None and held.head == head and held.cart == cart:
            # Nothing journaled since the hold: the catalog and the profile (projections of
            # the journal) are as they were, so its figures, number and code stand as made.
            q, sale_no, static = held.quote, held.sale_no, held.qris
        else:
            prof = prof or profile.load(ledger)
            q, sale_no = price(w.conn, cart), sale_no_for(prof.prefix, day, day_no)
            paid_by_qris = any(p.method == "qris" for p in payments)
            static = qris_setting.static_of(prof) if paid_by_qris else None
        pays = _settle(q.total, payments)
        qris = None
        if any(p["method"] == "qris" for p in pays):
            qris = _check_qris(str(static), pays, sale_no)
        payload: dict[str, Any] = {
            "sale_no": sale_no,
            "day": day,
            "day_no": day_no,
            "lines": q.lines,
            "subtotal": q.subtotal,
            "line_discounts": q.line_discounts,
            "discount": q.discount,
            "total": q.total,
            "payments": pays,
            "paid": sum(p.get("tendered", p["amount"]) for p in pays),
            "change": sum(p.get("change", 0) for p in pays),
        }
        if qris:
            payload["qris"] = qris
        entry = w.append("sale", payload)
    return _sale_from_entry(payload, entry)


def _sale_from_entry(s: dict[str, Any], entry: Entry) -> Sale:
    """The just-written sale, without reading it back (the sale path is timed against a floor)."""
    return Sale(
        sale_no=s["sale_no"],
        day=s["day"],
        at=entry.at,
        lines=tuple(
            SaleLine(
                i,
                ln["sku"],
                ln["name"],
                ln["qty"],
                ln["unit_price"],
                ln["discount"],
                ln["amount"],
                ln["net"],
            )
            for i, ln in enumerate(s["lines"], start=1)
        ),
        subtotal=s["subtotal"],
        line_discounts=s["line_discounts"],
        discount=s["discount"],
        total=s["total"],
        paid=s["paid"],
        change=s["change"],
        payments=tuple(
            Payment(
                p["method"], p["amount"], p.get("tendered"), p.get("change", 0), p.get("reference")
            )
            for p in s["payments"]
        ),
        qris=s.get("qris"),
        hash=entry.hash,
        seq=entry.seq,
    )


def _unknown_sale(sale_no: str) -> NotFound:
    return NotFound("unknown_sale", sale_no=sale_no)


def get(ledger: Ledger, sale_no: str) -> Sale:
    key = sale_no.strip().upper()
    row = ledger.one("SELECT * FROM sales WHERE sale_no = ?", (key,))
    if row is None:
        raise _unknown_sale(sale_no)
    lines = tuple(
        SaleLine(**{k: r[k] for k in SaleLine.__dataclass_fields__})
        for r in ledger.query("SELECT * FROM sale_lines WHERE sale_no = ? ORDER BY line_no", (key,))
    )
    pays = tuple(
        Payment(r["method"], r["amount"], r["tendered"], r["change"], r["reference"])
        for r in ledger.query("SELECT * FROM payments WHERE sale_no = ? ORDER BY idx", (key,))
    )
    return Sale(
        sale_no=row["sale_no"],
        day=row["day"],
        at=row["at"],
        lines=lines,
        subtotal=row["subtotal"],
        line_discounts=row["line_discounts"],
        discount=row["discount"],
        total=row["total"],
        paid=row["paid"],
        change=row["change"],
        payments=pays,
        status=row["status"],
        refunded=row["refunded"],
        void_reason=row["void_reason"],
        qris=row["qris"],
        hash=row["hash"],
        seq=row["seq"],
    )


def list_sales(ledger: Ledger, day: str) -> list[dict[str, Any]]:
    """A light listing for history screens: one row per sale, oldest first."""
    return ledger.query(
        "SELECT s.sale_no, s.at, s.total, s.status, s.refunded,"
        " (SELECT group_concat(method, '+') FROM payments p WHERE p.sale_no = s.sale_no) AS payment,"
        " (SELECT json_extract(e.payload, '$.by.name') FROM entries e WHERE e.seq = s.seq) AS by"
        " FROM sales s WHERE day = ? ORDER BY day_no",
        (day,),
    )


def _status(ledger: Ledger, sale_no: str) -> str:
    row = ledger.conn.execute("SELECT status FROM sales WHERE sale_no = ?", (sale_no,)).fetchone()
    return str(row[0])


def void(ledger: Ledger, sale_no: str, *, reason: str, now: datetime) -> Sale:
    """Cancel a whole sale of an open day; all its stock comes back."""
    why = validate.reason(reason)
    sale = get(ledger, sale_no)
    with ledger.writing(now) as w:
        status = _status(ledger, sale.sale_no)
        if status == "voided":
            raise InvalidInput("already_voided", sale_no=sale.sale_no)
        if status == "refunded":
            raise InvalidInput("has_refunds", sale_no=sale.sale_no)
        days.ensure_open(ledger, sale.day)
        restock = [{"sku": ln.sku, "qty": ln.qty} for ln in sale.lines]
        w.append(
            "void", {"sale_no": sale.sale_no, "day": sale.day, "reason": why, "restock": restock}
        )
    return get(ledger, sale.sale_no)


def refund(
    ledger: Ledger,
    sale_no: str,
    items: dict[str, int | str] | None = None,
    *,
    reason: str,
    method: str | None = None,
    restock: bool = True,
    now: datetime,
) -> Sale:
    """Give money back for some pieces (or all that remain); counted on the day it happens.

    Each line refunds its share of what was actually paid (`net`), so refunding every piece of a
    sale returns exactly its total, whatever discounts it had.
    """
    why = validate.reason(reason)
    sale = get(ledger, sale_no)
    prof = profile.load(ledger)
    today = days.business_day(now, prof.tz)
    with ledger.writing(now) as w:
        if _status(ledger, sale.sale_no) == "voided":
            raise InvalidInput("already_voided", sale_no=sale.sale_no)
        days.ensure_open(ledger, today)
        sale = get(ledger, sale.sale_no)
        lines = _refund_lines(sale, _refund_quantities(sale, items), restock)
        pay_method = method or ways_back(sale)[0]
        if pay_method not in PAYMENT_METHODS:
            raise InvalidInput("bad_payment:unknown_payment_method", pay_method=pay_method)
        w.append(
            "refund",
            {
                "sale_no": sale.sale_no,
                "day": today,
                "lines": lines,
                "amount": sum(x["amount"] for x in lines),
                "method": pay_method,
                "reason": why,
            },
        )
    return get(ledger, sale.sale_no)


def ways_back(sale: Sale) -> list[str]:
    """How a refund's money may go back, the default first: the way the sale was first paid,
    then its other methods, cash and transfer (a QRIS sale is most often paid back in cash)."""
    paid = [p.method for p in sale.payments]
    return list(dict.fromkeys([*paid, PaymentMethod.CASH, PaymentMethod.TRANSFER]))


def refund_amount(sale: Sale, items: dict[str, int | str] | None) -> int:
    """What `refund` would give back for these pieces, shown before the vendor confirms."""
    return sum(x["amount"] for x in _refund_lines(sale, _refund_quantities(sale, items), True))


def _refund_lines(sale: Sale, wanted: dict[int, int], restock: bool) -> list[dict[str, Any]]:
    """Each line refunds its share of what was paid for it (`net`), rounding so that all its
    pieces together give back exactly the line's net."""
    lines = []
    for ln in sale.lines:
        qty = wanted.get(ln.line_no, 0)
        if not qty:
            continue
        done = ln.refunded_qty
        amount = ln.net * (done + qty) // ln.qty - ln.net * done // ln.qty
        lines.append(
            {"line_no": ln.line_no, "sku": ln.sku, "qty": qty, "amount": amount, "restock": restock}
        )
    return lines


def _refund_quantities(sale: Sale, items: dict[str, int | str] | None) -> dict[int, int]:
    """Map SKU quantities onto sale lines, refusing more than is left to refund."""
    remaining = {ln.line_no: ln.qty - ln.refunded_qty for ln in sale.lines}
    if items is None:
        wanted = {k: v for k, v in remaining.items() if v > 0}
        if not wanted:
            raise InvalidInput("nothing_to_refund", sale_no=sale.sale_no)
        return wanted
    out: dict[int, int] = {}
    for raw_sku, raw_qty in items.items():
        sku = validate.sku(raw_sku)
        qty = validate.qty(raw_qty)
        for ln in sale.lines:
            if ln.sku != sku or qty == 0:
                continue
            take = min(qty, remaining[ln.line_no] - out.get(ln.line_no, 0))
            if take > 0:
                out[ln.line_no] = out.get(ln.line_no, 0) + take
                qty -= take
        if qty:
            raise InvalidInput("refund_too_many", sku=sku, sale_no=sale.sale_no)
    return out
