"""Errors a person reads: each carries one line in Bahasa Indonesia and in English.

The CLI prints `message()` and exits non-zero, the TUI shows it as a notification, the hub returns it
as JSON. Nothing else is allowed to reach a user, so every refusal in a service is a `BazarError`.
"""

from __future__ import annotations

from bazar_pos import i18n


class BazarError(Exception):
    """A refusal with a message for people; `code` is stable for scripts and tests."""

    code = "error"
    exit_code = 2

    def __init__(self, id_text: str, en_text: str | None = None, *, code: str | None = None):
        self.texts = {"id": id_text, "en": en_text or id_text}
        if code:
            self.code = code
        super().__init__(self.texts["en"])

    def message(self, lang: str | None = None) -> str:
        return self.texts.get(lang or i18n.current(), self.texts["id"])

    def __str__(self) -> str:
        return self.message()


class InvalidInput(BazarError):
    code = "invalid_input"


class NotFound(BazarError):
    code = "not_found"


class Conflict(BazarError):
    code = "conflict"


class StorageError(BazarError):
    code = "storage"
