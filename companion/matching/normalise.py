"""Normalise text once per request, keeping a map back to the original code points.

``normalise(text).text`` is the form every matcher compares: NFKC, case-folded, zero-width and
format characters removed, confusable letters folded to their Latin skeleton (TR39), diacritics
removed, in-word leetspeak undone (``J0sh``) and spaced-out letters joined (``J o s h``).
``to_original(start, end)`` turns a span of that folded text back into code-point indices of the
original text. ``word_starts``/``word_ends`` mark where a word may begin and end, counting
camelCase and letter/digit changes inside hashtags and handles (``#WellDoneJosh``,
``@josh_smith12``) as word edges.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from companion.matching.folding import fold_char

_LEET = str.maketrans("013457@$", "oieasta" + "s")
_UNDO_CHARS = re.compile(r"[013457@$]")
_LEET_INSIDE = re.compile(r"(?<=[a-z])[013457@$]+(?=[a-z])")
_LEET_LEADING = re.compile(r"(?<![\w@#$])[0134](?=[a-z]{3})")
_SPACED = re.compile(r"(?<![\w'])[a-z](?:[ .·_-][a-z]){2,}(?![\w'])")
_LETTERS = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"[#@][\w'-]+")
# A web address with a path ("justgiving.com/page/oliverpemberton"): its path's words are read
# as a tag's are, names run together and all ("oliverpemberton"), as sponsorship and fundraising
# pages name a child.
_LINK = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(/\S+)")
_LINK_WORD = re.compile(r"[^\W_][\w'-]*")
# Original-text positions where a new word starts inside a run of letters and digits.
_CAMEL = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})")
_CAMEL_CASE = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})")
_DIGIT_TO_LETTER = regex.compile(r"(?<=\p{N})(?=\p{L})")


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Folded text plus the map back to the text it came from (see module docstring)."""

    original: str
    text: str
    # starts[i]/ends[i]: the original code points the folded character i came from; None when
    # folding changed nothing but case, so folded and original indices are the same.
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None
    word_starts: frozenset[int] = field(default_factory=frozenset)
    word_ends: frozenset[int] = field(default_factory=frozenset)
    tags: tuple[tuple[int, int], ...] = ()  # folded spans of #hashtags, @handles, link paths' words

    def read_as(self, reading: str) -> NormalisedText:
        """The same text read another way (``leet_readings``): same length, so the same map
        back to the original; words are where the reading's letters are."""
        starts = list(self.starts) if self.starts is not None else None
        word_starts, word_ends = _word_edges(self.original, reading, starts)
        return NormalisedText(
            self.original, reading, self.starts, self.ends, word_starts, word_ends, self.tags
        )

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Code-point span of the original text that folded span ``[start, end)`` came from."""
        size = len(self.text)
        start = min(max(start, 0), size)
        end = min(max(end, start), size)
        if self.starts is None or self.ends is None:
            return start, end
        if start == size:
            return len(self.original), len(self.original)
        if end == start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]

    def original_slice(self, start: int, end: int) -> str:
        first, last = self.to_original(start, end)
        return self.original[first:last]

    def tag_kind(self, tag: tuple[int, int]) -> str:
        """What a span of ``tags`` is: "hashtag", "handle", or "link" (a word of a link's path)."""
        return {"#": "hashtag", "@": "handle"}.get(self.text[tag[0] - 1 : tag[0]], "link")

    def in_tag(self, start: int, end: int) -> tuple[int, int] | None:
        """The tag span (see ``tags``) that holds folded span ``[start, end)``, if any."""
        if not self.tags:
            return None
        i = bisect_right(self.tags, (start, len(self.text) + 1)) - 1
        if i >= 0 and self.tags[i][0] <= start and end <= self.tags[i][1]:
            return self.tags[i]
        return None


def normalise(text: str) -> NormalisedText:
    """Fold ``text`` for matching (see module docstring). Never raises on any ``str``."""
    if text.isascii():
        folded = text.lower()
        starts: list[int] | None = None
        ends: list[int] | None = None
    else:
        folded, starts, ends = _fold(text)
    folded = _undo_leet(folded)
    folded, starts, ends = _join_spaced_letters(text, folded, starts, ends)
    word_starts, word_ends = _word_edges(text, folded, starts)
    return NormalisedText(
        original=text,
        text=folded,
        starts=None if starts is None else tuple(starts),
        ends=None if ends is None else tuple(ends),
        word_starts=word_starts,
        word_ends=word_ends,
        tags=_tags(folded),
    )


def folded_text(text: str) -> str:
    """``normalise(text).text`` alone, without the offsets, word edges and tags a check needs:
    an import folds every distinct name on the roster (90,000 at a trust), and those were
    two thirds of the time ``normalise`` took on them."""
    folded = text.lower() if text.isascii() else _fold(text)[0]
    folded = _undo_leet(folded)
    if _SPACED.search(folded):  # letters spaced out: the offsets decide what is joined
        return normalise(text).text
    return folded


def _tags(folded: str) -> tuple[tuple[int, int], ...]:
    """Spans of #hashtags and @handles, and of the words of web addresses' paths."""
    spans = {(m.start() + 1, m.end()) for m in _TAG.finditer(folded)}
    if "/" in folded and "." in folded:
        for link in _LINK.finditer(folded):
            path = link.span(1)
            spans.update(m.span() for m in _LINK_WORD.finditer(folded, *path))
    return tuple(sorted(spans))


def _fold(text: str) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        if not folded:
            # A dropped mark or zero-width character stays with the letter before it, so a
            # highlight never splits "Zoe" from its combining diaeresis.
            if ends:
                ends[-1] = index + 1
            continue
        for part in folded:
            out.append(part)
            starts.append(index)
            ends.append(index + 1)
    return "".join(out), starts, ends


def _undo_leet(folded: str) -> str:
    # Only digits inside a word (J0sh) or leading a longer word (3mma); trailing digits are
    # what handles end in (josh_smith12) and must stay digits.
    if not _UNDO_CHARS.search(folded):
        return folded
    folded = _LEET_INSIDE.sub(lambda m: m.group().translate(_LEET), folded)
    return _LEET_LEADING.sub(lambda m: m.group().translate(_LEET), folded)


# The full leet table, for a second, stronger reading of words that mix letters with these
# characters ("Brend4", "4nn", "M4uric3", "J3$$ica"). '1' reads as i or l, so it gives two.
_LEET_FULL = str.maketrans("03457896$", "oeastbggs")
_MAYBE_LEET = re.compile(r"[0-9$@!]")
_LEET_WORD = re.compile(r"(?<![@#\w])[a-z0-9$]*[a-z][a-z0-9$]*")
_LEET_MARKS = re.compile(r"(?<=[a-z])[@!](?=[a-z])")
# A run of digits ending a word that holds a digit no one uses for a letter is a number
# (smith12, y2023, 2nd), and stays one.
_NUMBER_TAIL = re.compile(r"\d*[2]\d*$")


def leet_readings(folded: str) -> list[str]:
    """Stronger readings of leetspeak than ``normalise`` applies, for a second matching pass.

    Same length as ``folded`` (so spans carry over). Handles and hashtags are left alone; the
    first reading takes 1 as i, the second as l. Empty when nothing could be leet.
    """
    if not _MAYBE_LEET.search(folded):  # most posts: one regex scan, no second pass
        return []

    def word(match: re.Match[str], one: str) -> str:
        token = match.group()
        if not any(ch in "013457896$" for ch in token):
            return token
        tail = _NUMBER_TAIL.search(token)
        head, rest = (token[: tail.start()], token[tail.start() :]) if tail else (token, "")
        return head.translate(_LEET_FULL).replace("1", one) + rest

    marks = _LEET_MARKS.sub(lambda m: "a" if m.group() == "@" else "i", folded)
    readings = []
    for one in ("i", "l"):
        reading = _LEET_WORD.sub(lambda m, one=one: word(m, one), marks)
        if reading != folded and reading not in readings:
            readings.append(reading)
    return readings


def _join_spaced_letters(
    original: str, folded: str, starts: list[int] | None, ends: list[int] | None
) -> tuple[str, list[int] | None, list[int] | None]:
    runs = list(_SPACED.finditer(folded))
    if not runs:
        return folded, starts, ends
    if starts is None or ends is None:
        starts = list(range(len(folded)))
        ends = list(range(1, len(folded) + 1))
    drop: set[int] = set()
    for run in runs:
        for first, last in _name_runs(original, folded, starts, run.start(), run.end()):
            drop.update(i for i in range(first, last) if not folded[i].isalpha())
    keep = [i for i in range(len(folded)) if i not in drop]
    return "".join(folded[i] for i in keep), [starts[i] for i in keep], [ends[i] for i in keep]


def _name_runs(
    original: str, folded: str, starts: list[int], first: int, last: int
) -> list[tuple[int, int]]:
    """Split a run of spaced letters where a capital follows a small letter ("a J o s h"),
    so the article is not glued to the name; keep the pieces of three letters or more."""
    letters = [i for i in range(first, last) if folded[i].isalpha()]
    pieces: list[list[int]] = [[]]
    for i in letters:
        here = original[starts[i]]
        if pieces[-1] and here.isupper() and original[starts[pieces[-1][-1]]].islower():
            pieces.append([])
        pieces[-1].append(i)
    return [(p[0], p[-1] + 1) for p in pieces if len(p) >= 3]


def _word_edges(
    original: str, folded: str, starts: list[int] | None
) -> tuple[frozenset[int], frozenset[int]]:
    word_starts: set[int] = set()
    word_ends: set[int] = set()
    for run in _LETTERS.finditer(folded):
        word_starts.add(run.start())
        word_ends.add(run.end())
    # Letter/digit edges already show in the folded text; case changes only in the original.
    inner = [m.start() for m in _CAMEL_CASE.finditer(original)]
    if not inner:
        return frozenset(word_starts), frozenset(word_ends)
    to_folded = _original_to_folded(starts, len(folded))
    for position in inner:
        mapped = to_folded.get(position)
        if mapped is not None:
            word_starts.add(mapped)
            word_ends.add(mapped)
    return frozenset(word_starts), frozenset(word_ends)


def _original_to_folded(starts: list[int] | None, size: int) -> dict[int, int]:
    if starts is None:
        return {i: i for i in range(size + 1)}
    mapping: dict[int, int] = {}
    for folded_index, original_index in enumerate(starts):
        mapping.setdefault(original_index, folded_index)
    return mapping


def split_camel(word: str) -> list[str]:
    """``"WellDoneJosh"`` -> ``["Well", "Done", "Josh"]``; digits split off too."""
    inner = {m.start() for m in _CAMEL.finditer(word)}
    inner |= {m.start() for m in _DIGIT_TO_LETTER.finditer(word)}
    cuts = sorted({0, len(word), *inner})
    return [word[a:b] for a, b in pairwise(cuts) if word[a:b]]


def split_handle(handle: str) -> list[str]:
    """``"@josh_smith12"`` -> ``["josh", "smith", "12"]``: separators, camelCase, digits."""
    parts = re.split(r"[\W_]+", handle.lstrip("@#"))
    return [piece for part in parts if part for piece in split_camel(part)]


def join_spaced_letters(text: str) -> str:
    """``"J o s h"`` -> ``"Josh"``: single letters separated by a space, dot or dash."""
    return regex.sub(
        r"(?<![\w'])\p{L}(?:[ .·_-]\p{L}){2,}(?![\w'])",
        lambda m: regex.sub(r"[ .·_-]", "", m.group()),
        text,
    )
