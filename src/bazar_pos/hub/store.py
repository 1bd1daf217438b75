"""Open the hub database: the store's one entry point, so every caller gets the same pragmas."""

from __future__ import annotations

import threading
from pathlib import Path

import sqlite_utils

from bazar_pos.errors import NotFound
from bazar_pos.hub.schema import MARKER, migrations
from bazar_pos.store import open_db

WRITE_LOCK = threading.Lock()  # one writer per process; SQLite's BEGIN IMMEDIATE across processes


def open_hub(path: str | Path, *, create: bool = False) -> sqlite_utils.Database:
    """Only `hub init` creates a hub; every other command refuses a missing file with the fix."""
    p = Path(path)
    if not create and not p.exists():
        raise NotFound("hub_missing", p=p)
    return open_db(p, migrations, create=create, marker=MARKER)
