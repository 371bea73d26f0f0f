"""Import reads what MIS exports really look like, and keeps only what the checks need."""

from __future__ import annotations

import re
import zlib
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from companion.roster.codec import decode_roster, encode_roster
from companion.roster.importing import RosterImportError, import_files
from companion.roster.in_force import RosterInForce
from companion.roster.model import Person, Role
from tests.roster.samples import (
    PUPIL_HEADER,
    PUPILS,
    SECRET_VALUES,
    csv_bytes,
)

TODAY = date(2026, 11, 24)


def by_name(people: tuple[Person, ...], forename: str) -> Person:
    (person,) = [p for p in people if p.forename == forename]
    return person


def zlib_text(data: bytes) -> str:
    """The plaintext inside ``encode_roster``'s compression."""
    return zlib.decompress(data).decode("utf-8")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_text_encodings_are_told_apart(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "pupils.csv", csv_bytes(PUPIL_HEADER, PUPILS, encoding))
    result = import_files([path], today=TODAY)
    forenames = {p.forename for p in result.roster.people}
    assert forenames == {"Zoë", "Siobhán", "Renée"}
    assert "'" in by_name(result.roster.people, "Siobhán").surname


def test_windows_1252_is_detected_not_assumed(tmp_path: Path) -> None:
    utf8 = write(tmp_path / "a.csv", csv_bytes(PUPIL_HEADER, PUPILS, "utf-8"))
    cp1252 = write(tmp_path / "b.csv", csv_bytes(PUPIL_HEADER, PUPILS, "cp1252"))
    reports = import_files([utf8], today=TODAY).reports + import_files([cp1252]).reports
    assert [r.fmt for r in reports] == ["csv (utf-8)", "csv (windows-1252)"]


def test_text_that_is_neither_utf8_nor_windows_1252_is_refused(tmp_path: Path) -> None:
    data = csv_bytes(PUPIL_HEADER, PUPILS, "cp1252") + b"1004,Ab\x81c,Def,,,,,,\r\n"
    path = write(tmp_path / "pupils.csv", data)
    with pytest.raises(RosterImportError, match="neither UTF-8 nor Windows-1252"):
        import_files([path], today=TODAY)


def test_headers_match_whatever_their_case_and_punctuation(tmp_path: Path) -> None:
    header = ["ADM. NO", "legal_forename", "LEGAL-SURNAME", "known as", "Date Of Birth", "LEAVER"]
    rows = [["7", "Amelia", "Hartley-Jones", "Millie", "01/09/2018", "Y"]]
    path = write(tmp_path / "p.csv", csv_bytes(header, rows, "utf-8"))
    (pupil,) = import_files([path], today=TODAY).roster.people
    assert (pupil.forename, pupil.surname, pupil.preferred_forename) == (
        "Amelia",
        "Hartley-Jones",
        "Millie",
    )
    assert pupil.legal_leaving_date == date(2036, 9, 1)


def test_semicolon_separated_csv(tmp_path: Path) -> None:
    text = "pupil_id;forename;surname\r\n1;Ada;Lovelace\r\n"
    (pupil,) = import_files([write(tmp_path / "p.csv", text.encode())]).roster.people
    assert (pupil.forename, pupil.surname) == ("Ada", "Lovelace")


def test_uk_dates_never_month_first(tmp_path: Path) -> None:
    header = ["pupil_id", "forename", "surname", "date_of_birth", "status"]
    rows = [
        ["1", "Ada", "Lovelace", "05/06/2016", "left"],
        ["2", "Alan", "Turing", "2016-06-05", "left"],
    ]
    people = import_files([write(tmp_path / "p.csv", csv_bytes(header, rows, "utf-8"))]).roster
    assert {p.legal_leaving_date for p in people.people} == {date(2034, 6, 5)}
    us = write(
        tmp_path / "us.csv",
        csv_bytes(header, [["3", "Grace", "Hopper", "12/25/2016", "left"]], "utf-8"),
    )
    with pytest.raises(RosterImportError, match="impossible date"):
        import_files([us])


