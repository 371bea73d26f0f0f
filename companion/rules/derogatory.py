"""derogatory: remarks that run down the school's community ("Glazebury parents are a bunch of
idiots"), which the policy forbids whatever words they use.

A word list alone cannot tell "the printer at my school is useless" from "the parents at my
school are useless", so the rule reads what a sentence says OF the school's people
(lexicons/school_people.txt), a roster name, or the school as the sentence's subject:
- a disparaging word (derogatory_terms.txt) after "are"/"is"/"like" (derogatory_cues.txt) with
  only fillers between ("are SO lazy", derogatory_fillers.txt), or just before the people
  ("lazy parents", "horrible bunch of parents");
- a noun that names only people, disparagingly (people_insults.txt: "idiots", "dickheads"),
  within four words after such a cue ("is like herding morons") or just before the people.
The subject comes first, at most eight words before the cue, with no other subject between
("the dads on the touchline were", not "parents said the car park is").
Staff's own family is not the school's (own_family.txt: "my own kids are so lazy").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

import regex

from companion.rules.base import CheckContext, GradedRule, Hit
from companion.rules.kit.lexicon import LexiconIndex, read_lexicon
from companion.rules.kit.support import original_span, roster_mentions
from companion.vocabulary import sentences

TERMS = "derogatory_terms"
INSULTS = "people_insults"
PEOPLE = "school_people"
OWN_FAMILY = "own_family"
CUES = "derogatory_cues"
SCHOOL_ITSELF = "school_itself"
LEXICONS = (TERMS, INSULTS, PEOPLE, OWN_FAMILY, CUES, SCHOOL_ITSELF)

SUBJECT_GAP = 8  # words between the people and "are": "the parents who came last night were"
INSULT_GAP = 4  # words between "are" and a noun such as "morons": "is like herding morons"
MAX_FILLERS = 6  # "are just so totally utterly useless"
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
# "10B", "9X", "11C": a class, named as staff name them.
_CLASS_CODE = regex.compile(r"(?<![\p{L}\p{N}])(?:1[0-3]|[1-9])[A-Z](?![\p{L}\p{N}])")
_SUBJECT_OPENERS = frozenset({"the", "this", "our", "my", "honestly", "and", "but", "so"})
# Between the people and "are", another subject means the remark is about something else:
# "we were useless", "parents said the car park is a nightmare" (a determiner not after a
# preposition starts a new noun phrase; "the dads on the touchline were" keeps the dads).
_OTHER_SUBJECTS = frozenset({"i", "we", "it", "you", "he", "she", "that", "which"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "my", "our", "his", "her", "their", "your"}
)
_PREPOSITIONS = frozenset(
    {
        "on",
        "in",
        "at",
        "to",
        "of",
        "for",
        "from",
        "with",
        "by",
        "about",
        "near",
        "outside",
        "inside",
        "over",
        "under",
        "after",
        "before",
        "during",
        "into",
        "round",
        "around",
        "across",
        "up",
    }
)

Span = tuple[int, int]


class _Words:
    """The post's words (original code points, casefolded), to count words between phrases.
    Every lookup is a bisection or a walk of a few words: a post is judged in linear time
    however many people and insults it repeats."""

    def __init__(self, text: str) -> None:
        found = list(_WORD.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.words = [m.group().casefold() for m in found]

    def first(self, span: Span) -> int:
        """The first word of ``span``."""
        return bisect_right(self.ends, span[0])

    def last(self, span: Span) -> int:
        """The last word of ``span``."""
        return bisect_left(self.starts, span[1]) - 1


class Derogatory(GradedRule):
    id = "derogatory"

    def __init__(
        self, lexicons: LexiconIndex, school_names: Callable[[CheckContext], list[Span]]
    ) -> None:
        self.lexicons = lexicons
        self.school_names = school_names
        self.fillers = frozenset(read_lexicon("derogatory_fillers"))

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        terms, insults = self._spans(ctx, TERMS), self._spans(ctx, INSULTS)
        if not terms and not insults:
            return
        text = ctx.text
        words = _Words(text)
        # Every span as (first word, last word, sentence); a remark never spans two sentences.
        bounds = [words.first(span) for span in sentences(text)]

        def place(span: Span) -> tuple[int, int, int]:
            first = words.first(span)
            return first, words.last(span), bisect_right(bounds, first) - 1

        own = self._spans(ctx, OWN_FAMILY)
        people = [s for s in self._spans(ctx, PEOPLE) if not _inside(s, own)]
        people += [(m.start, m.end) for m in roster_mentions(ctx)]
        people += [(m.start(), m.end()) for m in _CLASS_CODE.finditer(text)]
        who = [place(s) for s in people]
        for span in self.school_names(ctx) + self._spans(ctx, SCHOOL_ITSELF):
            first, last, sentence = place(span)
            opening = words.words[bounds[sentence] : first] if sentence >= 0 else []
            if set(opening) <= _SUBJECT_OPENERS:
                who.append((first, last, sentence))
        if not who:
            return
        people_end = {last: sentence for _, last, sentence in who}
        people_start = {first: sentence for first, _, sentence in who}
        # The last word of each cue that says something of the school's people, and its sentence.
        said = {
            last: sentence
            for first, last, sentence in map(place, self._spans(ctx, CUES))
            if self._has_subject(words, people_end, first, sentence)
        }
        # A disparaging word follows its cue with only fillers between; a noun that names
        # people may also stand up to INSULT_GAP words of any kind after it.
        reaches = [(span, 0) for span in terms] + [(span, INSULT_GAP) for span in insults]
        for span, reach in reaches:
            first, last, sentence = place(span)
            cues = [self._skip_fillers(words, first - 1, -1), *range(first - 1 - reach, first)]
            if any(said.get(i) == sentence for i in cues if i >= 0) or self._people_after(
                words, people_start, last, sentence
            ):
                yield Hit(*span)

    def _spans(self, ctx: CheckContext, name: str) -> list[Span]:
        return [original_span(ctx, s, e) for s, e in self.lexicons.hits(ctx, name)]

    def _has_subject(
        self, words: _Words, people_end: dict[int, int], cue: int, sentence: int
    ) -> bool:
        """Whether the school's people are what the cue's verb is said of: they end at most
        SUBJECT_GAP words before it, in the same sentence, with no other subject between."""
        for end in range(cue - 1, max(cue - 2 - SUBJECT_GAP, -1), -1):
            if people_end.get(end) == sentence and _no_other_subject(words.words[end + 1 : cue]):
                return True
        return False

    def _skip_fillers(self, words: _Words, index: int, step: int) -> int:
        """The first word from ``index`` (walking by ``step``) that is not a filler."""
        for _ in range(MAX_FILLERS):
            if not 0 <= index < len(words.words) or words.words[index] not in self.fillers:
                break
            index += step
        return index

    def _people_after(
        self, words: _Words, people_start: dict[int, int], last: int, sentence: int
    ) -> bool:
        """A disparaging word before the people: "lazy parents", "horrible bunch of parents"."""
        return people_start.get(self._skip_fillers(words, last + 1, 1)) == sentence


def _no_other_subject(gap: list[str]) -> bool:
    """No other subject between the people and the verb: "we were useless", "parents said the
    car park is" (a determiner not after a preposition); "the children I teach are" is fine."""
    if gap and gap[-1] in _OTHER_SUBJECTS:
        return False
    return not any(
        word in _DETERMINERS and (i == 0 or gap[i - 1] not in _PREPOSITIONS)
        for i, word in enumerate(gap)
    )


def _inside(span: Span, outer: list[Span]) -> bool:
    return any(o[0] <= span[0] and span[1] <= o[1] for o in outer)
