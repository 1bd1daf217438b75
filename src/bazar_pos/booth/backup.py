"""Backups that are proven: a copy of the ledger taken while selling goes on, then verified.

A backup nobody has checked is a hope. Each copy is made with SQLite's online backup (a
consistent snapshot even while another process writes sales), then opened and put through the
same chain-and-replay check as `bazar-pos verify`; only a copy that passes keeps its final name.
A restore refuses anything that would lose sales: a ledger that is longer than the backup, or
that differs from it, or that belongs to another booth.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bazar_pos.booth import profile, staff
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.schema import migrations
from bazar_pos.errors import BazarError, Conflict, InvalidInput, StorageError, os_reason
from bazar_pos.store import private_dir

DEFAULT_KEEP = 10
_SUFFIX = ".db"


@dataclass(frozen=True)
class Backup:
    """A verified copy: where it is, which booth, and the ledger head it holds."""

    path: Path
    booth: str
    entries: int
    head_hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "booth": self.booth,
            "entries": self.entries,
            "head_hash": self.head_hash,
            "verified": True,
        }


def backup(ledger: Ledger, dest: Path) -> Backup:
    """Copy the ledger to `dest` (0600) and prove the copy; a copy that fails is removed."""
    dest = Path(dest)
    if dest.exists() and dest.is_dir():
        raise InvalidInput("backup_is_dir", dest=dest)
    if ledger.path is not None and dest.resolve() == ledger.path.resolve():
        raise InvalidInput("backup_onto_self")
    tmp = dest.with_name(f".{dest.name}.partial")
    try:
        private_dir(dest.parent)  # 0700, like every folder we make
        _copy(ledger.conn, tmp)
        result = check(tmp)
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        raise _cannot_write(dest, exc, "backup_io") from exc
    finally:
        _discard(tmp)
    return Backup(dest, result.booth, result.entries, result.head_hash)


def _copy(source: sqlite3.Connection, dest: Path) -> None:
    """SQLite's online backup into a new file created 0600 (the ledger holds the booth key)."""
    dest.unlink(missing_ok=True)
    os.close(os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    target = sqlite3.connect(str(dest))
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside
    finally:
        target.close()


def _cannot_write(path: Path, exc: OSError | sqlite3.Error, code: str) -> StorageError:
    why = os_reason(exc) if isinstance(exc, OSError) else str(exc)
    return StorageError("cannot_write", path=path, why=why).coded(code)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def check(path: Path) -> Backup:
    """What a backup file holds, after proving it: a booth ledger whose chain and replay hold."""
    with _read_only(path) as copy:
        return _proven(copy, path)


def _proven(copy: Ledger, path: Path) -> Backup:
    booth = _booth_of(copy, path)
    result = verify(copy)
    if not result.ok:
        raise InvalidInput(
            "backup_unverified", path=path, bad_seq=result.bad_seq, problem=result.problem
        )
    return Backup(path, booth, result.entries, result.head_hash)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[Ledger]:
    """A file that should be a booth ledger, read into memory without changing a byte of it.

    The in-memory copy is brought up to the current schema, so a backup made by an older
    version verifies (and restores) like a new one.
    """
    if not path.is_file():
        raise InvalidInput("backup_missing", path=path)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master")}
            if not {"entries", "profile"} <= tables:
                raise _not_a_ledger(path)
            source.backup(memory)
        finally:
            source.close()
        migrations.bring_up_to_date(memory)
    except sqlite3.DatabaseError as exc:
        memory.close()
        raise _not_a_ledger(path) from exc
    except BaseException:
        memory.close()
        raise
    try:
        yield Ledger(memory, path)
    finally:
        memory.close()


def _not_a_ledger(path: Path) -> InvalidInput:
    return InvalidInput("backup_not_ledger", path=path)


def _booth_of(ledger: Ledger, path: Path) -> str:
    try:
        return profile.load(ledger).code
    except (BazarError, sqlite3.DatabaseError) as exc:
        raise _not_a_ledger(path) from exc


# --- the backup folder (a USB stick) that every day close writes to ---------------------------


def set_folder(
    ledger: Ledger, folder: str | Path | None, *, keep: int | str | None = None, now: datetime
) -> profile.Profile:
    """Remember where the day close puts its backup and how many to keep; "" turns it off."""
    values: dict[str, Any] = {}
    if folder is not None:
        values["backup_dir"] = folder_setting(folder)
    if keep is not None:
        values["backup_keep"] = keep_count(keep)
    return profile.update_settings(ledger, values, now=now) if values else profile.load(ledger)


def folder_setting(folder: str | Path) -> str | None:
    """The folder as stored: absolute, so a backup lands there whatever the working folder."""
    text = str(folder).strip()
    return str(Path(text).expanduser().resolve()) if text else None


def keep_count(keep: int | str) -> int:
    """How many backups the folder keeps: a whole number, at least 1 (CLI and Pengaturan alike)."""
    try:
        count = int(str(keep).strip())
    except ValueError:
        count = 0
    if count < 1:
        raise InvalidInput("backup_keep")
    return count


def folder_of(ledger: Ledger) -> tuple[Path | None, int]:
    prof = profile.load(ledger)
    folder = prof.get("backup_dir")
    return (Path(folder) if folder else None), int(prof.get("backup_keep", DEFAULT_KEEP))


def file_name(booth: str, now: datetime) -> str:
    """`CP07-20260320-170512.db`: sorts by time, names the booth."""
    return f"{_prefix(booth)}-{now.strftime('%Y%m%d-%H%M%S')}{_SUFFIX}"


def _prefix(booth: str) -> str:
    return "".join(ch for ch in booth if ch.isalnum()).upper()


def _mine(folder: Path, booth: str) -> list[Path]:
    """This booth's backups in `folder`, oldest first (the names sort by time)."""
    return sorted(p for p in folder.glob(f"{_prefix(booth)}-*{_SUFFIX}") if p.is_file())


def to_folder(ledger: Ledger, folder: Path, *, keep: int, now: datetime) -> Backup:
    """A verified backup in `folder`, then only the newest `keep` of this booth's are kept."""
    prof = profile.load(ledger)
    made = backup(ledger, folder / file_name(prof.code, now.astimezone(prof.tz)))
    mine = _mine(folder, prof.code)
    for old in mine[: max(0, len(mine) - keep)]:
        old.unlink(missing_ok=True)
    return made


def in_folder(ledger: Ledger) -> list[Path]:
    """This booth's backups in the configured folder, newest first: what Pengaturan offers."""
    folder, _ = folder_of(ledger)
    if folder is None or not folder.is_dir():
        return []
    return _mine(folder, profile.load(ledger).code)[::-1]


@dataclass(frozen=True)
class ClosingBackup:
    """What the day close did about a backup: written, not configured, or failed (a warning)."""

    backup: Backup | None = None
    error: BazarError | None = None

    def to_json(self) -> dict[str, Any] | None:
        if self.backup:
            return self.backup.to_json()
        if self.error:
            return {"error": self.error.message(), "code": self.error.code}
        return None


def at_close(ledger: Ledger, *, now: datetime) -> ClosingBackup:
    """The day close's backup to the configured folder; it never undoes a close that succeeded."""
    folder, keep = folder_of(ledger)
    if folder is None:
        return ClosingBackup()
    try:
        return ClosingBackup(to_folder(ledger, folder, keep=keep, now=now))
    except BazarError as exc:
        return ClosingBackup(error=exc)


# --- restore ----------------------------------------------------------------------------------


def restore(
    source: Path, target: Path, *, pin: str | None = None, now: datetime | None = None
) -> Backup:
    """Make `target` the booth ledger held in `source`, never losing what `target` already has.

    Replacing a booth whose owner set a PIN needs that PIN (checked against the current booth).

    Allowed onto a missing or empty ledger, or one whose journal is a beginning of the backup's
    (the backup is newer); refused when the target is another booth, is longer, or differs.
    """
    source, target = Path(source), Path(target)
    if target.exists() and source.exists() and source.samefile(target):
        raise InvalidInput("restore_onto_self", source=source)
    with _read_only(source) as src:
        proven = _proven(src, source)
        if target.exists():
            current = Ledger.open(target, create=False)
            try:
                staff.require_owner(current, pin, now=now or datetime.now(UTC))
                _refuse_loss(current, src, proven)
            finally:
                current.close()
        for extra in ("-wal", "-shm"):
            Path(f"{target}{extra}").unlink(missing_ok=True)
        tmp = target.with_name(f".{target.name}.restoring")
        try:
            private_dir(target.parent)
            _copy(src.conn, tmp)
            os.replace(tmp, target)
        except (OSError, sqlite3.Error) as exc:
            raise _cannot_write(target, exc, "restore_io") from exc
        finally:
            _discard(tmp)
    restored = Ledger.open(target, create=False)  # brings an older backup's schema up to date
    try:
        return _proven(restored, target)
    finally:
        restored.close()


def preview(current: Ledger, source: Path) -> Backup:
    """What restoring `source` over the open ledger brings, refused exactly as `restore` would
    refuse it (another booth, a longer or different ledger); nothing is written."""
    source = Path(source)
    if current.path is not None and source.exists() and source.samefile(current.path):
        raise InvalidInput("restore_onto_self", source=source)
    with _read_only(source) as src:
        proven = _proven(src, source)
        _refuse_loss(current, src, proven)
    return proven


def _refuse_loss(current: Ledger, src: Ledger, proven: Backup) -> None:
    count, head = current.head()
    if count == 0:
        return
    if profile.is_initialized(current):
        code = profile.load(current).code
        if code != proven.booth:
            raise Conflict("restore_other_booth", code=code, booth=proven.booth)
    if count > proven.entries:
        raise Conflict("restore_longer", count=count, entries=proven.entries)
    row = src.conn.execute("SELECT hash FROM entries WHERE seq = ?", (count,)).fetchone()
    if row is None or row[0] != head:
        raise Conflict("restore_differs", count=count)
