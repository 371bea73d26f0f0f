"""Personal names that are not on the roster, for the school accounts' "no names" rule.

Given names come from the ``nicknames`` package's ``names.csv`` (both columns), the first names
of Faker's locales for the languages common in UK schools (English, Polish, Romanian, Hindi,
Bengali, Urdu-speaking Pakistan via en_IN/hi_IN, Turkish, Portuguese, Lithuanian, Nigerian and
more), and ``policy_data/names/uk_school_given_names.txt`` for names both lack. A capitalised
word counts as a name unless it is a month or weekday, or it starts a sentence and is also a very
common English word ("Will you…", "May we…"), or sits in a title ("Art Week"), judged by
``wordfreq``.

What the two packages give is kept in LIBRARY_NAMES_FILE (``scripts/make_name_lists.py``
writes it; a test checks it against the packages): reading 12,000 names from it takes a few ms
of the companion's start-up, where importing Faker and forty of its locales took 80 ms (of a
second's budget). Faker is needed only to make the file.
"""

from __future__ import annotations

import calendar
import csv
import importlib
import io
from functools import cache
from importlib import resources

import regex

from companion import vocabulary
from companion.policy import policy_lines
from companion.vocabulary import sentences

_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}'’@#])\p{Lu}\p{Ll}+(?![\p{L}\p{N}'’])")
_TITLED = regex.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}[\p{L}'’-]+")
# How common a name is as a word decides (companion/vocabulary.py): "One", "Day", "May", "Will"
# are the word anywhere; at a sentence start a lower level applies ("Grace", "Hope"); and a name
# next to an everyday capitalised word is part of a title ("Art Week").

# Faker locales whose first names staff in UK schools meet on registers.
FAKER_LOCALES = (
    "en_GB",
    "en_US",
    "en_IE",
    "en_IN",
    "hi_IN",
    "bn_BD",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "lv_LV",
    "sk_SK",
    "cs_CZ",
    "bg_BG",
    "hu_HU",
    "pt_PT",
    "es_ES",
    "it_IT",
    "fr_FR",
    "de_DE",
    "tr_TR",
    "el_GR",
    "nl_NL",
    "yo_NG",
    "ig_NG",
    "tw_GH",
    "zu_ZA",
    "ne_NP",
    "ar_AA",
    "fa_IR",
)
_LATIN_NAME = regex.compile(r"^[\p{Latin}'’-]{3,}$")


_FIRST_NAMES = ("first_names", "first_names_male", "first_names_female")  # Faker's lists

# Faker locales whose names are the commonest in UK schools.
COMMON_LOCALES = ("en_GB", "en_US", "en_IE")

LIBRARY_NAMES_FILE = "library_names.tsv"
# What each name in LIBRARY_NAMES_FILE is, one letter each (a name may be several).
GIVEN, COMMON_FIRST, COMMON_LAST = "g", "f", "s"


@cache
def given_names() -> frozenset[str]:
    """Every given name known (lowercase), read once: the school accounts' rule and the name
    index (someone else's middle initial: "Hunter S. Thompson") share it."""
    names = set(_library_names()[GIVEN])
    names |= set(policy_lines("names/uk_school_given_names.txt"))
    calendar_words = {w.lower() for w in (*calendar.month_name, *calendar.day_name) if w}
    return frozenset(names - calendar_words)


@cache
def common_surnames() -> frozenset[str]:
    """Surnames common in the UK that are not also common first names (lowercase; Faker's last
    names less its first names: Smith, Jones, Green, not John, Hunter or Taylor), read once:
    after an initial ("J. Smith O. Thompson") such a word ends a name rather than starting
    one."""
    return _library_names()[COMMON_LAST] - common_first_names()


@cache
def common_first_names() -> frozenset[str]:
    """First names common in the UK (lowercase; Faker's): John, George, Hunter, Taylor."""
    return _library_names()[COMMON_FIRST]


@cache
def _library_names() -> dict[str, frozenset[str]]:
    """LIBRARY_NAMES_FILE's names of each kind."""
    kinds: dict[str, set[str]] = {GIVEN: set(), COMMON_FIRST: set(), COMMON_LAST: set()}
    text = resources.files("companion.matching").joinpath(LIBRARY_NAMES_FILE).read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, letters = line.partition("\t")
            for letter in letters:
                kinds[letter].add(name)
    return {kind: frozenset(names) for kind, names in kinds.items()}


def names_from_libraries() -> dict[str, frozenset[str]]:
    """What LIBRARY_NAMES_FILE holds, from the installed ``nicknames`` and Faker (for the
    script that writes it and the test that checks it)."""
    raw = resources.files("nicknames").joinpath("names.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(raw))
    given = {n for row in rows for n in (row["name1"], row["name2"]) if len(n) >= 3}
    given |= _faker_names(FAKER_LOCALES, _FIRST_NAMES)
    return {
        GIVEN: frozenset(given),
        COMMON_FIRST: frozenset(_faker_names(COMMON_LOCALES, _FIRST_NAMES)),
        COMMON_LAST: frozenset(_faker_names(COMMON_LOCALES, ("last_names",))),
    }


def _faker_names(locales: tuple[str, ...], attributes: tuple[str, ...]) -> set[str]:
    """The names in Faker's lists ``attributes`` of ``locales`` (lowercase, Latin letters)."""
    names: set[str] = set()
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute in attributes:
            values = getattr(provider, attribute, None) or ()
            names.update(str(n).lower() for n in values if _LATIN_NAME.match(str(n)))
    return names


class GivenNames:
    def __init__(self) -> None:
        self.names = given_names()

    def find(self, text: str) -> list[tuple[int, int]]:
        """Spans of likely personal names in original text: "Josh", "Mrs Patel"."""
        found = [m.span() for m in _TITLED.finditer(text)]
        starts = {s + len(text[s:e]) - len(text[s:e].lstrip()) for s, e in sentences(text)}
        words = list(_CAPITALISED.finditer(text))
        for index, match in enumerate(words):
            word = match.group().lower()
            if word not in self.names or any(s <= match.start() < e for s, e in found):
                continue
            frequency = vocabulary.frequency(word)
            if frequency >= vocabulary.ALWAYS_A_WORD:
                continue
            if match.start() in starts and frequency >= vocabulary.AT_SENTENCE_START:
                continue
            if self._in_a_title(text, words, index):
                continue
            found.append(match.span())
        return sorted(found)

    def _in_a_title(self, text: str, words: list[regex.Match[str]], index: int) -> bool:
        """Next to a capitalised everyday word: "Art Week", "Green Park", "Sports Day"."""
        for other in (index - 1, index + 1):
            if not 0 <= other < len(words):
                continue
            first, second = sorted((words[index], words[other]), key=lambda m: m.start())
            if text[first.end() : second.start()].strip():
                continue  # not adjacent
            neighbour = words[other].group().lower()
            if neighbour not in self.names and vocabulary.at_least(neighbour, vocabulary.EVERYDAY):
                return True
        return False