def test_date_of_birth_becomes_legal_leaving_date_and_is_not_kept(tmp_path: Path) -> None:
    # Pupils on roll keep no date at all: only the befriending rule for ex-pupils reads one, and
    # kept it would be the date of birth by another name.
    path = write(tmp_path / "p.csv", csv_bytes(PUPIL_HEADER, PUPILS, "cp1252"))
    roster = import_files([path], today=TODAY, legal_leaving_age=18).roster
    assert {p.legal_leaving_date for p in roster.people} == {None}
    leavers = [[*row, "Leaver"] for row in PUPILS]
    left = write(tmp_path / "l.csv", csv_bytes([*PUPIL_HEADER, "Status"], leavers, "cp1252"))
    roster = import_files([left], today=TODAY, legal_leaving_age=18).roster
    assert by_name(roster.people, "Zoë").legal_leaving_date == date(2034, 4, 3)
    assert by_name(roster.people, "Renée").legal_leaving_date == date(2034, 2, 28)  # born 29 Feb
    assert import_files([left], legal_leaving_age=16).roster.people[0].legal_leaving_date == date(
        2032, 4, 3
    )
    plain = encode_roster(roster)
    text = zlib_text(plain)
    for secret in (*SECRET_VALUES, '"1001"', "2016-04-03"):
        assert secret not in text, secret
    assert decode_roster(plain).people == roster.people


def test_status_columns_make_ex_pupils(tmp_path: Path) -> None:
    header = ["Adno", "Forename", "Surname", "On Roll"]
    rows = [["1", "Ada", "Lovelace", "Yes"], ["2", "Alan", "Turing", "N"]]
    roster = import_files([write(tmp_path / "a.csv", csv_bytes(header, rows, "utf-8"))]).roster
    assert {p.forename: p.role for p in roster.people} == {
        "Ada": Role.PUPIL,
        "Alan": Role.EX_PUPIL,
    }
    header = ["pupil_id", "forename", "surname", "status", "date_of_birth"]
    rows = [["1", "Ada", "Lovelace", "left", "01/01/2008"], ["2", "Alan", "Turing", "", ""]]
    roster = import_files([write(tmp_path / "b.csv", csv_bytes(header, rows, "utf-8"))]).roster
    ada = by_name(roster.people, "Ada")
    assert (ada.role, ada.legal_leaving_date) == (Role.EX_PUPIL, date(2026, 1, 1))
    assert by_name(roster.people, "Alan").role is Role.PUPIL


def test_a_date_left_in_the_future_is_still_on_roll(tmp_path: Path) -> None:
    header = ["Adno", "Forename", "Surname", "Date of Leaving"]
    rows = [["1", "Ada", "Lovelace", "01/09/2026"], ["2", "Alan", "Turing", "20/07/2027"]]
    path = write(tmp_path / "a.csv", csv_bytes(header, rows, "utf-8"))
    roster = import_files([path], today=TODAY).roster
    assert {p.forename: p.role for p in roster.people} == {
        "Ada": Role.EX_PUPIL,
        "Alan": Role.PUPIL,
    }


def test_contacts_file_links_and_keeps_only_relationship_category(
    exports: dict[str, Path],
) -> None:
    roster = import_files([exports["pupils"], exports["contacts"]], today=TODAY).roster
    pupils = {p.key: p.forename for p in roster.people if p.role is Role.PUPIL}
    contacts = {p.forename: p for p in roster.people if p.role is Role.CONTACT}
    assert set(contacts) == {"Marguerite", "Declan"}
    mother = contacts["Marguerite"]  # mother of one pupil, aunt of another: one person
    assert sorted(pupils[k] for k in mother.pupil_keys) == ["Renée", "Zoë"]
    assert mother.relationship == "parent"
    assert contacts["Declan"].relationship == "parent"
    assert all(re.fullmatch(r"p-[0-9a-f]{20}", key) for key in pupils)  # opaque, not the Adno


@pytest.mark.parametrize("order", [["", "Mother"], ["Mother", ""]])
def test_a_contact_named_once_without_a_relationship_keeps_the_one_named(
    tmp_path: Path, order: list[str]
) -> None:
    """A parent of two siblings whose relationship is blank on one row is still a parent,
    whichever row comes first (the contacts rule words its finding by it)."""
    pupils = csv_bytes(
        ["Adno", "Forename", "Surname"], [["1", "Zoë", "Hart"], ["2", "Ian", "Hart"]], "utf-8"
    )
    rows = [["1", "Ruth", "Hart", order[0]], ["2", "Ruth", "Hart", order[1]]]
    contacts = csv_bytes(["Adno", "Forename", "Surname", "Relationship"], rows, "utf-8")
    roster = import_files(
        [write(tmp_path / "p.csv", pupils), write(tmp_path / "c.csv", contacts)], today=TODAY
    ).roster
    (ruth,) = [p for p in roster.people if p.role is Role.CONTACT]
    assert ruth.relationship == "parent"
    assert len(ruth.pupil_keys) == 2


