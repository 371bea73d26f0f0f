"""offensive: derogatory, discriminatory or offensive words; block alongside a school reference.

The word list is better-profanity's ``profanity_wordlist.txt`` (a kept, widely used list built for
real user text), read as data, less a reviewed handful of everyday words (see
``lexicons/offensive_exclusions.txt``). The library's own matcher costs ~65 ms a post, so the words
are looked up here in a set over the normalised text (which has already undone leetspeak and
look-alikes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources

import regex

from companion.engine.types import Finding
from companion.rules.base import CheckContext
from companion.rules.lexicon import read_lexicon
from companion.rules.support import original_span

_WORD = regex.compile(r"[\p{L}\p{N}]+")


def profanity_words() -> frozenset[str]:
    """better-profanity's list, less the everyday words in ``lexicons/offensive_exclusions``."""
    text = resources.files("better_profanity").joinpath("profanity_wordlist.txt").read_text("utf-8")
    words = {" ".join(line.lower().split()) for line in text.splitlines() if line.strip()}
    return frozenset(words - set(read_lexicon("offensive_exclusions")))


class Offensive:
    id = "offensive"

    def __init__(self, school_context: Callable[[CheckContext], bool]) -> None:
        self.words = profanity_words()
        self.longest = max(len(w.split()) for w in self.words)
        self.phrase_starts = frozenset(w.split()[0] for w in self.words if " " in w)
        self.school_context = school_context

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spans = self.spans(ctx.normalised.text)
        if not spans:
            return
        spec = ctx.policy.rule(self.id)
        with_school = self.school_context(ctx)
        severity = spec.severity_for(ctx.account, "with_school" if with_school else "alone")
        if not severity:
            return
        message = spec.extra.get("message_school") if with_school else None
        for start, end in spans:
            text = f"{message} {spec.advice}" if message else None
            yield ctx.finding(self.id, *original_span(ctx, start, end), severity, text)

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """Listed words and phrases (up to the list's longest, in words) in folded text."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        found: list[tuple[int, int]] = []
        index = 0
        while index < len(words):
            longest = self.longest if words[index][2] in self.phrase_starts else 1
            for size in range(min(longest, len(words) - index), 0, -1):
                group = words[index : index + size]
                if " ".join(w for _, _, w in group) in self.words:
                    found.append((group[0][0], group[-1][1]))
                    index += size - 1
                    break
            index += 1
        return found
