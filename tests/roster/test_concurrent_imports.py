"""Two imports into one store at once: the second to save was built on a roster no longer in
force, and is refused rather than silently undoing the first."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from companion.cli.main import main
from companion.roster.store import RosterStore
from tests.roster.cli_run import real_store, run
from tests.roster.samples import PUPIL_HEADER, PUPILS, STAFF, STAFF_HEADER, csv_bytes


def test_two_imports_at_once_do_not_silently_undo_each_other(
    exports: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The DPO imports a pupils file with a new pupil while the office manager imports a staff
    file with a new teacher; both read the roster in force before either saves (the barrier
    makes that certain). One is saved; the other is refused, saying why and to run it again,
    and the roster in force keeps the first one's change. Before (found by a review), both
    reported success and the roster in force had lost the first one's change."""
    files = list(map(str, exports.values()))
    assert run(["roster", "import", *files], capsys)[0] == 0

    pupils = tmp_path / "pupils-new.csv"
    new_pupil = ["1004", "Ottoline", "Fairweather-Dunn", "", "05/06/2016", "", "", "", ""]
    pupils.write_bytes(csv_bytes(PUPIL_HEADER, [*PUPILS, new_pupil], "utf-8"))
    staff = tmp_path / "staff-new.csv"
    staff.write_bytes(
        csv_bytes(STAFF_HEADER, [*STAFF, ["Mr", "Barnabas", "Quillfeather", "Teacher"]], "utf-8")
    )

    barrier = threading.Barrier(2, timeout=30)
    original = RosterStore.save

    def save_after_both_read(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        barrier.wait()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RosterStore, "save", save_after_both_read)
    codes: dict[str, int] = {}

    def importer(name: str, path: Path) -> None:
        codes[name] = main(["roster", "import", str(path)])

    threads = [
        threading.Thread(target=importer, args=("pupils", pupils)),
        threading.Thread(target=importer, args=("staff", staff)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    out, err = capsys.readouterr()
    assert sorted(codes.values())[0] == 0 and sorted(codes.values())[1] != 0, codes
    assert "changed while this import ran" in out + err and "run the import again" in out + err
    names = {f"{p.forename} {p.surname}" for p in real_store().load().people}
    saved = "Ottoline Fairweather-Dunn" if codes["pupils"] == 0 else "Barnabas Quillfeather"
    refused = "Barnabas Quillfeather" if codes["pupils"] == 0 else "Ottoline Fairweather-Dunn"
    assert saved in names and refused not in names
