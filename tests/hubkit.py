"""Helpers for hub tests: a hub with registered booths, and signed bundles made to order.

Each booth's keys are what its booth would hold after `join`: the kit's one-time key and its own
key; the hub holds only their public halves. Bundles are consistent (every sum adds up) unless a
test changes a figure.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bazar_pos.hub import registry
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from tests.conftest import NOW

EVENT = "Bazar Jakpreneur"
DATES = ("2026-03-01", "2026-03-31")


@dataclass(frozen=True)
class Keys:
    """A booth's keys after `join`: the kit's one-time key and the booth's own signing key."""

    kit_key: str
    booth_key: str


def booth_keys(db: Any, code: str) -> Keys:
    return Keys(registry.issue_kit(db, code).kit_key, bundle.new_key())


def make_hub(path: Path, booths: int = 3, hub_url: str = "") -> tuple[Any, str, dict[str, Keys]]:
    db = open_hub(path, create=True)
    token = registry.init_hub(db, EVENT, dates=DATES, hub_url=hub_url, now=NOW)
    codes = registry.add_booths(
        db,
        [
            registry.Booth(f"B-{i:03d}", f"Booth {i}", f"Lokasi {i % 3}", f"P{i % 2}", "kue")
            for i in range(booths)
        ],
    )
    return db, token, {c: booth_keys(db, c) for c in codes}


def sign(body: dict[str, Any], keys: Keys) -> dict[str, Any]:
    """Sign as the booth does, signer block included (any old one is replaced)."""
    signer = bundle.signer_block(body["event"], body["booth"], keys.booth_key, keys.kit_key)
    return bundle.sign({**body, "signer": signer}, keys.booth_key)


def make_bundle(
    booth: str,
    secret: Keys,
    *,
    date: str = "2026-03-20",
    revision: int = 1,
    net: int = 100_000,
    event: str = EVENT,
    **extra: Any,
) -> dict[str, Any]:
    qris = 40_000 if net >= 40_000 else 0
    body = {
        "format": bundle.FORMAT,
        "version": bundle.VERSION,
        "event": event,
        "booth": booth,
        "booth_name": f"Booth {booth}",
        "location": "Lokasi",
        "date": date,
        "revision": revision,
        "created_at": "2026-03-20T12:00:00Z",
        "totals": {
            "sales_count": 3,
            "voided_count": 0,
            "gross": net + 5000,
            "discounts": 5000,
            "voids": 0,
            "refunds": 0,
            "net": net,
            "by_payment": {"cash": net - qris, "qris": qris, "transfer": 0, "other": 0},
            "cash": {
                "opening": 0,
                "cash_in": 0,
                "cash_out": 0,
                "expected": net - qris,
                "counted": net - qris,
                "difference": 0,
            },
        },
        "products": [
            {
                "sku": "NST",
                "name": "Nastar",
                "category": "kue",
                "qty": 2,
                "amount": net,
                "closing_stock": 10,
            }
        ],
        "hours": [{"hour": 16, "sales_count": 3, "net": net}],
        "ledger": {"first_seq": 1, "last_seq": 9, "head_hash": "ab" * 32},
        **extra,
    }
    return sign(body, secret)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """The real `bazar-pos hub serve` in a subprocess on 127.0.0.1."""

    def __init__(self, hub_db: Path, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        exe = Path(sys.executable).parent / "bazar-pos"
        # one line per bundle: a pipe nobody reads would fill up and stall the server
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [
                str(exe),
                "hub",
                "--db",
                str(hub_db),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=0.5).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("hub did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def close(self) -> None:
        self.log.close()

    def lines(self) -> list[str]:
        """What the server printed so far."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace").splitlines()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
        self.close()
