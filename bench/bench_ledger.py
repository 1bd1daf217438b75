"""Sale commit through the cart and the selling service vs bare sqlite3 inserts; search per key.

The floor writes a sale the plainest way (4 tables, 8 inserts, one durable transaction), timed
round by round beside ours so a shared, busy disk slows both alike. Ours
prices a `Cart` against the catalog, settles the payments, appends the hash-chained journal entry
and its projections in one durable transaction; the QRIS sale first prices the cart and holds its
number in one more (not synced) transaction and makes its dynamic code, and checkout checks that
code and records the held quote.

Two lines without a goal show the structure's own share: the same rows written by hand into
our schema (the journal entry, its projections, the number hold), with none of our code around
them. What ours costs above them is code; what they cost above the floor is what the journal,
the projections and the hold cost by themselves.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bazar_pos.booth import catalog, profile, qris_setting
from bazar_pos.booth.cart import Cart
from bazar_pos.booth.demo import DEMO_QRIS
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart, Product
from bazar_pos.services import selling
from common import median_ms, medians_interleaved, report

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)
ROUNDS = 300
WARMUP = 300
"""Sales written before timing: each WAL past its first checkpoint (1,000 pages; the floor writes 4
a sale, ours about 10), as on a booth an hour into the day. A WAL still growing costs ext4 a
metadata commit in every fsync (about 0.2 ms here): timed fresh, the floor paid it all run long
while ours had stopped paying it after 100 sales, which flattered our ratio."""


def _booth(path: Path) -> tuple[Ledger, Cart]:
    ledger = Ledger.open(path)
    profile.init(ledger, code="CP-07", name="Bench", now=NOW)
    for sku in ("A-1", "B-2", "C-3"):
        catalog.add(
            ledger, sku, name=f"Produk {sku}", price=15_000, stock=0, allow_negative=True, now=NOW
        )
    cart = Cart([CartLine("A-1", 2), CartLine("B-2", 1), CartLine("C-3", 3)])
    return ledger, cart


def _cash(folder: Path) -> Callable[[], object]:
    ledger, cart = _booth(folder / "cash.db")
    pay = [PaymentPart("cash", tendered=200_000)]
    return lambda: selling.sell(ledger, cart, pay, now=NOW)


def _qris(folder: Path) -> Callable[[], object]:
    ledger, cart = _booth(folder / "qris.db")
    qris_setting.set_static(ledger, DEMO_QRIS, now=NOW)
    plan = [PaymentPart("qris")]

    def sale() -> None:
        prepared = selling.prepare(ledger, cart, plan, now=NOW)
        selling.complete(ledger, prepared, now=NOW)

    return sale


def _floor(folder: Path) -> Callable[[], object]:
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(
        "CREATE TABLE sales (no INTEGER PRIMARY KEY, total INTEGER);"
        "CREATE TABLE lines (no INTEGER, sku TEXT, qty INTEGER, amount INTEGER);"
        "CREATE TABLE moves (no INTEGER, sku TEXT, delta INTEGER);"
        "CREATE TABLE payments (no INTEGER, method TEXT, amount INTEGER);"
    )
    counter = iter(range(1, 10**9))

    def sale() -> None:
        n = next(counter)
        conn.execute("BEGIN")
        conn.execute("INSERT INTO sales VALUES (?, ?)", (n, 90_000))
        for sku, qty in (("A-1", 2), ("B-2", 1), ("C-3", 3)):
            conn.execute("INSERT INTO lines VALUES (?, ?, ?, ?)", (n, sku, qty, qty * 15_000))
            conn.execute("INSERT INTO moves VALUES (?, ?, ?)", (n, sku, -qty))
        conn.execute("INSERT INTO payments VALUES (?, 'cash', 90000)", (n,))
        conn.execute("COMMIT")

    return sale


_ROWS = (("A-1", 2), ("B-2", 1), ("C-3", 3))
_PRICES = (
    "SELECT sku, name, price, stock, active, allow_negative, cost FROM products"
    " WHERE sku IN ('A-1', 'B-2', 'C-3')"
)


def _bare(folder: Path, qris: bool) -> Callable[[], object]:
    """A real sale's rows written again and again by hand, under new numbers on another day."""
    ledger, cart = _booth(folder / f"bare-{qris}.db")
    if qris:
        qris_setting.set_static(ledger, DEMO_QRIS, now=NOW)
        plan = [PaymentPart("qris")]
        sale = selling.complete(ledger, selling.prepare(ledger, cart, plan, now=NOW), now=NOW)
    else:
        sale = selling.sell(ledger, cart, [PaymentPart("cash", tendered=200_000)], now=NOW)
    conn = ledger.conn
    text = conn.execute("SELECT payload FROM entries WHERE seq = ?", (sale.seq,)).fetchone()[0]
    pay = sale.payments[0]
    seqs, numbers = iter(range(sale.seq + 1, 10**9)), iter(range(1, 10**9))
    day = "2026-03-21"

    def write() -> None:
        seq, n = next(seqs), next(numbers)
        no = f"CP07-260321-{n:04d}"
        if qris:
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("SELECT MAX(day_no) FROM sales WHERE day = ?", (day,)).fetchone()
            conn.execute(_PRICES).fetchall()
            conn.execute(
                "INSERT INTO sale_holds (day, day_no, held_at, free) VALUES (?, ?, '', 0)", (day, n)
            )
            conn.execute("COMMIT")
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("SELECT MAX(day_no) FROM sales WHERE day = ?", (day,)).fetchone()
        if not qris:  # a held sale records the quote made with its number
            conn.execute(_PRICES).fetchall()
        conn.execute(
            "INSERT INTO entries (seq, at, kind, payload, prev_hash, hash)"
            " VALUES (?, ?, 'sale', ?, ?, ?)",
            (seq, sale.at, text, sale.hash, sale.hash),
        )
        conn.execute(
            "INSERT INTO sales (sale_no, day, day_no, seq, at, subtotal, line_discounts, discount,"
            " total, paid, change, status, qris, hash)"
            " VALUES (?, ?, ?, ?, ?, 90000, 0, 0, 90000, ?, ?, 'completed', ?, ?)",
            (no, day, n, seq, sale.at, sale.paid, sale.change, sale.qris, sale.hash),
        )
        conn.executemany(
            "INSERT INTO sale_lines (sale_no, line_no, sku, name, qty, unit_price, discount,"
            " amount, net) VALUES (?, ?, ?, ?, ?, 15000, 0, ?, ?)",
            [(no, i, s, s, q, q * 15_000, q * 15_000) for i, (s, q) in enumerate(_ROWS, 1)],
        )
        conn.execute(
            "INSERT INTO payments (sale_no, idx, method, amount, tendered, change, reference)"
            " VALUES (?, 1, ?, ?, ?, ?, ?)",
            (no, pay.method, pay.amount, pay.tendered, pay.change, pay.reference),
        )
        conn.executemany(
            "INSERT INTO stock_moves (seq, idx, sku, delta, kind, ref) VALUES (?, ?, ?, ?, 'sale', ?)",
            [(seq, i, s, -q, no) for i, (s, q) in enumerate(_ROWS, 1)],
        )
        conn.executemany(
            "UPDATE products SET stock = stock - ? WHERE sku = ?", [(q, s) for s, q in _ROWS]
        )
        conn.execute("COMMIT")

    return write


