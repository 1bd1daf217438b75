"""The receipt (struk): one layout from a sale, drawn as a PDF roll/A6 or as ESC/POS text.

The layout is a list of rows that both renderers read, so the thermal print and the PDF always
say the same thing. The QR is always a verification code tying the receipt to the ledger entry
(booth, sale number, total, entry hash); a QRIS sale is paid, so its code is printed only as a
reference (bill number and CRC), never as a QR someone could pay again.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bazar_pos import money
from bazar_pos.booth import settings as booth_settings
from bazar_pos.booth.days import parse_stamp
from bazar_pos.booth.models import PAYMENT_METHODS, PaymentMethod, Sale, label
from bazar_pos.booth.profile import Profile
from bazar_pos.documents import dates, fonts
from bazar_pos.errors import InvalidInput, os_reason
from bazar_pos.i18n import t
from bazar_pos.store import faults

MM = 72 / 25.4
PAPERS: dict[str, tuple[float, float | None]] = {  # width, height (None: the roll fits content)
    "58": (58 * MM, None),
    "80": (80 * MM, None),
    "a6": (105 * MM, 148 * MM),
}


@dataclass(frozen=True)
class Row:
    """One printed row: `left` and `right` text; `style` in normal|bold|big|center|title|rule|small,
    or qr (the verification QR, drawn by each renderer its own way)."""

    left: str = ""
    right: str = ""
    style: str = "normal"


def paper_size(paper: str) -> tuple[float, float | None]:
    return PAPERS[booth_settings.paper(paper)]


def method_name(method: str) -> str:
    return label(PaymentMethod(method)) if method in PAYMENT_METHODS else method


def verification_code(prof: Profile, sale: Sale) -> str:
    return f"BZR1|{prof.code}|{sale.sale_no}|{sale.total}|{sale.hash}"


def qr_payload(prof: Profile, sale: Sale) -> str:
    """Always the verification code: a paid sale's receipt must never show a code to pay again."""
    return verification_code(prof, sale)


def qris_reference(sale: Sale) -> str | None:
    """What ties the receipt to the e-wallet statement: the bill number and the code's CRC."""
    if not sale.qris:
        return None
    from bazar_pos.payments import parse_qris

    return f"{parse_qris(sale.qris).bill_number or '-'} · CRC {sale.qris[-4:]}"


def layout(prof: Profile, sale: Sale) -> list[Row]:
    rows = [
        Row(prof.name, style="title"),
        Row(f"{prof.code} · {prof.location}".strip(" ·"), style="center"),
    ]
    if prof.event:
        rows.append(Row(prof.event, style="center"))
    rows += [
        Row(style="rule"),
        Row(t("receipt.no"), sale.sale_no),
        Row(dates.long_datetime(parse_stamp(sale.at), prof.timezone), style="small"),
        Row(style="rule"),
    ]
    if sale.status == "voided":
        rows += [
            Row(t("receipt.voided"), style="big"),
            Row(f"{t('receipt.reason')}: {sale.void_reason or '-'}", style="small"),
        ]
    for ln in sale.lines:  # each line's discount once, under its line
        rows.append(Row(ln.name))
        rows.append(
            Row(f"  {ln.qty} x {money.fmt(ln.unit_price)}", money.fmt(ln.qty * ln.unit_price))
        )
        if ln.discount:
            rows.append(Row(f"  {t('receipt.discount')}", f"-{money.fmt(ln.discount)}"))
    rows.append(Row(style="rule"))
    if sale.discount:  # the lines add up to the subtotal; the sale discount once, below it
        rows.append(Row("Subtotal", money.fmt(sale.subtotal - sale.line_discounts)))
        rows.append(Row(t("receipt.sale_discount"), f"-{money.fmt(sale.discount)}"))
    rows.append(Row("TOTAL", money.fmt(sale.total), style="big"))
    for p in sale.payments:
        rows.append(Row(method_name(p.method), money.fmt(p.tendered or p.amount)))
        if p.method == "cash" and p.change:
            rows.append(Row(t("receipt.change"), money.fmt(p.change)))
    reference = qris_reference(sale)
    if reference:
        rows.append(Row(t("receipt.qris_ref"), reference, style="small"))
    if sale.refunded:
        rows.append(Row(t("receipt.refunded"), f"-{money.fmt(sale.refunded)}", style="bold"))
    rows.append(Row(style="rule"))
    return rows


def footer_rows(prof: Profile) -> list[Row]:
    rows = [Row(t("receipt.receipt_verification_code"), style="small")]
    footer = str(prof.get("receipt_footer") or t("receipt.thank_you"))
    rows += [Row(line, style="center") for line in footer.splitlines() if line.strip()]
    return rows


def receipt_rows(prof: Profile, sale: Sale) -> list[Row]:
    """The whole receipt in its one order, for paper and PDF alike: the sale, the verification
    QR, then its caption and the footer under it."""
    return [*layout(prof, sale), Row(style="qr"), *footer_rows(prof)]


# -- PDF ---------------------------------------------------------------------------------------

_SIZES = {"normal": 8.0, "bold": 8.0, "center": 8.0, "title": 11.0, "big": 11.0, "small": 7.0}


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [""]


