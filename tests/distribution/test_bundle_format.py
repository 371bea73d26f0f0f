"""The bundle file itself: every way a bundle can be wrong is refused with its reason."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.distribution.bundle import SIGNATURE_BYTES, open_bundle, seal_bundle
from companion.distribution.errors import BundleRefused
from companion.distribution.keys import new_school_key

SIGNER = Ed25519PrivateKey.generate()
SCHOOL_KEY = new_school_key()
PAYLOAD = b'{"people": ["an encoded roster stands here"]}'


def seal(version: int = 10, signer: Ed25519PrivateKey = SIGNER, key: bytes = SCHOOL_KEY) -> bytes:
    return seal_bundle(
        PAYLOAD,
        version=version,
        created_at=datetime(2026, 9, 1, tzinfo=UTC).isoformat(),
        school="Glazebury",
        roster_version="abc123",
        school_key=key,
        signing_key=signer,
    )


def refused(data: bytes, installed: int = 0, key: bytes = SCHOOL_KEY) -> str:
    with pytest.raises(BundleRefused) as caught:
        open_bundle(data, school_key=key, signer=SIGNER.public_key(), installed_version=installed)
    return str(caught.value)


def test_round_trip_gives_back_payload_and_header() -> None:
    opened = open_bundle(seal(), school_key=SCHOOL_KEY, signer=SIGNER.public_key())
    assert opened.payload == PAYLOAD
    assert opened.header.version == 10
    assert opened.header.school == "Glazebury"


def test_school_key_and_payload_are_not_in_the_file() -> None:
    data = seal()
    assert SCHOOL_KEY not in data
    assert b"an encoded roster" not in data


def test_altered_ciphertext_is_refused() -> None:
    data = bytearray(seal())
    data[-SIGNATURE_BYTES - 5] ^= 0x01
    assert "altered" in refused(bytes(data))


def test_altered_version_in_header_is_refused() -> None:
    data = seal(version=10).replace(b'"version": 10', b'"version": 99')
    assert "altered" in refused(data)


def test_unsigned_bundle_is_refused() -> None:
    assert refused(seal()[:-SIGNATURE_BYTES]) == "the bundle is not signed"


@pytest.mark.parametrize("keep", [0.2, 0.6, 0.99])
def test_truncated_bundle_is_refused(keep: float) -> None:
    data = seal()
    cut = data[: int(len(data) * keep)]
    assert "truncated" in refused(cut) or "not signed" in refused(cut)


def test_bundle_signed_by_another_key_is_refused_naming_both_keys() -> None:
    message = refused(seal(signer=Ed25519PrivateKey.generate()))
    assert "not by the pinned signing key" in message


def test_older_bundle_is_refused_as_rollback() -> None:
    message = refused(seal(version=10), installed=11)
    assert "older than the roster in force" in message
    assert "10 < 11" in message


def test_same_version_is_accepted() -> None:
    opened = open_bundle(
        seal(10), school_key=SCHOOL_KEY, signer=SIGNER.public_key(), installed_version=10
    )
    assert opened.payload == PAYLOAD


def test_bundle_for_another_school_key_is_refused() -> None:
    assert "encrypted for school key" in refused(seal(), key=new_school_key())


def test_not_a_bundle() -> None:
    assert refused(b"%PDF-1.7 something else") == "this file is not a Postguard roster bundle"
    assert refused(b"") == "this file is not a Postguard roster bundle"


def test_trailing_data_is_refused() -> None:
    assert "after its signature" in refused(seal() + b"x")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_single_byte_change_is_refused(data: st.DataObject) -> None:
    bundle = bytearray(seal())
    index = data.draw(st.integers(0, len(bundle) - 1))
    bundle[index] ^= data.draw(st.integers(1, 255))
    with pytest.raises(BundleRefused):
        open_bundle(bytes(bundle), school_key=SCHOOL_KEY, signer=SIGNER.public_key())
