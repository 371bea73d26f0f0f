"""Names that are everyday words stay quiet when used as words, through the real engine."""

from __future__ import annotations

import pytest

from companion.engine import Engine
from tests.matching.findings import name_findings


@pytest.mark.parametrize(
    "text",
    [
        "I will be there at eight",
        "Will you be there tonight?",
        "We walked up the hill in the rain",
        "God save the king",
        "Long live the King!",
        "Hope you all have a lovely weekend",
        "Hope and pray it stays dry",
        "I hope it stays sunny",
        "We may go to the beach",
        "May I say how lovely it was",
        "Off to Spain in May",
        "Back on 3 May",
        "The Summer Fair was packed",
        "Summer is nearly here",
        "Summer was far too hot",
        "May was a busy month",
        "such grace and style",
        "We sang Amazing Grace in church",
        "Amazing Grace Wins The Day",
        "We Will Rock You",
        "Grace in the garden, hope in the heart",
        "Jack Johnson played a great set",
        "Jack Russell puppies for sale",
        "I need a jack for the car",
        "the brown dog and the green door",
        "A long day at the king's head with a hill walk",
        "Mark my words",
        "WILL YOU BE THERE",
        "Happy Birthday To The Best Mum In The World",
        "Sarah said the cake was lovely",
        "Had a jacket potato",
        "Liberty means responsibility. -- Oliver Wendell Holmes",
        "Ask not what your country can do for you. -- Joshua F. Kennedy",
        "<HippieGuy> hello there",
        "the best film by Woody Oliver",
        "as George Will wrote in his column",
        "you may long for the summer",
        "You may long for the summer",
        "YOU MAY LONG FOR THE SUMMER",
        "the HAL 9000 and the MAC",
    ],
)
def test_ordinary_uses_of_word_names_are_allowed(engine: Engine, text: str) -> None:
    assert name_findings(engine, text) == []


def test_a_typo_never_turns_a_lone_short_word_into_a_name(engine: Engine) -> None:
    # "Josh" is one edit from "Jose", "posh" and "Joss": first names alone are never fuzzy.
    assert name_findings(engine, "Very posh dinner with Jose and Joss") == []


def test_a_typo_on_an_ordinary_lowercase_word_is_not_a_name(engine: Engine) -> None:
    # "will brawn" would be one edit from Will Brown, but both are ordinary words here.
    assert name_findings(engine, "more chicken and the will brawn stuff") == []
