"""Shared platypus pieces for A4 reports: styles in the embedded font, tables with a header row."""

from __future__ import annotations

from typing import Any

from bazar_pos.documents import fonts


def styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()
    return {
        "title": ParagraphStyle(
            "title",
            fontName=fonts.FONT_BOLD,
            fontSize=16,
            leading=20,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=fonts.FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,  # a heading never ends a page without what it heads
        ),
        "body": ParagraphStyle("body", fontName=fonts.FONT, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=fonts.FONT, fontSize=7, leading=9),
    }


def table(rows: list[list[Any]], widths: list[float] | None = None, numeric_from: int = 1) -> Any:
    """A table whose first row repeats on every page; numbers right-aligned from a column on."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.FONT, 8),
                ("FONT", (0, 0), (-1, 0), fonts.FONT_BOLD, 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#33475b")),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def a4(dest: Any, title: str, bottom_mm: float = 15) -> Any:
    """An A4 page with the margins every report of ours uses."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        dest,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=bottom_mm * mm,
        title=title,
        author="bazar-pos",
    )
