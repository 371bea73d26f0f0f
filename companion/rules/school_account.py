"""Rules for the school's own accounts: no names, no targeted praise, no replies, no @others."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from companion.matching.given_names import GivenNames
from companion.rules.base import CheckContext, GradedRule, Hit
from companion.rules.kit.lexicon import LexiconIndex
from companion.rules.kit.support import memo, original_span, roster_mentions
from companion.school import SchoolSource
from companion.vocabulary import sentence_of, sentences

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


class NoNames(GradedRule):
    id = "no-names"

    def __init__(self, given: GivenNames) -> None:
        self.given = given

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        given = ctx.policy.rule(self.id).variant("message_given")
        for start, end, grade in person_spans(ctx, self.given):
            yield Hit(start, end, grade, given if grade == "given" else None)


class TargetedContent(GradedRule):
    """Praise or remarks next to one child's name: "Well done Josh a better lesson today"."""

    id = "targeted-content"

    def __init__(self, given: GivenNames, lexicons: LexiconIndex) -> None:
        self.given = given
        self.lexicons = lexicons

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
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
            yield Hit(start, end)


class NoReplies(GradedRule):
    id = "no-replies"

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        if ctx.request.context in ("reply", "comment"):
            yield Hit(0, len(ctx.text))


class Mentions(GradedRule):
    """@names of other accounts; the school's own handles are fine."""

    id = "mentions"

    def __init__(self, school: SchoolSource) -> None:
        self.school = school

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        matcher = self.school.matcher()
        for match in _MENTION.finditer(ctx.text):
            if not matcher.is_own_handle(match.group(1)):
                yield Hit(match.start(), match.end())
