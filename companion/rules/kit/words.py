"""A post's words, indexed for rules that read what a sentence says of whom: where each word
starts and ends, its casefolded form, and where a clause breaks, so that counting the words
between two phrases is a bisection (rules/derogatory)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import regex

Span = tuple[int, int]

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
# Between two words, a clause ends: "the weather was rubbish, the kids loved it".
_CLAUSE_BREAK = regex.compile(r"[,;:()\[\]\"“”]|\s[-–—]\s")


class Words:
    """The post's words (original code points, casefolded), to count words between phrases.
    Every lookup is a bisection or a walk of a few words: a post is judged in linear time
    however many people and insults it repeats."""

    def __init__(self, text: str) -> None:
        found = list(_WORD.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.words = [m.group().casefold() for m in found]
        # Words a clause break comes before ("rubbish, | the kids").
        self.broken = {
            i + 1
            for i in range(len(found) - 1)
            if _CLAUSE_BREAK.search(text, self.ends[i], self.starts[i + 1])
        }

    def first(self, span: Span) -> int:
        """The first word of ``span``."""
        return bisect_right(self.ends, span[0])

    def last(self, span: Span) -> int:
        """The last word of ``span``."""
        return bisect_left(self.starts, span[1]) - 1
