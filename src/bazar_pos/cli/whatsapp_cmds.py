"""The struk on the customer's phone: the booth's WhatsApp number and a sale's `wa.me` QR."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from bazar_pos import config
from bazar_pos.booth import profile, whatsapp
from bazar_pos.booth import settings as booth_settings
from bazar_pos.cli.base import State, emit, json_option, pass_state, pin_option
from bazar_pos.cli.receipt_cmds import settings
from bazar_pos.errors import StorageError, os_reason
from bazar_pos.i18n import t
from bazar_pos.payments import build_matrix, to_png, to_terminal
from bazar_pos.services import receipts


@settings.command("booth")
@click.option(
    "--whatsapp",
    "whatsapp_number",
    help="The booth's WhatsApp number: 0812-3456-7890, +62812... or 62812...; '' clears.",
)
@click.option(
    "--whatsapp-after-sale/--no-whatsapp-after-sale",
    "after_sale",
    default=None,
    help="Show the struk's WhatsApp QR in Kasir after every sale.",
)
@pin_option
@json_option
@pass_state
def settings_booth(
    state: State,
    whatsapp_number: str | None,
    after_sale: bool | None,
    owner_pin: str | None,
    as_json: bool,
) -> None:
    """The booth's WhatsApp number, to which customers send their struk from a QR.

    \b
    Example:
      bazar-pos settings booth --whatsapp 0812-3456-7890 --whatsapp-after-sale
    """
    ledger = state.ledger()
    changing = whatsapp_number is not None or after_sale is not None
    with state.owner(owner_pin) if changing else contextlib.nullcontext():
        prof = (
            whatsapp.set_number(ledger, whatsapp_number, now=config.now())
            if whatsapp_number is not None
            else profile.load(ledger)
        )
        if after_sale is not None:
            booth_settings.update(ledger, {"whatsapp_after_sale": after_sale}, now=config.now())
    value = prof.get("whatsapp")
    every = booth_settings.load(ledger).whatsapp_after_sale
    emit(
        as_json,
        {"whatsapp": value, "whatsapp_after_sale": every},
        f"whatsapp: {'+' + value if value else '-'}\nwhatsapp_after_sale: {every}",
    )


def whatsapp_receipt(state: State, sale_no: str, png: Path | None, as_json: bool) -> None:
    """`receipt SALE --whatsapp`: print the link and its QR, and write the QR as a PNG."""
    ledger = state.ledger()
    made = whatsapp.for_sale(ledger, sale_no)
    matrix = build_matrix(made.link)
    target = png or receipts.receipts_dir(ledger) / f"{made.sale_no}-whatsapp.png"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        to_png(matrix, target)
    except OSError as exc:
        raise StorageError("io:cannot_write_2", target=target, strerror=os_reason(exc)) from exc
    emit(
        as_json,
        {
            "sale_no": made.sale_no,
            "whatsapp": made.number,
            "link": made.link,
            "text": made.text,
            "summarised": made.summarised,
            "png": str(target),
            "qr_modules": matrix.size,
        },
        lambda: "\n".join(
            [
                *to_terminal(matrix),
                t("cli.whatsapp.scan_with_the_customer_s"),
                made.link,
                f"PNG: {target}",
            ]
        ),
    )
