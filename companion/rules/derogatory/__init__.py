"""derogatory: remarks that run down the school's community ("Glazebury parents are a bunch of
idiots"), which the policy forbids whatever words they use.

A word list alone cannot tell "the printer at my school is useless" from "the parents at my
school are useless", so the rule reads what a sentence says OF the school's people
(lexicons/school_people.txt), a roster name, or the school as the sentence's subject:
- a disparaging word (derogatory_terms.txt) after "are"/"is"/"like" (derogatory_cues.txt) with
  only fillers between ("are SO lazy", derogatory_fillers.txt), or just before the people
  ("lazy parents", "horrible bunch of parents", "disgusting behaviour from Year 9");
- a noun that names only people, disparagingly (people_insults.txt: "idiots", "dickheads"),
  with at most four other words between it and such a cue ("is like herding morons") or just
  before the people ("little scrotes in Year 8");
- a stock derogatory phrase (derogatory_idioms.txt: "couldn't run a bath", "a waste of
  oxygen") up to six words after a cue or a verb such as "couldn't"/"have"
  (derogatory_idiom_cues.txt): "wouldn't know a book if it hit them".
The subject comes first, at most eight words before the cue, with no other subject between
("the dads on the touchline were", not "parents said the car park is"); a label works as the
cue ("SLT: overpaid", "Year 9 = feral"), and so does "'s" before a filler ("Kid's a nasty piece
of work"); a question may put the cue first ("why is our head such a coward"). "The lot of
them", "half of them" (derogatory_groups.txt) stand for people named in the same or the
previous sentence ("The parents at ours are the same. Feckless, the lot of them."); "they"
too, but only for a noun that names people or a stock phrase ("they're scum", not "the kids
baked cakes and they were disgusting"); so do "he", "she" and an opening "Man's" when the last
person named before them is one of the school's ("Mr Davies ... he's a fraud", not after "my
husband"). A title and a surname ("Mr Davies", "Miss P") name a colleague in a post about school
(school_talk.txt, or any of the school's people); "TA", "Y10" and, once the school is named,
"the place" count too. A sentence of disparagement alone after one naming the people is said
of them ("... governors who never visit? Useless numpties.", "Clueless."), a bare word only if
it speaks of people alone (people_adjectives.txt: not "Disgusting.", which may be the cakes). A
comma and "a" work as "are" ("Year 2 parents, a flock of whingeing vultures"), "that is" is "are"
turned round ("the dead weight that is our Humanities department"), disparaging words stack
("a nosy, gossiping cow"), and up to two words of any kind may follow "a" ("is a miserable old
goat"). Being "useless at the music round" is banter, and "entitled to a discount" is not
entitled.
Issue 13, third round: a quality measured against a thing ("the charisma of a damp flannel",
"more intelligence in a bag of spanners", people_qualities.txt) and "wouldn't know X if it ..."
are read as stock phrases, and "more initiative than my Year 8s" as said of those after it
(putdowns.py); "What a leech." and "And not the brightest either." stand alone, a bare
"Coward." may look back past one sentence, and "lazy doesn't even cover it" is an understatement;
a word said only of people may be said of "he" or "That girl"; a word also said fondly
(derogatory_banter.txt: "animals", "feral") is banter in a fond sentence (derogatory_fondness.txt:
"brilliant night", "I love them for it").
Staff's own family is not the school's (own_family.txt: "my own kids are so lazy"), nor is a
people word that names a thing (people_as_things.txt: "the staff room is a nightmare"); after a
possessive, only a relative or a trait still speaks of the person (people_traits.txt: "Josh
Smith's mum is", "Year 9's behaviour is", not "the parents' app is hopeless").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from companion.roster.model import Role
from companion.rules.base import CheckContext, GradedRule, Hit
from companion.rules.derogatory.putdowns import (
    comparisons,
    conditionals,
    may_compare,
    may_condition,
    more_than,
    understated,
    with_the,
)
from companion.rules.kit.lexicon import LexiconIndex, read_lexicon
from companion.rules.kit.support import original_span, roster_mentions
from companion.rules.kit.words import Words
from companion.vocabulary import sentences

TERMS = "derogatory_terms"
INSULTS = "people_insults"
IDIOMS = "derogatory_idioms"
PEOPLE = "school_people"
OWN_FAMILY = "own_family"
AS_THINGS = "people_as_things"
TRAITS = "people_traits"
ADJECTIVES = "people_adjectives"
GROUPS = "derogatory_groups"
CUES = "derogatory_cues"
IDIOM_CUES = "derogatory_idiom_cues"
SCHOOL_ITSELF = "school_itself"
SCHOOL_TALK = "school_talk"
QUALITIES = "people_qualities"
BANTER = "derogatory_banter"
FONDNESS = "derogatory_fondness"
LEXICONS = (
    TERMS,
    INSULTS,
    IDIOMS,
    PEOPLE,
    OWN_FAMILY,
    AS_THINGS,
    TRAITS,
    ADJECTIVES,
    GROUPS,
    CUES,
    IDIOM_CUES,
    SCHOOL_ITSELF,
    SCHOOL_TALK,
    QUALITIES,
    BANTER,
    FONDNESS,
)

SUBJECT_GAP = 8  # words between the people and "are": "the parents who came last night were"
INSULT_GAP = 4  # words between "are" and a noun such as "morons": "is like herding morons"
IDIOM_GAP = 6  # "is the walking definition of a waste of oxygen", "wouldn't know X if it hit"
MAX_FILLERS = 6  # "are just so totally utterly useless"
ARTICLE_GAP = 2  # words of any kind between "a" and a disparaging noun: "a miserable old goat"
# "10B", "9X", "11C", "Y10", "Yr 7s": a class or a year, named as staff name them.
_CLASS_CODE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:(?:1[0-3]|[1-9])[A-Z]|Yr?\s?(?:1[0-3]|[1-9])s?)(?![\p{L}\p{N}])"
)
# "TA", "TAs" in capitals: a teaching assistant (the lexicon reads "ta" alone as "thanks").
_TA = regex.compile(r"(?<![\p{L}\p{N}])TAs?(?![\p{L}\p{N}])")
# "The place", once the post has named the school: the school.
_THE_PLACE = regex.compile(r"(?<![\p{L}\p{N}])[Tt]he place(?![\p{L}\p{N}])")
# "Mr Davies", "Mrs Hughes", "Miss P": a colleague, as staff name one another, when the post is
# about school (a title alone may be a neighbour or a politician).
_TITLED = regex.compile(
    r"(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}(?:[\p{L}'’-]*\p{L})?(?![\p{L}\p{N}])"
)
# A label says what its subject is: "SLT: overpaid", "Year 9 = feral".
_LABEL = regex.compile(r"(?<=[\p{L}\p{N}])\s*[:=](?=\s)")
_SUBJECT_OPENERS = frozenset({"the", "this", "our", "my", "honestly", "and", "but", "so"})
# Between the people and "are", another subject means the remark is about something else:
# "we were useless", "parents said the car park is a nightmare" (a determiner not after a
# preposition starts a new noun phrase; "the dads on the touchline were" keeps the dads, and
# "the Year 6 class this year are" only says when).
_OTHER_SUBJECTS = frozenset({"i", "we", "it", "you", "he", "she", "they", "that", "which"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "my", "our", "his", "her", "their", "your"}
)
_TIMES = frozenset({"year", "term", "week", "morning", "afternoon", "evening", "half", "time"})
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
# Between a disparaging word and the people after it: "what a load of brats MY Year 8s were".
_BEFORE_PEOPLE = frozenset({"my", "our", "these", "those"})
# After a noun for people or their conduct, the people may follow a preposition: "scrotes IN
# Year 8", "disgusting behaviour FROM Year 9" (not after any word: "rubbish in the kids' trays").
_LINKS = frozenset({"in", "from", "of", "at"})
# Fillers only between a verb and what it says ("are AS useless AS", "are BY far the worst"):
# before people they join clauses ("the weather was awful AS the parents arrived").
_ONLY_AFTER_CUES = frozenset({"as", "about", "by", "full", "one", "ever"})
# Words for how well someone does something: "useless at rounders" (not "pigs at lunch").
_SKILLS = frozenset(
    {"useless", "rubbish", "hopeless", "shocking", "awful", "dreadful", "pathetic", "the worst"}
)
# Words after which "they" is the people just named: "SLT have proved THEY are clowns".
_REPORTING = frozenset(
    {"proved", "prove", "proves", "think", "thinks", "thought", "know", "knows", "knew", "said"}
    | {"say", "says", "show", "shows", "showed", "reckon", "reckons", "because", "cos"}
)
# Words that are neutral before another: "entitled TO a discount", "a grim reminder".
_NEUTRAL_BEFORE = {
    "entitled": frozenset({"to"}),
    "grim": frozenset({"reminder", "reaper"}),
    "awful": frozenset({"lot"}),
}
# What "useless at ..." may be about and still run the people down.
_AT_ALL = frozenset(
    {"everything", "anything", "life", "their", "his", "her", "parenting", "teaching", "work"}
)
# "They", and "they're", which says "are" of them.
_THEY_ARE = frozenset({"they're", "they’re", "theyre"})
_THEY = _THEY_ARE | {"they"}
# Verbs a question puts before its subject: "why IS our head such a coward".
_QUESTION_VERBS = frozenset({"is", "are", "was", "were"})
# A person named earlier in the post, spoken of again: "Mr Davies ... he's a fraud"; at the
# start of a sentence, "Man's a dinosaur", "Bloke can't teach".
_PRONOUNS = frozenset({"he", "she", "he's", "she's", "he’s", "she’s", "hes", "shes"})
_PERSON_OPENERS = frozenset(
    {"man", "bloke", "woman", "man's", "bloke's", "woman's", "man’s", "bloke’s", "woman’s"}
    | {"girl", "boy", "lad", "lass"}
)
# Words for anyone's children: "he" after them may be the father ("got this kid. He's...").
_ANYONES = frozenset({"kid", "child"})
# Which of those say "is" of the person, as "they're" does.
_PRONOUNS_ARE = frozenset(
    {"he's", "she's", "he’s", "she’s", "hes", "shes", "man's", "bloke's", "woman's"}
    | {"man’s", "bloke’s", "woman’s"}
)
# Words for a group of people: "a BUNCH of sly little weasels" (not "load", "lot": things too).
_COLLECTIVES = frozenset({"bunch", "pack", "gang", "herd", "flock", "troop", "crowd", "rabble"})
# Words that may close a sentence of disparagement alone: "Pathetic tbh", "Clueless as ever".
_TAILS = frozenset({"tbh", "lol", "ngl", "imo", "mate", "innit", "really", "honestly", "usual"})
# A word that points at a person at the start of a sentence: "THAT girl is a nightmare".
_POINTERS = frozenset({"that", "this"})
# Words that may open a sentence of disparagement alone.
_ALONE_OPENERS = frozenset({"what", "and", "but"})
# The verb of a reversed sentence: "the dead weight THAT IS our Humanities department".
_REVERSED = frozenset({"is", "are"})

Span = tuple[int, int]
Placed = tuple[int, int, int]  # first word, last word, sentence
# A put-down, how many other words may stand between it and its cue, and the cues it may follow.
Reach = tuple[Span, int, dict[int, int]]


class Derogatory(GradedRule):
    id = "derogatory"

    def __init__(
        self, lexicons: LexiconIndex, school_names: Callable[[CheckContext], list[Span]]
    ) -> None:
        self.lexicons = lexicons
        self.school_names = school_names
        self.fillers = frozenset(read_lexicon("derogatory_fillers"))

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        """Each put-down said of the school's people, read step by step (module docstring)."""
        found = self._disparaging(ctx)
        if found is None:
            return
        # Every span as (first word, last word, sentence); a remark never spans two sentences.
        words = found.words
        post = _Post(ctx.text, words, [words.first(span) for span in sentences(ctx.text)])
        subjects = self._subjects(ctx, post)
        if subjects is None:
            return
        cues = self._cues(ctx, post, subjects)
        put_downs = self._put_downs(ctx, post, found, cues)
        yield from self._compared(post, subjects, found.qualities)
        for span, reach, heard in put_downs.reaches:
            if self._runs_down(post, subjects, cues, put_downs, span, reach, heard):
                yield Hit(*span)

    def _disparaging(self, ctx: CheckContext) -> _Disparaging | None:
        """The post's disparaging words and put-downs, or None when it holds none."""
        # Most posts hold nothing that could run anyone down: one look-up, and no words to index.
        found, folded = self.lexicons.scanned(ctx), ctx.normalised.text
        modal = may_condition(folded, found[IDIOM_CUES])
        compared = may_compare(folded, found[QUALITIES])
        if not (found[TERMS] or found[INSULTS] or found[IDIOMS] or modal or compared):
            return None
        terms, insults = self._spans(ctx, TERMS), self._spans(ctx, INSULTS)
        idioms = self._spans(ctx, IDIOMS)
        qualities = self._spans(ctx, QUALITIES) if compared else []
        words = Words(ctx.text)
        # Put-downs built around a verb or a quality rather than listed: "wouldn't know a
        # classroom if they fell into one", "the charisma of a damp flannel".
        idioms += comparisons(words, qualities)
        if modal:
            idioms += conditionals(words, IDIOM_GAP)
        if not terms and not insults and not idioms and not qualities:
            return None
        return _Disparaging(words, terms, insults, idioms, qualities)

    def _subjects(self, ctx: CheckContext, post: _Post) -> _Subjects | None:
        """The school's people and the words standing for them, or None when there are none."""
        as_things = self._spans(ctx, AS_THINGS)
        own = self._spans(ctx, OWN_FAMILY)
        people, school = self._people(ctx, own, as_things)
        traits = {first: last for first, last, _ in map(post.place, self._spans(ctx, TRAITS))}
        who = [
            self._owner(post.text, post.words, traits, span, post.place(span)) for span in people
        ]
        groups = [post.place(s) for s in self._spans(ctx, GROUPS)]
        joins = {first: last for first, last, _ in groups}
        referents, naming = _group_referents(post.words, who, groups)
        who += naming
        who += _school_subjects(post, school)
        they = _stand_ins(post, who, own, referents, as_things)
        if not who and not they:
            return None
        people_end = {last: sentence for _, last, sentence in who if last >= 0}
        return _Subjects(
            people=people,
            who=who,
            they=they,
            joins=joins,
            traits=traits,
            people_end=people_end,
            people_start={first: sentence for first, _, sentence in who},
            starts_of={last: first for first, last, _ in who},
            # Sentences that name the people, for a sentence of disparagement alone after them.
            spoken=set(people_end.values()),
        )

    def _cues(self, ctx: CheckContext, post: _Post, subjects: _Subjects) -> _Cues:
        """The verbs and labels said of the school's people, that a put-down may follow."""
        text, words, bounds = post.text, post.words, post.bounds
        cue_spans = [post.place(s) for s in self._spans(ctx, CUES)]
        idiom_cues = [post.place(s) for s in self._spans(ctx, IDIOM_CUES)]
        cues = {last: sentence for _, last, sentence in cue_spans}
        # Any verb ends a walk back from a disparaging word to the verb said of the people.
        stops = set(cues) | {last for _, last, _ in idiom_cues}
        people_end, people = subjects.people_end, subjects.people
        said = self._said(text, words, bounds, cue_spans, people_end, people)
        loose_end = people_end | {last: sentence for _, last, sentence in subjects.they}
        said_loose = self._said(text, words, bounds, cue_spans, loose_end, people)
        said_loose.update(
            (last, s)
            for _, last, s in subjects.they
            if words.words[last] in _THEY_ARE | _PRONOUNS_ARE
        )
        said_idiom = said_loose | {
            last: sentence
            for first, last, sentence in idiom_cues
            if self._has_subject(words, loose_end, first, sentence)
        }
        return _Cues(cues, stops, said, said_loose, said_idiom)

    def _put_downs(
        self, ctx: CheckContext, post: _Post, found: _Disparaging, cues: _Cues
    ) -> _PutDowns:
        """Each put-down with the cues it may follow, and what stacks on or excuses it."""
        words = post.words
        # A disparaging word follows its cue with only fillers between; a noun that names
        # people, or a stock phrase, may also stand a few words of any kind after it.
        # A word said only of people may be said of "they" or "he" too ("Woman is unhinged").
        of_people = {words.first(span) for span in self._spans(ctx, ADJECTIVES)}
        reaches: list[Reach] = [
            (s, 0, cues.said_loose if words.first(s) in of_people else cues.said)
            for s in found.terms
        ]
        reaches += [(span, INSULT_GAP, cues.said_loose) for span in found.insults]
        reaches += [(span, IDIOM_GAP, cues.said_idiom) for span in found.idioms]
        # Disparaging words stack: "a nosy, gossiping cow", "useless numpties".
        stacked = {
            i for first, last, _ in map(post.place, found.terms) for i in range(first, last + 1)
        }
        # A word also said fondly is banter in a fond sentence ("animals on the dancefloor,
        # brilliant night").
        banter = {words.first(span) for span in self._spans(ctx, BANTER)}
        fond = {post.place(span)[2] for span in self._spans(ctx, FONDNESS)} if banter else set()
        return _PutDowns(reaches, of_people, stacked, banter, fond)

    def _compared(self, post: _Post, subjects: _Subjects, qualities: list[Span]) -> Iterator[Hit]:
        """A quality measured against the people after it is said of them, with no cue."""
        walk_all = _People(subjects.people_start, subjects.joins, subjects.traits, -1)
        for span in qualities:
            # "House plants with more initiative than my Year 8 set 4": said of those after.
            first, last, sentence = post.place(span)
            walk_all.sentence = sentence
            if more_than(post.words.words, first, last) and self._people_after(
                post.words, walk_all, last + 1, loose=True
            ):
                yield Hit(*span)

    def _runs_down(
        self,
        post: _Post,
        subjects: _Subjects,
        cues: _Cues,
        put_downs: _PutDowns,
        span: Span,
        reach: int,
        heard: dict[int, int],
    ) -> bool:
        """Whether a put-down is said of the school's people, in any of the ways the rule reads."""
        words = post.words
        placed = post.place(span)
        if _excused(words, put_downs, placed, reach):
            return False
        if not reach and self._collective(words.words, placed[0], put_downs.stacked):
            heard = cues.said_loose  # "they're a bunch of sly little weasels"
        walk = _People(subjects.people_start, subjects.joins, subjects.traits, placed[2])
        return (
            self._said_of(words, heard, cues.stops, placed, reach, put_downs.stacked)
            or self._people_after(words, walk, placed[1], loose=reach > 0)
            or self._asked_of(
                words, cues.cues, subjects.people_end, subjects.starts_of, placed[0], placed[2]
            )
            or with_the(words.words, subjects.people_end, placed)
            or self._lone(post, subjects, put_downs, placed, reach)
        )

    def _lone(
        self, post: _Post, subjects: _Subjects, put_downs: _PutDowns, placed: Placed, reach: int
    ) -> bool:
        """A sentence that is only the put-down speaks of the people named just before it."""
        # A bare word alone must be one said only of people ("Clueless.", not "Disgusting.").
        return (reach > 0 or placed[0] in put_downs.of_people) and self._alone(
            post.words, post.bounds, subjects.spoken, placed, reach > 0, put_downs.stacked
        )

    def _people(
        self, ctx: CheckContext, own: list[Span], as_things: list[Span]
    ) -> tuple[list[Span], list[Span]]:
        """The school's people named in the post, and the school itself: people words that
        name no thing nor staff's own family, roster names, "9B", "Y10", "TA", and titled names
        ("Mr Davies") in a post about school; the school's names, and then "the place"."""
        text = ctx.text
        people = [s for s in self._spans(ctx, PEOPLE) if not _overlaps(s, own + as_things)]
        # A title and a family's surname ("Mr Smith next door") may be anyone of that name: it
        # is the school's people only in a post about school (_titled, below). A colleague's
        # ("Mrs Cartwright is useless") is one.
        people += [
            (m.start, m.end)
            for m in roster_mentions(ctx)
            if m.kind != "title" or m.roles == {Role.STAFF}
        ]
        people += [(m.start(), m.end()) for m in _CLASS_CODE.finditer(text)]
        people += [(m.start(), m.end()) for m in _TA.finditer(text)]
        school = self.school_names(ctx) + self._spans(ctx, SCHOOL_ITSELF)
        if school:  # "Glazebury C of E ... the place is a shambles"
            school += [(m.start(), m.end()) for m in _THE_PLACE.finditer(text)]
        if people or as_things or school or self._spans(ctx, SCHOOL_TALK):
            people += _titled(text)
        return people, school

    def _spans(self, ctx: CheckContext, name: str) -> list[Span]:
        return [original_span(ctx, s, e) for s, e in self.lexicons.hits(ctx, name)]

    def _owner(
        self, text: str, words: Words, traits: dict[int, int], span: Span, placed: Placed
    ) -> Placed:
        """The people as a subject: a possessive speaks of them only through a relative or a
        trait ("Josh Smith's mum is", "Year 9's behaviour is"); "the parents' app is hopeless"
        is about the app, so its subject is no one (last word -1)."""
        first, last, sentence = placed
        if not _possessive(text, span[1]) or last + 1 >= len(words.words):
            return placed
        if last + 1 in traits:
            return first, traits[last + 1], sentence
        if _contracted(text, span[1]) and words.words[last + 1] in self.fillers:
            return placed  # "Kid's a nasty piece of work": "'s" is "is"
        return first, -1, sentence

    def _said(
        self,
        text: str,
        words: Words,
        bounds: list[int],
        cues: list[Placed],
        people_end: dict[int, int],
        people: list[Span],
    ) -> dict[int, int]:
        """The last word of each cue that says something of the school's people, and its
        sentence; a label ("SLT: overpaid") or "'s" ("Kid's a nasty piece of work") too."""
        said = {
            last: sentence
            for first, last, sentence in cues
            if self._has_subject(words, people_end, first, sentence)
        }
        said.update(self._labels(text, words, people_end, bounds))
        said.update(self._contractions(text, words, people, bounds))
        said.update(_appositions(text, words, people_end))
        return said

    def _has_subject(
        self, words: Words, people_end: dict[int, int], cue: int, sentence: int
    ) -> bool:
        """Whether the school's people are what the cue's verb is said of: they end at most
        SUBJECT_GAP words before it, in the same sentence, with no other subject between."""
        for end in range(cue - 1, max(cue - 2 - SUBJECT_GAP, -1), -1):
            if people_end.get(end) == sentence and _no_other_subject(words.words[end + 1 : cue]):
                return True
        return False

    def _labels(
        self, text: str, words: Words, people_end: dict[int, int], bounds: list[int]
    ) -> dict[int, int]:
        """A colon or "=" after the people works as "are": "SLT: overpaid", "8B today: 30
        knuckle-draggers". Keyed by the word before it, as a cue by its last word."""
        found = {}
        for m in _LABEL.finditer(text):
            before = bisect_left(words.starts, m.start()) - 1
            sentence = bisect_right(bounds, before) - 1
            if before >= 0 and self._has_subject(words, people_end, before + 1, sentence):
                found[before] = sentence
        return found

    def _contractions(
        self, text: str, words: Words, people: list[Span], bounds: list[int]
    ) -> dict[int, int]:
        """ "Kid's a nasty piece of work": "'s" before a filler is "is", said of the people."""
        found = {}
        for span in people:
            last = words.last(span)
            if (
                _contracted(text, span[1])
                and last + 1 < len(words.words)
                and words.words[last + 1] in self.fillers
            ):
                found[last] = bisect_right(bounds, last) - 1
        return found

    def _said_of(
        self,
        words: Words,
        said: dict[int, int],
        stops: set[int],
        placed: Placed,
        reach: int,
        stacked: set[int],
    ) -> bool:
        """Whether a cue said of the people comes before the phrase, in its sentence, with only
        fillers or other disparaging words between and at most ``reach`` other words, in the
        same clause: another verb ("the parents are lovely but the drivers ARE idiots") or a
        comma ends the walk. Up to ARTICLE_GAP words of any kind may follow one "a" ("is a
        miserable old goat", "sound like a troop of howling monkeys")."""
        index, sentence = placed[0] - 1, placed[2]
        pending, article = 0, False  # words since "a" (walking back), and whether one was used
        for _ in range(MAX_FILLERS + reach + ARTICLE_GAP + 1):
            if index < 0:
                return False
            if said.get(index) == sentence:
                return not pending
            if index in stops or (reach and index + 1 in words.broken):
                return False
            word = words.words[index]
            if word in ("a", "an") and not article:
                pending, article = 0, True
            elif word not in self.fillers and index not in stacked:
                if reach:
                    reach -= 1
                elif article or pending == ARTICLE_GAP:
                    return False
                else:
                    pending += 1
            index -= 1
        return False

    def _collective(self, words: list[str], first: int, stacked: set[int]) -> bool:
        """Whether a word for a group of people comes before a disparaging word, with only
        fillers between: "a bunch of sly little weasels" names people, as "idiots" does, so
        "they" may be its subject (not "they're a load of rubbish": the cakes)."""
        index = first - 1
        for _ in range(MAX_FILLERS):
            if index < 0:
                return False
            if words[index] in _COLLECTIVES:
                return True
            if words[index] not in self.fillers and index not in stacked:
                return False
            index -= 1
        return False

    def _alone(
        self,
        words: Words,
        bounds: list[int],
        spoken: set[int],
        placed: Placed,
        loose: bool,
        stacked: set[int],
    ) -> bool:
        """A sentence of disparagement alone, after one naming the people: "What's the point of
        governors who...? Useless numpties.", "The parents. Total waste of space.", "Clueless."
        A bare disparaging word must end it ("The kids loved it. Awful weather though" is about
        the weather); a noun for people or a stock phrase may lead on ("worst bunch of idiots
        ever assembled")."""
        first, last, sentence = placed
        if understated(words.words, last):
            # "The TAs here gossip all day, useless doesn't even cover it": of the people
            # named before, at the start of its clause.
            opens = first in words.broken or first == bounds[sentence]
            return opens and bool({sentence, sentence - 1} & spoken)
        if sentence < 1:
            return False
        start = bounds[sentence]
        end = bounds[sentence + 1] if sentence + 1 < len(bounds) else len(words.words)
        if first - start > MAX_FILLERS or (not loose and end - last > MAX_FILLERS):
            return False
        # An exclamation, or a sentence that carries on the last: "What a leech.", "And not the
        # brightest lamb in the flock either."
        opener = start + (words.words[start] in _ALONE_OPENERS)
        before = range(opener, first)
        if not all(words.words[i] in self.fillers or i in stacked for i in before):
            return False
        bare = True  # nothing but the disparagement: "coward." may look back past a sentence
        for index in range(last + 1, end):
            if index in words.broken:
                bare = False
                break  # "Complete dead weight, does less than the furniture"
            word = words.words[index]
            if word not in self.fillers and word not in _TAILS:
                # A place makes them others: "Idiots on the road this morning"; a subject
                # after says it of that subject: "What a muppet I was".
                if not loose or word in _PREPOSITIONS or word in _OTHER_SUBJECTS:
                    return False
                bare = False
                break
        return sentence - 1 in spoken or (bare and sentence - 2 in spoken)

    def _people_after(self, words: Words, walk: _People, last: int, loose: bool) -> bool:
        """A disparaging word before the people: "lazy parents", "horrible bunch of parents",
        "what a load of brats my Year 8s were", "Muppets, the lot of them". A clause break
        ends the walk unless a group word follows ("the weather was rubbish, the kids...")."""
        index = last + 1
        for _ in range(MAX_FILLERS + 3):
            if index >= len(words.words):
                return False
            if index in words.broken and index not in walk.joins:
                return False
            if walk.people_start.get(index) == walk.sentence:
                return True
            word = words.words[index]
            if index in walk.joins:
                index = walk.joins[index] + 1
                continue
            if index in walk.traits:
                loose, index = True, walk.traits[index] + 1
                continue
            # "the dead weight that is our Humanities department"
            if (
                word == "that"
                and index + 1 < len(words.words)
                and words.words[index + 1] in _REVERSED
            ):
                index += 2
                continue
            # A noun for people may follow the word: "Glorified babysitters, the lot of them".
            if index == last + 1 and index + 1 in walk.joins:
                index += 1
                continue
            if word in _ONLY_AFTER_CUES or not (
                word in self.fillers or word in _BEFORE_PEOPLE or (loose and word in _LINKS)
            ):
                return False
            index += 1
        return False

    def _asked_of(
        self,
        words: Words,
        cues: dict[int, int],
        people_end: dict[int, int],
        starts_of: dict[int, int],
        first: int,
        sentence: int,
    ) -> bool:
        """A question puts the verb first: "why is our head such a spineless coward"."""
        end = first - 1
        for _ in range(MAX_FILLERS):
            if end < 0 or words.words[end] not in self.fillers:
                break
            end -= 1
        if people_end.get(end) != sentence or end not in starts_of:
            return False
        verb = starts_of[end] - 1
        if verb >= 0 and words.words[verb] in _DETERMINERS:
            verb -= 1
        return verb >= 0 and cues.get(verb) == sentence and words.words[verb] in _QUESTION_VERBS


