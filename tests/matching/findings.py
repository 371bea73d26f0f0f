"""What the matching tests read of a verdict: the findings that name a roster person."""

from __future__ import annotations

from companion.checks import PostRequest
from companion.engine import Engine
from companion.roster.model import Person, Roster

NAME_RULES = frozenset({"pupil-name", "family-name", "staff-name"})


def engine_of(*people: Person) -> Engine:
    return Engine(roster=Roster(people=people, imported_at="test"))


def name_findings(engine: Engine, text: str, account: str = "personal") -> list[tuple[str, ...]]:
    """(rule, severity, the words quoted) of each finding that names a roster person."""
    verdict = engine.check_post(PostRequest(text=text, account=account))
    return [(f.rule, f.severity, f.text) for f in verdict.findings if f.rule in NAME_RULES]


def named(engine: Engine, text: str, account: str = "personal") -> list[str]:
    """The words each name finding quotes, in lower case."""
    return [written.lower() for _, _, written in name_findings(engine, text, account)]
