"""The booth's products: add, edit, deactivate, import from CSV, list and search."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bazar_pos import csvfile, i18n, money, names
from bazar_pos.booth import validate
from bazar_pos.booth.ledger import Ledger, Writer
from bazar_pos.booth.models import Product
from bazar_pos.errors import InvalidInput, NotFound

MAX_NAME = 80


def unknown_product(sku: str) -> NotFound:
    return NotFound("unknown_product", sku=sku)


def get(ledger: Ledger, sku: str) -> Product:
    row = ledger.one("SELECT * FROM products WHERE sku = ?", (sku.strip().upper(),))
    if row is None:
        raise unknown_product(sku)
    return Product.from_row(row)


def list_products(
    ledger: Ledger, *, include_inactive: bool = False, limit: int = -1
) -> list[Product]:
    """Positional rows straight into products (the first `limit` of them; -1: all)."""
    where = "" if include_inactive else "WHERE active = 1"
    rows = ledger.conn.execute(
        "SELECT sku, name, price, category, stock, active, allow_negative, low_threshold, cost"
        f" FROM products {where} ORDER BY category, name, sku LIMIT ?",
        (limit,),
    )
    return [
        Product(sku, name, price, category, stock, bool(active), bool(neg), low, cost)
        for sku, name, price, category, stock, active, neg, low, cost in rows
    ]


def names_on_sale(ledger: Ledger) -> list[tuple[str, str]]:
    """(sku, name) of every product on sale: what the cashier's first screen needs of the
    whole catalog (its size, the names that repeat), without building 5,000 products."""
    return ledger.conn.execute("SELECT sku, name FROM products WHERE active = 1").fetchall()


def _name(text: str) -> str:
    name = " ".join(names.check(str(text), "field.product_name").split())
    if not name:
        raise InvalidInput("no_name")
    if len(name) > MAX_NAME:
        raise InvalidInput("bad_name", max_name=MAX_NAME)
    return name


def _cost(value: int | str) -> int:
    """A cost price (modal) in whole rupiah; zero is a gift, a negative cost is refused."""
    cost = money.parse(value, allow_negative=True)
    if cost < 0:
        raise InvalidInput("bad_cost")
    return cost


def loss_warning(product: Product) -> str | None:
    """One line when the cost is above the price: allowed (a promotion), but it sells at a loss."""
    if not product.loss or product.cost is None:
        return None
    return i18n.t(
        "catalog.loss_warning",
        sku=product.sku,
        cost=money.fmt(product.cost),
        price=money.fmt(product.price),
    )


def _category(text: str | None) -> str:
    return " ".join(names.check(str(text or ""), "field.category").split()).lower()


def _payload(
    sku: str,
    name: str,
    price: int | str,
    stock: int | str = 0,
    category: str = "",
    *,
    allow_negative: bool = False,
    low_threshold: int | str = 5,
    cost: int | str | None = None,
) -> dict[str, Any]:
    payload = {
        "sku": validate.sku(sku),
        "name": _name(name),
        "price": money.parse(price),
        "stock": validate.qty(stock, allow_zero=True),
        "category": _category(category),
        "allow_negative": bool(allow_negative),
        "low_threshold": validate.qty(low_threshold, allow_zero=True),
    }
    if cost is not None and str(cost).strip() != "":
        payload["cost"] = _cost(cost)
    return payload


def _add(w: Writer, payload: dict[str, Any]) -> None:
    exists = w.conn.execute("SELECT 1 FROM products WHERE sku = ?", (payload["sku"],)).fetchone()
    if exists:
        raise InvalidInput("duplicate_sku", sku=payload["sku"])
    w.append("product_add", payload)


def add(
    ledger: Ledger,
    sku: str,
    *,
    name: str,
    price: int | str,
    stock: int | str = 0,
    category: str = "",
    allow_negative: bool = False,
    low_threshold: int | str = 5,
    cost: int | str | None = None,
    now: datetime,
) -> Product:
    payload = _payload(
        sku,
        name,
        price,
        stock,
        category,
        allow_negative=allow_negative,
        low_threshold=low_threshold,
        cost=cost,
    )
    with ledger.writing(now) as w:
        _add(w, payload)
    return get(ledger, payload["sku"])


def edit(
    ledger: Ledger,
    sku: str,
    *,
    name: str | None = None,
    price: int | str | None = None,
    category: str | None = None,
    active: bool | None = None,
    allow_negative: bool | None = None,
    low_threshold: int | str | None = None,
    cost: int | str | None = None,
    now: datetime,
) -> Product:
    """Price, cost and name changes apply to new sales only: sale lines keep their snapshot."""
    current = get(ledger, sku)
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _name(name)
    if price is not None and money.parse(price) != current.price:  # a change needs the owner
        changes["price"] = money.parse(price)
    if category is not None:
        changes["category"] = _category(category)
    if active is not None:
        changes["active"] = bool(active)
    if allow_negative is not None:
        changes["allow_negative"] = bool(allow_negative)
    if low_threshold is not None:
        changes["low_threshold"] = validate.qty(low_threshold, allow_zero=True)
    if cost is not None and _cost(cost) != current.cost:  # like the price: a change is the owner's
        changes["cost"] = _cost(cost)
    if not changes:
        raise InvalidInput("no_change")
    ledger.append("product_edit", {"sku": current.sku, **changes}, now=now)
    return get(ledger, current.sku)


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: list[str]
    read_as: str = ""
    repeated: dict[str, list[str]] = field(default_factory=dict)  # name -> its SKUs


def repeated_names(ledger: Ledger, names: Iterable[str]) -> dict[str, list[str]]:
    """Of `names`, those more than one active product carries (any case), with their SKUs:
    allowed (two sizes of one cookie), but the vendor must know the cashier sees them apart
    only by SKU."""
    wanted = {n.casefold() for n in names}
    found: dict[str, list[str]] = {}
    spelled: dict[str, str] = {}
    for sku, name in ledger.conn.execute(
        "SELECT sku, name FROM products WHERE active = 1 ORDER BY sku"
    ):
        folded = name.casefold()
        if folded in wanted:
            found.setdefault(folded, []).append(sku)
            spelled.setdefault(folded, name)
    return {spelled[k]: skus for k, skus in found.items() if len(skus) > 1}


CSV_COLUMNS = {
    "sku": ("kode", "kodeproduk"),
    "name": ("namaproduk", "nama"),
    "price": ("hargajual", "harga"),
    "stock": ("stock", "stok"),
    "category": ("kategori",),
    "cost": ("modal", "hpp", "hargamodal", "hargapokok"),
}


def import_csv(ledger: Ledger, source: Path | str, *, now: datetime) -> ImportResult:
    """All rows are checked before any is written: a bad row names its line and nothing changes.

    SKUs already in the catalog are skipped (reported), so importing the same file twice is safe.
    """
    table = csvfile.read(source, CSV_COLUMNS, required=("sku", "name", "price"))
    result = _import(ledger, ((r.line, r.cells) for r in table.rows), now=now)
    return ImportResult(result.added, result.skipped, table.read_as(), result.repeated)


def import_rows(ledger: Ledger, rows: Iterable[dict[str, str]], *, now: datetime) -> ImportResult:
    return _import(ledger, enumerate(rows, start=2), now=now)


def _import(
    ledger: Ledger, rows: Iterable[tuple[int, dict[str, str]]], *, now: datetime
) -> ImportResult:
    payloads: list[dict[str, Any]] = []
    seen: set[str] = set()
    for lineno, row in rows:
        try:
            p = _payload(
                row.get("sku") or "",
                row.get("name") or "",
                row.get("price") or "",
                row.get("stock") or 0,
                row.get("category") or "",
                cost=row.get("cost") or None,
            )
        except InvalidInput as exc:
            raise InvalidInput("csv_line", lineno=lineno, reason=exc).coded(exc.code) from exc
        if p["sku"] in seen:
            raise InvalidInput("duplicate_sku:line_sku_appears_twice", lineno=lineno, sku=p["sku"])
        seen.add(p["sku"])
        payloads.append(p)
    if not payloads:
        raise InvalidInput("bad_csv")
    skipped: list[str] = []
    with ledger.writing(now) as w:
        existing = {r[0] for r in w.conn.execute("SELECT sku FROM products")}
        for p in payloads:
            if p["sku"] in existing:
                skipped.append(p["sku"])
            else:
                w.append("product_add", p)
    added = [p["name"] for p in payloads if p["sku"] not in skipped]
    return ImportResult(len(added), skipped, repeated=repeated_names(ledger, added))


class ProductIndex:
    """In-memory search for the cashier: a filter per keystroke must stay under 2 ms at 5,000.

    Names and keys are folded once here, not per keystroke; a query that extends the previous
    one (the next letter typed) scans only the products that matched it.
    """

    def __init__(self, products: Iterable[Product]):
        self.products = list(products)
        self._keys = [f"{p.sku} {p.name} {p.category}".casefold() for p in self.products]
        self._names = [p.name.casefold() for p in self.products]
        self._by_sku = {p.sku: p for p in self.products}
        self._last: tuple[list[str], list[int]] = ([], list(range(len(self.products))))

    @classmethod
    def load(cls, ledger: Ledger) -> ProductIndex:
        return cls(list_products(ledger))

    def by_sku(self, sku: str) -> Product | None:
        return self._by_sku.get(sku.strip().upper())

    def _matching(self, words: list[str]) -> list[int]:
        """Positions whose key holds every word, in catalog order."""
        last_words, last = self._last
        narrower = len(words) >= len(last_words) and all(
            new.startswith(old) if i == len(last_words) - 1 else new == old
            for i, (new, old) in enumerate(zip(words, last_words, strict=False))
        )  # every product the new words match, the old ones matched too
        keys = self._keys
        found = last if narrower else range(len(keys))
        for word in words:
            found = [i for i in found if word in keys[i]]
        self._last = (words, list(found))
        return self._last[1]

    def search(self, text: str, limit: int = 50) -> list[Product]:
        """Every word must appear; an exact SKU comes first, then names starting with the query."""
        words = text.casefold().split()
        if not words:
            return self.products[:limit]
        exact = self.by_sku(text)
        first = words[0]
        starts: list[Product] = [exact] if exact else []
        rest: list[Product] = []
        for i in self._matching(words):
            product = self.products[i]
            if product is exact:
                continue
            if self._names[i].startswith(first):
                starts.append(product)
                if len(starts) >= limit:
                    break
            elif len(rest) < limit:
                rest.append(product)
        return (starts + rest)[:limit]