class _People:
    """Where the school's people start, and the words a walk towards them may pass."""

    def __init__(
        self,
        people_start: dict[int, int],
        joins: dict[int, int],
        traits: dict[int, int],
        sentence: int,
    ) -> None:
        self.people_start = people_start
        self.joins = joins
        self.traits = traits
        self.sentence = sentence


@dataclass(frozen=True, slots=True)
class _Post:
    """The post's text, words and sentences, to place a span among them."""

    text: str
    words: Words
    bounds: list[int]  # each sentence's first word

    def place(self, span: Span) -> Placed:
        """The span's first word, last word and sentence."""
        first = self.words.first(span)
        return first, self.words.last(span), bisect_right(self.bounds, first) - 1


@dataclass(frozen=True, slots=True)
class _Disparaging:
    """What in the post could run someone down, found before anything else is read."""

    words: Words
    terms: list[Span]  # disparaging words: "lazy", "a disgrace"
    insults: list[Span]  # nouns that name only people: "idiots", "dickheads"
    idioms: list[Span]  # stock phrases, and put-downs built around a verb or a quality
    qualities: list[Span]  # "charisma", "initiative": measured against a thing or people


@dataclass(frozen=True, slots=True)
class _Subjects:
    """The school's people in the post, as subjects, and the words that stand for them."""

    people: list[Span]  # as named: "Glazebury parents", "Josh Smith", "9B", "Mr Davies"
    who: list[Placed]  # as subjects; last word -1: a possessive of a thing ("parents' app")
    they: list[Placed]  # "they", "he", a room of them: only a noun for people or an idiom fits
    joins: dict[int, int]  # group words ("the lot of them"): first word to last
    traits: dict[int, int]  # relatives and traits after a possessive: first word to last
    people_end: dict[int, int]  # the people's last word to its sentence
    people_start: dict[int, int]  # the people's first word to its sentence
    starts_of: dict[int, int]  # the people's last word to their first
    spoken: set[int]  # sentences that name the people


