"""How a found name was written: exact, nickname, hashtag, handle or disguised."""

from __future__ import annotations

import unicodedata

from companion.matching.normalise import NormalisedText


def written_form(folded: NormalisedText, start: int, end: int, nickname: bool) -> str:
    if nickname:
        return "nickname"
    tag = folded.in_tag(start, end)
    if tag:
        return folded.tag_kind(tag)
    original = folded.original_slice(start, end)
    if original.lower() != folded.text[start:end] and not _accents_only(original, folded, start):
        return "disguised"
    return "exact"


def _accents_only(original: str, folded: NormalisedText, start: int) -> bool:
    plain = strip_accents(original)
    return plain.lower() == folded.text[start : start + len(plain)]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
