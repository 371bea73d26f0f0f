"""What kind of file an export is, and how its text is encoded, decided from its bytes.

Excel saves "CSV" as Windows-1252 and "CSV UTF-8" with a byte-order mark; other tools write plain
UTF-8. These are told apart by rules, not by statistical guessing: a BOM says what it is; bytes
that decode as strict UTF-8 are UTF-8 (Windows-1252 text with accents almost never does); bytes
that decode as strict Windows-1252 are that; anything else is refused.
"""

from __future__ import annotations

import codecs
from enum import StrEnum

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ZIP_MAGIC = b"PK\x03\x04"
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
