"""Every rendering of a dynamic QRIS decodes back, with zxing-cpp, to the exact payload."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFilter
from reportlab.graphics import renderPDF
from reportlab.pdfgen import canvas

from bazar_pos.payments import (
    InvalidQris,
    QrMatrix,
    build_matrix,
    decode_image,
    draw_on_canvas,
    terminal_to_rows,
    to_drawing,
    to_dynamic,
    to_image,
    to_png,
    to_terminal,
)
from tests.test_qris_vectors import VALID

STATIC = VALID[1]
AMOUNTS = [1, 15_000, 250_000, 7_654_321, 10_000_000_000]


def decode(img: Image.Image) -> str:
    """Strict decoding: normal polarity only, so an inverted rendering fails."""
    results = zxingcpp.read_barcodes(img, try_invert=False)
    assert len(results) == 1, "expected exactly one QR"
    return str(results[0].text)


def padded(matrix: QrMatrix, quiet: int) -> list[list[bool]]:
    width = matrix.size + 2 * quiet
    return (
        [[False] * width for _ in range(quiet)]
        + [[False] * quiet + list(row) + [False] * quiet for row in matrix.rows]
        + [[False] * width for _ in range(quiet)]
    )


def grid_image(rows: list[list[bool]], scale: int = 4) -> Image.Image:
    img = Image.new("L", (len(rows[0]), len(rows)), 255)
    img.putdata([0 if dark else 255 for row in rows for dark in row])
    return img.resize((img.width * scale, img.height * scale), Image.Resampling.NEAREST)


def pdf_page(pdf: bytes) -> Image.Image:
    return pdfium.PdfDocument(pdf)[0].render(scale=2).to_pil()


@pytest.fixture(scope="module", params=AMOUNTS, ids=str)
def matrix(request: pytest.FixtureRequest) -> QrMatrix:
    return build_matrix(to_dynamic(STATIC, request.param, "CP07-260320-0001"))


def test_terminal_text_is_the_matrix_with_light_painted(matrix: QrMatrix) -> None:
    lines = to_terminal(matrix, quiet=4)
    side = matrix.size + 8
    assert len(lines) == (side + 1) // 2 and all(len(line) == side for line in lines)
    assert set("".join(lines)) <= set(" ▀▄█") and lines[0] == "█" * side  # light quiet zone
    rows = terminal_to_rows(lines)
    assert rows[:side] == padded(matrix, 4)
    assert rows[side:] == [[False] * side]  # the odd half-row is quiet zone, light
    assert decode(grid_image(rows)) == matrix.payload


def test_only_half_blocks_are_read_back() -> None:
    with pytest.raises(ValueError, match="half-block"):
        terminal_to_rows(["█ x"])


def test_png_decodes_to_the_payload(matrix: QrMatrix, tmp_path: Path) -> None:
    path = tmp_path / "qris.png"
    to_png(matrix, path, scale=3)
    with Image.open(path) as img:
        assert img.format == "PNG" and img.mode == "1"
        assert img.size == ((matrix.size + 8) * 3,) * 2
        assert decode(img) == matrix.payload
    buf = io.BytesIO()
    to_png(matrix, buf)
    buf.seek(0)
    assert decode_image(buf) == matrix.payload


def test_pdf_canvas_and_drawing_decode_to_the_payload(matrix: QrMatrix) -> None:
    drawing = to_drawing(matrix, 150)
    assert len(drawing.contents) == 2  # a white background and one path of dark runs
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 220))
    draw_on_canvas(c, matrix, 30, 30, 140)  # quiet zone from the page's white margin
    renderPDF.draw(drawing, c, 220, 35)
    c.save()
    page = pdf_page(buf.getvalue())  # 2 px per point
    assert decode(page.crop((0, 0, 400, 440))) == matrix.payload
    assert decode(page.crop((400, 0, 800, 440))) == matrix.payload


def test_draw_on_canvas_honours_the_quiet_zone() -> None:
    matrix = build_matrix("HELLO")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(100, 100))
    c.setFillColorRGB(0.5, 0.5, 0.5)  # the caller's fill colour is restored afterwards
    draw_on_canvas(c, matrix, 0, 0, 100, quiet=4)
    c.rect(0, 0, 1, 1, stroke=0, fill=1)
    c.save()
    page = pdf_page(buf.getvalue()).convert("L")
    module = 200 / (matrix.size + 8)
    assert page.getpixel((int(3.5 * module), int(3.5 * module))) == 255  # quiet zone
    assert page.getpixel((int(4.5 * module), int(4.5 * module))) == 0  # finder corner
    assert page.getpixel((0, 199)) not in (0, 255)  # the grey square, bottom left


def test_a_photo_of_the_sticker_is_read(tmp_path: Path) -> None:
    sticker = to_image(build_matrix(STATIC), scale=6).convert("L")
    photo = Image.new("L", (sticker.width + 300, sticker.height + 200), 200)
    photo.paste(sticker, (120, 80))
    photo = photo.rotate(8, expand=True, fillcolor=200).filter(ImageFilter.GaussianBlur(1.2))
    path = tmp_path / "stiker.jpg"
    photo.convert("RGB").save(path, quality=70)
    assert decode_image(path) == STATIC
    assert decode_image(Image.open(path)) == STATIC


def test_with_two_codes_in_the_picture_the_qris_wins() -> None:
    other = to_image(build_matrix("https://example.com/menu"), scale=4)
    qris = to_image(build_matrix(STATIC), scale=4)
    both = Image.new("1", (other.width + qris.width, max(other.height, qris.height)), 1)
    both.paste(other, (0, 0))
    both.paste(qris, (other.width, 0))
    assert decode_image(both) == STATIC


def test_unreadable_pictures_are_refused_with_a_reason(tmp_path: Path) -> None:
    text = tmp_path / "catatan.png"
    text.write_text("bukan gambar")
    blank = tmp_path / "kosong.png"
    img = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(img).rectangle((50, 50, 150, 150), fill=0)
    img.save(blank)
    cases = [(text, "bad_image"), (tmp_path / "tidak-ada.png", "bad_image"), (blank, "no_qr_found")]
    for path, code in cases:
        with pytest.raises(InvalidQris) as exc:
            decode_image(path)
        assert exc.value.code == code
        assert path.name in exc.value.message("id") and path.name in exc.value.message("en")
        assert not exc.value.message("en").startswith("Invalid QRIS")
    with pytest.raises(InvalidQris) as exc:
        decode_image(tmp_path / "tidak-ada.png")
    assert exc.value.message("en") == f"There is no file {str(tmp_path / 'tidak-ada.png')!r}."
    with pytest.raises(InvalidQris) as exc:
        decode_image(io.BytesIO(b"\x89PNG rusak"))
    assert exc.value.message("en") == "The image cannot be read."


def test_a_payload_too_long_for_a_qr_is_refused() -> None:
    with pytest.raises(InvalidQris) as exc:
        build_matrix("9" * 8000)
    assert exc.value.code == "too_long_for_qr"
