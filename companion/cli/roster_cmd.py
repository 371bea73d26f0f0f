"""``postguard roster ...``: the DPO's import, status, rollback and verify (docs/roster.md).

Nothing printed here names a person, except the diff under ``--show-names``, which is only
allowed when standard output is a terminal (the DPO's own screen, not a file or a pipe).
"""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion import native_heap
from companion.cli import bundle_cmds
from companion.cli.errors import CliError
from companion.engine.snapshot_store import compiled_index, roster_in_force
from companion.matching.index_process import NameTablesProcess
from companion.matching.lexicon import name_lexicon
from companion.policy import load_policy
from companion.roster.dates import BadDate, parse_uk_date
from companion.roster.diff import Fingerprints, RosterDiff, Shrink, diff_tables, shrinkage
from companion.roster.in_force import RosterInForce
from companion.roster.model import Person
from companion.roster.people_table import PeopleTable
from companion.roster.store import (
    ANY_VERSION,
    RosterStore,
    RosterStoreError,
    open_roster_store,
)
from companion.secrets import SecretsUnavailableError
from companion.settings import Settings

if TYPE_CHECKING:
    from companion.roster.importing import ImportResult

FRESH = "postguard roster import --fresh FILE... starts again from the export"
LARGE_FILE_ROWS = 20_000  # below this an import is instant and needs no progress display


def register(subparsers: Any) -> None:
    roster = subparsers.add_parser("roster", help="import and manage the pupil roster (DPO)")
    roster.set_defaults(func=lambda _args: _usage(roster))
    actions = roster.add_subparsers(dest="roster_action", metavar="ACTION")

    imp = actions.add_parser("import", help="load the MIS export files; print what changes")
    imp.add_argument("files", nargs="+", metavar="FILE", type=Path, help="CSV, XLSX or HTML")
    imp.add_argument("--dry-run", action="store_true", help="show the changes, save nothing")
    imp.add_argument("--json", action="store_true", help="print a JSON report")
    expiry = imp.add_mutually_exclusive_group()
    expiry.add_argument(
        "--expires",
        type=_expiry,
        metavar="DATE",
        help="after this date (DD/MM/YYYY or YYYY-MM-DD) every check says the roster is out of "
        "date; carried over to later imports until changed or cleared",
    )
    expiry.add_argument("--no-expiry", action="store_true", help="clear the expiry date")
    imp.add_argument(
        "--allow-shrink",
        action="store_true",
        help="accept an import that removes more than 30%% of the pupils, contacts or staff",
    )
    imp.add_argument(
        "--show-names", action="store_true", help="list who changes (terminal output only)"
    )
    imp.add_argument(
        "--fresh",
        action="store_true",
        help="start the roster history again when the stored one can no longer be opened "
        "(its key was lost): no diff, nothing carried over, old versions removed",
    )
    imp.set_defaults(func=import_command)

    status = actions.add_parser("status", help="version, import time, counts, staleness")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=status_command)

    rollback = actions.add_parser("rollback", help="restore the previous roster version")
    rollback.set_defaults(func=rollback_command)

    verify = actions.add_parser("verify", help="decrypt and check every kept roster version")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=verify_command)

    bundle = actions.add_parser("bundle", help="build the signed roster bundle for staff PCs")
    bundle.add_argument("--out", required=True, type=Path, metavar="FILE")
    bundle.set_defaults(func=bundle_cmds.bundle_command)

    fetch = actions.add_parser("fetch", help="pull the signed roster bundle IT configured")
    fetch.set_defaults(func=bundle_cmds.fetch_command)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _expiry(text: str) -> date:
    try:
        return parse_uk_date(text)
    except BadDate as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def open_store(settings: Settings | None = None) -> RosterStore:
    """The real store: the keyring (never a plaintext backend) and the configured data dir."""
    try:
        return open_roster_store(settings or Settings())
    except SecretsUnavailableError as exc:
        raise CliError(str(exc)) from None


