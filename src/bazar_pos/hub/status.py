"""Who has reported: every registered booth for a day, reported or missing, with its figures."""

from __future__ import annotations

from typing import Any

import sqlite_utils


def _rows(
    db: sqlite_utils.Database, sql: str, params: tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def event_dates(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT date FROM booth_days ORDER BY date")]


def status(db: sqlite_utils.Database, date: str) -> list[dict[str, Any]]:
    return [
        {**r, "reported": r["revision"] is not None}
        for r in _rows(
            db,
            "SELECT b.code AS booth, b.name, b.location, d.revision, d.net, d.sales_count"
            " FROM booths b LEFT JOIN booth_days d ON d.booth = b.code AND d.date = ?"
            " ORDER BY b.location, b.code",
            (date,),
        )
    ]


def conflicts(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT booth, date, revision, bundle_id, received_at FROM bundles"
        " WHERE status = 'conflict' ORDER BY booth, date",
    )


def rejections(db: sqlite_utils.Database, limit: int = 50) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT at, booth, code, reason, size FROM rejections ORDER BY id DESC LIMIT ?",
        (limit,),
    )
