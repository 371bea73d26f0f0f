"""A staff machine's rollout setup and the record of its pulls, both in the data directory.

The setup holds no secret: the school key goes to the keyring, under a name derived from the
key's public id. The pull record lets ``doctor`` report the last successful pull and lets a pull
refuse a bundle older than the one already accepted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from companion.distribution.errors import DistributionError
from companion.distribution.keys import parse_public_key
from companion.private_files import StateFileError, read_json, write_json

SETUP_FILE = "distribution.json"
STATE_FILE = "bundle-state.json"
SCHOOL_FILE = "bundle-school.json"
DEFAULT_INTERVAL_HOURS = 6.0


def school_key_secret_name(key_id: str) -> str:
    return f"bundle-school-key:{key_id}"


@dataclass(frozen=True, slots=True)
class SetupConfig:
    source: str
    signing_public_key: str  # PEM
    signer: str  # fingerprint of the pinned key, for messages
    key_id: str
    interval_hours: float = DEFAULT_INTERVAL_HOURS
    ca_file: str | None = None

    def pinned_key(self) -> Ed25519PublicKey:
        return parse_public_key(self.signing_public_key, "the pinned signing key")


@dataclass(frozen=True, slots=True)
class PullState:
    installed_version: int = 0
    roster_version: str = ""  # the roster store's version id for the installed bundle
    last_attempt: str = ""
    last_success: str = ""
    last_error: str = ""


@dataclass(frozen=True, slots=True)
class SchoolFromBundle:
    """Where the school profile in force came from, in a file of its own (SCHOOL_FILE): a
    Postguard from before it reads the pull state above and would take any field it does not
    know as a damaged file, forgetting the installed version that stops an older bundle."""

    bundle: int = 0  # the last bundle whose school profile was installed (0: this machine's own)
    crest: bool = False  # that bundle carried a crest
    note: str = ""  # what of a bundle's profile was left out, or why it was not used


def setup_path(home: Path) -> Path:
    return home / SETUP_FILE


def load_setup(home: Path) -> SetupConfig | None:
    raw = read_json_safely(setup_path(home), "rollout setup")
    if raw is None:
        return None
    try:
        return SetupConfig(**raw)
    except TypeError:
        raise DistributionError(
            f"{setup_path(home)} is damaged; run 'postguard setup' again"
        ) from None


def save_setup(home: Path, config: SetupConfig) -> None:
    write_json(setup_path(home), asdict(config))


def load_state(home: Path) -> PullState:
    raw = read_json_safely(home / STATE_FILE, "pull record")
    return PullState() if raw is None else _known(PullState, raw)


def load_school_record(home: Path) -> SchoolFromBundle:
    raw = read_json_safely(home / SCHOOL_FILE, "school profile record")
    return SchoolFromBundle() if raw is None else _known(SchoolFromBundle, raw)


def save_school_record(home: Path, school: SchoolFromBundle) -> None:
    write_json(home / SCHOOL_FILE, asdict(school))


def _known(kind: Any, raw: dict[str, object]) -> Any:
    """``kind`` from a record's fields it knows and whose values have the default's type (a
    newer Postguard's extra fields are left out, not taken for damage); the default when none
    fits."""
    defaults = kind()
    fitting = {
        name: value
        for name, value in raw.items()
        if name in kind.__dataclass_fields__
        and type(value) is type(getattr(defaults, name))  # exact: True is not a version
    }
    return replace(defaults, **fitting)


def save_state(home: Path, state: PullState) -> None:
    write_json(home / STATE_FILE, asdict(state))


def record(home: Path, **changes: object) -> PullState:
    state = replace(load_state(home), **changes)  # type: ignore[arg-type]
    save_state(home, state)
    return state


def read_json_safely(path: Path, what: str) -> dict[str, object] | None:
    try:
        value = read_json(path)
    except StateFileError as exc:
        raise DistributionError(f"cannot read the {what}: {exc}") from None
    if value is not None and not isinstance(value, dict):
        raise DistributionError(f"cannot read the {what}: {path} is not a JSON object; remove it")
    return value