def _operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _progress_printer() -> Any:
    last: dict[str, int] = {}
    began: dict[str, tuple[float, int]] = {}  # when and at which row a file's ticks began
    tty = sys.stderr.isatty()

    def show(path: str, done: int, total: int) -> None:
        since, first = began.setdefault(path, (time.perf_counter(), done))
        if total < LARGE_FILE_ROWS:
            return
        percent = min(done * 100 // total, 100)
        step = percent if tty else percent // 25 * 25  # a log gets four lines, a screen a bar
        if last.get(path) == step:
            return
        last[path] = step
        bar = "#" * (percent // 5)
        end = "\n" if done == total or not tty else ""
        elapsed = time.perf_counter() - since
        rate = f", {(done - first) / elapsed:,.0f} rows/s" if done > first and elapsed > 0 else ""
        print(
            f"\rreading {Path(path).name}: [{bar:<20}] {percent:3d}% {done:,} rows{rate}",
            end=end,
            file=sys.stderr,
        )

    return show


def import_command(args: argparse.Namespace) -> int:
    # An import makes hundreds of thousands of objects and no reference cycles: the cyclic
    # collector would walk them all again and again (a quarter of a 400,000-person import).
    enabled = gc.isenabled()
    gc.disable()
    native_heap.map_large_blocks()  # its index and roster buffers go back as soon as freed
    try:
        return _import(args)
    finally:
        if enabled:
            gc.enable()


def _import(args: argparse.Namespace) -> int:
    if args.show_names and not sys.stdout.isatty():
        raise CliError("--show-names prints names only to a terminal, not to a file or pipe")
    if args.expires and args.expires <= date.today():
        raise CliError(f"--expires {args.expires:%d/%m/%Y} is not in the future")
    store = open_store()
    # The name tables are made on the other core while the roster is sealed. The process starts
    # first: its start-up is over by the time the files are read, and it begins as a copy of
    # this one while this one is small, not once the roster in force is read (a trust's is
    # 130 MB; a copy of it, however brief, counted in the second process's peak).
    tables = NameTablesProcess() if args.dry_run else NameTablesProcess().start()
    try:
        return _import_with(args, store, tables)
    finally:
        tables.close()


def _import_with(args: argparse.Namespace, store: RosterStore, tables: NameTablesProcess) -> int:
    from companion.roster.importing import RosterImportError, import_files

    # Loaded before the files are read, not once the people are: what is made then and kept
    # sits among the people's freed memory and holds it from the system.
    nicknames = name_lexicon().nicknames
    current = _current_roster(store, fresh=args.fresh)
    try:
        # A dry run with nothing stored makes no key (nor the store's id): it keeps nothing.
        key = None if args.dry_run and current is None else store.person_key_secret()
    except RosterStoreError as exc:
        raise CliError(str(exc)) from None
    expires = _expiry_for(args, current)
    # What the diff needs of the roster in force (13 MB at a trust's size). The roster itself
    # is handed to the import, which lets it go (its people's rows: 21 MB) once it has carried
    # over from it, before it packs the new people: nothing here keeps it.
    was = _Was.of(current, args.show_names)
    handed_over = [current]
    del current
    try:
        result = import_files(
            args.files,
            legal_leaving_age=load_policy().legal_leaving_age,
            roster_key=key,
            current=handed_over.pop(),
            expires=expires,
            progress=_progress_printer(),
            names_ahead=tables.names_ahead,
            # Their name groups sent before the people are packed and let go (below).
            people_known=None if args.dry_run else _sent_to(tables, nicknames),
            packed=True,
        )
    except RosterImportError as exc:
        message = str(exc).splitlines()[0]
        if args.json:
            files = [r.to_json() for r in exc.reports]
            print(json.dumps({"ok": False, "error": message, "files": files}))
        else:
            for line in exc.details():
                print(line, file=sys.stderr)
        raise CliError(message) from None
    if args.dry_run:
        before = was.diffed(PeopleTable.of(result.roster.people))
        shrinks = [] if args.allow_shrink else shrinkage(before.diff)
        _report_import(args, result, before, None, shrinks)
        return 0
    based_on = ANY_VERSION if args.fresh else was.version
    # The diff and the shrink guard read the new people's table as the index is made, after
    # the roster is sealed and the name tables have come, and nothing is written before they
    # pass.
    guard = _Guard(was, refuse_shrink=not args.allow_shrink)
    del was  # held by the guard alone, which lets it go once it has diffed
    try:
        version = store.save(
            result.roster,
            operator=_operator(),
            fresh=args.fresh,
            index=lambda stamped: compiled_index(stamped, tables.write_into, guard),
            based_on=based_on,
        )
    except _Refused as refused:
        message = _shrink_message(refused.shrinks)
        if args.json:
            print(json.dumps({"ok": False, "error": message, "refused": "shrink"}))
        else:
            _report_import(args, result, refused.before, None, refused.shrinks, refused=True)
        raise CliError(message) from None
    except RosterStoreError as exc:
        raise CliError(str(exc)) from None
    assert guard.before is not None  # the index is always made, and it diffs
    _report_import(args, result, guard.before, version, [])
    return 0


def _sent_to(
    tables: NameTablesProcess, nicknames: dict[str, frozenset[str]]
) -> Callable[[Sequence[Person]], None]:
    return lambda people: tables.send(people, nicknames)


@dataclass(frozen=True, slots=True)
class _Before:
    """What the report needs of the roster in force, once it is let go."""

    diff: RosterDiff
    version: str | None  # None: there was no roster before
    needs_reimport: bool


@dataclass(frozen=True, slots=True)
class _Was:
    """What the diff and the save need of the roster in force."""

    people: Fingerprints | None
    version: str | None  # None: there was no roster before
    needs_reimport: bool
    show_names: bool

    @classmethod
    def of(cls, current: RosterInForce | None, show_names: bool) -> _Was:
        if current is None:
            return cls(None, None, False, show_names)
        people = Fingerprints.of(current.people, keep_people=show_names)
        return cls(people, current.version, current.needs_reimport, show_names)

    def diffed(self, new: PeopleTable) -> _Before:
        diff = diff_tables(self.people, new, show_names=self.show_names)
        return _Before(diff, self.version, self.needs_reimport)


class _Refused(Exception):
    def __init__(self, before: _Before, shrinks: list[Shrink]) -> None:
        super().__init__("shrink")
        self.before, self.shrinks = before, shrinks


class _Guard:
    """Shown the new people's table as the index is made: diffs it with the roster in force
    (then lets that go: 13 MB at a trust's size), and raises ``_Refused``, which stops the
    save before anything is written, for a shrink."""

    def __init__(self, was: _Was, *, refuse_shrink: bool) -> None:
        self._was: _Was | None = was
        self._refuse_shrink = refuse_shrink
        self.before: _Before | None = None

    def __call__(self, new: PeopleTable) -> None:
        was, self._was = self._was, None
        if was is None:
            raise RuntimeError("the guard diffs one table")
        self.before = was.diffed(new)
        del was
        # What the roster in force and the diff held is free now, but glibc keeps it: handed
        # back before the index is sealed and written.
        native_heap.trim()
        shrinks = shrinkage(self.before.diff) if self._refuse_shrink else []
        if shrinks:
            raise _Refused(self.before, shrinks)


def _current_roster(store: RosterStore, fresh: bool) -> RosterInForce | None:
    """The roster in force, to diff against and carry over from; None under ``--fresh``, which
    is only for a store that can no longer be opened: it deletes every kept version, so it is
    refused while the roster in force (or a kept version to roll back to) still opens."""
    try:
        current = roster_in_force(store)
    except RosterStoreError as exc:
        if not fresh:
            raise CliError(f"{exc}; if it cannot be opened again: {FRESH}") from None
        _refuse_while_history_opens(store)
        return None
    if fresh and current is not None:
        raise CliError(
            "the roster in force opens on this computer, so --fresh (for a roster whose key is "
            "lost: it deletes every kept version) is refused; to replace it, import without "
            "--fresh (with --allow-shrink if the new one is smaller)"
        )
    return current


def _refuse_while_history_opens(store: RosterStore) -> None:
    """Under --fresh with the roster in force unreadable: refuse while an older kept version
    still opens (``roster rollback`` brings it back; --fresh would delete it)."""
    try:
        checks = store.verify()
    except RosterStoreError:  # no usable manifest: nothing can be rolled back to
        return
    readable = [c.version for c in checks if c.ok]
    if readable:
        raise CliError(
            f"roster version {readable[-1]} still opens: 'postguard roster rollback' brings it "
            "back, and --fresh would delete it"
        )


def _expiry_for(args: argparse.Namespace, current: RosterInForce | None) -> date | None:
    """The expiry to store: the one given, none when cleared, else the one in force."""
    if args.expires or args.no_expiry:
        return args.expires
    carried = current.expires if current else None
    if carried and carried <= date.today():
        print(
            f"note: the expiry carried over ({carried:%d/%m/%Y}) has passed, so checks will "
            "keep saying the roster is out of date; set a new one with --expires DATE",
            file=sys.stderr,
        )
    return carried


def _shrink_message(shrinks: list[Shrink]) -> str:
    what = " and ".join(s.describe() for s in shrinks)
    return (
        f"refused: this import would remove {what} at once, which usually means a partial or "
        "wrong export; nothing was changed. Check the files, or if the change is real (a new "
        "school year), run the same command with --allow-shrink"
    )


def _report_import(
    args: argparse.Namespace,
    result: ImportResult,
    before: _Before,
    version: str | None,
    shrinks: list[Shrink],
    *,
    refused: bool = False,
) -> None:
    """``shrinks``: what a real import is refused for (a dry run shows it)."""
    diff = before.diff
    if args.json:
        report = {
            "ok": True,
            "dry_run": args.dry_run,
            "version": version,
            "counts": result.roster.counts(),
            "changes": diff.to_json(),
            "carried_over": list(result.carried_over),
            "files": [r.to_json() for r in result.reports],
        }
        if shrinks and args.dry_run:
            report["would_be_refused"] = {"refused": "shrink", "error": _shrink_message(shrinks)}
        print(json.dumps(report, ensure_ascii=False))
        return
    for report in result.reports:
        print(f"read {report.summary()} [{report.fmt}]")
        for warning in report.warnings:
            print(f"  warning: {warning}")
    if result.carried_over:
        print(f"kept from the current roster: {', '.join(result.carried_over)}")
    if before.needs_reimport:
        print(
            "note: the roster in force was read under the old leaving-date rule ('Leaving Date' "
            "taken as the legal leaving date); this import reads it as the day the pupil left"
        )
    print("changes:" if before.version is not None else "changes (no roster before):")
    for line in diff.lines():
        print(line)
    expires = result.roster.expires
    print(f"expires: {expires:%d/%m/%Y}" if expires else "expires: no expiry date set")
    if refused:
        return
    if version is None:
        if shrinks:
            print(f"note: a real import would be {_shrink_message(shrinks)}")
        print("dry run: nothing was saved")
    else:
        total = len(result.roster.people)
        print(f"roster version {version} is now in force ({total} people)")


def status_command(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        info = store.info()
    except RosterStoreError as exc:
        raise CliError(str(exc)) from None
    if info is None:
        raise CliError("no roster has been imported yet; run 'postguard roster import FILE'", 1)
    status = {
        "version": info.version,
        "imported_at": info.imported_at,
        "counts": info.counts,
        "stale": info.stale(),
        "expires": info.expires.isoformat() if info.expires else None,
    }
    if args.json:
        print(json.dumps(status))
        return 0
    print(f"version:     {info.version}")
    print(f"imported at: {info.imported_at}")
    print("counts:      " + ", ".join(f"{role} {n}" for role, n in info.counts.items()))
    expiry = f"{info.expires:%d/%m/%Y}" if info.expires else "none set"
    print(f"expires:     {expiry}" + (" (STALE: import a new roster)" if info.stale() else ""))
    return 0


def rollback_command(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        roster, rolled_from = store.rollback(operator=_operator())
    except RosterStoreError as exc:
        raise CliError(str(exc)) from None
    counts = ", ".join(f"{role} {n}" for role, n in roster.counts().items())
    print(f"rolled back: roster version {roster.version} is in force again ({counts})")
    print(f"version {rolled_from} is kept: 'postguard roster rollback' again puts it back in force")
    return 0


def verify_command(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        checks = store.verify()
    except RosterStoreError as exc:
        raise CliError(str(exc)) from None
    if not checks:
        raise CliError("no roster has been imported yet; nothing to verify", 1)
    if args.json:
        print(json.dumps([{"version": c.version, "ok": c.ok, "detail": c.detail} for c in checks]))
    else:
        for check in checks:
            current = " (current)" if check is checks[-1] else ""
            print(f"{'ok  ' if check.ok else 'FAIL'} {check.version}{current}: {check.detail}")
    bad = [c for c in checks if not c.ok]
    if bad:
        raise CliError(f"{len(bad)} of {len(checks)} kept roster versions failed verification", 1)
    return 0
