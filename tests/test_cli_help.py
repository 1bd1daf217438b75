"""Every command explains itself and ends its help with an example."""

from __future__ import annotations

import click
import pytest

import bazar_pos.cli as cli_pkg
from bazar_pos.cli.base import main

cli_pkg._load()


def _walk(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, cmd in sorted(group.commands.items()):
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out += _walk(cmd, f"{prefix}{name} ")
    return out


COMMANDS = _walk(main)


def test_the_command_tree_is_complete() -> None:
    names = {name for name, _ in COMMANDS}
    assert {
        "init",
        "product add",
        "product import",
        "product list",
        "stock add",
        "stock adjust",
        "stock count",
        "stock list",
        "sell",
        "void",
        "refund",
        "sales",
        "verify",
        "demo",
        "qris set",
        "qris check",
        "qris show",
        "receipt",
    } <= names


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_help_has_an_example(name: str, cmd: click.Command) -> None:
    if isinstance(cmd, click.Group):
        assert cmd.help, f"{name} has no help"
        return
    text = cmd.help or ""
    assert "Example" in text and "bazar-pos " in text, f"{name} help lacks an example"
