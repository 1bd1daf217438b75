"""QRIS payloads and QR codes: a library with no UI, database or CLI of its own."""

from bazar_pos.payments.faults import ErrorCode, Finding, InvalidQris, WarningCode
from bazar_pos.payments.qr import (
    QrMatrix,
    build_matrix,
    decode_image,
    draw_on_canvas,
    terminal_to_rows,
    to_drawing,
    to_image,
    to_png,
    to_terminal,
)
from bazar_pos.payments.qris import QrisCheck, QrisInfo, parse_qris, to_dynamic, validate

__all__ = [
    "ErrorCode",
    "Finding",
    "InvalidQris",
    "QrMatrix",
    "QrisCheck",
    "QrisInfo",
    "WarningCode",
    "build_matrix",
    "decode_image",
    "draw_on_canvas",
    "parse_qris",
    "terminal_to_rows",
    "to_drawing",
    "to_dynamic",
    "to_image",
    "to_png",
    "to_terminal",
    "validate",
]
