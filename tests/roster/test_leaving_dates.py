"""Safeguarding: "Leaving Date" is the day a pupil left the school, never the day a child may
legally leave education. An ex-pupil is allowed as a friend only once the legal-leaving day,
worked out from the date of birth and the policy's age (policy data), has passed.

Everything goes through the real ``postguard roster import`` and ``postguard check-contact``,
with dates relative to today so the cases never age out.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.policy import load_policy
from companion.roster.model import Roster
from companion.roster.store import open_roster_store
from companion.settings import Settings
from tests.cli.helpers import free_port
from tests.roster.cli_run import run

TODAY = date.today()


def years_ago(years: int, days: int = 0) -> date:
    """The same day ``years`` ago (28 Feb for 29 Feb), minus ``days``."""
    try:
        day = TODAY.replace(year=TODAY.year - years)
    except ValueError:
        day = date(TODAY.year - years, 2, 28)
    return day - timedelta(days=days)


def uk(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def contact(name: str, capsys: pytest.CaptureFixture[str]) -> dict:
    code, out, err = run(["check-contact", "--json", name], capsys)
    assert code in (0, 1, 2), err
    return json.loads(out)


def rules_of(verdict: dict) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in verdict["findings"]]


def test_an_arbor_leaving_date_is_the_day_they_left_not_their_legal_leaving_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    age = load_policy().legal_leaving_age
    export = tmp_path / "arbor-students.csv"
    rows = [
        # Left the primary school years ago; one week short of the policy's age today.
        ("1", "Kayden", "Marsh", uk(years_ago(age, days=-7)), uk(years_ago(5))),
        # Left two years ago, aged about fourteen now.
        ("2", "Lena", "Booth", uk(years_ago(14)), uk(years_ago(2))),
        # Past the policy's age by a week: befriending is allowed, with a note.
        ("3", "Rowan", "Pryce", uk(years_ago(age, days=7)), uk(years_ago(7))),
        # On roll: no leaving date, or one in the future (leaving at the end of term).
        ("4", "Isla", "Quayle", uk(years_ago(9)), ""),
        ("5", "Theo", "Ashby", uk(years_ago(10)), uk(TODAY + timedelta(days=40))),
    ]
    header = "MIS ID,First Name,Last Name,Date Of Birth,Leaving Date\n"
    export.write_text(header + "".join(",".join(r) + "\n" for r in rows), "utf-8")
    code, _, err = run(["roster", "import", str(export)], capsys)
    assert code == 0, err

    assert rules_of(contact("Kayden Marsh", capsys)) == [("friend-ex-pupil", "block")]
    assert rules_of(contact("Lena Booth", capsys)) == [("friend-ex-pupil", "block")]
    assert rules_of(contact("Rowan Pryce", capsys)) == [("friend-ex-pupil", "info")]
    assert rules_of(contact("Isla Quayle", capsys)) == [("friend-pupil", "block")]
    assert rules_of(contact("Theo Ashby", capsys)) == [("friend-pupil", "block")]


def test_the_canonical_leaving_date_column_means_the_day_they_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "pupils.csv"
    export.write_text(
        "pupil_id,forename,surname,date_of_birth,status,leaving_date\n"
        f"1,Kayden,Marsh,{uk(years_ago(17))},left,{uk(years_ago(6))}\n",
        "utf-8",
    )
    assert run(["roster", "import", str(export)], capsys)[0] == 0
    verdict = contact("Kayden Marsh", capsys)
    assert verdict["verdict"] == "block" and "not yet legally left" in json.dumps(verdict)


def test_an_ex_pupil_with_no_date_of_birth_is_treated_as_a_child(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "pupils.csv"
    export.write_text(
        f"Adno,Legal Forename,Legal Surname,Date of Leaving\n1,Omar,Pike,{uk(years_ago(3))}\n"
    )
    assert run(["roster", "import", str(export)], capsys)[0] == 0
    verdict = contact("Omar Pike", capsys)
    assert verdict["verdict"] == "block"
    assert "date of birth" in verdict["findings"][0]["message"]


def test_a_legal_leaving_date_that_makes_a_child_younger_than_16_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "pupils.csv"
    export.write_text(
        "pupil_id,forename,surname,date_of_birth,legal_leaving_date\n"
        f"1,Kayden,Marsh,{uk(years_ago(17))},{uk(years_ago(6))}\n"
    )
    code, _, err = run(["roster", "import", str(export)], capsys)
    assert code != 0
    assert "younger than 16" in err and "row 2" in err
    assert open_roster_store(Settings()).current_version() is None  # nothing imported


def test_a_roster_stored_under_the_old_reading_must_be_imported_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "pupils.csv"
    export.write_text(
        f"pupil_id,forename,surname,date_of_birth\n1,Isla,Quayle,{uk(years_ago(9))}\n"
    )
    assert run(["roster", "import", str(export)], capsys)[0] == 0
    store = open_roster_store(Settings())
    current = store.load()
    assert current is not None and not current.needs_reimport
    # What an earlier release stored: the same people, read the old way.
    old = Roster(people=current.people, imported_at=current.imported_at, leaving_dates_reading=1)
    store.save(old, operator="test")
    code, out, _ = run(["doctor", "--json", "--port", str(free_port())], capsys)
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert checks["roster"]["status"] == "fail"
    assert "leaving-date" in checks["roster"]["detail"]
    assert "roster import" in checks["roster"]["fix"]

    code, out, err = run(["roster", "import", str(export)], capsys)
    assert code == 0, err
    assert "old leaving-date rule" in out
    assert not store.load().needs_reimport
