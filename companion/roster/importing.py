"""Import the DPO's MIS export files into a new ``Roster`` (docs/roster.md), or refuse with reasons.

All-or-nothing: any unreadable file, missing column or bad row fails the whole import with a
report per file (columns found, columns needed, first bad rows by number) and nothing changes.
Kinds of people the files do not cover (e.g. staff, when only the pupil export is given) are
carried over from the current roster, so a term's pupil update does not wipe the staff list.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from companion import native_heap
from companion.roster.headers import (
    NearestNames,
    Vocabulary,
    load_vocabulary,
    map_columns,
    nearest_known,
)
from companion.roster.identity import PersonKeys
from companion.roster.in_force import RosterInForce
from companion.roster.model import LEAVING_DATES_READING, Person, Role, Roster
from companion.roster.people_table import PeopleKeys, PeopleTable
from companion.roster.records import (
    MAX_PROBLEMS_SHOWN,
    REQUIRED,
    ContactRecord,
    ContactSink,
    FileRecords,
    FileRole,
    Problem,
    ReadOptions,
    classify,
    clean_cell,
    read_records,
)
from companion.roster.tables import NoHeader, Table, read_table
from companion.roster.textfile import UnreadableFile

FileProgress = Callable[[str, int, int], None]

# A cell of digits (an id, a date, a time, a phone number): no column is named so.
_VALUE = re.compile(r"[\d\s/.:\-+()]*\d[\d\s/.:\-+()]*")
ACCEPTED_SHOWN = 8  # names listed per missing field in the human output (JSON has them all)


@dataclass(slots=True)
class FileReport:
    """What one file held: never names, so it may be printed and logged."""

    path: str
    fmt: str = ""
    kind: str = ""
    found: list[str] = field(default_factory=list)
    needed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    warnings: list[Problem] = field(default_factory=list)
    # On a refusal for columns: known names close to the columns found, and every name each
    # missing field may be given.
    nearest: list[NearestNames] = field(default_factory=list)
    accepted: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.error or self.missing or self.problem_count)

    def summary(self) -> str:
        name = Path(self.path).name
        if self.error:
            return f"{name}: {self.error}"
        if self.missing:
            return f"{name}: no {', '.join(self.missing)} column in this {self.kind} file"
        if self.problem_count:
            return f"{name}: {self.problem_count} bad row(s), first {self.problems[0]}"
        return f"{name}: {self.kind}, {self.rows} row(s)"

    def details(self) -> list[str]:
        """Multi-line explanation for the DPO: found vs needed columns and the first bad rows."""
        lines = [self.summary()]
        if self.found and not self.ok:
            lines.append(f"  columns found: {', '.join(self.found)}")
        if self.needed and not self.ok:
            lines.append(f"  columns needed: {', '.join(self.needed)}")
        if self.nearest:
            lines.append(f"  nearest known names: {'; '.join(map(str, self.nearest))}")
        elif self.accepted:
            lines.append("  nearest known names: none close to the columns found")
        for name, synonyms in self.accepted.items():
            shown = ", ".join(synonyms[:ACCEPTED_SHOWN])
            more = ", ..." if len(synonyms) > ACCEPTED_SHOWN else ""
            lines.append(f"  {name} may be called: {shown}{more}")
        lines.extend(f"  {p}" for p in self.problems)
        hidden = self.problem_count - len(self.problems)
        if hidden > 0:
            lines.append(f"  ... and {hidden} more bad row(s)")
        return lines

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.fmt,
            "kind": self.kind,
            "rows": self.rows,
            "counts": self.counts,
            "columns_found": self.found,
            "columns_needed": self.needed,
            "columns_missing": self.missing,
            "error": self.error,
            "bad_rows": [{"row": p.row, "problem": p.message} for p in self.problems],
            "bad_row_count": self.problem_count,
            "warnings": [{"row": p.row, "warning": p.message} for p in self.warnings],
            "nearest_known_columns": [n.to_json() for n in self.nearest],
            "accepted_columns": self.accepted,
        }


class RosterImportError(Exception):
    """The import was refused; ``reports`` say why, file by file. Nothing was changed."""

    def __init__(self, message: str, reports: Sequence[FileReport]) -> None:
        super().__init__(message)
        self.reports = list(reports)

    def details(self) -> list[str]:
        return [line for report in self.reports if not report.ok for line in report.details()]


@dataclass(frozen=True, slots=True)
class ImportResult:
    roster: Roster
    reports: list[FileReport]
    carried_over: tuple[str, ...] = ()  # roles kept from the current roster


def import_files(
    paths: Iterable[Path | str],
    *,
    today: date | None = None,
    legal_leaving_age: int = 18,
    roster_key: bytes | None = None,
    current: RosterInForce | None = None,
    expires: date | None = None,
    progress: FileProgress | None = None,
    names_ahead: Callable[[Iterable[str]], None] | None = None,
    people_known: Callable[[Sequence[Person]], None] | None = None,
    packed: bool = False,
) -> ImportResult:
    """Read every file and build the new roster, or raise ``RosterImportError``.

    ``roster_key`` keys the opaque person keys (pass the store's key so versions diff);
    ``current`` is the roster in force, for carrying over kinds the files do not cover and for
    checking contacts against its pupils; ``progress(path, rows_done, rows_total)`` reports
    large files; ``names_ahead(names)`` is told the pupils' and staff's names once they are
    read, before the contacts are (the name index's forms are worked out meanwhile);
    ``people_known(people)`` is shown everyone once the roster is whole. ``packed``: the
    roster's people are a ``PeopleTable``, each person let go as their row is packed (a trust's
    400,000 people are 150 MB as objects, 31 MB packed: the most an import holds at once).
    """
    options = ReadOptions(today=today or date.today(), legal_age=legal_leaving_age)
    vocab = load_vocabulary()
    paths = [Path(p) for p in paths]
    if not paths:
        raise RosterImportError("no files given", [])
    builder = _Builder(PersonKeys(roster_key), current)
    del current  # the builder's, which lets it go as soon as it can (take_from_current)
    reports = _read_files(paths, vocab, options, builder, progress, names_ahead)
    failed = [r for r in reports if not r.ok]
    if failed:
        raise RosterImportError("cannot import: " + "; ".join(r.summary() for r in failed), reports)
    people = builder.people()
    if not people:
        raise RosterImportError("cannot import: the files hold no people", reports)
    # Pupils carried over keep the leaving-date reading they were imported under.
    carried = builder.carried_over()
    reading = LEAVING_DATES_READING
    if builder.leaving_dates_reading is not None and FileRole.PUPILS.value in carried:
        reading = min(reading, builder.leaving_dates_reading)
    # The builder's tables of people by key: the list is the only hold on them now. And the
    # roster in force, carried over from, if the builder still held it: its people's rows go
    # too, where the caller handed it over.
    del builder
    if people_known is not None:
        people_known(people)
    kept: Sequence[Person]
    if packed:
        native_heap.trim()  # what reading the files and the builder's tables held: handed back
        kept = PeopleTable.of(people, let_go=True)
        native_heap.trim()
    else:
        kept = tuple(people)
    del people
    roster = Roster(
        people=kept,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        expires=expires,
        source="import",
        # Not the content hash Roster would work out (a second of a trust's import spent on
        # sorting and hashing 400,000 people): the store stamps the version it saves anyway.
        version=f"unsaved-{secrets.token_hex(6)}",
        leaving_dates_reading=reading,
    )
    return ImportResult(roster=roster, reports=reports, carried_over=carried)


def _read_files(
    paths: list[Path],
    vocab: Vocabulary,
    options: ReadOptions,
    builder: _Builder,
    progress: FileProgress | None,
    names_ahead: Callable[[Iterable[str]], None] | None,
) -> list[FileReport]:
    """Every file read into ``builder``; their reports. (What reading holds goes with it.)"""
    # Every file's header first; then pupils and staff, so that a contacts file is checked
    # against every pupil as its rows are read, never held whole. Contacts are still linked in
    # the order the files were given.
    opened = [_open(p, vocab) for p in paths]
    builder.take_from_current(table for _, table in opened if table is not None)
    loaded: list[FileRecords | None] = [None] * len(paths)
    for number, (report, table) in enumerate(opened):
        if table is not None and classify(table.columns)[0] is not FileRole.CONTACTS:
            loaded[number] = records = _read(report, table, vocab, options, progress)
            if records is not None and report.ok:
                builder.add(records, report)
                records.pupils, records.staff = [], []  # people now: only wide contacts wait
    if names_ahead is not None:
        names_ahead(builder.names())
    known = builder.known_pupils()
    for number, (report, table) in enumerate(opened):
        if table is not None and loaded[number] is None and not report.error:
            sink = _ContactSink(builder, known)
            loaded[number] = records = _read(report, table, vocab, options, progress, sink)
            if records is not None and report.ok:
                builder.add(records, report)
                _add_problems(report, sink.unknown)
        elif (records := loaded[number]) is not None and report.ok:
            builder.link(records.contacts, report, known)
    return [report for report, _ in opened]


def _open(path: Path, vocab: Vocabulary) -> tuple[FileReport, Table | None]:
    """The file's report so far and its table, its header read (rows are read later)."""
    report = FileReport(path=str(path))
    try:
        table = read_table(path, vocab)
    except NoHeader as exc:
        report.needed = ["forename", "surname", "pupil_id (pupils and contacts)"]
        mapping = map_columns(exc.found, vocab)
        missing = tuple(n for n in ("forename", "surname", "pupil_id") if not mapping.has(n))
        if any(_VALUE.fullmatch(cell) for cell in exc.found):
            # An id or a date: a pupil's row (a file saved without its header row), never shown
            report.error = (
                f"{exc}: its first row holds values (an id or a date), not column names (was "
                "the file saved without its header row?)"
            )
            report.accepted = {n: list(vocab.labels[n]) for n in missing}
            return report, None
        shown = ", ".join(exc.found[:12]) + (", ..." if len(exc.found) > 12 else "")
        report.error, report.found = f"{exc} (first row: {shown or 'nothing'})", exc.found
        _suggest(report, vocab, missing)
        return report, None
    except UnreadableFile as exc:
        report.error = str(exc)
        return report, None
    report.fmt = table.fmt
    report.found = [clean_cell(h) for h in table.header if clean_cell(h)]
    return report, table


def _read(
    report: FileReport,
    table: Table,
    vocab: Vocabulary,
    options: ReadOptions,
    progress: FileProgress | None,
    contacts: ContactSink | None = None,
) -> FileRecords | None:
    """The table's rows read into records (contacts into ``contacts`` when given)."""
    path = report.path
    tick = (lambda done, total: progress(path, done, total)) if progress else None
    try:
        records = read_records(table, vocab, options, tick, contacts)  # reads rows as it goes
    except UnreadableFile as exc:  # a malformed line further down a CSV
        report.error = str(exc)
        return None
    report.rows = records.rows
    if not records.rows:
        report.error = (
            "it has column headers but no rows of people (an export run with no results?); "
            "nothing was imported"
        )
        return None
    report.kind = records.role.value if records.role else ""
    report.needed = [vocab.display_names(n) for n in _required(records)]
    report.missing = [vocab.display_names(n) for n in records.missing]
    if records.missing:
        _suggest(report, vocab, records.missing)
    report.counts = {
        "pupils": len(records.pupils),
        "contacts": len(records.contacts),
        "staff": len(records.staff),
    }
    _add_problems(report, records.problems)
    report.warnings = records.warnings[:MAX_PROBLEMS_SHOWN]
    return records


def _suggest(report: FileReport, vocab: Vocabulary, missing: tuple[str, ...]) -> None:
    """What a refusal for columns adds: the nearest known names, and what each field may be."""
    report.nearest = nearest_known(report.found, vocab, missing)
    report.accepted = {name: list(vocab.labels[name]) for name in missing}


def _required(records: FileRecords) -> tuple[str, ...]:
    return REQUIRED[records.role.value] if records.role else ()


def _add_problems(report: FileReport, problems: list[Problem]) -> None:
    room = MAX_PROBLEMS_SHOWN - len(report.problems)
    report.problems.extend(problems[: max(room, 0)])
    report.problem_count += len(problems)


class _ContactSink:
    """A contacts file's records as they are read: each is added to the roster at once (or
    kept as a problem), so no file's contacts are ever held as records."""

    def __init__(self, builder: _Builder, known: set[str]) -> None:
        self.builder = builder
        self.known = known
        self.count = 0
        self.unknown: list[Problem] = []

    def add(self, row: int, mis_id: str, forename: str, surname: str, relationship: str) -> None:
        self.count += 1
        problem = self.builder.contact(row, mis_id, forename, surname, relationship, self.known)
        if problem is not None:
            self.unknown.append(problem)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[ContactRecord]:
        return iter(())  # already added


# The people each kind of file holds.
_ROLES_OF = {
    FileRole.PUPILS: (Role.PUPIL, Role.EX_PUPIL),
    FileRole.CONTACTS: (Role.CONTACT,),
    FileRole.STAFF: (Role.STAFF,),
}


class _Builder:
    """Merges every file's records into people, with cross-file checks."""

    def __init__(self, keys: PersonKeys, current: RosterInForce | None) -> None:
        self.keys = keys
        self.current = current
        # What the roster in force had, and how its leaving dates were read: kept when it goes.
        self.had = {r: current is not None and current.has(_ROLES_OF[r]) for r in FileRole}
        self.leaving_dates_reading = current.leaving_dates_reading if current else None
        self.taken: dict[FileRole, list[Person]] = {}  # its people, carried over early
        # Who was in force: the roles' and keys' columns alone (shared, not copied), kept when
        # the roster goes, for checking contacts against its pupils.
        self.old_people: PeopleKeys | None = current.people.who() if current else None
        self.pupils: dict[str, Person] = {}
        self.pupil_rows: dict[str, tuple[str, int]] = {}
        self.contacts: dict[str, Person] = {}
        self.staff: dict[str, Person] = {}
        self.covered: set[FileRole] = set()
        self.links: dict[str, tuple[str]] = {}

    def add(self, records: FileRecords, report: FileReport) -> None:
        if records.role:
            self.covered.add(records.role)
        if records.contacts:
            self.covered.add(FileRole.CONTACTS)
        file_name = Path(report.path).name
        for pupil in records.pupils:
            key = self.keys.pupil(pupil.mis_id)
            if key in self.pupil_rows:
                where = self.pupil_rows[key]
                _add_problems(
                    report,
                    [Problem(pupil.row, f"duplicate pupil id (also in {where[0]} row {where[1]})")],
                )
                continue
            self.pupil_rows[key] = (file_name, pupil.row)
            self.pupils[key] = Person(
                key=key,
                role=Role.EX_PUPIL if pupil.left else Role.PUPIL,
                forename=pupil.forename,
                surname=pupil.surname,
                preferred_forename=pupil.preferred_forename,
                preferred_surname=pupil.preferred_surname,
                known_as=pupil.known_as,
                # Only the befriending rule for ex-pupils reads it; kept for a pupil on roll it
                # would be their date of birth by another name (found in review).
                legal_leaving_date=pupil.legal_leaving_date if pupil.left else None,
            )
        for member in records.staff:
            key = self.keys.staff(member.forename, member.surname)
            self.staff.setdefault(
                key,
                Person(
                    key,
                    Role.STAFF,
                    member.forename,
                    member.surname,
                    preferred_forename=member.preferred_forename,
                    title=member.title,
                ),
            )

    def names(self) -> set[str]:
        """Every name of the pupils and staff added so far."""
        names: set[str] = set()
        for person in (*self.pupils.values(), *self.staff.values()):
            names.update((person.forename, person.surname, *person.known_as))
            names.update(filter(None, (person.preferred_forename, person.preferred_surname)))
        return names

    def take_from_current(self, tables: Iterable[Table]) -> None:
        """Shown every file's header before any row is read: what the roster in force gives the
        kinds of people no file can hold (its people of those kinds, carried over) is taken
        now, and the roster let go (who was in it stays), unless a file may or may
        not hold a kind (a pupils file with columns for contacts). A term's update otherwise
        held the roster's rows (21 MB at a trust's size) beside every new person."""
        current = self.current
        if current is None:
            return
        surely = set()
        may = set()
        for table in tables:
            role = classify(table.columns)[0]
            surely.add(role)
            may.add(role)
            if role is FileRole.PUPILS and table.columns.wide:
                may.add(FileRole.CONTACTS)
        if may != surely:
            return
        for role in FileRole:
            if role not in surely and self.had[role]:
                self.taken[role] = current.people_with(_ROLES_OF[role])
        self.current = None

    def known_pupils(self) -> set[str]:
        """The keys of the pupils contacts may belong to, once every pupil file is added."""
        if FileRole.PUPILS in self.covered or self.old_people is None:
            return set(self.pupils)
        # Also where a pupils file was given but failed: its contacts are still checked against
        # the pupils in force, never all reported as bad rows (found in review).
        return self.old_people.keys_with(_ROLES_OF[FileRole.PUPILS])

    def link(self, contacts: Iterable[ContactRecord], report: FileReport, known: set[str]) -> None:
        unknown = []
        for c in contacts:
            problem = self.contact(c.row, c.mis_id, c.forename, c.surname, c.relationship, known)
            if problem is not None:
                unknown.append(problem)
        _add_problems(report, unknown)

    def contact(
        self,
        row: int,
        mis_id: str,
        forename: str,
        surname: str,
        relationship: str,
        known: set[str],
    ) -> Problem | None:
        """Adds a contact of a known pupil; otherwise says why not."""
        pupil_key = self.keys.pupil(mis_id)
        if pupil_key not in known:
            return Problem(row, f"contact of pupil id {mis_id}, not a pupil")
        key = self.keys.contact(forename, surname)
        existing = self.contacts.get(key)
        if existing is None:
            # A pupil's contacts share one (pupil_key,): a tuple each is megabytes at a trust.
            links = self.links.get(pupil_key)
            if links is None:
                links = self.links[pupil_key] = (pupil_key,)
            self.contacts[key] = Person(
                key=key,
                role=Role.CONTACT,
                forename=forename,
                surname=surname,
                relationship=relationship,
                pupil_keys=links,
            )
            return None
        links = existing.pupil_keys
        if pupil_key not in links:
            links = (*links, pupil_key)
        kept = existing.relationship
        if kept == "other" and relationship != "other":
            kept = relationship
        if links is not existing.pupil_keys or kept != existing.relationship:
            self.contacts[key] = replace(existing, relationship=kept, pupil_keys=links)
        return None

    def carried_over(self) -> tuple[str, ...]:
        return tuple(r.value for r in FileRole if r not in self.covered and self.had[r])

    def _old(self, role: FileRole) -> list[Person]:
        taken = self.taken.pop(role, None)
        if taken is not None:
            return taken
        if self.current is None:
            return []
        return self.current.people_with(_ROLES_OF[role])

    def people(self) -> list[Person]:
        pupils = list(self.pupils.values())
        if FileRole.PUPILS not in self.covered:
            pupils = self._old(FileRole.PUPILS)
        contacts = list(self.contacts.values())
        if FileRole.CONTACTS not in self.covered:
            contacts = self._carried_contacts({p.key for p in pupils})
        staff = list(self.staff.values())
        if FileRole.STAFF not in self.covered:
            staff = self._old(FileRole.STAFF)
        return [*pupils, *contacts, *staff]

    def _carried_contacts(self, pupil_keys: set[str]) -> list[Person]:
        """Old contacts, linked only to pupils still on the roster; unlinked ones go."""
        kept = []
        for person in self._old(FileRole.CONTACTS):
            links = tuple(k for k in person.pupil_keys if k in pupil_keys)
            if links == person.pupil_keys:
                kept.append(person)
            elif links:
                kept.append(replace(person, pupil_keys=links))
        return kept
