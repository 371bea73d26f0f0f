"""Real MIS export shapes import right, through the real CLI (samples in tests/roster/mis/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import postguard

MIS = Path(__file__).parent / "mis"


def imported(home: Path, *names: str, extra: tuple[str, ...] = ()) -> dict:
    done = postguard(
        "roster", "import", *(str(MIS / n) for n in names), "--json", *extra, home=home
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def rule_for(home: Path, name: str) -> str:
    done = postguard("check-contact", "--json", name, home=home)
    findings = json.loads(done.stdout)["findings"]
    return findings[0]["rule"] if findings else "none"


def test_a_sims_contact_report_stores_the_contacts_not_the_pupils_again(
    postguard_home: Path,
) -> None:
    report = imported(postguard_home, "sims-student-list.csv", "sims-contact-report.csv")
    assert report["counts"] == {"pupil": 2, "ex-pupil": 0, "contact": 3, "staff": 0}
    kinds = {Path(f["path"]).name: f["kind"] for f in report["files"]}
    assert kinds["sims-contact-report.csv"] == "contacts"
    assert rule_for(postguard_home, "Rebecca Smith") == "friend-family"
    assert rule_for(postguard_home, "Daniel Smith") == "friend-family"
    assert rule_for(postguard_home, "Joshua Smith") == "friend-pupil"  # a pupil, not a contact


def test_isams_pupils_with_their_primary_contact(postguard_home: Path) -> None:
    report = imported(postguard_home, "isams-pupils-primary-contact.csv")
    assert report["counts"] == {"pupil": 2, "ex-pupil": 0, "contact": 2, "staff": 0}
    assert rule_for(postguard_home, "Ewa Kowalska") == "friend-pupil"
    assert rule_for(postguard_home, "Agnieszka Kowalska") == "friend-family"
    assert rule_for(postguard_home, "Tommy Reyes") == "friend-pupil"  # preferred name kept


def test_wonde_ids_and_dates_with_a_time_part(postguard_home: Path) -> None:
    report = imported(postguard_home, "wonde-students.csv")
    assert report["counts"]["pupil"] == 2
    assert rule_for(postguard_home, "Lena Quarrie") == "friend-pupil"


def test_letters_lost_by_excel_are_a_warning_with_the_row(postguard_home: Path) -> None:
    report = imported(postguard_home, "excel-lost-letters.csv")
    (file,) = report["files"]
    assert [w["row"] for w in file["warnings"]] == [2]
    assert "CSV UTF-8" in file["warnings"][0]["warning"]
    text = postguard(
        "roster", "import", str(MIS / "excel-lost-letters.csv"), "--dry-run", home=postguard_home
    )
    assert "warning: row 2:" in text.stdout


@pytest.mark.parametrize("flag", [(), ("--dry-run",)])
def test_a_refused_json_import_says_why_at_the_top(
    postguard_home: Path, tmp_path: Path, flag: tuple[str, ...]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Class\nJosh,3B\n")
    done = postguard("roster", "import", str(bad), "--json", *flag, home=postguard_home)
    assert done.returncode != 0
    answer = json.loads(done.stdout)
    assert answer["ok"] is False and "bad.csv" in answer["error"]
    assert answer["files"][0]["columns_found"] == ["Name", "Class"]


def test_a_sims_staff_list_with_dates_of_birth_is_a_staff_list(postguard_home: Path) -> None:
    report = imported(postguard_home, "sims-staff-list.csv")
    assert report["counts"]["staff"] == 2 and report["counts"]["pupil"] == 0
    # the preferred forename is what colleagues write: known beside the legal one
    for text in ("Coffee with Kate Cartwright", "Coffee with Catherine Cartwright"):
        done = postguard("check", "--json", text, home=postguard_home)
        rules = {f["rule"] for f in json.loads(done.stdout)["findings"]}
        assert "staff-name" in rules, text


def test_registration_types_are_on_roll_not_bad_statuses(postguard_home: Path) -> None:
    report = imported(postguard_home, "sims-enrolment-status.csv")
    assert report["counts"]["pupil"] == 4 and report["counts"]["ex-pupil"] == 1
    assert rule_for(postguard_home, "Oskar Lindqvist") == "friend-pupil"


def test_wonde_legal_and_preferred_names_are_both_kept(postguard_home: Path) -> None:
    imported(postguard_home, "wonde-legal-and-preferred.csv")
    assert rule_for(postguard_home, "Aleksandra Nowak") == "friend-pupil"
    assert rule_for(postguard_home, "Ola Nowak") == "friend-pupil"
