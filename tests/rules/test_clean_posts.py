"""Everyday posts pass: the policy rules stay quiet on what staff ordinarily write."""

from __future__ import annotations

import pytest

from tests.rules.conftest import Check

EVERYDAY = [
    "Lovely walk by the canal this morning, then coffee with friends.",
    "Anyone got a good recipe for banana bread? Asking for a friend.",
    "Can't believe it's raining again. Roll on summer!",
    "Finally finished the book I started in June. Highly recommend.",
    "Happy anniversary to my wonderful husband, 15 years today.",
    "I will be at the gym at 6 if anyone fancies it.",
]


@pytest.mark.parametrize("text", EVERYDAY)
@pytest.mark.parametrize("context", ["post", "comment", "reply", "dm"])
def test_everyday_posts_are_allowed_on_personal_accounts(check: Check, text: str, context: str):
    verdict = check(text, context=context)
    assert verdict.verdict == "allow", verdict.findings
    assert verdict.findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Don't forget the Year 3 trip money is due on Friday!",
        "Don't forget the PE kits tomorrow, Year 5.",
        "What a fantastic effort from Year 6 at sports day.",
    ],
)
def test_class_level_updates_are_fine_on_the_school_account(check: Check, text: str):
    # the policy's own example: "Updates to a year group or class … 'Don't forget the…'"
    assert check(text, account="school").verdict == "allow"
