"""The roster at rest and in bundles is AES-256-GCM ciphertext under a key that lives elsewhere,
checked on the files the real CLI writes: the stored body decrypts with the data directory's key
and no other, it does not decompress or parse at any offset, and no name appears anywhere.

(Searching only for names as literal bytes would pass a roster that was merely compressed.)
"""

from __future__ import annotations

import base64
import json
import os
import struct
import zlib
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from companion.distribution.bundle import MAGIC as BUNDLE_MAGIC
from companion.distribution.keys import read_school_key_file
from companion.roster.codec import decode_roster
from companion.roster.sealing import MAGIC as ROSTER_MAGIC
from tests.cli.helpers import postguard

NAMES = ("Quentin", "Zabriskie", "Marigold", "Ottoline")
PUPILS = (
    "pupil_id,forename,surname,date_of_birth\n"
    + "".join(f"P{n},Quentin{n},Zabriskie{n},01/02/2017\n" for n in range(200))
    + "P900,Ottoline,Vanderpump,01/02/2017\n"
)
CONTACTS = "pupil_id,forename,surname,relationship\nP1,Marigold,Zabriskie1,Mother\n"


def never_readable(body: bytes) -> None:
    """Not compressed data, not JSON, and no name, at any offset a header could hide."""
    for start in range(min(len(body), 64)):
        for wbits in (15, -15, 31):
            try:
                text = zlib.decompressobj(wbits).decompress(body[start:], 1 << 20)
            except zlib.error:
                continue
            # Random bytes can pass for a few bytes of raw deflate; a compressed roster is
            # kilobytes of names.
            assert len(text) < 4096, f"decompresses at offset {start}"
            for name in NAMES:
                assert name.encode() not in text, f"decompresses at offset {start}"
    with pytest.raises(ValueError):
        json.loads(body)
    for name in NAMES:
        assert name.encode() not in body and name.encode("utf-16-le") not in body


@pytest.fixture
def imported(postguard_home: Path, tmp_path: Path) -> tuple[Path, dict]:
    key_file = tmp_path / "config" / "secrets.key"
    assert postguard("secrets", "use-keyfile", str(key_file), home=postguard_home).returncode == 0
    (tmp_path / "pupils.csv").write_text(PUPILS)
    (tmp_path / "contacts.csv").write_text(CONTACTS)
    done = postguard(
        "roster",
        "import",
        str(tmp_path / "pupils.csv"),
        str(tmp_path / "contacts.csv"),
        home=postguard_home,
    )
    assert done.returncode == 0, done.stderr
    return postguard_home, json.loads(key_file.read_text())["secrets"]


def sealed_files(
    home: Path, secrets: dict, kind: str
) -> list[tuple[bytes, str, bytes, bytes, bytes]]:
    """(roster key, version, header, nonce, ciphertext) of each ``v-*.<kind>`` file, checked to
    carry the store's header and no readable text."""
    key = base64.b64decode(next(v for n, v in secrets.items() if n.startswith("roster-key")))
    files = list((home / "roster" / "versions").glob(f"v-*.{kind}"))
    assert files
    found = []
    for path in files:
        data = path.read_bytes()
        header, nonce, body = data[:9], data[9:21], data[21:]
        assert header.startswith(ROSTER_MAGIC)
        never_readable(body)
        found.append((key, path.stem.removeprefix("v-"), header, nonce, body))
    return found


def test_the_stored_roster_is_aes_gcm_under_the_data_directory_s_key(
    imported: tuple[Path, dict],
) -> None:
    home, secrets = imported
    for key, version, header, nonce, body in sealed_files(home, secrets, "pgr"):
        plain = AESGCM(key).decrypt(nonce, body, header + version.encode())
        roster = decode_roster(plain)
        assert {p.forename for p in roster.people} >= {"Ottoline", "Marigold"}
        for wrong in (bytes(32), os.urandom(32)):
            with pytest.raises(InvalidTag):
                AESGCM(wrong).decrypt(nonce, body, header + version.encode())
    for path in home.rglob("*"):
        if path.is_file():
            for name in NAMES:
                assert name.encode() not in path.read_bytes(), path


def test_the_saved_name_index_is_aes_gcm_under_the_same_key(imported: tuple[Path, dict]) -> None:
    """What start-up loads instead of building (the compiled name index) is sealed like the
    roster, bound to its version, and opens under no other key or label."""
    home, secrets = imported
    for key, version, header, nonce, body in sealed_files(home, secrets, "pgi"):
        plain = AESGCM(key).decrypt(nonce, body, header + f"{version}/name-index".encode())
        assert b"ottoline" in plain  # it holds the folded names, so it must stay sealed
        with pytest.raises(InvalidTag):
            AESGCM(key).decrypt(nonce, body, header + version.encode())  # not a roster file
        with pytest.raises(InvalidTag):
            AESGCM(os.urandom(32)).decrypt(nonce, body, header + f"{version}/name-index".encode())


def test_a_bundle_is_aes_gcm_under_the_school_key_and_nothing_else(
    imported: tuple[Path, dict], tmp_path: Path
) -> None:
    home, _ = imported
    keys = tmp_path / "keys"
    assert (
        postguard(
            "bundle-keys", "init", "--school", "Test", "--out-dir", str(keys), home=home
        ).returncode
        == 0
    )
    out = tmp_path / "roster.pgbundle"
    assert postguard("roster", "bundle", "--out", str(out), home=home).returncode == 0
    data = out.read_bytes()
    assert data.startswith(BUNDLE_MAGIC)
    (length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + length])
    associated = data[: 12 + length]
    body = data[12 + length : 12 + length + header["ciphertext_length"]]
    never_readable(body)
    school_key = read_school_key_file(keys / "school.key")
    plain = AESGCM(school_key).decrypt(base64.b64decode(header["nonce"]), body, associated)
    assert "Ottoline" in {p.forename for p in decode_roster(plain).people}
    with pytest.raises(InvalidTag):
        AESGCM(os.urandom(32)).decrypt(base64.b64decode(header["nonce"]), body, associated)
