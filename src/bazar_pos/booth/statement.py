"""A merchant's mutation or settlement export, read as the credits that really arrived.

Banks and e-wallets export whatever they like: CSV with commas, semicolons or tabs, or XLSX; a
few lines of preamble before the header; Indonesian or English column names; amounts written
`15.000,00`, `15,000.00 CR` or `15000`. This module turns any of them into `Credit`s of whole
rupiah (a fraction of a rupiah is refused, never rounded), so the reconcile compares integers.
File reading is one function (`read_rows`) so a shared CSV reader can replace it.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bazar_pos import csvfile
from bazar_pos.errors import InvalidInput, os_reason

Cell = Any  # str from CSV; str, int, float, datetime, date or time from XLSX; None when empty

ROLES = ("date", "time", "amount", "credit", "debit", "type", "reference", "description")
_ALIASES = {"ref": "reference", "rrn": "reference", "desc": "description", "dk": "type"}
_HEADERS: dict[str, tuple[str, ...]] = {
    "date": (
        "tanggal",
        "tgl",
        "date",
        "tanggal transaksi",
        "tgl transaksi",
        "transaction date",
        "trx date",
        "tanggal waktu",
        "datetime",
        "date time",
        "posting date",
    ),
    "time": ("waktu", "jam", "time", "transaction time", "waktu transaksi"),
    "amount": ("nominal", "jumlah", "amount", "nilai", "mutasi", "nominal transaksi", "total"),
    "credit": ("kredit", "credit", "cr", "masuk", "uang masuk"),
    "debit": ("debit", "debet", "db", "keluar", "uang keluar"),
    "type": ("tipe", "type", "jenis", "d k", "db cr", "cr db", "dk", "k d"),
    "reference": (
        "rrn",
        "reference",
        "referensi",
        "ref",
        "no ref",
        "no referensi",
        "nomor referensi",
        "reference no",
        "reference number",
        "ref no",
        "id transaksi",
        "transaction id",
    ),
    "description": (
        "keterangan",
        "deskripsi",
        "description",
        "berita",
        "remark",
        "remarks",
        "catatan",
        "note",
        "bill number",
        "nomor tagihan",
    ),
}
_DEBIT_MARKS = {"db", "d", "debit", "debet", "keluar", "out", "dr"}
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "peb": 2,
    "mar": 3,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "nop": 11,
    "des": 12,
    "dec": 12,
}
_HEADER_SCAN = 30
_WHOLE = re.compile(r"\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+")


@dataclass(frozen=True)
class Credit:
    """Money that arrived: the statement's row number (1-based), when, how much, and its labels."""

    row: int
    day: str
    at: datetime | None  # aware, in the booth's zone; None when the statement gives only a date
    amount: int
    reference: str = ""
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "date": self.day,
            "time": self.at.strftime("%H:%M:%S") if self.at else None,
            "amount": self.amount,
            "reference": self.reference,
            "description": self.description,
        }


@dataclass(frozen=True)
class Statement:
    name: str
    sha256: str
    credits: tuple[Credit, ...]
    duplicates: int  # rows that repeat an earlier row (same reference, or the same whole row)
    debits: int  # money out, ignored


# --- reading the file -------------------------------------------------------------------------


