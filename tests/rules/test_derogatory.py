"""Derogatory remarks about the school community are blocked; swearing alone is a note; mild
slang is nothing; the same words about a film or a train are everyday talk."""

from __future__ import annotations

import pytest

from companion.checks import PostRequest
from companion.demo import demo_roster
from companion.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(demo_roster())


def rules(engine: Engine, text: str) -> dict[str, str]:
    return {f.rule: f.severity for f in engine.check_post(PostRequest(text=text)).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Glazebury parents are a bunch of idiots",
        "Honestly the parents are useless this term",
        "My class were animals today",
        "Josh Smith is so lazy",
        "The governors are clueless",
        "The kids in 9B are feral, every single one of them",
        "What a horrible bunch of parents we have this year",
        "Teaching 10B is like herding morons",
        "The dads on the touchline were a disgrace again",
        "This place is a joke",
    ],
)
def test_running_down_the_school_community_is_a_block(engine: Engine, text: str) -> None:
    assert rules(engine, text).get("derogatory") == "block", text


@pytest.mark.parametrize(
    "text",
    [
        "That film was rubbish",
        "What a pathetic excuse for a train service",
        "My own kids are so lazy this morning",
        "LMAO what a day",
        "OMG the queue at the post office",
    ],
)
def test_everyday_words_raise_nothing(engine: Engine, text: str) -> None:
    assert rules(engine, text) == {}, text


@pytest.mark.parametrize(
    "text",
    [
        "The printer at my school is useless",
        "Parents complained the car park is a nightmare at pick-up",
        "My tutor group thrashed the teachers at rounders, we were useless",
        "Lorry drivers on the A580 are complete idiots, made me late for my Year 8s",
        "The kids loved feeding the animals at the farm",
        # What a sentence says of the parents ends with it: the next one is about the drivers.
        "The parents are lovely. Idiots on the road this morning though",
    ],
)
def test_a_thing_or_an_outsider_run_down_beside_school_people_is_not_derogatory(
    engine: Engine, text: str
) -> None:
    assert "derogatory" not in rules(engine, text), text