def _search() -> float:
    products = [
        Product(f"SKU-{i:04d}", f"{w} {i}", 10_000 + i, "kue", 10)
        for i, w in enumerate(
            ["Nastar Keju", "Kastengel", "Putri Salju", "Kue Kacang", "Sirup Melon"] * 1000
        )
    ]
    index = catalog.ProductIndex(products)
    keystrokes = ["n", "na", "nas", "nast", "k", "ku", "kue", "kue k", "kue ka", "sir", "SKU-4"]
    per_round = median_ms(lambda: [index.search(k) for k in keystrokes], 50)
    return per_round / len(keystrokes)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor, cash, qris, bare_cash, bare_qris = medians_interleaved(
            [
                _floor(folder),
                _cash(folder),
                _qris(folder),
                _bare(folder, False),
                _bare(folder, True),
            ],
            ROUNDS,
            WARMUP,
        )
    report("sale commit, cash (cart, 3 lines, WAL, synchronous=FULL)", cash, floor, "<= 1.5")
    report(
        "  for scale: its rows alone in our schema (journal, projections)", bare_cash, floor, "-"
    )
    report("sale commit, QRIS (number held, code made and checked)", qris, floor, "<= 1.5")
    report("  for scale: its rows alone (number hold, journal, projections)", bare_qris, floor, "-")
    report("product search per keystroke, 5,000 products", _search(), None, "< 2 ms")


if __name__ == "__main__":
    main()
