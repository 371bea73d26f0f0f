"""What an update carries over from the roster in force is the same whether the import lets that
roster go as soon as the files' headers are read (every kind of person is either surely in the
files or surely not) or keeps it to the end (a pupils file with columns for contacts may or may
not hold any): the staff and the contacts of pupils still on roll, and no one else."""

from __future__ import annotations

from pathlib import Path

from companion.roster.importing import import_files
from companion.roster.model import Role
from tests.roster.in_force import (
    CONTACTS,
    KEY,
    PUPILS,
    roster_in_force,
    write_csv,
)

WIDE = [*PUPILS, "Contact 1 Forename", "Contact 1 Surname", "Contact 1 Relationship"]


def _who(people: object) -> dict[str, set[str]]:
    by_role: dict[str, set[str]] = {}
    for person in people:  # type: ignore[attr-defined]
        by_role.setdefault(person.role.value, set()).add(f"{person.forename} {person.surname}")
    return by_role


def test_a_pupils_only_update_carries_staff_and_the_contacts_of_pupils_still_on_roll(
    tmp_path: Path,
) -> None:
    pupils = write_csv(tmp_path, "p.csv", PUPILS, [["1", "Ada", "Lovelace"]])  # Alan has gone
    for packed in (False, True):
        result = import_files(
            [pupils], roster_key=KEY, current=roster_in_force(tmp_path), packed=packed
        )
        assert _who(result.roster.people) == {
            Role.PUPIL.value: {"Ada Lovelace"},
            Role.CONTACT.value: {"Anne Byron"},
            Role.STAFF.value: {"Philippa Ashworth-Lund"},
        }
        assert set(result.carried_over) == {"contacts", "staff"}


def test_a_wide_pupils_file_with_no_contacts_in_it_still_carries_them_over(
    tmp_path: Path,
) -> None:
    """The import cannot tell from the header whether this file covers contacts, so the
    roster in force is kept until it knows: here it does not, and they are carried over."""
    wide = write_csv(
        tmp_path,
        "w.csv",
        WIDE,
        [["1", "Ada", "Lovelace", "", "", ""], ["2", "Alan", "Turing", "", "", ""]],
    )
    result = import_files([wide], roster_key=KEY, current=roster_in_force(tmp_path), packed=True)
    assert _who(result.roster.people)[Role.CONTACT.value] == {"Anne Byron", "Ethel Turing"}
    assert set(result.carried_over) == {"contacts", "staff"}
    # And when it does hold contacts, they are the file's, none carried over
    wide = write_csv(
        tmp_path, "w2.csv", WIDE, [["1", "Ada", "Lovelace", "Augusta", "King", "Mother"]]
    )
    result = import_files([wide], roster_key=KEY, current=roster_in_force(tmp_path), packed=True)
    assert _who(result.roster.people)[Role.CONTACT.value] == {"Augusta King"}
    assert set(result.carried_over) == {"staff"}


def test_a_contacts_only_update_checks_them_against_the_pupils_in_force(
    tmp_path: Path,
) -> None:
    contacts = write_csv(
        tmp_path,
        "c.csv",
        CONTACTS,
        [["1", "Anne", "Byron", "Grandmother"], ["2", "John", "Turing", "Father"]],
    )
    result = import_files(
        [contacts], roster_key=KEY, current=roster_in_force(tmp_path), packed=True
    )
    who = _who(result.roster.people)
    assert who[Role.PUPIL.value] == {"Ada Lovelace", "Alan Turing"}
    assert who[Role.CONTACT.value] == {"Anne Byron", "John Turing"}
    assert set(result.carried_over) == {"pupils", "staff"}
