"""Authenticated encryption of roster files: AES-256-GCM under a versioned header.

File layout: ``MAGIC`` (8 bytes), format (1 byte), nonce (12 bytes), ciphertext+tag. The header
and the store's version id are bound in as associated data, so a file cannot be edited, nor
swapped in under another version's name, without failing authentication.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
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


class Unsealed(bytearray):
    """A plaintext written after room for its seal's header (``Unsealed()`` starts with it), so
    ``seal_in_place`` seals it where it lies: a large file is never held twice over."""

    def __init__(self) -> None:
        super().__init__(_HEADER + _NONCE)

    def write(self, data: bytes) -> int:  # a file for pickle.dump
        self += data
        return len(data)


_PIECE = 1 << 20


def seal_in_place(key: bytes, buffer: Unsealed, version: str) -> bytearray:
    """What ``seal(key, plaintext, version)`` makes of ``buffer``'s plaintext, made in
    ``buffer`` itself (AES-GCM, piece by piece: the same bytes, one copy)."""
    header = MAGIC + bytes([FORMAT])
    nonce = os.urandom(_NONCE)
    encryptor = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(header + version.encode())
    start = len(header) + len(nonce)
    with memoryview(buffer) as view:
        for at in range(start, len(buffer), _PIECE):
            with view[at : at + _PIECE] as piece:
                sealed = encryptor.update(piece)
                if len(sealed) != len(piece):
                    raise SealError("the cipher did not keep the length")  # never, in GCM
                piece[:] = sealed
        encryptor.finalize()
    buffer[:start] = header + nonce
    buffer += encryptor.tag
    return buffer


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


def unseal_in_place(key: bytes, buffer: bytearray, version: str) -> memoryview:
    """What ``unseal(key, buffer, version)`` returns, decrypted where it lies in ``buffer``:
    a view of the plaintext, returned only once the whole of it has been authenticated."""
    if len(buffer) < _HEADER + _NONCE + 16 or not buffer.startswith(MAGIC):
        raise SealError("not a Postguard roster file")
    if buffer[len(MAGIC)] != FORMAT:
        raise SealError(f"roster file format {buffer[len(MAGIC)]} is not supported")
    header, nonce = bytes(buffer[:_HEADER]), bytes(buffer[_HEADER : _HEADER + _NONCE])
    decryptor = Cipher(algorithms.AES(key), modes.GCM(nonce, bytes(buffer[-16:]))).decryptor()
    decryptor.authenticate_additional_data(header + version.encode())
    plaintext = memoryview(buffer)[_HEADER + _NONCE : len(buffer) - 16]
    for at in range(0, len(plaintext), _PIECE):
        with plaintext[at : at + _PIECE] as piece:
            piece[:] = decryptor.update(piece)
    try:
        decryptor.finalize()
    except InvalidTag:
        plaintext.release()
        raise SealError(
            "it failed its integrity check (tampered with, corrupt, or sealed under another key)"
        ) from None
    return plaintext
