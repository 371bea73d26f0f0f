"""The DPO's side: the school's keys (in the keyring) and building a bundle from a roster.

``publisher.json`` in the data directory holds only public facts: which keys to use and the last
version published, so each new bundle's version is higher than every earlier one.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from companion.distribution import roster_payload
from companion.distribution.bundle import MAX_BUNDLE_BYTES, seal_bundle
from companion.distribution.config import school_key_secret_name
from companion.distribution.errors import DistributionError
from companion.distribution.key_users import add_user
from companion.distribution.keys import (
    new_school_key,
    parse_school_key,
    private_key_from_text,
    private_key_text,
    public_key_fingerprint,
    public_key_pem,
    school_key_id,
    school_key_text,
)
from companion.private_files import (
    StateFileError,
    read_json,
    write_atomic,
    write_json,
    write_text,
)
from companion.roster.model import Roster
from companion.secrets import SecretStore

PUBLISHER_FILE = "publisher.json"
MAX_CARRIED_BYTES = MAX_BUNDLE_BYTES - 1024 * 1024  # room for the header and signature
SCHOOL_KEY_FILE = "school.key"
PUBLIC_KEY_FILE = "signing.pub"


@dataclass(frozen=True, slots=True)
class Publisher:
    id: str
    school: str
    key_id: str
    signer: str
    public_key: str
    last_version: int = 0


@dataclass(frozen=True, slots=True)
class ExportedKeys:
    school_key: Path
    public_key: Path
    signer: str
    key_id: str


def signing_secret_name(publisher_id: str) -> str:
    return f"bundle-signing-key:{publisher_id}"


def load_publisher(home: Path) -> Publisher | None:
    try:
        raw = read_json(home / PUBLISHER_FILE)
        return Publisher(**raw) if raw else None
    except (StateFileError, TypeError) as exc:
        raise DistributionError(f"cannot read {home / PUBLISHER_FILE}: {exc}") from None


def create_publisher(home: Path, store: SecretStore, school: str, replace_keys: bool) -> Publisher:
    if load_publisher(home) and not replace_keys:
        raise DistributionError(
            "this data directory already has bundle keys; 'postguard bundle-keys export' writes "
            "them out again, '--new' replaces them (every staff machine must then re-run setup)"
        )
    signing = Ed25519PrivateKey.generate()
    school_key = new_school_key()
    publisher = Publisher(
        id=secrets.token_hex(8),
        school=school,
        key_id=school_key_id(school_key),
        signer=public_key_fingerprint(signing.public_key()),
        public_key=public_key_pem(signing.public_key()),
    )
    store.set(signing_secret_name(publisher.id), private_key_text(signing))
    add_user(store, publisher.key_id, home)  # first: it tells a key stored before from a new one
    store.set(school_key_secret_name(publisher.key_id), school_key_text(school_key))
    write_json(home / PUBLISHER_FILE, asdict(publisher))
    return publisher


def _keys(publisher: Publisher, store: SecretStore) -> tuple[bytes, Ed25519PrivateKey]:
    school_text = store.get(school_key_secret_name(publisher.key_id))
    signing_text = store.get(signing_secret_name(publisher.id))
    if not school_text or not signing_text:
        raise DistributionError(
            "the bundle keys are missing from this machine's keyring; restore them or create new "
            "ones with 'postguard bundle-keys init --new'"
        )
    return parse_school_key(school_text, "the keyring's school key"), private_key_from_text(
        signing_text
    )


def export_keys(home: Path, store: SecretStore, out_dir: Path) -> ExportedKeys:
    """Write the files IT hands to staff machines: the school key (secret) and the public key."""
    publisher = require_publisher(home)
    school_key, _ = _keys(publisher, store)
    out_dir.mkdir(parents=True, exist_ok=True)
    school_path, public_path = out_dir / SCHOOL_KEY_FILE, out_dir / PUBLIC_KEY_FILE
    write_text(school_path, school_key_text(school_key))
    public_path.write_text(publisher.public_key, encoding="utf-8")
    return ExportedKeys(school_path, public_path, publisher.signer, publisher.key_id)


def require_publisher(home: Path) -> Publisher:
    publisher = load_publisher(home)
    if publisher is None:
        raise DistributionError(
            "no bundle keys here yet; create them once with 'postguard bundle-keys init "
            "--school NAME --out-dir DIR'"
        )
    return publisher


def build_bundle(
    home: Path, store: SecretStore, roster: Roster, out: Path, now: datetime | None = None
) -> tuple[int, Path]:
    """Seal ``roster`` into ``out``; returns the bundle's version."""
    publisher = require_publisher(home)
    school_key, signing = _keys(publisher, store)
    now = now or datetime.now(UTC)
    # Seconds since the epoch keep versions rising even if the DPO moves to a new machine.
    version = max(publisher.last_version + 1, int(now.timestamp()))
    data = seal_bundle(
        _payload(home, store, roster),
        version=version,
        created_at=now.isoformat(timespec="seconds"),
        school=publisher.school,
        roster_version=roster.version,
        school_key=school_key,
        signing_key=signing,
    )
    out = out.expanduser().absolute()
    if not out.parent.is_dir():  # a share's folder is never made here (it would be 0700)
        raise DistributionError(f"cannot write {out}: no such folder")
    try:
        # Replaced whole (a share never serves half a bundle), through a temp file no one
        # else can have planted; readable by staff machines (it is sealed for the school's key).
        write_atomic(out, data, mode=0o644)
    except OSError as exc:
        raise DistributionError(f"cannot write {out}: {exc.strerror}") from None
    write_json(home / PUBLISHER_FILE, asdict(replace(publisher, last_version=version)))
    return version, out


def _payload(home: Path, store: SecretStore, roster: Roster) -> bytes:
    """The roster, the school profile once the DPO has changed it (staff machines then take
    the bundle's as theirs, an emptied one included; before, they keep their own, which IT may
    have set on each) and the compiled name index the roster store keeps beside its version
    when there is one (a store from before November 2026 has none: staff machines build it)."""
    from companion.roster.store import RosterStore, RosterStoreError
    from companion.settings import Settings

    school = _school(home)
    try:
        index = RosterStore(Settings(home=home).roster_dir, store).load_index(roster.version)
    except RosterStoreError:
        index = None
    payload = roster_payload.encode(roster, index, school)
    if len(payload) > MAX_CARRIED_BYTES:
        return roster_payload.encode(roster, school=school)  # the index is left to staff machines
    return payload


def _school(home: Path) -> roster_payload.CarriedSchool | None:
    """The DPO's school profile changes and crest, checked as a staff machine will check them
    (a profile they would refuse is not sent: fix it first); None when never changed here."""
    from companion.school.profile import SchoolProfileError
    from companion.school.store import SchoolStore

    school = SchoolStore(home)
    if not school.has_changes():
        return None
    try:
        overrides = school.overrides()
        school.applied(overrides)
        crest = school.crest()
    except SchoolProfileError as exc:
        raise DistributionError(
            f"the school profile cannot go into the bundle: {exc}; check it with 'postguard "
            "school show'"
        ) from None
    return roster_payload.CarriedSchool(overrides, crest.to_bytes() if crest else None)
