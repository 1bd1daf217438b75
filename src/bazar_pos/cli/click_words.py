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


def install() -> None:
    """Point Click's `_` and `ngettext` at the catalogs (idempotent; Click reads them per call)."""
    for module in _MODULES:
        module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
