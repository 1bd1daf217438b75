"""Errors a person reads: each carries a message id and its parameters, worded at the edge.

The CLI prints `message()` and exits non-zero, the TUI shows it as a notification, the hub returns it
as JSON. Nothing else is allowed to reach a user, so every refusal in a service is a `BazarError`.
The message id is `code` or `code:variant` (one code, several wordings); `code` is stable for
scripts and tests, the words live in the catalogs (`i18n`).
"""

from __future__ import annotations

import errno
from typing import Self

from bazar_pos import i18n


class BazarError(Exception):
    """A refusal with a message for people; `code` is stable for scripts and tests."""

    code = "error"
    exit_code = 2

    def __init__(self, msgid: str | None = None, /, **params: object):
        self.msgid = msgid or self.code
        self.code = self.msgid.split(":", 1)[0]
        self.params = params
        super().__init__(self.msgid)

    def coded(self, code: str) -> Self:
        """The same refusal under another stable code: a wrapper's words say where, `code` what."""
        self.code = code
        return self

    def message(self, lang: str | None = None) -> str:
        lang = lang or i18n.current()
        params = {
            k: v.message(lang) if isinstance(v, BazarError) else v for k, v in self.params.items()
        }
        return i18n.text(lang, self.msgid, **params)

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


_OS_WORDS = frozenset({"ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOSPC", "EROFS"})


def os_reason(exc: OSError) -> BazarError | str:
    """Why the system refused a file, worded in the reader's language where the catalogs have
    the words (the common ones); the system's own (English) words otherwise."""
    name = errno.errorcode.get(exc.errno or 0, "")
    return BazarError(f"os:{name}") if name in _OS_WORDS else (exc.strerror or str(exc))
