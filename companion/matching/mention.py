"""What the index reports: one roster name found in a post."""

from __future__ import annotations

from dataclasses import dataclass

from companion.roster.model import Role


@dataclass(frozen=True, slots=True)
class NameMention:
    """A roster name found in text; ``start``/``end`` are code points in the original text.

    ``kind`` is "full" (forename and surname of one person) or "first" (a forename alone);
    ``form`` says how it was written: exact, nickname, typo, hashtag, handle or disguised
    (homoglyphs, leetspeak, zero-width or spaced letters). ``in_context`` is true when a
    school-context cue ("well done", "Year 3") is near a first name.
    """

    start: int
    end: int
    kind: str
    roles: frozenset[Role]
    person_keys: tuple[str, ...]
    form: str = "exact"
    in_context: bool = False

    @property
    def grade(self) -> str:
        """The severity grade rules look up: full, first_in_context or first."""
        if self.kind == "full":
            return "full"
        return "first_in_context" if self.in_context else "first"
