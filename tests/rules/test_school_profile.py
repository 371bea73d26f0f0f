"""The school profile: shipped defaults, the DPO's changes in the data directory, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.checks import PostRequest
from companion.demo import demo_roster
from companion.engine import Engine
from companion.school import SchoolProfileError, SchoolStore
from tests.cli.helpers import run_in_process


@pytest.fixture
def postguard(capsys: pytest.CaptureFixture[str]):
    """The real ``postguard`` entry point, in process (the suite stays fast)."""
    return lambda *args: run_in_process(capsys, *args)


def test_defaults_describe_glazebury(postguard_home: Path):
    profile = SchoolStore(postguard_home).load()
    assert profile.name == "Glazebury C E Primary School"
    assert "LDST" in profile.trust
    assert "GlazeburyCE" in profile.handles["x"]


def test_show_prints_the_profile_as_json(postguard, postguard_home: Path):
    result = postguard("school", "show", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["names"] == ["Glazebury"]
    assert set(data["handles"]) == {"x", "facebook"}


def test_set_changes_what_the_checks_find(postguard, postguard_home: Path):
    engine = Engine(demo_roster(), home=postguard_home)
    assert engine.check_post(PostRequest(text="Off to Hollins Green school")).verdict == "allow"
    result = postguard("school", "set", "names", "Glazebury", "Hollins Green")
    assert result.returncode == 0, result.stderr
    verdict = engine.check_post(PostRequest(text="Off to Hollins Green school"))
    assert [(f.rule, f.text) for f in verdict.findings] == [
        ("school-reference", "Hollins Green school")
    ]
    # kept in the data directory, not in the shipped defaults
    assert json.loads((postguard_home / "school.json").read_text())["names"][1] == "Hollins Green"


def test_set_handles_makes_them_the_schools_own(postguard, postguard_home: Path):
    assert postguard("school", "set", "handles.x", "@GlazeburyPE").returncode == 0
    engine = Engine(demo_roster(), home=postguard_home)
    verdict = engine.check_post(PostRequest(text="Well played @GlazeburyPE", account="school"))
    assert verdict.verdict == "allow"
    verdict = engine.check_post(PostRequest(text="Well played @GlazeburyCE", account="school"))
    assert [f.rule for f in verdict.findings] == ["mentions"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "colour", "blue"), "unknown field 'colour'"),
        (("set", "websites", "not a site"), "is not a web address"),
        (("set", "handles.x", "bad handle!"), "is not a handle"),
        (("set", "name", "One", "Two"), "name takes exactly one value"),
        (("set", "names", "ab"), "at least 3 characters"),
        (("reset", "colour"), "unknown field 'colour'"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(
    postguard, postguard_home: Path, args: tuple[str, ...], message: str
):
    assert postguard("school", "set", "trust", "LDST").returncode == 0
    before = (postguard_home / "school.json").read_text()
    result = postguard("school", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert (postguard_home / "school.json").read_text() == before


def test_a_broken_overrides_file_is_reported_and_checks_use_the_defaults(
    postguard, postguard_home: Path
):
    postguard_home.mkdir(parents=True, exist_ok=True)
    (postguard_home / "school.json").write_text("{not json")
    result = postguard("school", "show")
    assert result.returncode == 2
    assert "school.json cannot be read" in result.stderr
    assert "postguard school reset" in result.stderr
    verdict = Engine(demo_roster()).check_post(PostRequest(text="Glazebury CE"))
    assert verdict.verdict == "warn"


def test_reset_returns_a_field_to_the_default(postguard, postguard_home: Path):
    store = SchoolStore(postguard_home)
    store.set("trust", ["Some Other Trust"])
    assert store.load().trust == ("Some Other Trust",)
    assert store.reset("trust").trust == store.defaults().trust
    assert postguard("school", "reset").returncode == 0
    assert json.loads((postguard_home / "school.json").read_text()) == {}


def test_a_profile_without_names_is_refused(postguard_home: Path):
    with pytest.raises(SchoolProfileError, match="at least one way"):
        SchoolStore(postguard_home).set("names", [])


def test_the_engine_reads_the_school_profile_of_the_home_it_is_given(
    postguard, postguard_home: Path, tmp_path: Path, monkeypatch
):
    """create_app(Settings(home=B)) with POSTGUARD_HOME=A must use B's profile, not A's."""
    assert postguard("school", "set", "names", "Glazebury", "Hollins Green").returncode == 0
    other = tmp_path / "other-home"
    monkeypatch.setenv("POSTGUARD_HOME", str(postguard_home))  # A: has Hollins Green
    text = PostRequest(text="Off to Hollins Green school")
    assert Engine(demo_roster(), home=postguard_home).check_post(text).verdict == "warn"
    assert Engine(demo_roster(), home=other).check_post(text).verdict == "allow"  # B: shipped
    assert Engine(demo_roster()).check_post(text).verdict == "allow"  # no home: never the env's
