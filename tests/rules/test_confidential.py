"""confidential-data: UPNs, dates of birth by a name, SEN/medical/safeguarding terms by a name."""

from __future__ import annotations

import pytest

from tests.rules.conftest import Check
from tests.rules.helpers import found

VALID_UPN = "B801200005001"  # correct check letter (DfE UPN guide algorithm)


def test_a_valid_upn_blocks(check: Check):
    verdict = check(f"Can someone check {VALID_UPN} on SIMS")
    assert found(verdict, "confidential-data") == [("block", VALID_UPN)]
    assert "Unique Pupil Number" in verdict.findings[0].message


def test_a_upn_shaped_number_with_a_wrong_check_letter_warns(check: Check):
    assert found(check("ref C801200005001 please"), "confidential-data") == [
        ("warn", "C801200005001")
    ]


@pytest.mark.parametrize("text", ["Call 01925 123456", "Order A12345 shipped", "B8012000050011"])
def test_other_numbers_are_not_upns(check: Check, text: str):
    assert found(check(text), "confidential-data") == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Oliver Pemberton 12/03/2018", "12/03/2018"),
        ("Freya was born on 3rd May 2017.", "3rd May 2017"),
        ("Isla Fairclough, DOB 2018-01-09", "2018-01-09"),
    ],
)
def test_a_date_next_to_a_roster_name_blocks(check: Check, text: str, date: str):
    assert ("block", date) in found(check(text), "confidential-data")


def test_a_date_of_birth_without_a_name_warns(check: Check):
    assert found(check("DOB: 12/03/2018"), "confidential-data") == [("warn", "12/03/2018")]


def test_an_ordinary_date_is_fine(check: Check):
    assert found(check("Concert on 12/03/2026, tickets on sale now"), "confidential-data") == []


def test_a_date_in_another_sentence_from_the_name_is_not_a_date_of_birth(check: Check):
    text = "Lovely to see Oliver Pemberton. Holiday booked for 12/08/2026!"
    assert found(check(text), "confidential-data") == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Josh Smith has ADHD", "ADHD"),
        ("Amelia Thornbury's EHCP meeting went well", "EHCP"),
        ("Oliver Pemberton had a seizure today", "seizure"),
        ("Social worker visiting Alfie Marchbank", "Social worker"),
        ("Grace Okonkwo and her epipen", "epipen"),
    ],
)
def test_sensitive_terms_next_to_a_name_block(check: Check, text: str, term: str):
    assert ("block", term) in found(check(text), "confidential-data")


def test_sensitive_terms_without_a_name_are_fine(check: Check):
    text = "Great training on ADHD and autism today. Safeguarding refresher next week."
    assert found(check(text), "confidential-data") == []
