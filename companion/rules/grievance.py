"""grievance: complaints about work or employment — not the forum; speak to the head teacher.

A grievance phrase on its own ("hand in my notice"), or a complaint word and a work word in the
same sentence ("sick of SLT moving the goalposts").
"""

from __future__ import annotations

from collections.abc import Iterator

from companion.engine.types import Finding
from companion.rules.base import CheckContext
from companion.rules.lexicon import PhraseMatcher
from companion.rules.support import original_span, sentence_of, sentences


class Grievance:
    id = "grievance"

    def __init__(self) -> None:
        self.phrases = PhraseMatcher.from_lexicon("grievance_phrases")
        self.complaints = PhraseMatcher.from_lexicon("complaint_terms")
        self.work = PhraseMatcher.from_lexicon("work_terms")

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if not severity:
            return
        folded = ctx.normalised.text
        spans = self.phrases.find(folded)
        complaints = self.complaints.find(folded)
        if complaints:
            work = self.work.find(folded)
            parts = sentences(folded)
            for c_start, c_end in complaints:
                sentence = sentence_of(parts, c_start)
                for w_start, w_end in work:
                    if sentence_of(parts, w_start) == sentence:
                        spans.append((min(c_start, w_start), max(c_end, w_end)))
                        break
        for start, end in _outermost(spans):
            yield ctx.finding(self.id, *original_span(ctx, start, end), severity)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans with those inside another dropped, so one complaint is one finding."""
    ordered = sorted(set(spans), key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for start, end in ordered:
        if kept and start >= kept[-1][0] and end <= kept[-1][1]:
            continue
        kept.append((start, end))
    return kept
