"""Finding the school in text: every way people write its name, its trust, handles, website."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from companion.school.profile import SchoolProfile

# What people add after the school's name: "Glazebury C of E Primary School", "#GlazeburyCE".
_SUFFIX = r"(?:c\.?\s*of\s*e|c\.?\s*e|church\s+of\s+england|primary|school|academy|juniors|infants)"
_SEP = r"[\s_.\-]*"
_START = r"(?<![\p{L}\p{N}])"


@dataclass(frozen=True, slots=True)
class SchoolMatch:
    start: int
    end: int
    kind: str  # "name", "trust", "handle" or "website"


class SchoolMatcher:
    """One compiled pattern per profile; ``find`` works on original or lower-cased text."""

    def __init__(self, profile: SchoolProfile) -> None:
        self.profile = profile
        parts = [
            _group("website", [_website(w) for w in profile.websites]),
            _group("handle", [rf"@{regex.escape(h)}(?![\w])" for h in _handles(profile)]),
            _group("name", [rf"{_START}{_phrase(n)}{_suffixes()}" for n in profile.names]),
            _group("trust", [rf"{_START}{_phrase(t)}" for t in profile.trust]),
        ]
        self._pattern = regex.compile("|".join(p for p in parts if p), regex.IGNORECASE)

    def find(self, text: str) -> list[SchoolMatch]:
        return [
            SchoolMatch(m.start(), m.end(), m.lastgroup or "name")
            for m in self._pattern.finditer(text)
        ]

    def is_own_handle(self, handle: str) -> bool:
        return handle.removeprefix("@").casefold() in self.profile.all_handles()

    def is_school_url(self, url: str) -> bool:
        return bool(self._pattern.search(url))


def _group(kind: str, alternatives: list[str]) -> str:
    return f"(?P<{kind}>{'|'.join(alternatives)})" if alternatives else ""


def _phrase(text: str) -> str:
    """Words of a name with any spacing (or none, as in hashtags); apostrophes optional."""
    words = regex.findall(r"[\p{L}\p{N}]+", text)
    return _SEP.join(regex.escape(w) + r"['’]?" for w in words)


def _suffixes() -> str:
    # a suffix only counts when a boundary or another suffix follows ("Glazebury centre" stops)
    return rf"(?:{_SEP}{_SUFFIX}(?={_SEP}{_SUFFIX}|[^\p{{L}}]|$))*"


def _handles(profile: SchoolProfile) -> list[str]:
    return sorted(profile.all_handles(), key=len, reverse=True)


def _website(site: str) -> str:
    return rf"(?<![\w.\-])(?:https?://)?(?:www\.)?{regex.escape(site)}(?:/[^\s]*)?"
