"""Rules for the school's own accounts: no names, no targeted praise, no replies, no @others."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from companion.checks import Finding
from companion.rules.base import CheckContext
from companion.rules.given_names import GivenNames
from companion.rules.lexicon import LexiconIndex
from companion.rules.support import memo, original_span, roster_mentions, sentence_of, sentences
from companion.school import SchoolSource

_MENTION = regex.compile(r"(?<![\w@])@(\w{1,50})")


def person_spans(ctx: CheckContext, given: GivenNames) -> list[tuple[int, int, str]]:
    """Names in the post: ``roster`` (the index found them) or ``given`` (any personal name)."""

    def build() -> list[tuple[int, int, str]]:
        spans = [(m.start, m.end, "roster") for m in roster_mentions(ctx)]
        for start, end in given.find(ctx.text):
            if not any(s < end and start < e for s, e, _ in spans):
                spans.append((start, end, "given"))
        return sorted(spans)

    return memo(ctx, "rules.person_spans", build)


class NoNames:
    id = "no-names"

    def __init__(self, given: GivenNames) -> None:
        self.given = given

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        spec = ctx.policy.rule(self.id)
        if not spec.severity_for(ctx.account, "roster") and not spec.severity_for(
            ctx.account, "given"
        ):
            return
        for start, end, grade in person_spans(ctx, self.given):
            severity = spec.severity_for(ctx.account, grade)
            if severity:
                message = spec.extra.get("message_given") if grade == "given" else None
                text = f"{message} {spec.advice}" if message else None
                yield ctx.finding(self.id, start, end, severity, text)


class TargetedContent:
    """Praise or remarks next to one child's name: "Well done Josh a better lesson today"."""

    id = "targeted-content"

    def __init__(self, given: GivenNames, lexicons: LexiconIndex) -> None:
        self.given = given
        self.lexicons = lexicons

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if not severity:
            return
        cues = [original_span(ctx, s, e) for s, e in self.lexicons.hits(ctx, "praise_terms")]
        if not cues:
            return
        parts = sentences(ctx.text)
        names = person_spans(ctx, self.given)
        # one finding per sentence that holds both a cue and a name, spanning all of them
        spans: dict[int, tuple[int, int]] = {}
        for cue_start, cue_end in cues:
            sentence = sentence_of(parts, cue_start)
            named = [(s, e) for s, e, _ in names if sentence_of(parts, s) == sentence]
            if named:
                first, last = spans.get(sentence, (cue_start, cue_end))
                first = min(first, cue_start, *(s for s, _ in named))
                last = max(last, cue_end, *(e for _, e in named))
                spans[sentence] = (first, last)
        for start, end in spans.values():
            yield ctx.finding(self.id, start, end, severity)


class NoReplies:
    id = "no-replies"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if severity and ctx.request.context in ("reply", "comment"):
            yield ctx.finding(self.id, 0, len(ctx.text), severity)


class Mentions:
    """@names of other accounts; the school's own handles are fine."""

    id = "mentions"

    def __init__(self, school: SchoolSource) -> None:
        self.school = school

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        severity = ctx.policy.rule(self.id).severity_for(ctx.account)
        if not severity:
            return
        matcher = self.school.matcher()
        for match in _MENTION.finditer(ctx.text):
            if not matcher.is_own_handle(match.group(1)):
                yield ctx.finding(self.id, match.start(), match.end(), severity)
