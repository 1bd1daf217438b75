"""Receipt commands: write or print a sale's receipt, and the booth's receipt settings."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import click

from bazar_pos import config
from bazar_pos.booth import settings as booth_settings
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
from bazar_pos.errors import BazarError
from bazar_pos.i18n import t
from bazar_pos.services import receipts

PAPER = click.Choice(list(booth_settings.PAPERS), case_sensitive=False)


@main.command()
@click.argument("sale_no")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (default: receipts/ beside the database).",
)
@click.option("--paper", type=PAPER, help="Roll width 58 or 80 mm, or A6 (default: the setting).")
@click.option(
    "--printer", help="Also print: usb:VID:PID, serial:/dev/ttyUSB0, net:HOST:PORT, file:PATH."
)
@click.option(
    "--whatsapp",
    is_flag=True,
    help="Instead: print the wa.me link and QR for the customer's phone (-o names the PNG).",
)
@json_option
@pass_state
def receipt(
    state: State,
    sale_no: str,
    output: Path | None,
    paper: str | None,
    printer: str | None,
    whatsapp: bool,
    as_json: bool,
) -> None:
    """Write a sale's receipt as PDF (and print it on a thermal printer).

    \b
    Example:
      bazar-pos receipt CP07-260320-0001 --paper 58
      bazar-pos receipt CP07-260320-0001 --printer usb:0416:5011
      bazar-pos receipt CP07-260320-0001 --whatsapp
    """
    if whatsapp:
        from bazar_pos.cli.whatsapp_cmds import whatsapp_receipt

        whatsapp_receipt(state, sale_no, output, as_json)
        return
    ledger = state.ledger()
    path = receipts.write_receipt(ledger, sale_no, path=output, paper=paper)
    if printer:
        receipts.print_receipt(ledger, sale_no, printer)
    emit(
        as_json,
        {"sale_no": sale_no.upper(), "receipt": str(path), "printed": bool(printer)},
        t("cli.receipt.receipt_written", path=path)
        + (t("cli.receipt.and_printed") if printer else ""),
    )


def _receipt_after_sale(ctx: click.Context, sale: Sale, data: dict[str, Any]) -> None:
    """`sell --receipt`: the sale is committed already; a failure here is only a warning."""
    wanted = ctx.params.get("receipt")
    if wanted is None:
        return
    state: State = ctx.obj
    ledger = state.ledger()
    text = data.setdefault("_text", [])
    try:
        issued = receipts.issue(ledger, sale.sale_no, path=Path(wanted) if wanted else None)
    except BazarError as exc:
        data["receipt_error"] = exc.message()
        click.echo(f"{t('cli.receipt.warning')}: {exc.message()}", err=True)
        return
    data["receipt"] = str(issued.path)
    text.append(t("cli.receipt.receipt", path=issued.path))
    if issued.printed:
        data["printed"] = True
    if issued.printer_error:
        data["receipt_error"] = issued.printer_error.message()
        click.echo(f"{t('cli.receipt.warning')}: {issued.printer_error.message()}", err=True)


SALE_HOOKS.append(_receipt_after_sale)


@main.group()
def settings() -> None:
    """Booth settings: receipt text, paper and printer."""


@settings.command("receipt")
@click.option(
    "--footer", help="Text under the receipt (thanks, Instagram, WhatsApp); \\n for lines."
)
@click.option("--paper", type=PAPER)
@click.option(
    "--printer", help="usb:VID:PID, serial:/dev/ttyUSB0, net:HOST:PORT or file:PATH; '' clears."
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for receipt PDFs.",
)
@pin_option
@json_option
@pass_state
def settings_receipt(
    state: State,
    owner_pin: str | None,
    footer: str | None,
    paper: str | None,
    printer: str | None,
    folder: Path | None,
    as_json: bool,
) -> None:
    """Store the booth's receipt footer, paper size, printer and folder.

    \b
    Example:
      bazar-pos settings receipt --footer "Terima kasih! IG @kuebusari" --paper 58
    """
    values: dict[str, Any] = {}
    if footer is not None:
        values["receipt_footer"] = footer.replace("\\n", "\n").strip()
    if paper is not None:
        values["receipt_paper"] = paper
    if printer is not None:
        values["printer"] = printer
    if folder is not None:
        values["receipt_dir"] = str(folder.resolve())
    now = config.now()
    with state.owner(owner_pin) if values else contextlib.nullcontext():
        current_settings = booth_settings.update(state.ledger(), values, now=now)
    current = {
        k: getattr(current_settings, k)
        for k in ("receipt_footer", "receipt_paper", "printer", "receipt_dir")
    }
    emit(
        as_json,
        current,
        "\n".join(f"{k}: {v if v is not None else '-'}" for k, v in current.items()),
    )
