"""A full disk during a sale and during its receipt: every sale whole or absent, committed ones named.

A real small tmpfs is filled to the last byte, so SQLite and the PDF writer meet a real ENOSPC.
Mounting needs root (or CAP_SYS_ADMIN); elsewhere the tests are skipped with that reason.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bazar_pos.booth import sales, stock
from bazar_pos.booth.ledger import Ledger, verify
from bazar_pos.booth.models import CartLine, PaymentPart
from bazar_pos.errors import StorageError

from .conftest import NOW, Cli, new_booth


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Write until the disk refuses, then give back `leave` bytes."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def test_sales_on_a_filling_disk_are_whole_or_absent(small_disk: Path) -> None:
    ledger = new_booth(small_disk / "booth.db")
    stock.restock(ledger, "NST-250", 5000, now=NOW)
    filler = fill(small_disk, leave=150_000)
    committed: list[str] = []
    refusals = 0
    while refusals < 5:  # one connection keeps the WAL growing until the disk is full
        try:
            sale = sales.checkout(ledger, [CartLine("NST-250", 2)], [PaymentPart("cash")], now=NOW)
        except StorageError as exc:
            assert exc.code == "disk_full" and "Disk penuh" in exc.message("id")
            refusals += 1
            continue
        committed.append(sale.sale_no)
        assert len(committed) < 2_000, "the disk never filled"
    assert committed, "no sale fitted before the disk filled"
    ledger.close()
    filler.unlink()
    reopened = Ledger.open(small_disk / "booth.db")
    assert [
        r["sale_no"] for r in reopened.query("SELECT sale_no FROM sales ORDER BY seq")
    ] == committed
    stock_left = reopened.one("SELECT stock FROM products WHERE sku = 'NST-250'")
    assert stock_left == {"stock": 24 + 5000 - 2 * len(committed)}
    assert verify(reopened).ok
    reopened.close()


def test_the_cli_names_a_full_disk_and_keeps_no_half_sale(small_disk: Path) -> None:
    cli = Cli(small_disk)
    cli.setup_booth()
    filler = fill(small_disk)
    r = cli.subprocess("sell", "NST-250")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("Galat: Disk penuh")
    filler.unlink()
    assert cli("sales", "--json").json()["sales"] == [] and cli("verify").exit_code == 0


def test_a_full_receipts_disk_never_hides_the_committed_sale(
    small_disk: Path, tmp_path: Path
) -> None:
    cli = Cli(tmp_path / "home")
    cli.home.mkdir()
    cli.setup_booth()
    fill(small_disk)
    r = cli.subprocess("sell", "NST-250", "--receipt", str(small_disk / "struk.pdf"))
    assert r.returncode == 3 and "Traceback" not in r.stderr
    assert "Penjualan CP07-260320-0001" in r.stdout
    assert "Peringatan: Disk penuh" in r.stderr
    assert not list(small_disk.glob("*.pdf")) and not list(small_disk.glob(".tmp-*"))
    (sale,) = cli("sales", "--json").json()["sales"]
    assert sale["sale_no"] == "CP07-260320-0001" and cli("verify").exit_code == 0
