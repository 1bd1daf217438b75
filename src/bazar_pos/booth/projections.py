"""What each journal entry means for the current-state tables.

The one place the journal is interpreted: live writes and `verify`'s replay both call `apply`,
so a projection can never drift from the journal without `verify` noticing. Appliers trust their
payload (services validated it before appending) and depend on nothing but it and the entry.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from bazar_pos import canonical
from bazar_pos.booth.entry import Entry

Applier = Callable[[sqlite3.Connection, Entry], None]
PEOPLE_KEYS = frozenset({"by", "approved_by"})
"""Who did it and who approved: part of every entry, never a setting."""
_APPLIERS: dict[str, Applier] = {}


def applier(kind: str) -> Callable[[Applier], Applier]:
    def register(fn: Applier) -> Applier:
        _APPLIERS[kind] = fn
        return fn

    return register


def apply(conn: sqlite3.Connection, entry: Entry) -> None:
    _APPLIERS[entry.kind](conn, entry)


@applier("profile")
def _profile(conn: sqlite3.Connection, e: Entry) -> None:
    conn.executemany(
        "INSERT INTO profile (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [(k, canonical.dumps(v)) for k, v in e.payload.items() if k not in PEOPLE_KEYS],
    )


@applier("staff")
@applier("pin_locked")
def _people(conn: sqlite3.Connection, e: Entry) -> None:
    """Staff changes and lockouts are on record; the PINs themselves stay in the local table."""


@applier("product_add")
def _product_add(conn: sqlite3.Connection, e: Entry) -> None:
    p = e.payload
    conn.execute(
        "INSERT INTO products (sku, name, price, category, active, allow_negative, low_threshold,"
        " stock, opening, cost) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
        (
            p["sku"],
            p["name"],
            p["price"],
            p.get("category", ""),
            int(p.get("allow_negative", False)),
            p.get("low_threshold", 5),
            p.get("stock", 0),
            p.get("stock", 0),
            p.get("cost"),
        ),
    )
    if p.get("stock"):
        _move(conn, e.seq, 0, p["sku"], p["stock"], "opening", None)


_EDITABLE = ("name", "price", "category", "active", "allow_negative", "low_threshold", "cost")


@applier("product_edit")
def _product_edit(conn: sqlite3.Connection, e: Entry) -> None:
    fields = {k: e.payload[k] for k in _EDITABLE if k in e.payload}
    for key in ("active", "allow_negative"):
        if key in fields:
            fields[key] = int(fields[key])
    sets = ", ".join(f"{k} = ?" for k in fields)
    conn.execute(f"UPDATE products SET {sets} WHERE sku = ?", (*fields.values(), e.payload["sku"]))


@applier("stock_in")
@applier("stock_adjust")
@applier("stock_count")
def _stock(conn: sqlite3.Connection, e: Entry) -> None:
    p = e.payload
    _move(conn, e.seq, 0, p["sku"], p["delta"], e.kind, p.get("reason"))
    conn.execute("UPDATE products SET stock = stock + ? WHERE sku = ?", (p["delta"], p["sku"]))


@applier("sale")
def _sale(conn: sqlite3.Connection, e: Entry) -> None:
    s = e.payload
    conn.execute(
        "INSERT INTO sales (sale_no, day, day_no, seq, at, subtotal, line_discounts, discount,"
        " total, paid, change, status, qris, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,'completed',?,?)",
        (
            s["sale_no"],
            s["day"],
            s["day_no"],
            e.seq,
            e.at,
            s["subtotal"],
            s["line_discounts"],
            s["discount"],
            s["total"],
            s["paid"],
            s["change"],
            s.get("qris"),
            e.hash,
        ),
    )
    conn.executemany(
        "INSERT INTO sale_lines (sale_no, line_no, sku, name, qty, unit_price, discount, amount,"
        " net, unit_cost) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                s["sale_no"],
                i,
                ln["sku"],
                ln["name"],
                ln["qty"],
                ln["unit_price"],
                ln["discount"],
                ln["amount"],
                ln["net"],
                ln.get("unit_cost"),
            )
            for i, ln in enumerate(s["lines"], start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO payments (sale_no, idx, method, amount, tendered, change, reference)"
        " VALUES (?,?,?,?,?,?,?)",
        [
            (
                s["sale_no"],
                i,
                pm["method"],
                pm["amount"],
                pm.get("tendered"),
                pm.get("change", 0),
                pm.get("reference"),
            )
            for i, pm in enumerate(s["payments"], start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO stock_moves (seq, idx, sku, delta, kind, ref) VALUES (?,?,?,?,'sale',?)",
        [(e.seq, i, ln["sku"], -ln["qty"], s["sale_no"]) for i, ln in enumerate(s["lines"], 1)],
    )
    conn.executemany(
        "UPDATE products SET stock = stock - ? WHERE sku = ?",
        [(ln["qty"], ln["sku"]) for ln in s["lines"]],
    )


@applier("void")
def _void(conn: sqlite3.Connection, e: Entry) -> None:
    p = e.payload
    sale_no = p["sale_no"]
    conn.execute(
        "UPDATE sales SET status = 'voided', void_reason = ? WHERE sale_no = ?",
        (p["reason"], sale_no),
    )
    for i, ln in enumerate(p["restock"], start=1):
        _move(conn, e.seq, i, ln["sku"], ln["qty"], "void", sale_no)
        conn.execute("UPDATE products SET stock = stock + ? WHERE sku = ?", (ln["qty"], ln["sku"]))


@applier("refund")
def _refund(conn: sqlite3.Connection, e: Entry) -> None:
    p = e.payload
    sale_no = p["sale_no"]
    conn.execute(
        "INSERT INTO refunds (seq, sale_no, day, amount, method, reason) VALUES (?,?,?,?,?,?)",
        (e.seq, sale_no, p["day"], p["amount"], p["method"], p["reason"]),
    )
    conn.execute(
        "UPDATE sales SET status = 'refunded', refunded = refunded + ? WHERE sale_no = ?",
        (p["amount"], sale_no),
    )
    for i, ln in enumerate(p["lines"], start=1):
        conn.execute(
            "UPDATE sale_lines SET refunded_qty = refunded_qty + ?,"
            " refunded_amount = refunded_amount + ? WHERE sale_no = ? AND line_no = ?",
            (ln["qty"], ln["amount"], sale_no, ln["line_no"]),
        )
        if ln.get("restock", True):
            _move(conn, e.seq, i, ln["sku"], ln["qty"], "refund", sale_no)
            conn.execute(
                "UPDATE products SET stock = stock + ? WHERE sku = ?", (ln["qty"], ln["sku"])
            )


@applier("cash_in")
@applier("cash_out")
def _cash(conn: sqlite3.Connection, e: Entry) -> None:
    p = e.payload
    conn.execute(
        "INSERT INTO cash_moves (seq, day, kind, amount, reason) VALUES (?,?,?,?,?)",
        (e.seq, p["day"], e.kind, p["amount"], p.get("reason", "")),
    )


@applier("day_close")
def _day_close(conn: sqlite3.Connection, e: Entry) -> None:
    p = e.payload
    conn.execute(
        "INSERT INTO days (day, state, revision, close_seq, summary) VALUES (?, 'closed', ?, ?, ?)"
        " ON CONFLICT(day) DO UPDATE SET state = 'closed', revision = excluded.revision,"
        " close_seq = excluded.close_seq, summary = excluded.summary",
        (p["day"], p["revision"], e.seq, canonical.dumps(p)),
    )


@applier("day_reopen")
def _day_reopen(conn: sqlite3.Connection, e: Entry) -> None:
    conn.execute("UPDATE days SET state = 'open' WHERE day = ?", (e.payload["day"],))


@applier("qris_reconcile")
def _qris_reconcile(conn: sqlite3.Connection, e: Entry) -> None:
    p = e.payload
    conn.execute(
        "INSERT INTO qris_checks (seq, day, matched, missing, extra, result) VALUES (?,?,?,?,?,?)",
        (
            e.seq,
            p["day"],
            len(p["matched"]),
            len(p["missing"]),
            len(p["extra"]),
            canonical.dumps(p),
        ),
    )


def _move(
    conn: sqlite3.Connection, seq: int, idx: int, sku: str, delta: int, kind: str, ref: Any
) -> None:
    conn.execute(
        "INSERT INTO stock_moves (seq, idx, sku, delta, kind, ref) VALUES (?,?,?,?,?,?)",
        (seq, idx, sku, delta, kind, ref),
    )
