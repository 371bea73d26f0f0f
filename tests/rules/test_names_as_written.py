"""Names as staff really write them (found by a review of the name rules; each test failed
before its fix), and a famous person's name that is no pupil's. Every test runs the real engine
on the demo roster. Policy clauses: "Staff must not post information on a social networking site
which is confidential to our school, its employees, its pupils or their families - including
names of pupils and/or families." and "Staff must not make reference on social networking sites
to the school, its employees, pupils, and their families."
"""

from __future__ import annotations

import pytest

from tests.rules.conftest import Check
from tests.rules.helpers import found


def _severities(verdict, rule: str) -> set[str]:
    return {severity for severity, _ in found(verdict, rule)}


# -- false negatives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'Bumped into Joshua "Josh" Smith and his grandad at the shops',
        "Lovely to see Grace 'Gracie' Okonkwo at the carnival",
        "Lovely to see Oliver \u2018Ollie\u2019 Pemberton at the carnival",
    ],
)
def test_full_name_with_quoted_nickname_in_the_middle_blocks(check: Check, text: str):
    """Staff write a pupil's full name with the name they go by in quotes between, exactly as README
    writes the demo pupil ('Joshua "Josh" Smith'). It blocks, as "Joshua Michael Smith" does.
    Before, it was allowed: only a bare middle word or initial was read between forename and
    surname. Clause: names of pupils."""
    assert "block" in _severities(check(text), "pupil-name")


def test_muhammad_spelling_of_a_mohammed_on_the_roster_blocks(check: Check):
    """Staff write "Muhammad Rahman scored twice for the under 9s at the weekend" about the pupil
    Mohammed Rahman (demo-p11). It blocks, as "Mohammad Rahman" and "Mohamed Rahman" do. Before,
    the most common UK spelling was the one the name table missed. Clause: names of pupils."""
    verdict = check("Muhammad Rahman scored twice for the under 9s at the weekend")
    assert "block" in _severities(verdict, "pupil-name")


@pytest.mark.parametrize(
    "text",
    [
        "Lovely afternoon at the park with Kasia Wi\u015bniewska and the kids",
        "Kasia Wisniewska makes the best pierogi",
    ],
)
def test_polish_short_form_of_a_parents_name_blocks(check: Check, text: str):
    """Staff name a pupil's mother, Katarzyna Wiśniewska (demo-c09), by the name every Pole calls a
    Katarzyna: Kasia. It blocks, as Becky for a Rebecca does. Before, the name table had no
    Kasia. Clause: names of families."""
    assert "block" in _severities(check(text), "family-name")


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Cartwright was off sick again today",
        "Mr Lyndon has been signed off with stress",
    ],
)
def test_colleague_named_by_title_and_surname_is_found(check: Check, text: str):
    """Staff name a colleague the way everyone in a school does - title and surname - and the staff
    roster holds exactly that title (Helen Cartwright, "Mrs"; Peter Lyndon, "Mr"). It is a
    staff-name finding, as "Helen Cartwright" is. Before, nothing was found. Clause: "must not
    make reference ... to ... its employees" / information confidential to its employees. (The
    roster's title is stored but never used by the name index.)"""
    verdict = check(text)
    assert _severities(verdict, "staff-name") & {"warn", "block"}


def test_insult_about_a_colleague_by_title_and_surname_is_not_allowed(check: Check):
    """Staff write "Mrs Cartwright is useless" about their colleague Helen Cartwright (staff roster,
    title Mrs). It is not allowed, as "My head teacher is useless" is not. Before, the colleague
    was not recognised and the post was allowed. Clause: "must not post entries ... which are
    derogatory ... or offensive" and no reference to employees."""
    assert check("Mrs Cartwright is useless").verdict != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "Had a lovely chat with Mrs Winterbottom at parents' evening",
        "Mr Okonkwo shouted at me in the car park again",
    ],
)
def test_parent_named_by_title_and_surname_is_found(check: Check, text: str):
    """Staff name a pupil's parent or carer by title and surname, the usual way teachers refer to
    parents; the surname belongs only to that family on the roster (Deborah Winterbottom, carer
    of Hope; Chidi Okonkwo, father of Grace). It is a family-name finding (a warning: someone
    else may share the surname). Before, there was none. Clause: names of pupils' families."""
    assert _severities(check(text), "family-name") & {"warn", "block"}


