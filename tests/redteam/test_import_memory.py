"""Files that took the import past the memory cap the hostile-file suite holds it to (found in
review: both ended in 'unexpected MemoryError' under the cap, and used gigabytes without it): a
CSV line of millions of tiny cells is refused, and a large plain spreadsheet imports."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.redteam.test_hostile_files import capped_import


def test_one_csv_line_of_tiny_cells_is_refused_not_a_memory_error(
    postguard_home: Path, tmp_path: Path
) -> None:
    """field_size_limit bounds a cell, not a row: a 100 MB line of one-letter cells is parsed
    into one list of 52 million strings (about 10 bytes of memory for each byte of file)."""
    path = tmp_path / "pupils.csv"
    with path.open("w") as fh:
        fh.write("pupil_id,forename,surname\n1,Amy,Ash")
        fh.write(",x" * (50 * 1024 * 1024))
        fh.write("\n")
    done = capped_import(postguard_home, path)
    assert "MemoryError" not in done.stderr, done.stderr
    assert done.returncode != 0
    assert json.loads(done.stdout)["ok"] is False


def test_a_plain_250_000_row_spreadsheet_imports_within_the_cap(
    postguard_home: Path, tmp_path: Path
) -> None:
    """A three-column XLSX of 250,000 pupils (a trust's export) imports at ~390 MB: its rows
    are cut to the header's width before their cells are read. Padded to MAX_XLSX_COLUMNS (256)
    cells each and held whole, they took about three times the memory of the same rows as CSV
    and ran out of it under the cap."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["pupil_id", "forename", "surname"])
    for n in range(250_000):
        # A trust's shape: every surname its own, forenames shared (all 250,000 forenames
        # distinct as well would give the name index twice the names: ~640 MB at its peak).
        sheet.append([str(n), f"Forename{n % 500}", f"Surname{n}"])
    path = tmp_path / "pupils.xlsx"
    book.save(path)
    done = capped_import(postguard_home, path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["pupil"] == 250_000
