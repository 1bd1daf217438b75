"""QRIS payloads and QR codes; a library with no UI, database or CLI of its own."""

from bazar_pos.payments.qr import (
    QrMatrix,
    build_matrix,
    decode_image,
    draw_on_canvas,
    terminal_to_rows,
    to_drawing,
    to_png,
    to_terminal,
)
from bazar_pos.payments.qris import (
    InvalidQris,
    QrisCheck,
    QrisInfo,
    parse_qris,
    to_dynamic,
    validate,
)

__all__ = [
    "InvalidQris",
    "QrMatrix",
    "QrisCheck",
    "QrisInfo",
    "build_matrix",
    "decode_image",
    "draw_on_canvas",
    "parse_qris",
    "terminal_to_rows",
    "to_drawing",
    "to_dynamic",
    "to_png",
    "to_terminal",
    "validate",
]
