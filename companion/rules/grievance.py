"""grievance: complaints about work or employment — not the forum; speak to the head teacher.

A grievance phrase on its own ("hand in my notice"), or a complaint word and a work word in the
same sentence ("sick of SLT moving the goalposts").
"""

from __future__ import annotations

from collections.abc import Iterator

from companion.checks import Finding
from companion.rules.base import CheckContext
from companion.rules.lexicon import LexiconIndex, outermost
from companion.rules.support import original_span, sentence_of, sentences

LEXICONS = ("grievance_phrases", "complaint_terms", "work_terms")


class Grievance:
    id = "grievance"

    def __init__(self, lexicons: LexiconIndex) -> None:
        self.lexicons = lexicons

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if not severity:
            return
        spans = list(self.lexicons.hits(ctx, "grievance_phrases"))
        complaints = self.lexicons.hits(ctx, "complaint_terms")
        if complaints:
            work = self.lexicons.hits(ctx, "work_terms")
            parts = sentences(ctx.normalised.text)
            for c_start, c_end in complaints:
                sentence = sentence_of(parts, c_start)
                for w_start, w_end in work:
                    if sentence_of(parts, w_start) == sentence:
                        spans.append((min(c_start, w_start), max(c_end, w_end)))
                        break
        for start, end in outermost(spans):
            yield ctx.finding(self.id, *original_span(ctx, start, end), severity)
