"""Put-downs too varied for a list of phrases, found from a post's words; the derogatory rule
reads them as it reads its stock phrases (derogatory_idioms.txt): not noticing what could not
be missed ("wouldn't know a classroom if they fell into one"), and a quality measured against
a thing ("the charisma of a damp flannel", people_qualities.txt) or against the people after it
("house plants with more initiative than my Year 8s"); and an understatement ("lazy doesn't
even cover it")."""

from __future__ import annotations

from companion.rules.kit.words import Span, Words

# "Couldn't find X if it was tattooed on their foreheads", "wouldn't know a classroom if they
# fell into one": not noticing what could not be missed (not "couldn't come if it rained").
_NEGATIVE_MODALS = frozenset(
    {"couldn't", "wouldn't", "can't", "cannot", "couldnt", "wouldnt", "cant"}
    | {"couldn’t", "wouldn’t", "can’t"}
)
# Those modals as the idiom cues' lexicon finds them (normalised: apostrophes "'" or none).
_MODAL_CUES = frozenset({"couldn't", "wouldn't", "can't", "cannot", "couldnt", "wouldnt", "cant"})
# After a quality, the words that may make it a comparison: "the charisma OF a", "more X IN a",
# "less X THAN a"; a look at the normalised text before the post's words are indexed.
_COMPARING = (" of ", " in a", " than ")
_NOTICING = frozenset({"know", "find", "spot", "recognise", "recognize", "see", "notice", "hear"})
_NOTICED = tuple(f" {verb} " for verb in sorted(_NOTICING))
_IF_SUBJECTS = frozenset({"it", "they", "he", "she", "you", "one"})
# Words that make a comparison a put-down, around a quality (people_qualities.txt): "THE
# charisma OF A damp flannel", "MORE intelligence IN A bag of spanners", "LESS sense THAN A".
_ARTICLES = frozenset({"a", "an"})
# "In a WEEK" is a time: "more intelligence in a week than all term".
_SPELLS = frozenset(
    {"day", "week", "term", "year", "month", "lesson", "minute", "morning", "single"}
)
# Words ending in "s" that are no plural thing: "the intelligence of THIS lot".
_NOT_THINGS = frozenset({"this", "his", "its", "is", "was", "has", "as", "us", "yours", "ours"})
# "Lazy doesn't (even) cover it", "incompetent doesn't begin to describe it": an understatement.
_UNDERSTATING = frozenset({"doesn't", "doesn’t", "doesnt", "don't", "don’t", "dont"})
_UNDERSTATED = frozenset({"cover", "describe"})
Placed = tuple[int, int, int]  # first word, last word, sentence


def may_condition(folded: str, cues: list[Span]) -> bool:
    """Whether one of the idiom cues found in the normalised post is a modal and a verb that
    :func:`conditionals` starts from ("couldn't find ")."""
    return any(
        folded[start:end] in _MODAL_CUES and folded.startswith(_NOTICED, end) for start, end in cues
    )


def may_compare(folded: str, qualities: list[Span]) -> bool:
    """Whether a quality found in the normalised post may start a comparison."""
    return any(folded.startswith(_COMPARING, end) for _, end in qualities)


def conditionals(words: Words, gap: int) -> list[Span]:
    """ "Wouldn't know a classroom if they fell into one", "couldn't find a phone number if it
    was tattooed on their foreheads": from the verb to "if it", a stock phrase after the modal
    (the modal, an idiom cue, says it of the people before it), "if" at most ``gap`` words on."""
    found = []
    for index in range(len(words.words) - 2):
        if words.words[index] in _NEGATIVE_MODALS and words.words[index + 1] in _NOTICING:
            for end in range(index + 2, min(index + 2 + gap, len(words.words) - 1)):
                if words.words[end] == "if" and words.words[end + 1] in _IF_SUBJECTS:
                    found.append((words.starts[index + 1], words.ends[end + 1]))
                    break
    return found


def comparisons(words: Words, qualities: list[Span]) -> list[Span]:
    """A quality measured against a thing, as a stock phrase: "the (collective) IQ OF A damp
    sponge", "the manners OF pigs", "more intelligence IN A bag of spanners", "less common
    sense THAN A goldfish"; not "the intelligence of our pupils"."""
    found = []
    for span in qualities:
        first, last = words.first(span), words.last(span)
        before = words.words[max(first - 2, 0) : first]
        after = words.words[last + 1 : last + 3]
        if len(after) < 2 or not before:
            continue
        thing = after[1] in _ARTICLES
        if (
            ("the" in before and after[0] == "of" and (thing or _plural_thing(after[1])))
            or (before[-1] == "more" and after[0] == "in" and thing and not _spell(words, last))
            or (before[-1] == "less" and after[0] == "than" and thing)
        ):
            found.append((words.starts[first], words.ends[last + 2]))
    return found


def _spell(words: Words, last: int) -> bool:
    """ "More intelligence in a WEEK than ...": a time, not a thing compared."""
    return last + 3 < len(words.words) and words.words[last + 3] in _SPELLS


def _plural_thing(word: str) -> bool:
    """A bare plural after "the manners of": "pigs", not "this" or "those"."""
    return word.endswith("s") and word not in _NOT_THINGS


def more_than(words: list[str], first: int, last: int) -> bool:
    """ "More initiative THAN ...": the people after "than" have less of it."""
    return first > 0 and words[first - 1] == "more" and words[last + 1 : last + 2] == ["than"]


def with_the(words: list[str], people_end: dict[int, int], placed: Placed) -> bool:
    """A comparison after the people and "with the": "a headteacher with the charisma of a
    damp flannel"."""
    first, last, sentence = placed
    return (
        first >= 3
        and words[last] in _ARTICLES
        and words[last - 1] == "of"
        and words[first - 2 : first] == ["with", "the"]
        and people_end.get(first - 3) == sentence
    )


def understated(words: list[str], last: int) -> bool:
    """ "Useless doesn't even cover it", "lazy doesn't begin to describe them": the word
    understates what it is said of."""
    after = words[last + 1 : last + 5]
    if not after or after[0] not in _UNDERSTATING:
        return False
    rest = [w for w in after[1:] if w not in ("even", "begin", "start", "to")]
    return bool(rest) and rest[0] in _UNDERSTATED