@dataclass(frozen=True, slots=True)
class _Cues:
    """Verbs and labels, each as its last word to its sentence."""

    cues: dict[int, int]  # "are", "is", "like", whoever they are said of
    stops: set[int]  # any verb: a walk back from a disparaging word ends there
    said: dict[int, int]  # cues said of the people named
    said_loose: dict[int, int]  # also of "they", "he", a room of them
    said_idiom: dict[int, int]  # also a verb before a stock phrase ("couldn't run a bath")


@dataclass(frozen=True, slots=True)
class _PutDowns:
    """The post's put-downs to try, and what stacks on or excuses them."""

    reaches: list[Reach]
    of_people: set[int]  # first words of words said only of people ("clueless")
    stacked: set[int]  # every word of a disparaging word: "a nosy, gossiping cow"
    banter: set[int]  # first words of words also said fondly ("animals")
    fond: set[int]  # fond sentences ("brilliant night")


def _group_referents(
    words: Words, who: list[Placed], groups: list[Placed]
) -> tuple[list[Placed], list[Placed]]:
    """Group words for people named just before them, and "them" naming people after it."""
    # "The lot of them" stands for people just named, in this sentence or the one before
    # ("they were idiots on the motorway, my class was late" is not about the class).
    named: dict[int, int] = {}
    for first, _, sentence in who:
        named[sentence] = min(first, named.get(sentence, first))
    referents = [g for g in groups if g[2] - 1 in named or named.get(g[2], g[0]) < g[0]]
    # "Muppets, the lot of them, and yes I mean the governors" names them after.
    naming = [g for g in groups if words.words[g[1]] == "them" and {g[2], g[2] - 1} & set(named)]
    return referents, naming


