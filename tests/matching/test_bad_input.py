"""Awkward input never raises, and every span slices the original text back (UTF-16 too)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.checks import ContactRequest, PostRequest
from companion.engine import Engine
from companion.matching import NameIndex
from companion.roster.model import Person, Role, Roster

AWKWARD = [
    "",
    " ",
    "🎉" * 200,
    "\u05e9\u05dc\u05d5\u05dd \u202eJosh Smith\u202c \u0645\u0631\u062d\u0628\u0627",
    "J\u0301o\u0308s\u0327h\u0303 Smith",
    "\ud83d",  # a lone surrogate, as a broken browser string arrives
    "Josh \udc00 Smith \ud800",
    "@#_-'’" * 50,
    "a b c d e f g h i j k l m n o p",
    "J" + "\u200b" * 500 + "osh",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_posts_never_raise(engine: Engine, text: str) -> None:
    verdict = engine.check_post(PostRequest(text=text))
    for finding in verdict.findings:
        assert 0 <= finding.start <= finding.end


def test_a_64_kib_post_is_checked_whole(engine: Engine) -> None:
    filler = "The quick brown fox jumps over the lazy dog. " * 1500
    text = (filler + "Well done Josh Smith!")[: 64 * 1024 - 30] + " Well done Josh Smith!"
    verdict = engine.check_post(PostRequest(text=text))
    assert verdict.verdict == "block"
    assert any(f.text == "Josh Smith" for f in verdict.findings)


@pytest.mark.parametrize("name", ["", "🎉🎉", "\ud800", "x" * 5000, "Josh " * 3000])
def test_awkward_contact_names_never_raise(engine: Engine, name: str) -> None:
    verdict = engine.check_contact(ContactRequest(name=name, handle=name or None))
    assert verdict.verdict in ("allow", "warn", "block")


def test_a_roster_of_one_letter_names_builds_and_matches_sensibly() -> None:
    roster = Roster(
        people=(
            Person(key="a", role=Role.PUPIL, forename="J", surname="S"),
            Person(key="b", role=Role.PUPIL, forename="Al", surname="X"),
        )
    )
    index = NameIndex.build(roster)
    assert index.find("J S went to see a film with J and S") == []
    assert index.match_contact("J S") == []
    engine = Engine(roster=roster)
    assert engine.check_post(PostRequest(text="I a m here")).verdict == "allow"


def test_an_empty_roster_finds_nothing() -> None:
    index = NameIndex.build(Roster(people=()))
    assert index.find("Josh Smith") == []
    assert index.match_contact("Josh Smith", "@josh") == []


_names = st.sampled_from(["Josh Smith", "Zoë", "j\u043esh", "J o s h", "#JoshSmith", "Grace"])
# Letters, marks, format characters, emoji, spaces and lone surrogates (as broken browser
# strings arrive): every category that has tripped span mapping somewhere.
_noise = st.text(
    alphabet=st.characters(categories=["Lu", "Ll", "Mn", "Cf", "So", "Zs", "Nd", "Po", "Cs"]),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_names, _noise), max_size=8).map(" ".join))
def test_every_span_slices_the_original_in_code_points_and_utf16(
    index: NameIndex, engine: Engine, text: str
) -> None:
    for mention in index.find(text):
        assert 0 <= mention.start < mention.end <= len(text)
    units = text.encode("utf-16-le", "surrogatepass")
    for finding in engine.check_post(PostRequest(text=text)).findings:
        piece = units[finding.start * 2 : finding.end * 2].decode("utf-16-le", "surrogatepass")
        assert piece == finding.text
