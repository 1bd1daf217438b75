"""The language of messages: every text a person reads is looked up here by a stable message id.

The words live in gettext catalogs (`locale/{id,en}/LC_MESSAGES/bazar_pos.po`), read with Babel's
PO reader when first needed: the `.po` files are the one source (no compiled `.mo` to rebuild or to
drift), and they ship as package data, so `pip install` alone works. Indonesian is the default.

The language is a value, never a process-wide setting: a `Speaker` is entered for one command or one
app with `speaking(lang)` (a context variable, so it ends with the `with` and concurrent apps or
tests never see each other's), and `text(lang, msgid)` takes it explicitly where a caller has it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from babel.messages.pofile import read_po


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
    """Message id -> text of one language, read once from its `.po` file."""
    po = resources.files("bazar_pos") / "locale" / lang.value / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as fh:
        cat = read_po(fh, locale=lang.value, domain=DOMAIN)
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
