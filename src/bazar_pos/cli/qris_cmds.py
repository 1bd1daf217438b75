"""QRIS commands: set the booth's static code, check any code, show a code for an amount."""

from __future__ import annotations

from pathlib import Path

import click

from bazar_pos import config, money
from bazar_pos.booth import qris_setting
from bazar_pos.booth.models import Sale
from bazar_pos.cli.base import (
    SALE_HOOKS,
    State,
    emit,
    json_option,
    main,
    pass_state,
    pin_option,
)
from bazar_pos.errors import InvalidInput, os_reason
from bazar_pos.i18n import t
from bazar_pos.payments import build_matrix, parse_qris, to_png, to_terminal, validate
from bazar_pos.sync.bundle import PaymentMethod


@main.group()
def qris() -> None:
    """QRIS payment codes: set the booth's code, check a code, show one for an amount."""


@qris.command("set")
@click.argument("payload", required=False)
@click.option(
    "--image",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A photo or screenshot of the QRIS sticker.",
)
@pin_option
@json_option
@pass_state
def qris_set(
    state: State, payload: str | None, image: Path | None, owner_pin: str | None, as_json: bool
) -> None:
    """Set the booth's static QRIS from the pasted string or a photo of the sticker.

    \b
    Example:
      bazar-pos qris set "00020101021126...6304ABCD"
      bazar-pos qris set --image stiker-qris.jpg
    """
    if bool(payload) == bool(image):
        raise InvalidInput("usage")
    ledger = state.ledger()
    now = config.now()
    with state.owner(owner_pin):
        info = (
            qris_setting.set_from_image(ledger, image, now=now)
            if image
            else qris_setting.set_static(ledger, str(payload), now=now)
        )
    warnings = [w.message() for w in info.warnings]
    emit(
        as_json,
        {
            "merchant": info.merchant_name,
            "city": info.merchant_city,
            "nmid": info.nmid,
            "acquirer": info.acquirer,
            "warnings": warnings,
        },
        lambda: "\n".join(
            [
                t(
                    "cli.qris.qris_saved_nmid",
                    merchant_name=info.merchant_name,
                    merchant_city=info.merchant_city,
                    value=info.nmid or "-",
                ),
                *(f"{t('cli.qris.warning')}: {w}" for w in warnings),
            ]
        ),
    )


@qris.command("check")
@click.argument("payload")
@json_option
def qris_check(payload: str, as_json: bool) -> None:
    """Check any QRIS string; exit 0 when valid, 1 when not.

    \b
    Example:
      bazar-pos qris check "00020101021126...6304ABCD" --json
    """
    check = validate(payload.strip())
    data = check.to_json()
    lines = [t("cli.qris.qris_valid") if check.valid else t("cli.qris.qris_invalid")]
    lines += [f"  {t('cli.qris.error')} [{e.code}]: {e.message()}" for e in check.errors]
    lines += [f"  {t('cli.qris.warning')} [{w.code}]: {w.message()}" for w in check.warnings]
    if check.valid:
        info = parse_qris(payload.strip())
        amount = money.fmt(info.amount) if info.amount is not None else info.fields.get("54")
        lines.append(
            f"  {info.merchant_name}, {info.merchant_city}" + (f", {amount}" if amount else "")
        )
    emit(as_json, data, "\n".join(lines))
    if not check.valid:
        raise click.exceptions.Exit(1)


def qr_block(payload: str) -> str:
    return "\n".join(to_terminal(build_matrix(payload)))


@qris.command("show")
@click.option("--amount", help="Make a dynamic code for this many rupiah.")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), help="Also write a PNG.")
@json_option
@pass_state
def qris_show(state: State, amount: str | None, png: Path | None, as_json: bool) -> None:
    """Print the booth's QRIS in the terminal, or a dynamic one for an amount.

    \b
    Example:
      bazar-pos qris show --amount 65000 --png qris.png
    """
    ledger = state.ledger()
    value = money.parse(amount, allow_zero=False) if amount else None
    payload = (
        qris_setting.dynamic_for(ledger, value)
        if value is not None
        else qris_setting.static(ledger)
    )
    matrix = build_matrix(payload)
    if png:
        try:
            to_png(matrix, png)
        except OSError as exc:
            raise InvalidInput("io:cannot_write", png=png, strerror=os_reason(exc)) from exc
    emit(
        as_json,
        {"payload": payload, "amount": value, "png": str(png) if png else None},
        lambda: "\n".join(to_terminal(matrix)) + (f"\n{money.fmt(value)}" if value else ""),
    )


def _show_qris_after_sale(ctx: click.Context, sale: Sale, data: dict[str, object]) -> None:
    if sale.qris and not ctx.params.get("as_json"):
        text = data.setdefault("_text", [])
        assert isinstance(text, list)
        text.append(qr_block(sale.qris))
        qris = sum(p.amount for p in sale.payments if p.method == PaymentMethod.QRIS)
        text.append(t("cli.qris.ask_the_customer_to_scan", amount=money.fmt(qris)))


SALE_HOOKS.append(_show_qris_after_sale)
