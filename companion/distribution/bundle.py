"""The bundle file: a signed header, the roster encrypted for the school, an Ed25519 signature.

Layout: ``MAGIC | header length (4 bytes, big-endian) | header JSON | AES-256-GCM ciphertext |
signature (64 bytes)``. The signature covers everything before it; the header is also the
cipher's associated data, so neither can be swapped without the other. The version in the header
only ever grows, which is how a staff machine refuses an older bundle replayed at it.
"""

from __future__ import annotations

import base64
import json
import secrets
import struct
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from companion.distribution.errors import BundleRefused
from companion.distribution.keys import public_key_fingerprint, school_key_id

MAGIC = b"PGBUNDLE"
FORMAT = 1
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 16 * 1024
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
_PREFIX = len(MAGIC) + 4


@dataclass(frozen=True, slots=True)
class BundleHeader:
    version: int
    created_at: str
    school: str
    key_id: str
    signer: str
    roster_version: str
    nonce: str
    ciphertext_length: int
    format: int = FORMAT

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> BundleHeader:
        fields = cls.__dataclass_fields__
        return cls(**{name: raw[name] for name in fields if name in raw})


@dataclass(frozen=True, slots=True)
class OpenedBundle:
    header: BundleHeader
    payload: bytes


def seal_bundle(
    payload: bytes,
    *,
    version: int,
    created_at: str,
    school: str,
    roster_version: str,
    school_key: bytes,
    signing_key: Ed25519PrivateKey,
) -> bytes:
    nonce = secrets.token_bytes(12)
    header = BundleHeader(
        version=version,
        created_at=created_at,
        school=school,
        key_id=school_key_id(school_key),
        signer=public_key_fingerprint(signing_key.public_key()),
        roster_version=roster_version,
        nonce=base64.b64encode(nonce).decode("ascii"),
        ciphertext_length=len(payload) + 16,  # GCM appends a 16-byte tag
    )
    header_bytes = json.dumps(
        {name: getattr(header, name) for name in BundleHeader.__dataclass_fields__},
        sort_keys=True,
    ).encode("utf-8")
    associated = MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    ciphertext = AESGCM(school_key).encrypt(nonce, payload, associated)
    signed = associated + ciphertext
    return signed + signing_key.sign(signed)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a bundle header may hold")


def read_header(data: bytes) -> tuple[BundleHeader, int]:
    """The header (not yet trusted) and the length of the signed part; refuses malformed files."""
    if len(data) < _PREFIX or not data.startswith(MAGIC):
        raise BundleRefused("this file is not a Postguard roster bundle")
    (header_length,) = struct.unpack(">I", data[len(MAGIC) : _PREFIX])
    if header_length > MAX_HEADER_BYTES:
        raise BundleRefused("the bundle header is corrupt (impossible length)")
    if len(data) < _PREFIX + header_length:
        raise BundleRefused("the bundle is truncated (its header is incomplete)")
    try:
        raw = json.loads(data[_PREFIX : _PREFIX + header_length], parse_constant=_no_constant)
        if raw.get("format") != FORMAT:
            raise BundleRefused(
                f"the bundle has format {raw.get('format')!r}; this Postguard reads format "
                f"{FORMAT} (upgrade Postguard on this machine)"
            )
        header = BundleHeader.from_json(raw)
        signed_length = _PREFIX + header_length + int(header.ciphertext_length)
    except BundleRefused:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError):
        raise BundleRefused("the bundle header is corrupt") from None
    return header, signed_length


def open_bundle(
    data: bytes,
    *,
    school_key: bytes,
    signer: Ed25519PublicKey,
    installed_version: int = 0,
) -> OpenedBundle:
    """Verify, refuse a rollback, decrypt. Any problem raises ``BundleRefused`` with the reason."""
    header, signed_length = read_header(data)
    total = signed_length + SIGNATURE_BYTES
    if len(data) == signed_length:
        raise BundleRefused("the bundle is not signed")
    if len(data) < total:
        raise BundleRefused(f"the bundle is truncated ({len(data)} of {total} bytes)")
    if len(data) > total:
        raise BundleRefused("the bundle has unexpected data after its signature (tampered)")
    try:
        signer.verify(data[signed_length:], data[:signed_length])
    except InvalidSignature:
        pinned = public_key_fingerprint(signer)
        if header.signer != pinned:
            raise BundleRefused(
                f"the bundle is signed by key {header.signer}, not by the pinned signing key "
                f"{pinned}"
            ) from None
        raise BundleRefused("the bundle's signature does not match: it was altered") from None
    if header.version < installed_version:
        raise BundleRefused(
            f"the bundle is older than the roster in force (version {header.version} < "
            f"{installed_version}); refusing a rollback"
        )
    if header.key_id != school_key_id(school_key):
        raise BundleRefused(
            f"the bundle is encrypted for school key {header.key_id}, not this machine's "
            f"{school_key_id(school_key)}"
        )
    try:
        associated = data[: signed_length - header.ciphertext_length]
        payload = AESGCM(school_key).decrypt(
            base64.b64decode(header.nonce), data[len(associated) : signed_length], associated
        )
    except (InvalidTag, ValueError):
        raise BundleRefused("the bundle cannot be decrypted with this school key") from None
    return OpenedBundle(header, payload)
