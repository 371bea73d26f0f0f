"""A pupil's full name split by a line break or decorated with emoji is still their full name,
through the real engine. Before, "Joshua\nSmith" and "Joshua 🌟 Smith" raised nothing at all: the
surname was not read as part of the name, and the forename alone was then taken for someone
else's (a forename followed by another capitalised name)."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from tests.matching.test_surface_forms import check, name_findings


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Well done to Joshua\nSmith today", "Joshua\nSmith"),
        ("Well done to Joshua\r\nSmith today", "Joshua\r\nSmith"),
        ("Well done to Joshua \n Smith", "Joshua \n Smith"),
        ("Star of the week: Joshua 🌟 Smith", "Joshua 🌟 Smith"),
        ("Star of the week: Joshua🌟Smith", "Joshua🌟Smith"),
        ("Joshua ❤️ Smith", "Joshua ❤️ Smith"),
        ("Joshua 👍🏽 Smith", "Joshua 👍🏽 Smith"),
        ("Joshua 🏃\u200d♂️ Smith", "Joshua 🏃\u200d♂️ Smith"),
        ("Joshua 🎉🎉🎉 Smith", "Joshua 🎉🎉🎉 Smith"),
        ("CONGRATULATIONS\nCiara\nO'Neill", "Ciara\nO'Neill"),
    ],
)
def test_a_full_name_across_a_line_break_or_emoji_blocks(
    engine: Engine, text: str, found: str
) -> None:
    verdict = check(engine, text)
    assert verdict.verdict == "block"
    assert ("pupil-name", "block", found) in name_findings(verdict)


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
