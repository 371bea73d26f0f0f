"""Exports that would lose people silently, point at the wrong row, or print names: a file
saved without its header row is refused without quoting its first (a pupil's) row; people on
several sheets or tables of one file are refused, not read from the first alone; a bad row is
numbered as Excel shows it; a blank On Roll cell is on roll. (All found in review.)"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from companion.cli.main import main
from companion.roster.importing import RosterImportError, import_files

TODAY = date(2026, 11, 30)


def outcome(path: Path) -> str:
    """What the import says of the file: its summary, or the refusal."""
    try:
        result = import_files([path], today=TODAY)
    except RosterImportError as exc:
        return "refused: " + " | ".join(exc.details())
    return f"imported {result.roster.counts()}"


def test_a_file_without_its_header_row_does_not_print_a_pupil_s_name_and_birth_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export saved without its header row (a tick box in most MIS report tools) is
    refused, but the refusal quotes its first row, a pupil: on stderr, and in --json output
    even when that goes to a file (where --show-names is refused for exactly this reason)."""
    path = tmp_path / "pupils.csv"
    path.write_text("4711,Quentin,Zabriskie,03/04/2016,Current\n4712,Ada,Ng,01/02/2016,Current\n")
    code = main(["roster", "import", str(path), "--dry-run"])
    _, err = capsys.readouterr()
    assert code != 0
    code = main(["roster", "import", str(path), "--dry-run", "--json"])
    out, _ = capsys.readouterr()
    assert code != 0 and json.loads(out)["ok"] is False
    for secret in ("Quentin", "Zabriskie", "03/04/2016"):
        assert secret not in err, err
        assert secret not in out, out


def test_a_second_sheet_of_people_is_not_silently_ignored(tmp_path: Path) -> None:
    """A workbook with current pupils on one sheet and leavers on another (or pupils, contacts
    and staff on three sheets) imports the first sheet only and says nothing of the rest."""
    book = openpyxl.Workbook()
    current = book.active
    current.title = "Current"
    leavers = book.create_sheet("Leavers")
    for sheet, status, first in ((current, "Current", 1000), (leavers, "Left", 2000)):
        sheet.append(["Adno", "Legal Forename", "Legal Surname", "DOB", "Enrolment Status"])
        for n in range(10):
            sheet.append([first + n, f"Name{first + n}", "Pupil", datetime(2012, 1, 1), status])
    path = tmp_path / "pupils.xlsx"
    book.save(path)
    said = outcome(path)
    assert said.startswith("refused") and "2 sheets" in said and "'Leavers'" in said, said


def test_a_second_table_of_an_html_report_is_not_silently_ignored(tmp_path: Path) -> None:
    """An HTML report with one table per group (a form, a year) imports the first group."""
    header = "<tr><th>Adno</th><th>Forename</th><th>Surname</th><th>DOB</th></tr>"
    tables = "".join(
        f"<h2>Form {form}</h2><table>{header}"
        + "".join(
            f"<tr><td>{form}{n}</td><td>F{form}{n}</td><td>S{n}</td><td>01/01/2012</td></tr>"
            for n in range(5)
        )
        + "</table>"
        for form in (7, 8, 9)
    )
    path = tmp_path / "report.html"
    path.write_text(f"<html><body>{tables}</body></html>")
    said = outcome(path)
    assert said.startswith("refused") and "3 tables" in said, said


def test_a_bad_row_after_a_multi_line_address_is_found_where_it_starts(tmp_path: Path) -> None:
    """A record spanning lines (an address with line breaks, as MIS exports write them) is one
    row, as Excel shows it: the bad date is on row 3 (it was given the record's last line, 6)."""
    path = tmp_path / "pupils.csv"
    path.write_text(
        "Adno,Forename,Surname,Address,DOB\n"
        '1,Amy,Ash,"1 Road\nTown\nCounty",01/01/2012\n'
        '2,Ben,Bell,"2 Road\nTown",31/02/2012\n'
    )
    said = outcome(path)
    assert "row 3:" in said, said


def test_a_blank_on_roll_cell_does_not_make_a_sixth_former_a_befriendable_ex_pupil(
    tmp_path: Path,
) -> None:
    """A blank On Roll cell is on roll, as a blank status and a blank Leaver cell are (it was
    read as 'no': the pupil became an ex-pupil and, at 18, one staff might befriend)."""
    path = tmp_path / "pupils.csv"
    path.write_text("Adno,Forename,Surname,On Roll,DOB\n1,Amy,Ash,,01/01/2008\n")
    roster = import_files([path], today=TODAY).roster
    (amy,) = roster.people
    assert amy.role.value == "pupil", (amy.role, amy.legal_leaving_date)


def test_a_name_garbled_by_an_encoding_mix_up_is_warned_of_without_the_name(
    tmp_path: Path,
) -> None:
    """UTF-8 read as Windows-1252 and saved again ('Renée' -> 'RenÃ©e') reads cleanly, but the
    name can no longer be found: the import warns, with the row and without the name."""
    path = tmp_path / "pupils.csv"
    path.write_text(
        "Adno,Forename,Surname,DOB\n1,RenÃ©e,Ash,01/01/2016\n2,Zoë,Brennan,01/01/2016\n",
        encoding="utf-8",
    )
    result = import_files([path], today=TODAY)
    warnings = result.reports[0].warnings
    assert [w.row for w in warnings] == [2]
    assert "garbled" in warnings[0].message and "Ren" not in warnings[0].message


def test_a_list_read_as_staff_only_for_want_of_a_pupil_id_says_so(tmp_path: Path) -> None:
    """Names and a column Postguard does not know: read as staff, with a warning saying why,
    since pupils read as staff would be weighed as staff. A learner id is a pupil id."""
    unknown = tmp_path / "list.csv"
    unknown.write_text("Ref,First Name,Last Name,Gender\nA1,Amy,Ash,F\n")
    result = import_files([unknown], today=TODAY)
    assert result.roster.counts()["staff"] == 1
    (warning,) = result.reports[0].warnings
    assert "read as a staff list" in warning.message and "Amy" not in warning.message
    learners = tmp_path / "learners.csv"
    learners.write_text("Learner ID,First Name,Last Name,Gender\n7,Amy,Ash,F\n")
    result = import_files([learners], today=TODAY)
    assert result.roster.counts()["pupil"] == 1 and result.reports[0].warnings == []
    staff = tmp_path / "staff.csv"
    staff.write_text("Staff Code,First Name,Last Name\nAA,Amy,Ash\n")
    assert import_files([staff], today=TODAY).reports[0].warnings == []
    titled = tmp_path / "titled.csv"
    titled.write_text("Title,First Name,Last Name\nMrs,Amy,Ash\n")
    assert import_files([titled], today=TODAY).reports[0].warnings == []
