"""Reading an export (CSV, XLSX or an HTML report) into rows of text cells.

Every reader finds the header row itself (MIS reports often start with a title line) and numbers
rows as the DPO sees them: the spreadsheet row, or the line of the CSV file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from companion.roster.headers import ColumnMap, Vocabulary, map_columns, recognised
from companion.roster.textfile import (
    HEAD_BYTES,
    FileKind,
    TextFile,
    UnreadableFile,
    check_text_file,
    decode_text,
    detect_kind,
)

HEADER_SEARCH_ROWS = 25


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet or table of an export, from its header row on.

    ``rows`` may be read once only: a CSV's rows are read from the file as they are used (its
    malformed lines raise ``UnreadableFile`` then), so a file of any size is never held whole.
    """

    fmt: str  # "csv (windows-1252)", "xlsx", "html"
    header: list[str]
    columns: ColumnMap
    rows: Iterable[tuple[int, list[str]]]  # (row number as the DPO sees it, cells); blank skipped
    expected_rows: int = 0  # about how many rows follow the header (for progress); 0: unknown


Cell = str | int | float | date | datetime | None


def cell_text(value: Cell) -> str:
    """A cell as text: spreadsheet dates become ISO dates, whole numbers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: Path, vocab: Vocabulary) -> Table:
    """The first recognisable table in the file; ``UnreadableFile`` when there is none."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            kind = detect_kind(head if head.strip() else head + fh.read())
            data = head + fh.read() if kind is not FileKind.CSV else b""
        text = check_text_file(path) if kind is FileKind.CSV else None
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except IsADirectoryError:
        raise UnreadableFile("that is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read it ({exc.strerror})") from None
    if kind is FileKind.XLSX:
        return _from_xlsx(data, vocab)
    if kind is FileKind.HTML:
        return _from_html(decode_text(data), vocab)
    assert text is not None
    return _from_csv(path, text, vocab)


def _pick_table(
    fmt: str, rows: Iterable[tuple[int, list[str]]], vocab: Vocabulary, expected: int = 0
) -> Table:
    """Split rows at the first recognisable header; otherwise say what the first row held.

    Only the rows up to the header are read here; the rest are read as the table is used.
    """
    rows = iter(rows)
    first_seen: list[str] | None = None
    for position, (_, cells) in enumerate(rows):
        if any(cells):
            first_seen = first_seen or cells
            columns = map_columns(cells, vocab)
            if recognised(columns):
                # (a row whose first cell holds text is filled: no call for the usual row)
                body = ((n, c) for n, c in rows if c and (c[0].strip() or _filled(c)))
                return Table(fmt, cells, columns, body, max(expected - position - 1, 0))
        if position + 1 >= HEADER_SEARCH_ROWS:
            break
    close = getattr(rows, "close", None)
    if close is not None:
        close()  # a CSV's file
    raise NoHeader(fmt, [c for c in first_seen or [] if c])


def _filled(cells: list[str]) -> bool:
    """Not a blank row (cells of a CSV body are not stripped: ``clean_cell`` does that)."""
    return any(cells) and any(not c.isspace() for c in cells if c)


class NoHeader(UnreadableFile):
    """No row looks like a header; keeps what the first row held, for the report to show only
    if it is a header (it may be a pupil's row: importing._open decides)."""

    def __init__(self, fmt: str, found: list[str]) -> None:
        super().__init__(
            f"no header row with forename and surname columns in this {fmt.split()[0]} file"
        )
        self.found = found


