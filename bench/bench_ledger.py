"""Sale commit through the service vs bare sqlite3 inserts; product search per keystroke."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bazar_pos.booth import catalog, profile, sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart, Product
from common import median_ms, report

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)
ROUNDS = 300


def _ours(folder: Path) -> float:
    ledger = Ledger.open(folder / "booth.db")
    profile.init(ledger, code="CP-07", name="Bench", now=NOW)
    for sku in ("A-1", "B-2", "C-3"):
        catalog.add(
            ledger, sku, name=f"Produk {sku}", price=15_000, stock=0, allow_negative=True, now=NOW
        )
    cart = [CartLine("A-1", 2), CartLine("B-2", 1), CartLine("C-3", 3)]
    pay = [PaymentPart("cash", tendered=200_000)]
    return median_ms(lambda: sales.checkout(ledger, cart, pay, now=NOW), ROUNDS)


def _floor(folder: Path) -> float:
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

    return median_ms(sale, ROUNDS)


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
        floor = _floor(folder)
        ours = _ours(folder)
    report("sale commit (3 lines, WAL, synchronous=FULL)", ours, floor, "<= 1.5")
    report("product search per keystroke, 5,000 products", _search(), None, "< 2 ms")


if __name__ == "__main__":
    main()
