"""Invented MIS exports for the roster benchmark: Faker's en_GB name tables, drawn fast.

One row per pupil (with address and phone columns that import must drop) and one row per
contact, as a school's MIS would export them from Excel (Windows-1252 CSV).
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from faker.providers.person.en_GB import Provider

RELATIONSHIPS = ("Mother", "Father", "Carer", "Grandmother", "Grandfather", "Aunt", "Step-father")


def write_exports(folder: Path, pupils: int, contacts_per_pupil: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    forenames = [*Provider.first_names_male, *Provider.first_names_female]
    surnames = list(Provider.last_names)
    weights = list(Provider.last_names.values())
    folder.mkdir(parents=True, exist_ok=True)
    pupil_path, contact_path = folder / "pupils.csv", folder / "contacts.csv"
    first_dob = date(2014, 9, 1)
    with (
        pupil_path.open("w", encoding="cp1252", newline="") as pf,
        contact_path.open("w", encoding="cp1252", newline="") as cf,
    ):
        pupil_rows, contact_rows = csv.writer(pf), csv.writer(cf)
        pupil_rows.writerow(
            [
                "Adno",
                "Legal Forename",
                "Legal Surname",
                "Preferred Forename",
                "DOB",
                "Status",
                "Address 1",
                "Postcode",
                "Home Phone",
                "UPN",
            ]
        )
        contact_rows.writerow(["Adno", "Forename", "Surname", "Relationship", "Mobile"])
        for n in range(pupils):
            adno = f"{100000 + n}"
            surname = rng.choices(surnames, weights)[0]
            born = first_dob + timedelta(days=rng.randrange(7 * 365))
            pupil_rows.writerow(
                [
                    adno,
                    rng.choice(forenames),
                    surname,
                    "",
                    f"{born:%d/%m/%Y}",
                    "Left" if rng.random() < 0.05 else "Current",
                    f"{n} High Street",
                    "WA3 1AA",
                    f"01925 {n:06d}",
                    f"A{n:012d}",
                ]
            )
            for _ in range(contacts_per_pupil):
                contact_rows.writerow(
                    [
                        adno,
                        rng.choice(forenames),
                        surname,
                        rng.choice(RELATIONSHIPS),
                        f"07700 {n:06d}",
                    ]
                )
    return [pupil_path, contact_path]