def test_one_row_per_pupil_export_with_contact_columns(tmp_path: Path) -> None:
    header = [
        "Adno",
        "Forename",
        "Surname",
        "Contact 1 Forename",
        "Contact 1 Surname",
        "Contact 1 Relationship",
        "Contact 1 Telephone",
        "Contact Forename 2",
        "Contact Surname 2",
        "Contact Relationship 2",
    ]
    rows = [
        ["1", "Ada", "Lovelace", "Anne", "Byron", "Grandmother", "0161 000", "", "", ""],
        ["2", "Alan", "Turing", "Ethel", "Turing", "Mum", "0161 001", "John", "Turing", "Dad"],
    ]
    path = write(tmp_path / "wide.csv", csv_bytes(header, rows, "utf-8"))
    roster = import_files([path]).roster
    contacts = {p.forename: p.relationship for p in roster.people if p.role is Role.CONTACT}
    assert contacts == {"Anne": "grandparent", "Ethel": "parent", "John": "parent"}
    assert "0161" not in zlib_text(encode_roster(roster))


def test_xlsx_with_a_title_row_and_real_date_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Pupil list, printed 20/11/2026"])
    sheet.append([])
    header = ["Admission Number", "First Name", "Last Name", "Date of Birth", "Postcode", "Leaver"]
    sheet.append(header)
    sheet.append([1001, "Zoë", "Brennan-Hughes", datetime(2016, 4, 3), "WA3 1AA", "Yes"])
    sheet.append([1002.0, "Siobhán", "O'Neill", "31/12/2015", "WA3 1AB", "Yes"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    result = import_files([path], today=TODAY)
    assert result.reports[0].fmt == "xlsx"
    assert {p.forename: p.legal_leaving_date for p in result.roster.people} == {
        "Zoë": date(2034, 4, 3),
        "Siobhán": date(2033, 12, 31),
    }
    assert "WA3" not in zlib_text(encode_roster(result.roster))


def test_html_report_table(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report</title></head>
    <body><table><tr><td>Glazebury C E Primary: contacts report</td></tr></table>
    <table class="grid">
      <tr><th>Adno</th><th>Legal Forename</th><th>Legal Surname</th><th>DOB</th></tr>
      <tr><td>1001</td><td>Zoë</td><td>Brennan&#8209;Hughes</td><td>03/04/2016</td></tr>
      <tr><td> 1002 </td><td><b>Siobhán</b></td><td>O&#39;Neill</td><td></td></tr>
    </table></body></html>"""
    path = write(tmp_path / "report.html", html.encode("utf-8"))
    roster = import_files([path], today=TODAY).roster
    assert {(p.forename, p.surname) for p in roster.people} == {
        ("Zoë", "Brennan\u2011Hughes"),
        ("Siobhán", "O'Neill"),
    }


def test_a_spreadsheet_named_csv_is_read_as_a_spreadsheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["forename", "surname", "title"])
    book.active.append(["Philippa", "Ashworth-Lund", "Mrs"])
    path = tmp_path / "staff.csv"
    book.save(path)
    (member,) = import_files([path]).roster.people
    assert (member.role, member.title) == (Role.STAFF, "Mrs")


def test_kinds_not_in_the_files_are_carried_over(exports: dict[str, Path]) -> None:
    full = import_files(exports.values(), today=TODAY).roster
    staff_only = import_files([exports["staff"]], current=RosterInForce.of_roster(full))
    assert staff_only.carried_over == ("pupils", "contacts")
    assert staff_only.roster.counts() == full.counts()
    contacts_only = import_files([exports["contacts"]], current=RosterInForce.of_roster(full))
    assert contacts_only.roster.counts() == full.counts()


def test_person_keys_depend_on_the_roster_key(exports: dict[str, Path]) -> None:
    one = import_files([exports["pupils"]], roster_key=b"k" * 32).roster
    same = import_files([exports["pupils"]], roster_key=b"k" * 32).roster
    other = import_files([exports["pupils"]], roster_key=b"j" * 32).roster
    assert [p.key for p in one.people] == [p.key for p in same.people]
    assert not {p.key for p in one.people} & {p.key for p in other.people}
