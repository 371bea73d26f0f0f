"""The policy as data: every rule of issue 5 quotes its clause verbatim and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.policy import load_policy

POLICY = Path("/work/shared/policy/glazebury-social-media-policy.txt")
RULES = [
    "school-reference",
    "workplace-reference",
    "grievance",
    "offensive",
    "confidential-data",
    "photo",
    "photo-logo",
    "school-event",
    "no-names",
    "targeted-content",
    "no-replies",
    "mentions",
    "faces",
]


def _policy_text() -> str:
    if not POLICY.exists():
        pytest.skip("the customer's policy text is not beside this checkout")
    # the policy marks emphasis with **; quotes carry the words, not the markup
    return " ".join(POLICY.read_text("utf-8").replace("**", "").split())


@pytest.mark.parametrize("rule_id", RULES)
def test_clause_is_quoted_verbatim(rule_id: str):
    clause = load_policy().rule(rule_id).clause
    assert " ".join(clause.split()) in _policy_text()


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_has_title_message_advice_and_severity_per_account(rule_id: str):
    spec = load_policy().rule(rule_id)
    assert spec.title and spec.message and spec.advice
    assert set(spec.severity) >= {"personal"}
    for account in ("personal", "school"):
        value = spec.severity.get(account, spec.severity["personal"])
        grades = value.values() if isinstance(value, dict) else [value]
        assert all(g in ("off", "info", "warn", "block") for g in grades)


def test_school_account_rules_are_off_for_personal_accounts():
    policy = load_policy()
    for rule_id in ("no-names", "targeted-content", "no-replies", "mentions", "faces"):
        assert policy.rule(rule_id).severity_for("personal") is None
        assert policy.rule(rule_id).severity_for("personal", "roster") is None


def test_a_word_list_rule_needs_only_policy_data() -> None:
    """A rule declared with a `match` table runs with no code of its own, with its severities."""
    import tomllib

    from companion.checks import PostRequest
    from companion.engine import Engine
    from companion.policy import parse_policy, policy_resource

    with policy_resource("rules.toml").open("rb") as fh:
        data = tomllib.load(fh)
    data["rules"]["staffroom-gossip"] = {
        "clause": "Social networks are not the appropriate forum to raise such matters.",
        "message": "This reads as staffroom gossip.",
        "severity": {"personal": "warn", "school": "block"},
        "match": {"together": [["complaint_terms", "work_terms"]]},
    }
    engine = Engine(policy=parse_policy(data))
    verdict = engine.check_post(PostRequest(text="So sick of the timetable changes again"))
    gossip = [f for f in verdict.findings if f.rule == "staffroom-gossip"]
    assert gossip and gossip[0].severity == "warn" and "sick" in gossip[0].text
    school = engine.check_post(
        PostRequest(text="So sick of the timetable changes again", account="school")
    )
    assert ("staffroom-gossip", "block") in [(f.rule, f.severity) for f in school.findings]
    quiet = engine.check_post(PostRequest(text="Lovely walk by the river"))
    assert "staffroom-gossip" not in {f.rule for f in quiet.findings}


def test_a_match_table_with_unknown_keys_is_refused() -> None:
    import pytest

    from companion.rules.lexicon_rule import Match

    with pytest.raises(ValueError, match="unknown keys"):
        Match.from_data("x", {"anyy": ["workplace"]})
    with pytest.raises(ValueError, match="two lexicons"):
        Match.from_data("x", {"together": [["workplace"]]})
