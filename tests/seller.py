"""A child process that sells in a loop into a booth database (crash and concurrency tests)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from bazar_pos.booth import sales
from bazar_pos.booth.ledger import Ledger
from bazar_pos.booth.models import CartLine, PaymentPart


def main() -> None:
    path, count = Path(sys.argv[1]), int(sys.argv[2])
    ledger = Ledger.open(path, create=False)
    now = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)
    print("ready", flush=True)
    for i in range(count):
        sales.checkout(
            ledger,
            [CartLine("KRP-250", 1), CartLine("NST-250", 1 + i % 2), CartLine("KST-250", 1)],
            [PaymentPart("cash", tendered=500_000)],
            now=now,
        )
    print("done", flush=True)


if __name__ == "__main__":
    main()
