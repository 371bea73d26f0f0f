"""What the index reports: one roster name found in a post."""

from __future__ import annotations

from dataclasses import dataclass

from companion.roster.model import Role


@dataclass(frozen=True, slots=True)
class NameMention:
    """A roster name found in text; ``start``/``end`` are code points in the original text.

    ``kind`` is "full" (forename and surname of one person), "first" (a forename alone),
    "title" (a title and a surname: "Mrs Cartwright", an adult: staff or a pupil's family) or
    "initial" (an initial and a surname: "O. Pemberton", whoever of that surname it fits);
    ``form`` says how it was written: exact, nickname, typo, hashtag, handle, disguised
    (homoglyphs, leetspeak, zero-width or spaced letters) or apart (across a line break or with
    emoji between, as two names of a list may be: never ``sure``). ``in_context`` is true when a
    school-context cue ("well done", "Year 3") is near a first name. ``sure`` is false for a
    full name whose two parts are everyday words written in lower case or all capitals ("saw
    mark young at the park"): found from the words around it, graded ``full_as_words``.
    """

    start: int
    end: int
    kind: str
    roles: frozenset[Role]
    form: str = "exact"
    in_context: bool = False
    sure: bool = True

    @property
    def grade(self) -> str:
        """The severity grade rules look up: full, full_as_words, title, initial,
        first_in_context or first."""
        if self.kind == "full":
            return "full" if self.sure else "full_as_words"
        if self.kind in ("title", "initial"):
            return self.kind
        return "first_in_context" if self.in_context else "first"
