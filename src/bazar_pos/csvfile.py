"""CSV files as people really have them, for the booth catalog and the hub's booth list alike.

Indonesian Excel saves with `;`, older laptops save Windows-1252, headers come in capitals or in
Indonesian. One reader accepts all of that and refuses what is not a table (empty, binary, a cell
the size of a novel) with the line it stopped at, before anything is written.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from bazar_pos import i18n
from bazar_pos.errors import InvalidInput

MAX_BYTES = 20_000_000  # a catalog of 5,000 products is about 300 KB
MAX_CELL = 1_000  # names are at most 80 characters; a longer cell is a pasted blob
DELIMITERS = {",": "','", ";": "';'", "\t": "tab"}

ENCODINGS: dict[str, tuple[str, str]] = {
    "utf-8-sig": ("UTF-8 dengan BOM", "UTF-8 with BOM"),
    "utf-8": ("UTF-8", "UTF-8"),
    "cp1252": ("Windows-1252", "Windows-1252"),
}


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    encoding: str
    delimiter: str

    def read_as(self) -> str:
        """`dibaca sebagai Windows-1252, pemisah ';'`: so a vendor sees how their file was taken."""
        id_enc, en_enc = ENCODINGS[self.encoding]
        sep = DELIMITERS[self.delimiter]
        return i18n.tr(
            f"dibaca sebagai {id_enc}, pemisah {sep}", f"read as {en_enc}, separator {sep}"
        )


def _refuse(id_text: str, en_text: str) -> InvalidInput:
    return InvalidInput(id_text, en_text, code="bad_csv")


def read(path: Path | str, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> Table:
    """Rows keyed by our column names; `columns` maps each to the header spellings accepted."""
    data = _bytes(Path(path))
    encoding, text = _decode(data, path)
    delimiter = _delimiter(text)
    records = _records(text, delimiter, path)
    if not records:
        raise _refuse(f"Berkas CSV kosong: {path}", f"The CSV file is empty: {path}")
    header_line, header = records[0]
    index = _header(header, columns)
    missing = [c for c in required if c not in index]
    if missing:
        wanted = ",".join(required)
        local = ",".join(columns[c][-1] for c in required)
        raise _refuse(
            f"Baris {header_line}: CSV harus punya kolom {wanted} (atau {local})",
            f"Line {header_line}: the CSV needs the columns {wanted} (or {local})",
        )
    rows = []
    for line, cells in records[1:]:
        extra = [c for i, c in enumerate(cells) if i >= len(header) and c.strip()]
        if extra:
            raise _refuse(
                f"Baris {line}: lebih banyak sel daripada judul kolom",
                f"Line {line}: more cells than column headers",
            )
        rows.append(
            Row(line, {name: cells[i] if i < len(cells) else "" for name, i in index.items()})
        )
    return Table(rows, encoding, delimiter)


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(
                f"Berkas CSV terlalu besar ({size:,} byte; maks. {MAX_BYTES:,}): {path}",
                f"The CSV file is too large ({size:,} bytes; max {MAX_BYTES:,}): {path}",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(
            f"Berkas CSV tidak bisa dibaca: {path} ({exc.strerror})",
            f"The CSV file cannot be read: {path} ({exc.strerror})",
        ) from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise _refuse(
            f"Baris {line}: bukan berkas CSV (ada byte NUL): {path}",
            f"Line {line}: not a CSV file (it holds a NUL byte): {path}",
        )
    return data


def _decode(data: bytes, path: Path | str) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first; failing that, Windows-1252, which Excel writes."""
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return encoding, data.decode(encoding)
    except UnicodeDecodeError:
        pass
    try:
        return "cp1252", data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _refuse(
            f"Baris {line}: bukan teks CSV (bukan UTF-8 maupun Windows-1252): {path}",
            f"Line {line}: not CSV text (neither UTF-8 nor Windows-1252): {path}",
        ) from exc


def _delimiter(text: str) -> str:
    """The separator the header line uses most; a one-column file keeps `,`."""
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str, path: Path | str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of every non-blank record; stops at an oversized or broken cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            for column, cell in enumerate(cells, start=1):
                if len(cell) > MAX_CELL:
                    raise _cell_too_long(line, column)
            if any(c.strip() for c in cells):
                out.append((line, cells))
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise _cell_too_long(start, None) from exc
        raise _refuse(
            f"Baris {start}: CSV tidak sah ({exc}): {path}",
            f"Line {start}: invalid CSV ({exc}): {path}",
        ) from exc
    return out


def _cell_too_long(line: int, column: int | None) -> InvalidInput:
    where_id = f", kolom {column}" if column else ""
    where_en = f", column {column}" if column else ""
    return _refuse(
        f"Baris {line}{where_id}: sel terlalu panjang (maks. {MAX_CELL} karakter)",
        f"Line {line}{where_en}: cell too long (at most {MAX_CELL} characters)",
    )


def _header(header: list[str], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Our column name -> position; case, spaces and `_` in the header do not matter."""
    spelled = {_key(s): name for name, spellings in columns.items() for s in (name, *spellings)}
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = spelled.get(_key(cell))
        if name and name not in index:
            index[name] = i
    return index


def _key(text: str) -> str:
    return "".join(text.split()).replace("_", "").lower()
