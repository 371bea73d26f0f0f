"""Authenticated encryption of roster files: AES-256-GCM under a versioned header.

File layout: ``MAGIC`` (8 bytes), format (1 byte), nonce (12 bytes), ciphertext+tag. The header
and the store's version id are bound in as associated data, so a file cannot be edited, nor
swapped in under another version's name, without failing authentication.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"PGROSTER"
FORMAT = 1
_NONCE = 12
_HEADER = len(MAGIC) + 1


class SealError(ValueError):
    pass


def seal(key: bytes, plaintext: bytes, version: str) -> bytes:
    header = MAGIC + bytes([FORMAT])
    nonce = os.urandom(_NONCE)
    return header + nonce + AESGCM(key).encrypt(nonce, plaintext, header + version.encode())


def unseal(key: bytes, sealed: bytes, version: str) -> bytes:
    if len(sealed) < _HEADER + _NONCE + 16 or not sealed.startswith(MAGIC):
        raise SealError("not a Postguard roster file")
    if sealed[len(MAGIC)] != FORMAT:
        raise SealError(f"roster file format {sealed[len(MAGIC)]} is not supported")
    header, nonce = sealed[:_HEADER], sealed[_HEADER : _HEADER + _NONCE]
    try:
        return AESGCM(key).decrypt(nonce, sealed[_HEADER + _NONCE :], header + version.encode())
    except InvalidTag:
        raise SealError(
            "it failed its integrity check (tampered with, corrupt, or sealed under another key)"
        ) from None
