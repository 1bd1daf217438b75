"""Storage faults each get their own line: read-only, locked, not a database, damaged."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from bazar_pos.store import faults

from .conftest import Cli


def test_a_read_only_folder_is_named(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "home")
    cli.home.mkdir()
    cli.setup_booth()
    view = tmp_path / "ro"
    view.mkdir()
    steps = (
        ["mount", "--bind", str(cli.home), str(view)],
        ["mount", "-o", "remount,ro,bind", str(view)],
    )
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode:
            subprocess.run(["umount", str(view)], capture_output=True, check=False)
            pytest.skip(f"a read-only bind mount is not permitted here: {done.stderr.strip()}")
    try:
        cli.env["BAZAR_POS_DB"] = str(view / "booth.db")
        r = cli.subprocess("sell", "NST-250")
    finally:
        subprocess.run(["umount", str(view)], check=False)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "hanya-baca" in r.stderr, r.stderr


def test_a_database_locked_by_another_program_is_named(tmp_path: Path) -> None:
    path = tmp_path / "booth.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as exc:
        other.execute("INSERT INTO t VALUES (1)")
    named = faults.from_sqlite(exc.value, path)
    assert named is not None and named.code == "db_busy"
    assert "dikunci program lain" in named.message("id")
    holder.execute("ROLLBACK")


def test_a_damaged_database_is_named_apart_from_a_foreign_file(cli: Cli) -> None:
    cli.setup_booth()
    conn = sqlite3.connect(cli.db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(cli.db.read_bytes())
    assert len(data) > 3 * 4096
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096  # a page in the middle, as a bad sector leaves it
    cli.db.write_bytes(bytes(data))
    r = cli("verify")
    assert r.exit_code == 2 and "Basis data rusak" in r.stderr, r.stderr
    assert "hubungi penyelenggara" in r.stderr
    foreign = cli.home / "photo.db"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 8192)
    r = cli("--db", str(foreign), "sales")
    assert r.exit_code == 2 and "bukan basis data" in r.stderr


def test_a_device_or_a_pipe_as_the_database_is_named_in_the_users_language(
    tmp_path: Path,
) -> None:
    """`--db /dev/null` ended with SQLite's English 'disk I/O error' in an Indonesian run."""
    cli = Cli(tmp_path)
    pipe = tmp_path / "pipa"
    os.mkfifo(pipe)
    for path in ("/dev/null", str(pipe)):
        for args, words in (((), "bukan berkas biasa"), (("--lang", "en"), "not an ordinary file")):
            for command in (("--db", path, "sales"), ("hub", "--db", path, "status")):
                r = cli.subprocess(*args, *command)
                assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
                assert words in r.stderr and "I/O" not in r.stderr, r.stderr
    if Path("/proc/version").is_file():  # a file nobody may write: named, never a traceback
        r = cli.subprocess("--db", "/proc/version", "sales")
        assert r.returncode == 2 and "Traceback" not in r.stderr and "hanya-baca" in r.stderr


def test_sqlites_english_words_stay_out_of_the_message() -> None:
    named = faults.from_sqlite(sqlite3.OperationalError("disk I/O error"), "booth.db")
    assert named is not None and named.code == "db_io"
    assert "I/O" not in named.message("id") and "booth.db" in named.message("id")
    gone = faults.from_os(OSError(errno.ENOTDIR, "Not a directory"), "usb/booth.db")
    assert "bukan folder" in gone.message("id") and "Not a directory" not in gone.message("id")
