"""QR codes for payloads: one matrix per sale, drawn for the terminal, PNG and PDF.

Choosing the mask is most of a QR build (~12 ms), so the matrix is built once and every
rendering reads it. Heavy libraries are imported inside the functions that need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bazar_pos.payments.qris import Finding, InvalidQris


@dataclass(frozen=True)
class QrMatrix:
    payload: str
    rows: tuple[tuple[bool, ...], ...]  # True = dark module; no quiet zone

    @property
    def size(self) -> int:
        return len(self.rows)


def build_matrix(payload: str) -> QrMatrix:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(payload)
    qr.make(fit=True)
    return QrMatrix(payload, tuple(tuple(bool(c) for c in row) for row in qr.get_matrix()))


def padded(matrix: QrMatrix, quiet: int = 4) -> list[list[bool]]:
    """The matrix inside a light quiet zone of `quiet` modules."""
    width = matrix.size + 2 * quiet
    blank = [False] * width
    body = [[False] * quiet + list(r) + [False] * quiet for r in matrix.rows]
    return [list(blank) for _ in range(quiet)] + body + [list(blank) for _ in range(quiet)]


_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
_FROM_HALF = {v: k for k, v in _HALF.items()}


def to_terminal(matrix: QrMatrix, quiet: int = 4) -> list[str]:
    """Half blocks, two module rows per line, painting the LIGHT modules.

    Terminals draw the glyph in the (light) foreground over a dark background, so painting the
    light modules shows a dark-on-light code with a light quiet zone, which phones scan. Shown
    with a light-on-dark style the same text is what a scanner expects.
    """
    grid = padded(matrix, quiet)
    if len(grid) % 2:
        grid.append([False] * len(grid[0]))
    return [
        "".join(
            _HALF[(not top, not bottom)] for top, bottom in zip(grid[y], grid[y + 1], strict=True)
        )
        for y in range(0, len(grid), 2)
    ]


def terminal_to_rows(lines: list[str]) -> list[list[bool]]:
    """Invert `to_terminal`: the module grid (True = dark), quiet zone included."""
    rows: list[list[bool]] = []
    for line in lines:
        halves = [_FROM_HALF.get(ch, (False, False)) for ch in line]
        rows.append([not top for top, _ in halves])
        rows.append([not bottom for _, bottom in halves])
    return rows


def rows_to_image(rows: list[list[bool]], scale: int = 8) -> Any:
    """A PIL image of a module grid (True = dark)."""
    from PIL import Image

    height, width = len(rows), len(rows[0])
    img = Image.new("1", (width, height), 1)
    img.putdata([0 if dark else 1 for row in rows for dark in row])
    return img.resize((width * scale, height * scale), Image.Resampling.NEAREST)


def to_png(matrix: QrMatrix, dest: str | Path | IO[bytes], scale: int = 8, quiet: int = 4) -> None:
    rows_to_image(padded(matrix, quiet), scale).save(dest, format="PNG")


def draw_on_canvas(canvas: Any, matrix: QrMatrix, x: float, y: float, size: float) -> None:
    """Dark modules as one path of horizontal runs; (x, y) is the lower-left corner."""
    module = size / matrix.size
    path = canvas.beginPath()
    for r, row in enumerate(matrix.rows):
        top = y + size - (r + 1) * module
        c = 0
        while c < matrix.size:
            if row[c]:
                start = c
                while c < matrix.size and row[c]:
                    c += 1
                path.rect(x + start * module, top, (c - start) * module, module)
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def to_drawing(matrix: QrMatrix, size: float) -> Any:
    """A reportlab Drawing (for platypus flows) with the quiet zone included in `size`."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    grid = padded(matrix, 4)
    module = size / len(grid)
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, fillColor=colors.white, strokeColor=None))
    for r, row in enumerate(grid):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                drawing.add(
                    Rect(
                        start * module,
                        size - (r + 1) * module,
                        (c - start) * module,
                        module,
                        fillColor=colors.black,
                        strokeColor=None,
                        strokeWidth=0,
                    )
                )
            else:
                c += 1
    return drawing


def decode_image(source: str | Path | Any) -> str:
    """The text of the first QR in a photo or screenshot (a vendor's QRIS sticker)."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        img = source if isinstance(source, Image.Image) else Image.open(source)
        img.load()
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise InvalidQris(Finding("bad_image", str(source))) from exc
    for candidate in (img.convert("L"), img.convert("L").resize((img.width * 2, img.height * 2))):
        results = zxingcpp.read_barcodes(candidate)
        if results:
            return str(results[0].text)
    raise InvalidQris(Finding("no_qr_found", str(source)))
