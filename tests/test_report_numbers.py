"""Counts in the event report follow the reader's language (`2.388` / `2,388`) everywhere in
the PDF; rupiah are `Rp2.388.000` in both (as on every receipt and screen); the XLSX gives
counts a grouped number format and rupiah the rupiah one; the CSV keeps bare digits."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from bazar_pos.documents import event_report
from bazar_pos.hub import export, report
from bazar_pos.hub.ingest import ingest
from bazar_pos.sync import bundle
from tests.conftest import NOW
from tests.hubkit import make_bundle, make_hub, sign


def _busy_day(path: Path) -> report.Report:
    db, _, keys = make_hub(path, booths=1)
    b = make_bundle("B-000", keys["B-000"], net=2_388_000)
    b["totals"]["sales_count"] = b["hours"][0]["sales_count"] = 2388
    b["products"][0]["qty"] = 1234
    ingest(db, bundle.dumps(sign(b, keys["B-000"])), now=NOW)
    return report.build(db)


def _pdf_text(rep: report.Report, path: Path, lang: str) -> str:
    event_report.write(rep, path, generated=NOW, lang=lang)
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_counts_follow_the_language_and_rupiah_keep_one_form(tmp_path: Path) -> None:
    rep = _busy_day(tmp_path / "hub.db")
    en = _pdf_text(rep, tmp_path / "en.pdf", "en")
    id_ = _pdf_text(rep, tmp_path / "id.pdf", "id")
    for text in (en, id_):
        assert "Rp2.388.000" in text and "Rp2,388" not in text
    assert "2,388" in en and "1,234" in en
    assert "2.388\n" not in en and " 2.388" not in en and "1.234" not in en
    assert "2.388" in id_.replace("Rp2.388.000", "") and "1.234" in id_
    assert "2,388" not in id_ and "1,234" not in id_

    sheet = load_workbook(export.write_xlsx(rep, tmp_path / "r.xlsx", lang="en"))["by_day"]
    header = [c.value for c in sheet[1]]
    count, net = (
        sheet.cell(2, header.index("sales_count") + 1),
        sheet.cell(2, header.index("net") + 1),
    )
    assert (count.value, count.number_format) == (2388, export.COUNT_FORMAT)
    assert (net.value, net.number_format) == (2_388_000, export.RUPIAH_FORMAT)
    export.write_csv(rep, tmp_path / "csv", lang="en")
    with (tmp_path / "csv" / "by_day.csv").open() as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["sales_count"], row["net"]) == ("2388", "2388000")
