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
# Invented surnames for a trust-sized roster where most families' surnames are their own.
_ONSETS = ("B", "Br", "C", "Ch", "D", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "St", "T")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou")
_CODAS = ("", "b", "d", "ck", "ld", "ll", "m", "n", "nd", "r", "rd", "rn", "s", "t", "th")
_ENDINGS = ("by", "don", "ford", "ham", "ley", "man", "son", "ton", "well", "wick", "worth")


def write_exports(
    folder: Path,
    pupils: int,
    contacts_per_pupil: int,
    seed: int = 7,
    distinct_surnames: float = 0.0,
) -> list[Path]:
    """``distinct_surnames``: the share of families (0..1) given an invented surname of their
    own instead of one drawn from the en_GB table (a trust's roster: mostly distinct)."""
    rng = random.Random(seed)
    forenames = [*Provider.first_names_male, *Provider.first_names_female]
    surnames = list(Provider.last_names)
    weights = list(Provider.last_names.values())
    invented = _invented_surnames(rng, int(pupils * distinct_surnames))
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
            surname = invented.pop() if invented else rng.choices(surnames, weights)[0]
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


def _invented_surnames(rng: random.Random, count: int) -> list[str]:
    """``count`` different surnames that sound like surnames ("Brandley", "Tousworth")."""
    made: set[str] = set()
    while len(made) < count:
        syllables = [rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)]
        if rng.random() < 0.5:
            syllables.append(rng.choice(_ONSETS).lower() + rng.choice(_VOWELS))
        made.add("".join(syllables) + rng.choice(_ENDINGS))
    names = sorted(made)
    rng.shuffle(names)
    return names