def read_rows(path: Path) -> list[list[Cell]]:
    """The file's rows as cells: XLSX through openpyxl, anything else as delimited text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("statement_io", path=path, strerror=os_reason(exc)) from exc
    if data[:2] == b"PK":
        return _xlsx_rows(data, path)
    return _csv_rows(data, path)


def _csv_rows(data: bytes, path: Path) -> list[list[Cell]]:
    """Through the shared CSV reader (encodings, NUL and oversized cells refused by line); a
    statement picks its separator by the lines it splits evenly, since banks put a title first.

    Rows keep their file line numbers (blank lines stand as empty rows), so a refusal names the
    line the vendor sees in a text editor.
    """
    _, text = csvfile.decode(data, path)
    lines = text.splitlines()
    sample = "\n".join(lines[:_HEADER_SCAN])
    delimiter = max(",;\t|", key=lambda d: _consistency(sample, d))
    if _consistency(sample, delimiter) == 0 and len(lines) > 1:
        raise InvalidInput("statement_delimiter", name=path.name)
    rows: list[list[Cell]] = []
    for line, cells in csvfile.read_records(text, delimiter, path):
        rows += [[] for _ in range(line - 1 - len(rows))]
        rows.append(list(cells))
    return rows


def _consistency(sample: str, delimiter: str) -> int:
    """How many lines split into the most common number (>1) of fields with this delimiter."""
    counts: dict[int, int] = {}
    with contextlib.suppress(csv.Error):  # the full read below names the bad line
        for row in csv.reader(io.StringIO(sample), delimiter=delimiter):
            if len(row) > 1:
                counts[len(row)] = counts.get(len(row), 0) + 1
    return max(counts.values(), default=0)


def _xlsx_rows(data: bytes, path: Path) -> list[list[Cell]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput("statement_xlsx", name=path.name) from exc
    try:
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


# --- finding the columns ----------------------------------------------------------------------


def _norm(cell: Cell) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(cell or "").lower()).split())


def _detect(row: Sequence[Cell]) -> dict[str, int]:
    """Roles recognised in a header row: exact names first, then names that contain one."""
    found: dict[str, int] = {}
    names = [_norm(c) for c in row]
    for exact in (True, False):
        for role, options in _HEADERS.items():
            if role in found:
                continue
            for i, name in enumerate(names):
                if i in found.values() or not name:
                    continue
                words = f" {name} "
                if (name in options) if exact else any(f" {o} " in words for o in options):
                    found[role] = i
                    break
    return found


def parse_columns(text: str) -> dict[str, str]:
    """`date=Tgl,amount=Nilai,ref=No. Ref` -> {role: header name or 1-based column number}."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        role, eq, header = part.partition("=")
        role = _ALIASES.get(role.strip().lower(), role.strip().lower())
        if not eq or role not in ROLES or not header.strip():
            raise InvalidInput("statement_columns_option", part=part, roles=", ".join(ROLES))
        out[role] = header.strip()
    return out


def _mapped(rows: list[list[Cell]], wanted: dict[str, str]) -> tuple[int, dict[str, int]]:
    """The header row and column of each role named by hand (a number means no header row)."""
    if all(v.isdigit() for v in wanted.values()):
        return -1, {role: int(v) - 1 for role, v in wanted.items()}
    for r, row in enumerate(rows[:_HEADER_SCAN]):
        names = [_norm(c) for c in row]
        cols = {
            role: (int(v) - 1 if v.isdigit() else names.index(_norm(v)))
            for role, v in wanted.items()
            if v.isdigit() or _norm(v) in names
        }
        if len(cols) == len(wanted):
            return r, _detect(row) | cols
    raise _unknown_columns(rows, missing=sorted(wanted.values()))


def _header(rows: list[list[Cell]], wanted: dict[str, str]) -> tuple[int, dict[str, int]]:
    if wanted:
        return _mapped(rows, wanted)
    for r, row in enumerate(rows[:_HEADER_SCAN]):
        cols = _detect(row)
        if "date" not in cols and "time" in cols:
            cols["date"] = cols["time"]  # one "Waktu Transaksi" column holding date and time
        if "date" in cols and ({"amount", "credit"} & set(cols)):
            return r, cols
    raise _unknown_columns(rows)


def _unknown_columns(rows: list[list[Cell]], missing: list[str] | None = None) -> InvalidInput:
    seen = next(
        (r for r in rows[:_HEADER_SCAN] if sum(1 for c in r if c not in (None, "")) > 1), []
    )
    names = ", ".join(str(c) for c in seen if c not in (None, "")) or "-"
    what = ", ".join(missing) if missing else "tanggal/date + nominal/amount"
    return InvalidInput("statement_columns", what=what, names=names)


# --- reading the values -----------------------------------------------------------------------


