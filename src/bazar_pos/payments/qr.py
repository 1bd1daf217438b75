"""QR codes for payloads: one matrix per sale, drawn for the terminal, PNG and PDF.

Choosing the mask is most of a QR build (~12 ms), so the matrix is built once and every
rendering reads it. qrcode, Pillow, reportlab and zxing-cpp are imported inside the functions
that need them: start-up time matters more than the first render.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from bazar_pos.payments.faults import ErrorCode, Finding, InvalidQris

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True, slots=True)
class QrMatrix:
    """The modules of one QR code (error correction M), without a quiet zone."""

    payload: str
    size: int  # modules per side
    rows: tuple[tuple[bool, ...], ...]  # True = dark module


def build_matrix(payload: str) -> QrMatrix:
    """The QR of `payload`; the expensive step, so build it once per sale and reuse it."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from qrcode.exceptions import DataOverflowError

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(payload)
    try:
        qr.make(fit=True)
    except (DataOverflowError, ValueError) as exc:  # qrcode 8 raises ValueError past version 40
        raise InvalidQris(Finding.of(ErrorCode.TOO_LONG_FOR_QR, n=len(payload))) from exc
    rows = tuple(tuple(bool(m) for m in row) for row in qr.modules)
    return QrMatrix(payload, len(rows), rows)


def _with_quiet_zone(matrix: QrMatrix, quiet: int) -> list[tuple[bool, ...]]:
    """Rows with `quiet` light modules on every side (True = dark)."""
    side = (False,) * quiet
    blank = (False,) * (matrix.size + 2 * quiet)
    return [blank] * quiet + [side + row + side for row in matrix.rows] + [blank] * quiet


_HALF_BLOCKS = " ▀▄█"  # index: 1 if the upper half is painted, + 2 if the lower half is


def to_terminal(matrix: QrMatrix, quiet: int = 4) -> list[str]:
    """The code as lines of text, two module rows per line, painting the LIGHT modules.

    A terminal draws a glyph in its light foreground over a dark background, so the glyphs
    stand for light modules and the background shows through as dark ones: each character is
    ' ', '▀', '▄' or '█' as neither, the upper, the lower or both of its two modules are light.
    That gives dark-on-light with a light quiet zone, which is what phones scan. The odd last
    half-row is painted light, as part of the quiet zone. On a light-themed terminal the text
    must be shown light on dark (ANSI `ESC[97;40m`, Rich style `bright_white on black`), or
    it reads inverted.
    """
    rows = _with_quiet_zone(matrix, quiet)
    if len(rows) % 2:
        rows.append((False,) * len(rows[0]))
    return [
        "".join(
            _HALF_BLOCKS[(not top) + 2 * (not bottom)]
            for top, bottom in zip(upper, lower, strict=True)
        )
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


def terminal_to_rows(lines: list[str]) -> list[list[bool]]:
    """The module grid (True = dark, quiet zone included) that `to_terminal` lines show.

    Two rows per line; a character other than the four half blocks raises ValueError, since
    such text is not a rendering of ours.
    """
    rows: list[list[bool]] = []
    for line in lines:
        cells = [_HALF_BLOCKS.index(ch) if ch in _HALF_BLOCKS else -1 for ch in line]
        if -1 in cells:
            raise ValueError(f"not a half-block QR line: {line!r}")
        rows.append([not cell & 1 for cell in cells])
        rows.append([not cell & 2 for cell in cells])
    return rows


def to_image(matrix: QrMatrix, scale: int = 8, quiet: int = 4) -> PilImage:
    """A 1-bit Pillow image, `scale` pixels per module, black on white."""
    from PIL import Image

    rows = _with_quiet_zone(matrix, quiet)
    width = len(rows[0])
    data = b"".join(bytes(0 if dark else 255 for dark in row) for row in rows)
    img = Image.frombytes("L", (width, len(rows)), data).convert("1", dither=Image.Dither.NONE)
    return img.resize((width * scale, len(rows) * scale), Image.Resampling.NEAREST)


def to_png(
    matrix: QrMatrix, dest: str | os.PathLike[str] | IO[bytes], scale: int = 8, quiet: int = 4
) -> None:
    """Write the code as a PNG file (a path or a binary file object)."""
    to_image(matrix, scale, quiet).save(dest, format="PNG")


def _dark_runs(matrix: QrMatrix) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules."""
    runs = []
    for r, row in enumerate(matrix.rows):
        start = None
        for c, dark in enumerate((*row, False)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                runs.append((r, start, c - start))
                start = None
    return runs


def draw_on_canvas(
    canvas: Canvas, matrix: QrMatrix, x: float, y: float, size: float, quiet: int = 0
) -> None:
    """Draw the code as one filled path on a reportlab canvas.

    (x, y) is the lower-left corner of a `size` square that includes `quiet` modules of margin,
    left unpainted: the page is the light background. One path of horizontal runs renders
    without seams and is ~6x faster than reportlab's QrCodeWidget.
    """
    module = size / (matrix.size + 2 * quiet)
    top = y + size - quiet * module
    left = x + quiet * module
    path = canvas.beginPath()
    for r, c, n in _dark_runs(matrix):
        path.rect(left + c * module, top - (r + 1) * module, n * module, module)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def to_drawing(matrix: QrMatrix, size: float, quiet: int = 4) -> Drawing:
    """A reportlab Drawing `size` points square (quiet zone included, painted white)."""
    from reportlab.graphics.shapes import Drawing, Path, Rect
    from reportlab.lib import colors

    module = size / (matrix.size + 2 * quiet)
    top = size - quiet * module
    left = quiet * module
    path = Path(fillColor=colors.black, strokeColor=None, strokeWidth=0)
    for r, c, n in _dark_runs(matrix):
        x0, x1 = left + c * module, left + (c + n) * module
        y1 = top - r * module
        y0 = y1 - module
        path.moveTo(x0, y0)
        path.lineTo(x1, y0)
        path.lineTo(x1, y1)
        path.lineTo(x0, y1)
        path.closePath()
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, fillColor=colors.white, strokeColor=None))
    drawing.add(path)
    return drawing


def decode_image(source: str | os.PathLike[str] | IO[bytes] | PilImage) -> str:
    """The text of the QR in a photo or screenshot (the vendor's QRIS sticker).

    When the picture holds several QR codes, the first that looks like an EMV payload wins.
    """
    import zxingcpp
    from PIL import Image

    fault: dict[str, str] = {"variant": "unnamed"}
    if isinstance(source, str | os.PathLike):
        fault = {"value": repr(os.fspath(source))}
        if not os.path.isfile(source):
            raise InvalidQris(Finding.of(ErrorCode.BAD_IMAGE, variant="missing", **fault))
    try:
        img = source if isinstance(source, Image.Image) else Image.open(source)
        img.load()
        gray = img.convert("L")
    except Exception as exc:  # Pillow's decoders raise many types for a broken file
        raise InvalidQris(Finding.of(ErrorCode.BAD_IMAGE, **fault)) from exc
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    texts = [str(r.text) for r in zxingcpp.read_barcodes(gray, formats=qr_only)]
    if not texts:
        raise InvalidQris(Finding.of(ErrorCode.NO_QR_FOUND, **fault))
    return next((t for t in texts if t.startswith("000201")), texts[0])
