"""What kind of file an export is, and how its text is encoded, decided from its bytes.

Excel saves "CSV" as Windows-1252 and "CSV UTF-8" with a byte-order mark; other tools write plain
UTF-8. These are told apart by rules, not by statistical guessing: a BOM says what it is; bytes
that decode as strict UTF-8 are UTF-8 (Windows-1252 text with accents almost never does); bytes
that decode as strict Windows-1252 are that; anything else is refused.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 16384  # what the kind of a file is decided from (and binary data looked for in)
CHUNK_BYTES = 1 << 20  # a CSV is checked and counted in pieces this big, never held whole
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


class FileKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    HTML = "html"


class UnreadableFile(ValueError):
    """The bytes are not a table we can read; the message says why in one line."""


def detect_kind(data: bytes) -> FileKind:
    """The file's real format, from its first bytes (names and extensions can lie)."""
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if data.startswith(_ZIP_MAGIC):
        return FileKind.XLSX
    if data.startswith(_OLD_EXCEL_MAGIC):
        raise UnreadableFile(
            "this is an old-style Excel .xls file; save it as .xlsx or CSV and import that"
        )
    head = decode_text(data[:4096], partial=True).lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<table", "<?xml", "<head", "<body", "<meta")):
        return FileKind.HTML
    return FileKind.CSV


def decode_text(data: bytes, *, partial: bool = False) -> str:
    """Text of an export; ``partial`` tolerates a multi-byte character cut at the end."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, partial)
    try:
        text = _strict(data, "utf-8", partial)
    except UnreadableFile:
        try:
            text = _strict(data, "cp1252", partial)
        except UnreadableFile:
            raise UnreadableFile(
                "the file is neither UTF-8 nor Windows-1252 text (is it a spreadsheet or "
                "another binary file?)"
            ) from None
    if _looks_binary(text):
        raise UnreadableFile("the file holds binary data, not a text table")
    return text


def text_encoding(data: bytes) -> str:
    """The encoding ``decode_text`` would use, for reports."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return "utf-8 (with BOM)" if encoding == "utf-8-sig" else "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


def _strict(data: bytes, encoding: str, partial: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        return decoder.decode(data, final=not partial)
    except UnicodeDecodeError:
        raise UnreadableFile(f"the file is not valid {encoding}") from None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return "\x00" in sample or controls > max(4, len(sample) // 100)


@dataclass(frozen=True, slots=True)
class TextFile:
    """A text export checked end to end without holding it: how to open it, and its lines."""

    encoding: str  # for ``open()``: consumes a BOM
    label: str  # as ``text_encoding`` names it, for reports
    head: str  # the first few thousand characters
    lines: int  # line breaks in the whole file (rows, for progress; quoted breaks count too)


def check_text_file(path: Path) -> TextFile:
    """What ``decode_text`` would decide for the whole file, read in pieces: the same encoding,
    the same refusals. ``OSError`` passes through."""
    with path.open("rb") as fh:
        start = fh.read(HEAD_BYTES)
        for bom, encoding in _BOMS:
            if start.startswith(bom):
                lines = _decoded_lines(fh, start, encoding)
                label = "utf-8 (with BOM)" if encoding == "utf-8-sig" else "utf-16"
                break
        else:
            encoding, label = "utf-8", "utf-8"
            try:
                lines = _decoded_lines(fh, start, "utf-8")
            except UnreadableFile:
                encoding, label = "cp1252", "windows-1252"
                try:
                    lines = _decoded_lines(fh, start, "cp1252")
                except UnreadableFile:
                    raise UnreadableFile(
                        "the file is neither UTF-8 nor Windows-1252 text (is it a spreadsheet or "
                        "another binary file?)"
                    ) from None
    head = codecs.getincrementaldecoder(encoding)("strict").decode(start)
    if _looks_binary(head):
        raise UnreadableFile("the file holds binary data, not a text table")
    return TextFile(encoding=encoding, label=label, head=head, lines=lines)


def _decoded_lines(fh: object, start: bytes, encoding: str) -> int:
    """Decode the whole file strictly (from ``start``, its first bytes), counting line breaks."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    fh.seek(len(start))  # type: ignore[attr-defined]
    lines = 0
    chunk = start
    try:
        while chunk:
            lines += decoder.decode(chunk).count("\n")
            chunk = fh.read(CHUNK_BYTES)  # type: ignore[attr-defined]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise UnreadableFile(f"the file is not valid {encoding}") from None
    return lines
