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

from bazar_pos.errors import InvalidInput, os_reason
from bazar_pos.i18n import Word, t

MAX_BYTES = 20_000_000  # a catalog of 5,000 products is about 300 KB
MAX_CELL = 1_000  # names are at most 80 characters; a longer cell is a pasted blob
DELIMITERS = {",": "','", ";": "';'", "\t": "tab"}

ENCODINGS = (
    "utf-16",
    "utf-8-sig",
    "utf-8",
    "cp1252",
)  # each worded by the catalogs as `encoding.<name>`


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
        sep = DELIMITERS[self.delimiter]
        return t("csvfile.read_as_separator", encoding=Word(f"encoding.{self.encoding}"), sep=sep)


def read(path: Path | str, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> Table:
    """Rows keyed by our column names; `columns` maps each to the header spellings accepted."""
    encoding, text = decode(_bytes(Path(path)), path)
    delimiter = _delimiter(text)
    records = read_records(text, delimiter, path)
    if not records:
        raise InvalidInput("bad_csv:the_csv_file_is_empty", path=path)
    header_line, header = records[0]
    index = _header(header, columns)
    missing = [c for c in required if c not in index]
    if missing:
        wanted = ",".join(required)
        local = ",".join(columns[c][-1] for c in required)
        raise InvalidInput(
            "bad_csv:line_the_csv_needs_the", header_line=header_line, wanted=wanted, local=local
        )
    rows = []
    for line, cells in records[1:]:
        extra = [c for i, c in enumerate(cells) if i >= len(header) and c.strip()]
        if extra:
            raise InvalidInput("bad_csv:line_more_cells_than_column", line=line)
        rows.append(
            Row(line, {name: cells[i] if i < len(cells) else "" for name, i in index.items()})
        )
    return Table(rows, encoding, delimiter)


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                "bad_csv:the_csv_file_is_too", size=size, max_bytes=MAX_BYTES, path=path
            )
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            "bad_csv:the_csv_file_cannot_be", path=path, strerror=os_reason(exc)
        ) from exc


def decode(data: bytes, path: Path | str) -> tuple[str, str]:
    """(encoding, text): UTF-16 with its BOM (Excel's "Unicode text"), UTF-8 with or without
    BOM, failing that Windows-1252; a NUL byte outside UTF-16 means it is not text at all."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return "utf-16", data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidInput("bad_csv:not_valid_utf_16", path=path) from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InvalidInput("bad_csv:line_not_a_csv_file", line=line, path=path)
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return encoding, data.decode(encoding)
    except UnicodeDecodeError:
        pass
    try:
        return "cp1252", data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InvalidInput("bad_csv:line_not_csv_text_neither", line=line, path=path) from exc


def _delimiter(text: str) -> str:
    """The separator the header line uses most; a one-column file keeps `,`."""
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_records(text: str, delimiter: str, path: Path | str) -> list[tuple[int, list[str]]]:
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
        raise InvalidInput("bad_csv:line_invalid_csv", start=start, exc=exc, path=path) from exc
    return out


def _cell_too_long(line: int, column: int | None) -> InvalidInput:
    if column:
        return InvalidInput(
            "bad_csv:cell_too_long_column", line=line, column=column, max_cell=MAX_CELL
        )
    return InvalidInput("bad_csv:line_cell_too_long_at", line=line, max_cell=MAX_CELL)


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
