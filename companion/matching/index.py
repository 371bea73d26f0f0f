"""Name index built once per roster version; finds roster names in a post.

Every written form of every name (legal, preferred, known-as, nicknames, apostrophe and hyphen
variants) goes into one Aho-Corasick automaton over folded text (see ``normalise``). A hit only
counts on word edges (camelCase edges inside hashtags count too). A forename followed by a
surname of the same person is a full name, also with one typo in either half; a first name on
its own must pass ``evidence.looks_like_a_name`` when it is also an everyday word.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import NamedTuple

from companion import vocabulary
from companion.matching.automaton import automaton
from companion.matching.contact import ContactMatch, ContactMatcher
from companion.matching.evidence import (
    CaseEvidence,
    capitalised,
    full_name_in_words,
    is_common_word,
    looks_like_a_name,
    part_of_another_name,
)
from companion.matching.given_names import common_first_names, common_surnames, given_names
from companion.matching.index_data import FORE as _FORE
from companion.matching.index_data import SUR as _SUR
from companion.matching.index_data import IndexData
from companion.matching.lexicon import NameLexicon, name_lexicon
from companion.matching.lookup import NameLookup
from companion.matching.mention import NameMention
from companion.matching.normalise import NormalisedText, folded_text, leet_readings, normalise
from companion.matching.spans import Spans, longest_first
from companion.matching.typos import TrieTypos
from companion.matching.written import strip_accents, written_form
from companion.roster.model import Person, Role, Roster
from companion.roster.people_table import PeopleTable

# What stands between a forename and a surname: spaces, hyphens, dots, an underscore (handles).
_GAP = re.compile(r"[ \t_.\-]{1,3}")
# Or, as posts are laid out in lines and decorated, a line break ("Oliver\nPemberton") or emoji
# ("Oliver 🌟 Pemberton", "⭐", "👏🏽👏🏽"), or both. Either let a whole name through unnoticed
# before, the forename alone then read as someone else's. A list of first names is laid out the
# same way ("Jasmine\nDanielle\nDean"), so a name found across one is only a warning (found in
# review: as a block, lists of first names were blocked as a full name nobody wrote).
_EMOJI = "\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d"
_LINE_BREAK = "(?:\r\n|[\n\r\u2028\u2029])"
_LINE_BREAKS = re.compile(_LINE_BREAK)
_APART = re.compile(
    f"[ \t]{{0,3}}(?:[{_EMOJI}]{{1,24}}[ \t]{{0,3}}(?:{_LINE_BREAK}[ \t]{{0,3}})?"
    f"|{_LINE_BREAK}[ \t]{{0,3}}(?:[{_EMOJI}]{{1,24}}[ \t]{{0,3}})?)"
)
# A middle name or initial, or a nickname in quotes or brackets ('Joshua "Josh" Smith',
# "Oliver (Ollie) Pemberton"), between a forename and a surname.
_MIDDLE = re.compile(
    r"[ \t_.\-]+([\"'\u2018\u2019\u201c\u201d(]?)([^\W\d_]+)([\"'\u2018\u2019\u201c\u201d)]?)"
    r"\.?[ \t_.\-]+"
)
# A title right before a surname ("Mrs Cartwright", "Mr. Okonkwo"), in folded text.
_TITLE_BEFORE = re.compile(r"(?<![^\W_])(mr|mrs|ms|miss|mx|dr)\.?[ \t]+$")
# A letter of its own before a surname: "O. Pemberton", "O Pemberton" (folded text).
_INITIAL_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_])(\.[ \t]*|[ \t]+)$")
# The letters that are words ("A Pemberton won", "I Pemberton", the carols' "O Little Town of
# Bethlehem"), unless written with a full stop.
_NOT_INITIALS = frozenset("aio")
_APOSTROPHES = frozenset("'\u2019")
# What comes before an initial that is someone else's middle one: another initial ("H. G. Wells",
# "C.S. Lewis", "V.E. Day") or a given name beside it ("Hunter S. Thompson").
_BEFORE_INITIAL = re.compile(r"(?<![^\W_])([^\W\d_]+)(\.?)[ \t]*$")
_WORD_AT = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")
_LONGEST_WORD = 40  # how far back to look for the word before a surname
# A letter and a full stop right before another ("p. s.", in folded text), and the abbreviations
# written so, whose second letter is no initial.
_LETTER_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_])\.[ \t]*$")
_ABBREVIATIONS = frozenset({"eg", "ie", "ps", "nb"})
_HALVES_BEFORE = re.compile(r"(?<![^\W_])(?:[^\W\d_]+-)+$")  # "price-" before "thomas"
CUE_WINDOW = 60  # folded characters either side of a first name


class _Hit(NamedTuple):
    start: int
    end: int
    form: str
    flags: int
    on_edges: bool  # False: inside a lowercase hashtag or handle, touching one edge only


class _FirstInfo(NamedTuple):
    roles: frozenset[Role]
    exact: bool  # someone's own forename, not only a nickname of one
    wordy: bool


SURNAMES_BY_INITIAL = 4096  # surnames whose people by initial are kept (see _by_initial)
COMMON_FIRST_NAME = 200  # people sharing a first name, from which warm() works it out ahead


class WarmStep(NamedTuple):
    first_name: bool  # a first name many people share; else a surname they share
    form: str


class NameIndex:
    def __init__(self, roster: Roster, lexicon: NameLexicon | None = None) -> None:
        lexicon = lexicon or name_lexicon()
        self._setup(IndexData.build(roster.people, lexicon.nicknames), lexicon)

    @classmethod
    def build(cls, roster: Roster) -> NameIndex:
        return cls(roster)

    @classmethod
    def from_data(cls, data: IndexData, lexicon: NameLexicon | None = None) -> NameIndex:
        """The index of a saved ``data`` (``IndexData.from_bytes``), without building anything."""
        index = cls.__new__(cls)
        index._setup(data, lexicon or name_lexicon())
        return index

    def _setup(self, data: IndexData, lexicon: NameLexicon) -> None:
        self.data = data
        self._lexicon = lexicon
        self._people: PeopleTable = data.people
        self._fore = data.fore
        self._own_fore = data.own_fore
        self._sur = data.sur
        # Who each first name belongs to is worked out the first time a post uses it: doing all
        # of them up front is half the index build at 100,000 people.
        self._first: dict[str, _FirstInfo] = {}
        self._initials: dict[str, dict[str, frozenset[int]]] = {}  # see _by_initial
        self._fore_typos = TrieTypos(data.names, self._own_fore)
        self._sur_typos = TrieTypos(data.names, self._sur)
        self._cues = automaton(dict.fromkeys(self._lexicon.school_cues, 0))
        self._lookup = NameLookup(data.people, self._fore, self._own_fore, self._sur)
        self._contacts = ContactMatcher(self._lookup)

    @property
    def people(self) -> PeopleTable:
        return self._people

    def person(self, key: str) -> Person | None:
        number = self._people.number_of(key)
        return None if number is None else self._people[number]

    def forenames_near(self, word: str) -> set[str]:
        return self._fore_typos.near(word)

    def surnames_near(self, word: str) -> set[str]:
        return self._sur_typos.near(word)

    # -- posts ---------------------------------------------------------------------------------

    def find(self, text: str, normalised: NormalisedText | None = None) -> list[NameMention]:
        """Roster names in ``text``: full names first, then first names used as names."""
        if not self._people or not text:
            return []
        folded = normalised if normalised is not None else normalise(text)
        found = self._find_in(folded)
        readings = leet_readings(folded.text)
        if not readings:
            return found
        # Stronger leet readings ("Brend4 Evans", "4nn"): full names, and first names only in
        # school context, since "b4", "a1" or "gr8" read as letters are everyday shorthand.
        for reading in readings:
            for mention in self._find_in(folded.read_as(reading)):
                if mention.kind == "full" or mention.in_context:
                    found.append(mention)
        full = longest_first([m for m in found if m.kind == "full"])
        taken = [(m.start, m.end) for m in full]
        firsts = {
            (m.start, m.end): m
            for m in found
            if m.kind != "full" and not any(s < m.end and m.start < e for s, e in taken)
        }
        return sorted(full + list(firsts.values()), key=lambda m: (m.start, m.end))

    def _find_in(self, folded: NormalisedText) -> list[NameMention]:
        hits = self._hits(folded)
        if not hits:
            return []
        case = CaseEvidence.of(folded.original, self._is_forename)
        full = self._full_names(folded, hits, case)
        taken = [(m.start, m.end) for m in full]
        firsts = self._first_names(folded, hits, taken, case)
        return sorted(full + firsts, key=lambda m: (m.start, m.end))

    def _hits(self, folded: NormalisedText) -> list[_Hit]:
        starts, ends = folded.word_starts, folded.word_ends
        hits = []
        for last, (form, flags) in self.data.hits(folded.text):
            end = last + 1
            start = end - len(form)
            if start in starts and end in ends:
                hits.append(_Hit(start, end, form, flags, True))
            elif (
                folded.tags
                and len(form) >= 3
                and (start in starts or end in ends)
                and folded.in_tag(start, end)
            ):
                hits.append(_Hit(start, end, form, flags, False))
        return hits

    def _full_names(
        self, folded: NormalisedText, hits: list[_Hit], case: CaseEvidence
    ) -> list[NameMention]:
        surnames_at: dict[int, list[_Hit]] = {}
        for hit in hits:
            if hit.flags & _SUR:
                surnames_at.setdefault(hit.start, []).append(hit)
        found: list[NameMention] = []
        for hit in hits:
            if not hit.flags & _FORE:
                continue
            mention = self._full_after(folded, hit, surnames_at) or self._typo_after(
                folded, hit, case
            )
            if mention:
                found.append(mention)
        for hit in hits:
            if hit.flags & _SUR and hit.on_edges:
                mention = self._typo_before(folded, hit, case)
                if mention:
                    found.append(mention)
        # A title or an initial never displaces a name found otherwise ("We will miss Thomas
        # Bellingham").
        named = [(m.start, m.end) for m in found]
        for hit in hits:
            if hit.flags & _SUR and hit.on_edges:
                mention = self._titled(folded, hit, case) or self._initialled(
                    folded, hit, case, named
                )
                if mention and not any(s < mention.end and mention.start < e for s, e in named):
                    found.append(mention)
                    named.append((mention.start, mention.end))
        return longest_first(found)

    def _initialled(
        self,
        folded: NormalisedText,
        sur: _Hit,
        case: CaseEvidence,
        named: list[tuple[int, int]],
    ) -> NameMention | None:
        """ "O. Pemberton": an initial and a roster surname name whoever of that surname has a
        forename, preferred forename or known-as name with that initial: to anyone who knows
        the class, a pupil as surely as their full name. Both must be written as a name is (a
        capital initial; a capital surname where the post has capitals at all); "A", "I" and
        "O" without a full stop are the words. A writer who does not use capitals ("well done
        o. thompson") writes an initial as a letter with a full stop, though not before an
        everyday word ("a. red b. green", "plan b. hall"). After a title ("Mr J. Smith") only
        adults are named. ``named``: the spans of the names found so far in the post."""
        plain = _typed_plain(folded, case)
        found = _initial_before(folded, sur.start, plain)
        if found is None:
            return None
        written = folded.original_slice(sur.start, sur.end)
        if not plain and not capitalised(written):
            return None
        # A capital initial counts even in a post typed in capitals: a quiz's "A. RED B. GREEN"
        # there raises a question, where passing over letters that look like options missed
        # pupils listed by initial (found in review: "A. GREEN, B. HALL AND C. WOOD").
        lower = not folded.original_slice(found.start(1), found.end(1)).isupper()
        if (
            lower
            and not (case.informative and capitalised(written))
            and (_everyday(sur.form) or sur.form in self._lexicon.word_names)  # green, hall
        ):
            return None
        if _middle_initial(
            folded, found.start(1), plain, named, self._lexicon.word_names, self._sur
        ):
            return None
        people = self._by_initial(sur.form).get(found.group(1))
        start = found.start(1)
        title = _TITLE_BEFORE.search(folded.text, max(0, start - 8), start)
        if title is not None and people:  # "Mr J. Smith": an adult, as "Mr Smith" is
            start = title.start(1)
            table = self._people
            people = frozenset(n for n in people if table.role(n) in (Role.STAFF, Role.CONTACT))
        if not people:
            return None
        return self._mention(folded, start, sur.end, "initial", people)

    def _by_initial(self, surname: str) -> dict[str, frozenset[int]]:
        """The people of a surname by the initials of their forenames, worked out the first
        time a post puts an initial before it (a trust's commonest surname is thousands of
        people: milliseconds once, not in every such post), for the SURNAMES_BY_INITIAL most
        recent surnames."""
        found = self._initials.get(surname)
        if found is None:
            forenames = self._people.forenames
            letters: dict[str, set[int]] = {}
            for number in self._sur[surname]:
                for name in forenames(number):
                    if name:
                        letters.setdefault(folded_text(name)[:1], set()).add(number)
            found = {letter: frozenset(numbers) for letter, numbers in letters.items()}
            if len(self._initials) >= SURNAMES_BY_INITIAL:
                self._initials.clear()  # many surnames with initials: a hostile post's doing
            self._initials[surname] = found
        return found

    def _titled(self, folded: NormalisedText, sur: _Hit, case: CaseEvidence) -> NameMention | None:
        """ "Mrs Cartwright", "Mr Okonkwo": a title and a roster surname name an adult, so a
        colleague or a pupil's family member with that surname, never the pupil. The mention
        spans the title too; its people are all the adults of that surname, since a title
        cannot tell which one."""
        title = _TITLE_BEFORE.search(folded.text, max(0, sur.start - 8), sur.start)
        if title is None:
            return None
        written = folded.original_slice(sur.start, sur.end)
        titled = folded.original_slice(title.start(1), title.end(1))
        if case.informative and not (capitalised(written) and capitalised(titled)):
            return None  # "mr blue sky", "we will miss Harvey"
        roles: set[Role] = set()
        table = self._people
        for number in self._sur[sur.form]:
            role = table.role(number)
            if role in (Role.STAFF, Role.CONTACT):  # a title names neither pupils nor ex-pupils
                roles.add(role)
                if len(roles) == 2:  # staff and family both: the common surnames stop early
                    break
        if not roles:
            return None
        start, end = folded.to_original(title.start(1), sur.end)
        return NameMention(
            start=start,
            end=end,
            kind="title",
            roles=frozenset(roles),
            form=written_form(folded, sur.start, sur.end, nickname=False),
        )

    def _full_after(
        self,
        folded: NormalisedText,
        fore: _Hit,
        surnames_at: dict[int, list[_Hit]],
    ) -> NameMention | None:
        text = folded.text
        positions = []
        apart = _APART.match(text, fore.end)
        gap = None if apart else _GAP.match(text, fore.end)
        if apart:
            if not (_LINE_BREAKS.search(apart.group()) and _starts_line(text, fore.start)):
                positions.append(apart.end())  # a forename alone on its line: a list's item
        elif gap:
            positions.append(gap.end())
            middle = _MIDDLE.match(text, fore.end)
            # Quoted or bracketed only when the marks pair up: "Josh" or (Josh), never Josh"
            if (
                middle
                and _pairs(middle.group(1), middle.group(3))
                and _middle_name(folded, middle.start(2), middle.end(2))
            ):
                positions.append(middle.end())
        elif fore.end in folded.word_starts or folded.in_tag(fore.start, fore.end):
            positions.append(fore.end)  # #JoshSmith, #joshsmith
        for position in positions:
            for sur in sorted(surnames_at.get(position, ()), key=lambda h: h.start - h.end):
                if not sur.on_edges and not folded.in_tag(fore.start, sur.end):
                    continue
                people = self._fore.among(fore.form, self._sur[sur.form])
                if not people:
                    continue
                sure: bool | None = True
                if self._written_as_words(folded, fore, sur):
                    sure = self._as_words(folded, fore, sur)
                if sure is None:
                    continue
                nickname = not self._own_fore.among(fore.form, people)
                if apart:  # or two names of a list: a warning
                    return self._mention(
                        folded, fore.start, sur.end, "full", people, sure=False, form="apart"
                    )
                return self._mention(
                    folded, fore.start, sur.end, "full", people, nickname, sure=sure
                )
        return None

    def _as_words(self, folded: NormalisedText, fore: _Hit, sur: _Hit) -> bool | None:
        """Two everyday words not in Title Case ("may green"): None when they read as words;
        True (sure) after a school-context cue ("well done may green"); False (a warning,
        ``full_as_words``) when only the words around them make a name ("may green won")."""
        if Spans(self._cue_spans(folded)).ends_within(fore.start - 2, fore.start):
            return True
        start, end = folded.to_original(fore.start, sur.end)
        forename = folded.original_slice(fore.start, fore.end).lower()
        subject_verbs = self._lexicon.subject_verbs
        if full_name_in_words(folded.original, start, end, forename, subject_verbs):
            return False
        return None

    def _written_as_words(self, folded: NormalisedText, fore: _Hit, sur: _Hit) -> bool:
        """ "you may long for", "WILL BROWN THE ONIONS": two very common words need Title Case.

        Not inside hashtags or handles, nor when disguised: nobody writes "#maylong" or
        "W i l l Brown" for the everyday words.
        """
        if not (fore.form in self._lexicon.word_names and _everyday(fore.form)):
            return False  # "james brown": James is frequent only as a name
        if not _everyday(sur.form):
            return False
        if folded.in_tag(fore.start, sur.end):
            return False
        written = folded.original_slice(fore.start, sur.end)
        if _APART.search(written):  # a line starts with a capital: it says nothing of a name
            return True
        if strip_accents(written).lower() != folded.text[fore.start : sur.end]:
            return False
        return not all(word[:1].isupper() and not word.isupper() for word in written.split())

    def _typo_after(
        self, folded: NormalisedText, fore: _Hit, case: CaseEvidence
    ) -> NameMention | None:
        gap = _GAP.match(folded.text, fore.end) if fore.on_edges else None
        word = _WORD_AT.match(folded.text, gap.end()) if gap else None
        if not word or not _typo_plausible(folded, case, fore.start, fore.end, *word.span()):
            return None
        people = frozenset().union(*(self._sur[s] for s in self.surnames_near(word.group())))
        people = self._own_fore.among(fore.form, people)  # one step: no nickname and typo
        if not people:
            return None
        return self._mention(folded, fore.start, word.end(), "full", people, typo=True)

    def _typo_before(
        self, folded: NormalisedText, sur: _Hit, case: CaseEvidence
    ) -> NameMention | None:
        window = max(0, sur.start - _LONGEST_WORD)
        before = _WORD_BEFORE.search(folded.text[window : sur.start])
        if not before or before.start(1) + window not in folded.word_starts:
            return None
        word_start, word_end = before.start(1) + window, before.end(1) + window
        if not _typo_plausible(folded, case, word_start, word_end, sur.start, sur.end):
            return None
        near = self.forenames_near(before.group(1))
        surnamed = self._sur[sur.form]
        people = frozenset().union(*(self._own_fore.among(f, surnamed) for f in near))
        if not people:
            return None
        return self._mention(folded, word_start, sur.end, "full", people, typo=True)

    def _first_names(
        self,
        folded: NormalisedText,
        hits: list[_Hit],
        full_spans: list[tuple[int, int]],
        case: CaseEvidence,
    ) -> list[NameMention]:
        covered = Spans(full_spans)
        candidates = [
            h
            for h in hits
            if h.flags & _FORE
            and self._first_of(h.form).roles
            and not covered.holds(h.start, h.end)
        ]
        if not candidates:
            return []
        cues = Spans(self._cue_spans(folded))
        found = []
        for hit in longest_first(candidates):
            info = self._first_of(hit.form)
            if not info.exact and (info.wordy or len(hit.form) < 3):
                continue  # a nickname that is also a word ("Bill", "Art") needs a surname
            start, end = folded.to_original(hit.start, hit.end)
            cue_before = cues.ends_within(hit.start - 2, hit.start)
            # "Grace in Year 3 …": a cue right after a capitalised name at a sentence's start.
            cue_after = cues.starts_within(hit.end, hit.end + 4)
            tag = folded.in_tag(hit.start, hit.end)
            in_link = tag is not None and folded.tag_kind(tag) == "link"
            if not hit.on_edges and in_link:
                continue  # a link's word holds a name only whole ("/oliverpemberton"): "molly"
            tagged = tag is not None and not in_link
            if hit.on_edges and not tagged and _glued(folded, hit):
                continue  # "HippieGuy", "McDonald", "?v=JoshS12": camelCase only in tags
            if hit.on_edges:
                named = looks_like_a_name(
                    folded.original,
                    start,
                    end,
                    hit.form,
                    folded.text[hit.start : hit.end],
                    info.wordy,
                    case,
                    nickname=not info.exact,
                    subject_verbs=self._lexicon.subject_verbs,
                    is_forename=self._is_forename,
                ) or (
                    (cue_before or cue_after)
                    and (not case.informative or folded.original[start:end][:1].isupper())
                    # "Well done Mo Salah!": a cue does not make someone else's name a pupil's
                    and not (
                        case.informative
                        and part_of_another_name(
                            folded.original, start, end, info.wordy, self._is_forename
                        )
                    )
                )
            else:
                # Inside a tag: a name that is also a word ("grace", "hope") only right after a
                # school cue in the same tag ("#welldonegrace", "#proudofgrace"), and only when
                # it ends the tag: "#amazinggrace", "#gracefulmoves" stay words.
                cued = (
                    info.exact
                    and tagged
                    and tag is not None
                    and hit.end == tag[1]
                    and cues.ends_within(hit.start, hit.start)
                )
                named = (not info.wordy and len(hit.form) >= 4) or cued
            if not named:
                continue
            near = cues.any_within(hit.start - CUE_WINDOW, hit.end + CUE_WINDOW)
            found.append(
                NameMention(
                    start=start,
                    end=end,
                    kind="first",
                    roles=info.roles,
                    form=written_form(folded, hit.start, hit.end, nickname=not info.exact),
                    in_context=near,
                )
            )
        return found

    def _cue_spans(self, folded: NormalisedText) -> list[tuple[int, int]]:
        spans = []
        text = folded.text
        for last, (cue, _) in self._cues.iter(text):
            start, end = last + 1 - len(cue), last + 1
            alone = (start == 0 or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if alone or folded.in_tag(start, end):
                spans.append((start, end))
        return spans

    def warm(self, shared_by: int = COMMON_FIRST_NAME) -> None:
        """Work out now who the first names many people share belong to (~1 ms each at 400,000
        people), and the initials of the surnames they share, so that the first post naming one
        of them does not pay for it; and the name lists an initial is weighed against."""
        self.warm_lists()
        for step in self.warm_plan(shared_by):
            self.warm_step(step)

    @staticmethod
    def warm_lists() -> None:
        """The name lists an initial is weighed against, read."""
        given_names()
        common_first_names()
        common_surnames()

    def warm_plan(self, shared_by: int = COMMON_FIRST_NAME) -> list[WarmStep]:
        """What ``warm`` works out, one step (about a millisecond) each, for a warm-up run a step
        at a time. Only strings: a plan kept while the roster is replaced holds none of it."""
        firsts = [WarmStep(True, form) for form in self._fore.shared_by(shared_by)]
        return firsts + [WarmStep(False, form) for form in self._sur.shared_by(shared_by)]

    def warm_step(self, step: WarmStep) -> None:
        if step.first_name:
            self._first_of(step.form)
        else:  # who a surname's initials are
            self._by_initial(step.form)

    def _first_of(self, form: str) -> _FirstInfo:
        info = self._first.get(form)
        if info is None:
            # A dict store is atomic under the GIL: two threads at worst compute it twice.
            info = self._first[form] = self._first_info(form, form in self._own_fore)
        return info

    def _first_info(self, form: str, exact: bool) -> _FirstInfo:
        table = self._people
        return _FirstInfo(
            roles=frozenset(table.role(n) for n in self._fore[form]),
            exact=exact,
            wordy=self._is_wordy(form),
        )

    def _is_forename(self, word: str) -> bool:
        """Someone's first name, on the roster or in the nickname table ("George Will")."""
        folded = word.lower()
        return folded in self._fore or folded in self._lexicon.nicknames

    def _is_wordy(self, form: str) -> bool:
        return form in self._lexicon.word_names or _very_common(form)

    def _mention(
        self,
        folded: NormalisedText,
        start: int,
        end: int,
        kind: str,
        people: frozenset[int],
        nickname: bool = False,
        typo: bool = False,
        sure: bool = True,
        form: str | None = None,
    ) -> NameMention:
        table = self._people
        first, last = folded.to_original(start, end)
        if form is None:
            form = "typo" if typo else written_form(folded, start, end, nickname=nickname)
        return NameMention(
            start=first,
            end=last,
            kind=kind,
            roles=frozenset(table.role(n) for n in people),
            form=form,
            sure=sure,
        )

    # -- contacts -------------------------------------------------------------------------------

    def match_contact(self, name: str, handle: str | None = None) -> list[Person]:
        """People a friend request or follow most likely comes from (full-name evidence)."""
        return [m.person for m in self.contact_matches(name, handle)]

    def contact_matches(self, name: str, handle: str | None = None) -> list[ContactMatch]:
        """Like ``match_contact`` but says how each person matched (full, nickname, typo...)."""
        return self._contacts.match(name, handle)


def _starts_line(text: str, start: int) -> bool:
    """Nothing but spaces, marks or emoji before ``start`` on its line ("Stars:\nJasmine")."""
    line = max(text.rfind(mark, 0, start) for mark in "\n\r\u2028\u2029") + 1
    return not any(char.isalnum() for char in text[line:start])


def _glued(folded: NormalisedText, hit: _Hit) -> bool:
    text = folded.text
    return (hit.start > 0 and text[hit.start - 1].isalpha()) or (
        hit.end < len(text) and text[hit.end].isalpha()
    )


def _typo_plausible(
    folded: NormalisedText, case: CaseEvidence, a: int, b: int, c: int, d: int
) -> bool:
    """A misspelt name must still look like a name: capitalised, or not an ordinary word."""
    if capitalised(folded.original_slice(a, b)) and capitalised(folded.original_slice(c, d)):
        return True
    if case.informative:
        return False
    return not is_common_word(folded.text[a:b]) and not is_common_word(folded.text[c:d])


def _everyday(form: str) -> bool:
    """may, long, will, brown, mark, green: words before names in lower case."""
    return vocabulary.at_least(form, vocabulary.EVERYDAY)


def _very_common(form: str) -> bool:
    return vocabulary.at_least(form, vocabulary.ALWAYS_A_WORD)


_PAIRS = {"": "", '"': '"', "'": "'", "\u2018": "\u2019", "\u201c": "\u201d", "(": ")"}


def _pairs(opening: str, closing: str) -> bool:
    return _PAIRS.get(opening) == closing


def _middle_name(folded: NormalisedText, start: int, end: int) -> bool:
    """'Josh M. Smith', 'Josh Michael Smith': an initial or a capitalised word between."""
    written = folded.original_slice(start, end)
    return end - start == 1 or capitalised(written)


def _typed_plain(folded: NormalisedText, case: CaseEvidence) -> bool:
    """Whether this post's capitals say nothing of how its writer writes names: typed all in
    one case, or begun in lower case ("well done o. thompson in PE today!": an acronym or a
    phone's "I" is no sign that the names would have capitals)."""
    first = next((ch for ch in folded.original if ch.isalpha()), "")
    return not case.informative or first.islower()


def _initial_before(folded: NormalisedText, end: int, plain: bool) -> re.Match[str] | None:
    """The initial written just before ``end`` ("O. " in "O. Thompson"), or None: a capital
    letter ("A", "I" and "O" only with a full stop: without one they are the words), or, where
    the writer does not use capitals, a letter with a full stop ("well done o. thompson"). Never
    the letter after an apostrophe ("MOTHER'S DAY")."""
    found = _INITIAL_BEFORE.search(folded.text, max(0, end - 4), end)
    if found is None:
        return None
    if found.start(1) and folded.text[found.start(1) - 1] in _APOSTROPHES:
        return None
    dotted = "." in found.group(2)
    written = folded.original_slice(found.start(1), found.end(1))
    if written.isupper():
        return found if dotted or found.group(1) not in _NOT_INITIALS else None
    return found if dotted and written.islower() and plain else None


def _middle_initial(
    folded: NormalisedText,
    start: int,
    plain: bool,
    named: list[tuple[int, int]],
    word_names: frozenset[str],
    surnames: Container[str],
) -> bool:
    """The initial at ``start`` is the middle one of another name: after another initial
    ("H. G. Wells", "C.S. Lewis") or after a given name ("Hunter S. Thompson", "John F.
    Kennedy", as quotations' attributions write them). Not after a word that is mostly a word
    ("Well done", "Star of the Day"), nor after the end of a sentence ("Christmas Eve. O.
    Thompson"), nor after the surname of a name already found ("J. Smith O. Thompson", "Josh
    Smith O. Thompson": Smith is a given name too)."""
    before = _BEFORE_INITIAL.search(folded.text, max(0, start - _LONGEST_WORD), start)
    if before is None:
        return False
    if len(before.group(1)) == 1 and before.group(2):
        return True  # another initial
    if before.group(2):
        return False  # a word and a full stop: the end of a sentence, or "proud.O. Thompson"
    name = before.group(1)
    word = folded.original_slice(before.start(1), before.end(1))
    if not (capitalised(word) or plain) or name not in given_names():
        return False
    if _everyday(name) and name in word_names:  # "Day", "Will", "Mark": mostly words
        return False
    if _surname_after_an_initial(folded, before.start(1), plain, surnames):
        return False  # "Sydney J. Smith O. Thompson": Smith is the surname of a name
    ends = folded.to_original(before.start(1), before.end(1))[1]
    return not any(end == ends for _, end in named)


def _surname_after_an_initial(
    folded: NormalisedText, start: int, plain: bool, surnames: Container[str]
) -> bool:
    """The word at ``start`` follows an initial and is that name's surname, whatever else it
    may be: after a given name and an initial ("Sydney J. Smith") or a title and an initial
    ("Mr J. Smith"), or, when it is a roster surname or a common one and no common first name,
    after an initial of its own ("J. Smith", "Goals today: J. Smith"), as the second half of a
    double-barrelled one is ("J. Price-Thomas"). Never after the last letter of an abbreviation
    ("e.g. katherine", "p. s. hunter"), nor when the word is as likely a first name after a
    quiz's answer letter ("A. John F. Kennedy", "A. Hunter S. Thompson": found in review)."""
    text = folded.text
    # The second half of a double-barrelled surname ("J. Price-Thomas"): the name's start is
    # the first half's, and a hyphenated word after an initial is a surname.
    halves = _HALVES_BEFORE.search(text, max(0, start - _LONGEST_WORD), start)
    if halves is not None:
        start = halves.start()
    initial = _INITIAL_BEFORE.search(text, max(0, start - 4), start)
    if initial is None or "." not in initial.group(2):
        return False
    at = initial.start(1)
    if at and text[at - 1] == ".":
        return False  # "e.g. ", "p.s. "
    letter_before = _LETTER_BEFORE.search(text, max(0, at - 4), at)
    if letter_before and letter_before.group(1) + initial.group(1) in _ABBREVIATIONS:
        return False  # "e. g. ", "p. s. "
    if not (plain or folded.original_slice(at, initial.end(1)).isupper()):
        return False
    if halves is not None or _TITLE_BEFORE.search(text, max(0, at - 8), at):
        return True
    given = _BEFORE_INITIAL.search(text, max(0, at - _LONGEST_WORD), at)
    if given is not None and not given.group(2) and len(given.group(1)) > 1:
        written = folded.original_slice(given.start(1), given.end(1))
        if given.group(1) in given_names() and (plain or capitalised(written)):
            return True
    found = _WORD_AT.match(text, start)
    if found is None or found.group() in common_first_names():
        return False
    return found.group() in surnames or found.group() in common_surnames()
