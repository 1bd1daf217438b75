"""Selling: a cart becomes one sale entry (lines, payments, stock) or nothing at all.

Voids and refunds never touch the sale: they are new entries that reference it, give a reason
and put the stock back, so the day's figures can always be traced.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bazar_pos import money
from bazar_pos.booth import catalog, days, profile, validate
from bazar_pos.booth.ledger import Entry, Ledger, ensure_sound
from bazar_pos.booth.models import (
    PAYMENT_METHODS,
    CartLine,
    Payment,
    PaymentPart,
    Sale,
    SaleLine,
)
from bazar_pos.errors import InvalidInput, NotFound


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    discount: int = 0


def _line_discount_error(sku: str) -> InvalidInput:
    return InvalidInput(
        f"Diskon {sku} melebihi harga baris",
        f"The discount on {sku} exceeds the line",
        code="bad_discount",
    )


def _price_lines(conn: Any, cart: Cart) -> list[dict[str, Any]]:
    if not cart.lines:
        raise InvalidInput("Keranjang kosong", "The cart is empty", code="empty_cart")
    skus = [validate.sku(ln.sku) for ln in cart.lines]
    marks = ",".join("?" * len(set(skus)))
    rows = {
        r[0]: r
        for r in conn.execute(
            f"SELECT sku, name, price, stock, active, allow_negative FROM products"
            f" WHERE sku IN ({marks})",
            tuple(set(skus)),
        )
    }
    wanted: Counter[str] = Counter()
    out = []
    for sku, ln in zip(skus, cart.lines, strict=True):
        row = rows.get(sku)
        if row is None:
            raise catalog.unknown_product(sku)
        if not row[4]:
            raise InvalidInput(
                f"Produk {sku} sudah tidak dijual",
                f"Product {sku} is no longer sold",
                code="inactive",
            )
        qty = validate.qty(ln.qty)
        discount = money.parse(ln.discount)
        if discount > qty * row[2]:
            raise _line_discount_error(sku)
        wanted[sku] += qty
        out.append(
            {
                "sku": sku,
                "name": row[1],
                "qty": qty,
                "unit_price": row[2],
                "discount": discount,
                "amount": qty * row[2] - discount,
            }
        )
    for sku, qty in wanted.items():
        _, name, _, stock, _, allow_negative = rows[sku]
        if qty > stock and not allow_negative:
            raise InvalidInput(
                f"Stok {name} tidak cukup: sisa {stock}, diminta {qty}",
                f"Not enough stock of {name}: {stock} left, {qty} asked",
                code="insufficient_stock",
            )
    return out


@dataclass(frozen=True)
class Quote:
    """What the cart costs right now; the cashier shows it before payment."""

    lines: list[dict[str, Any]]
    subtotal: int
    line_discounts: int
    discount: int
    total: int


def quote(ledger: Ledger, cart: Cart) -> Quote:
    lines = _price_lines(ledger.conn, cart)
    return _totals(lines, cart.discount)


def _totals(lines: list[dict[str, Any]], discount: int | str) -> Quote:
    subtotal = sum(ln["qty"] * ln["unit_price"] for ln in lines)
    line_discounts = sum(ln["discount"] for ln in lines)
    sale_discount = money.parse(discount)
    if sale_discount > subtotal - line_discounts:
        raise InvalidInput(
            "Diskon melebihi total belanja",
            "The discount exceeds the sale total",
            code="bad_discount",
        )
    total = subtotal - line_discounts - sale_discount
    shares = money.allocate(sale_discount, [ln["amount"] for ln in lines])
    for ln, share in zip(lines, shares, strict=True):
        ln["net"] = ln["amount"] - share
    return Quote(lines, subtotal, line_discounts, sale_discount, total)


def _settle(total: int, parts: list[PaymentPart]) -> list[dict[str, Any]]:
    """Payments must cover the total exactly; only cash may be over-tendered (and gives change)."""
    if not parts:
        raise InvalidInput("Cara bayar belum dipilih", "No payment method given", code="no_payment")
    if sum(1 for p in parts if p.amount is None) > 1:
        raise InvalidInput(
            "Hanya satu pembayaran boleh tanpa jumlah",
            "Only one payment may leave its amount open",
            code="bad_payment",
        )
    fixed = sum(money.parse(p.amount, allow_zero=False) for p in parts if p.amount is not None)
    out = []
    for p in parts:
        if p.method not in PAYMENT_METHODS:
            raise InvalidInput(
                f"Cara bayar tidak dikenal: {p.method} (cash, qris, transfer, other)",
                f"Unknown payment method: {p.method} (cash, qris, transfer, other)",
                code="bad_payment",
            )
        amount = money.parse(p.amount) if p.amount is not None else total - fixed
        if amount < 0 or (p.amount is None and amount == 0 and len(parts) > 1):
            raise InvalidInput(
                "Jumlah pembayaran melebihi total", "Payments exceed the total", code="overpaid"
            )
        entry: dict[str, Any] = {"method": p.method, "amount": amount}
        if p.method == "cash":
            tendered = money.parse(p.tendered) if p.tendered is not None else amount
            if tendered < amount:
                raise InvalidInput(
                    f"Uang diterima {money.fmt(tendered)} kurang dari {money.fmt(amount)}",
                    f"Cash tendered {money.fmt(tendered)} is less than {money.fmt(amount)}",
                    code="tendered_short",
                )
            entry["tendered"] = tendered
            entry["change"] = tendered - amount
        if p.reference:
            entry["reference"] = p.reference
        out.append(entry)
    paid = sum(e["amount"] for e in out)
    if paid != total:
        raise InvalidInput(
            f"Pembayaran {money.fmt(paid)} tidak sama dengan total {money.fmt(total)}",
            f"Payments {money.fmt(paid)} do not equal the total {money.fmt(total)}",
            code="payment_mismatch",
        )
    if any(e["method"] == "qris" and not e.get("reference") for e in out):
        raise InvalidInput(
            "Pembayaran QRIS harus menyimpan kode QRIS yang ditampilkan",
            "A QRIS payment must carry the QRIS code that was shown",
            code="qris_missing",
        )
    return out


def sale_no_for(prefix: str, day: str, n: int) -> str:
    return f"{prefix}-{day[5:7]}{day[8:10]}-{n:04d}"


def next_sale_no(ledger: Ledger, *, now: datetime) -> str:
    """The number the next sale will most likely get (for a QRIS bill number shown in advance)."""
    prof = profile.load(ledger)
    day = days.business_day(now, prof.tz)
    row = ledger.conn.execute("SELECT MAX(day_no) FROM sales WHERE day = ?", (day,)).fetchone()
    return sale_no_for(prof.prefix, day, (row[0] or 0) + 1)


def checkout(
    ledger: Ledger,
    cart: Cart | list[CartLine],
    payments: list[PaymentPart],
    *,
    now: datetime,
) -> Sale:
    """A sale is recorded whole or not at all; stock never silently goes negative."""
    ensure_sound(ledger)
    if isinstance(cart, list):
        cart = Cart(cart)
    prof = profile.load(ledger)
    day = days.business_day(now, prof.tz)
    with ledger.writing(now) as w:
        state, last = w.conn.execute(
            "SELECT (SELECT state FROM days WHERE day = ?), "
            "(SELECT MAX(day_no) FROM sales WHERE day = ?)",
            (day, day),
        ).fetchone()
        if state == "closed":
            days.ensure_open(ledger, day)
        q = _totals(_price_lines(w.conn, cart), cart.discount)
        pays = _settle(q.total, payments)
        day_no = (last or 0) + 1
        sale_no = sale_no_for(prof.prefix, day, day_no)
        qris = next((p["reference"] for p in pays if p["method"] == "qris"), None)
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
    return NotFound(
        f"Nomor penjualan tidak dikenal: {sale_no}",
        f"Unknown sale number: {sale_no}",
        code="unknown_sale",
    )


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
        " (SELECT group_concat(method, '+') FROM payments p WHERE p.sale_no = s.sale_no) AS payment"
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
            raise InvalidInput(
                f"Penjualan {sale.sale_no} sudah dibatalkan",
                f"Sale {sale.sale_no} is already voided",
                code="already_voided",
            )
        if status == "refunded":
            raise InvalidInput(
                f"Penjualan {sale.sale_no} sudah ada retur; retur sisanya dengan 'refund'",
                f"Sale {sale.sale_no} has refunds; refund the rest with 'refund'",
                code="has_refunds",
            )
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
            raise InvalidInput(
                f"Penjualan {sale.sale_no} sudah dibatalkan",
                f"Sale {sale.sale_no} is already voided",
                code="already_voided",
            )
        days.ensure_open(ledger, today)
        sale = get(ledger, sale.sale_no)
        wanted = _refund_quantities(sale, items)
        lines = []
        for ln in sale.lines:
            qty = wanted.get(ln.line_no, 0)
            if not qty:
                continue
            done = ln.refunded_qty
            amount = ln.net * (done + qty) // ln.qty - ln.net * done // ln.qty
            lines.append(
                {
                    "line_no": ln.line_no,
                    "sku": ln.sku,
                    "qty": qty,
                    "amount": amount,
                    "restock": restock,
                }
            )
        pay_method = method or sale.payments[0].method
        if pay_method not in PAYMENT_METHODS:
            raise InvalidInput(
                f"Cara bayar tidak dikenal: {pay_method}",
                f"Unknown payment method: {pay_method}",
                code="bad_payment",
            )
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


def _refund_quantities(sale: Sale, items: dict[str, int | str] | None) -> dict[int, int]:
    """Map SKU quantities onto sale lines, refusing more than is left to refund."""
    remaining = {ln.line_no: ln.qty - ln.refunded_qty for ln in sale.lines}
    if items is None:
        wanted = {k: v for k, v in remaining.items() if v > 0}
        if not wanted:
            raise InvalidInput(
                f"Semua barang {sale.sale_no} sudah diretur",
                f"Everything in {sale.sale_no} is already refunded",
                code="nothing_to_refund",
            )
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
            raise InvalidInput(
                f"{sku}: retur melebihi jumlah yang dibeli di {sale.sale_no}",
                f"{sku}: refund exceeds what was bought in {sale.sale_no}",
                code="refund_too_many",
            )
    return out
