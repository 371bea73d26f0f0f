"""Import reads a CSV as it goes (issue 15): no file is held whole, yet the refusals, row numbers,
encodings and the roster made are what reading it whole gave."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from pathlib import Path

import pytest

from companion.roster.headers import load_vocabulary
from companion.roster.identity import PersonKeys
from companion.roster.importing import RosterImportError, import_files
from companion.roster.model import Person, Role, content_version, person_repr
from companion.roster.tables import read_table
from tests.roster.samples import CONTACT_HEADER, CONTACTS, PUPIL_HEADER, PUPILS, csv_bytes


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def pupil_rows(count: int) -> list[list[str]]:
    return [[str(5000 + n), f"Forename{n}", f"Surname{n}", "", "01/02/2016"] for n in range(count)]


HEADER = PUPIL_HEADER[:5]


def test_a_csv_s_rows_are_read_as_they_are_used(tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", csv_bytes(HEADER, pupil_rows(50), "utf-8"))
    table = read_table(path, load_vocabulary())
    assert not isinstance(table.rows, list)
    assert table.expected_rows >= 50
    assert sum(1 for _ in table.rows) == 50


def test_a_malformed_line_far_down_is_still_refused_by_its_line(tmp_path: Path) -> None:
    good = csv_bytes(HEADER, pupil_rows(3000), "utf-8")
    unclosed = b'6001,"Ann' + b" and so on\r\n" * 20_000  # a quote never closed: a huge field
    with pytest.raises(RosterImportError) as caught:
        import_files([write(tmp_path / "p.csv", good + unclosed)])
    message = str(caught.value)
    assert "the CSV is malformed near line" in message
    assert int(message.split("near line ")[1].split()[0]) > 3002


def test_windows_1252_is_told_apart_by_a_letter_far_into_the_file(tmp_path: Path) -> None:
    rows = [*pupil_rows(2000), ["9999", "Renée", "Castellanos", "", "01/02/2016"]]
    path = write(tmp_path / "p.csv", csv_bytes(HEADER, rows, "cp1252"))
    result = import_files([path])
    assert result.reports[0].fmt == "csv (windows-1252)"
    assert "Renée" in {p.forename for p in result.roster.people}


def test_bytes_neither_encoding_reads_far_into_the_file_are_refused(tmp_path: Path) -> None:
    data = csv_bytes(HEADER, pupil_rows(2000), "utf-8") + b"9999,\x81\xc3,X,,01/02/2016\r\n"
    with pytest.raises(RosterImportError) as caught:
        import_files([write(tmp_path / "p.csv", data)])
    assert "neither UTF-8 nor Windows-1252" in str(caught.value)


def test_files_in_any_order_make_the_same_roster(tmp_path: Path) -> None:
    pupils = write(tmp_path / "p.csv", csv_bytes(PUPIL_HEADER, PUPILS, "utf-8"))
    contacts = write(tmp_path / "c.csv", csv_bytes(CONTACT_HEADER, CONTACTS, "utf-8"))
    today = datetime.date(2026, 11, 1)
    first = import_files([pupils, contacts], today=today).roster
    second = import_files([contacts, pupils], today=today).roster
    assert {p.key: p for p in first.people} == {p.key: p for p in second.people}
    assert content_version(first.people) == content_version(second.people)
    sibling = next(p for p in first.people if p.forename == "Marguerite")
    assert len(sibling.pupil_keys) == 2 and sibling.relationship == "parent"


def test_person_keys_are_the_hmac_of_their_kind_and_folded_name() -> None:
    # Keys must stay what earlier versions stored, or every diff would show everyone replaced.
    roster_key = bytes(range(32))
    keys = PersonKeys(roster_key)
    derived = hmac.new(roster_key, b"postguard roster person keys v1", hashlib.sha256).digest()
    for kind, made, message in (
        ("pupil", keys.pupil(" AB12 "), "ab12"),
        ("contact", keys.contact("Zoë", "O'Neill"), "zoë\0oneill"),
        ("staff", keys.staff("Sam", "Hall"), "sam\0hall"),
    ):
        mac = hmac.digest(derived, f"{kind}\0{message}".encode(), "sha256")
        assert made == f"{kind[0]}-{mac[:10].hex()}"
    assert PersonKeys(None).pupil("x") != keys.pupil("x")


def test_a_contact_of_no_pupil_is_refused_whichever_file_comes_first(tmp_path: Path) -> None:
    pupils = write(tmp_path / "p.csv", csv_bytes(PUPIL_HEADER, PUPILS, "utf-8"))
    rows = [["9999", "Bob", "Jones", "Father"], *CONTACTS]
    contacts = write(tmp_path / "c.csv", csv_bytes(CONTACT_HEADER, rows, "utf-8"))
    for order in ([pupils, contacts], [contacts, pupils]):
        with pytest.raises(RosterImportError) as caught:
            import_files(order)
        report = next(r for r in caught.value.reports if r.path.endswith("c.csv"))
        assert [str(p) for p in report.problems] == ["row 2: contact of pupil id 9999, not a pupil"]
        assert report.counts["contacts"] == 4


@pytest.mark.parametrize(
    "person",
    [
        Person("p-1", Role.PUPIL, "Zoë", "O'Neill", None, "x", ("Zo", "Z"), None, (), None),
        Person("c-2", Role.CONTACT, 'Jo"sh\\', "\u202e", relationship="parent", pupil_keys=("a",)),
        Person("s-3", Role.STAFF, "Kate", "Smith", "Cat", title="Mrs"),
        Person("x-4", Role.EX_PUPIL, "A", "B", legal_leaving_date=datetime.date(2030, 8, 31)),
    ],
)
def test_the_version_hash_reads_each_person_as_repr_does(person: Person) -> None:
    assert person_repr(person) == repr(person)
