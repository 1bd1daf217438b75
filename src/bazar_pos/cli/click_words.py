"""Click's own words (`Usage:`, `Options`, `Missing option`, `Try ... for help.`) in `--lang`.

Click marks its texts for gettext, but reads them through the process-wide `gettext` domain, which
follows the machine's locale, never `--lang`; a vendor in an Indonesian run met "Error: Missing
option '--reason'." So Click's modules are given our lookup instead: its English text is the message
id (gettext's own convention), worded from our catalogs in the language of the run.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from bazar_pos import i18n

_MODULES = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)


def gettext(message: str) -> str:
    return i18n.t(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.t(singular if n == 1 else plural)


class _PathKind:
    """A `click.Path`'s kind (file, directory, path), worded when it is said.

    Click words it once, when an option is declared, in whatever language spoke then: `--db` (on
    the root group, declared first) said "File" in an Indonesian run, and every command's own path
    said "Berkas" under `--lang en`.
    """

    def __get__(self, path: click.types.Path | None, owner: type | None = None) -> str:
        if path is None:
            return "path"
        if path.file_okay and not path.dir_okay:
            return gettext("file")
        if path.dir_okay and not path.file_okay:
            return gettext("directory")
        return gettext("path")

    def __set__(self, path: click.types.Path, value: str) -> None:
        """Click's own naming at declaration; the kind is read off the path when said."""


def install() -> None:
    """Point Click's `_` and `ngettext` at the catalogs (idempotent; Click reads them per call)."""
    for module in _MODULES:
        module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    click.types.Path.name = _PathKind()  # type: ignore[assignment]
