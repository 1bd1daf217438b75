"""One booth's story at the hub: its days in use, every revision received, conflicts, refusals.

The booth page shows it; figures are the ones stored at ingest (net and ledger head per day are
those of the revision in use), never recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from bazar_pos.hub.status import _rows, conflicts


@dataclass
class BoothHistory:
    booth: dict[str, Any]
    days: list[dict[str, Any]]
    revisions: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    rejections: list[dict[str, Any]]


def booth_history(
    db: sqlite_utils.Database,
    code: str,
    *,
    pengampu: str | None = None,
    city: str | None = None,
) -> BoothHistory | None:
    """None when the booth is unknown, or outside `pengampu`'s booths (a page that says nothing
    about whether it exists)."""
    found = _rows(
        db,
        "SELECT code, name, city, location, pengampu, category FROM booths"
        " WHERE code = ? AND (? IS NULL OR pengampu = ?) AND (? IS NULL OR city = ?)",
        (code, pengampu, pengampu, city, city),
    )
    if not found:
        return None
    return BoothHistory(
        booth=found[0],
        days=_rows(
            db,
            "SELECT date, revision, sales_count, net, cash_difference, head_hash, set_aside"
            " FROM booth_days WHERE booth = ? ORDER BY date",
            (code,),
        ),
        revisions=_rows(
            db,
            "SELECT date, revision, status, received_at, via, source,"
            " json_extract(body, '$.totals.net') AS net FROM bundles WHERE booth = ?"
            " ORDER BY date, received_at, id",
            (code,),
        ),
        conflicts=[c for c in conflicts(db) if c["booth"] == code],
        rejections=_rows(
            db,
            "SELECT at, via, source, code, reason, reason_id FROM rejections WHERE booth = ?"
            " ORDER BY id DESC LIMIT 50",
            (code,),
        ),
    )
