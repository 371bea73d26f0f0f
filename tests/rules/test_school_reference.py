"""school-reference: every way people write the school, its trust, handles and website."""

from __future__ import annotations

import pytest

from tests.rules.conftest import Check
from tests.rules.helpers import found


@pytest.mark.parametrize(
    ("text", "highlighted"),
    [
        ("Great day at Glazebury today", "Glazebury"),
        ("Proud to work at Glazebury CE", "Glazebury CE"),
        ("Glazebury C of E Primary School open evening", "Glazebury C of E Primary School"),
        ("Glazebury C E Primary School", "Glazebury C E Primary School"),
        ("Loving life at #GlazeburyCE", "GlazeburyCE"),
        ("#glazeburyprimary rocks", "glazeburyprimary"),
        ("GLAZEBURY c.e. primary", "GLAZEBURY c.e. primary"),
        ("Training with the LDST today", "LDST"),
        ("Liverpool Diocesan Schools Trust conference", "Liverpool Diocesan Schools Trust"),
        ("the Liverpool Diocese School Trust meeting", "Liverpool Diocese School Trust"),
        ("see www.glazeburyce.co.uk/news for more", "www.glazeburyce.co.uk/news"),
        ("Follow @GlazeburyCE for updates", "@GlazeburyCE"),
    ],
)
def test_school_named_any_way_is_a_warning_on_a_personal_account(
    check: Check, text: str, highlighted: str
):
    verdict = check(text)
    assert found(verdict, "school-reference") == [("warn", highlighted)]
    assert verdict.verdict == "warn"


def test_homoglyphs_do_not_hide_the_school(check: Check):
    text = "Great day at Glazеbury"  # Cyrillic е
    assert found(check(text), "school-reference") == [("warn", "Glazеbury")]


def test_spans_are_utf16_offsets_after_emoji(check: Check):
    text = "🎉🎉 Glazebury CE!"
    finding = next(f for f in check(text).findings if f.rule == "school-reference")
    assert (finding.start, finding.end) == (5, 17)  # each emoji is two UTF-16 units
    assert finding.policy.startswith("Staff must not make reference")


@pytest.mark.parametrize(
    "text",
    ["The glaze on this pot is gorgeous", "Shrewsbury is lovely", "Liverpool won again"],
)
def test_other_words_are_not_the_school(check: Check, text: str):
    assert found(check(text), "school-reference") == []


def test_the_school_account_may_name_itself(check: Check):
    assert found(check("Welcome back to Glazebury CE!", account="school"), "school-reference") == []
