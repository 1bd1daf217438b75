"""Every rendering of a dynamic QRIS decodes back, with zxing-cpp, to the exact payload."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from reportlab.graphics import renderPDF
from reportlab.pdfgen import canvas

from bazar_pos.payments import (
    InvalidQris,
    build_matrix,
    decode_image,
    draw_on_canvas,
    terminal_to_rows,
    to_drawing,
    to_dynamic,
    to_png,
    to_terminal,
)
from bazar_pos.payments.qr import rows_to_image

STATIC = json.loads((Path(__file__).parent / "data" / "qris_samples.json").read_text())[1][
    "payload"
]
AMOUNTS = [1, 15_000, 987_654, 123_456_789, 10_000_000_000]


def decode(img: object) -> str:
    results = zxingcpp.read_barcodes(img)
    assert results, "no QR found"
    return str(results[0].text)


@pytest.mark.parametrize("amount", AMOUNTS)
def test_png_terminal_and_pdf_decode_to_the_payload(amount: int, tmp_path: Path) -> None:
    payload = to_dynamic(STATIC, amount, "CP07-0320-0001")
    matrix = build_matrix(payload)

    buf = io.BytesIO()
    to_png(matrix, buf)
    buf.seek(0)
    assert decode_image(buf) == payload

    rows = terminal_to_rows(to_terminal(matrix))
    assert decode(rows_to_image(rows)) == payload

    pdf = tmp_path / "qr.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(220, 220))
    draw_on_canvas(c, matrix, 30, 30, 160)
    c.save()
    assert decode(pdfium.PdfDocument(str(pdf))[0].render(scale=3).to_pil()) == payload

    drawing_pdf = tmp_path / "drawing.pdf"
    renderPDF.drawToFile(to_drawing(matrix, 200), str(drawing_pdf))
    assert decode(pdfium.PdfDocument(str(drawing_pdf))[0].render(scale=3).to_pil()) == payload


def test_terminal_rendering_paints_light_modules_with_a_quiet_zone() -> None:
    lines = to_terminal(build_matrix("hello"), quiet=4)
    assert set(lines[0]) == {"█"}  # the quiet zone is light, painted
    assert {len(line) for line in lines} == {len(lines[0])}


def test_decode_image_from_a_sticker_photo(tmp_path: Path) -> None:
    path = tmp_path / "sticker.png"
    to_png(build_matrix(STATIC), path, scale=4)
    assert decode_image(path) == STATIC


def test_decode_image_refuses_non_images_and_blank_pictures(tmp_path: Path) -> None:
    bad = tmp_path / "not.png"
    bad.write_text("hello")
    with pytest.raises(InvalidQris) as exc:
        decode_image(bad)
    assert exc.value.code == "bad_image"
    blank = tmp_path / "blank.png"
    rows_to_image([[False] * 40 for _ in range(40)]).save(blank)
    with pytest.raises(InvalidQris) as exc:
        decode_image(blank)
    assert exc.value.code == "no_qr_found"
