"""What a bundle carries: the roster in the roster package's own encoding."""

from __future__ import annotations

from companion.distribution.errors import BundleRefused
from companion.roster.model import Roster


def encode(roster: Roster) -> bytes:
    from companion.roster.codec import encode_roster

    return encode_roster(roster)


def decode(payload: bytes) -> Roster:
    from companion.roster.codec import decode_roster

    try:
        return decode_roster(payload)
    except Exception as exc:  # the codec's own errors vary; none may crash a pull
        raise BundleRefused(f"the bundle's roster cannot be read ({type(exc).__name__})") from None
