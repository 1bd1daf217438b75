"""Helpers for hub tests: a hub with registered booths, and signed bundles made to order."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bazar_pos.hub import registry
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from tests.conftest import NOW

EVENT = "Bazar Jakpreneur"


def make_hub(path: Path, booths: int = 3, hub_url: str = "") -> tuple[Any, str, dict[str, str]]:
    db = open_hub(path, create=True)
    token = registry.init_hub(db, EVENT, hub_url=hub_url, now=NOW)
    secrets = registry.add_booths(
        db,
        [
            registry.Booth(f"B-{i:03d}", f"Booth {i}", f"Lokasi {i % 3}", f"P{i % 2}", "kue")
            for i in range(booths)
        ],
    )
    return db, token, secrets


def make_bundle(
    booth: str,
    secret: str,
    *,
    date: str = "2026-03-20",
    revision: int = 1,
    net: int = 100_000,
    event: str = EVENT,
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "format": bundle.FORMAT,
        "version": bundle.VERSION,
        "event": event,
        "booth": booth,
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
            "by_payment": {"cash": net - 40_000, "qris": 40_000, "transfer": 0, "other": 0},
            "cash": {
                "opening": 0,
                "expected": net - 40_000,
                "counted": net - 40_000,
                "difference": 0,
            },
        },
        "products": [{"sku": "NST", "name": "Nastar", "category": "kue", "qty": 2, "amount": net}],
        "hours": [{"hour": 16, "sales_count": 3, "net": net}],
        "ledger": {"first_seq": 1, "last_seq": 9, "head_hash": "ab" * 32},
        **extra,
    }
    return bundle.sign(body, secret)


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
            stderr=subprocess.PIPE,
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

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
