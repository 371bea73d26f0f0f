"""An update reads the roster in force from the name index saved beside it (``v-<id>.pgi``),
and from the roster file (``v-<id>.pgr``) when the index is missing or damaged. What the DPO
relies on in unusual store states."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from companion.roster.model import Role
from companion.roster.store import RosterStore
from tests.roster.cli_run import imported, real_store, run
from tests.roster.samples import STAFF, STAFF_HEADER, csv_bytes, term_pupils


def version_file(store: RosterStore, suffix: str) -> Path:
    return store.versions_dir / f"v-{store.current_version()}{suffix}"


def test_an_update_after_a_rollback_diffs_and_carries_over_from_the_version_rolled_back_to(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After ``roster rollback`` the roster in force is the older version, read from *its*
    saved index (not the newer one's, which is still kept). Nothing held this before (found
    in review)."""
    imported(list(exports.values()), capsys)
    store = real_store()
    first_staff = sorted(
        (p.forename, p.surname, p.title)
        for p in store.load().people  # type: ignore[union-attr]
        if p.role is Role.STAFF
    )
    other_staff = tmp_path / "other-staff.csv"
    other_staff.write_bytes(
        csv_bytes(STAFF_HEADER, [["Mr", "Bartholomew", "Quince", "Head"]], "utf-8")
    )
    imported([exports["pupils"], exports["contacts"], other_staff], capsys, "--allow-shrink")
    code, _, err = run(["roster", "rollback"], capsys)
    assert code == 0, err
    assert version_file(store, ".pgi").exists()  # the index read is the rolled-back-to one's

    done = imported([term_pupils(tmp_path)], capsys)
    assert done["carried_over"] == ["contacts", "staff"]
    by_role = done["changes"]["by_role"]
    assert by_role["staff"] == {"added": 0, "removed": 0, "changed": 0}  # against the first
    assert by_role["pupil"] == {"added": 0, "removed": 0, "changed": 1}
    after = store.load()
    assert after is not None
    staff = sorted((p.forename, p.surname, p.title) for p in after.people if p.role is Role.STAFF)
    assert staff == first_staff == sorted(("Philippa", "Ashworth-Lund", row[0]) for row in STAFF)


def test_an_update_over_a_roster_file_that_no_longer_opens_is_refused_as_before(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The roster file in force is damaged (or gone), its saved index still opens: the
    import is refused, as when the roster was decoded ("cannot be opened ... --fresh"), so
    'roster rollback' keeps a version to go back to. Before (found in review): it went ahead
    from the index, said nothing and reported the old version as kept, which rollback then
    could not open, and --fresh was refused because the roster "opens"."""
    imported(list(exports.values()), capsys)
    store = real_store()
    roster_file = version_file(store, ".pgr")
    damaged = bytearray(roster_file.read_bytes())
    damaged[len(damaged) // 2] ^= 1
    roster_file.write_bytes(bytes(damaged))

    code, _, err = run(["roster", "import", str(term_pupils(tmp_path))], capsys)
    assert code != 0 and "cannot be opened" in err and "--fresh" in err
    code, _, err = run(["roster", "import", *map(str, exports.values()), "--fresh"], capsys)
    assert code == 0, err  # the way out it names works: nothing else could be rolled back to
    assert store.load() is not None and store.verify()[-1].ok


def test_a_saved_index_too_large_to_read_is_not_used_and_the_update_goes_on(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged ``.pgi`` whose size is absurd (a sparse file: a terabyte that takes no disk)
    is passed over like any other damaged index, and the roster itself read. Before (found in
    review): the import read it whole into memory and ended 'unexpected MemoryError'."""
    imported(list(exports.values()), capsys)
    store = real_store()
    index = version_file(store, ".pgi")
    with index.open("r+b") as fh:
        os.ftruncate(fh.fileno(), 1 << 40)
    code, out, err = run(["roster", "import", str(term_pupils(tmp_path)), "--json"], capsys)
    assert code == 0, err
    done = json.loads(out)
    assert done["carried_over"] == ["contacts", "staff"]
    assert done["changes"]["by_role"]["pupil"] == {"added": 0, "removed": 0, "changed": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe is a POSIX thing")
def test_a_pipe_in_place_of_the_saved_index_is_not_waited_on(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reading a named pipe would wait for a writer that never comes: only a regular file is
    read, and the roster itself is used instead (found in review)."""
    imported(list(exports.values()), capsys)
    index = version_file(real_store(), ".pgi")
    index.unlink()
    os.mkfifo(index)
    done = imported([term_pupils(tmp_path)], capsys)
    assert done["changes"]["by_role"]["pupil"] == {"added": 0, "removed": 0, "changed": 1}