def _from_csv(path: Path, text: TextFile, vocab: Vocabulary) -> Table:
    # Only the delimiter is sniffed (Excel in some locales writes ";"); quoting stays Excel's.
    try:
        delimiter = csv.Sniffer().sniff(text.head[:4096], ",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    rows = _csv_rows(path, text, delimiter)
    return _pick_table(f"csv ({text.label})", rows, vocab, expected=text.lines)


def _csv_rows(path: Path, text: TextFile, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The file's rows as read, numbered as Excel shows them (a cell with line breaks, such as
    an address, is one row, not several); header rows stripped, body rows as written."""
    header_rows = HEADER_SEARCH_ROWS
    try:
        with path.open(encoding=text.encoding, newline="") as fh:
            reader = csv.reader(_bounded_lines(fh), csv.excel, delimiter=delimiter)
            try:
                for number, cells in enumerate(reader, start=1):
                    if header_rows:
                        header_rows -= 1
                        cells = [c.strip() for c in cells]
                    yield number, cells
            except csv.Error as exc:
                raise UnreadableFile(
                    f"the CSV is malformed near line {reader.line_num} ({exc})"
                ) from None
    except (UnicodeDecodeError, OSError) as exc:
        raise UnreadableFile(f"the file changed while it was read ({exc})") from None


# A cell is bounded by csv's field size limit, a row by this: a line of millions of tiny cells
# would be parsed into as many strings (100 MB of ",x" took gigabytes: found in review). Excel
# holds at most 16,384 cells of 32,767 characters, but no export row comes near a megabyte.
MAX_LINE_CHARS = 1 << 20


def _bounded_lines(fh: Any) -> Iterator[str]:
    """The file's lines, each read no further than MAX_LINE_CHARS; UnreadableFile past it."""
    number = 0
    while line := fh.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise UnreadableFile(
                f"line {number} of the CSV is over {MAX_LINE_CHARS // 2**20} MB long, which no "
                "export's row is"
            )
        yield line


# An MIS export of a whole trust unpacks to a few tens of MB; far more, or a part compressed
# far beyond what real spreadsheets reach, is a zip bomb. Spreadsheets never carry a DOCTYPE
# (entity expansion, external entities). Columns past these are never read: a forged
# <dimension ref="A1:XFD1048576"/> would otherwise pad every row to 16,384 cells.
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 150
MAX_XLSX_COLUMNS = 256


def _check_xlsx(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(f"the spreadsheet cannot be opened ({exc})") from None
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNPACKED:
        raise UnreadableFile(
            f"the spreadsheet would unpack to {total // 2**20} MB, far more than any export; "
            "save it again from Excel, or export CSV"
        )
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > 1_000_000 and ratio > MAX_XLSX_RATIO:
            raise UnreadableFile(
                f"the spreadsheet part {member.filename} is compressed {ratio} times over, "
                "which no real export is (a zip bomb?)"
            )
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise UnreadableFile(
                    f"the spreadsheet part {member.filename} declares a DOCTYPE, which "
                    "spreadsheets never do; save it again from Excel, or export CSV"
                )


def _from_xlsx(data: bytes, vocab: Vocabulary) -> Table:
    import openpyxl  # only spreadsheets pay for it

    _check_xlsx(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        # (xml.etree's ParseError is a SyntaxError)
        raise UnreadableFile(f"the spreadsheet cannot be opened ({type(exc).__name__})") from None

    # Rows come padded to MAX_XLSX_COLUMNS cells: once the header is found, each is cut to the
    # header's width before its cells are read (a 250,000-row sheet of three columns took 548 MB
    # padded, where CSV takes 175: found in review).
    width = MAX_XLSX_COLUMNS

    def rows_of(sheet: Any) -> Iterator[tuple[int, list[str]]]:
        sheet.reset_dimensions()  # trust the cells, not the file's own claim of its size
        return (
            (number, [cell_text(v) for v in values[:width]])
            for number, values in enumerate(
                sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS), start=1
            )
        )

    try:
        problem: UnreadableFile | None = None
        for at, sheet in enumerate(book.worksheets):
            try:
                table = _pick_table("xlsx", rows_of(sheet), vocab)
            except NoHeader as exc:
                problem = problem or exc
                continue
            named = [i for i, cell in enumerate(table.header) if cell.strip()]
            width = named[-1] + 1 if named else MAX_XLSX_COLUMNS
            table = replace(table, rows=list(table.rows))  # read before the book closes
            width = MAX_XLSX_COLUMNS
            others = [s.title for s in book.worksheets[at + 1 :] if _has_header(rows_of(s), vocab)]
            if others:
                raise _more_than_one("sheet", [sheet.title, *others])
            return table
        raise problem or UnreadableFile("the spreadsheet has no sheets")
    finally:
        book.close()


def _has_header(rows: Iterable[tuple[int, list[str]]], vocab: Vocabulary) -> bool:
    try:
        _pick_table("", rows, vocab)
    except NoHeader:
        return False
    return True


def _more_than_one(kind: str, names: list[str]) -> UnreadableFile:
    """People in several sheets or tables of one file: only one would be read, and the others
    (the leavers, the contacts) lost without a word (found in review)."""
    shown = ", ".join(f"'{n}'" for n in names[:6]) + (", ..." if len(names) > 6 else "")
    return UnreadableFile(
        f"people are listed in {len(names)} {kind}s of this file ({shown}), and one file is read "
        f"as one list: save each {kind} as a file of its own and import them together"
    )


def _from_html(text: str, vocab: Vocabulary) -> Table:
    from bs4 import BeautifulSoup  # only HTML reports pay for it

    soup = BeautifulSoup(text, "html.parser")
    problem: UnreadableFile | None = None
    found: Table | None = None
    tables = 0
    for table in soup.find_all("table"):
        rows = []
        for number, tr in enumerate(table.find_all("tr"), start=1):
            cells = [c.get_text(" ", strip=True) for c in tr.find_all(("td", "th"))]
            rows.append((number, cells))
        try:
            picked = _pick_table("html", rows, vocab)
        except NoHeader as exc:
            problem = problem or exc
            continue
        tables += 1
        found = found or picked
    if tables > 1:
        raise _more_than_one("table", [f"table {n}" for n in range(1, tables + 1)])
    if found is not None:
        return found
    raise problem or UnreadableFile("the HTML report has no table")
