"""workplace-reference: "my class", "my pupils", "parents' evening"… (policy_data/lexicons)."""

from __future__ import annotations

from collections.abc import Iterator

from companion.checks import Finding
from companion.rules.base import CheckContext
from companion.rules.lexicon import LexiconIndex
from companion.rules.support import memo, original_span


class WorkplaceReference:
    id = "workplace-reference"

    def __init__(self, lexicons: LexiconIndex) -> None:
        self.lexicons = lexicons

    def spans(self, ctx: CheckContext) -> list[tuple[int, int]]:
        """Workplace phrases in original code points; other rules ask too (offensive)."""

        def build() -> list[tuple[int, int]]:
            found = self.lexicons.hits(ctx, "workplace")
            return [original_span(ctx, s, e) for s, e in found]

        return memo(ctx, "rules.workplace_spans", build)

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if not severity:
            return
        for start, end in self.spans(ctx):
            yield ctx.finding(self.id, start, end, severity)
