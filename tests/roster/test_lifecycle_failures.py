"""The DPO's roster after import: a manifest of the wrong shape, a write that fails half way
and a rollback each leave the roster in force and every kept version as they were, or say
plainly what happened."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

import companion.roster.store as store_module
from tests.roster.cli_run import real_store, run


def _files(exports: dict[str, Path]) -> list[str]:
    return list(map(str, exports.values()))


@pytest.mark.parametrize(
    "manifest",
    [
        {"format": 1, "versions": [{"saved_at": "2026-09-01"}]},  # an entry with no version
        {"format": 1, "versions": "v-1"},  # not a list
        {"format": 1, "versions": [["abc"]]},  # entries that are not objects
    ],
)
def test_a_well_formed_but_wrong_manifest_is_reported_and_got_past_by_fresh(
    manifest: dict, exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """manifest.json is valid JSON of the wrong shape (a sync tool's merge, a hand edit): the
    store's one-line "the roster manifest ... is damaged", and --fresh gets past it as it does
    a manifest cut short (found by a review: each ended in "unexpected KeyError", --fresh too,
    so no command worked)."""
    files = _files(exports)
    assert run(["roster", "import", *files], capsys)[0] == 0
    real_store().manifest_path.write_text(json.dumps(manifest), "utf-8")

    code, _, err = run(["roster", "status"], capsys)
    assert code != 0
    assert "unexpected" not in err and "manifest" in err, err
    code, _, err = run(["roster", "import", "--fresh", *files], capsys)
    assert code == 0, err


def test_a_manifest_with_an_unreadable_expiry_is_reported_clearly(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """An expiry written in another form ("01/04/2027", as the DPO types dates) is a damaged
    manifest, said as such (was: "unexpected ValueError")."""
    assert run(["roster", "import", *_files(exports)], capsys)[0] == 0
    path = real_store().manifest_path
    document = json.loads(path.read_text("utf-8"))
    document["versions"][-1]["expires"] = "01/04/2027"
    path.write_text(json.dumps(document), "utf-8")

    code, _, err = run(["roster", "status"], capsys)
    assert code != 0
    assert "unexpected" not in err and "manifest" in err and "is damaged" in err, err


def _full_disk_on_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills (or the quota is reached) just as the audit line is appended."""

    def no_space(path: Path, line: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(store_module, "append_line", no_space)


def test_an_import_reported_as_failed_leaves_the_previous_roster_in_force(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills as the import's audit line is written: the import says it failed and has
    changed nothing (the audit line is written before the switch; before, the new roster was
    already in force, with no audit line, when the DPO was told it had failed)."""
    files = _files(exports)
    assert run(["roster", "import", *files], capsys)[0] == 0
    before = real_store().current_version()

    _full_disk_on_audit(monkeypatch)
    code, _, err = run(["roster", "import", *files], capsys)
    assert code != 0, "the failure was not reported at all"
    assert real_store().current_version() == before, (
        f"the import said it failed ({err.strip()}) but put a new version in force"
    )


def test_a_rollback_reported_as_failed_loses_nothing(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills as a rollback's audit line is written: the roster in force and every kept
    version are as they were (before, the newer version had already been deleted)."""
    files = _files(exports)
    assert run(["roster", "import", *files], capsys)[0] == 0
    assert run(["roster", "import", *files], capsys)[0] == 0
    store = real_store()
    newer = store.current_version()
    kept = [v.version for v in store.versions()]

    _full_disk_on_audit(monkeypatch)
    code, _, _ = run(["roster", "rollback"], capsys)
    assert code != 0
    assert real_store().current_version() == newer
    assert [v.version for v in real_store().versions()] == kept
    assert (store.versions_dir / f"v-{newer}.pgr").exists()


def test_a_rollback_is_undone_by_another(
    exports: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The DPO imports the new term's roster, then rolls back (to compare, or by mistake): the
    version rolled back from stays kept, the command says so, and a second rollback puts it
    back in force. Before, it was deleted there and then, with no warning."""
    files = _files(exports)
    assert run(["roster", "import", *files], capsys)[0] == 0
    assert run(["roster", "import", *files], capsys)[0] == 0
    store = real_store()
    older, newer = (v.version for v in store.versions())
    code, out, _ = run(["roster", "rollback"], capsys)
    assert code == 0
    assert store.current_version() == older
    assert f"version {newer} is kept" in out and "rollback' again" in out
    assert (store.versions_dir / f"v-{newer}.pgr").exists()
    assert {v.version for v in store.versions()} == {older, newer}
    assert run(["roster", "rollback"], capsys)[0] == 0
    assert store.current_version() == newer
    assert store.load() is not None and store.load().version == newer
