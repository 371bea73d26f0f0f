"""Roster test fixtures: real export files in tmp dirs and the real keyring (run the suite under
``scripts/with-keyring``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.roster.store import RosterStore
from companion.secrets import KeyringSecretStore
from companion.settings import Settings
from tests.roster.samples import (
    CONTACT_HEADER,
    CONTACTS,
    PUPIL_HEADER,
    PUPILS,
    STAFF,
    STAFF_HEADER,
    csv_bytes,
)


@pytest.fixture
def exports(tmp_path: Path) -> dict[str, Path]:
    """A school's three exports as Excel saves them: Windows-1252 CSVs."""
    folder = tmp_path / "exports"
    folder.mkdir()
    files = {
        "pupils": (PUPIL_HEADER, PUPILS),
        "contacts": (CONTACT_HEADER, CONTACTS),
        "staff": (STAFF_HEADER, STAFF),
    }
    paths = {}
    for kind, (header, rows) in files.items():
        paths[kind] = folder / f"{kind}.csv"
        paths[kind].write_bytes(csv_bytes(header, rows, "cp1252"))
    return paths


@pytest.fixture
def secrets() -> KeyringSecretStore:
    """The real keyring under a service name of this test's own."""
    return KeyringSecretStore(service=f"postguard-test-{uuid.uuid4().hex[:8]}", retries=0)


@pytest.fixture
def store(secrets: KeyringSecretStore) -> Iterator[RosterStore]:
    roster_store = RosterStore(Settings().roster_dir, secrets)
    yield roster_store
    secrets.delete(roster_store.key_name)
