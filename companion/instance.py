"""This data directory's companion proves itself to local tools (``doctor``, ``install-service``).

A random key in the data directory (mode 0600, readable only by its user) answers nonces on
/v1/health: X-Postguard-Instance = HMAC-SHA256(key, nonce). A program squatting the port, or the
companion of another user or data directory, cannot compute it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from pathlib import Path

from companion.private_files import StateFileError, read_json, write_json

KEY_FILE = "instance.json"
NONCE_HEADER = "X-Postguard-Nonce"
PROOF_HEADER = "X-Postguard-Instance"
# What a nonce may look like, for every header that carries one (also the token proofs).
NONCE = re.compile(r"[0-9A-Za-z_-]{16,128}")


def instance_key(home: Path, *, create: bool) -> bytes | None:
    path = home / KEY_FILE
    try:
        raw = read_json(path, None)
    except StateFileError:
        raw = None
    if isinstance(raw, dict) and isinstance(raw.get("key"), str):
        try:
            return bytes.fromhex(raw["key"])
        except ValueError:
            pass
    if not create:
        return None
    key = secrets.token_bytes(32)
    write_json(path, {"key": key.hex()})
    return key


def instance_proof(key: bytes, nonce: str) -> str:
    return hmac.new(key, nonce.encode("utf-8"), hashlib.sha256).hexdigest()
