"""The generic rule for what is only word lists, declared in ``policy_data/rules.toml``:

    [rules.school-event.match]
    any = ["school_events"]                          # a phrase of these lexicons is a finding
    together = [["complaint_terms", "work_terms"]]   # or a word of each, in one sentence

The finding spans the phrase (or both words). School events, references to one's work and
grievances are such rules; a new one needs only data (its lexicon files and its entry).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from companion.rules.base import CheckContext, GradedRule, Hit
from companion.rules.kit.lexicon import LexiconIndex, outermost
from companion.rules.kit.support import memo, original_span
from companion.vocabulary import sentence_of, sentences

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Match:
    any: tuple[str, ...] = ()
    together: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_data(cls, rule: str, data: Mapping[str, Any]) -> Match:
        unknown = set(data) - {"any", "together"}
        if unknown:
            raise ValueError(f"rules.{rule}.match: unknown keys {sorted(unknown)}")
        pairs = tuple(tuple(pair) for pair in data.get("together", ()))
        if any(len(pair) != 2 for pair in pairs):
            raise ValueError(f"rules.{rule}.match.together: each entry names two lexicons")
        return cls(tuple(data.get("any", ())), pairs)  # type: ignore[arg-type]

    @property
    def lexicons(self) -> tuple[str, ...]:
        return (*self.any, *(name for pair in self.together for name in pair))


class LexiconRule(GradedRule):
    def __init__(self, rule_id: str, match: Match, lexicons: LexiconIndex) -> None:
        self.id = rule_id
        self.match = match
        self.lexicons = lexicons

    def spans(self, ctx: CheckContext) -> list[Span]:
        """Where the rule's words are, in the original text; other rules ask too (a post that
        mentions "my class" points at the school)."""
        return memo(ctx, f"rules.lexicon.{self.id}", lambda: self._spans(ctx))

    def _spans(self, ctx: CheckContext) -> list[Span]:
        found: list[Span] = []
        for name in self.match.any:
            found += self.lexicons.hits(ctx, name)
        for first_name, second_name in self.match.together:
            firsts = self.lexicons.hits(ctx, first_name)
            if not firsts:
                continue
            seconds = self.lexicons.hits(ctx, second_name)
            parts = sentences(ctx.normalised.text)
            for a_start, a_end in firsts:
                sentence = sentence_of(parts, a_start)
                for b_start, b_end in seconds:
                    if sentence_of(parts, b_start) == sentence:
                        found.append((min(a_start, b_start), max(a_end, b_end)))
                        break
        return [original_span(ctx, start, end) for start, end in outermost(found)]

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        for start, end in self.spans(ctx):
            yield Hit(start, end)
