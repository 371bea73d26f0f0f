"""One-edit look-up of names (symmetric deletion index, as SymSpell does), for full names only."""

from __future__ import annotations

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
