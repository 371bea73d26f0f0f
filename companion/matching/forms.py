"""The written forms of one roster name: folded, with apostrophe, hyphen and nickname variants."""

from __future__ import annotations

import re

from companion.matching.normalise import folded_text

_SEPARATORS = re.compile(r"[\s'\-.]+")
_HALVES = re.compile(r"[\s\-]+")  # the halves of a double-barrelled name
MIN_FORM = 2  # one-letter names are never matched on their own


def name_variants(name: str) -> set[str]:
    """``"O'Neill"`` -> o'neill, oneill, o neill; ``"Brennan-Hughes"`` -> joined, spaced, bare.

    Double-barrelled names also yield each part (people drop one half), so long as the part is
    not a particle like "de" or "o".
    """
    folded = " ".join(folded_text(name).split())
    if len(folded) < MIN_FORM:
        return set()
    parts = [p for p in _SEPARATORS.split(folded) if p]
    variants = {folded, "".join(parts), " ".join(parts), "_".join(parts)}  # _: @ciara_o_neill
    if "-" in folded or " " in folded:
        # Each half whole, in each of its own forms: "Fitzgerald-O'Brien" gives "o'brien",
        # "obrien", "o brien" (its parts split at the apostrophe gave only "brien").
        for half in _HALVES.split(folded):
            if len(_SEPARATORS.sub("", half)) >= 3:
                variants.update(whole_variants(half))
    if "-" in folded:
        variants.add("-".join(parts))
    return {v for v in variants if len(v) >= MIN_FORM}


def whole_variants(name: str) -> set[str]:
    """The variants of ``name_variants`` that keep every part (no lone half of a surname)."""
    folded = " ".join(folded_text(name).split())
    parts = [p for p in _SEPARATORS.split(folded) if p]
    joined = {folded, "".join(parts), " ".join(parts), "_".join(parts), "-".join(parts)}
    return {v for v in joined if len(v) >= MIN_FORM}


def nickname_forms(forename_forms: set[str], table: dict[str, frozenset[str]]) -> set[str]:
    """Short and long forms of the given forenames, one step away (Joshua <-> Josh)."""
    found: set[str] = set()
    for form in forename_forms:
        found.update(n for n in table.get(form, ()) if len(n) >= 3)
    return found - forename_forms
