"""One-edit look-up of names, for full names only: in the name trie the index already holds
(``TrieTypos``), or in a symmetric deletion index as SymSpell does (``TypoIndex``)."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

import ahocorasick

MIN_TYPO_LENGTH = 4  # shorter names are one edit away from too many ordinary words


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class TypoIndex:
    """Which indexed names are one insertion, deletion, substitution or swap from a word."""

    def __init__(self, names: set[str]) -> None:
        self._by_key: dict[str, list[str]] = {}
        for name in names:
            if len(name) < MIN_TYPO_LENGTH or " " in name:
                continue
            for key in (name, *deletions(name)):
                self._by_key.setdefault(key, []).append(name)

    def near(self, word: str) -> set[str]:
        if len(word) < MIN_TYPO_LENGTH:
            return set()
        candidates: set[str] = set()
        for key in (word, *deletions(word)):
            candidates.update(self._by_key.get(key, ()))
        return {c for c in candidates if c != word and one_edit(c, word)}


class TrieTypos:
    """``TypoIndex`` over the forms of ``names`` that are in ``wanted``, with no index of its own.

    Every form one edit from a word is a substitution or an insertion (a trie walk with one
    wildcard position), a deletion or a swap of neighbours (an exact look-up): about 4 look-ups
    per letter of the word, in C, instead of a deletion table of millions of strings.
    """

    __slots__ = ("_names", "_wanted")

    def __init__(self, names: Any, wanted: Container[str]) -> None:
        self._names = names  # an ahocorasick.Automaton (any store)
        self._wanted = wanted

    def near(self, word: str) -> set[str]:
        if len(word) < MIN_TYPO_LENGTH or not len(self._names) or _WILD in word:
            return set()
        names = self._names
        found: set[str] = set()
        substituted = [word[:i] + _WILD + word[i + 1 :] for i in range(len(word))]
        inserted = [word[:i] + _WILD + word[i:] for i in range(len(word) + 1)]
        for pattern in substituted + inserted:
            found.update(names.keys(pattern, _WILD, ahocorasick.MATCH_EXACT_LENGTH))
        for i in range(len(word)):
            candidates = [word[:i] + word[i + 1 :]]
            if i + 1 < len(word):
                candidates.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
            found.update(c for c in candidates if names.exists(c))
        return {
            c
            for c in found
            if c != word
            and len(c) >= MIN_TYPO_LENGTH
            and " " not in c
            and c in self._wanted
            and one_edit(c, word)
        }


_WILD = "\x00"


def one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance exactly 1 (a swap of neighbours counts as one)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]
