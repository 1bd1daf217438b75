"""The language of messages: every text a person reads is looked up here by a stable message id.

The words live in gettext catalogs (`locale/{id,en}/LC_MESSAGES/bazar_pos.po`), read with Babel's
PO reader when first needed: the `.po` files are the one source (no compiled `.mo` to rebuild or to
drift), and they ship as package data, so `pip install` alone works. Indonesian is the default.
Reading a catalog with Babel costs more than the rest of the booth app's start, so what it read is
kept in the user's cache under the hash of the `.po` file: an edited catalog is simply read again.

The language is a value, never a process-wide setting: a `Speaker` is entered for one command or one
app with `speaking(lang)` (a context variable, so it ends with the `with` and concurrent apps or
tests never see each other's), and `text(lang, msgid)` takes it explicitly where a caller has it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs


class Lang(StrEnum):
    ID = "id"
    EN = "en"


LANGS = tuple(Lang)
DOMAIN = "bazar_pos"


@dataclass
class Speaker:
    """The language of one command or one app; the app switches it in place (F-key, Pengaturan)."""

    lang: Lang


_speaker: ContextVar[Speaker | None] = ContextVar("bazar_pos_speaker", default=None)


def as_lang(value: str | None) -> Lang:
    """A language from a setting or an option; anything unknown is the default, Indonesian."""
    return Lang(value) if value in LANGS else Lang.ID


def current() -> Lang:
    """The language of the command or app running now (else `BAZAR_POS_LANG`, else Indonesian)."""
    speaker = _speaker.get()
    if speaker:
        return speaker.lang
    return as_lang(os.environ.get("BAZAR_POS_LANG"))


def speaker() -> Speaker | None:
    return _speaker.get()


@contextmanager
def speaking(lang: str | None) -> Iterator[Speaker]:
    """Speak `lang` inside the block (one CLI command, one app run)."""
    who = Speaker(as_lang(lang))
    token = _speaker.set(who)
    try:
        yield who
    finally:
        _speaker.reset(token)


@contextmanager
def speaking_as(who: Speaker) -> Iterator[Speaker]:
    """Enter an existing speaker (an app's), so a switch of its language reaches every task."""
    token = _speaker.set(who)
    try:
        yield who
    finally:
        _speaker.reset(token)


@dataclass(frozen=True)
class Word:
    """A message id worded later, in the language of the message that holds it (a field's name)."""

    msgid: str


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """Message id -> text of one language, read once from its `.po` file (or the cache of it)."""
    po = resources.files("bazar_pos") / "locale" / lang.value / "LC_MESSAGES" / f"{DOMAIN}.po"
    data = po.read_bytes()
    kept = Path(platformdirs.user_cache_dir("bazar-pos", appauthor=False)) / (
        f"{DOMAIN}-{lang.value}-{hashlib.sha256(data).hexdigest()[:16]}.json"
    )
    with contextlib.suppress(OSError, ValueError):
        words = json.loads(kept.read_text(encoding="utf-8"))
        if isinstance(words, dict):
            return words
    words = _read_po(data, lang)
    with contextlib.suppress(OSError):  # a read-only home only costs the next start the read
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
        partial.replace(kept)  # whole or not at all, whoever writes it at the same time
    return words


def _read_po(data: bytes, lang: Lang) -> dict[str, str]:
    from babel.messages.pofile import read_po

    cat = read_po(io.BytesIO(data), locale=lang.value, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string}


def text(lang: str | None, msgid: str, /, **params: object) -> str:
    """The text of `msgid` in `lang` (Indonesian when the English entry is missing), filled in."""
    words = catalog(as_lang(lang)).get(msgid) or catalog(Lang.ID).get(msgid, msgid)
    if not params:
        return words
    return words.format(
        **{k: text(lang, v.msgid) if isinstance(v, Word) else v for k, v in params.items()}
    )


def t(msgid: str, /, **params: object) -> str:
    """The text of `msgid` in the language of the command or app running now."""
    return text(current(), msgid, **params)
