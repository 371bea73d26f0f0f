"""Is a first name in a post used as a name? ("Will" the boy, or "I will"?)

A name that is also an everyday word only counts when it is written like a name: capitalised
away from the start of a sentence, not followed by another capitalised word ("Summer Fair",
"Jack Johnson"), not a month after "in"/"on" or next to a number, or deliberately disguised
("Gr4ce"). Capitals are no evidence in text that is all capitals or in Title Case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from companion import vocabulary

_SENTENCE_END = frozenset(".!?…:;\n\r")
_OPENERS = frozenset("\"'“”‘’«»([{*_-–—•·")
_MONTHS = frozenset({"may", "april", "june", "august"})
_TIMES = _MONTHS | {"summer", "autumn", "winter", "spring"}  # "Summer was hot"
_BEFORE_DATE = frozenset(
    [
        "in",
        "on",
        "of",
        "since",
        "until",
        "till",
        "by",
        "early",
        "late",
        "mid",
        "next",
        "last",
        "this",
        "from",
        "to",
        "during",
        "end",
        "before",
        "after",
    ]
)
_ORIGINAL_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")


def is_common_word(word: str) -> bool:
    return vocabulary.at_least(word, vocabulary.COMMON)


@dataclass(frozen=True, slots=True)
class CaseEvidence:
    """Whether capital letters carry information in this text (computed once per text)."""

    informative: bool

    @classmethod
    def of(cls, original: str, is_name: Callable[[str], bool] = lambda word: False) -> CaseEvidence:
        if not any(ch.islower() for ch in original) or not any(ch.isupper() for ch in original):
            return cls(informative=False)  # all capitals, or typed all in lower case
        found = list(_ORIGINAL_WORD.finditer(original))
        # The best witness of Title Case is what it does to everyday words ("and", "in", "at")
        # in mid-sentence; names, "Year 3" and the school's name are capitalised anyway.
        everyday = [
            m.group()
            for m in found
            if m.group()[0].isalpha()
            and _very_common(m.group())
            and not sentence_start(original, m.start())
            and not is_name(m.group())  # "Thanks Will!": the name is what is being judged
        ]
        if everyday:
            raised = sum(1 for w in everyday if w[0].isupper())
            return cls(informative=raised * 2 < len(everyday))
        long_words = [m.group() for m in found if m.group()[0].isalpha() and len(m.group()) >= 3]
        capitalised = sum(1 for w in long_words if w[0].isupper())
        title_case = len(long_words) >= 4 and capitalised >= 0.7 * len(long_words)
        return cls(informative=not title_case)


def sentence_start(original: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (original[i].isspace() or original[i] in _OPENERS):
        i -= 1
    if i < 0:
        return True
    char = original[i]
    return char in _SENTENCE_END or unicodedata.category(char) == "So"


def previous_word(original: str, start: int) -> str:
    head = original[:start].rstrip()
    words = _ORIGINAL_WORD.findall(head[-40:])
    return words[-1] if words else ""


def next_word(original: str, end: int) -> str:
    tail = original[end : end + 40]
    if tail[:2] in ("'s", "’s") or not tail[:1].isspace():
        return ""  # a possessive or punctuation: the name stands alone
    words = _ORIGINAL_WORD.findall(tail)
    return words[0] if words else ""


def capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def disguised(original_slice: str, folded_slice: str) -> bool:
    """Digits, look-alike letters, zero-width or spaced letters inside the name."""
    return original_slice.lower() != folded_slice and not _only_accents(
        original_slice, folded_slice
    )


def _only_accents(original_slice: str, folded_slice: str) -> bool:
    stripped = unicodedata.normalize("NFD", original_slice)
    plain = "".join(ch for ch in stripped if unicodedata.category(ch) != "Mn")
    return plain.lower() == folded_slice


def month_use(original: str, start: int, end: int, form: str) -> bool:
    """ "in May", "May 5th", "5 May": the month, not the girl."""
    if form not in _MONTHS:
        return False
    before = previous_word(original, start).lower()
    after = next_word(original, end)
    return before in _BEFORE_DATE or before[:1].isdigit() or after[:1].isdigit()


def looks_like_a_name(
    original: str,
    start: int,
    end: int,
    form: str,
    folded_slice: str,
    wordy: bool,
    case: CaseEvidence,
    nickname: bool = False,
    subject_verbs: frozenset[str] = frozenset(),
    is_forename: Callable[[str], bool] = lambda word: False,
) -> bool:
    """Decide whether a lone first name at ``original[start:end]`` is used as a name."""
    written = original[start:end]
    if disguised(written, folded_slice):
        return True
    if case.informative and part_of_another_name(original, start, end, wordy, is_forename):
        return False
    shouted = case.informative and len(written) > 1 and written.isupper()
    if not wordy:
        # "MAC", "HAL" in mixed-case text are acronyms; lowercase short forms are words.
        return (capitalised(written) and not (shouted and nickname)) or not (
            nickname and case.informative
        )
    if shouted:
        return False
    if not case.informative or not capitalised(written):
        return False
    if month_use(original, start, end, form):
        return False
    if sentence_start(original, start):
        # "Grace was brilliant", "Grace's mum" - but not "Hope you...", "Will you...".
        if form in _TIMES:
            return False
        return original[end : end + 2] in ("'s", "’s") or (
            next_word(original, end).lower() in subject_verbs
        )
    # "we sang Amazing Grace": a capitalised word before it, mid-sentence, makes a title.
    before = previous_word(original, start)
    glued = start > 0 and original[start - 1].isalpha()  # camelCase: #WellDoneHope
    if glued or not (before.isalpha() and capitalised(before)):
        return True
    return sentence_start(original, original[:start].rstrip().rfind(before))


def part_of_another_name(
    original: str,
    start: int,
    end: int,
    wordy: bool,
    is_forename: Callable[[str], bool] = lambda word: False,
) -> bool:
    """ "-- Thomas Jefferson", "John F. Kennedy", "Woody Allen", "Summer Fair".

    A capitalised word right after (or, mid-sentence, right before) the first name makes it
    part of someone else's full name or of a title; everyday capitalised words ("Thanks Josh
    Great game") do not count.
    """
    following = next_word(original, end)
    if (
        capitalised(following)
        and following.isalpha()
        and (len(following) == 1 or wordy or not _very_common(following))
    ):
        return True
    before = previous_word(original, start)
    if not (capitalised(before) and before.isalpha()) or start == 0:
        return False
    glued = original[start - 1].isalpha()
    if not glued and is_forename(before):
        return True  # "George Will", "Bill Joy": the surname of someone else
    mid_sentence = not sentence_start(original, original[:start].rstrip().rfind(before))
    return not glued and mid_sentence and (len(before) == 1 or not _very_common(before))


def _very_common(word: str) -> bool:
    """Far more frequent than famous surnames: words that follow a name ("Great", "Thanks")."""
    return vocabulary.at_least(word.lower(), vocabulary.EVERYDAY)


# -- a full name written as two everyday words ("may green", "mark young") --------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words after which the first of two everyday words is a verb, an adjective or a noun, not a
# forename: "you may green", "the mark young", "it will brown", "very young". ("that" and "to"
# are left out: "heard that may green won", "well done to mark young".)
_WORD_BEFORE_WORDS = _word_set(
    """
    a an the this these those my your his her its our their some any no every each another
    such what which whose all both half i you we they he she it one who there will would can
    could should must might shall may do does did not never also just only still really often
    always very so too how more most less quite rather
    """
)
# Words that follow a person's full name but rarely the same two words used as words: a verb
# of which the name is the subject ("may green won"), or where the person was ("saw mark young
# at the park"). Not "and", "in", "on", "for": "rain may fall and wind may blow", "the leaves
# may green in spring", "so little hope for".
_NAME_FOLLOWERS = _word_set(
    """
    is was has had at with from who says said plays played loves loved likes liked gets goes
    lives today yesterday tonight
    """
)
_JOINERS = frozenset("-'’/&+_")  # "green-fingered", "black/white": the words go on
# A forename that is a modal verb ("Will Read", "May Fall") is a verb after any noun ("the
# children will read with their parents"): mid-sentence it needs a word that comes before a
# person instead.
_MODALS = frozenset({"will", "may", "can", "shall", "must", "might"})
_BEFORE_A_PERSON = _word_set(
    """
    saw see seen met meet meeting with and of for from by to thanks thank congrats
    congratulations love loved hug hugs hi hello hey dear ask asked tell told called named miss
    missing like is was beside behind besides including
    """
)


def full_name_in_words(
    original: str,
    start: int,
    end: int,
    forename: str,
    subject_verbs: frozenset[str] = frozenset(),
) -> bool:
    """Does ``original[start:end]``, a roster full name whose two parts are everyday words
    written in lower case (or all capitals), read as the name?

    Capitals cannot tell "may green won" from "may green shoots grow", so the words around it
    must: the word before must not make the first part a verb, adjective or noun ("you may",
    "the mark"; a modal such as "will" or "may" needs a word that comes before a person, as
    "saw" or "with"), a month is not a girl ("in may"), and the name ends the clause, takes a
    possessive or is followed by a verb or place of which a person is the subject ("won",
    "at the park").
    """
    if month_use(original, start, start + len(forename), forename):
        return False
    if not sentence_start(original, start):
        before = previous_word(original, start).lower()
        if before in _WORD_BEFORE_WORDS:
            return False
        if forename in _MODALS and before not in _BEFORE_A_PERSON:
            return False
    tail = original[end : end + 40]
    if tail[:2] in ("'s", "’s"):
        return True
    rest = tail.lstrip(" \t")
    if not rest:
        return True  # the end of the post
    if rest[0] in _JOINERS:
        return False
    if not rest[0].isalnum():
        return True  # punctuation, a line break or an emoji ends the clause
    if len(rest) == len(tail):
        return False  # glued to a digit: "may green2"
    following = _ORIGINAL_WORD.match(rest)
    word = following.group().lower() if following else ""
    return word in _NAME_FOLLOWERS or word in subject_verbs
