"""Load the invented demo roster (``demo_roster.json``). None of these people exist."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

from companion.roster.model import Person, Role, Roster


def demo_roster() -> Roster:
    raw = json.loads(resources.files(__package__).joinpath("demo_roster.json").read_text("utf-8"))
    people = []
    for entry in raw["people"]:
        leaving = entry.get("legal_leaving_date")
        people.append(
            Person(
                key=entry["key"],
                role=Role(entry["role"]),
                forename=entry["forename"],
                surname=entry["surname"],
                preferred_forename=entry.get("preferred_forename"),
                preferred_surname=entry.get("preferred_surname"),
                known_as=tuple(entry.get("known_as", ())),
                relationship=entry.get("relationship"),
                pupil_keys=tuple(entry.get("pupils", ())),
                legal_leaving_date=date.fromisoformat(leaving) if leaving else None,
                title=entry.get("title"),
            )
        )
    return Roster(people=tuple(people), imported_at="built-in demo", source="demo")