# Each way of running people down (issue 13), with a fair remark sharing its words.
@pytest.mark.parametrize(
    ("remark", "fair"),
    [
        # A stock phrase after a verb said of the people.
        ("Our head couldn't run a bath", "The head couldn't have been more supportive"),
        (
            "Half the families at my school wouldn't know a book if it hit them",
            "Half the families at my school came to the book fair",
        ),
        (
            "The kids in 11C have the brainpower of a houseplant",
            "The kids in 11C have a houseplant called Kevin",
        ),
        ("Josh Smith is the walking definition of a waste of oxygen", "Josh Smith is a star"),
        ("Some of our governors are so far up their own backsides", "Our governors are up early"),
        # Broader words of disparagement, with intensifiers between.
        ("The Year 11s are genuinely the thickest cohort ever", "A thick fog for the Year 11s"),
        (
            "Glazebury's staff are by far the most backstabbing bunch",
            "Glazebury's staff are by far",
        ),
        ("Josh Smith's parents are as useless as he is", "Josh Smith's parents are as kind as him"),
        ("My GCSE group are a lost cause", "My GCSE group found a lost cat"),
        ("Year 9s are a pack of hyenas", "Year 9s saw the hyenas at the zoo"),
        # A label, "'s" and a question say "are".
        ("SLT: overpaid and thick as mince", "SLT: meeting moved to Tuesday"),
        ("Year 9 = feral", "Year 9 = trip money due Friday"),
        ("Thinking about Josh. Kid's a nasty piece of work", "The kid's nasty cough is better"),
        ("Why is our head such a spineless coward?", "Why is our head such a good runner?"),
        # "The lot of them", "they're" and "every last one of" stand for people just named.
        (
            "The parents at ours are the same. Feckless, the lot of them.",
            "The parents at ours are the same. Lovely, the lot of them.",
        ),
        ("The kids in 10Y cheated again, they're scum", "The kids in 10Y made pizzas, they're ace"),
        ("SLT at our place. Not a clue between them.", "SLT at our place. Cake between them."),
        (
            "Thick as two short planks, every last one of my Year 8s",
            "Proud of every last one of my Year 8s",
        ),
        # A disparaging word before the people, their conduct or a determiner.
        ("What a load of gobby little brats my Year 8s were today", "What a load of fun today"),
        ("Absolutely disgusting behaviour from Year 9 today", "Disgusting weather for Year 9"),
        ("Little scrotes in Year 8 wrecked the library", "Little ones in Year 1 loved the library"),
        # A time between the people and the verb does not change the subject.
        (
            "The Year 6 class this year are the most vile",
            "The Year 6 class this year are a delight",
        ),
        # A possessive speaks of a person through a relative or a trait.
        ("Josh Smith's mum is as gobby as her son", "Josh Smith's mum is as kind as her son"),
        ("Year 9's behaviour is appalling", "Year 9's handwriting is lovely"),
        # A sentence of disparagement alone after one naming the people (issue 13, round 2);
        # a bare word must be one said only of people, and a place makes them others.
        (
            "Love how our deputy head observes lessons. Clueless.",
            "Love how our deputy head observes lessons. Brilliant.",
        ),
        (
            "What's the point of governors who never visit? Useless numpties.",
            "The governors visited the kitchen. Disgusting.",
        ),
        ("The parents. Total waste of space.", "The parents came. Idiots on the road though."),
        # "He", "she", "Man's" for a school person named before, not for one's own family.
        (
            "Mr Davies took my lesson again. He's a total muppet.",
            "Mr Davies took my lesson. He's a star.",
        ),
        (
            "Our head gave the INSET. Man's a walking advert with nothing behind the eyes.",
            "The head chatted to my husband. He's a total idiot with directions.",
        ),
        # A title and a surname name a colleague in a post about school.
        (
            "Mrs Hughes in the office is a nosy, gossiping cow",
            "Mr Smith next door is a nasty piece of work",
        ),
        # An apposition; a reversed copula; "a pathetic excuse for".
        (
            "Year 2 parents, a flock of whingeing vultures",
            "Thanks to the parents, an awful lot of money was raised",
        ),
        (
            "Sick of carrying the dead weight that is our Humanities department",
            "Sick of carrying the books that our Humanities department ordered",
        ),
        (
            "What a pathetic excuse for a senior leadership team we've got",
            "The kids had an excuse for a day off",
        ),
        # Words of any kind between "a" and a disparaging noun.
        ("Our caretaker is a miserable old goat", "Our caretaker is a kind old soul"),
        ("Year 5 sound like a troop of howling monkeys", "Year 5 sound like a choir of angels"),
        # "Y10", "TA", and "the place" once the school is named.
        ("Y10 = wasters", "Y10 = mock exams on Monday"),
        (
            "TA in my room spent the lesson on her phone. Complete dead weight.",
            "Ta for the lesson plans, the room looks great",
        ),
        (
            "Glazebury C of E, Christian values my arse, the place is a cesspit.",
            "The place is a dump, the council should fix it",
        ),
        # A noun for people between a disparaging word and "the lot of them".
        (
            "TAs in my department gossip all day. Glorified babysitters the lot of them",
            "TAs in my department work hard. Brilliant helpers the lot of them",
        ),
        ("Our Year 10s seem to have been raised by wolves", "Our Year 10s read about wolves"),
        ("The dinner ladies are grim", "Mrs Hughes in the office was entitled to a break"),
        # Issue 13, third round. A word also said fondly is banter in a fond sentence.
        (
            "My year 7s are feral in rehearsals",
            "My year 7s are feral for the play rehearsals and honestly I love them for it",
        ),
        # A quality measured against a thing, or against the people after it.
        (
            "Our deputy has the emotional range of a parking meter",
            "Our deputy has the patience of a saint",
        ),
        (
            "My tutor group have the collective IQ of a damp sponge",
            "My tutor group have the highest IQ test scores",
        ),
        (
            "Year 11 mocks are in and I've seen more intelligence in a bag of spanners",
            "Year 11 have shown more intelligence in a week than I expected",
        ),
        (
            "I've met house plants with more initiative than my Year 8 set",
            "My Year 8 set showed more initiative than I expected",
        ),
        (
            "The trust appointed a headteacher with the charisma of a damp flannel",
            "The trust appointed a headteacher with the charisma to lead",
        ),
        # Not noticing what could not be missed.
        (
            "The office lot couldn't find a phone number if it was tattooed on their heads",
            "The office lot couldn't come if it rained",
        ),
        # "What a ...", and a bare insult two sentences after the people.
        (
            "Our new colleague took my resources. What a leech.",
            "Parents' evening tonight. What a clown I am.",
        ),
        (
            'Our head: "my door is open". Yes, so you can hide behind it. Coward.',
            "Our head never leaves his office. Busy all day. Cowardly Lion costume on Friday",
        ),
        (
            "The supply teacher in 7B was lost. And not the brightest either.",
            "The supply teacher in 7B was lost. And the weather was not the brightest either.",
        ),
        # "That boy" for a pupil just named; a word said only of people, of "he".
        ("Josh Smith again. That boy is a nightmare on legs.", "My brother again. That boy!"),
        (
            "Mr Davies took my lesson again. He's unprofessional.",
            "Mr Davies met my husband. He's unprofessional.",
        ),
        ("Useless, the lot in 9X.", "Brilliant, the lot in 9X."),
        # An understatement: "lazy doesn't even cover it".
        (
            "Our TAs are on their phones all day. Lazy doesn't even cover it.",
            "Our TAs ran the fair all day. Lovely doesn't even cover it.",
        ),
        ("Our head of maths couldn't teach for toffee", "Our head of maths bought toffee for 9X"),
    ],
)
def test_ways_of_running_people_down(engine: Engine, remark: str, fair: str) -> None:
    assert rules(engine, remark).get("derogatory") == "block", remark
    assert "derogatory" not in rules(engine, fair), fair


