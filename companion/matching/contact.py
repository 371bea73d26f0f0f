"""Who a friend request or follow comes from: display names and handles against the roster.

Display names are messier than posts: "Sarah Smith-Jones 💕", "Mrs S. Jones (née Smith)",
"Sarah (Josh's Mum)", "@sarahsmith82". Titles, relationship words and emoji are dropped; a
person matches when one of their forenames (or its nickname) and one of their surnames both
appear, in any order; or when a forename appears next to
"<pupil>'s mum/dad/…" for a contact of that pupil.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from companion.matching.forms import whole_variants
from companion.matching.normalise import normalise, split_handle
from companion.roster.model import Person, Role

if TYPE_CHECKING:
    from companion.matching.lookup import NameLookup

MAX_DISPLAY_NAME = 200  # characters looked at; a display name is never longer on either site
MAX_WORDS = 12
_WORD = re.compile(r"[^\W\d_]+")
_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "revd", "master"]
)
_RELATIONS = frozenset(
    [
        "mum",
        "mummy",
        "mom",
        "mommy",
        "mam",
        "mammy",
        "mama",
        "ma",
        "dad",
        "daddy",
        "da",
        "papa",
        "pa",
        "nan",
        "nana",
        "nanna",
        "nanny",
        "gran",
        "granny",
        "grandma",
        "grandad",
        "granddad",
        "grandpa",
        "grandmother",
        "grandfather",
        "auntie",
        "aunty",
        "aunt",
        "uncle",
        "step",
        "stepmum",
        "stepdad",
        "carer",
        "nee",
        "nae",
    ]
)
_RELATION_OF = re.compile(r"([^\W\d_]+)'s?\s+(?:step\s*)?([^\W\d_]+)")
PARTIAL = "part of a double-barrelled surname"
HOW_ORDER = ("full name", "nickname", "relationship", "handle", PARTIAL)


@dataclass(frozen=True, slots=True)
class ContactMatch:
    person: Person
    how: str  # one of HOW_ORDER: what kind of match, never which pupil
    fore: str = ""  # the display-name words that matched (folded)
    sur: str = ""
    # No typo matching here: people type their own display names, so a one-letter difference
    # ("Tracey"/"Tracy", "Gardner"/"Gardiner") is far more often someone else.


class ContactMatcher:
    def __init__(self, lookup: NameLookup) -> None:
        self._index = lookup

    def match(self, name: str, handle: str | None = None) -> list[ContactMatch]:
        folded = normalise(name[:MAX_DISPLAY_NAME]).text
        words, fragments = _meaningful(folded)
        found = [_partial(m, fragments) for m in _closest(self._pairs(words), fragments)]
        found += self._relationship(folded, words)
        if handle:
            found += self._handle(handle[:MAX_DISPLAY_NAME])
        return _best_per_person(found)

    def _pairs(self, words: list[str]) -> list[ContactMatch]:
        index = self._index
        found: list[ContactMatch] = []
        for i, fore in enumerate(words):
            by_fore = index.with_forename(fore)
            if not by_fore:
                continue
            own = index.with_own_forename(fore)
            for j, sur in enumerate(words):
                people = by_fore & index.with_surname(sur) if i != j else frozenset()
                for number in sorted(people):
                    how = "full name" if number in own else "nickname"
                    found.append(ContactMatch(index.people[number], how, fore, sur))
        return found

    def _relationship(self, folded: str, words: list[str]) -> list[ContactMatch]:
        """ "Sarah (Josh's mum)": a relative of someone named like a pupil.

        Judged against "Josh is a pupil" alone, never against whether this Sarah is Josh's
        recorded contact: an answer that depended on the pair would tell a prober which parent
        belongs to which pupil. A child named like an ex-pupil counts while that ex-pupil is
        still a child (or of unknown age).
        """
        found = []
        today = date.today()
        for match in _RELATION_OF.finditer(folded):
            child, relation = match.group(1), match.group(2)
            if relation not in _RELATIONS:
                continue
            pupils = self._index.people_at(self._index.with_forename(child))
            if any(_still_a_pupils_family(pupil, today) for pupil in pupils):
                relative = Person(
                    key=f"relative-of:{child}", role=Role.CONTACT, forename="", surname=""
                )
                found.append(ContactMatch(relative, "relationship"))
        return found

    def _handle(self, handle: str) -> list[ContactMatch]:
        pieces = [normalise(p).text for p in split_handle(handle)]
        words = [p for p in pieces if p.isalpha()]
        found = [ContactMatch(m.person, "handle") for m in self._pairs(words)]
        for word in words:
            for cut in range(2, len(word) - 1):  # "sarahsmith": every split into two names
                fore, sur = word[:cut], word[cut:]
                people = self._index.with_forename(fore)
                if people:
                    people = people & self._index.with_surname(sur)
                    found += [ContactMatch(p, "handle") for p in self._index.people_at(people)]
        return found


def _meaningful(folded: str) -> tuple[list[str], frozenset[str]]:
    """The name words of a display name, and those that are only half of a hyphenated word."""
    words = [w for w in _WORD.findall(folded) if w not in _TITLES and w not in _RELATIONS]
    joined = re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)+", folded)
    # "O'Neill-Jones": its halves, apostrophe kept, are names too ("o'neill", "jones").
    halves = [half for j in joined if "-" in j for half in j.split("-")]
    fragments = frozenset(part for j in joined for part in _WORD.findall(j)) | frozenset(halves)
    return list(dict.fromkeys(words + joined + halves))[:MAX_WORDS], fragments


def _closest(found: list[ContactMatch], fragments: frozenset[str]) -> list[ContactMatch]:
    """Of several people a display name fits, keep those it fits most exactly.

    "Sophie Jones" is the colleague Sophie Jones before the parent Sophie Smith-Jones;
    "Danny Smith" the colleague Danny before the parent Daniel: own forename, whole surname,
    and no half of a hyphenated word each count one.
    """
    if len(found) < 2:
        return found

    def score(match: ContactMatch) -> int:
        person = match.person
        own = any(match.fore in whole_variants(f) for f in person.forenames())
        whole = any(match.sur in whole_variants(s) for s in person.surnames())
        apart = match.fore not in fragments and match.sur not in fragments
        return own + whole + apart

    best = max(score(m) for m in found)
    return [m for m in found if score(m) == best]


def _best_per_person(found: list[ContactMatch]) -> list[ContactMatch]:
    best: dict[str, ContactMatch] = {}
    for match in found:
        current = best.get(match.person.key)
        if current is None or HOW_ORDER.index(match.how) < HOW_ORDER.index(current.how):
            best[match.person.key] = match
    return list(best.values())


def _still_a_pupils_family(person: Person, today: date) -> bool:
    if person.role is Role.PUPIL:
        return True
    if person.role is Role.EX_PUPIL:
        return person.legal_leaving_date is None or person.legal_leaving_date > today
    return False


def _partial(match: ContactMatch, fragments: frozenset[str]) -> ContactMatch:
    """A surname matched only as half of a hyphenated name the person does not have."""
    own_hyphenated = any("-" in s for s in match.person.surnames())
    if match.sur in fragments and not own_hyphenated:
        return ContactMatch(match.person, PARTIAL, match.fore, match.sur)
    return match
