"""`qris reconcile`: the day's QRIS sales checked against the merchant's statement."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click

from bazar_pos import config, money
from bazar_pos.booth import days, profile, reconcile, statement
from bazar_pos.cli.base import State, emit, json_option, pass_state, tr
from bazar_pos.cli.qris_cmds import qris


def _text(r: reconcile.Reconciliation) -> str:
    t = r.to_json()["totals"]
    lines = [
        tr(
            f"QRIS {r.day} dicocokkan dengan {r.statement}: {len(r.matched)} cocok"
            f" ({money.fmt(t['matched'])}), {len(r.missing)} tanpa dana masuk,"
            f" {len(r.extra)} dana masuk tanpa penjualan",
            f"QRIS {r.day} checked against {r.statement}: {len(r.matched)} matched"
            f" ({money.fmt(t['matched'])}), {len(r.missing)} with no credit,"
            f" {len(r.extra)} credits with no sale",
        )
    ]
    for m in r.matched:
        lines.append(
            f"  {'OK':<6}{m.sale.sale_no}  {money.fmt(m.sale.amount):>12}  "
            + tr(f"baris {m.credit.row}", f"row {m.credit.row}")
            + (f" ({m.credit.reference})" if m.credit.reference else "")
        )
    for s in r.missing:
        lines.append(
            f"  {tr('CEK!', 'CHECK'):<6}{s.sale_no}  {money.fmt(s.amount):>12}  "
            + tr(
                f"{s.at:%H:%M}: tidak ada dana masuk di mutasi",
                f"{s.at:%H:%M}: no credit on the statement",
            )
        )
    for c in r.extra:
        when = c.at.strftime("%H:%M") if c.at else c.day
        lines.append(
            f"  {'+':<6}{'':14}  {money.fmt(c.amount):>12}  "
            + tr(f"baris {c.row}, {when}: tanpa penjualan", f"row {c.row}, {when}: no sale")
            + (f" ({c.reference or c.description})" if c.reference or c.description else "")
        )
    if r.duplicates:
        lines.append(
            tr(
                f"  {r.duplicates} baris ganda di mutasi dihitung sekali",
                f"  {r.duplicates} duplicated statement row(s) counted once",
            )
        )
    return "\n".join(lines)


@qris.command("reconcile")
@click.argument("statement_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "day", help="Business day YYYY-MM-DD (default: today).")
@click.option(
    "--columns",
    help="Map columns by hand: date=HEADER,time=...,amount=...,reference=...,description=... "
    "(a header name or a column number).",
)
@click.option(
    "--window",
    type=click.IntRange(1, 24 * 60),
    default=int(reconcile.DEFAULT_WINDOW.total_seconds() // 60),
    show_default=True,
    help="Minutes between a sale and its credit that still count as a match.",
)
@json_option
@pass_state
def qris_reconcile(
    state: State,
    statement_file: Path,
    day: str | None,
    columns: str | None,
    window: int,
    as_json: bool,
) -> None:
    """Check the day's QRIS sales against the bank or e-wallet statement (CSV or XLSX).

    Lists the matched sales, QRIS sales with no credit (flagged, never changed) and credits
    with no sale; the result is recorded in the ledger. Exit code 1 when something is unmatched.

    \b
    Example:
      bazar-pos qris reconcile mutasi-20260320.csv --date 2026-03-20
      bazar-pos qris reconcile mutasi.xlsx --columns date=Tgl,amount=Nilai,ref=RRN
    """
    ledger = state.ledger()
    prof = profile.load(ledger)
    d = days.parse_day(day) if day else days.business_day(config.now(), prof.tz)
    read = statement.read_statement(
        statement_file, prof.tz, statement.parse_columns(columns) if columns else None
    )
    result = reconcile.reconcile(
        ledger, read, d, window=timedelta(minutes=window), now=config.now()
    )
    emit(as_json, {"ok": result.ok, **result.to_json()}, lambda: _text(result))
    if not result.ok:
        raise click.exceptions.Exit(1)
