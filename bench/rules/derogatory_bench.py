"""Derogatory remarks about the school's community: how many are caught, and how many fair
remarks about the same people are wrongly flagged (issue 13: "Glazebury parents are a bunch of
idiots" raised only a school-reference warning).

    python bench/rules/derogatory_bench.py          # the table
    python bench/rules/derogatory_bench.py --show   # every miss and every false alarm
    python bench/rules/derogatory_bench.py --set blind_2 --set heldout_1   # only these sets

Six sets, each of remarks that run down the school's people (parents, "the kids in 9B", the
head, a pupil's name, the school) and fair remarks about the same people (praise, news,
complaints about things, staff's own children):
- "design": below, written while building the rule (40 + 40);
- "held-out 1" (remarks/heldout_1.txt, 70 + 70): written by someone who had not seen the rule;
  its misses were then looked at to widen the word lists, so it is no longer blind;
- "blind 2" (remarks/blind_2.txt, 80 + 80): written the same way afterwards, asked for varied
  wording (metaphor, sarcasm, "couldn't run a bath"); blind for its first run (16.2% / 1.2%),
  then used for tuning with held-out 1 (30 November 2026);
- "blind 3" (remarks/blind_3.txt, 100 + 100): written by someone who saw neither the rule nor
  the other sets, a third of its fair remarks sharing words with the derogatory ones; blind for
  its first run (31.0% / 0%), then the main tuning set of issue 13's second round;
- "blind 4" (remarks/blind_4.txt, 100 + 100): written the same way, without seeing the rule,
  deliberately subtle (sarcasm, comparisons, understatement); blind for its first run (23.0% /
  2.0%), then the main tuning set of issue 13's third round;
- "blind 5" (remarks/blind_5.txt, 100 + 100): written the same way, without seeing the rule,
  while blind 4 was tuned on; never used for tuning: the honest figure. Keep it so: write a new
  set before tuning on this one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from companion.checks import PostRequest
from companion.demo import demo_roster
from companion.engine import Engine

REMARKS = Path(__file__).with_name("remarks")

DEROGATORY = (
    "Glazebury parents are a bunch of idiots",
    "Honestly the parents at this school are clueless",
    "The kids in 9B are feral, every single one of them",
    "Year 10 are the laziest bunch I have ever taught",
    "My class are a bunch of brats today",
    "Some of these mums are absolute nightmares",
    "The dads on the touchline were a disgrace again",
    "Our head teacher is completely useless",
    "SLT at my school are a joke",
    "The governors are incompetent and everyone knows it",
    "Half my pupils are thick as mince",
    "These children are animals, no other word for it",
    "Teaching Year 8 is like herding morons",
    "The parents here are scroungers who never pay for trips",
    "Glazebury kids are the rudest I've ever met",
    "My colleagues are lazy and the head is worse",
    "Another parents' evening with the most ignorant families in Lancashire",
    "The new intake are dim, really dim",
    "Some pupils in my tutor group are vile",
    "Parents at Glazebury are pathetic, moaning about everything",
    "The staff room is full of losers",
    "Josh Smith is the most annoying kid in the school",
    "Year 11 are dumb as rocks",
    "Those carers are a waste of space",
    "The teachers at my school are a bunch of wankers",
    "My class are little shits today",
    "The parents at Glazebury are total dickheads",
    "These kids are savages",
    "What a horrible bunch of parents we have this year",
    "The year 7s are ungrateful little sods",
    "The TAs at work are hopeless",
    "Our pupils' families are chavs, the lot of them",
    "The head is a spineless coward",
    "Kids at my school are gobby and disgusting",
    "Parents complaining again, what a bunch of morons",
    "My year 9 class are brainless",
    "The children I teach are the worst behaved in the county",
    "The parents at our school are rubbish at everything",
    "Honestly the mums at the gate are bitches",
    "Some of the staff at Glazebury are idiots",
)

FAIR = (
    "Glazebury parents raised £2,000 for the library, thank you all",
    "The kids in 9B were brilliant in assembly today",
    "Year 10 worked so hard on their coursework",
    "So proud of my class today",
    "Lovely to see so many mums and dads at sports day",
    "Our head teacher ran the marathon, amazing effort",
    "SLT meeting ran late again, long day",
    "The governors visited our school today",
    "The pupils planted a garden this week",
    "These children never stop surprising me",
    "Teaching Year 8 about volcanoes this week",
    "Parents evening tonight, wish me luck",
    "Glazebury kids sang beautifully at the carol service",
    "My colleagues are the best, thanks for the cake",
    "The new intake settled in well",
    "My tutor group won the quiz",
    "The staff room kettle is broken again, a nightmare",
    "The printer at my school is useless",
    "The weather for sports day was rubbish",
    "Marking 90 essays this weekend is a nightmare",
    "Year 11 exams start on Monday",
    "Our carers' coffee morning is on Friday",
    "The wifi at work is hopeless today",
    "Year 7 trip to the zoo, we saw the animals being fed",
    "The traffic outside school at pickup is the worst",
    "Parents, please remember PE kits tomorrow",
    "The kids loved the science show",
    "The heating in my classroom is pathetic",
    "Fantastic effort from all our pupils this term",
    "Well done to the staff who organised the fair",
    "Our TAs are heroes",
    "The canteen food is disgusting today, pizza is cold",
    "Governors approved the new library",
    "The children read to the dogs at the library",
    "A thick fog at the school gates this morning",
    "Teachers, the timetable is out",
    "My class are doing a project on the worst storms in history",
    "The dads' football match raised £300",
    "The head teacher's assembly was about kindness",
    "Year 9 were so kind to the new pupils",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    parser.add_argument("--account", choices=("personal", "school"), default="personal")
    parser.add_argument(
        "--set",
        action="append",
        dest="sets",
        metavar="NAME",
        help="only this set: 'design' or a file name in remarks/ without .txt (repeatable); "
        "a set still being written can then be left unread",
    )
    args = parser.parse_args()
    engine = Engine(demo_roster())

    def blocked(text: str) -> tuple[bool, list[str]]:
        verdict = engine.check_post(PostRequest(text=text, account=args.account))
        found = [f"{f.rule}:{f.severity}" for f in verdict.findings]
        return any(f.rule == "derogatory" for f in verdict.findings), found

    names = args.sets or ["design", "heldout_1", "blind_2", "blind_3", "blind_4", "blind_5"]
    sets = {
        name: (DEROGATORY, FAIR) if name == "design" else _read(REMARKS / f"{name}.txt")
        for name in names
    }
    print(f"account: {args.account}; demo roster; 'blocked' counts only the derogatory rule")
    print("| set | derogatory remarks blocked | fair remarks blocked |")
    print("|---|---:|---:|")
    for label, (bad, good) in sets.items():
        caught = [(t, *blocked(t)) for t in bad]
        fair = [(t, *blocked(t)) for t in good]
        hit = sum(b for _, b, _ in caught)
        wrong = sum(b for _, b, _ in fair)
        print(
            f"| {label} | {hit} / {len(caught)} ({100 * hit / len(caught):.1f}%) "
            f"| {wrong} / {len(fair)} ({100 * wrong / len(fair):.1f}%) |"
        )
        if args.show:
            for text, b, found in caught:
                if not b:
                    print(f"  missed: {text}  {found}")
            for text, b, found in fair:
                if b:
                    print(f"  false alarm: {text}  {found}")


def _read(path: Path) -> tuple[list[str], list[str]]:
    """``## derogatory`` and ``## fair`` sections, a remark a line."""
    sections: dict[str, list[str]] = {"derogatory": [], "fair": []}
    current = None
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if line.startswith("## "):
            current = sections[line[3:]]
        elif line and current is not None:
            current.append(line)
    return sections["derogatory"], sections["fair"]


if __name__ == "__main__":
    main()
