"""Backups that are proven: copied while another process sells, verified, restored elsewhere."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from bazar_pos.booth import backup, profile
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.errors import BazarError
from tests.conftest import NOW, Cli, new_booth
from tests.test_crash_safety import ROOT, SELLER
from tests.test_crash_safety import _seed as seed_for_seller


def test_backup_while_another_process_sells_verifies_and_restores_the_same(
    tmp_path: Path,
) -> None:
    shop = Cli(tmp_path / "shop")
    shop.db.parent.mkdir()
    seed_for_seller(shop.db)
    seller = subprocess.Popen(
        [sys.executable, str(SELLER), str(shop.db), "400"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert seller.stdout is not None
    assert seller.stdout.readline().strip() == "ready"
    copies = []
    try:
        for i in range(3):  # each taken while sales are being written
            r = shop("backup", "-o", str(tmp_path / f"copy{i}.db"), "--json")
            assert r.exit_code == 0, r.stderr
            copies.append(r.json())
    finally:
        assert seller.stdout.readline().strip() == "done"
        assert seller.wait(timeout=600) == 0
        seller.stdout.close()
    assert all(c["verified"] for c in copies)
    assert copies[-1]["entries"] >= copies[0]["entries"] > 30
    for c in copies:
        assert stat.S_IMODE(Path(c["path"]).stat().st_mode) == 0o600
        assert not Path(c["path"] + "-wal").exists()

    final = shop("backup", "-o", str(tmp_path / "final.db"), "--json").json()
    laptop = Cli(tmp_path / "new-laptop")
    restored = laptop("restore", final["path"], "--json")
    assert restored.exit_code == 0, restored.stderr
    assert restored.json()["head_hash"] == final["head_hash"]
    assert laptop("verify", "--json").json() == shop("verify", "--json").json()
    assert laptop("sales", "--json").json() == shop("sales", "--json").json()
    assert len(shop("sales", "--json").json()["sales"]) == 400
    assert stat.S_IMODE(laptop.db.stat().st_mode) == 0o600


def test_restore_refuses_what_would_lose_sales(tmp_path: Path) -> None:
    home = Cli(tmp_path / "home")
    home.setup_booth()
    assert home("sell", "NST-250").exit_code == 0
    old = tmp_path / "old.db"
    assert home("backup", "-o", str(old)).exit_code == 0
    assert home("sell", "KST-250").exit_code == 0
    head = home("verify", "--json").json()

    longer = home("restore", str(old))
    assert longer.exit_code == 2 and "lebih panjang" in longer.stderr
    assert longer.stderr.count("\n") == 1

    other = Cli(tmp_path / "other")
    other.setup_booth()
    assert other("sell", "PSJ-250").exit_code == 0
    assert other("sell", "PSJ-250").exit_code == 0
    newer = tmp_path / "newer.db"
    assert home("backup", "-o", str(newer)).exit_code == 0
    differs = other("--lang", "en", "restore", str(newer))
    assert differs.exit_code == 2 and "differs from the backup" in differs.stderr

    elsewhere = Cli(tmp_path / "elsewhere")
    assert elsewhere("init", "--booth", "CP-09", "--name", "Lain").exit_code == 0
    wrong = elsewhere("--lang", "en", "restore", str(newer))
    assert wrong.exit_code == 2 and "belongs to booth CP-09" in wrong.stderr

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 50)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    for bad in (junk, foreign, tmp_path / "empty.db"):
        if bad.name == "empty.db":
            bad.touch()
        r = other("--lang", "en", "restore", str(bad))
        assert r.exit_code == 2 and "not a bazar-pos booth ledger" in r.stderr, r.stderr
        assert r.stderr.count("\n") == 1
    assert (tmp_path / "empty.db").read_bytes() == b""  # looked at, never written

    # nothing changed anywhere
    assert home("verify", "--json").json() == head
    assert other("verify").exit_code == 0 and elsewhere("verify").exit_code == 0


def test_a_backup_that_fails_verify_is_refused(tmp_path: Path) -> None:
    ledger = new_booth(tmp_path / "booth.db")
    copy = backup.backup(ledger, tmp_path / "copy.db")
    ledger.close()
    conn = sqlite3.connect(copy.path)
    conn.execute("UPDATE products SET stock = stock + 1 WHERE sku = 'NST-250'")  # tampered
    conn.commit()
    conn.close()
    with pytest.raises(BazarError) as exc:
        backup.restore(copy.path, tmp_path / "new" / "booth.db")
    assert exc.value.code == "backup_unverified"
    assert not (tmp_path / "new" / "booth.db").exists()


def test_the_backup_folder_keeps_the_last_n_and_close_writes_there(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "home")
    cli.setup_booth()
    usb = tmp_path / "usb"
    r = cli("settings", "backup", "--dir", str(usb), "--keep", "2", "--json")
    assert r.json() == {"backup_dir": str(usb), "backup_keep": 2}
    ledger = Ledger.open(cli.db, create=False)
    for hour in range(4):
        backup.to_folder(ledger, usb, keep=2, now=NOW.replace(hour=hour))
    ledger.close()
    assert sorted(p.name for p in usb.iterdir()) == [
        "CP07-20260320-090000.db",
        "CP07-20260320-100000.db",
    ]
    assert cli("sell", "NST-250").exit_code == 0
    closed = cli("close", "--cash-counted", "55000", "--json")
    assert closed.exit_code == 0, closed.stderr
    saved = closed.json()["backup"]
    assert saved["verified"] and Path(saved["path"]).parent == usb
    assert saved["head_hash"] == cli("verify", "--json").json()["head_hash"]
    assert len(list(usb.iterdir())) == 2
    assert "Cadangan ditulis dan diverifikasi" in cli("backup").stdout

    assert cli("settings", "backup", "--dir", "", "--json").json()["backup_dir"] is None
    ledger = Ledger.open(cli.db, create=False)
    assert backup.at_close(ledger, now=NOW).to_json() is None
    assert profile.load(ledger).get("backup_keep") == 2
    assert verify(ledger).ok
    ledger.close()


def test_a_close_whose_backup_fails_stays_closed_with_a_warning(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "home")
    cli.setup_booth()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the USB folder should be")
    assert cli("settings", "backup", "--dir", str(blocker)).exit_code == 0
    closed = cli("close", "--cash-counted", "0", "--json")
    assert closed.exit_code == 0
    assert closed.json()["backup"]["code"] == "backup_io"
    assert closed.stderr.count("\n") == 1 and "Peringatan" in closed.stderr


def test_a_backup_from_before_migration_0005_still_restores(tmp_path: Path) -> None:
    ledger = new_booth(tmp_path / "booth.db")
    copy = backup.backup(ledger, tmp_path / "old.db")
    ledger.close()
    conn = sqlite3.connect(copy.path)
    conn.execute("DROP TABLE qris_checks")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_qris_checks'")
    conn.commit()
    conn.close()
    old_bytes = copy.path.read_bytes()
    restored = backup.restore(copy.path, tmp_path / "new" / "booth.db")
    assert (restored.entries, restored.head_hash) == (copy.entries, copy.head_hash)
    assert copy.path.read_bytes() == old_bytes  # the backup itself is never touched
    fresh = Ledger.open(restored.path, create=False)
    assert "qris_checks" in sqlite_utils.Database(fresh.conn).table_names() and verify(fresh).ok
    fresh.close()
