"""Sale commit through the cart and the selling service vs bare sqlite3 inserts; search per key.

The floor writes a sale the plainest way (4 tables, 8 inserts, one durable transaction), timed
round by round beside ours so a shared, busy disk slows both alike. Ours
prices a `Cart` against the catalog, settles the payments, appends the hash-chained journal entry
and its projections in one durable transaction; the QRIS sale first prices the cart and holds its
number in one more (not synced) transaction and makes its dynamic code, and checkout checks that
code and records the held quote.
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
        floor, cash, qris = medians_interleaved(
            [_floor(folder), _cash(folder), _qris(folder)], ROUNDS
        )
    report("sale commit, cash (cart, 3 lines, WAL, synchronous=FULL)", cash, floor, "<= 1.5")
    report("sale commit, QRIS (number held, code made and checked)", qris, floor, "<= 1.5")
    report("product search per keystroke, 5,000 products", _search(), None, "< 2 ms")


if __name__ == "__main__":
    main()
