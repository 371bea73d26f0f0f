"""What a bundle carries: the roster in the roster package's own encoding, then (since
November 2026) the roster's compiled name index, so a staff machine starts with it instead of
building it.

The roster is one zlib stream, as it always was: a Postguard from before the index reads it and
never looks past its end. The index follows it: a second zlib stream, its length (8 bytes,
big-endian) and ``INDEX_MARK``, so it is found from the end without unpacking the roster. Both
are inside the bundle's encryption and covered by its signature.
"""

from __future__ import annotations

import struct
import zlib

from companion.distribution.errors import BundleRefused
from companion.roster.model import Roster

INDEX_MARK = b"PGINDEX1"
MAX_INDEX_BYTES = 1 << 30  # far beyond any school's (a 400,000-person index is ~60 MB)


def encode(roster: Roster, index: bytes | memoryview | None = None) -> bytes:
    from companion.roster.codec import encode_roster

    encoded = encode_roster(roster)
    if index is None:
        return encoded
    packed = zlib.compress(index, 1)
    return encoded + packed + struct.pack(">Q", len(packed)) + INDEX_MARK


def decode(payload: bytes) -> Roster:
    from companion.roster.codec import decode_roster

    try:
        return decode_roster(payload)  # the roster's own stream; what follows is not read
    except Exception as exc:  # the codec's own errors vary; none may crash a pull
        raise BundleRefused(f"the bundle's roster cannot be read ({type(exc).__name__})") from None


def carried_index(payload: bytes) -> bytes | None:
    """The compiled index after the roster, or None when the bundle carries none (a bundle from
    before November 2026, or one whose index was too large to carry)."""
    if not payload.endswith(INDEX_MARK):
        return None
    end = len(payload) - len(INDEX_MARK) - 8
    (length,) = struct.unpack(">Q", payload[end : end + 8]) if end > 0 else (-1,)
    if not 0 < length < end:
        raise BundleRefused("the bundle's name index is cut short")
    try:
        index = zlib.decompressobj()
        with memoryview(payload)[end - length : end] as packed:
            plaintext = index.decompress(packed, MAX_INDEX_BYTES)
        if not index.eof or index.unconsumed_tail or index.unused_data:
            raise BundleRefused("the bundle's name index is cut short or too large")
    except zlib.error:
        raise BundleRefused("the bundle's name index cannot be read") from None
    return plaintext
