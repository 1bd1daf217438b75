"""The published JSON Schema is the one the code checks against."""

from __future__ import annotations

import json
from pathlib import Path

from bazar_pos.sync.bundle import SCHEMA


def test_published_schema_is_current() -> None:
    published = Path(__file__).parent.parent / "docs" / "daily-totals.schema.json"
    assert json.loads(published.read_text()) == SCHEMA
