"""A small roster in force (two pupils, their contacts, a teacher) and CSV files to update it
with, for the tests of what an update carries over and checks against it."""

from __future__ import annotations

from pathlib import Path

from companion.roster.importing import import_files
from companion.roster.in_force import RosterInForce
from tests.roster.samples import csv_bytes

PUPILS = ["Adno", "Forename", "Surname"]
CONTACTS = ["Adno", "Forename", "Surname", "Relationship"]
STAFF = ["Title", "First Name", "Last Name"]
KEY = b"k" * 32


def write_csv(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> Path:
    path = folder / name
    path.write_bytes(csv_bytes(header, rows, "utf-8"))
    return path


def roster_in_force(folder: Path) -> RosterInForce:
    """Ada Lovelace (contact Anne Byron) and Alan Turing (contact Ethel Turing), pupils;
    Mrs Philippa Ashworth-Lund, staff."""
    pupils = write_csv(
        folder, "p0.csv", PUPILS, [["1", "Ada", "Lovelace"], ["2", "Alan", "Turing"]]
    )
    contacts = write_csv(
        folder,
        "c0.csv",
        CONTACTS,
        [["1", "Anne", "Byron", "Grandmother"], ["2", "Ethel", "Turing", "Mother"]],
    )
    staff = write_csv(folder, "s0.csv", STAFF, [["Mrs", "Philippa", "Ashworth-Lund"]])
    return RosterInForce.of_roster(import_files([pupils, contacts, staff], roster_key=KEY).roster)
