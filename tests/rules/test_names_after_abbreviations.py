"""The school accounts' "no names" rule asks about a child's first name after an abbreviation
written with full stops (P.S., P.E., P.T.A., N.H.S.: everyday in school posts), as anywhere
else. It still asks about "Lewis" in "C.S. Lewis" too: nothing in the words tells an author's
initials from "P.S.", so a question is the safer answer."""

from __future__ import annotations

import pytest

from tests.rules.conftest import Check
from tests.rules.helpers import found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("P.S. Lewis says thank you for all the lovely cards!", "Lewis"),
        ("P.S. Dominic wants to say thank you for the cards!", "Dominic"),
        ("Brilliant effort in P.E. Lewis ran the fastest lap of the term", "Lewis"),
        ("Year 5 loved their visit from the N.H.S. Dominic asked the best questions", "Dominic"),
        ("A huge thank you to the P.T.A. Dominic sold the most raffle tickets", "Dominic"),
    ],
)
def test_a_first_name_after_an_abbreviation_with_full_stops_still_warns(
    check: Check, text: str, name: str
):
    """Each is a "no names" warning on the child's first name. Before (found in review of a
    change that took any two initials for an author's, since withdrawn): "P.S.", "P.E.",
    "N.H.S." and "P.T.A." were read as initials and the name after them passed silently."""
    assert ("warn", name) in found(check(text, account="school"), "no-names")
