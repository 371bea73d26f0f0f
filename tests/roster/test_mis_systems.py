"""Each school system's sample export (tests/roster/mis/, see its README) imports as the right
people, and a refused file says which known column names are nearest to the ones it has."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from companion.cli.main import main
from companion.roster.dates import BadDate, parse_uk_date

MIS = Path(__file__).parent / "mis"
Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys: Capture, *files: str | Path) -> dict[str, Any]:
    paths = [str(f if isinstance(f, Path) else MIS / f) for f in files]
    code, out, err = run(capsys, "roster", "import", *paths, "--json")
    assert code == 0, out + err
    return json.loads(out)


def contact(capsys: Capture, name: str) -> tuple[str, list[tuple[str, str]]]:
    """The verdict on a friend request from ``name``, and its (rule, severity) findings."""
    _, out, _ = run(capsys, "check-contact", "--json", name)  # exits non-zero on a block
    answer = json.loads(out)
    return answer["verdict"], [(f["rule"], f["severity"]) for f in answer["findings"]]


def kinds(report: dict[str, Any]) -> dict[str, str]:
    return {Path(f["path"]).name: f["kind"] for f in report["files"]}


def counts(pupil: int = 0, ex_pupil: int = 0, contact: int = 0, staff: int = 0) -> dict[str, int]:
    return {"pupil": pupil, "ex-pupil": ex_pupil, "contact": contact, "staff": staff}


PUPIL = ("block", [("friend-pupil", "block")])
FAMILY = ("block", [("friend-family", "block")])


def test_school_data_sync_uk_students(capsys: Capture) -> None:
    # "ID" is the pupil id even where the optional Student Number is blank; YYYYMMDD dates read
    report = imported(capsys, "sds-uk-student.csv")
    assert report["counts"] == counts(pupil=3)
    for name in ("Imogen Treharne", "Kwame Asante-Boateng", "Freya Lindgren"):
        assert contact(capsys, name) == PUPIL, name


def test_school_data_sync_v1_students_and_a_teacher_file(capsys: Capture) -> None:
    # Teacher.csv has a generic ID and a Status, yet its Teacher Number makes it a staff list
    report = imported(capsys, "sds-v1-student.csv", "sds-uk-teacher.csv")
    assert report["counts"] == counts(pupil=2, staff=2)
    assert kinds(report) == {"sds-v1-student.csv": "pupils", "sds-uk-teacher.csv": "staff"}
    assert contact(capsys, "Anaïs Dubois-Ward") == PUPIL
    assert contact(capsys, "Tobias Wainwright") == PUPIL
    assert contact(capsys, "Emeka Okafor")[0] == "allow"  # a colleague, not a pupil
    _, out, _ = run(capsys, "check", "--json", "Lunch with Gwendolyn Pryce-Morgan")
    assert "staff-name" in {f["rule"] for f in json.loads(out)["findings"]}


def test_arbor_leaving_date_without_a_status(capsys: Capture) -> None:
    report = imported(capsys, "arbor-students.csv", "arbor-guardians.csv")
    assert report["counts"] == counts(pupil=3, ex_pupil=2, contact=4)
    assert kinds(report)["arbor-guardians.csv"] == "contacts"
    # left in 2021 and now an adult: not blocked as a pupil, allowed with a note
    assert contact(capsys, "Hector Blackwood") == ("allow", [("friend-ex-pupil", "info")])
    # left in 2023 but still a child: blocked as an ex-pupil, not as a current pupil
    assert contact(capsys, "Saoirse Gallagher") == ("block", [("friend-ex-pupil", "block")])
    # blank leaving date: on roll, by legal and by preferred name
    assert contact(capsys, "Matilda Fairweather") == PUPIL
    assert contact(capsys, "Tilly Fairweather") == PUPIL
    for name in ("Philippa Fairweather", "Folake Adeyemi", "Niamh Fitzgerald"):
        assert contact(capsys, name) == FAMILY, name


def test_arbor_future_leaving_date_is_still_on_roll(capsys: Capture, tmp_path: Path) -> None:
    leaving = (date.today() + timedelta(days=120)).strftime("%d/%m/%Y")
    text = (MIS / "arbor-students.csv").read_text(encoding="utf-8")
    row = "A105,Cormac,Fitzgerald,,,30/01/2016,Year 4,4C,"
    assert row in text
    export = tmp_path / "arbor-students.csv"
    export.write_text(text.replace(row, row + leaving), encoding="utf-8")
    report = imported(capsys, export)
    assert report["counts"] == counts(pupil=3, ex_pupil=2)
    assert contact(capsys, "Cormac Fitzgerald") == PUPIL


def test_bromcom_students_and_contacts(capsys: Capture) -> None:
    report = imported(capsys, "bromcom-students.csv", "bromcom-contacts.csv")
    assert report["counts"] == counts(pupil=3, contact=5)
    assert kinds(report)["bromcom-contacts.csv"] == "contacts"
    # legal and preferred names, forenames and surnames, are all known
    pupils = ("Penelope Hargreaves", "Penny Hargreaves", "Mateo Castellano-Reid", "Harry Nakamura")
    for name in pupils:
        assert contact(capsys, name) == PUPIL, name
    # the contacts, not the pupils' names repeated on the contact rows
    for name in ("Lorraine Hargreaves", "Geoffrey Hargreaves", "Ines Castellano", "Yuki Nakamura"):
        assert contact(capsys, name) == FAMILY, name


def test_integris_known_name_and_legal_surname(capsys: Capture) -> None:
    report = imported(capsys, "integris-students.csv")
    assert report["counts"] == counts(pupil=2)
    for name in ("Wilhelmina Ashcombe", "Mina Ashcombe", "Rhodri Vaughan-Pugh", "Rhodri Vaughan"):
        assert contact(capsys, name) == PUPIL, name


def test_groupcall_xporter_legal_and_plain_names(capsys: Capture) -> None:
    report = imported(capsys, "xporter-students.csv")
    assert report["counts"] == counts(pupil=2)
    for name in ("Bartholomew Quennell", "Barney Quennell", "Ottilie Marchbanks"):
        assert contact(capsys, name) == PUPIL, name


def test_scholarpack_pupils_with_numbered_contacts(capsys: Capture) -> None:
    report = imported(capsys, "scholarpack-pupils.csv")
    assert report["counts"] == counts(pupil=2, contact=3)
    assert contact(capsys, "Cissy Thorncroft") == PUPIL
    for name in ("Harriet Thorncroft", "Edmund Thorncroft", "Aoife Devereux"):
        assert contact(capsys, name) == FAMILY, name


# Refusals name the columns found and the nearest known names (difflib on the vocabulary).


def refused(capsys: Capture, path: Path) -> tuple[dict[str, Any], str]:
    """The --json answer to a refused import and the human output of the same import."""
    code, out, _ = run(capsys, "roster", "import", str(path), "--json")
    assert code != 0
    answer = json.loads(out)
    assert answer["ok"] is False and path.name in answer["error"]
    code, _, err = run(capsys, "roster", "import", str(path))
    assert code != 0
    return answer["files"][0], err


def test_a_missing_column_names_the_nearest_known_names(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "pupils.csv"
    path.write_text("Admision Number,Legal Forename,Legal Surname,Year Group\n1,Ada,Byron,3\n")
    file, err = refused(capsys, path)
    found = ["Admision Number", "Legal Forename", "Legal Surname", "Year Group"]
    assert file["columns_found"] == found
    (nearest,) = file["nearest_known_columns"]
    assert nearest["column"] == "Admision Number"
    assert nearest["nearest"][0] == {"name": "Admission Number", "field": "pupil_id"}
    assert "Adno" in file["accepted_columns"]["pupil_id"]
    assert "columns found: Admision Number, Legal Forename, Legal Surname, Year Group" in err
    assert "nearest known names: 'Admision Number' is close to Admission Number (pupil_id)" in err
    assert "pupil_id may be called: pupil_id, Adno," in err


def test_unrecognised_columns_name_the_nearest_known_names(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Pupil No,Frist Name,Surnmae,Class\n1,Ada,Byron,3B\n")
    file, err = refused(capsys, path)
    assert file["columns_found"] == ["Pupil No", "Frist Name", "Surnmae", "Class"]
    nearest = {n["column"]: n["nearest"] for n in file["nearest_known_columns"]}
    assert set(nearest) == {"Pupil No", "Frist Name", "Surnmae"}  # Class is known: not shown
    assert {"name": "Pupil Number", "field": "pupil_id"} in nearest["Pupil No"]
    assert nearest["Frist Name"][0] == {"name": "First Name", "field": "forename"}
    assert nearest["Surnmae"][0] == {"name": "surname", "field": "surname"}
    assert set(file["accepted_columns"]) == {"forename", "surname", "pupil_id"}
    assert "columns found: Pupil No, Frist Name, Surnmae, Class" in err
    assert "'Frist Name' is close to First Name (forename)" in err


def test_a_refusal_with_nothing_close_still_says_what_is_accepted(
    capsys: Capture, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Colour,Size\nred,3\n")
    file, err = refused(capsys, path)
    assert file["nearest_known_columns"] == []
    assert "Legal Forename" in file["accepted_columns"]["forename"]
    assert "nearest known names: none close to the columns found" in err
    assert "forename may be called: forename, Legal Forename" in err


def test_dates_school_data_sync_may_write() -> None:
    assert parse_uk_date("20151203") == date(2015, 12, 3)
    assert parse_uk_date("2015-04-18T00:00:00") == date(2015, 4, 18)
    with pytest.raises(BadDate, match="US month-first dates are never read"):
        parse_uk_date("12/19/1997")
