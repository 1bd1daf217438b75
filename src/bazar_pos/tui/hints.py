"""Refusals as the app says them: the screen and key that fix it, never a command to type.

The domain's messages name CLI commands (the CLI prints them as they are); inside the app the
same refusal points at the screen and key instead. Keyed by the error's stable code: the app's
words for code `c` are the message `hint.c`, filled in with the refusal's own figures.
"""

from __future__ import annotations

from bazar_pos.errors import BazarError
from bazar_pos.i18n import t

HINTS = frozenset(
    {
        "no_qris",
        "day_closed",
        "no_printer",
        "no_secret",
        "has_refunds",
        "other_event",
        "no_whatsapp",
    }
)


def say(exc: BazarError) -> str:
    """One line for the vendor, in the current language (a code's variant keeps its words)."""
    if exc.code in HINTS and ":" not in exc.msgid:
        return t(f"hint.{exc.code}", **exc.params)
    return exc.message()
