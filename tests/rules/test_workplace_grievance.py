"""workplace-reference and grievance (personal accounts)."""

from __future__ import annotations

import pytest

from tests.rules.conftest import Check
from tests.rules.helpers import found


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("My class were amazing today", "My class"),
        ("So proud of my pupils", "my pupils"),
        ("Parents' evening tonight, wish me luck", "Parents' evening"),
        ("parents evening all week", "parents evening"),
        ("INSET day tomorrow then back to it", "INSET day"),
        ("My Year 3s made me laugh", "My Year 3s"),
    ],
)
def test_workplace_phrases_warn(check: Check, text: str, phrase: str):
    verdict = check(text)
    assert found(verdict, "workplace-reference") == [("warn", phrase)]


@pytest.mark.parametrize(
    "text",
    [
        "My classic car is back on the road",
        "First-class tickets, what a treat",
        "In a class of my own",
    ],
)
def test_workplace_negatives(check: Check, text: str):
    assert found(check(text), "workplace-reference") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Absolutely sick of SLT moving the goalposts", "sick of SLT"),
        ("The workload is a joke this term", "workload is a joke"),
        ("Thinking about handing in my notice", "handing in my notice"),
        ("Underpaid and overworked, as usual", "Underpaid and overworked"),
        ("I hate my job", "hate my job"),
    ],
)
def test_grievances_warn_and_point_to_the_head_teacher(check: Check, text: str, span: str):
    verdict = check(text)
    [finding] = [f for f in verdict.findings if f.rule == "grievance"]
    assert (finding.severity, finding.text) == ("warn", span)
    assert "head teacher" in finding.message
    assert "not the appropriate forum" in finding.policy


@pytest.mark.parametrize(
    "text",
    [
        "I hate Brussels sprouts",
        "Work was great today, lovely team",
        "The new series is a joke. Going to work on my garden instead.",
    ],
)
def test_complaints_not_about_work_or_work_without_complaint_are_fine(check: Check, text: str):
    assert found(check(text), "grievance") == []


def test_grievance_also_warns_on_the_school_account(check: Check):
    assert found(check("Sick of the workload", account="school"), "grievance") == [
        ("warn", "Sick of the workload")
    ]
