"""Event report at city scale (1,080 booths x 3 days) beside one SQL GROUP BY over the rows."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from tests.conftest import NOW
from tests.hubkit import DATES, booth_keys, make_bundle

from bazar_pos.documents import event_report
from bazar_pos.hub import registry, report
from bazar_pos.hub.ingest import ingest
from bazar_pos.hub.store import open_hub
from bazar_pos.sync import bundle
from common import expect

BOOTHS, DAYS = 1080, 3


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_hub(Path(tmp) / "hub.db", create=True)
        registry.init_hub(db, "Bazar Jakpreneur", dates=DATES, now=NOW)
        codes = registry.add_booths(
            db,
            [
                registry.Booth(
                    f"B{i:04d}",
                    f"Booth {i}",
                    f"Kota {i // 180} Lokasi {i // 30 % 6}",
                    f"P{i // 5}",
                    ["kue", "minuman", "sembako"][i % 3],
                )
                for i in range(BOOTHS)
            ],
        )
        secrets = {code: booth_keys(db, code) for code in codes}
        for d in range(DAYS):
            for code, keys in secrets.items():
                b = make_bundle(
                    code,
                    keys,
                    date=f"2026-03-{20 + d}",
                    event="Bazar Jakpreneur",
                    net=100_000 + d,
                )
                ingest(db, bundle.dumps(b), now=NOW)
        start = time.perf_counter()
        db.execute(
            "SELECT b.location, d.date, SUM(d.net), SUM(d.sales_count) FROM booth_days d"
            " JOIN booths b ON b.code = d.booth GROUP BY b.location, d.date"
        ).fetchall()
        floor = time.perf_counter() - start
        start = time.perf_counter()
        rep = report.build(db)
        rep.to_json()
        json_s = time.perf_counter() - start
        start = time.perf_counter()
        event_report.write(rep, Path(tmp) / "r.pdf", generated=NOW)
        pdf_s = time.perf_counter() - start
    print(f"report over {BOOTHS} booths x {DAYS} days: floor GROUP BY {floor * 1000:.1f} ms")
    print(f"report JSON: {json_s * 1000:.0f} ms, {json_s / floor:.0f}x floor (goal < 1 s)")
    print(f"report PDF: {pdf_s:.2f} s (goal < 5 s)")
    expect("report JSON, s", json_s, "< 1")
    expect("report PDF, s", pdf_s, "< 5")


if __name__ == "__main__":
    main()
