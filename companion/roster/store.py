"""The encrypted, versioned roster store (docs/roster.md: updates, rollback, encryption at rest).

Layout under ``root`` (``Settings().roster_dir``, mode 0700)::

    manifest.json        which version is current and the last few kept (ids, times, counts)
    versions/v-<id>.pgr  one AES-256-GCM sealed roster per kept version (0600)
    versions/v-<id>.pgi  that version's compiled name index, sealed the same way (optional:
                         made at import or on first load, so start-up loads it, not builds it)
    audit.log            one JSON line per change: time, action, version, operator, counts

Nothing in the manifest or audit log names a person. The manifest is the single switch: a new
version is written and synced in full before the manifest is atomically replaced to point at
it, so a reader (or a process killed at any moment) sees the old roster or the whole new one.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from companion.private_files import append_line, fsync_dir, remove_temps, write_atomic
from companion.roster.codec import RosterCodecError, decode_roster, write_packed_roster
from companion.roster.model import Roster
from companion.roster.sealing import (
    SealError,
    Unsealed,
    seal,
    seal_in_place,
    unseal_in_place,
)
from companion.secrets import (
    SecretStore,
    SecretsUnavailableError,
    get_or_create_key,
    open_secret_store,
)
from companion.settings import Settings

KEY_NAME_PREFIX = "roster-key-"
STORE_ID_FILE = "store-id"
KEEP_VERSIONS = 5
MANIFEST_FORMAT = 1
_VERSION_ID = re.compile(r"[0-9a-f]{16}")  # _stamp's
# save(based_on=ANY_VERSION): whatever is in force (a fresh start cannot read it).
ANY_VERSION = "any"


class RosterStoreError(RuntimeError):
    """A one-line reason the store cannot do what was asked; the roster in force is unchanged."""


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """A kept version, as the manifest describes it: no names."""

    version: str
    saved_at: str
    imported_at: str
    expires: date | None
    counts: dict[str, int]
    operator: str
    current: bool = False

    def stale(self, today: date | None = None) -> bool:
        return self.expires is not None and (today or date.today()) > self.expires


@dataclass(frozen=True, slots=True)
class VersionCheck:
    version: str
    ok: bool
    detail: str


class RosterStore:
    """Encrypted roster versions under ``root``; the key lives in ``secrets`` under a name of
    this store's own (``key_name``), so data directories of one user (a trust's DPO publishing
    for several schools) never share or purge each other's key.

    ``current_version()`` is cheap (reads the small manifest, no decryption) so a running server
    can poll it every couple of seconds and ``load()`` only when it changes. It always equals
    ``load().version``. ``save`` and ``rollback`` change it; nothing else does.
    """

    def __init__(self, root: Path, secrets: SecretStore, keep: int = KEEP_VERSIONS) -> None:
        self.root = Path(root)
        self.secrets = secrets
        self.keep = max(2, keep)

    # -- paths -----------------------------------------------------------------------------
    @property
    def key_name(self) -> str:
        """This store's keyring entry; the random id behind it is made on first use."""
        existing = stored_key_name(self.root)
        if existing:
            return existing
        try:
            self._make_dirs()
            write_atomic(self.root / STORE_ID_FILE, os.urandom(8).hex().encode("ascii"))
        except OSError as exc:
            raise RosterStoreError(
                f"cannot write the roster store in {self.root}: {exc.strerror or exc}"
            ) from None
        return stored_key_name(self.root) or ""

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    @property
    def audit_path(self) -> Path:
        return self.root / "audit.log"

    @property
    def versions_dir(self) -> Path:
        return self.root / "versions"

    def _file(self, version: str) -> Path:
        return self.versions_dir / f"v-{version}.pgr"

    def _index_file(self, version: str) -> Path:
        return self.versions_dir / f"v-{version}.pgi"

    # -- reading ---------------------------------------------------------------------------
    def _manifest(self) -> dict[str, Any] | None:
        try:
            raw = _read_whole(self.manifest_path, MAX_MANIFEST_BYTES)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise RosterStoreError(f"cannot read the roster manifest: {exc.strerror}") from None
        try:
            manifest = json.loads(raw)
            if manifest.get("format") != MANIFEST_FORMAT or not manifest.get("versions"):
                raise ValueError
            if not isinstance(manifest["versions"], list):
                raise ValueError
            for entry in manifest["versions"]:
                _info(entry, current=False)  # every field the store and its readers use
            return manifest
        except (ValueError, AttributeError, TypeError, KeyError):
            raise RosterStoreError(f"the roster manifest {self.manifest_path} is damaged") from None

    def current_version(self) -> str | None:
        """The current version id, or None when no roster was ever saved. No decryption."""
        manifest = self._manifest()
        return str(manifest["versions"][-1]["version"]) if manifest else None

    def versions(self) -> list[VersionInfo]:
        """Kept versions, oldest first; the last one is current."""
        manifest = self._manifest()
        if not manifest:
            return []
        entries = manifest["versions"]
        return [_info(e, current=i == len(entries) - 1) for i, e in enumerate(entries)]

    def info(self) -> VersionInfo | None:
        """The current version's description (counts, times), without decrypting it."""
        kept = self.versions()
        return kept[-1] if kept else None

    def load(self) -> Roster | None:
        """The current roster, decrypted and authenticated; None when none was ever saved."""
        version = self.current_version()
        return None if version is None else self._load(version)

    def check_opens(self, version: str) -> None:
        """Raises ``RosterStoreError`` as ``load`` would when ``version`` does not open
        (missing, damaged, its key lost), without decoding it: decrypting and authenticating
        a trust's roster takes 20 ms, decoding it 0.9 s."""
        self._unsealed(version)

    def _load(self, version: str) -> Roster:
        plaintext = self._unsealed(version)
        try:
            roster = decode_roster(plaintext)
        except RosterCodecError as exc:
            raise RosterStoreError(f"roster version {version} is unreadable: {exc}") from None
        if roster.version != version:
            raise RosterStoreError(f"roster version {version} holds another version's data")
        return roster

    def _unsealed(self, version: str) -> memoryview:
        try:
            sealed = _read_whole(self._file(version))
        except FileNotFoundError:
            raise RosterStoreError(
                f"roster version {version} is missing from {self.versions_dir}"
            ) from None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise RosterStoreError(f"cannot read roster version {version}: {reason}") from None
        key = self._existing_key()
        try:
            return unseal_in_place(key, sealed, version)  # a trust's is 31 MB: not copied
        except SealError as exc:
            raise RosterStoreError(f"roster version {version} cannot be opened: {exc}") from None

    def load_index(self, version: str) -> memoryview | None:
        """The sealed index saved beside ``version``, decrypted and authenticated (in the one
        buffer it is read into); None when there is none or it fails authentication (the
        caller builds and saves it again)."""
        try:
            sealed = _read_whole(self._index_file(version))
        except OSError:
            return None
        try:
            return unseal_in_place(self._existing_key(), sealed, _index_label(version))
        except SealError:
            return None

    def save_index(self, version: str, plaintext: bytes | Unsealed) -> None:
        """Seal ``plaintext`` (a compiled index of ``version``) beside that version."""
        if not self._file(version).exists():
            raise RosterStoreError(f"roster version {version} is not in the store")
        sealed = _sealed(self._key(create=False), plaintext, _index_label(version))
        try:
            write_atomic(self._index_file(version), sealed)
        except OSError as exc:
            raise RosterStoreError(
                f"cannot write the roster store in {self.root}: {exc.strerror or exc}"
            ) from None

    def audit(self) -> list[dict[str, Any]]:
        """The audit trail, oldest first (damaged lines are skipped, not fatal)."""
        try:
            lines = self.audit_path.read_text("utf-8").splitlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines:
            with contextlib.suppress(ValueError):
                entries.append(json.loads(line))
        return entries

    def verify(self) -> list[VersionCheck]:
        """Decrypt and authenticate every kept version."""
        checks = []
        for info in self.versions():
            try:
                roster = self._load(info.version)
            except RosterStoreError as exc:
                checks.append(VersionCheck(info.version, False, str(exc)))
                continue
            if roster.counts() != info.counts:
                checks.append(VersionCheck(info.version, False, "counts differ from the manifest"))
            else:
                checks.append(VersionCheck(info.version, True, f"{len(roster.people)} people"))
        return checks

    # -- writing ---------------------------------------------------------------------------
    def save(
        self,
        roster: Roster,
        operator: str,
        fresh: bool = False,
        index: Callable[[Roster], bytes | Unsealed] | None = None,
        based_on: str | None = ANY_VERSION,
    ) -> str:
        """Make ``roster`` current, atomically; returns its new version id.

        The returned id (also the saved roster's ``version``) changes on every import, because
        it covers the import time and expiry as well as the people. ``fresh`` starts the
        history again: the kept versions (unreadable once their key is lost) are removed.
        ``index(stamped_roster)`` compiles the version's name index, sealed beside it before
        the version becomes current. ``based_on`` is the version in force (None: none) that
        ``roster`` was built from, diffed against and carried over from: if another import or
        a rollback has changed it since, nothing is saved.
        """
        key = self._key(create=True)
        version = _stamp(roster)
        stamped = replace(roster, version=version)
        # The index first: an import's name tables come from its second process, which ends
        # once they have, before the roster's own copy (31 MB at a trust's size) is made.
        compiled = _sealed(key, index(stamped), _index_label(version)) if index else None
        plaintext = Unsealed()
        write_packed_roster(stamped, plaintext)
        sealed = seal_in_place(key, plaintext, version)
        del plaintext  # sealed where it lay: the same buffer
        # A fresh start never reads the old manifest: a damaged one must not stop it.
        with self._writing(read_manifest=not fresh) as manifest:
            kept = [] if fresh else (manifest or {}).get("versions", [])
            in_force = kept[-1]["version"] if kept else None
            if based_on != ANY_VERSION and based_on != in_force:
                raise RosterStoreError(
                    "the roster in force changed while this import ran (another import or a "
                    "rollback); nothing was saved: run the import again"
                )
            entries = [e for e in kept if e["version"] != version]
            write_atomic(self._file(version), sealed)
            if compiled is not None:
                write_atomic(self._index_file(version), compiled)
            entry = {
                "version": version,
                "saved_at": _now(),
                "imported_at": roster.imported_at,
                "expires": roster.expires.isoformat() if roster.expires else None,
                "counts": roster.counts(),
                "operator": operator,
            }
            entries = [*entries, entry][-self.keep :]
            self._switch(
                entries, "import-fresh" if fresh else "import", version, operator, entry["counts"]
            )
        return version

    def rollback(self, operator: str = "") -> tuple[Roster, str]:
        """Make the version before the current one current again; returns it and the version
        rolled back from. Nothing is deleted: the two swap places, so the one rolled back from
        is now the one before, and a second rollback brings it back."""
        with self._writing() as manifest:
            entries = (manifest or {}).get("versions", [])
            if len(entries) < 2:
                raise RosterStoreError("there is no earlier roster version to roll back to")
            previous = self._load(entries[-2]["version"])  # refuse to switch to a bad file
            swapped = [*entries[:-2], entries[-1], entries[-2]]
            self._switch(swapped, "rollback", previous.version, operator, previous.counts())
        return previous, str(entries[-1]["version"])

    def _switch(
        self,
        entries: list[dict[str, Any]],
        action: str,
        version: str,
        operator: str,
        counts: dict[str, int],
    ) -> None:
        """Put ``entries`` in force (the last is current), then delete the files of versions
        no longer kept. The audit line is written first: a store that cannot record the change
        does not make it (a full disk fails here, with the roster in force and every kept
        version as they were). Should the switch itself then fail, the audit says so too."""
        self._audit(action, version, operator, counts)
        try:
            self._write_manifest(entries)
        except OSError:
            with contextlib.suppress(OSError):
                self._audit(f"{action}-failed", version, operator, counts)
            raise
        self._prune({e["version"] for e in entries})

    def _write_manifest(self, entries: list[dict[str, Any]]) -> None:
        document = {"format": MANIFEST_FORMAT, "versions": entries}
        write_atomic(self.manifest_path, json.dumps(document, indent=1).encode("utf-8"))

    def _prune(self, keep: set[str]) -> None:
        kept_files = [*self.versions_dir.glob("v-*.pgr"), *self.versions_dir.glob("v-*.pgi")]
        for path in kept_files:
            if path.stem.removeprefix("v-") not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()
        remove_temps(self.versions_dir)
        remove_temps(self.root)

    def _audit(self, action: str, version: str, operator: str, counts: dict[str, int]) -> None:
        line = {"time": _now(), "action": action, "version": version, "operator": operator}
        append_line(self.audit_path, json.dumps({**line, "counts": counts}))

    def _make_dirs(self) -> None:
        # mkdir's mode applies to the last directory only: make the data directory first.
        self.root.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.root.mkdir(exist_ok=True, mode=0o700)
        self.versions_dir.mkdir(exist_ok=True, mode=0o700)

    @contextlib.contextmanager
    def _writing(self, read_manifest: bool = True) -> Iterator[dict[str, Any] | None]:
        """One writer at a time; yields the manifest as it is under the lock (None unread)."""
        try:
            self._make_dirs()
            fsync_dir(self.root)
            with _exclusive(self.root / ".lock"):
                yield self._manifest() if read_manifest else None
        except OSError as exc:
            raise RosterStoreError(
                f"cannot write the roster store in {self.root}: {exc.strerror or exc}"
            ) from None

    # -- keys ------------------------------------------------------------------------------
    def _key(self, create: bool) -> bytes:
        try:
            if create:
                return get_or_create_key(self.secrets, self.key_name)
            return self._existing_key()
        except SecretsUnavailableError as exc:
            raise RosterStoreError(str(exc)) from None

    def _existing_key(self) -> bytes:
        try:
            value = self.secrets.get(self.key_name)
        except SecretsUnavailableError as exc:
            raise RosterStoreError(str(exc)) from None
        if not value:
            raise RosterStoreError(
                "the roster key is missing from the keyring, so the stored roster cannot be "
                "opened; re-import the roster"
            )
        return _b64(value)

    def person_key_secret(self) -> bytes:
        """The roster key, for ``import_files(roster_key=...)``; created on first use."""
        return self._key(create=True)