def _school_subjects(post: _Post, school: list[Span]) -> list[Placed]:
    """The school itself as a subject, when only openers come before it in its clause."""
    found = []
    for span in school:
        first, last, sentence = post.place(span)
        if sentence >= 0 and _opens_clause(post.words, post.bounds[sentence], first):
            found.append((first, last, sentence))
    return found


def _stand_ins(
    post: _Post,
    who: list[Placed],
    own: list[Span],
    referents: list[Placed],
    as_things: list[Span],
) -> list[Placed]:
    """Words standing for the school's people, of which only some put-downs may be said."""
    words = post.words
    # "They" may be anything just named ("the kids baked cakes and they were disgusting"):
    # only a noun that names people, or a stock phrase, is said of it ("they're scum").
    they = [g for g in referents if words.words[g[1]] in _THEY]
    # "He", "she" and a sentence's "Man's" are a person named earlier in the post; as for
    # "they", a noun for people or a stock phrase is said of them ("Mr Davies ... he's a
    # fraud").
    # Not after "kid" or "child" alone, which may be anyone's ("got this kid. He's a
    # windbag" is about the father), nor after one's own family ("my husband met the
    # head. He's ...").
    persons = {f: True for f, last, _ in who if last >= 0 and words.words[last] not in _ANYONES}
    persons.update((words.first(span), False) for span in own)
    they += _pronouns(words, post.bounds, persons)
    # A room or a meeting of the school's people full of "losers" is full of those people.
    they += [post.place(span) for span in as_things]
    return they


