"""Bad input: a clear explanation, and nothing changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli.main import main
from companion.roster.importing import RosterImportError, import_files
from tests.roster.cli_run import run
from tests.roster.samples import PUPIL_HEADER, PUPILS, csv_bytes


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def refused(paths: list[Path]) -> RosterImportError:
    with pytest.raises(RosterImportError) as caught:
        import_files(paths)
    return caught.value


def test_missing_column_says_what_was_found_and_what_is_needed(tmp_path: Path) -> None:
    header = ["Legal Forename", "Legal Surname", "DOB", "Year Group"]
    path = write(tmp_path / "p.csv", csv_bytes(header, [["Ada", "Lovelace", "", "3"]], "utf-8"))
    error = refused([path])
    assert "no pupil_id (or Adno) column in this pupils file" in str(error)
    details = "\n".join(error.details())
    assert "columns found: Legal Forename, Legal Surname, DOB, Year Group" in details
    assert "columns needed: pupil_id (or Adno), forename (or Legal Forename)" in details


def test_a_table_with_no_name_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", b"Colour,Size\r\nred,3\r\n")
    error = refused([path])
    assert "no header row with forename and surname" in str(error)
    assert "Colour, Size" in str(error)


def test_bad_rows_are_listed_by_number(tmp_path: Path) -> None:
    header = ["Adno", "Forename", "Surname", "DOB"]
    rows = [
        ["1", "Ada", "Lovelace", "10/12/2015"],
        ["2", "", "Turing", "23/06/2016"],
        ["3", "Grace", "Hopper", "31/02/2016"],
        ["1", "Augusta", "King", "01/01/2016"],
        ["4", "Mary", "Somerville", "26-12-2016"],
        ["5", "Edsger", "Dijkstra", "11/05/2130"],
    ]
    path = write(tmp_path / "pupils.csv", csv_bytes(header, rows, "utf-8"))
    problems = [str(p) for p in refused([path]).reports[0].problems]
    assert problems == [
        "row 3: the pupil's forename is empty",
        "row 4: date of birth: '31/02/2016' is an impossible date (read as day 31, month 2)",
        "row 5: duplicate pupil id (also on row 2)",
        "row 7: date of birth 11/05/2130 is in the future",
    ]


def test_contacts_of_unknown_pupils_are_bad_rows(tmp_path: Path) -> None:
    pupils = write(tmp_path / "p.csv", csv_bytes(PUPIL_HEADER, PUPILS, "utf-8"))
    header = ["Adno", "Forename", "Surname", "Relationship"]
    rows = [["1001", "Anna", "Smith", "Mother"], ["9999", "Bob", "Jones", "Father"]]
    contacts = write(tmp_path / "c.csv", csv_bytes(header, rows, "utf-8"))
    error = refused([pupils, contacts])
    assert [str(p) for p in error.reports[1].problems] == [
        "row 3: contact of pupil id 9999, not a pupil"
    ]


def test_duplicate_ids_across_two_pupil_files(tmp_path: Path) -> None:
    one = write(tmp_path / "ks1.csv", csv_bytes(PUPIL_HEADER, PUPILS[:2], "utf-8"))
    two = write(tmp_path / "ks2.csv", csv_bytes(PUPIL_HEADER, PUPILS[1:], "utf-8"))
    error = refused([one, two])
    assert "duplicate pupil id (also in ks1.csv row 3)" in str(error)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \r\n\r\n", "the file is empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old-style Excel .xls"),
        (b"PK\x03\x04 not really a zip", "the spreadsheet cannot be opened"),
    ],
)
def test_junk_files(tmp_path: Path, content: bytes, message: str) -> None:
    error = refused([write(tmp_path / "roster.csv", content)])
    assert message in str(error)
    assert "\n" not in str(error)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such file" in str(refused([tmp_path / "nope.csv"]))
    assert "folder" in str(refused([tmp_path]))


def test_cli_refusal_is_one_line_and_the_previous_roster_stays(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["roster", "import", *map(str, exports.values())], capsys)[0] == 0
    before = run(["roster", "status", "--json"], capsys)[1]
    junk = write(tmp_path / "junk.csv", bytes(range(256)))
    bad_header = ["Adno", "Forename", "Surname", "DOB"]
    bad = write(
        tmp_path / "bad.csv", csv_bytes(bad_header, [["1", "A", "B", "32/01/2016"]], "utf-8")
    )
    for argv in (
        [str(junk)],
        [str(bad)],
        [str(tmp_path / "missing.csv")],
        [str(exports["pupils"]), str(bad)],
    ):
        code, _out, err = run(["roster", "import", *argv], capsys)
        assert code == 2
        error_lines = [line for line in err.splitlines() if line.startswith("postguard: error:")]
        assert len(error_lines) == 1, err
        assert "Traceback" not in err
        assert run(["roster", "status", "--json"], capsys)[1] == before
    code, _, err = run(["roster", "import", str(bad)], capsys)
    assert "row 2: date of birth: '32/01/2016' is an impossible date" in err
    assert "columns found: Adno, Forename, Surname, DOB" in err


def test_cli_bad_expiry_date(exports: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["roster", "import", str(exports["staff"]), "--expires", "12/31/2030"])
    assert "impossible date" in capsys.readouterr().err
    code, _, err = run(
        ["roster", "import", str(exports["staff"]), "--expires", "01/01/2020"], capsys
    )
    assert code == 2 and "is not in the future" in err
