"""One pull: fetch, verify, and hand a new roster to the roster store; record the outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from companion.distribution import roster_payload
from companion.distribution.bundle import open_bundle
from companion.distribution.config import (
    SchoolFromBundle,
    SetupConfig,
    load_school_record,
    load_setup,
    load_state,
    record,
    save_school_record,
    school_key_secret_name,
)
from companion.distribution.errors import BundleRefused, DistributionError
from companion.distribution.fetch import fetch_bundle
from companion.distribution.keys import parse_school_key
from companion.roster.model import Roster
from companion.secrets import SecretStore

if TYPE_CHECKING:
    from companion.photos.crest_template import CrestTemplate
    from companion.school.store import SchoolStore


class RosterSink(Protocol):
    """The part of the roster store a pull needs."""

    def current_version(self) -> str | None: ...

    def save(
        self, roster: Roster, operator: str, index: Callable[[Roster], Any] | None = None
    ) -> str: ...


@dataclass(frozen=True, slots=True)
class PullOutcome:
    changed: bool
    version: int
    roster_version: str
    people: int
    school_profile: bool = False  # the bundle carried the school profile, now the one in force
    crest: bool = False  # ... with a crest (without one, any crest here was cleared)
    school_note: str = ""  # what of the bundle's school profile was left out or not used


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def require_setup(home: Path) -> SetupConfig:
    config = load_setup(home)
    if config is None:
        raise DistributionError(
            "no bundle source is set up on this machine; run 'postguard setup --bundle-source "
            "PATH_OR_URL --school-key-file FILE --signing-key-file FILE'"
        )
    return config


def pull_once(home: Path, secrets: SecretStore, store: RosterSink) -> PullOutcome:
    """Install the source's bundle if it is newer; anything wrong leaves the roster in force."""
    from companion.roster.store import RosterStoreError

    config = require_setup(home)
    attempt = _now()
    try:
        outcome = _pull(home, config, secrets, store)
    except DistributionError as exc:
        record(home, last_attempt=attempt, last_error=str(exc))
        raise
    except RosterStoreError as exc:  # this machine's store, not the bundle: say which
        message = f"this computer's roster store could not take the bundle: {exc}"
        record(home, last_attempt=attempt, last_error=message)
        raise DistributionError(message) from None
    except Exception as exc:  # never a stale "last error", never a traceback from a bad file
        message = f"the bundle could not be read ({type(exc).__name__})"
        record(home, last_attempt=attempt, last_error=message)
        raise DistributionError(message) from None
    record(
        home,
        last_attempt=attempt,
        last_success=attempt,
        last_error="",
        installed_version=outcome.version,
        roster_version=outcome.roster_version,
    )
    return outcome


def _pull(home: Path, config: SetupConfig, secrets: SecretStore, store: RosterSink) -> PullOutcome:
    school_text = secrets.get(school_key_secret_name(config.key_id))
    if not school_text:
        raise DistributionError(
            "the school key is missing from this machine's keyring; run 'postguard setup' again"
        )
    school_key = parse_school_key(school_text, "the keyring's school key")
    state = load_state(home)
    data = fetch_bundle(config.source, config.ca_file)
    opened = open_bundle(
        data,
        school_key=school_key,
        signer=config.pinned_key(),
        installed_version=state.installed_version,
    )
    header = opened.header
    # The same bundle again is a no-op, unless the store moved away from it (a local rollback).
    if header.version == state.installed_version and (
        store.current_version() == state.roster_version
    ):
        return PullOutcome(False, header.version, state.roster_version, -1)
    roster = roster_payload.decode(opened.payload)
    carried = roster_payload.carried_index(opened.payload)
    school = _checked_school(home, opened.payload)
    operator = f"bundle {header.version} ({header.school})"
    # The roster first: it is what keeps pupils safe, and a bundle's school profile that this
    # machine cannot use never holds it back.
    if carried is None:
        saved_as = store.save(roster, operator=operator)
    else:
        from companion.roster.store import RosterStoreError

        try:
            saved_as = store.save(roster, operator=operator, index=_carried(carried))
        except RosterStoreError:  # an index this machine cannot use: it builds its own
            saved_as = store.save(roster, operator=operator)
    note = _install_school(home, header.version, school)
    return PullOutcome(
        True,
        header.version,
        saved_as,
        len(roster.people),
        school_profile=isinstance(school, _School),
        crest=isinstance(school, _School) and school.crest is not None,
        school_note=note,
    )


@dataclass(frozen=True, slots=True)
class _School:
    store: SchoolStore
    overrides: dict[str, Any]
    crest: CrestTemplate | None
    note: str  # what was left out: fields this Postguard does not know, a crest it cannot read


def _checked_school(home: Path, payload: bytes) -> _School | str | None:
    """The bundle's school profile checked as this machine's own files are (every value, the
    crest template), or why it cannot be used, or None when the bundle carries none (a DPO's
    Postguard from before November 2026, or a DPO who never set one: the profile here stays).
    Fields this Postguard does not know (a newer DPO's) are left out, and a crest in a format
    it cannot read leaves the crest here as it is: the rest of the profile is still used."""
    from companion.photos.crest_template import CrestTemplate, CrestTemplateError
    from companion.school.profile import FIELDS, SchoolProfileError
    from companion.school.store import SchoolStore

    try:
        carried = roster_payload.carried_school(payload)
    except BundleRefused as exc:
        return str(exc)
    if carried is None:
        return None
    store = SchoolStore(home)
    known = {k: v for k, v in carried.overrides.items() if k in FIELDS}
    unknown = sorted(set(carried.overrides) - set(known))
    notes = []
    if unknown:
        notes.append(f"fields this Postguard does not know were left out ({', '.join(unknown)})")
    try:
        store.applied(known)
    except SchoolProfileError as exc:
        return f"the bundle's school profile cannot be used: {exc}"
    crest: CrestTemplate | None = None
    if carried.crest is not None:
        try:
            crest = CrestTemplate.from_bytes(carried.crest)
        except CrestTemplateError as exc:
            notes.append(f"its crest cannot be read ({exc}), so the crest here is unchanged")
            crest = store.crest_or_none()
    return _School(store, known, crest, "; ".join(notes))


def _install_school(home: Path, version: int, school: _School | str | None) -> str:
    """Make the bundle's school profile the one in force and record where it came from; the
    note ``doctor`` and ``roster fetch`` show ("" when all of it was used)."""
    if school is None:
        return ""
    try:
        record = load_school_record(home)
    except DistributionError:  # a damaged record only says where the profile came from
        record = SchoolFromBundle()
    if isinstance(school, str):  # the roster is in; the profile here stays as it was
        note = f"bundle {version}'s school profile was not used: {school}"
        save_school_record(home, replace(record, note=note))
        return note
    try:
        school.store.install(school.overrides, school.crest)
    except OSError as exc:
        note = f"bundle {version}'s school profile could not be written ({exc.strerror})"
        save_school_record(home, replace(record, note=note))
        return note
    save_school_record(home, SchoolFromBundle(version, school.crest is not None, school.note))
    return school.note


def _carried(index: bytes) -> Callable[[Roster], Any]:
    """The bundle's compiled index, saved as the index of the version the store makes (the
    server then loads it instead of building it: seconds, at a trust's size)."""
    from companion.roster.store import index_for_version

    return lambda stamped: index_for_version(index, stamped.version)
