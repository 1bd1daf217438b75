"""Shared fixtures: a real booth database on disk, a fixed clock, and the real CLI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bazar_pos import canonical
from bazar_pos.booth import catalog, profile, projections
from bazar_pos.booth.entry import Entry
from bazar_pos.booth.ledger import Ledger

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)  # 10:00 WIB, Friday 20 March 2026
NOW_ISO = NOW.isoformat()
DAY = "2026-03-20"


def new_booth(path: Path | None = None) -> Ledger:
    ledger = Ledger.open(path) if path else Ledger.in_memory()
    profile.init(
        ledger,
        code="CP-07",
        name="Kue Bu Sari",
        event="Bazar Jakpreneur",
        location="Rusun Karang Anyar",
        now=NOW,
    )
    catalog.import_csv(ledger, DATA / "catalog.csv", now=NOW)
    return ledger


def put_back(conn: sqlite3.Connection, entries: Iterable[Entry]) -> None:
    """Write entries as a booth wrote them, hash chain and all, with their projections."""
    for entry in entries:
        conn.execute(
            "INSERT INTO entries VALUES (?,?,?,?,?,?)",
            (
                entry.seq,
                entry.at,
                entry.kind,
                canonical.dumps(entry.payload),
                entry.prev_hash,
                entry.hash,
            ),
        )
        projections.apply(conn, entry)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    booth = new_booth(tmp_path / "booth.db")
    yield booth
    booth.close()


class _Entry:
    """Lets CliRunner drive `bazar_pos.cli.run`, which turns refusals into one stderr line."""

    name = "bazar-pos"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> None:
        from bazar_pos.cli import run

        run(list(args))


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        import json

        return json.loads(self.stdout)


class Cli:
    def __init__(self, home: Path):
        self.home = home
        self.env = {"BAZAR_POS_HOME": str(home), "BAZAR_POS_NOW": NOW_ISO, "BAZAR_POS_LANG": "id"}
        self.db = home / "booth.db"

    def __call__(self, *args: str) -> CliResult:
        result = CliRunner().invoke(_Entry(), list(args), env=self.env)  # type: ignore[arg-type]
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    def subprocess(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The installed console script, in its own process, as a vendor runs it."""
        env = {**os.environ, **self.env}
        exe = Path(sys.executable).parent / "bazar-pos"
        return subprocess.run(
            [str(exe), *args], capture_output=True, text=True, env=env, check=False
        )

    def setup_booth(self) -> None:
        assert (
            self(
                "init",
                "--booth",
                "CP-07",
                "--name",
                "Kue Bu Sari",
                "--location",
                "Rusun Karang Anyar",
                "--event",
                "Bazar Jakpreneur",
            ).exit_code
            == 0
        )
        assert self("product", "import", str(DATA / "catalog.csv")).exit_code == 0


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


@pytest.fixture
def private_umask() -> Iterator[None]:
    """A permissive umask, so a private file proves its mode was set at creation."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)
