"""A pulled plug mid-sale: after SIGKILL the database opens, verifies, and no sale is half written."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bazar_pos.booth import catalog
from bazar_pos.booth.ledger import Ledger, verify
from tests.conftest import NOW, new_booth

SELLER = Path(__file__).with_name("seller.py")
ROOT = Path(__file__).parent.parent


def _seed(path: Path) -> None:
    ledger = new_booth(path)
    for sku in ("KRP-250", "NST-250", "KST-250"):
        catalog.edit(ledger, sku, allow_negative=True, now=NOW)
    ledger.close()


def _start(path: Path, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SELLER), str(path), str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _assert_whole(path: Path) -> int:
    """Every sale has its three lines, its payment and its stock moves, and they add up."""
    ledger = Ledger.open(path, create=False)
    try:
        assert verify(ledger).ok
        broken = ledger.query(
            "SELECT s.sale_no FROM sales s"
            " LEFT JOIN (SELECT sale_no, COUNT(*) n, SUM(net) net FROM sale_lines"
            "            GROUP BY sale_no) l USING (sale_no)"
            " LEFT JOIN (SELECT sale_no, COUNT(*) n, SUM(amount) amount FROM payments"
            "            GROUP BY sale_no) p USING (sale_no)"
            " LEFT JOIN (SELECT ref, COUNT(*) n FROM stock_moves WHERE kind = 'sale'"
            "            GROUP BY ref) m ON m.ref = s.sale_no"
            " WHERE l.n IS NOT 3 OR m.n IS NOT 3 OR p.n IS NOT 1"
            "    OR l.net != s.total OR p.amount != s.total"
        )
        assert broken == []
        numbers = [r["day_no"] for r in ledger.query("SELECT day_no FROM sales ORDER BY day_no")]
        assert numbers == list(range(1, len(numbers) + 1))
        return len(numbers)
    finally:
        ledger.close()


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_a_consistent_database(tmp_path: Path) -> None:
    path = tmp_path / "booth.db"
    _seed(path)
    rng = random.Random(20260320)
    sold = 0
    for _ in range(30):
        child = _start(path, 150)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        now_sold = _assert_whole(path)
        assert now_sold >= sold
        sold = now_sold
    assert sold > 0


@pytest.mark.slow
def test_two_processes_selling_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "booth.db"
    _seed(path)
    children = [_start(path, 40) for _ in range(2)]
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0, out
        assert out.split() == ["ready", "done"]
    assert _assert_whole(path) == 80
