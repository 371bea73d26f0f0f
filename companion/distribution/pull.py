"""One pull: fetch, verify, and hand a new roster to the roster store; record the outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from companion.distribution import roster_payload
from companion.distribution.bundle import open_bundle
from companion.distribution.config import (
    SetupConfig,
    load_setup,
    load_state,
    record,
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
    config = require_setup(home)
    attempt = _now()
    try:
        outcome = _pull(home, config, secrets, store)
    except DistributionError as exc:
        record(home, last_attempt=attempt, last_error=str(exc))
        raise
    except Exception as exc:  # never a stale "last error", never a traceback from a bad file
        message = f"the bundle could not be read ({type(exc).__name__})"
        record(home, last_attempt=attempt, last_error=message)
        raise DistributionError(message) from None
    school = {"school_profile_bundle": outcome.version, "school_crest": outcome.crest}
    record(
        home,
        last_attempt=attempt,
        last_success=attempt,
        last_error="",
        installed_version=outcome.version,
        roster_version=outcome.roster_version,
        **(school if outcome.school_profile else {}),  # a bundle without one changed nothing
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
    school = _checked_school(home, roster_payload.carried_school(opened.payload))
    # Everything is checked; the school profile is written first, so a failure after it still
    # leaves the roster in force (the next pull writes both again).
    if school is not None:
        school.store.install(school.overrides, school.crest)
    operator = f"bundle {header.version} ({header.school})"
    if carried is None:
        saved_as = store.save(roster, operator=operator)
    else:
        from companion.roster.store import RosterStoreError

        try:
            saved_as = store.save(roster, operator=operator, index=_carried(carried))
        except RosterStoreError:  # an index this machine cannot use: it builds its own
            saved_as = store.save(roster, operator=operator)
    return PullOutcome(
        True,
        header.version,
        saved_as,
        len(roster.people),
        school_profile=school is not None,
        crest=school is not None and school.crest is not None,
    )


@dataclass(frozen=True, slots=True)
class _School:
    store: SchoolStore
    overrides: dict[str, Any]
    crest: CrestTemplate | None


def _checked_school(home: Path, carried: roster_payload.CarriedSchool | None) -> _School | None:
    """The bundle's school profile checked exactly as this machine's own files are (unknown
    fields, every value, the crest template); a bad one refuses the whole bundle."""
    if carried is None:
        return None  # a bundle from an older DPO: the profile here stays as it is
    from companion.photos.crest_template import CrestTemplate, CrestTemplateError
    from companion.school.profile import SchoolProfileError
    from companion.school.store import SchoolStore, checked_overrides

    store = SchoolStore(home)
    try:
        overrides = checked_overrides(carried.overrides, "it")
        store.applied(overrides)
        crest = None if carried.crest is None else CrestTemplate.from_bytes(carried.crest)
    except SchoolProfileError as exc:
        raise BundleRefused(f"the bundle's school profile cannot be used: {exc}") from None
    except CrestTemplateError as exc:
        raise BundleRefused(f"the bundle's school crest cannot be used: {exc}") from None
    return _School(store, overrides, crest)


def _carried(index: bytes) -> Callable[[Roster], Any]:
    """The bundle's compiled index, saved as the index of the version the store makes (the
    server then loads it instead of building it: seconds, at a trust's size)."""
    from companion.roster.store import index_for_version

    return lambda stamped: index_for_version(index, stamped.version)