def stored_key_name(root: Path) -> str | None:
    """The keyring entry of the store at ``root``, or None before it was first used."""
    try:
        store_id = (Path(root) / STORE_ID_FILE).read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return f"{KEY_NAME_PREFIX}{store_id}" if store_id else None


def _b64(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise RosterStoreError("the roster key in the keyring is damaged") from None


def index_for_version(plaintext: bytes | memoryview, version: str) -> Unsealed:
    """A compiled index made for another version of the same people (the one a roster bundle
    carries, made on the DPO's machine), as the index of this store's ``version``.

    A compiled index opens with one line of JSON naming the version it was made for; that name
    is all that changes (the rest is copied once, into a buffer sealed where it lies).
    """
    view = memoryview(plaintext)
    cut = bytes(view[:65536]).find(b"\n")
    if cut < 0:
        raise RosterStoreError("the carried name index has no header")
    try:
        header = json.loads(bytes(view[:cut]))
        header["version"] = version
    except (ValueError, TypeError):
        raise RosterStoreError("the carried name index has an unreadable header") from None
    out = Unsealed()
    out.write(json.dumps(header, separators=(",", ":")).encode("utf-8"))
    out.write(view[cut:])
    return out


# Far beyond any roster's file: a trust's 400,000 people seal to 12 MB, and their index to 53;
# the manifest is a few lines a version, and five versions are kept.
MAX_SEALED_BYTES = 1 << 30
MAX_MANIFEST_BYTES = 1 << 24


def _read_whole(path: Path, limit: int = MAX_SEALED_BYTES) -> bytearray:
    """A file's bytes, read straight into one buffer (no second copy of a large index). Only a
    regular file of at most ``limit`` bytes: a damaged one claiming a terabyte (a sparse file)
    would end the process with MemoryError, and a pipe in its place would never end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as fh:
        status = os.fstat(fh.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        size = status.st_size
        if size > limit:
            raise OSError(errno.EFBIG, f"{size:,} bytes, larger than any roster's file")
        buffer = bytearray(size)
        with memoryview(buffer) as view:
            done = 0
            while done < size:
                read = fh.readinto(view[done:])
                if not read:
                    raise OSError("the file was cut short while it was read")
                done += read
        if fh.read(1):
            raise OSError("the file grew while it was read")
    return buffer


def _sealed(key: bytes, plaintext: bytes | Unsealed, label: str) -> bytes | bytearray:
    """An ``Unsealed`` plaintext (a large index) is sealed where it lies, not copied."""
    if isinstance(plaintext, Unsealed):
        return seal_in_place(key, plaintext, label)
    return seal(key, plaintext, label)


def _index_label(version: str) -> str:
    """What a version's index is sealed under: never opens as (or for) another file."""
    return f"{version}/name-index"


def _stamp(roster: Roster) -> str:
    expires = roster.expires.isoformat() if roster.expires else ""
    text = f"{roster.version}|{roster.imported_at}|{expires}|{roster.source}|{_now()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _info(entry: dict[str, Any], current: bool) -> VersionInfo:
    """A manifest entry as the store wrote it; ValueError, TypeError or KeyError otherwise (a
    hand edit, a sync tool's merge): a version id that is not one of ours would also name a file
    outside the versions folder."""
    version = entry["version"]
    if not isinstance(version, str) or not _VERSION_ID.fullmatch(version):
        raise ValueError(version)
    expires = entry.get("expires")
    counts = entry.get("counts", {})
    if not all(isinstance(n, int) for n in dict(counts).values()):
        raise ValueError(counts)
    return VersionInfo(
        version=version,
        saved_at=str(entry.get("saved_at", "")),
        imported_at=str(entry.get("imported_at", "")),
        expires=date.fromisoformat(expires) if expires else None,
        counts=dict(counts),
        operator=str(entry.get("operator", "")),
        current=current,
    )


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl
        except ImportError:  # Windows: the DPO runs one import at a time
            yield
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def open_roster_store(settings: Settings, **keyring_options: object) -> RosterStore:
    """The data directory's roster store with the secret store that directory chose.

    Raises SecretsUnavailableError (with the fix in its message) when no secure store is usable.
    """
    return RosterStore(settings.roster_dir, open_secret_store(settings.home, **keyring_options))
