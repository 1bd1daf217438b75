"""The language of messages: Indonesian by default, English on request.

Chosen once per process (CLI `--lang`, the booth setting, or `BAZAR_POS_LANG`); services read it
only to pick which of an error's two lines to show.
"""

from __future__ import annotations

import os

LANGS = ("id", "en")
_current: str | None = None


def current() -> str:
    if _current:
        return _current
    env = os.environ.get("BAZAR_POS_LANG", "id")
    return env if env in LANGS else "id"


def set_language(lang: str | None) -> None:
    global _current
    _current = lang if lang in LANGS else None


def tr(id_text: str, en_text: str) -> str:
    """Pick the text for the current language; keeps short UI strings next to their use."""
    return en_text if current() == "en" else id_text
