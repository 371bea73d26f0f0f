"""A failed update names the file at fault: a pupils file that fails after its header (one bad
row, no id column, no rows) leaves a good contacts file checked against the pupils in force, so
none of its rows is reported as bad.

Before (found in review): the import let the roster in force go as soon as the headers were
read (``_Builder.take_from_current``), so the contacts had no pupils to be checked against and
every one was reported as "contact of pupil id N, not a pupil": a DPO saw both files named and
went looking for a fault in a contacts export that had none (a trust's: 300,000 rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.roster.importing import RosterImportError, import_files
from tests.roster.in_force import (
    CONTACTS,
    KEY,
    PUPILS,
    roster_in_force,
    write_csv,
)


def _bad_pupils(folder: Path, how: str) -> Path:
    if how == "a bad row":
        return write_csv(folder, "p.csv", PUPILS, [["1", "Ada", "Lovelace"], ["2", "Alan", ""]])
    if how == "no id column":  # an export run without its Adno column
        header = ["Forename", "Surname", "Date of Birth"]
        return write_csv(folder, "p.csv", header, [["Ada", "Lovelace", "10/12/2015"]])
    return write_csv(folder, "p.csv", PUPILS, [])  # headers, no rows


@pytest.mark.parametrize("how", ["a bad row", "no id column", "no rows"])
@pytest.mark.parametrize("packed", [False, True])
def test_a_failed_pupils_file_does_not_make_every_contact_a_bad_row(
    tmp_path: Path, how: str, packed: bool
) -> None:
    pupils = _bad_pupils(tmp_path, how)
    contacts = write_csv(
        tmp_path,
        "c.csv",
        CONTACTS,
        [["1", "Anne", "Byron", "Grandmother"], ["2", "Ethel", "Turing", "Mother"]],
    )
    with pytest.raises(RosterImportError) as refused:
        import_files(
            [pupils, contacts], roster_key=KEY, current=roster_in_force(tmp_path), packed=packed
        )
    by_file = {Path(r.path).name: r for r in refused.value.reports}
    assert not by_file["p.csv"].ok  # the pupils file is at fault, and named
    # The contacts are all of pupils on the roster in force (and in the pupils file): as before
    # the change, they are not reported as bad rows, and the error names the pupils file alone.
    assert by_file["c.csv"].problems == [], by_file["c.csv"].summary()
    assert by_file["c.csv"].ok
    assert "c.csv" not in str(refused.value)
