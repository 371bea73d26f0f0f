"""offensive: derogatory, discriminatory or offensive words; block alongside a school reference.

The word list is better-profanity's ``profanity_wordlist.txt`` (a kept, widely used list built for
real user text), read as data, less a reviewed handful of everyday words (see
``lexicons/offensive_exclusions.txt``). The library's own matcher costs ~65 ms a post, so the words
join the other lexicons in one automaton over the normalised text (which has already undone
leetspeak and look-alikes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources

from companion.rules.base import CheckContext, GradedRule, Hit
from companion.rules.kit.lexicon import LexiconIndex, read_lexicon
from companion.rules.kit.support import original_span

LEXICON = "offensive"


def profanity_words() -> frozenset[str]:
    """better-profanity's list, less the everyday words in ``lexicons/offensive_exclusions``."""
    text = resources.files("better_profanity").joinpath("profanity_wordlist.txt").read_text("utf-8")
    words = {" ".join(line.lower().split()) for line in text.splitlines() if line.strip()}
    return frozenset(words - set(read_lexicon("offensive_exclusions")))


class Offensive(GradedRule):
    id = "offensive"

    def __init__(
        self, lexicons: LexiconIndex, school_context: Callable[[CheckContext], bool]
    ) -> None:
        self.lexicons = lexicons
        self.school_context = school_context

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        spans = self.lexicons.hits(ctx, LEXICON)
        if not spans:
            return
        with_school = self.school_context(ctx)
        grade = "with_school" if with_school else "alone"
        text = ctx.policy.rule(self.id).variant("message_school") if with_school else None
        for start, end in spans:
            yield Hit(*original_span(ctx, start, end), grade, text)