def parse_amount(cell: Cell) -> int:
    """Whole rupiah from `15.000,00`, `15,000.00`, `15000.00`, `Rp 15.000`, `-15.000`, `15000`.

    With both separators the last one marks the decimals; a lone separator followed by exactly
    three digits groups thousands. A fraction of a rupiah other than zero is refused.
    """
    if isinstance(cell, bool):
        raise _amount_error(cell)
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        cell = repr(cell)
    raw = str(cell).strip()
    s = re.sub(r"(?i)^(rp\.?|idr)|\s|\u00a0", "", raw)
    negative = s.startswith("-") or (s.startswith("(") and s.endswith(")"))
    s = s.strip("-()")
    if not re.fullmatch(r"\d[\d.,]*", s):
        raise _amount_error(raw)
    whole, fraction = s, ""
    last = max(s.rfind("."), s.rfind(","))
    both = "." in s and "," in s
    lone_decimal = last >= 0 and s.count(s[last]) == 1 and len(s) - last - 1 != 3
    if both or lone_decimal:
        whole, fraction = s[:last], s[last + 1 :]
    if not _WHOLE.fullmatch(whole) or not re.fullmatch(r"\d{0,2}", fraction):
        raise _amount_error(raw)
    digits = re.sub(r"[.,]", "", whole)
    if fraction.strip("0"):
        raise InvalidInput("statement_fraction", raw=raw)
    return -int(digits) if negative else int(digits)


def _amount_error(raw: Cell) -> InvalidInput:
    return InvalidInput("statement_amount", raw=raw)


def _parse_date(cell: Cell) -> tuple[date, time | None] | None:
    if isinstance(cell, datetime):
        return cell.date(), (cell.time() if cell.time() != time(0) else None)
    if isinstance(cell, date):
        return cell, None
    text = str(cell or "").strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})", text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := re.match(r"(\d{1,2})[ -]([A-Za-z]{3,})[ -](\d{2,4})", text):
        d, y = int(m[1]), int(m[3])
        mo = _MONTHS.get(m[2][:3].lower(), 0)
    else:
        return None
    y = y + 2000 if y < 100 else y
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    return day, _parse_time(text[m.end() :])


def _parse_time(cell: Cell) -> time | None:
    if isinstance(cell, time):
        return cell
    if isinstance(cell, datetime):
        return cell.time()
    m = re.search(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?", str(cell or ""))
    if not m:
        return None
    try:
        return time(int(m[1]), int(m[2]), int(m[3] or 0))
    except ValueError:
        return None


def _cell(row: Sequence[Cell], cols: dict[str, int], role: str) -> Cell:
    i = cols.get(role)
    return row[i] if i is not None and i < len(row) else None


def _text(cell: Cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def _money_in(row: Sequence[Cell], cols: dict[str, int]) -> int | None:
    """The amount credited by this row, or None when it is money out or no money at all."""
    if "credit" in cols:
        value = _cell(row, cols, "credit")
        return (parse_amount(value) or None) if _text(value) else None
    raw = _text(_cell(row, cols, "amount"))
    mark = _norm(_cell(row, cols, "type"))
    suffix = re.search(r"(?i)\s*\b(cr|db|dr|k|d)\s*$", raw)
    if suffix:
        mark, raw = suffix[1].lower(), raw[: suffix.start()]
    if not raw:
        return None
    amount = parse_amount(_cell(row, cols, "amount") if not suffix else raw)
    return None if mark in _DEBIT_MARKS or amount <= 0 else amount


def read_statement(path: Path, tz: ZoneInfo, columns: dict[str, str] | None = None) -> Statement:
    """The credits in a statement file; each refusal names the row, nothing is guessed."""
    path = Path(path)
    rows = read_rows(path)
    start, cols = _header(rows, columns or {})
    credits: list[Credit] = []
    seen: set[tuple[Any, ...]] = set()
    duplicates = debits = 0
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        when = _parse_date(_cell(row, cols, "date"))
        if when is None:
            continue  # a title, a blank, a balance or a footer line
        try:
            amount = _money_in(row, cols)
        except InvalidInput as exc:
            raise InvalidInput("statement_row", name=path.name, number=number, reason=exc).coded(
                exc.code
            ) from exc
        if amount is None:
            debits += 1
            continue
        clock = when[1] or _parse_time(_cell(row, cols, "time"))
        at = datetime.combine(when[0], clock, tz) if clock else None
        reference = _text(_cell(row, cols, "reference"))
        description = _text(_cell(row, cols, "description"))
        key = (reference,) if reference else (when[0], clock, amount, description)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        credits.append(Credit(number, when[0].isoformat(), at, amount, reference, description))
    return Statement(
        path.name,
        hashlib.sha256(path.read_bytes()).hexdigest(),
        tuple(credits),
        duplicates,
        debits,
    )
