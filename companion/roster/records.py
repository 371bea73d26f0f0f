"""Turning a table's rows into pupils, contacts and staff, keeping only what the checks need.

Dates of birth become a legal-leaving date here and go no further; every column the synonym
table does not name is never read at all. Bad rows are collected, by row number, not skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import itemgetter
from sys import intern
from typing import Protocol

from companion.roster.dates import BadDate, legal_leaving_date, parse_uk_date
from companion.roster.headers import PUPIL_ONLY, ColumnMap, Vocabulary, fold
from companion.roster.tables import Table

# No child in England may leave education before 16: a "legal leaving date" earlier than that
# is a mistake (often the day the pupil left the school), never a reason to treat them as adult.
MIN_LEAVING_AGE = 16

MAX_PROBLEMS_SHOWN = 10

# Control characters (NUL, terminal escapes, C1) and bidirectional overrides are never part of a
# name: a hostile or damaged file could use them to rewrite the DPO's terminal or hide a name.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_cell(value: str) -> str:
    # Every character the pattern removes is unprintable to str.isprintable (Cc, Cf): the
    # common case needs no regex.
    if value.isprintable():
        return value.strip()
    return _UNPRINTABLE.sub("", value).strip()


REQUIRED = {
    "pupils": ("pupil_id", "forename", "surname"),
    "contacts": ("pupil_id", "forename", "surname"),
    "staff": ("forename", "surname"),
}


class FileRole(StrEnum):
    PUPILS = "pupils"
    CONTACTS = "contacts"
    STAFF = "staff"


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


# A row's records are made once and read once, by the importer (a trust's 100,000 pupils): not
# frozen, since a frozen dataclass sets each field through object.__setattr__ (as Person).
@dataclass(slots=True)
class PupilRecord:
    row: int
    mis_id: str
    forename: str
    surname: str
    preferred_forename: str | None
    preferred_surname: str | None
    known_as: tuple[str, ...]
    left: bool
    legal_leaving_date: date | None


@dataclass(slots=True)
class ContactRecord:
    row: int
    mis_id: str
    forename: str
    surname: str
    relationship: str


@dataclass(slots=True)
class StaffRecord:
    row: int
    forename: str
    surname: str
    title: str | None
    preferred_forename: str | None = None  # "Kate" beside the legal "Catherine"


class ContactSink(Protocol):
    """Where a file's contacts go as they are read: a ``ContactList``, or the importer's, which
    adds each to the roster at once (no record made for each of a trust's 300,000 rows)."""

    def add(
        self, row: int, mis_id: str, forename: str, surname: str, relationship: str, /
    ) -> None: ...

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[ContactRecord]: ...


class ContactList(list[ContactRecord]):
    """A file's contacts kept as records (those of a pupils file's contact columns)."""

    def add(self, row: int, mis_id: str, forename: str, surname: str, relationship: str, /) -> None:
        self.append(ContactRecord(row, mis_id, forename, surname, relationship))


@dataclass(slots=True)
class FileRecords:
    role: FileRole | None
    pupils: list[PupilRecord] = field(default_factory=list)
    contacts: ContactSink = field(default_factory=ContactList)
    staff: list[StaffRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: tuple[str, ...] = ()
    warnings: list[Problem] = field(default_factory=list)  # imported, but worth a look
    rows: int = 0  # rows of the table read (blank rows are not rows)

    def problem(self, row: int | None, message: str) -> None:
        self.problems.append(Problem(row, message))


@dataclass(frozen=True, slots=True)
class ReadOptions:
    today: date
    legal_age: int


def classify(columns: ColumnMap) -> tuple[FileRole, tuple[str, ...]]:
    """Which kind of file the headers say this is, and which required columns it lacks."""
    # Without a pupil id, a file that still looks like pupils or contacts is a broken export,
    # never a staff list: it is reported as missing its id column.
    pupil_like = columns.hints or columns.wide or _pupil_fields(columns)
    if columns.has("relationship") or columns.contact_report:
        role = FileRole.CONTACTS
    elif columns.staff_hints and not (columns.has("pupil_id") and (columns.hints or columns.wide)):
        # A staff list with a date of birth, a status or a generic "ID" (School Data Sync's
        # Teacher.csv) is still a staff list; only pupil-only columns beside an id outvote it.
        role = FileRole.STAFF
    elif columns.has("pupil_id") or pupil_like:
        role = FileRole.PUPILS
    else:
        role = FileRole.STAFF
    missing = tuple(name for name in REQUIRED[role] if not columns.has(name))
    return role, missing


def _pupil_fields(columns: ColumnMap) -> bool:
    return any(columns.has(name) for name in PUPIL_ONLY)


Progress = Callable[[int, int], None]
PROGRESS_EVERY = 5000


def read_records(
    table: Table,
    vocab: Vocabulary,
    options: ReadOptions,
    progress: Progress | None = None,
    contacts: ContactSink | None = None,
) -> FileRecords:
    """Every row read into records or problems, as the table yields it (a CSV is never held
    whole); ``progress(done, total)`` now and then, ``total`` an estimate until the end.
    Contacts go to ``contacts`` when given (else a list)."""
    role, missing = classify(table.columns)
    result = FileRecords(role=role, missing=missing)
    if role is FileRole.STAFF and not (table.columns.staff_hints or table.columns.has("title")):
        # Nothing says staff, only that no pupil id was found: pupils read as staff would be
        # weighed as staff (friend requests to them not refused). Found in review.
        result.warnings.append(
            Problem(
                None,
                "read as a staff list, since it has no pupil id column and no staff-only column "
                "(Staff Code, Role…); if it lists pupils, name its id column as the MIS does "
                "(Adno, UPN, Pupil ID…) and import again",
            )
        )
    if contacts is not None:
        result.contacts = contacts
    if missing:
        result.rows = sum(1 for _ in table.rows)
        return result
    reader = _RowReader(table.columns, vocab, options, result)
    read = reader.read_staff
    if role is FileRole.CONTACTS:
        read = reader.read_contact
    elif role is FileRole.PUPILS:
        read = reader.read_pupil
    expected = table.expected_rows
    done = 0
    for number, cells in table.rows:
        read(number, cells)
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, max(expected, done + 1))
    result.rows = done
    if progress and done:
        progress(done, done)
    return result


# A lead byte of a two-byte UTF-8 letter (Latin, Greek, Cyrillic) read as Windows-1252, then
# one of its continuation bytes read the same way: no real name holds the pair.
_CONTINUATION = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_GARBLED = re.compile(f"[\u00c2-\u00c5\u00ce\u00cf\u00d0\u00d1][{re.escape(_CONTINUATION)}]")


_CONTACT_FIELDS = ("pupil_id", "forename", "surname", "relationship")


class _RowReader:
    def __init__(
        self, columns: ColumnMap, vocab: Vocabulary, options: ReadOptions, out: FileRecords
    ) -> None:
        self.columns = columns
        self.vocab = vocab
        self.options = options
        self.out = out
        self.seen_ids: dict[str, int] = {}
        self._at = dict(columns.columns)
        self._folded: dict[str, str] = {}  # coded values (status, relationship) recur
        self._dates: dict[str, date | str] = {}  # a date as written -> it, or why it is bad
        # A contacts row's four cells at once, when the file has the four columns and the row
        # reaches them all (a trust's file is 300,000 rows: a look-up per cell was 0.2 s).
        fields = [self._at.get(name) for name in _CONTACT_FIELDS]
        self._contact_cells = None
        self._contact_width = 0
        if None not in fields:
            self._contact_cells = itemgetter(*fields)
            self._contact_width = max(fields) + 1  # type: ignore[type-var]

    def cell(self, cells: list[str], name: str) -> str:
        index = self._at.get(name)
        if index is None or index >= len(cells):
            return ""
        value = cells[index]
        # clean_cell, inlined: every character it removes is unprintable to str.isprintable
        return value.strip() if value.isprintable() else clean_cell(value)

    def fold(self, text: str) -> str:
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    def read(self, row: int, cells: list[str]) -> None:
        if self.out.role is FileRole.STAFF:
            self.read_staff(row, cells)
        elif self.out.role is FileRole.CONTACTS:
            self.read_contact(row, cells)
        else:
            self.read_pupil(row, cells)

    def names(self, row: int, cells: list[str], who: str) -> tuple[str, str] | None:
        return self.checked_names(
            row, self.cell(cells, "forename"), self.cell(cells, "surname"), who
        )

    def checked_names(
        self, row: int, forename: str, surname: str, who: str
    ) -> tuple[str, str] | None:
        """The names, or None after reporting an empty one; a warning for a garbled one."""
        # Names recur (siblings, a family's contacts, common forenames): one string each.
        forename, surname = intern(forename), intern(surname)
        if not forename or not surname:
            empty = "forename" if not forename else "surname"
            self.out.problem(row, f"the {who}'s {empty} is empty")
            return None
        if "?" in forename or "?" in surname:
            # Excel's "CSV (Comma delimited)" writes "?" for letters outside Windows-1252
            # ("Łukasz Wiśniewski" -> "?ukasz Wi?niewski"): that name can no longer be found.
            self.out.warnings.append(
                Problem(
                    row,
                    f"the {who}'s name has '?' where a letter should be (lost by Excel's "
                    "'CSV (Comma delimited)'); save the export as 'CSV UTF-8' and import again",
                )
            )
        elif not (forename.isascii() and surname.isascii()) and (
            _GARBLED.search(forename) or _GARBLED.search(surname)
        ):
            # UTF-8 read as Windows-1252 and saved again ("Renée" -> "RenÃ©e"): the file itself
            # is now one encoding, so it reads cleanly, but the name can no longer be found.
            self.out.warnings.append(
                Problem(
                    row,
                    f"the {who}'s name has letters garbled by an encoding mix-up (such as 'Ã©' "
                    "for 'é', from a CSV opened and saved again in Excel); export it from the "
                    "MIS again as 'CSV UTF-8' and import again",
                )
            )
        return forename, surname

    def mis_id(self, row: int, cells: list[str]) -> str | None:
        return self.checked_id(row, self.cell(cells, "pupil_id"))

    def checked_id(self, row: int, value: str) -> str | None:
        if not value:
            self.out.problem(row, "the pupil id is empty")
            return None
        return value

    def read_staff(self, row: int, cells: list[str]) -> None:
        if names := self.names(row, cells, "staff member"):
            title = self.cell(cells, "title") or None
            preferred = self.cell(cells, "preferred_forename") or None
            self.out.staff.append(StaffRecord(row, *names, title, preferred))

    def read_contact(self, row: int, cells: list[str]) -> None:
        if self._contact_cells is not None and len(cells) >= self._contact_width:
            # clean_cell, inlined as in ``cell``
            raw = [
                v.strip() if v.isprintable() else clean_cell(v) for v in self._contact_cells(cells)
            ]
        else:
            raw = [self.cell(cells, name) for name in _CONTACT_FIELDS]
        mis_id = self.checked_id(row, raw[0])
        names = self.checked_names(row, raw[1], raw[2], "contact")
        if mis_id and names:
            self.out.contacts.add(row, mis_id, *names, self.relationship(raw[3]))

    def read_pupil(self, row: int, cells: list[str]) -> None:
        mis_id = self.mis_id(row, cells)
        names = self.names(row, cells, "pupil")
        if mis_id is not None:
            folded = mis_id.casefold()
            if folded in self.seen_ids:
                self.out.problem(row, f"duplicate pupil id (also on row {self.seen_ids[folded]})")
                return
            self.seen_ids[folded] = row
        left = self.has_left(row, cells)
        leaving = self.leaving(row, cells)
        if mis_id is None or names is None or left is None or leaving is False:
            return
        self.out.pupils.append(
            PupilRecord(
                row=row,
                mis_id=mis_id,
                forename=names[0],
                surname=names[1],
                preferred_forename=self.cell(cells, "preferred_forename") or None,
                preferred_surname=self.cell(cells, "preferred_surname") or None,
                known_as=self.known_as(cells),
                left=left,
                legal_leaving_date=leaving,
            )
        )
        self.read_wide_contacts(row, cells, mis_id)

    def known_as(self, cells: list[str]) -> tuple[str, ...]:
        raw = self.cell(cells, "known_as").replace(";", ",")
        return tuple(dict.fromkeys(n.strip() for n in raw.split(",") if n.strip()))

    def date_in(self, row: int, cells: list[str], name: str) -> date | bool | None:
        """The date in a column, None when blank, False (after reporting) when bad."""
        text = self.cell(cells, name)
        if not text:
            return None
        parsed = self._dates.get(text)  # dates of birth recur: a year's pupils share 365
        if parsed is None:
            try:
                parsed = parse_uk_date(text)
            except BadDate as exc:
                parsed = str(exc)
            self._dates[text] = parsed
        if isinstance(parsed, str):
            self.out.problem(row, f"{name.replace('_', ' ')}: {parsed}")
            return False
        return parsed

    def leaving(self, row: int, cells: list[str]) -> date | bool | None:
        """The legal-leaving date: supplied directly, else derived from the date of birth.

        Never from a "Leaving Date" column: that is the day the pupil left the school.
        """
        supplied = self.date_in(row, cells, "legal_leaving_date")
        born = self.date_in(row, cells, "date_of_birth")
        if supplied is False or born is False:
            return False
        if isinstance(born, date) and born > self.options.today:
            self.out.problem(row, f"date of birth {born:%d/%m/%Y} is in the future")
            return False
        if supplied is not None:
            if isinstance(born, date) and supplied < legal_leaving_date(born, MIN_LEAVING_AGE):
                self.out.problem(
                    row,
                    f"legal leaving date {supplied:%d/%m/%Y} would make the child younger than "
                    f"{MIN_LEAVING_AGE} on that day (was the day they left the school put in the "
                    "legal leaving date column?)",
                )
                return False
            return supplied
        return legal_leaving_date(born, self.options.legal_age) if born else None

    def has_left(self, row: int, cells: list[str]) -> bool | None:
        """Whether the pupil has left the school; None (after reporting) when unreadable."""
        vocab = self.vocab
        if self.columns.has("status"):
            value = self.fold(self.cell(cells, "status"))
            if value in vocab.status_left:
                return True
            if not value or value in vocab.status_current:
                return False
            self.out.problem(row, f"status '{self.cell(cells, 'status')}' is not current or left")
            return None
        for name, means_left in (("left", True), ("on_roll", False)):
            if self.columns.has(name):
                value = self.fold(self.cell(cells, name))
                if not value:
                    # Not said: on roll, as a blank status is (a blank "On Roll" read as "no"
                    # made a sixth former an ex-pupil staff could befriend: found in review).
                    return False
                if value in vocab.true_values:
                    return means_left
                if value in vocab.false_values:
                    return not means_left
                self.out.problem(row, f"{name.replace('_', ' ')} '{value}' is not yes or no")
                return None
        left_on = self.date_in(row, cells, "date_left")
        if left_on is False:
            return None
        return isinstance(left_on, date) and left_on <= self.options.today

    def relationship(self, text: str) -> str:
        return self.vocab.relationships.get(self.fold(text), "other")

    def read_wide_contacts(self, row: int, cells: list[str], mis_id: str) -> None:
        for slot, fields in self.columns.wide.items():
            values = {
                name: clean_cell(cells[index]) if index < len(cells) else ""
                for name, index in fields.items()
            }
            forename, surname = values.get("forename", ""), values.get("surname", "")
            if not any(values.values()):
                continue  # an unused contact slot
            if not forename or not surname:
                empty = "forename" if not forename else "surname"
                self.out.problem(row, f"contact {slot}'s {empty} is empty")
                continue
            category = self.relationship(values.get("relationship", ""))
            self.out.contacts.add(row, mis_id, forename, surname, category)