# -- harmful false positives -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Well done Mo Salah!", "Mo"),
        ("Well done Theo Walcott, great career", "Theo"),
        ("So proud of Billy Elliot at the Playhouse last night", "Billy"),
    ],
)
def test_praising_a_famous_person_who_shares_a_pupils_first_name_is_not_blocked(
    check: Check, text: str, first: str
):
    """Staff congratulate a footballer or review a show on their own account ("Well done Mo Salah!"
    - the school is in the Liverpool diocese). No block: a capitalised surname after a first name
    makes it someone else's full name, cue or not. Before, the "well done" cue overrode that
    evidence and "Mo" (a pupil is Mohammed "Mo" Rahman) was blocked with no way to post. Clause:
    names of pupils - this names nobody on the roster."""
    verdict = check(text)
    assert "block" not in _severities(verdict, "pupil-name"), found(verdict, "pupil-name")


def test_the_apostrophe_half_of_a_double_barrelled_surname_is_the_pupil_s_name() -> None:
    """A pupil on the roster as Amelia Fitzgerald-O'Brien is written "Amelia O'Brien" (people
    drop one half of a double-barrelled name): it blocks, as "Amelia Fitzgerald" does. Before,
    the halves were split at the apostrophe too, so only "brien" was kept and "Amelia O'Brien"
    got the note a first name alone gets."""
    from companion.checks import PostRequest
    from companion.engine import Engine
    from companion.roster.model import Person, Role, Roster

    pupil = Person(key="p-amelia", role=Role.PUPIL, forename="Amelia", surname="Fitzgerald-O'Brien")
    engine = Engine(Roster(people=(pupil,)))
    for text in ("Amelia O'Brien won the spelling bee", "Amelia OBrien won the spelling bee"):
        verdict = engine.check_post(PostRequest(text=text))
        assert "block" in _severities(verdict, "pupil-name"), text


def test_a_pupil_s_name_run_together_in_a_web_address_blocks(check: Check) -> None:
    """A fundraising page for a pupil: "Please sponsor him! justgiving.com/page/oliverpemberton".
    The words of a link's path are read as a hashtag's are, names run together and all, so it
    blocks as "@oliverpemberton" and ".../oliver-pemberton" do. Before, it was allowed (found by
    the name-rule review)."""
    verdict = check("Please sponsor him! justgiving.com/page/oliverpemberton")
    assert "block" in _severities(verdict, "pupil-name")
    assert any("inside a web address" in f.message for f in verdict.findings)


def test_ordinary_links_name_no_one(check: Check) -> None:
    """Links staff share every day stay quiet: a news article, a video, a shop."""
    for text in (
        "Great read https://www.bbc.co.uk/news/education-68123456",
        "This made me laugh https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "New shoes from https://www.clarks.co.uk/kids/school-shoes",
    ):
        assert check(text).verdict == "allow", text


@pytest.mark.parametrize("text", ["#welldonegrace", "#welldonehope", "#proudofgrace"])
def test_a_lowercase_praise_hashtag_ending_in_a_pupil_s_word_name_blocks(
    check: Check, text: str
) -> None:
    """A name that is also a word ("Grace", "Hope") ends a lowercase praise hashtag right after
    its cue: it blocks, as "#WellDoneGrace" and "#welldonejosh" do. Before, inside a tag such a
    name was never taken for a name (found by the name-rule review)."""
    assert "block" in _severities(check(text), "pupil-name")


@pytest.mark.parametrize(
    "text", ["#amazinggrace", "#gracefulmoves", "#hopeyouenjoy", "#welldonehopeyouenjoyed"]
)
def test_word_names_inside_ordinary_hashtags_stay_words(check: Check, text: str) -> None:
    """The same words in hashtags without a cue before them, or not ending the tag, are words."""
    assert _severities(check(text), "pupil-name") <= {"info"}
