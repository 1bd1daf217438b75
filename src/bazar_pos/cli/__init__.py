"""The `bazar-pos` command: parse, call a service, print text or one JSON object.

Every refusal is a `BazarError`; it is printed as one line on stderr and the exit code is 2.
Anything unforeseen is the one guard's business (`run`): one line naming what failed, a crash
log in the data folder, and exit code 70. Command groups live in sibling modules and register
themselves on `main`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from typing import Any, NoReturn

import click

from bazar_pos import crash, i18n
from bazar_pos.cli import click_words
from bazar_pos.cli.base import main
from bazar_pos.i18n import t

_MODULES = (
    "booth_cmds",
    "qris_cmds",
    "receipt_cmds",
    "close_cmds",
    "hub_cmds",
    "city_cmds",
    "backup_cmds",
    "reconcile_cmds",
    "whatsapp_cmds",
    "summary_cmds",
    "staff_cmds",
)
_NEGATIVE = re.compile(r"-[0-9][0-9.,_]*")


def _load() -> None:
    import importlib

    for name in _MODULES:
        importlib.import_module(f"bazar_pos.cli.{name}")


def run(args: list[str] | None = None) -> None:
    """Entry point: never lets a traceback reach the vendor; one language for the whole run."""
    click_words.install()
    _load()
    argv = list(sys.argv[1:] if args is None else args)
    with i18n.speaking(os.environ.get("BAZAR_POS_LANG")):
        _run(argv)


def _run(argv: list[str]) -> None:
    from bazar_pos.errors import BazarError, InvalidInput

    try:
        _check_encoding(argv)
        code = main.main(args=argv, prog_name="bazar-pos", standalone_mode=False)
        if isinstance(code, int) and code:  # a command's Exit(n), returned in this mode
            sys.exit(code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo(t("cli.aborted"), err=True)
        sys.exit(1)
    except click.NoSuchOption as exc:
        if _NEGATIVE.fullmatch(exc.option_name):  # `stock add NST-01 -5`: a number, not an option
            _refuse(InvalidInput("negative_argument", option_name=exc.option_name))
        exc.show()
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BazarError as exc:
        _refuse(exc)
    except sqlite3.Error as exc:
        from bazar_pos.store import faults

        named = faults.from_sqlite(exc, "?")
        if named is None:
            _crash(exc, argv)
        _refuse(named)
    except OSError as exc:  # a file or folder a command touched outside the storage layer
        from bazar_pos.store import faults

        _refuse(faults.from_os(exc, exc.filename or "?"))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        _crash(exc, argv)


def _check_encoding(argv: list[str]) -> None:
    """Bytes that are not UTF-8 arrive as lone surrogates; no name, SKU or path may hold them."""
    from bazar_pos.errors import InvalidInput

    for n, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput("bad_encoding", n=n, arg=arg) from None


def _refuse(exc: Any) -> NoReturn:
    click.echo(f"{t('cli.error')}: {exc.message()}", err=True)
    sys.exit(exc.exit_code)


def _crash(exc: BaseException, argv: list[str]) -> NoReturn:
    what = _command_name(argv)
    click.echo(crash.line(what, exc, crash.record(exc, what)), err=True)
    sys.exit(crash.EXIT_CODE)


def _command_name(argv: list[str]) -> str:
    """`bazar-pos stock add`: the command words only, never a value the user typed."""
    words: list[str] = ["bazar-pos"]
    command: click.Command = main
    for arg in argv:
        sub = command.commands.get(arg) if isinstance(command, click.Group) else None
        if sub is not None:
            words.append(arg)
            command = sub
    return " ".join(words)


__all__ = ["main", "run"]
