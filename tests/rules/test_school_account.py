"""The school's own accounts: no names, no targeted content, no replies, no @names of others."""

from __future__ import annotations

import pytest

from tests.rules.conftest import Check
from tests.rules.helpers import found, rules_of


def test_the_policy_example_of_targeted_content_blocks(check: Check):
    verdict = check("Well done Josh a better lesson today", account="school")
    assert found(verdict, "targeted-content") == [("block", "Well done Josh a better lesson")]
    assert ("block", "Josh") in found(verdict, "no-names")
    assert verdict.verdict == "block"


def test_targeted_content_with_a_name_not_on_the_roster(check: Check):
    verdict = check("Congratulations to Dominic for his certificate!", account="school")
    assert found(verdict, "targeted-content") == [
        ("block", "Congratulations to Dominic for his certificate")
    ]
    assert found(verdict, "no-names") == [("warn", "Dominic")]


def test_praise_for_a_class_is_not_targeted(check: Check):
    verdict = check("Well done Year 4, a better lesson today!", account="school")
    assert verdict.verdict == "allow"


def test_targeted_content_is_a_school_account_rule(check: Check):
    assert "targeted-content" not in rules_of(check("Well done Josh!", account="personal"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lovely reading from Amelia Thornbury today", "Amelia Thornbury"),
        ("Thanks to Rebecca Smith for the cakes", "Rebecca Smith"),
    ],
)
def test_roster_names_block_on_the_school_account(check: Check, text: str, name: str):
    assert ("block", name) in found(check(text, account="school"), "no-names")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thank you to Mrs Patel for running the stall", "Mrs Patel"),
        ("A lovely visit from Dominic this morning", "Dominic"),
    ],
)
def test_any_personal_name_warns_on_the_school_account(check: Check, text: str, name: str):
    assert found(check(text, account="school"), "no-names") == [("warn", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Will you join us for the harvest service?",
        "May we remind parents that school closes at 2pm on Friday.",
        "Term starts on Monday 4th September.",
        "Sports Day is on Friday, One more sleep!",
        "Come and see our Art Week display in Green Park.",
    ],
)
def test_words_that_are_also_names_do_not_fire_as_names(check: Check, text: str):
    assert found(check(text, account="school"), "no-names") == []


def test_no_names_is_a_school_account_rule(check: Check):
    assert found(check("Coffee with Dominic", account="personal"), "no-names") == []


@pytest.mark.parametrize("context", ["reply", "comment"])
def test_school_account_replies_and_comments_block(check: Check, context: str):
    verdict = check("Thanks, see you there", account="school", context=context)
    assert found(verdict, "no-replies") == [("block", "Thanks, see you there")]
    assert "Not reply to any 'replies'" in verdict.findings[0].policy


@pytest.mark.parametrize("context", ["post", "dm"])
def test_school_account_posts_are_not_replies(check: Check, context: str):
    assert found(check("See you there", account="school", context=context), "no-replies") == []


@pytest.mark.parametrize("context", ["reply", "comment"])
def test_personal_replies_are_fine(check: Check, context: str):
    assert check("Thanks, see you there", context=context).verdict == "allow"


def test_the_policy_example_of_an_at_name_warns(check: Check):
    verdict = check("excited about @dexnott speaking to us", account="school")
    assert found(verdict, "mentions") == [("warn", "@dexnott")]
    assert verdict.verdict == "warn"


def test_the_schools_own_handles_are_fine(check: Check):
    verdict = check("Follow @GlazeburyCE for term dates", account="school")
    assert found(verdict, "mentions") == []


def test_email_addresses_are_not_mentions(check: Check):
    assert found(check("Email office@example.org", account="school"), "mentions") == []


def test_mentions_are_fine_on_personal_accounts(check: Check):
    assert found(check("excited about @dexnott speaking to us"), "mentions") == []
