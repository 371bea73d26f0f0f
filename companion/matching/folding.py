"""Folding one character to the Latin skeleton the matchers compare.

Data-driven: Unicode NFKC and case folding from ``unicodedata``, confusable letters from the
TR39 table that ``confusable-homoglyphs`` ships, and diacritics removed by decomposition (or, for
letters Unicode does not decompose, such as ``ł`` and ``ø``, from the character's own name).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache
from importlib import resources

# Apostrophe look-alikes are folded before NFKC, which would turn some into a space + accent.
APOSTROPHES = frozenset("'’‘ʼʹ′`´ʻʽ＇")
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cs", "Co", "Cn"})
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


@cache
def confusable_letters() -> dict[str, str]:
    """Non-ASCII characters that TR39 lists as confusable with an ASCII letter."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    table: dict[str, str] = {}
    for char, homoglyphs in json.loads(raw).items():
        if len(char) != 1 or char.isascii():
            continue
        latin = sorted(
            {h["c"].lower() for h in homoglyphs if h["c"].lower() in _ASCII_LETTERS},
        )
        if latin:
            table[char] = latin[0]
    return table


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """The folded form of one code point: ``""`` for marks and format characters."""
    if char in APOSTROPHES:
        return "'"
    category = unicodedata.category(char)
    if category in _DROPPED_CATEGORIES:
        return ""
    if category == "Pd":
        return "-"
    if char.isascii():
        return char.lower()
    composed = unicodedata.normalize("NFKC", char).casefold()
    out = []
    for part in unicodedata.normalize("NFD", composed):
        if unicodedata.category(part) in _DROPPED_CATEGORIES:
            continue
        out.append(_latin(part))
    return "".join(out)


def _latin(char: str) -> str:
    if char.isascii():
        return char
    mapped = confusable_letters().get(char)
    if mapped:
        return mapped
    return _base_letter_from_name(char) or char


def _base_letter_from_name(char: str) -> str | None:
    # "LATIN SMALL LETTER L WITH STROKE" -> "l": letters Unicode does not decompose.
    name = unicodedata.name(char, "")
    for prefix in ("LATIN SMALL LETTER ", "LATIN CAPITAL LETTER "):
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            head, _, tail = rest.partition(" ")
            if len(head) == 1 and tail.startswith("WITH"):
                return head.lower()
            if head in _LIGATURES:
                return _LIGATURES[head]
    return None


# Ligature letters whose Unicode names spell their parts (names, not a confusables list).
_LIGATURES = {"AE": "ae", "OE": "oe", "SHARP": "ss", "ETH": "d", "THORN": "th", "DOTLESS": "i"}
