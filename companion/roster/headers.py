"""Recognising an export's columns from the synonym table in ``policy_data/roster/headers.toml``.

Headers and values are compared in a folded form (case, spaces and punctuation dropped), so
"Legal Forename", "legal_forename" and "LEGAL-FORENAME" are one column.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from companion.policy import policy_resource

WIDE_FIELDS = ("forename", "surname", "relationship")


_NOT_ALNUM = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case-, space- and punctuation-insensitive form of a header or a coded value."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The synonym table, folded once for lookups."""

    fields: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, ...]]  # the synonyms as written, for messages
    pupil_hints: frozenset[str]
    staff_hints: frozenset[str]
    wide_prefixes: tuple[str, ...]
    wide_fields: dict[str, frozenset[str]]
    status_current: frozenset[str]
    status_left: frozenset[str]
    true_values: frozenset[str]
    false_values: frozenset[str]
    relationships: dict[str, str]
    # field -> (legal names, plain names), folded: the plain one is then the preferred name
    legal_and_plain: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict
    )
    # every header name known, as (folded, as written, field), for "did you mean" suggestions
    catalogue: tuple[tuple[str, str, str], ...] = ()

    def display_names(self, name: str) -> str:
        """How a field is called in error messages: its canonical name and first MIS synonym."""
        synonyms = self.labels[name]
        return name if len(synonyms) < 2 else f"{name} (or {synonyms[1]})"


def _folded(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold(v) for v in values))


def parse_vocabulary(data: dict[str, Any]) -> Vocabulary:
    fields = {name: _folded(values) for name, values in data["fields"].items()}
    wide = data["wide_contacts"]
    prefixes = sorted(_folded(wide["prefixes"]), key=len, reverse=True)
    relationships: dict[str, str] = {}
    for category, words in data["relationships"].items():
        relationships.update({fold(w): category for w in words})
    legal_and_plain = {
        name: (_folded(pair["legal"]), _folded(pair["plain"]))
        for name, pair in data.get("legal_and_plain", {}).items()
    }
    return Vocabulary(
        fields=fields,
        labels={name: tuple(values) for name, values in data["fields"].items()},
        pupil_hints=frozenset(_folded(data["hints"]["pupil_only"])),
        staff_hints=frozenset(_folded(data["staff_hints"]["columns"])),
        wide_prefixes=tuple(prefixes),
        wide_fields={name: frozenset(_folded(wide[name])) for name in WIDE_FIELDS},
        status_current=frozenset(_folded(data["status_values"]["current"])),
        status_left=frozenset(_folded(data["status_values"]["left"])),
        true_values=frozenset(_folded(data["truth_values"]["true"])),
        false_values=frozenset(_folded(data["truth_values"]["false"])),
        relationships=relationships,
        legal_and_plain=legal_and_plain,
        catalogue=_catalogue(data),
    )


