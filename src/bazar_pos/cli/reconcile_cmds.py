"""`qris reconcile`: the day's QRIS sales checked against the merchant's statement."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click

from bazar_pos import config, money
from bazar_pos.booth import days, profile, reconcile, statement
from bazar_pos.cli.base import State, emit, json_option, pass_state
from bazar_pos.cli.qris_cmds import qris
from bazar_pos.i18n import t


def _text(r: reconcile.Reconciliation) -> str:
    tot = r.to_json()["totals"]
    lines = [
        t(
            "cli.reconcile.qris_checked_against_matched_with",
            day=r.day,
            statement=r.statement,
            matched=len(r.matched),
            matched2=money.fmt(tot["matched"]),
            missing=len(r.missing),
            extra=len(r.extra),
        )
    ]
    for m in r.matched:
        lines.append(
            f"  {'OK':<6}{m.sale.sale_no}  {money.fmt(m.sale.amount):>12}  "
            + t("cli.reconcile.row", row=m.credit.row)
            + (f" ({m.credit.reference})" if m.credit.reference else "")
        )
    for s in r.missing:
        lines.append(
            f"  {t('cli.reconcile.check'):<6}{s.sale_no}  {money.fmt(s.amount):>12}  "
            + t("cli.reconcile.no_credit_on_the_statement", at=s.at)
        )
    for c in r.extra:
        when = c.at.strftime("%H:%M") if c.at else c.day
        lines.append(
            f"  {'+':<6}{'':14}  {money.fmt(c.amount):>12}  "
            + t("cli.reconcile.row_no_sale", row=c.row, when=when)
            + (f" ({c.reference or c.description})" if c.reference or c.description else "")
        )
    if r.duplicates:
        lines.append(t("cli.reconcile.duplicated_statement_row_s_counted", duplicates=r.duplicates))
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
