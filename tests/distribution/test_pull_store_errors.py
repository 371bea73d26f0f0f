"""What a staff machine says when a good bundle cannot be installed: its own store's reason,
never a claim that the bundle is unreadable."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.distribution.conftest import Machine, make_roster
from tests.distribution.test_roundtrip_directory import staff_with_first_bundle


def test_a_good_bundle_that_cannot_be_installed_is_not_blamed_on_the_bundle(
    dpo: Machine, keys: Path, share: Path, machine: Callable[[str], Machine]
) -> None:
    """A staff machine's own roster manifest is damaged and the DPO's new bundle is good: the
    pull, and the record `doctor` shows, name this computer's roster store and its damaged
    manifest (before: "the bundle could not be read (RosterStoreError)", sending IT after a
    good bundle and the share)."""
    staff, _ = staff_with_first_bundle(dpo, keys, share, machine)
    newer = make_roster(("Tobias", "Quennell"), ("Ffion", "Arkwright"), ("Ada", "Vole"))
    dpo.store().save(newer, "dpo")
    dpo.bundle(share / "roster.pgbundle")
    manifest = staff.store().manifest_path
    manifest.write_bytes(manifest.read_bytes()[:40])

    code, message = staff.fetch()
    assert code != 0
    assert "bundle could not be read" not in message, message
    assert "roster store" in message and "manifest" in message, message
    state = json.loads((staff.home / "bundle-state.json").read_text())
    assert "bundle could not be read" not in state["last_error"], state["last_error"]