def _excused(words: Words, put_downs: _PutDowns, placed: Placed, reach: int) -> bool:
    """Words that are no put-down here: banter at a game, a neutral sense, fond banter."""
    if not reach and _not_of_people(words.words, placed[0], placed[1]):
        return True
    return placed[0] in put_downs.banter and placed[2] in put_downs.fond


def _opens_clause(words: Words, start: int, first: int) -> bool:
    """Whether only openers ("and", "honestly the") stand before word ``first`` in its clause:
    "Glazebury C of E, Christian values my arse, the place is a cesspit"."""
    index = first
    for _ in range(len(_SUBJECT_OPENERS)):
        if index <= start or index in words.broken:
            return True
        if words.words[index - 1] not in _SUBJECT_OPENERS:
            return False
        index -= 1
    return False


def _titled(text: str) -> list[Span]:
    """ "Mr Davies", "Mrs Hughes": a colleague (the caller knows the post is about school). With
    a full stop after the title the surname stands alone, as a sentence ends at the stop."""
    found = []
    for m in _TITLED.finditer(text):
        dot = text.find(".", m.start(), m.end())
        found.append((m.start() if dot < 0 else m.end() - len(m.group().split()[-1]), m.end()))
    return found


def _pronouns(words: Words, bounds: list[int], persons: dict[int, bool]) -> list[Placed]:
    """ "He", "she", and "Man's", "Bloke", "That girl" opening a sentence, when the last person
    named before them is one of the school's people (``persons``: first word, and whether the
    school's): one word each, placed as a group word."""
    if not any(persons.values()):
        return []
    starts = set(bounds)
    found = []
    school = False
    for index in range(min(persons), len(words.words)):
        school = persons.get(index, school)
        word = words.words[index]
        opens = index in starts or (index - 1 in starts and words.words[index - 1] in _POINTERS)
        if school and (word in _PRONOUNS or (word in _PERSON_OPENERS and opens)):
            found.append((index, index, bisect_right(bounds, index) - 1))
    return found


