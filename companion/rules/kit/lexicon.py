"""Phrase lists from ``policy_data/lexicons``, all matched in one Aho-Corasick pass per post.

Matching runs on the normalised text (lower case, look-alikes folded, apostrophes as ``'``) with
hyphens and line breaks read as spaces, so "after-school club" and "after school club" are one
phrase; apostrophes are optional ("parents evening" = "parents' evening"). A match counts only at
word edges: "my class" is not found in "my classic".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ahocorasick

from companion.policy import policy_lines
from companion.rules.base import CheckContext
from companion.rules.kit.support import memo

_AS_SPACE = str.maketrans({"-": " ", "\n": " ", "\r": " ", "\t": " "})

Span = tuple[int, int]


def read_lexicon(name: str) -> tuple[str, ...]:
    """The phrases of ``policy_data/lexicons/<name>.txt``: one a line, ``#`` starts a comment."""
    return policy_lines(f"lexicons/{name}.txt")


class LexiconIndex:
    """Every lexicon the rules use, in one automaton; hits are spans of the normalised text."""

    def __init__(self, lexicons: Mapping[str, Iterable[str]]) -> None:
        self.names = tuple(lexicons)
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, set[str]] = {}
        for name, phrases in lexicons.items():
            for phrase in phrases:
                for form in _forms(phrase):
                    keys.setdefault(form, set()).add(name)
        for form, names in keys.items():
            self._automaton.add_word(form, (len(form), tuple(sorted(names))))
        self._automaton.make_automaton()

    @classmethod
    def from_files(cls, *names: str) -> LexiconIndex:
        return cls({name: read_lexicon(name) for name in names})

    def scan(self, folded: str) -> dict[str, list[Span]]:
        """Outermost whole-word hits per lexicon, in order."""
        text = folded.translate(_AS_SPACE)
        hits: dict[str, list[Span]] = {name: [] for name in self.names}
        for last, (size, names) in self._automaton.iter(text):
            start, end = last - size + 1, last + 1
            if (start > 0 and text[start - 1].isalnum()) or (
                end < len(text) and text[end].isalnum()
            ):
                continue
            for name in names:
                hits[name].append((start, end))
        return {name: outermost(spans) for name, spans in hits.items()}

    def scanned(self, ctx: CheckContext) -> dict[str, list[Span]]:
        """Every lexicon's hits in a post, scanned once per request: a rule that asks about
        several lexicons before deciding to read on fetches them in one look-up."""
        return memo(ctx, f"rules.lexicons.{id(self)}", lambda: self.scan(ctx.normalised.text))

    def hits(self, ctx: CheckContext, name: str) -> list[Span]:
        """One lexicon's hits in a post, as spans of ``ctx.normalised.text``."""
        return self.scanned(ctx)[name]


def outermost(spans: list[Span]) -> list[Span]:
    """Spans with those inside another dropped ("looked after" inside "looked after child")."""
    ordered = sorted(set(spans), key=lambda s: (s[0], -s[1]))
    kept: list[Span] = []
    for start, end in ordered:
        if kept and start >= kept[-1][0] and end <= kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _forms(phrase: str) -> set[str]:
    spaced = " ".join(phrase.translate(_AS_SPACE).split())
    return {spaced, spaced.replace("'", "")} - {""}
