"""The DPO cannot wipe the roster by accident: the shrink guard, header-only files, the expiry."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.roster.cli_run import run


def status(capsys: pytest.CaptureFixture[str]) -> dict:
    code, out, err = run(["roster", "status", "--json"], capsys)
    assert code == 0, err
    return json.loads(out)


def pupils_file(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("pupil_id,forename,surname,date_of_birth\n" + "".join(rows), "utf-8")
    return path


ROWS = [f"{n},Pupil{chr(65 + n)},Family{chr(65 + n)},01/02/2017\n" for n in range(10)]


def test_an_import_that_removes_most_pupils_is_refused_until_the_dpo_says_so(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["roster", "import", *map(str, exports.values())], capsys)[0] == 0
    before = status(capsys)
    partial = pupils_file(tmp_path, "partial.csv", ROWS[:1])  # 1 pupil instead of 3
    code, out, err = run(["roster", "import", str(partial)], capsys)
    assert code != 0
    assert "refused" in err and "of 3 pupils" in err and "--allow-shrink" in err
    assert "pupil:" in out  # the DPO still sees the changes it would have made
    assert status(capsys) == before  # nothing changed in between
    code, _, err = run(["roster", "import", str(partial), "--json"], capsys)
    assert code != 0
    assert status(capsys) == before

    code, out, err = run(["roster", "import", str(partial), "--allow-shrink"], capsys)
    assert code == 0, err
    after = status(capsys)
    assert after["version"] != before["version"] and after["counts"]["pupil"] == 1


def test_a_dry_run_says_a_real_import_would_be_refused(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["roster", "import", *map(str, exports.values())], capsys)[0] == 0
    partial = pupils_file(tmp_path, "partial.csv", ROWS[:1])
    code, out, _ = run(["roster", "import", str(partial), "--dry-run"], capsys)
    assert code == 0
    assert "would be refused" in out and "dry run: nothing was saved" in out


def test_a_small_change_is_not_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["roster", "import", str(pupils_file(tmp_path, "a.csv", ROWS))], capsys)[0] == 0
    fewer = pupils_file(tmp_path, "b.csv", ROWS[:8])  # 2 of 10 left: 20%
    code, _, err = run(["roster", "import", str(fewer)], capsys)
    assert code == 0, err
    assert status(capsys)["counts"]["pupil"] == 8


def test_a_header_only_file_is_an_error_and_changes_nothing(
    exports: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["roster", "import", *map(str, exports.values())], capsys)[0] == 0
    before = status(capsys)
    empty = pupils_file(tmp_path, "empty.csv", [])
    code, _, err = run(["roster", "import", str(empty), "--allow-shrink"], capsys)
    assert code != 0
    assert "no rows" in err and "empty.csv" in err
    assert status(capsys) == before
    code, out, _ = run(["roster", "import", str(empty), "--json"], capsys)
    report = json.loads(out)
    assert report["ok"] is False and "no rows" in report["error"]


def test_the_expiry_carries_over_until_changed_or_cleared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = pupils_file(tmp_path, "a.csv", ROWS)
    expires = date.today() + timedelta(days=120)
    assert run(["roster", "import", str(first), "--expires", expires.isoformat()], capsys)[0] == 0
    assert status(capsys)["expires"] == expires.isoformat()

    again = pupils_file(tmp_path, "b.csv", ROWS[:9])
    code, out, err = run(["roster", "import", str(again)], capsys)
    assert code == 0, err
    assert f"expires: {expires:%d/%m/%Y}" in out
    assert status(capsys)["expires"] == expires.isoformat()

    later = date.today() + timedelta(days=300)
    assert run(["roster", "import", str(first), "--expires", later.isoformat()], capsys)[0] == 0
    assert status(capsys)["expires"] == later.isoformat()

    assert run(["roster", "import", str(again), "--no-expiry"], capsys)[0] == 0
    assert status(capsys)["expires"] is None