def _appositions(text: str, words: Words, people_end: dict[int, int]) -> dict[int, int]:
    """A comma and "a" after the people say what they are: "Year 2 parents, a flock of
    whingeing vultures". Keyed by the people's last word, as a cue by its last word."""
    found = {}
    for end, sentence in people_end.items():
        after = end + 1
        if (
            after < len(words.words)
            and words.words[after] in ("a", "an")
            and text[words.ends[end] : words.starts[after]].strip() == ","
        ):
            found[end] = sentence
    return found


def _not_of_people(words: list[str], first: int, last: int) -> bool:
    """Banter about a game or a turn ("useless at the music round", "rubbish at karaoke"), not
    running people down ("rubbish at everything", "useless at their job" still are); and a
    word with a neutral sense before another ("entitled to a discount")."""
    after = words[last + 1 : last + 3]
    phrase = " ".join(words[first : last + 1])
    if after and after[0] in _NEUTRAL_BEFORE.get(phrase, ()):
        return True
    return phrase in _SKILLS and bool(after) and after[0] == "at" and not (set(after[1:]) & _AT_ALL)


def _contracted(text: str, end: int) -> bool:
    """Whether "'s" follows the word ending at ``end``: "Kid's a", or "Josh Smith's mum"."""
    return text[end : end + 2] in ("'s", "’s", "'S", "’S")


