"""End of day: cash movements, close and reopen, the Z report, the signed bundle, sync, join."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bazar_pos import config, money
from bazar_pos.booth import cash, close, days, profile, validate
from bazar_pos.booth.totals import day_figures
from bazar_pos.cli.backup_cmds import closing_backup_line
from bazar_pos.cli.base import State, emit, json_option, main, pass_state, pin_option
from bazar_pos.documents import close_notes
from bazar_pos.errors import InvalidInput, NotFound, os_reason
from bazar_pos.i18n import Word, t
from bazar_pos.services import closing
from bazar_pos.sync import bundle, outbox


def _day(state: State, day: str | None) -> str:
    ledger = state.ledger()
    return days.parse_day(day) if day else days.business_day(config.now(), profile.load(ledger).tz)


@main.group("cash")
def cash_group() -> None:
    """Cash into or out of the drawer that is not a sale."""


def _cash_cmd(
    direction: str, amount: str, reason: str, state: State, as_json: bool, opening: bool = False
) -> None:
    value = cash.move(
        state.ledger(), direction, amount, reason=reason, now=config.now(), opening_float=opening
    )
    emit(
        as_json,
        {"direction": direction, "amount": value, "float": opening},
        t(
            "cli.close.cash",
            direction=Word(f"cash.{direction}"),
            amount=money.fmt(value),
        ),
    )


@cash_group.command("in")
@click.argument("amount")
@click.option("--reason", required=True)
@json_option
@pass_state
def cash_in(state: State, amount: str, reason: str, as_json: bool) -> None:
    """Put cash into the drawer (e.g. more small change).

    \b
    Example:
      bazar-pos cash in 50000 --reason "tambah uang kecil"
    """
    _cash_cmd("in", amount, reason, state, as_json)


@cash_group.command("out")
@click.argument("amount")
@click.option("--reason", required=True)
@json_option
@pass_state
def cash_out(state: State, amount: str, reason: str, as_json: bool) -> None:
    """Take cash out of the drawer (e.g. buying ice).

    \b
    Example:
      bazar-pos cash out 20000 --reason "beli es batu"
    """
    _cash_cmd("out", amount, reason, state, as_json)


@cash_group.command("float")
@click.argument("amount")
@json_option
@pass_state
def cash_float(state: State, amount: str, as_json: bool) -> None:
    """Record the opening float (modal awal) in the drawer.

    \b
    Example:
      bazar-pos cash float 200000
    """
    _cash_cmd("in", amount, "modal awal", state, as_json, opening=True)


def close_json(outcome: closing.CloseOutcome) -> dict[str, Any]:
    s = outcome.summary
    tot = s.totals
    data: dict[str, Any] = {
        "date": s.day,
        "revision": s.revision,
        **day_figures(tot),
        "cash": {k: s.cash[k] for k in ("expected", "counted", "difference")},
        "stock": s.stock,
        "profit": s.profit,
        "reconcile": outcome.reconcile,
        "head_hash": s.head_hash,
    }
    if outcome.sync:
        data["sync"] = outcome.sync.to_json()
    return data


@main.command("close")
@click.option("--date", "day", help="Business day YYYY-MM-DD (default: today).")
@click.option("--cash-counted", help="The cash counted in the drawer, in rupiah.")
@click.option("--denominations", help="Cash by note/coin, e.g. 100000x3,50000x2,2000x5.")
@click.option("--count", "counts", multiple=True, help="Stock counted at close, SKU:QTY; repeat.")
@click.option("--pdf", type=click.Path(dir_okay=False, path_type=Path), help="Write the Z report.")
@click.option("--hub", help="Hub URL (default: from the booth kit).")
@json_option
@pass_state
def close_cmd(
    state: State,
    day: str | None,
    cash_counted: str | None,
    denominations: str | None,
    counts: tuple[str, ...],
    pdf: Path | None,
    hub: str | None,
    as_json: bool,
) -> None:
    """Close the business day: cash count, totals, lock, Z report, send totals to the hub.

    \b
    Example:
      bazar-pos close --cash-counted 1250000 --pdf z-report.pdf
      bazar-pos close --denominations 100000x10,50000x4,20000x2,5000x2
    """
    if cash_counted is None and not denominations:
        raise InvalidInput("no_count")
    ledger = state.ledger()
    outcome = closing.close_and_send(
        ledger,
        _day(state, day),
        counted=money.parse(cash_counted) if cash_counted is not None else None,
        denominations=close.parse_denominations(denominations) if denominations else None,
        stock_counts=validate.item_counts(list(counts), allow_zero=True) or None,
        hub_url=hub,
        pdf=pdf or False,
        now=config.now(),
    )
    data = close_json(outcome)
    saved = closing_backup_line(outcome.backup, data)
    if outcome.zreport:
        data["pdf"] = str(outcome.zreport)
    s = outcome.summary
    lines = [
        t("cli.close.day_closed_revision", day=s.day, revision=s.revision),
        f"  {t('cli.close.sales')}: {s.totals['sales_count']}  Net: {money.fmt(s.totals['net'])}",
        f"  {t('cli.close.cash_expected')}: {money.fmt(s.cash['expected'])}  "
        f"{t('cli.close.counted')}: {money.fmt(s.cash['counted'])}  "
        f"{t('cli.close.difference')}: {money.fmt(s.cash['difference'])}",
        *("  " + line for line in close_notes.profit_lines(s.profit)),
        "  " + close_notes.reconcile_line(outcome.reconcile),
        f"  Hash: {s.head_hash}",
    ]
    if outcome.sync:
        lines.append(_sync_line(outcome.sync))
    if "pdf" in data:
        lines.append(f"  {t('cli.close.z_report')}: {data['pdf']}")
    if saved:
        lines.append(saved)
    emit(as_json, data, "\n".join(lines))


def _sync_line(r: outbox.SyncReport) -> str:
    if r.unreachable:
        return t("cli.close.hub_unreachable_bundle_s_wait", waiting=r.waiting)
    text = t("cli.close.sent_to_the_hub", sent=r.sent)
    for rej in r.rejected:
        text += "\n  " + t("cli.close.refused_by_the_hub", reason=rej["reason"])
    return text


@main.command()
@click.option("--date", "day", required=True)
@click.option("--reason", required=True)
@pin_option
@json_option
@pass_state
def reopen(state: State, day: str, reason: str, owner_pin: str | None, as_json: bool) -> None:
    """Reopen a closed day (a new close makes the next revision).

    \b
    Example:
      bazar-pos reopen --date 2026-03-20 --reason "lupa catat penjualan"
    """
    with state.owner(owner_pin):
        nxt = close.reopen(state.ledger(), day, reason=reason, now=config.now())
    emit(
        as_json,
        {"date": days.parse_day(day), "next_revision": nxt},
        t("cli.close.day_reopened_the_next_close", day=day, nxt=nxt),
    )


@main.command()
@click.option("--date", "day", help="Business day (default: today).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@pass_state
def export(state: State, day: str | None, output: Path) -> None:
    """Write a closed day's signed totals bundle to a file (USB, chat).

    \b
    Example:
      bazar-pos export --date 2026-03-20 -o CP-07-2026-03-20.json
    """
    signed = closing.export_bundle(state.ledger(), _day(state, day), now=config.now())
    try:
        output.write_text(bundle.dumps(signed), encoding="utf-8")
    except OSError as exc:
        raise InvalidInput("io", output=output, strerror=os_reason(exc)) from exc
    click.echo(t("cli.close.bundle_written", output=output))


@main.command()
@click.option("--hub", help="Hub URL (default: from the booth kit).")
@json_option
@pass_state
def sync(state: State, hub: str | None, as_json: bool) -> None:
    """Send every bundle waiting in the outbox to the hub; what fails waits for next time.

    \b
    Example:
      bazar-pos sync --hub http://192.168.1.10:8765
    """
    ledger = state.ledger()
    if not (hub or profile.load(ledger).get("hub_url")):
        raise NotFound("no_secret")  # not "hub unreachable": there is no hub to reach
    report = outbox.push(ledger, hub_url=hub, now=config.now())
    emit(
        as_json,
        report.to_json(),
        _sync_line(report).strip()
        + (t("cli.close.waiting", waiting=report.waiting) if not report.unreachable else ""),
    )


@main.command("join")
@click.argument("kit", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_state
def join_cmd(state: State, kit: Path, as_json: bool) -> None:
    """Set up this booth from the kit file the organizer gave you.

    \b
    Example:
      bazar-pos join CP-07.kit.json
    """
    k, report = closing.join(state.ledger(create=True), kit, now=config.now())
    data: dict[str, Any] = {"booth": k.booth, "event": k.event, "hub_url": k.hub_url}
    text = t(
        "cli.close.booth_joined_hub",
        booth=k.booth,
        name=k.name,
        event=k.event,
        value=k.hub_url or "-",
    )
    if report and (report.sent or report.waiting or report.rejected):
        data["sync"] = report.to_json()
        text += "\n" + _sync_line(report)
    emit(as_json, data, text)
