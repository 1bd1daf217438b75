"""Booth commands: set up, catalog, stock, selling, voids and refunds, history, verify, demo."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import click

from bazar_pos import config, money
from bazar_pos.booth import catalog, demo, profile, sales, staff, stock, validate
from bazar_pos.booth.cart import Cart, parse_discount
from bazar_pos.booth.ledger import verify as verify_ledger
from bazar_pos.booth.models import (
    PAYMENT_METHODS,
    CartLine,
    PaymentPart,
    Product,
    Sale,
    SaleStatus,
    label,
    payment_words,
)
from bazar_pos.booth.totals import day_figures, day_totals
from bazar_pos.cli.base import (
    State,
    after_sale,
    emit,
    json_option,
    main,
    pass_state,
    pin_option,
)
from bazar_pos.documents.close_notes import day_line
from bazar_pos.errors import InvalidInput
from bazar_pos.i18n import t
from bazar_pos.services import selling


@main.command()
@click.option("--booth", "code", required=True, help="Booth code, e.g. CP-07.")
@click.option("--name", required=True, help="Booth (business) name.")
@click.option("--location", default="", help="Bazaar location.")
@click.option("--event", default="", help="Event name.")
@click.option("--timezone", default=profile.DEFAULT_TZ, show_default=True)
@pin_option
@json_option
@pass_state
def init(
    state: State,
    code: str,
    name: str,
    location: str,
    event: str,
    timezone: str,
    owner_pin: str | None,
    as_json: bool,
) -> None:
    """Set up this laptop's booth (creates the database).

    \b
    Example:
      bazar-pos init --booth CP-07 --name "Kue Bu Sari" \\
        --location "Rusun Karang Anyar" --event "Bazar Jakpreneur"
    """
    state.ledger(create=True)
    with state.owner(owner_pin):
        prof = profile.init(
            state.ledger(),
            code=code,
            name=name,
            event=event,
            location=location,
            timezone=timezone,
            now=config.now(),
        )
    emit(
        as_json,
        {
            "booth": prof.code,
            "name": prof.name,
            "event": prof.event,
            "location": prof.location,
            "timezone": prof.timezone,
            "db": str(state.db),
        },
        t("cli.booth.booth_ready_at", code=prof.code, name=prof.name, db=state.db),
    )


def _product_json(p: Product) -> dict[str, Any]:
    return {
        "sku": p.sku,
        "name": p.name,
        "price": p.price,
        "stock": p.stock,
        "category": p.category,
        "low": p.low,
        "active": p.active,
        **({"cost": p.cost} if p.cost is not None else {}),  # only where the vendor gave one
    }


def _warn_loss(p: Product) -> None:
    """The loss warning goes to stderr, so `--json` output stays one object."""
    warning = catalog.loss_warning(p)
    if warning:
        click.echo(warning, err=True)


def _product_line(p: Product) -> str:
    mark = f" {label(p.mark)}" if p.mark else ""
    return f"{p.sku:<10} {p.name:<32} {money.fmt(p.price):>12} {p.stock:>6}{mark}"


@main.group()
def product() -> None:
    """Catalog: add, edit, import and list products."""


@product.command("add")
@click.argument("sku")
@click.option("--name", required=True)
@click.option("--price", required=True, help="Whole rupiah: 50000, 50.000 or Rp50.000.")
@click.option("--stock", "qty", default="0", help="Opening stock.")
@click.option("--category", default="")
@click.option("--low", default="5", help="Low-stock threshold.")
@click.option("--allow-negative", is_flag=True, help="Allow selling beyond the stock on hand.")
@click.option("--cost", help="Cost price (modal/HPP) in rupiah, for profit; stays on the booth.")
@json_option
@pass_state
def product_add(
    state: State,
    sku: str,
    name: str,
    price: str,
    qty: str,
    category: str,
    low: str,
    allow_negative: bool,
    cost: str | None,
    as_json: bool,
) -> None:
    """Add a product.

    \b
    Example:
      bazar-pos product add NST-01 --name "Nastar 250g" --price 50000 --stock 20 --category kue
      bazar-pos product add NST-01 --name "Nastar 250g" --price 50000 --cost 32000
    """
    p = catalog.add(
        state.ledger(),
        sku,
        name=name,
        price=price,
        stock=qty,
        category=category,
        low_threshold=low,
        allow_negative=allow_negative,
        cost=cost,
        now=config.now(),
    )
    _warn_loss(p)
    emit(
        as_json,
        _product_json(p),
        t("cli.booth.added", p=_product_line(p)),
    )


@product.command("edit")
@click.argument("sku")
@click.option("--name")
@click.option("--price")
@click.option("--category")
@click.option("--low")
@click.option("--allow-negative/--no-allow-negative", default=None)
@click.option("--deactivate", is_flag=True, help="Stop selling it (history is kept).")
@click.option("--cost", help="Cost price (modal/HPP) in rupiah; earlier sales keep theirs.")
@pin_option
@json_option
@pass_state
def product_edit(
    state: State,
    owner_pin: str | None,
    sku: str,
    name: str | None,
    price: str | None,
    category: str | None,
    low: str | None,
    allow_negative: bool | None,
    deactivate: bool,
    cost: str | None,
    as_json: bool,
) -> None:
    """Change a product's name, price, cost, category or threshold; past sales keep theirs.

    \b
    Example:
      bazar-pos product edit NST-01 --price 55000
      bazar-pos product edit NST-01 --cost 33000
    """
    guard = price is not None or cost is not None
    with state.owner(owner_pin) if guard else contextlib.nullcontext():
        p = catalog.edit(
            state.ledger(),
            sku,
            name=name,
            price=price,
            category=category,
            low_threshold=low,
            allow_negative=allow_negative,
            active=False if deactivate else None,
            cost=cost,
            now=config.now(),
        )
    _warn_loss(p)
    emit(as_json, _product_json(p), t("cli.booth.changed", p=_product_line(p)))


@product.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_state
def product_import(state: State, file: Path, as_json: bool) -> None:
    """Import products from a CSV with columns sku,name,price,stock,category[,cost].

    Separators `,` `;` or tab; UTF-8 (with or without BOM) or Windows-1252; headers in any
    case, or in Indonesian: kode,nama,harga,stok,kategori,modal (or hpp).

    \b
    Example:
      bazar-pos product import katalog.csv
    """
    result = catalog.import_csv(state.ledger(), file, now=config.now())
    lines = [
        t("cli.booth.products_added_already_there", added=result.added, skipped=len(result.skipped))
        + f" ({result.read_as})"
    ]
    if result.repeated:
        lines.append(t("cli.booth.names_repeat"))
        lines += [f"  {name}: {', '.join(skus)}" for name, skus in result.repeated.items()]
    emit(
        as_json,
        {"added": result.added, "skipped": result.skipped, "repeated": result.repeated},
        "\n".join(lines),
    )


@product.command("list")
@click.option("--all", "include_inactive", is_flag=True, help="Include deactivated products.")
@json_option
@pass_state
def product_list(state: State, include_inactive: bool, as_json: bool) -> None:
    """List the catalog.

    \b
    Example:
      bazar-pos product list --json
    """
    items = catalog.list_products(state.ledger(), include_inactive=include_inactive)
    emit(
        as_json,
        {"products": [_product_json(p) for p in items]},
        lambda: "\n".join(_product_line(p) for p in items) or t("cli.booth.no_products"),
    )


@main.group("stock")
def stock_group() -> None:
    """Stock: restock, adjust with a reason, count (stock opname), list."""


@stock_group.command("add")
@click.argument("sku")
@click.argument("qty")
@click.option("--note", default="")
@json_option
@pass_state
def stock_add(state: State, sku: str, qty: str, note: str, as_json: bool) -> None:
    """Restock: add pieces that arrived.

    \b
    Example:
      bazar-pos stock add NST-01 12
    """
    p = stock.restock(state.ledger(), sku, qty, note=note, now=config.now())
    emit(
        as_json,
        _product_json(p),
        t("cli.booth.stock_is_now", sku=p.sku, stock=p.stock),
    )


@stock_group.command("adjust", context_settings={"ignore_unknown_options": True})
@click.argument("sku")
@click.argument("delta")
@click.option("--reason", required=True, help="Why: rusak, sampel, hilang ...")
@pin_option
@json_option
@pass_state
def stock_adjust(
    state: State, sku: str, delta: str, reason: str, owner_pin: str | None, as_json: bool
) -> None:
    """Adjust stock by a signed amount, with a reason.

    \b
    Example:
      bazar-pos stock adjust NST-01 -2 --reason "toples pecah"
    """
    with state.owner(owner_pin):
        p = stock.adjust(state.ledger(), sku, delta, reason=reason, now=config.now())
    emit(
        as_json,
        _product_json(p),
        t("cli.booth.stock_is_now", sku=p.sku, stock=p.stock),
    )


@stock_group.command("count")
@click.argument("sku")
@click.argument("counted")
@pin_option
@json_option
@pass_state
def stock_count(state: State, sku: str, counted: str, owner_pin: str | None, as_json: bool) -> None:
    """Stock opname: record what you counted; the variance is kept.

    \b
    Example:
      bazar-pos stock count NST-01 17
    """
    with state.owner(owner_pin):
        r = stock.count(state.ledger(), sku, counted, now=config.now())
    emit(
        as_json,
        {
            "sku": r.product.sku,
            "expected": r.expected,
            "counted": r.counted,
            "variance": r.variance,
        },
        t(
            "cli.booth.recorded_counted_variance",
            sku=r.product.sku,
            expected=r.expected,
            counted=r.counted,
            variance=r.variance,
        ),
    )


@stock_group.command("list")
@click.option("--low-only", is_flag=True, help="Only products at or below their threshold.")
@json_option
@pass_state
def stock_list(state: State, low_only: bool, as_json: bool) -> None:
    """Stock levels with low-stock marks.

    \b
    Example:
      bazar-pos stock list --json
    """
    items = [p for p in catalog.list_products(state.ledger()) if p.low or not low_only]
    emit(
        as_json,
        {"products": [_product_json(p) for p in items]},
        lambda: "\n".join(_product_line(p) for p in items) or t("cli.booth.no_products_2"),
    )


def parse_split(text: str) -> PaymentPart:
    """`cash:50000` or `qris` (the rest)."""
    method, _, amount = text.partition(":")
    return PaymentPart(
        method.strip().lower(), money.parse(amount, allow_zero=False) if amount else None
    )


def sale_text(s: Sale) -> str:
    rows = [f"{t('cli.booth.sale')} {s.sale_no}"]
    for ln in s.lines:
        rows.append(f"  {ln.qty} x {ln.name} @ {money.fmt(ln.unit_price)} = {money.fmt(ln.amount)}")
    if s.line_discounts + s.discount:
        rows.append(f"  {t('cli.booth.discount')}: -{money.fmt(s.line_discounts + s.discount)}")
    rows.append(
        f"  {t('cli.booth.total')}: {money.fmt(s.total)} ({payment_words(s.payment_methods)})"
    )
    if s.change:
        rows.append(f"  {t('cli.booth.change')}: {money.fmt(s.change)}")
    if s.status != "completed":
        rows.append(f"  {t('cli.booth.status')}: {label(SaleStatus(s.status))}")
    return "\n".join(rows)


def build_payments(pay: str, tendered: str | None, splits: tuple[str, ...]) -> list[PaymentPart]:
    if splits:
        parts = [parse_split(x) for x in splits]
        if tendered is not None:
            parts = [
                PaymentPart(p.method, p.amount, money.parse(tendered), p.reference)
                if p.method == "cash"
                else p
                for p in parts
            ]
        return parts
    if tendered is not None and pay != "cash":
        raise InvalidInput("bad_payment:tendered_is_for_cash_only")
    return [PaymentPart(pay, None, money.parse(tendered) if tendered is not None else None)]


@main.command()
@click.argument("items", nargs=-1, required=True)
@click.option(
    "--pay",
    type=click.Choice(PAYMENT_METHODS),
    default="cash",
    show_default=True,
)
@click.option("--tendered", help="Cash handed over (for change).")
@click.option(
    "--discount",
    default="0",
    help="Discount on the whole sale: rupiah (5000) or percent (10%, 12.5%; rounded down).",
)
@click.option(
    "--split",
    "splits",
    multiple=True,
    help="Split payment part METHOD[:AMOUNT]; repeat. One part may omit the amount.",
)
@click.option(
    "--receipt",
    is_flag=False,
    flag_value="",
    default=None,
    help="Write the receipt PDF (to PATH, or receipts/ when no path is given).",
)
@json_option
@click.pass_context
def sell(
    ctx: click.Context,
    items: tuple[str, ...],
    pay: str,
    tendered: str | None,
    discount: str,
    splits: tuple[str, ...],
    receipt: str | None,
    as_json: bool,
) -> None:
    """Record a sale: SKU or SKU:QTY items, paid in full.

    \b
    Example:
      bazar-pos sell NST-01 KRP-02:3 --pay cash --tendered 200000 --json
      bazar-pos sell NST-01:2 --discount 10% --pay qris
      bazar-pos sell NST-01 --split cash:20000 --split qris --receipt
    """
    state: State = ctx.obj
    ledger = state.ledger()
    cart = Cart([CartLine(*validate.item(x)) for x in items], parse_discount(discount))
    parts = build_payments(pay, tendered, splits)
    sale = selling.sell(ledger, cart, parts, now=config.now())
    data = sale.to_json()
    code = after_sale(ctx, sale, data)
    emit(
        as_json,
        data,
        lambda: sale_text(sale) + "".join("\n" + line for line in data.pop("_text", [])),
    )
    if code:
        raise click.exceptions.Exit(code)


@main.command()
@click.argument("sale_no")
@click.option("--reason", required=True)
@pin_option
@json_option
@pass_state
def void(state: State, sale_no: str, reason: str, owner_pin: str | None, as_json: bool) -> None:
    """Cancel a whole sale (stock comes back); the sale stays on record as voided.

    \b
    Example:
      bazar-pos void CP07-260320-0001 --reason "salah input"
    """
    with state.owner(owner_pin):
        s = sales.void(state.ledger(), sale_no, reason=reason, now=config.now())
    emit(as_json, s.to_json(), t("cli.booth.voided", sale_no=s.sale_no))


@main.command()
@click.argument("sale_no")
@click.argument("items", nargs=-1)
@click.option("--reason", required=True)
@click.option(
    "--method",
    type=click.Choice(PAYMENT_METHODS),
    help="How the money goes back (default: the sale's first payment method).",
)
@click.option("--no-restock", is_flag=True, help="The goods do not go back into stock.")
@pin_option
@json_option
@pass_state
def refund(
    state: State,
    owner_pin: str | None,
    sale_no: str,
    items: tuple[str, ...],
    reason: str,
    method: str | None,
    no_restock: bool,
    as_json: bool,
) -> None:
    """Refund some pieces (SKU:QTY) or, with no items, everything left of a sale.

    \b
    Example:
      bazar-pos refund CP07-260320-0001 NST-01:1 --reason "kemasan rusak"
    """
    wanted: dict[str, int | str] | None = None
    if items:
        wanted = dict(validate.item_counts(list(items)))
    ledger = state.ledger()
    before = sales.get(ledger, sale_no)
    with state.owner(owner_pin):
        s = sales.refund(
            ledger,
            sale_no,
            wanted,
            reason=reason,
            method=method,
            restock=not no_restock,
            now=config.now(),
        )
    emit(
        as_json,
        s.to_json(),
        t(
            "cli.booth.refund_money_back",
            sale_no=s.sale_no,
            amount=money.fmt(s.refunded - before.refunded),
            method=payment_words(method or sales.ways_back(before)[0]),
            refunded=money.fmt(s.refunded),
        ),
    )


@main.command("sales")
@click.option("--date", "day", help="Business day YYYY-MM-DD (default: today).")
@json_option
@pass_state
def sales_cmd(state: State, day: str | None, as_json: bool) -> None:
    """List a day's sales.

    \b
    Example:
      bazar-pos sales --date 2026-03-20 --json
    """
    from bazar_pos.booth import days

    ledger = state.ledger()
    prof = profile.load(ledger)
    d = days.parse_day(day) if day else days.business_day(config.now(), prof.tz)
    rows = sales.list_sales(ledger, d)
    out = [
        {
            "sale_no": r["sale_no"],
            "at": r["at"],
            "total": r["total"],
            "payment": r["payment"],
            "status": r["status"],
            "refunded": r["refunded"],
            "by": r["by"],
        }
        for r in rows
    ]
    tot = day_totals(ledger, d)
    rows_text = [
        f"{r['sale_no']}  {money.fmt(r['total']):>12}  "
        f"{payment_words(r['payment']):<12} {label(SaleStatus(r['status'])):<9}"
        f" {r['by'] or ''}".rstrip()
        for r in out
    ]
    emit(
        as_json,
        {"date": d, "sales": out, "totals": day_figures(tot)},
        lambda: (
            "\n".join([*rows_text, day_line(tot)])  # a refund-only day has its figures too
            if out or tot.refunds
            else t("cli.booth.no_sales_on", d=d)
        ),
    )


@main.command()
@json_option
@pass_state
def verify(state: State, as_json: bool) -> None:
    """Check the ledger: recompute the hash chain and replay it against the tables.

    \b
    Example:
      bazar-pos verify --json
    """
    r = verify_ledger(state.ledger())
    people = staff.entries_by(state.ledger()) if r.ok else {}  # a broken entry may not parse
    who = ", ".join(f"{name} {n}" for name, n in people.items())
    data = {"ok": r.ok, "entries": r.entries, "head_hash": r.head_hash, "by": people}
    if not r.ok:
        data |= {"bad_seq": r.bad_seq, "problem": r.problem}
    emit(
        as_json,
        data,
        t(
            "cli.booth.ledger_intact_entries_hash",
            entries=r.entries,
            head_hash=r.head_hash[:16],
        )
        + "\n  "
        + t("cli.staff.entries_by", who=who)
        if r.ok
        else t("cli.booth.ledger_broken_at_entry", bad_seq=r.bad_seq, problem=r.problem),
    )
    if not r.ok:
        raise click.exceptions.Exit(1)


@main.command("demo")
@click.option("--no-tui", is_flag=True, help="Only seed the demo booth.")
@click.pass_context
def demo_cmd(ctx: click.Context, no_tui: bool) -> None:
    """Seed a demo booth (if there is none yet) and open the cashier on it.

    \b
    Example:
      BAZAR_POS_HOME=.demo bazar-pos demo
    """
    state: State = ctx.obj
    if not state.explicit_db:
        state.db = config.home() / "demo.db"
    seeded = demo.seed(state.ledger(create=True), now=config.now())
    if seeded:
        click.echo(t("cli.booth.demo_booth_created_at", db=state.db))
    if no_tui:
        return
    from bazar_pos.tui.launch import run_booth_app

    code = run_booth_app(state.db)
    if code:
        raise click.exceptions.Exit(code)