def _possessive(text: str, end: int) -> bool:
    """Whether a possessive follows the word ending at ``end``: "Josh Smith's", "parents'"."""
    tail = text[end : end + 2]
    return tail[:1] in ("'", "’") and (tail[1:] in ("s", "S") or not tail[1:].isalpha())


def _no_other_subject(gap: list[str]) -> bool:
    """No other subject between the people and the verb: "we were useless", "parents said the
    car park is" (a determiner not after a preposition); "the children I teach are" is fine,
    and so is a time ("the Year 6 class this year are")."""
    # "SLT have proved they are", but "the kids baked cakes and they were disgusting".
    reported = len(gap) > 1 and gap[-1] == "they" and gap[-2] in _REPORTING
    if gap and gap[-1] in _OTHER_SUBJECTS and not reported:
        return False
    return not any(
        word in _DETERMINERS
        and (i == 0 or gap[i - 1] not in _PREPOSITIONS)
        and (i + 1 >= len(gap) or gap[i + 1] not in _TIMES)
        for i, word in enumerate(gap)
    )


def _overlaps(span: Span, others: list[Span]) -> bool:
    """Whether ``span`` shares text with one of ``others`` ("the staff" and "staff room")."""
    return any(o[0] < span[1] and span[0] < o[1] for o in others)
