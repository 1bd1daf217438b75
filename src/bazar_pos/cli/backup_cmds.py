"""Backup commands: a proven copy of the ledger, the backup folder, and restoring a laptop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from bazar_pos import config
from bazar_pos.booth import backup as backups
from bazar_pos.cli.base import State, emit, json_option, main, pass_state, pin_option
from bazar_pos.cli.receipt_cmds import settings
from bazar_pos.documents import close_notes
from bazar_pos.i18n import t


@main.command("backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (default: the backup folder, or backups/ beside the database).",
)
@json_option
@pass_state
def backup_cmd(state: State, output: Path | None, as_json: bool) -> None:
    """Copy the ledger while selling goes on, then verify the copy (chain and replay).

    \b
    Example:
      bazar-pos backup -o /media/usb/cp07.db
    """
    ledger = state.ledger()
    now = config.now()
    if output is not None:
        made = backups.backup(ledger, output)
    else:
        folder, keep = backups.folder_of(ledger)
        made = backups.to_folder(ledger, folder or state.db.parent / "backups", keep=keep, now=now)
    emit(as_json, made.to_json(), close_notes.backup_made(made))


@main.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pin_option
@json_option
@pass_state
def restore_cmd(state: State, file: Path, owner_pin: str | None, as_json: bool) -> None:
    """Set up this laptop from a backup; never overwrites a longer or different ledger.

    \b
    Example:
      bazar-pos restore /media/usb/CP07-20260320-170512.db
    """
    pin = owner_pin
    if pin is None and state.db.exists():
        pin = state.owner_pin(None)
        state.close()  # the file is about to be replaced
    made = backups.restore(file, state.db, pin=pin, now=config.now())
    emit(
        as_json,
        made.to_json(),
        t(
            "cli.backup.booth_restored_to_entries_hash",
            booth=made.booth,
            path=made.path,
            entries=made.entries,
            head_hash=made.head_hash[:16],
        ),
    )


@settings.command("backup")
@click.option(
    "--dir",
    "folder",
    help="Folder (a USB stick) for the backup each day close writes; '' turns it off.",
)
@click.option(
    "--keep", type=int, help=f"How many backups to keep there (default {backups.DEFAULT_KEEP})."
)
@pin_option
@json_option
@pass_state
def settings_backup(
    state: State, folder: str | None, keep: int | None, owner_pin: str | None, as_json: bool
) -> None:
    """Where every day close writes a verified backup, and how many to keep.

    \b
    Example:
      bazar-pos settings backup --dir /media/usb/bazar --keep 10
    """
    ledger = state.ledger()
    with state.owner(owner_pin):
        backups.set_folder(ledger, folder, keep=keep, now=config.now())
    where, count = backups.folder_of(ledger)
    emit(
        as_json,
        {"backup_dir": str(where) if where else None, "backup_keep": count},
        f"backup_dir: {where or '-'}\nbackup_keep: {count}",
    )


def closing_backup_line(saved: backups.ClosingBackup | None, data: dict[str, Any]) -> str | None:
    """Where the close's backup went; a failure is a warning, the day stays closed."""
    if saved is None:
        return None
    if saved.backup:
        data["backup"] = saved.backup.to_json()
        return "  " + close_notes.backup_made(saved.backup).replace("\n", "\n  ")
    if saved.error:
        data["backup"] = saved.to_json()
        click.echo(close_notes.backup_line(saved), err=True)
    return None
