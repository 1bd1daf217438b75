"""`summary`: the vendor's own view of the whole event: profit, best sellers, stock left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bazar_pos import money
from bazar_pos.booth import profile, profit
from bazar_pos.cli.base import State, emit, json_option, main, pass_state
from bazar_pos.documents import close_notes, vendor_summary
from bazar_pos.i18n import t


def _text(s: dict[str, Any]) -> str:
    lines = [
        t("cli.summary.title", start=s["from"], end=s["to"]),
        f"  Net: {money.fmt(s['net'])}  {t('cli.summary.cost')}: {money.fmt(s['cost'])}  "
        f"{t('cli.summary.gross_profit')}: {money.fmt(s['profit'])}",
    ]
    for d in s["days"]:
        lines.append(
            f"  {d['date']}  {money.fmt(d['net']):>14}  {money.fmt(d['cost']):>14}"
            f"  {money.fmt(d['profit']):>14}"
        )
    for title, key in (
        (t("summary.best_by_profit"), "by_profit"),
        (t("summary.best_by_qty"), "by_qty"),
    ):
        lines.append(title + ":")
        lines += [
            f"  {r['sku']:<10} {r['name']:<28} {r['qty']:>5}  {money.fmt(r['profit']):>14}"
            for r in s[key]
        ]
    lines.append(t("summary.stock_left") + ":")
    lines += [f"  {r['sku']:<10} {r['name']:<28} {r['stock']:>5}" for r in s["stock"]]
    if s["uncosted"]:
        lines.append(close_notes.uncosted_line(s["uncosted"]))
    return "\n".join(lines)


@main.command("summary")
@click.option("--from", "start", required=True, help="First business day YYYY-MM-DD.")
@click.option("--to", "end", required=True, help="Last business day YYYY-MM-DD.")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path), help="Write it as A4 PDF.")
@json_option
@pass_state
def summary_cmd(state: State, start: str, end: str, pdf: Path | None, as_json: bool) -> None:
    """Your whole event: net, cost, gross profit per day, best sellers, stock left.

    Cost and profit stay on this laptop: they are never sent to the organizer.

    \b
    Example:
      bazar-pos summary --from 2026-03-20 --to 2026-03-22 --pdf ringkasan.pdf
    """
    ledger = state.ledger()
    data = profit.event_summary(ledger, start, end)
    text = _text(data)
    if pdf:
        vendor_summary.write(profile.load(ledger), data, pdf)
        data["pdf"] = str(pdf)
        text += f"\nPDF: {pdf}"
    emit(as_json, data, text)
