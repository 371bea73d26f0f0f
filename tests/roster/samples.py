"""Sample MIS exports (invented people) and what must never survive import."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

PUPIL_HEADER = [
    "Adno",
    "Legal Forename",
    "Legal Surname",
    "Preferred Forename",
    "DOB",
    "Address 1",
    "Home Phone",
    "Medical Notes",
    "UPN",
]
PUPILS = [
    [
        "1001",
        "Zoë",
        "Brennan-Hughes",
        "",
        "03/04/2016",
        "1 Mill Lane",
        "01925 111222",
        "asthma",
        "A123456789012",
    ],
    [
        "1002",
        "Siobhán",
        "O'Neill",
        "Shiv",
        "2015-12-31",
        "2 Mill Lane",
        "01925 333444",
        "",
        "B123456789012",
    ],
    [
        "1003",
        "Renée",
        "Castellanos",
        "",
        "29/02/2016",
        "3 Mill Lane",
        "07700 900123",
        "nut allergy",
        "C123456789012",
    ],
]
CONTACT_HEADER = ["Adno", "Forename", "Surname", "Relationship", "Mobile", "Email"]
CONTACTS = [
    ["1001", "Marguerite", "Brennan-Hughes", "Mother", "07700 900001", "mb@example.org"],
    ["1002", "Declan", "O'Neill", "Father", "07700 900002", "do@example.org"],
    ["1003", "Marguerite", "Brennan-Hughes", "Aunt", "07700 900001", "mb@example.org"],
]
STAFF_HEADER = ["Title", "First Name", "Last Name", "Job Title"]
STAFF = [["Mrs", "Philippa", "Ashworth-Lund", "Teacher"]]
SECRET_VALUES = (
    "01925 111222",
    "Mill Lane",
    "asthma",
    "A123456789012",
    "03/04/2016",
    "2016-04-03",
    "mb@example.org",
    "07700 900001",
)


def people_names() -> list[str]:
    names = [cell for row in PUPILS for cell in row[1:4] if cell]
    names += [cell for row in CONTACTS for cell in row[1:3]]
    names += [cell for row in STAFF for cell in row[1:3]]
    return sorted(set(names))


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]], encoding: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def term_pupils(folder: Path, *, gone: int = 0, new: int = 0) -> Path:
    """This term's pupils file (UTF-8): the first pupil's surname changed, the next ``gone``
    pupils no longer in it, and ``new`` pupils who were not."""
    rows = [list(row) for row in PUPILS]
    rows[0][2] += "-Smith"
    del rows[1 : 1 + gone]
    rows += [[f"{9000 + n}", "Newton", "Abara", *PUPILS[-1][3:]] for n in range(new)]
    path = folder / "term-pupils.csv"
    path.write_bytes(csv_bytes(PUPIL_HEADER, rows, "utf-8"))
    return path
