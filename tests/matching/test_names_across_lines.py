"""A pupil's full name split by a line break or decorated with emoji is found, through the real
engine, as a warning that names the words: a list of first names is laid out the same way
("Stars of the week:\nJasmine\nDanielle\nDean"), so only the person posting can tell. Before,
"Joshua\nSmith" and "Joshua 🌟 Smith" raised nothing at all: the surname was not read as part of
the name, and the forename alone was then taken for someone else's. Found by two reviews (the
second turned a block into this warning, and added the star, skin tones and other line breaks)."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from companion.roster.model import Roster
from tests.matching.people import pupil
from tests.matching.test_surface_forms import check, name_findings


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Well done to Joshua\nSmith today", "Joshua\nSmith"),
        ("Well done to Joshua\r\nSmith today", "Joshua\r\nSmith"),
        ("Well done to Joshua\rSmith today", "Joshua\rSmith"),
        ("Well done to Joshua\u2028Smith today", "Joshua\u2028Smith"),
        ("Well done to Joshua \n Smith", "Joshua \n Smith"),
        ("Star of the week: Joshua 🌟 Smith", "Joshua 🌟 Smith"),
        ("Star of the week: Joshua ⭐ Smith", "Joshua ⭐ Smith"),
        ("Star of the week ⭐️ Joshua ⭐️ Smith ⭐️", "Joshua ⭐️ Smith"),
        ("Star of the week: Joshua🌟Smith", "Joshua🌟Smith"),
        ("Joshua ❤️ Smith", "Joshua ❤️ Smith"),
        ("Well done Joshua 👏🏽👏🏽👏🏽👏🏽👏🏽 Smith", "Joshua 👏🏽👏🏽👏🏽👏🏽👏🏽 Smith"),
        ("Joshua 🏃\u200d♂️ Smith", "Joshua 🏃\u200d♂️ Smith"),
        ("Well done Joshua 🎉\nSmith", "Joshua 🎉\nSmith"),
    ],
)
def test_a_full_name_across_a_line_break_or_emoji_is_a_warning_naming_it(
    engine: Engine, text: str, found: str
) -> None:
    verdict = check(engine, text)
    assert verdict.verdict == "warn"
    assert ("pupil-name", "warn", found) in name_findings(verdict)
    (finding,) = [f for f in verdict.findings if f.text == found]
    assert "across a line break or with emoji between" in finding.message


def test_on_one_line_it_is_still_a_block(engine: Engine) -> None:
    assert check(engine, "Star of the week: Joshua Smith").verdict == "block"


@pytest.fixture(scope="module")
def school() -> Engine:
    """Pupils whose forenames are also surnames, or words that open a line."""
    people = (
        pupil("a", "Danielle", "Dean"),
        pupil("b", "Dean", "Foster"),
        pupil("c", "Jasmine", "Cole"),
        pupil("d", "Ruby", "Young"),
        pupil("e", "Oliver", "Reid"),
        pupil("f", "Ciara", "O'Neill"),
    )
    return Engine(roster=Roster(people=people, imported_at="test"))


@pytest.mark.parametrize(
    "text",
    [
        "Stars of the week!\nJasmine\nDanielle\nDean",
        "Well done to our readers of the week:\nRuby\nYoung readers, keep it up!",
        "Thanks for coming everyone!\nOliver\nReid Hall is booked again for next week",
        "CONGRATULATIONS\nCiara\nO'Neill",
    ],
)
def test_a_forename_alone_on_its_line_is_a_list_item_not_half_a_name(
    school: Engine, text: str
) -> None:
    verdict = check(school, text)
    assert not any("\n" in found for _, _, found in name_findings(verdict)), name_findings(verdict)


def test_two_paragraphs_are_not_one_name(engine: Engine) -> None:
    """A blank line ends a thought: "Joshua" closing one paragraph and "Smith" opening the
    next are not put together (each is judged alone)."""
    verdict = check(engine, "Lovely to see Joshua\n\nSmith & Sons did the catering")
    assert not any("\n\n" in text for _, _, text in name_findings(verdict))


def test_a_capital_at_the_start_of_a_line_does_not_make_two_words_a_name(engine: Engine) -> None:
    """'May' and 'Long' are everyday words: written on one line as "May Long" they are a name,
    but a line starts with a capital whatever it holds, so across a line break the capital says
    nothing and the words stay words."""
    assert check(
        engine, "Happy birthday to my mum, see you in May\nLong weekend ahead"
    ).verdict == ("allow")
    assert check(engine, "Happy birthday to my mum, see you in May Long").verdict == "block"
