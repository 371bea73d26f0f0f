"""school-event: a school event or club shared from a personal account (use the school's pages)."""

from __future__ import annotations

from collections.abc import Iterator

from companion.checks import Finding
from companion.rules.base import CheckContext
from companion.rules.lexicon import LexiconIndex
from companion.rules.support import original_span


class SchoolEvent:
    id = "school-event"

    def __init__(self, lexicons: LexiconIndex) -> None:
        self.lexicons = lexicons

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if not severity:
            return
        for start, end in self.lexicons.hits(ctx, "school_events"):
            yield ctx.finding(self.id, *original_span(ctx, start, end), severity)
