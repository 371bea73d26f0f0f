"""Full names whose parts are everyday words ("May Green", "Mark Young"), written without a
name's capitals: found when the words around them make a name, quiet when they read as words.

Capitals cannot tell "may green won" from "may green shoots grow", so such a name is a warning
(``full_as_words``) rather than the block a capitalised full name gets; a school-context cue
right before it ("well done may green") keeps the block.
"""

from __future__ import annotations

import pytest

from companion.checks import ContactRequest, PostRequest
from companion.engine import Engine
from companion.roster.model import Person, Role, Roster
from tests.matching.findings import name_findings


@pytest.fixture(scope="module")
def engine() -> Engine:
    people = (
        Person(key="p-mark", role=Role.PUPIL, forename="Mark", surname="Young"),
        Person(key="p-may", role=Role.PUPIL, forename="May", surname="Green"),
        Person(key="p-maylong", role=Role.PUPIL, forename="May", surname="Long"),
        Person(key="p-james", role=Role.PUPIL, forename="James", surname="Brown"),
        Person(
            key="c-will",
            role=Role.CONTACT,
            forename="Will",
            surname="Read",
            pupil_keys=("p-mark",),
        ),
    )
    return Engine(Roster(people=people))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("saw mark young at the park", "mark young"),
        ("may green won the egg and spoon race", "may green"),
        ("great to see mark young!", "mark young"),
        ("may green's mum said hello", "may green"),
        ("lovely afternoon with may green today", "may green"),
        ("MAY GREEN WON THE RACE", "MAY GREEN"),
        ("Bumped into mark young at the shops", "mark young"),
        ("had a chat with will read at the gate", "will read"),
    ],
)
def test_a_lowercase_word_name_written_as_a_name_is_a_warning(
    engine: Engine, text: str, written: str
) -> None:
    found = name_findings(engine, text)
    assert [(severity, words) for _, severity, words in found] == [("warn", written)]
    message = engine.check_post(PostRequest(text=text)).findings[0].message
    assert "ordinary words" in message  # the person is told why it is only a warning


def test_a_school_cue_before_it_keeps_the_block(engine: Engine) -> None:
    assert name_findings(engine, "well done may green") == [("pupil-name", "block", "may green")]
    assert name_findings(engine, "so proud of mark young!") == [
        ("pupil-name", "block", "mark young")
    ]


def test_on_the_school_account_it_blocks(engine: Engine) -> None:
    assert name_findings(engine, "saw mark young at the park", account="school") == [
        ("pupil-name", "block", "mark young")
    ]


def test_a_lowercase_name_that_is_no_word_still_blocks(engine: Engine) -> None:
    # "james" is frequent only as a name: no need for the words around it.
    assert name_findings(engine, "had tea with james brown and his mum") == [
        ("pupil-name", "block", "james brown")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "may green shoots grow after the rain",
        "mark young players' progress in the spring term",
        "to mark young people's achievements we held a party",
        "the leaves may green in spring",
        "in may green shoots appear everywhere",
        "you may long for the summer",
        "the children will read with their parents tonight",
        "tomorrow the children will read.",
        "may green-fingered folk enjoy the show",
        "We may green the roof with sedum next year",
        "MAY GREEN SHOOTS GROW",
    ],
)
def test_the_same_words_used_as_words_raise_nothing(engine: Engine, text: str) -> None:
    assert name_findings(engine, text) == []


def test_a_capitalised_full_name_is_still_a_block(engine: Engine) -> None:
    assert name_findings(engine, "Saw Mark Young at the park") == [
        ("pupil-name", "block", "Mark Young")
    ]


def test_contacts_are_not_changed_by_it(engine: Engine) -> None:
    verdict = engine.check_contact(ContactRequest(name="mark young"))
    assert verdict.verdict == "block"