def _catalogue(data: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    """Every column name the importer knows, with the field it fills."""
    named: dict[str, tuple[str, str]] = {}
    for name, synonyms in data["fields"].items():
        for synonym in synonyms:
            named.setdefault(fold(synonym), (synonym, name))
    wide = data["wide_contacts"]
    for prefix in wide["prefixes"]:
        for name in WIDE_FIELDS:
            for synonym in wide[name]:
                label = f"{prefix} {synonym}"
                named.setdefault(fold(label), (label, name))
    return tuple((folded, label, name) for folded, (label, name) in named.items())


@cache
def load_vocabulary() -> Vocabulary:
    with policy_resource("roster/headers.toml").open("rb") as fh:
        return parse_vocabulary(tomllib.load(fh))


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Where each known field sits in a header row; every other column is ignored."""

    columns: dict[str, int]
    wide: dict[int, dict[str, int]] = field(default_factory=dict)  # slot -> field -> column
    hints: tuple[str, ...] = ()
    # One row per contact that repeats the pupil's columns (SIMS and iSAMS contact reports):
    # the names are the contact block's, never the pupil's.
    contact_report: bool = False
    staff_hints: tuple[str, ...] = ()  # columns only a staff list has (Staff Code, Role…)

    def has(self, name: str) -> bool:
        return name in self.columns


_NUMBERED = re.compile(r"^(?P<a>[a-z]*?)(?P<n>\d+)(?P<b>[a-z]*)$")


def _wide_slot(folded: str, vocab: Vocabulary) -> tuple[int, str] | None:
    """("contact1forename" | "contactforename1") -> (1, "forename"), or None."""
    match = _NUMBERED.match(folded)
    if not match:
        return None
    slot = int(match["n"])
    for prefix in vocab.wide_prefixes:
        if match["a"] == prefix:
            rest = match["b"]
        elif match["a"].startswith(prefix) and not match["b"]:
            rest = match["a"][len(prefix) :]
        else:
            continue
        for name, synonyms in vocab.wide_fields.items():
            if rest in synonyms:
                return slot, name
    return None


def map_columns(header: list[str], vocab: Vocabulary) -> ColumnMap:
    folded = [fold(h) for h in header]
    columns: dict[str, int] = {}
    for name, synonyms in vocab.fields.items():
        for synonym in synonyms:  # the first synonym present wins
            if synonym in folded:
                columns[name] = folded.index(synonym)
                break
    wide: dict[int, dict[str, int]] = {}
    for index, value in enumerate(folded):
        slot = _wide_slot(value, vocab)
        if slot is not None:
            wide.setdefault(slot[0], {}).setdefault(slot[1], index)
    hints = tuple(h for h, f in zip(header, folded, strict=True) if f in vocab.pupil_hints)
    staff = tuple(h for h, f in zip(header, folded, strict=True) if f in vocab.staff_hints)
    _legal_beside_preferred(folded, columns, vocab)
    block = _contact_block(folded, vocab)
    report = False
    if "forename" in block and "surname" in block:
        # The whole header set decides what the block is. Beside pupil-only columns (a date of
        # birth, a status, a leaving date) it is each pupil's one contact (iSAMS's "Primary
        # Contact …"); otherwise the file is a contact report repeating the pupil on each row.
        if any(name in columns for name in PUPIL_ONLY):
            wide.setdefault(0, block)
            columns.pop("relationship", None)
        else:
            report = True
            columns.update(block)
    return ColumnMap(
        columns=columns,
        wide=dict(sorted(wide.items())),
        hints=hints,
        contact_report=report,
        staff_hints=staff,
    )


def _legal_beside_preferred(folded: list[str], columns: dict[str, int], vocab: Vocabulary) -> None:
    """Sync tools (Wonde, Xporter) and Integris give "Forename"/"Surname" as the names people go
    by, beside "Legal Forename"/"Legal Surname": both are kept, each in its place."""
    for name, (legal_names, plain_names) in vocab.legal_and_plain.items():
        legal = next((folded.index(n) for n in legal_names if n in folded), None)
        plain = next((folded.index(n) for n in plain_names if n in folded), None)
        if legal is not None and plain is not None:
            columns[name] = legal
            columns.setdefault(f"preferred_{name}", plain)


# Columns only a pupil export has.
PUPIL_ONLY = ("date_of_birth", "status", "on_roll", "left", "date_left", "legal_leaving_date")


def _contact_block(folded: list[str], vocab: Vocabulary) -> dict[str, int]:
    """An unnumbered contact block: "Contact Forename", "Primary Contact Surname", … -> field."""
    block: dict[str, int] = {}
    for index, value in enumerate(folded):
        for prefix in vocab.wide_prefixes:
            rest = value.removeprefix(prefix)
            if rest == value or not rest:
                continue
            for name, synonyms in vocab.wide_fields.items():
                if rest in synonyms:
                    block.setdefault(name, index)
            break
    relationship = next(
        (i for i, v in enumerate(folded) if v in vocab.fields["relationship"]), None
    )
    if block and "relationship" not in block and relationship is not None:
        block["relationship"] = relationship
    return block


def recognised(mapping: ColumnMap) -> bool:
    """Whether a row looks like a header row we can read (names and maybe an id)."""
    has_names = mapping.has("forename") and mapping.has("surname")
    return has_names or (mapping.has("pupil_id") and bool(mapping.wide))


@dataclass(frozen=True, slots=True)
class NearestNames:
    """Known column names close to one the file has: what the DPO may have meant."""

    column: str
    names: tuple[tuple[str, str], ...]  # (known name as written, the field it fills)

    def __str__(self) -> str:
        close = ", ".join(f"{label} ({name})" for label, name in self.names)
        return f"'{self.column}' is close to {close}"

    def to_json(self) -> dict[str, object]:
        return {
            "column": self.column,
            "nearest": [{"name": label, "field": name} for label, name in self.names],
        }


NEAREST_SHOWN = 3


def nearest_known(
    found: list[str], vocab: Vocabulary, wanted: tuple[str, ...] = ()
) -> list[NearestNames]:
    """For each column the importer does not read, the closest known names (difflib).

    ``wanted`` (field names, such as the missing ones) narrows the suggestions to those fields.
    """
    mapping = map_columns(found, vocab)
    read = set(mapping.columns.values())
    read.update(i for fields in mapping.wide.values() for i in fields.values())
    ignored = vocab.pupil_hints | vocab.staff_hints | {f for f, _, _ in vocab.catalogue}
    candidates: dict[str, list[tuple[str, str]]] = {}
    for folded, label, name in vocab.catalogue:
        if not wanted or name in wanted:
            candidates.setdefault(folded, []).append((label, name))
    result = []
    for index, column in enumerate(found):
        folded = fold(column)
        if index in read or not folded or folded in ignored:
            continue
        bare = re.sub(r"\d+", "", folded) or folded  # "Contact 1 Frname" -> contact frname
        close = difflib.get_close_matches(bare, list(candidates), n=NEAREST_SHOWN)
        names = tuple(pair for match in close for pair in candidates[match][:1])
        if names:
            result.append(NearestNames(column, names))
    return result
