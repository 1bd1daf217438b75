"""The embedded font: DejaVu Sans Condensed covers Latin with diacritics and common symbols.

Shipped in the package (Bitstream Vera / DejaVu licence, see fonts/LICENSE-DejaVu.txt) so a
fresh laptop prints "Kué Lapis Légit" or "€" as text, never as boxes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT = "BazarSans"
FONT_BOLD = "BazarSans-Bold"
_DIR = Path(__file__).parent / "fonts"


@cache
def register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(_DIR / "DejaVuSansCondensed.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_DIR / "DejaVuSansCondensed-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
