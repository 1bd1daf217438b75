"""Where files live and what time it is: the only module that reads the environment.

`BAZAR_POS_HOME` puts every default file in one folder (the demo uses `.demo/`);
`BAZAR_POS_DB` / `BAZAR_POS_HUB_DB` name the databases directly; `BAZAR_POS_NOW` pins the clock
(ISO 8601 with an offset) for demos and tests.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from bazar_pos.errors import InvalidInput


def home() -> Path:
    env = os.environ.get("BAZAR_POS_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("bazar-pos", appauthor=False))


def booth_db() -> Path:
    env = os.environ.get("BAZAR_POS_DB")
    return Path(env) if env else home() / "booth.db"


def hub_db() -> Path:
    env = os.environ.get("BAZAR_POS_HUB_DB")
    return Path(env) if env else home() / "hub.db"


def receipts_dir(db_path: Path) -> Path:
    """Receipts go beside the booth database unless the booth set another folder."""
    return db_path.parent / "receipts"


def now() -> datetime:
    pinned = os.environ.get("BAZAR_POS_NOW")
    if pinned:
        try:
            value = datetime.fromisoformat(pinned.strip())
        except ValueError:
            raise InvalidInput("bad_now", pinned=pinned) from None
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)
