"""The two keys of a school's rollout.

The *school key* (AES-256) encrypts bundles; IT gives it to staff machines at setup and it never
travels inside a bundle. The *signing key* (Ed25519) stays on the DPO's machine; staff machines
pin its public half so only the DPO can publish a roster.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from companion.distribution.errors import DistributionError

SCHOOL_KEY_BYTES = 32
SCHOOL_KEY_HEADER = (
    "# Postguard school key: secret. Give it only to staff machines' 'postguard setup'."
)


def new_school_key() -> bytes:
    return secrets.token_bytes(SCHOOL_KEY_BYTES)


def school_key_id(key: bytes) -> str:
    """A public name for a school key, so a bundle can say which key it needs."""
    return hashlib.sha256(b"postguard-school-key\0" + key).hexdigest()[:16]


def school_key_text(key: bytes) -> str:
    return f"{SCHOOL_KEY_HEADER}\n{base64.b64encode(key).decode('ascii')}\n"


def parse_school_key(text: str, origin: str) -> bytes:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    try:
        if len(lines) != 1:
            raise ValueError
        key = base64.b64decode(lines[0], validate=True)
    except (ValueError, binascii.Error):
        raise DistributionError(f"{origin} is not a Postguard school key file") from None
    if len(key) != SCHOOL_KEY_BYTES:
        raise DistributionError(f"{origin} is not a Postguard school key file (wrong length)")
    return key


def read_school_key_file(path: Path) -> bytes:
    return parse_school_key(_read_text(path, "school key file"), str(path))


def public_key_fingerprint(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_key_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def parse_public_key(pem: str, origin: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii", "replace"))
    except (ValueError, UnsupportedAlgorithm):
        raise DistributionError(f"{origin} is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise DistributionError(f"{origin} is not an Ed25519 signing public key")
    return key


def read_public_key_file(path: Path) -> Ed25519PublicKey:
    return parse_public_key(_read_text(path, "signing public key file"), str(path))


def private_key_text(private: Ed25519PrivateKey) -> str:
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.b64encode(raw).decode("ascii")


def private_key_from_text(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise DistributionError(f"{what} {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DistributionError(f"cannot read {what} {path}: {exc}") from None
