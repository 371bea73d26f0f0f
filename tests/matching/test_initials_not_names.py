"""Everyday school posts are not read as a pupil's initial and surname: the carols' "O"
("O Little Town of Bethlehem" with an Olivia Little on the roll) and authors' initials written
together ("C.S. Lewis", "E.B. White", "J.K. Rowling", "Happy V.E. Day!"). Before (found in
review): each was a warning on a personal account and a block on the school's, for the carol
concert and World Book Day posts every primary school makes. (The school's accounts' own
"no names" rule, which predates this, still asks about "Lewis" there: it is not checked here.)"""

from __future__ import annotations

import pytest

from companion.engine import Engine
from tests.matching.findings import engine_of, name_findings
from tests.matching.people import pupil


@pytest.fixture(scope="module")
def engine() -> Engine:
    people = (
        pupil("p-olivia", "Olivia", "Little"),
        pupil("p-sophie", "Sophie", "Lewis"),
        pupil("p-ben", "Ben", "White"),
        pupil("p-emily", "Emily", "Day"),
        pupil("p-kieran", "Kieran", "Rowling"),
    )
    return engine_of(*people)


@pytest.mark.parametrize("account", ["personal", "school"])
@pytest.mark.parametrize(
    "text",
    [
        "Our Year 2 choir sang O Little Town of Bethlehem beautifully at the carol concert",
        "O Little Town of Bethlehem, how still we see thee lie",
    ],
)
def test_the_vocative_o_of_a_carol_is_not_an_initial(
    engine: Engine, text: str, account: str
) -> None:
    assert name_findings(engine, text, account) == []


@pytest.mark.parametrize("account", ["personal", "school"])
@pytest.mark.parametrize(
    "text",
    [
        "Year 5 are loving The Lion, the Witch and the Wardrobe by C.S. Lewis",
        "Our class reader this term is Charlotte's Web by E.B. White",
        "World Book Day: come as a character from J.K. Rowling or C.S. Lewis!",
        "Happy V.E. Day! Year 6 are having a street party this afternoon",
    ],
)
def test_initials_written_together_are_not_a_pupil_s_initial(
    engine: Engine, text: str, account: str
) -> None:
    assert name_findings(engine, text, account) == []
