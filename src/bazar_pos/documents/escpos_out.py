"""Thermal printing over ESC/POS (python-escpos): the receipt's text lines plus a native QR.

A printer is named by a spec: `usb:VID:PID`, `serial:/dev/ttyUSB0`, `net:HOST:PORT`, `file:PATH`.
Printing happens after the sale is committed and after the PDF is written, so a jammed or
missing printer costs a reprint, never a sale.
"""

from __future__ import annotations

import contextlib
from typing import Any

from bazar_pos.booth import settings
from bazar_pos.booth.models import Sale
from bazar_pos.booth.profile import Profile
from bazar_pos.documents.receipt import qr_payload, text_lines
from bazar_pos.errors import BazarError, InvalidInput


class PrinterError(BazarError):
    code = "printer"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _bad_spec(spec: str) -> InvalidInput:
    return InvalidInput("bad_printer:unknown_printer_usb_vid_pid", spec=spec)


def open_printer(spec: str) -> Any:
    """Connect to the printer the spec names; failures are PrinterError with the reason."""
    spec = settings.printer(spec) or ""  # `receipt --printer` is checked as the setting is
    kind, _, rest = spec.partition(":")
    try:
        if kind == "file" and rest:
            from escpos.printer import File

            return File(rest)
        if kind == "net" and rest:
            from escpos.printer import Network

            host, _, port = rest.rpartition(":")
            printer = Network(host or rest, int(port or 9100), timeout=3)
            printer.open()
            return printer
        if kind == "serial" and rest:
            from escpos.printer import Serial

            return Serial(rest)
        if kind == "usb" and rest:
            from escpos.printer import Usb

            vid, _, pid = rest.partition(":")
            return Usb(int(vid, 16), int(pid, 16))
    except ValueError as exc:
        raise _bad_spec(spec) from exc
    except Exception as exc:
        why = _one_line(exc)
        raise PrinterError("printer_unreachable", spec=spec, why=why) from exc
    raise _bad_spec(spec)


def print_receipt(printer: Any, prof: Profile, sale: Sale, columns: int = 32) -> None:
    """Send the receipt; the QR uses the printer's own QR command (GS ( k), in its place."""
    try:
        for style, line in text_lines(prof, sale, columns):
            if style == "qr":
                printer.set(align="center", bold=False, double_height=False)
                printer.qr(qr_payload(prof, sale), size=4, native=True)
                continue
            bold = style in ("bold", "big", "title")
            centered = style in ("title", "center", "small")
            printer.set(
                align="center" if centered else "left", bold=bold, double_height=style == "big"
            )
            printer.textln(line)
        printer.cut()
    except Exception as exc:
        why = _one_line(exc)
        raise PrinterError("printer_failed", why=why, sale_no=sale.sale_no) from exc
    finally:
        close = getattr(printer, "close", None)
        if callable(close):
            with contextlib.suppress(Exception):
                close()
