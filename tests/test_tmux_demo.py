"""`bazar-pos demo` in a real terminal (tmux): one sale by keyboard, as a vendor would type it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

BAZAR_POS = str(Path(sys.executable).parent / "bazar-pos")


def _within(seconds: float, done: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


class Terminal:
    """One tmux session on its own server socket, so a user's tmux is never touched."""

    def __init__(self, socket: str) -> None:
        self.base = ["tmux", "-L", socket]

    def run(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "demo", *keys)

    def alive(self) -> bool:
        ls = subprocess.run([*self.base, "ls"], check=False, capture_output=True, text=True)
        return "demo:" in ls.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "demo")

    def wait_for(self, found: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        if not _within(timeout, lambda: found(self.screen())):
            raise AssertionError(f"never saw {what}; the screen was:\n{self.screen()}")
        return self.screen()


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(f"bazar-pos-test-{os.getpid()}")
    # -e sets the app's environment inside tmux; BAZAR_POS_DB from outside must not leak in
    term.run(
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "demo",
        "-x",
        "80",
        "-y",
        "24",
        "-e",
        f"BAZAR_POS_HOME={tmp_path}",
        "-e",
        "BAZAR_POS_LANG=id",
        "-e",
        "BAZAR_POS_DB=",
        BAZAR_POS,
        "demo",
    )
    try:
        yield term
    finally:
        subprocess.run([*term.base, "kill-server"], check=False, capture_output=True)


def test_one_sale_in_the_demo_booth(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for(lambda s: "Nastar Keju" in s and "Keranjang" in s, "the cashier")
    terminal.keys("n", "a", "s", "Enter")
    terminal.wait_for(lambda s: "Nastar Keju 250 g    1" in s, "Nastar in the cart")
    terminal.keys("F9")
    terminal.wait_for(lambda s: "Bayar tunai" in s, "the cash dialog")
    terminal.keys("Enter")  # exact amount
    screen = terminal.wait_for(lambda s: "Terakhir:" in s, "the sale done")
    assert "Rp55.000" in screen and "Kosong" in screen  # the next sale is ready

    db = tmp_path / "demo.db"
    out = subprocess.run(
        [BAZAR_POS, "--db", str(db), "sales", "--json"], capture_output=True, text=True, check=True
    )
    (sale,) = json.loads(out.stdout)["sales"]
    assert sale["total"] == 55_000 and sale["payment"] == "cash"
    receipt = tmp_path / "receipts" / f"{sale['sale_no']}.pdf"
    assert _within(10, receipt.exists), "no receipt PDF"  # written off the UI thread

    terminal.keys("C-q")
    assert _within(10, lambda: not terminal.alive()), "ctrl+q did not close the app"


def test_a_whole_sale_typed_as_one_burst(terminal: Terminal, tmp_path: Path) -> None:
    """One send-keys: two products, pay cash with 200.000 given, and the next product typed
    ahead; nothing lands in the wrong place however fast the keys come."""
    from bazar_pos.booth import sales
    from bazar_pos.booth.ledger import Ledger

    terminal.wait_for(lambda s: "Nastar Keju" in s and "Keranjang" in s, "the cashier")
    terminal.keys(*"nas", "Enter", *"kast", "Enter", "F9", *"200000", "Enter", *"put", "Enter")
    # the product typed ahead lands in the next sale's cart (the change is checked in the
    # ledger below: on screen it is drawn in large digits, not as text)
    terminal.wait_for(
        lambda s: "Terakhir:" in s and "Putri Salju 250 g    1" in s, "Putri Salju in the next sale"
    )
    ledger = Ledger.open(tmp_path / "demo.db", create=False)
    try:
        (row,) = ledger.query("SELECT sale_no FROM sales")
        sale = sales.get(ledger, row["sale_no"])
    finally:
        ledger.close()
    assert [(ln.sku, ln.qty) for ln in sale.lines] == [("NST-250", 1), ("KST-250", 1)]
    assert sale.payments[0].tendered == 200_000 and sale.change == 85_000
    terminal.keys("C-q")


def test_a_new_laptop_restored_from_the_first_run_form_in_one_burst(tmp_path: Path) -> None:
    """The first-run form typed as one burst, Tab through every field (both hidden PIN boxes) to the
    backup file: every key lands where it was aimed, and the booth comes back whole."""
    old = tmp_path / "old" / "booth.db"
    cli = [BAZAR_POS, "--db", str(old)]
    subprocess.run([*cli, "init", "--booth", "CP-07", "--name", "Kue Bu Sari"], check=True)
    subprocess.run(
        [*cli, "product", "add", "NST-01", "--name", "Nastar", "--price", "50000", "--stock", "9"],
        check=True,
    )
    sold = subprocess.run(
        [*cli, "sell", "NST-01:2", "--json"], capture_output=True, text=True, check=True
    )
    sale_no = json.loads(sold.stdout)["sale_no"]
    copy = tmp_path / "usb-backup.db"
    subprocess.run([*cli, "backup", "-o", str(copy)], check=True, capture_output=True)

    term = Terminal(f"bazar-pos-test-new-{os.getpid()}")
    new_home = tmp_path / "new"
    term.run("-f", "/dev/null", "new-session", "-d", "-s", "demo", "-x", "80", "-y", "24",
             "-e", f"BAZAR_POS_HOME={new_home}", "-e", "BAZAR_POS_LANG=id", "-e", "BAZAR_POS_DB=",
             BAZAR_POS)  # fmt: skip
    try:
        term.wait_for(lambda s: "file cadangan" in s, "the first-run form")
        term.keys(*"CP-07", "Tab", *"Kue", "Tab", *"Rusun", "Tab", *"Bazar", "Tab", "Tab", "Tab",
                  "Tab", *str(copy), "Enter")  # fmt: skip
        term.wait_for(
            lambda s: "Keranjang" in s and "CP-07" in s, "the cashier of the restored booth"
        )
        term.keys("F2")
        term.wait_for(lambda s: sale_no[-4:] in s and "100.000" in s, "the restored sale")
    finally:
        subprocess.run([*term.base, "kill-server"], check=False, capture_output=True)
