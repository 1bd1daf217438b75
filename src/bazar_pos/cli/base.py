"""The root click group, the shared options, and how results are printed."""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from bazar_pos import config, i18n
from bazar_pos.i18n import t

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """What every command needs: where the booth database is and how to print."""

    def __init__(self, db: Path | None, person: str | None = None):
        self.explicit_db = db is not None
        self.db = db or config.booth_db()
        self.person = person
        self._ledger: Any = None

    def ledger(self, *, create: bool = False) -> Any:
        """Opened once per command, with the cheap chain-tail check: a broken tail stops selling.

        Entries name who wrote them: `--as NAME`, else the owner (the one at the laptop).
        """
        from bazar_pos.booth import staff
        from bazar_pos.booth.ledger import Ledger, check_tail

        if self._ledger is None:
            self._ledger = Ledger.open(self.db, create=create)
            check_tail(self._ledger)
            staff.at_till(self._ledger, self.person)
        return self._ledger

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None

    def owner_pin(self, pin: str | None) -> str | None:
        """`--pin`, else a hidden prompt at a terminal when the booth has an owner PIN."""
        from bazar_pos.booth import staff

        if pin is None and staff.has_owner_pin(self.ledger()) and sys.stdin.isatty():
            pin = click.prompt(
                t("cli.staff.owner_pin"), hide_input=True, default="", show_default=False
            )
        return pin

    @contextmanager
    def owner(self, pin: str | None) -> Iterator[None]:
        """Owner-only writes inside; without the right PIN the domain refuses them."""
        from bazar_pos.booth import staff

        with staff.owner_approval(self.ledger(), self.owner_pin(pin), now=config.now()):
            yield


def worded(text: str | None) -> str | None:
    """A help text in the language of the run: each English paragraph is its own message id
    (gettext's classic convention, so `--help` reads whole in English with no catalog at all);
    an example block keeps its commands and words only its heading."""
    if not text:
        return text
    return "\n\n".join(_paragraph(p) for p in inspect.cleandoc(text).split("\n\n"))


def _paragraph(text: str) -> str:
    if text.startswith("\b"):
        head, _, rest = text[1:].lstrip("\n").partition("\n")
        return "\b\n" + i18n.t(head) + ("\n" + rest if rest else "")
    return i18n.t(text)


@contextmanager
def _in_language(cmd: click.Command) -> Iterator[None]:
    saved = cmd.help, [(p, getattr(p, "help", None)) for p in cmd.params]
    cmd.help = worded(cmd.help)
    for p, text in saved[1]:
        if isinstance(p, click.Option):
            p.help = worded(text)
    try:
        yield
    finally:
        cmd.help = saved[0]
        for p, text in saved[1]:
            if isinstance(p, click.Option):
                p.help = text


class WordedCommand(click.Command):
    """A command whose `--help` speaks `--lang` (the group's option is read before the help)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _in_language(self):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _in_language(self):
            return super().get_short_help_str(limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = worded("Show this message and exit.")
        return option


class WordedGroup(WordedCommand, click.Group):
    command_class = WordedCommand
    group_class = type  # subgroups are worded groups too


def _speak(ctx: click.Context, _param: click.Parameter, lang: str | None) -> str | None:
    """Eager, so `--lang en --help` already answers in English."""
    who = i18n.speaker()  # `run` holds one, so its last words (errors) speak the same language
    if who is None:
        ctx.with_resource(i18n.speaking(lang))
    else:
        who.lang = i18n.as_lang(lang)
    return lang


@click.group(cls=WordedGroup, invoke_without_command=True)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="BAZAR_POS_DB",
    help="Booth database (default: the user data folder, or $BAZAR_POS_HOME/booth.db).",
)
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    envvar="BAZAR_POS_LANG",
    is_eager=True,
    callback=_speak,
    help="Language of messages: id (default) or en.",
)
@click.option(
    "--as",
    "person",
    metavar="NAME",
    envvar="BAZAR_POS_AS",
    help="Who is at the till, as named in `staff list` (default: the owner).",
)
@click.version_option(package_name="bazar-pos")
@click.pass_context
def main(ctx: click.Context, db: Path | None, lang: str | None, person: str | None) -> None:
    """bazar-pos: point of sale and stock for bazaar booths.

    Without a command it opens the cashier screen on the configured booth.

    \b
    Example:
      bazar-pos init --booth CP-07 --name "Kue Bu Sari"
      bazar-pos sell NST-01 KRP-02:3 --pay cash --tendered 200000
    """
    ctx.obj = State(db, person)
    if ctx.invoked_subcommand is None:
        from bazar_pos.tui.launch import run_booth_app

        code = run_booth_app(ctx.obj.db)
        if code:
            raise click.exceptions.Exit(code)


pass_state = click.make_pass_decorator(State)

SALE_HOOKS: list[Callable[[click.Context, Any, dict[str, Any]], None]] = []
"""Run after `sell` commits (QR display, receipt): they may add keys to the JSON output and
human lines under `_text`; the sale is already safe when they run."""

AFTER_SALE_FAILED = 3
"""Exit code of `sell` when the sale is recorded but its receipt could not be written:
not 0 (something needs doing), not 2 (that would say nothing changed and invite a second sale)."""


def after_sale(ctx: click.Context, sale: Any, data: dict[str, Any]) -> int:
    """Run the hooks; whatever fails in one is a warning, because the sale is already committed."""
    from bazar_pos import crash

    for hook in SALE_HOOKS:
        try:
            hook(ctx, sale, data)
        except Exception as exc:
            what = f"bazar-pos sell ({hook.__name__.strip('_')})"
            line = crash.line(what, exc, crash.record(exc, what))
            data["after_sale_error"] = line
            click.echo(f"{t('cli.warning')}: {line}", err=True)
    unwritten = "receipt_error" in data and "receipt" not in data  # a printer away is a warning
    return AFTER_SALE_FAILED if unwritten or "after_sale_error" in data else 0


def pin_option(fn: F) -> F:
    """`--pin` on every command only the owner may run."""
    return click.option(
        "--pin",
        "owner_pin",
        metavar="PIN",
        help="The owner's PIN (asked, hidden, at a terminal when left out).",
    )(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")(fn)


def emit(as_json: bool, data: dict[str, Any], text: str | Callable[[], str]) -> None:
    """Print either the JSON object (money as integers) or the human lines."""
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        click.echo(text() if callable(text) else text)
