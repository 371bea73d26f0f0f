"""photo / faces (attachments) and school-event."""

from __future__ import annotations

import pytest

from companion.checks import Attachment
from tests.rules.conftest import Check
from tests.rules.helpers import found


def test_faces_in_a_personal_photo_warn_that_children_may_be_pictured(check: Check):
    verdict = check("Beach day", attachments=(Attachment(faces=2),))
    [finding] = verdict.findings
    assert (finding.rule, finding.severity, finding.source) == ("photo", "warn", "attachment")
    assert "children may be pictured" in finding.message
    assert (finding.start, finding.end, finding.text) == (0, 0, "")


def test_the_school_logo_on_a_personal_account_warns_as_its_own_finding(check: Check):
    [finding] = check("New profile pic", attachments=(Attachment(logo=True),)).findings
    assert (finding.rule, finding.severity, finding.source) == ("photo-logo", "warn", "attachment")
    assert "logo" in finding.message
    assert (
        check("New profile pic", account="school", attachments=(Attachment(logo=True),)).findings
        == []
    )


def test_faces_and_logo_in_one_post_are_two_findings(check: Check):
    findings = check("x", attachments=(Attachment(faces=1), Attachment(logo=True))).findings
    assert sorted((f.rule, f.severity) for f in findings) == [
        ("photo", "warn"),
        ("photo-logo", "warn"),
    ]
    by_rule = {f.rule: f.message for f in findings}
    assert "faces" in by_rule["photo"] and "logo" in by_rule["photo-logo"]


def test_faces_and_logo_in_one_image_are_a_block(check: Check):
    verdict = check("x", attachments=(Attachment(faces=1, logo=True),))
    assert found(verdict, "photo") == [("block", "")]
    assert "school logo" in next(f.message for f in verdict.findings if f.rule == "photo")


def test_images_without_faces_or_logo_are_fine(check: Check):
    assert check("Sunset", attachments=(Attachment(faces=0, logo=False),)).verdict == "allow"


def test_faces_block_on_the_school_account(check: Check):
    verdict = check("Art week!", account="school", attachments=(Attachment(faces=3),))
    assert found(verdict, "faces") == [("block", "")]
    assert found(verdict, "photo") == []
    assert verdict.verdict == "block"


def test_hands_only_photo_is_fine_on_the_school_account(check: Check):
    # "a photo of a child creating a piece of artwork that features the child's hands"
    verdict = check("Fantastic artwork from Year 2", account="school", attachments=(Attachment(),))
    assert verdict.verdict == "allow"


def test_attachment_alt_text_naming_the_school_is_a_reference(check: Check):
    verdict = check("Lovely day", attachments=(Attachment(alt="Glazebury CE sports field"),))
    assert [(f.rule, f.source) for f in verdict.findings] == [("school-reference", "attachment")]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Sports day tomorrow, fingers crossed for sun!", "Sports day"),
        ("After school club is back on Tuesday", "After school club"),
        ("Come along to the summer fair on Saturday", "summer fair"),
        ("Nativity play rehearsals all week", "Nativity play"),
        ("After-school\nclub is cancelled", "After-school\nclub"),
    ],
)
def test_school_events_from_a_personal_account_warn(check: Check, text: str, event: str):
    verdict = check(text)
    [finding] = [f for f in verdict.findings if f.rule == "school-event"]
    assert (finding.severity, finding.text) == ("warn", event)
    assert "school's own pages" in finding.message


def test_school_events_are_what_the_school_account_is_for(check: Check):
    assert found(check("Sports day tomorrow!", account="school"), "school-event") == []


def test_other_events_are_fine(check: Check):
    assert found(check("Village fete and a day at the races"), "school-event") == []
