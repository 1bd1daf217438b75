"""The `bazar-pos` command: parse, call a service, print text or one JSON object.

Every refusal is a `BazarError`; it is printed as one line on stderr and the exit code is 2.
Command groups live in sibling modules and register themselves on `main`.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

import click

from bazar_pos import i18n
from bazar_pos.cli.base import main

_MODULES = (
    "booth_cmds",
    "qris_cmds",
    "receipt_cmds",
    "close_cmds",
    "hub_cmds",
    "backup_cmds",
    "reconcile_cmds",
    "whatsapp_cmds",
)


def _load() -> None:
    import importlib

    for name in _MODULES:
        importlib.import_module(f"bazar_pos.cli.{name}")


def run(args: list[str] | None = None) -> Any:
    """Entry point: never lets a traceback reach the vendor."""
    from bazar_pos.errors import BazarError

    _load()
    try:
        code = main.main(args=args, standalone_mode=False)
        if isinstance(code, int) and code:  # a command's Exit(n), returned in this mode
            sys.exit(code)
        return code
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo(i18n.tr("Dibatalkan.", "Aborted."), err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BazarError as exc:
        click.echo(f"{i18n.tr('Galat', 'Error')}: {exc.message()}", err=True)
        sys.exit(exc.exit_code)
    except sqlite3.DatabaseError as exc:
        click.echo(
            i18n.tr(f"Galat basis data: {exc}", f"Database error: {exc}"),
            err=True,
        )
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


__all__ = ["main", "run"]
