"""The name data the matcher reads from ``policy_data/names`` (loaded once, read-only)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from companion.matching.normalise import normalise
from companion.policy import policy_resource


def _lines(name: str) -> list[str]:
    text = policy_resource(f"names/{name}").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@dataclass(frozen=True, slots=True)
class NameLexicon:
    word_names: frozenset[str]  # names that are also everyday words ("will", "grace")
    school_cues: tuple[str, ...]  # phrases that put a first name in a school context
    subject_verbs: frozenset[str]  # "Grace was...": words after a name that starts a sentence
    nicknames: dict[str, frozenset[str]]  # folded form -> folded short forms and long forms


@cache
def name_lexicon() -> NameLexicon:
    return NameLexicon(
        word_names=frozenset(_lines("word_names.txt")),
        school_cues=_with_compact_forms(normalise(cue).text for cue in _lines("school_cues.txt")),
        subject_verbs=frozenset(_lines("subject_verbs.txt")),
        nicknames=_nickname_table(),
    )


def _with_compact_forms(cues: Iterable[str]) -> tuple[str, ...]:
    """Each cue, and each cue of several words also run together as hashtags write them
    ("proud of" -> "proudof", for "#proudofgrace"), once."""
    found = list(dict.fromkeys(cues))
    compact = [cue.replace(" ", "") for cue in found if " " in cue]
    return tuple(dict.fromkeys([*found, *compact]))


def _nickname_table() -> dict[str, frozenset[str]]:
    pairs: set[tuple[str, str]] = set()
    with resources.files("nicknames").joinpath("names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("relationship") == "has_nickname" and _plausible(row["name1"], row["name2"]):
                pairs.add((row["name1"], row["name2"]))
    for line in _lines("uk_nicknames.tsv"):
        canonical, _, shorts = line.partition("\t")
        pairs.update((canonical.strip(), s.strip()) for s in shorts.split(",") if s.strip())
    table: dict[str, set[str]] = {}
    folded: dict[str, str] = {}  # a name is in many pairs: each is folded once (start-up time)
    for canonical, short in pairs:
        canonical, short = _folded(folded, canonical), _folded(folded, short)
        table.setdefault(canonical, set()).add(short)
        table.setdefault(short, set()).add(canonical)
    return {name: frozenset(forms) for name, forms in table.items()}


def _folded(folded: dict[str, str], name: str) -> str:
    text = folded.get(name)
    if text is None:
        text = folded[name] = normalise(name).text
    return text


def _plausible(canonical: str, short: str) -> bool:
    """Keep package pairs where the short form visibly comes from the name.

    The package has noisy pairs (aaron -> erin, bill -> fred); real short forms share the first
    letter or are a piece of the name (elizabeth -> beth). Classic exceptions (bill, peggy) come
    from our own UK table instead.
    """
    if len(short) < 2:
        return False
    return short[0] == canonical[0] or (len(short) >= 3 and short[:3] in canonical)
