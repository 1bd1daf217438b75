"""A name or note a person typed is one line of visible text.

A NUL or ESC stored in a product name later breaks the XLSX report and can repaint a terminal, so
control characters, unpaired surrogates (undecodable bytes in argv) and bidi overrides are refused
where text enters, with the position of the first one.
"""

from __future__ import annotations

import unicodedata

from bazar_pos.errors import InvalidInput
from bazar_pos.i18n import Word

MAX_TEXT = 200  # a booth's, event's or location's name as a bundle carries it (sync/bundle.py)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check(text: str, what: str) -> str:
    """`text` unchanged, or a refusal naming the field (`what`, a message id) and where the hidden
    character is."""
    for i, ch in enumerate(text, start=1):
        if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs"):
            raise InvalidInput("control_char", what=Word(what), ch=_show(ch), i=i)
    return text


def _show(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def fits(text: str, what: str) -> str:
    """`text` unchanged, or a refusal: a longer name would make the hub refuse every bundle of
    that booth (or event), so it is refused where it is typed, at the booth as at the hub."""
    if len(text.strip()) > MAX_TEXT:
        raise InvalidInput("too_long", what=Word(what), n=len(text.strip()), most=MAX_TEXT)
    return text
