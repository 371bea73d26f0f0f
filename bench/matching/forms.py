"""Ways staff write a name, applied to a roster person: the labelled positives of the benchmark."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

from nicknames import NickNamer

from companion.roster.model import Person

HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "j": "ј"}
LEET = {"o": "0", "e": "3", "i": "1", "a": "4", "s": "5", "t": "7"}
LETTERS = "abcdefghijklmnopqrstuvwxyz"

Writer = Callable[[Person, random.Random], str | None]


def plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _inner(word: str, rng: random.Random, allowed: str) -> int | None:
    spots = [i for i in range(1, len(word) - 1) if word[i].lower() in allowed]
    return rng.choice(spots) if spots else None


def _swap(word: str, rng: random.Random, table: dict[str, str]) -> str | None:
    spot = _inner(word, rng, "".join(table))
    return None if spot is None else word[:spot] + table[word[spot].lower()] + word[spot + 1 :]


def typo(word: str, rng: random.Random) -> str:
    spot = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "change", "add"))
    if kind == "swap":
        return word[:spot] + word[spot + 1] + word[spot] + word[spot + 2 :]
    if kind == "drop":
        return word[:spot] + word[spot + 1 :]
    letter = rng.choice(LETTERS.replace(word[spot].lower(), ""))
    if kind == "change":
        return word[:spot] + letter + word[spot + 1 :]
    return word[:spot] + letter + word[spot:]


def _nickname(person: Person, rng: random.Random, namer: NickNamer) -> str | None:
    name = plain(person.forename).lower()
    options = {n for n in namer.nicknames_of(name) | namer.canonicals_of(name) if len(n) >= 3}
    options = {n for n in options if n[0] == name[0] or n[:3] in name or name[:3] in n}
    return rng.choice(sorted(options)).title() if options else None


def full_forms(namer: NickNamer) -> dict[str, Writer]:
    def typo_full(p: Person, rng: random.Random) -> str | None:
        first, last = p.forename, p.surname
        if len(last) >= 5 and (rng.random() < 0.5 or len(first) < 5):
            return f"{first} {typo(last, rng)}"
        return f"{typo(first, rng)} {last}" if len(first) >= 5 else None

    def nickname(p: Person, rng: random.Random) -> str | None:
        short = _nickname(p, rng, namer)
        return f"{short} {p.surname}" if short else None

    def diacritics(p: Person, rng: random.Random) -> str | None:
        full = f"{p.forename} {p.surname}"
        if plain(full) != full:
            return rng.choice((plain(full), unicodedata.normalize("NFD", full)))
        return None

    def homoglyph(p: Person, rng: random.Random) -> str | None:
        swapped = _swap(p.forename, rng, HOMOGLYPHS)
        return f"{swapped} {p.surname}" if swapped else None

    def leet(p: Person, rng: random.Random) -> str | None:
        swapped = _swap(p.forename, rng, LEET)
        return f"{swapped} {p.surname}" if swapped else None

    def zero_width(p: Person, rng: random.Random) -> str:
        spot = rng.randrange(1, len(p.forename))
        return f"{p.forename[:spot]}\u200b{p.forename[spot:]} {p.surname}"

    return {
        "exact": lambda p, rng: f"{p.forename} {p.surname}",
        "lowercase": lambda p, rng: f"{p.forename} {p.surname}".lower(),
        "capitals": lambda p, rng: f"{p.forename} {p.surname}".upper(),
        "possessive": lambda p, rng: f"{p.forename} {p.surname}'s",
        "hashtag": lambda p, rng: "#" + "".join(w.title() for w in _words(p)),
        "hashtag, lowercase": lambda p, rng: "#" + plain("".join(_words(p))).lower(),
        "@handle": lambda p, rng: f"@{plain('_'.join(_words(p))).lower()}{rng.randint(1, 99)}",
        "nickname": nickname,
        "diacritics": diacritics,
        "homoglyph": homoglyph,
        "leetspeak": leet,
        "zero-width": zero_width,
        "spaced letters": lambda p, rng: " ".join(p.forename.replace(" ", "")) + f" {p.surname}",
        "one typo": typo_full,
    }


def _words(person: Person) -> list[str]:
    return f"{person.forename} {person.surname}".replace("'", "").split()


def first_forms() -> dict[str, Writer]:
    return {
        "first name": lambda p, rng: p.forename,
        "first name, school context": lambda p, rng: f"well done {p.forename}!",
        "#WellDone<First>": lambda p, rng: "#WellDone" + p.forename.replace(" ", ""),
    }
