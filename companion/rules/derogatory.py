"""derogatory: remarks that run down the school's community ("Glazebury parents are a bunch of
idiots"), which the policy forbids whatever words they use. A word list of insults alone cannot
tell "the film was rubbish" from "the parents are rubbish": the rule looks for a disparaging word
(lexicons/derogatory_terms.txt) in the same sentence as the school's people
(lexicons/school_people.txt), the school itself, or a roster name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from companion.checks import Finding
from companion.rules.base import CheckContext
from companion.rules.lexicon import LexiconIndex
from companion.rules.support import original_span, roster_mentions, sentence_of, sentences

TERMS = "derogatory_terms"
PEOPLE = "school_people"


class Derogatory:
    id = "derogatory"

    def __init__(
        self, lexicons: LexiconIndex, school_spans: Callable[[CheckContext], list[tuple[int, int]]]
    ) -> None:
        self.lexicons = lexicons
        self.school_spans = school_spans

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        words = self.lexicons.hits(ctx, TERMS)
        if not words:
            return
        spec = ctx.policy.rule(self.id)
        severity = spec.severity_for(ctx.account)
        if not severity:
            return
        text = ctx.text
        parts = sentences(text)
        about: set[int] = set()
        for start, end in self.lexicons.hits(ctx, PEOPLE):
            about.add(sentence_of(parts, original_span(ctx, start, end)[0]))
        about |= {sentence_of(parts, start) for start, _ in self.school_spans(ctx)}
        about |= {sentence_of(parts, m.start) for m in roster_mentions(ctx)}
        for start, end in words:
            first, last = original_span(ctx, start, end)
            if sentence_of(parts, first) in about:
                yield ctx.finding(self.id, first, last, severity)
