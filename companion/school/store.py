"""The school profile on disk: shipped defaults plus the DPO's changes in the data directory."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.policy import policy_resource
from companion.private_files import remove, write_atomic, write_json
from companion.school.matcher import SchoolMatcher
from companion.school.profile import FIELDS, SchoolProfile, SchoolProfileError

if TYPE_CHECKING:
    from companion.photos.crest_template import CrestTemplate

DEFAULT_PROFILE = "school/glazebury.toml"
OVERRIDES_FILE = "school.json"
CREST_FILE = "school-crest.bin"  # the crest (logo) template, beside the profile's changes


def shipped_profile() -> SchoolProfile:
    """The school profile policy_data ships (before the DPO's ``school set`` changes)."""
    with policy_resource(DEFAULT_PROFILE).open("rb") as fh:
        return SchoolProfile.from_dict(tomllib.load(fh))


class SchoolStore:
    """Reads the defaults, applies ``<home>/school.json`` over them, writes changes atomically."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / OVERRIDES_FILE

    def defaults(self) -> SchoolProfile:
        return shipped_profile()

    def overrides(self) -> dict[str, list[str]]:
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise SchoolProfileError(f"{self.path} cannot be read ({exc})") from exc
        return checked_overrides(raw, str(self.path))

    def load(self) -> SchoolProfile:
        return self.applied(self.overrides())

    def applied(self, overrides: dict[str, Any]) -> SchoolProfile:
        """The shipped profile with ``overrides`` (as ``school.json`` holds them) applied, each
        value validated; SchoolProfileError for any that cannot be used."""
        profile = self.defaults()
        for key, value in overrides.items():
            profile = profile.with_field(key, value if isinstance(value, list) else [value])
        return profile

    def install(self, overrides: dict[str, Any], crest: CrestTemplate | None) -> None:
        """Replace the profile's changes and the crest with another machine's (a roster
        bundle's), both already validated: ``checked_overrides``/``applied`` and
        ``CrestTemplate.from_bytes``. Each file is replaced atomically."""
        self._write(overrides)
        if crest is None:
            self.clear_crest()
        else:
            self.set_crest(crest)

    def set(self, key: str, values: list[str]) -> SchoolProfile:
        """Replace one field; validated against the whole profile before anything is written."""
        overrides = self.overrides()
        profile = self.load().with_field(key, values)
        overrides[key] = values if FIELDS[key] == "list" else values[0]  # type: ignore[assignment]
        self._write(overrides)
        return profile

    def reset(self, key: str | None = None) -> SchoolProfile:
        """Back to the shipped default for one field (or all of them)."""
        if key is not None and key not in FIELDS:
            raise SchoolProfileError(f"unknown field {key!r}; fields: {', '.join(FIELDS)}")
        overrides = {} if key is None else self.overrides()
        overrides.pop(key or "", None)
        self._write(overrides)
        return self.load()

    def _write(self, overrides: dict[str, Any]) -> None:
        write_json(self.path, overrides)

    @property
    def crest_path(self) -> Path:
        return self.home / CREST_FILE

    def crest(self) -> CrestTemplate | None:
        """The registered crest's template, None when there is none; unreadable: an error."""
        from companion.photos.crest_template import CrestTemplate, CrestTemplateError

        try:
            data = self.crest_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SchoolProfileError(f"{self.crest_path} cannot be read ({exc})") from None
        try:
            return CrestTemplate.from_bytes(data)
        except CrestTemplateError as exc:
            raise SchoolProfileError(
                f"{self.crest_path}: {exc}; register the logo again with 'postguard school set "
                "logo FILE' or remove it with 'postguard school set logo --clear'"
            ) from None

    def set_crest(self, template: CrestTemplate) -> None:
        write_atomic(self.crest_path, template.to_bytes())
        if not self.path.exists():  # the profile now says something: see has_changes
            self._write({})

    def has_changes(self) -> bool:
        """Whether this machine's profile was ever changed (``school set``, ``reset`` or a
        logo): a DPO's bundles then carry it, and clearing a change later travels too."""
        return self.path.exists() or self.crest_path.exists()

    def crest_or_none(self) -> CrestTemplate | None:
        """The registered crest, None when there is none or it cannot be read."""
        try:
            return self.crest()
        except SchoolProfileError:
            return None

    def clear_crest(self) -> bool:
        """Forget the crest; False when none was registered."""
        existed = self.crest_path.exists()
        remove(self.crest_path)
        return existed


def checked_overrides(raw: Any, where: str) -> dict[str, Any]:
    """``raw`` as the profile's changes (a JSON object of known fields), or SchoolProfileError."""
    if not isinstance(raw, dict) or any(key not in FIELDS for key in raw):
        raise SchoolProfileError(f"{where} holds unknown fields; fields: {', '.join(FIELDS)}")
    return raw


class SchoolSource:
    """The current profile's matcher for the running engine; picks up ``school set`` changes.

    A broken overrides file never stops checks: the shipped defaults are used until it is fixed
    (``postguard school show`` reports the problem).
    """

    def __init__(self, home: Path | None) -> None:
        """``home`` None: the shipped profile only (an engine built for no data directory)."""
        self._store = SchoolStore(home) if home is not None else None
        self._stamp: float | None = -1.0
        self._matcher: SchoolMatcher | None = None
        self._crest: tuple[float | None, CrestTemplate | None] = (-1.0, None)

    def matcher(self) -> SchoolMatcher:
        if self._store is None:
            if self._matcher is None:
                self._matcher = SchoolMatcher(shipped_profile())
            return self._matcher
        stamp = _mtime(self._store.path)
        if self._matcher is None or stamp != self._stamp:
            try:
                profile = self._store.load()
            except SchoolProfileError:
                profile = self._store.defaults()
            # one assignment, so a reader on another thread sees the old or the new matcher
            self._matcher, self._stamp = SchoolMatcher(profile), stamp
        return self._matcher

    def is_school_account(self, site: str, identity: str) -> bool:
        """Whether a post that goes out as ``identity`` on ``site`` is from one of the school's
        own accounts, by the current profile (SchoolProfile.owns)."""
        return self.matcher().profile.owns(site, identity)

    def crest(self) -> CrestTemplate | None:
        """The registered crest for ``find_crest``, re-read when ``school set logo`` changes it.

        None when none is registered or the file is unreadable (``school show`` reports that).
        """
        if self._store is None:
            return None
        stamp = _mtime(self._store.crest_path)
        if stamp != self._crest[0]:
            # one assignment: readers see old or new, whole
            self._crest = (stamp, self._store.crest_or_none())
        return self._crest[1]


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
