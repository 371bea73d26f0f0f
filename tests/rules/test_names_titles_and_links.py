"""Titles and links as the name rules read them, at their edges: a verb "miss" is no title and
hides no pupil's name, an ex-pupil sharing a colleague's surname leaves the colleague found, and a
word inside a link is no name (found by a second review of the day's changes; each test failed
before its fix)."""

from __future__ import annotations

from datetime import date, timedelta

from companion.checks import PostRequest
from companion.engine import Engine
from companion.roster.model import Person, Role, Roster
from tests.rules.conftest import Check
from tests.rules.helpers import found


def _engine(*extra: Person) -> Engine:
    from companion.demo import demo_roster

    return Engine(Roster(people=tuple(demo_roster().people) + extra))


def test_miss_before_a_pupils_full_name_still_blocks() -> None:
    """ "We will all miss Thomas Bellingham so much next year" names the pupil Thomas Bellingham,
    and blocks, though a colleague is Miss Claire Thomas: a lowercase "miss" is a verb, and a
    title never displaces a name found otherwise. Before, "miss Thomas" was a title mention that
    pushed the pupil's full name out, and the post only warned."""
    engine = _engine(
        Person(key="s-thomas", role=Role.STAFF, forename="Claire", surname="Thomas", title="Miss"),
        Person(key="p-thomas", role=Role.PUPIL, forename="Thomas", surname="Bellingham"),
    )
    verdict = engine.check_post(PostRequest(text="We will all miss Thomas Bellingham so much"))
    assert ("block", "Thomas Bellingham") in found(verdict, "pupil-name")


def test_miss_before_a_pupils_first_name_with_a_cue_still_finds_the_pupil() -> None:
    """ "We will miss Harvey so much, well done Year 6" names the pupil Harvey Quinlan though a
    parent is Paul Harvey. Before, "miss Harvey" was a family's title mention that hid the
    pupil."""
    engine = _engine(
        Person(key="p-harvey", role=Role.PUPIL, forename="Harvey", surname="Quinlan"),
        Person(
            key="c-harvey",
            role=Role.CONTACT,
            forename="Paul",
            surname="Harvey",
            relationship="parent",
            pupil_keys=("p-harvey",),
        ),
    )
    verdict = engine.check_post(PostRequest(text="We will miss Harvey so much, well done Year 6"))
    assert found(verdict, "pupil-name")


def test_colleague_by_title_is_found_when_an_ex_pupil_shares_the_surname() -> None:
    """ "Dr Fenwick was useless at assembly again" names the colleague Dr Robert Fenwick though an
    ex-pupil is Adam Fenwick: a title names staff or a family, never a pupil or an ex-pupil.
    Before, the ex-pupil's role made the mention no rule's, and nothing was found."""
    engine = _engine(
        Person(
            key="x-fen",
            role=Role.EX_PUPIL,
            forename="Adam",
            surname="Fenwick",
            legal_leaving_date=date.today() + timedelta(days=400),
        ),
    )
    verdict = engine.check_post(PostRequest(text="Dr Fenwick was at assembly again"))
    assert found(verdict, "staff-name")


def test_shop_link_with_an_ordinary_word_holding_a_nickname_is_not_blocked(check: Check) -> None:
    """A product page, ".../school-shoes/molly-jane", names no one: a link's words hold a name
    only whole. Before, "olly" inside "molly" was Oliver's nickname beside the cue "school", and
    the personal post blocked."""
    verdict = check("New shoes https://www.clarks.co.uk/kids/school-shoes/molly-jane")
    assert verdict.verdict != "block", verdict.findings


def test_school_account_book_link_is_not_a_pupils_name(check: Check) -> None:
    """The school account's ".../books/the-jolly-postman" names no one ("olly" inside "jolly";
    a camelCase video id "JoshS12abc" too). Before, it blocked under no-names."""
    for text in (
        "Book week https://www.worldbookday.com/books/the-jolly-postman",
        "Our song https://www.youtube.com/watch?v=JoshS12abc",
    ):
        verdict = check(text, account="school")
        assert verdict.verdict == "allow", (text, verdict.findings)
