"""A small invented roster with the names that make matching hard."""

from __future__ import annotations

from datetime import date, timedelta

from companion.roster.model import Person, Role, Roster


def pupil(key: str, forename: str, surname: str, **extra: object) -> Person:
    return Person(key=key, role=Role.PUPIL, forename=forename, surname=surname, **extra)  # type: ignore[arg-type]


def hard_roster(today: date | None = None) -> Roster:
    today = today or date.today()
    people = (
        pupil("p-josh", "Joshua", "Smith", preferred_forename="Josh"),
        pupil("p-grace", "Grace", "Hill"),
        pupil("p-will", "William", "Brown", preferred_forename="Will"),
        pupil("p-may", "May", "King"),
        pupil("p-hope", "Hope", "Green"),
        pupil("p-jack", "Jack", "Long"),
        pupil("p-summer", "Summer", "Day"),
        pupil("p-zoe", "Zoë", "Brennan-Hughes"),
        pupil("p-ciara", "Ciara", "O'Neill"),
        pupil("p-siobhan", "Siobhán", "Wiśniewska"),
        pupil("p-oliver", "Oliver", "Thompson"),
        pupil("p-maylong", "May", "Long"),
        pupil("p-henry", "Henry", "Adams"),
        Person(
            key="c-sarah",
            role=Role.CONTACT,
            forename="Sarah",
            surname="Smith",
            relationship="parent",
            pupil_keys=("p-josh",),
        ),
        Person(
            key="c-mark",
            role=Role.CONTACT,
            forename="Mark",
            surname="Hill",
            relationship="parent",
            pupil_keys=("p-grace",),
        ),
        Person(key="s-helen", role=Role.STAFF, forename="Helen", surname="Walker", title="Mrs"),
        Person(
            key="x-young",
            role=Role.EX_PUPIL,
            forename="Callum",
            surname="Fraser",
            legal_leaving_date=today + timedelta(days=400),
        ),
        Person(
            key="x-left",
            role=Role.EX_PUPIL,
            forename="Megan",
            surname="Doyle",
            legal_leaving_date=today - timedelta(days=30),
        ),
    )
    return Roster(people=people, imported_at="test")
