"""Invented rosters for the matching benchmark: Faker en_GB names plus hand-picked hard names.

Faker's en_GB tables hold ONS baby names and weighted surnames but no accents, few apostrophes
and no double-barrelled names; the hard names below add those, and names that are words.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker.providers.person.en_GB import Provider

from companion.roster.model import Person, Role, Roster

HARD_FORENAMES = (
    "Zoë", "Siobhán", "Renée", "Chloë", "Niamh", "Aoife", "Seán", "Oísín", "Noémie", "Łucja",
    "Grace", "Will", "May", "Hope", "Summer", "Jack", "Holly", "Amber", "Ruby", "Rose", "Faith",
    "Robin", "Guy", "Mark", "Dawn", "Jade", "Ivy", "Poppy", "Autumn", "Iris", "Joy", "Sky",
    "Anne-Marie", "Mary Jane",
)  # fmt: skip
HARD_SURNAMES = (
    "O'Neill", "O'Brien", "D'Souza", "Brennan-Hughes", "Smith-Jones", "McDonald", "MacKenzie",
    "Wiśniewska", "Nowak", "Nguyễn", "Ó Súilleabháin", "Brown", "King", "Hill", "Long", "Day",
    "Green", "Little", "Hope", "Young", "Bishop", "Cook", "Read", "Bell", "Wood", "Rich",
)  # fmt: skip
HARD_SHARE = 0.15
RELATIONSHIPS = ("parent", "parent", "carer", "grandparent", "relative", "family-friend")


class NameSource:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.forenames = [*Provider.first_names_male, *Provider.first_names_female]
        self.surnames = list(Provider.last_names)
        self.weights = list(Provider.last_names.values())

    def forename(self) -> str:
        if self.rng.random() < HARD_SHARE:
            return self.rng.choice(HARD_FORENAMES)
        return self.rng.choice(self.forenames)

    def surname(self) -> str:
        if self.rng.random() < HARD_SHARE:
            return self.rng.choice(HARD_SURNAMES)
        return self.rng.choices(self.surnames, self.weights)[0]


def make_roster(size: int, seed: int = 11) -> Roster:
    """About 40% pupils, 45% their contacts, 5% ex-pupils, 10% staff (capped at 200)."""
    rng = random.Random(seed)
    names = NameSource(rng)
    today = date.today()
    people: list[Person] = []
    staff = min(200, size // 10)
    for i in range(staff):
        people.append(Person(f"s{i}", Role.STAFF, names.forename(), names.surname(), title="Mrs"))
    i = 0
    while len(people) < size:
        surname = names.surname()
        key = f"p{i}"
        ex = rng.random() < 0.1
        people.append(
            Person(
                key,
                Role.EX_PUPIL if ex else Role.PUPIL,
                names.forename(),
                surname,
                legal_leaving_date=today + timedelta(days=rng.randint(-2000, 2000)) if ex else None,
            )
        )
        for c in range(rng.choice((0, 1, 1, 2, 2))):
            if len(people) >= size:
                break
            people.append(
                Person(
                    f"c{i}-{c}",
                    Role.CONTACT,
                    names.forename(),
                    surname if rng.random() < 0.7 else names.surname(),
                    relationship=rng.choice(RELATIONSHIPS),
                    pupil_keys=(key,),
                )
            )
        i += 1
    return Roster(people=tuple(people[:size]), imported_at="bench")
