"""The report's tables as files: one CSV per table, or one XLSX sheet per table.

Numbers stay numbers (integers of rupiah, counts), with a rupiah or a grouped number format in
the spreadsheet (which groups digits as its own language does); the CSV keeps bare digits. Text
comes from booths and the organizer's CSV, so it is made harmless for office programs: a cell
that starts like a formula is written as text (a leading `'` in CSV), and control characters are
shown as `\\xNN` instead of breaking the file. Sheet names and column headers are in the reader's
language (`sheet.<table>` and `column.<key>` in the catalogs); the CSV file names stay the stable
table names, for scripts.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from bazar_pos import i18n
from bazar_pos.hub.report import PAY, Report

RUPIAH_FORMAT = '"Rp"#,##0'
COUNT_FORMAT = "#,##0"  # grouped as the spreadsheet's own language groups: 2.388 or 2,388
MONEY_COLUMNS = {"net", "amount", "gross", "discounts", "voids", "refunds", *PAY}
COUNT_COLUMNS = {
    "sales_count",
    "booths",
    "reported",
    "missing",
    "booth_days_expected",
    "days_reported",
    "qty",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def safe_text(value: Any) -> Any:
    """Text with every control character but tab and newline shown as `\\xNN`; others as given."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def csv_field(value: Any) -> Any:
    """A CSV field no spreadsheet will run: formula-like text gets a leading apostrophe."""
    text = safe_text(value)
    return f"'{text}" if isinstance(text, str) and text.startswith(FORMULA_START) else text


def tables(rep: Report) -> dict[str, list[dict[str, Any]]]:
    return {
        "by_day": rep.by_day,
        "by_city": rep.by_city,
        "by_city_day": rep.by_city_day,
        "by_pengampu_payment": rep.by_pengampu_payment,
        "by_location": rep.by_location,
        "by_location_day": rep.by_location_day,
        "by_booth": rep.by_booth,
        "by_category": rep.by_category,
        "by_pengampu": rep.by_pengampu,
        "by_payment": [{"method": k, "net": v} for k, v in rep.by_payment.items()],
        "top_products": rep.top_products,
        "by_hour": rep.by_hour,
        "missing": rep.missing,
        "booth_days": rep.booth_days,
        "set_aside": rep.set_aside,
    }


def _column(key: str, lang: str) -> str:
    return i18n.text(lang, f"column.{key}")


def write_csv(rep: Report, folder: Path, *, lang: str = i18n.Lang.ID) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, rows in tables(rep).items():
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            columns = list(rows[0]) if rows else []
            writer = csv.writer(fh)
            writer.writerow([_column(c, lang) for c in columns] or ["-"])
            writer.writerows([csv_field(row.get(c)) for c in columns] for row in rows)
        out.append(path)
    return out


def write_xlsx(rep: Report, path: Path, *, lang: str = i18n.Lang.ID) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables(rep).items():
        ws = wb.create_sheet(i18n.text(lang, f"sheet.{name}")[:31])
        columns = list(rows[0]) if rows else []
        ws.append([_column(c, lang) for c in columns] or ["-"])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for i, col in enumerate(columns, start=1):
                value = safe_text(row.get(col))
                cell = ws.cell(r, i, value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
        for i, col in enumerate(columns, start=1):
            form = RUPIAH_FORMAT if col in MONEY_COLUMNS else COUNT_FORMAT
            if col in MONEY_COLUMNS or col in COUNT_COLUMNS:
                for cell in ws.iter_cols(min_col=i, max_col=i, min_row=2):
                    for c in cell:
                        c.number_format = form
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(
                12, len(_column(col, lang)) + 4
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