@pytest.mark.parametrize(
    "text",
    [
        # A people word naming a room or an occasion.
        "Parents' evening was a nightmare, so many appointments",
        "The staff room is a dump, someone please tidy it",
        # A possessive before a thing.
        "Replying to Lisa: yep the new parents' app is hopeless, keeps crashing",
        # "They" may be what the people made, or come before them.
        "The kids baked cakes and they were disgusting, bless them",
        "They were idiots on the motorway, my class was late to the museum",
        # Banter about a game; a clause break before the people.
        "Staff quiz night, the PE department were useless at the music round but won overall",
        "The weather was rubbish, the kids loved it anyway",
        "The weather was dreadful as the parents arrived for sports day",
        # "We'll dump the kid somewhere" is a verb.
        "After that we'll dump the kid at the station",
    ],
)
def test_things_named_after_people_and_other_referents_are_not_derogatory(
    engine: Engine, text: str
) -> None:
    assert "derogatory" not in rules(engine, text), text


def test_a_room_full_of_insults_is_full_of_its_people(engine: Engine) -> None:
    assert rules(engine, "The staff room is full of losers")["derogatory"] == "block"


def test_swearing_alone_is_a_note_and_beside_the_school_a_block(engine: Engine) -> None:
    assert rules(engine, "this shit is wild") == {"offensive": "info"}
    assert rules(engine, "Glazebury is shit")["offensive"] == "block"


@pytest.mark.parametrize("name", ["Jayden", "Oliwia", "Zuzanna", "Muhammad", "Ioana", "Simran"])
def test_school_accounts_know_names_common_in_uk_schools(engine: Engine, name: str) -> None:
    """Not on the roster, yet a name: the school's account must not single a child out."""
    verdict = engine.check_post(
        PostRequest(text=f"Well done {name}, a better lesson today", account="school")
    )
    assert verdict.verdict == "block"
    assert "targeted-content" in {f.rule for f in verdict.findings}