def render_pdf(prof: Profile, sale: Sale, dest: Path | Any, *, paper: str = "58") -> None:
    """Draw the receipt; a roll's page is exactly as long as its content, A6 pages break."""
    from reportlab.pdfgen import canvas as pdfcanvas

    fonts.register()
    width, fixed_height = paper_size(paper)
    margin = 3 * MM if width < 70 * MM else 5 * MM
    inner = width - 2 * margin
    qr_size = min(inner, 40 * MM)
    rows = _measure(receipt_rows(prof, sale), inner, _qr_drawer(qr_payload(prof, sale), qr_size))
    needed = sum(h for h, _ in rows) + 2 * MM + 2 * margin  # a little paper below the footer
    height = fixed_height or needed
    c = pdfcanvas.Canvas(dest, pagesize=(width, height), pageCompression=1)
    c.setTitle(f"{prof.name} {sale.sale_no}")
    c.setAuthor(f"bazar-pos {prof.code}")
    y = height - margin

    def room(h: float) -> None:
        nonlocal y
        if y - h < margin:
            c.showPage()
            y = height - margin

    for h, draw in rows:
        room(h)
        draw(c, margin, y, inner)
        y -= h
    c.save()


def _qr_drawer(payload: str, size: float) -> tuple[float, Any]:
    from bazar_pos.payments import build_matrix, draw_on_canvas

    def draw(c: Any, x: float, y: float, inner: float) -> None:
        draw_on_canvas(
            c,
            build_matrix(payload),
            x + (inner - size) / 2,
            y - size - MM,
            size,
            quiet=4,  # the spec's four light modules, so text above and below never touches it
        )

    return size + 2 * MM, draw


def _measure(rows: list[Row], inner: float, qr: tuple[float, Any]) -> list[tuple[float, Any]]:
    """Each row becomes (height, draw function), so the roll length is known before drawing."""
    out: list[tuple[float, Any]] = []
    for row in rows:
        if row.style == "qr":
            out.append(qr)
            continue
        size = _SIZES.get(row.style, 8.0)
        lead = size * 1.3
        font = fonts.FONT_BOLD if row.style in ("bold", "big", "title") else fonts.FONT
        if row.style == "rule":
            out.append((lead * 0.7, _rule))
            continue
        right_w = _text_width(row.right, font, size) + 4 if row.right else 0
        lines = _wrap(row.left, font, size, inner - right_w)
        if row.right and _text_width(lines[-1], font, size) + right_w > inner:
            lines = [*_wrap(row.left, font, size, inner), ""]  # too wide beside: a line below
        centered = row.style in ("title", "center", "small") and not row.right
        for i, text in enumerate(lines):
            right = row.right if i == len(lines) - 1 else ""
            out.append((lead, _text_drawer(text, right, font, size, centered)))
    return out


def _text_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def _rule(c: Any, x: float, y: float, inner: float) -> None:
    c.saveState()
    c.setDash(2, 2)
    c.setLineWidth(0.5)
    c.line(x, y - 3, x + inner, y - 3)
    c.restoreState()


def _text_drawer(text: str, right: str, font: str, size: float, centered: bool) -> Any:
    def draw(c: Any, x: float, y: float, inner: float) -> None:
        c.setFont(font, size)
        base = y - size
        if centered:
            c.drawCentredString(x + inner / 2, base, text)
        else:
            c.drawString(x, base, text)
        if right:
            c.drawRightString(x + inner, base, right)

    return draw


def write_atomic(path: Path, render: Any) -> Path:
    """Render into a temp file beside `path`, then rename: a crash never leaves half a PDF."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise InvalidInput("unwritable", parent=path.parent, strerror=os_reason(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            render(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk or a pulled USB stick, named
            raise faults.from_os(exc, path) from exc
        raise
    return path


# -- text (ESC/POS) ----------------------------------------------------------------------------


def text_lines(prof: Profile, sale: Sale, columns: int = 32) -> list[tuple[str, str]]:
    """The layout as (style, text) lines of exactly `columns` characters or fewer; the QR's place
    is the line ("qr", "")."""
    import textwrap

    out: list[tuple[str, str]] = []
    for row in receipt_rows(prof, sale):
        if row.style == "rule":
            out.append(("normal", "-" * columns))
            continue
        if row.style == "qr":
            out.append(("qr", ""))
            continue
        room = columns - len(row.right) - 1 if row.right else columns
        wrapped = textwrap.wrap(row.left, max(room, 8)) or [""]
        if row.right and len(wrapped[-1]) + 1 + len(row.right) > columns:
            # too wide beside its label (a long booth code's sale number): right-aligned below
            wrapped = textwrap.wrap(row.left, columns)
            out += [(row.style, piece) for piece in wrapped]
            out += [
                (row.style, piece.rjust(columns)) for piece in textwrap.wrap(row.right, columns)
            ]
            continue
        for i, piece in enumerate(wrapped):
            right = row.right if i == len(wrapped) - 1 else ""
            line = piece
            if right:
                line = piece + " " * (columns - len(piece) - len(right)) + right
            elif row.style in ("title", "center", "small"):
                line = piece.center(columns).rstrip()
            out.append((row.style, line))
    return out
