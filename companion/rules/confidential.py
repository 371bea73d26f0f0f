"""confidential-data: pupil identifiers (UPN), dates of birth by a name, SEN/medical/safeguarding
terms by a name. "By a name" means in the same sentence as a roster name the index found.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from stdnum.gb import upn

from companion.rules.base import CheckContext, GradedRule, Hit
from companion.rules.kit.lexicon import LexiconIndex
from companion.rules.kit.support import original_span, roster_mentions
from companion.vocabulary import sentence_of, sentences

# A letter then twelve characters: the UPN shape (the last may be a letter in temporary UPNs).
_UPN = regex.compile(r"(?<![\p{L}\p{N}])[A-Za-z]\d{11}[0-9A-Za-z](?![\p{L}\p{N}])")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = regex.compile(
    r"(?<![\p{N}/.-])(?:"
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r")(?![\p{N}])",
    regex.IGNORECASE,
)
_DIGIT = regex.compile(r"\d")
_DOB_CUE = regex.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthdate)\b", regex.I)


class ConfidentialData(GradedRule):
    id = "confidential-data"

    def __init__(self, lexicons: LexiconIndex) -> None:
        self.lexicons = lexicons

    def hits(self, ctx: CheckContext) -> Iterator[Hit]:
        text = ctx.text
        has_digits = _DIGIT.search(text) is not None
        sensitive = self.lexicons.hits(ctx, "sensitive_terms")
        if not has_digits and not sensitive:
            return  # most posts: nothing that could be an identifier, a date or a condition
        spec = ctx.policy.rule(self.id)
        parts = sentences(text)
        mentions = roster_mentions(ctx)
        named = {sentence_of(parts, m.start) for m in mentions}
        # A date by a first name alone is a date of birth only with a cue ("Freya was born on
        # 3rd May 2017"): "On Sat, 20 Jul 2002, kevin wrote" and "met Josh on 12/03" are not.
        named_fully = {sentence_of(parts, m.start) for m in mentions if m.grade != "first"}
        if has_digits:
            yield from self._upns(ctx)
            # Whether a sentence has a date-of-birth cue, looked up once per sentence: a post of
            # thousands of dates in one sentence must not search that sentence thousands of times.
            cued: dict[int, bool] = {}
            for date in _DATE.finditer(text):
                sentence = sentence_of(parts, date.start())
                if sentence not in cued:
                    cued[sentence] = _DOB_CUE.search(text, *parts[sentence]) is not None
                if sentence in named_fully or (sentence in named and cued[sentence]):
                    grade, message = "dob_name", spec.variant("message_dob")
                elif cued[sentence]:
                    grade, message = "dob", spec.variant("message_dob_alone")
                else:
                    continue
                yield Hit(date.start(), date.end(), grade, message)
        for start, end in sensitive if named else ():
            first, last = original_span(ctx, start, end)
            if sentence_of(parts, first) in named:
                yield Hit(first, last, "sensitive_name", spec.variant("message_sensitive"))

    def _upns(self, ctx: CheckContext) -> Iterator[Hit]:
        spec = ctx.policy.rule(self.id)
        for match in _UPN.finditer(ctx.text):
            candidate = match.group().upper()
            if upn.is_valid(candidate):
                grade = "upn"
            elif candidate[1:].isdigit() and candidate[0] not in "IOS":
                grade = "upn_shape"
            else:
                continue
            yield Hit(match.start(), match.end(), grade, spec.variant("message_upn"))
