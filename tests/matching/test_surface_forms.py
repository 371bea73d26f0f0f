"""Every way staff write a pupil's or parent's name is found, through the real engine."""

from __future__ import annotations

import pytest

from companion.checks import PostRequest, Verdict
from companion.engine import Engine
from companion.textspan import utf16_offsets

NAME_RULES = {"pupil-name", "family-name", "staff-name"}


def check(engine: Engine, text: str, account: str = "personal") -> Verdict:
    return engine.check_post(PostRequest(text=text, account=account))


def name_findings(verdict: Verdict) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity, f.text) for f in verdict.findings if f.rule in NAME_RULES]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Great match today with Joshua Smith!", "Joshua Smith"),
        ("Great match today with JOSH SMITH", "JOSH SMITH"),
        ("great match with josh smith", "josh smith"),
        ("Josh Smith's goal was the best", "Josh Smith"),
        ("Josh Smith’s goal was the best", "Josh Smith"),
        ("Well done #JoshSmith 🎉", "JoshSmith"),
        ("well done #joshsmith", "joshsmith"),
        ("shout out to @josh_smith12 today", "josh_smith"),
        ("Bill Brown was brilliant at football", "Bill Brown"),
        ("Billy Brown was brilliant at football", "Billy Brown"),
        ("Josh M. Smith won", "Josh M. Smith"),
        ("Josh Michael Smith won", "Josh Michael Smith"),
        ("J\u043esh Smith won", "J\u043esh Smith"),  # Cyrillic o
        ("J0sh Sm1th won", "J0sh Sm1th"),
        ("Jo\u200bsh Smi\u200dth won", "Jo\u200bsh Smi\u200dth"),
        ("J o s h Smith won", "J o s h Smith"),
        ("Josh Smtih won the race", "Josh Smtih"),
        ("Ciara O'Neil read", "Ciara O'Neil"),
        ("what a J o s h Smith goal", "J o s h Smith"),
        ("hi @ciara_o_neill7", "ciara_o_neill"),
        ("Jsoh Smith won the race", "Jsoh Smith"),
        ("Zoë Brennan-Hughes sang", "Zoë Brennan-Hughes"),
        ("Zoe Brennan Hughes sang", "Zoe Brennan Hughes"),
        ("Zoe Hughes sang", "Zoe Hughes"),
        ("Zoe\u0308 Brennan-Hughes sang", "Zoe\u0308 Brennan-Hughes"),
        ("Ciara O'Neill read", "Ciara O'Neill"),
        ("Ciara ONeill read", "Ciara ONeill"),
        ("Ciara O’Neill read", "Ciara O’Neill"),
        ("Siobhan Wisniewska read", "Siobhan Wisniewska"),
        ("Will Brown and friends", "Will Brown"),
        ("Summer Day won", "Summer Day"),
        ("May Long won", "May Long"),
    ],
)
def test_a_pupils_full_name_blocks_in_every_form(engine: Engine, text: str, found: str) -> None:
    verdict = check(engine, text)
    assert verdict.verdict == "block"
    assert ("pupil-name", "block", found) in name_findings(verdict)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Had a lovely chat with Josh at the park", "Josh"),
        ("josh was on fire today", "josh"),
        ("Josh's mum says hi", "Josh"),
        ("Lovely day with j\u043esh", "j\u043esh"),
        ("Lovely day with J0sh", "J0sh"),
        ("Lovely day with J o s h", "J o s h"),
        ("Lovely day with a J o s h", "J o s h"),
        ("Lovely day with Zoe", "Zoe"),
        ("Thanks Will!", "Will"),
        ("I saw Grace at the park", "Grace"),
        ("Grace was brilliant on the slide", "Grace"),
        ("Will's painting was lovely", "Will"),
        ("Joshua is brilliant", "Joshua"),
        ("Thanks Hal!", "Hal"),
    ],
)
def test_a_first_name_alone_is_found_as_a_note(engine: Engine, text: str, found: str) -> None:
    """Found in every surface form, but with nothing that makes a pupil likely it is a note
    (verdict allow), not a warning: most such names in staff's own posts are someone else."""
    verdict = check(engine, text)
    assert verdict.verdict == "allow"
    assert name_findings(verdict) == [("pupil-name", "info", found)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Well done Josh!", "Josh"),
        ("well done josh", "josh"),
        ("#WellDoneJosh 🎉", "Josh"),
        ("So proud of Grace today", "Grace"),
        ("Josh was amazing in assembly", "Josh"),
        ("Josh in Year 3 read beautifully", "Josh"),
        ("Oliver is the best in my class", "Oliver"),
        # Short posts full of capitalised names are not Title Case: "and" stays lower case.
        ("Well done Josh Joseph and Grace in Year 3", "Grace"),
        ("Grace in Year 3 read beautifully", "Grace"),
    ],
)
def test_a_first_name_in_school_context_blocks(engine: Engine, text: str, found: str) -> None:
    verdict = check(engine, text)
    assert ("pupil-name", "block", found) in name_findings(verdict)


def test_a_parents_full_name_blocks_but_their_first_name_alone_does_not(engine: Engine) -> None:
    assert ("family-name", "block", "Sarah Smith") in name_findings(
        check(engine, "Coffee with Sarah Smith")
    )
    assert name_findings(check(engine, "Coffee with Sarah")) == []


def test_a_colleagues_full_name_warns(engine: Engine) -> None:
    verdict = check(engine, "Drinks with Helen Walker tonight")
    assert name_findings(verdict) == [("staff-name", "warn", "Helen Walker")]


def test_on_a_school_account_a_first_name_alone_blocks(engine: Engine) -> None:
    verdict = check(engine, "Lovely singing from Oliver", account="school")
    assert ("pupil-name", "block", "Oliver") in name_findings(verdict)


def test_message_says_how_the_name_was_written_and_quotes_the_clause(engine: Engine) -> None:
    verdict = check(engine, "Well done #JoshSmith")
    finding = next(f for f in verdict.findings if f.rule == "pupil-name")
    assert "hashtag" in finding.message
    assert "names of pupils" in finding.policy


def test_spans_are_utf16_offsets_into_the_original_text(engine: Engine) -> None:
    text = "🎉🎉 Well done J\u043esh Smith 🎉"
    verdict = check(engine, text)
    finding = next(f for f in verdict.findings if f.rule == "pupil-name")
    units = text.encode("utf-16-le")
    assert units[finding.start * 2 : finding.end * 2].decode("utf-16-le") == "J\u043esh Smith"
    assert finding.start == utf16_offsets(text)[text.index("J")]
