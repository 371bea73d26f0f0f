"""Roster bundle figures: build, verify+decrypt, and a whole staff-side pull into the store.

    python bench/bundle_bench.py            # 10,000 people (after pip install .)
    python bench/bundle_bench.py --full     # 100,000 people (the SPEC's big-school bar)

Uses in-memory secrets (no keyring prompt) and a temporary directory as the share. The last two
lines show what a pull in a worker thread (as the server runs it) does to checks meanwhile.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from companion.checks import PostRequest
from companion.distribution import roster_payload
from companion.distribution.bundle import open_bundle
from companion.distribution.keys import read_public_key_file, read_school_key_file
from companion.distribution.publisher import build_bundle, create_publisher, export_keys
from companion.distribution.pull import pull_once
from companion.distribution.setup import configure
from companion.engine import Engine
from companion.roster.model import Person, Role, Roster
from companion.roster.store import RosterStore
from companion.secrets import MemorySecretStore

POSTS = [
    "Lovely walk along the canal this morning, the leaves are turning already.",
    "Well done Given12 on a brilliant performance in assembly today",
    "Can't believe how much marking there is this weekend",
]


def roster(size: int) -> Roster:
    pupils = size * 2 // 5
    people = [Person(f"p{i}", Role.PUPIL, f"Given{i}", f"Family{i % 5000}") for i in range(pupils)]
    people += [
        Person(
            f"c{i}",
            Role.CONTACT,
            f"Parent{i}",
            f"Family{i % 5000}",
            relationship="parent",
            pupil_keys=(f"p{i % pupils}",),
        )
        for i in range(size - pupils)
    ]
    return Roster(people=tuple(people), imported_at="bench")


def check_latencies(engine: Engine, until: Callable[[], bool]) -> list[float]:
    """Check posts back to back until ``until()``; milliseconds per check."""
    posts = [PostRequest(text=t) for t in POSTS]
    latencies = []
    while not until():
        for post in posts:
            start = time.perf_counter()
            engine.check_post(post)
            latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {cuts[49]:.3f} ms, p99 {cuts[98]:.3f} ms, max {max(values):.1f} ms ({len(values)})"


def pull_during_checks(
    people: Roster, staff_home: Path, secrets: MemorySecretStore
) -> tuple[list[float], list[float]]:
    """What a pull in the server's worker thread does to checks on the event loop's thread."""
    engine = Engine(people)
    deadline = time.perf_counter() + 1.0
    idle = check_latencies(engine, lambda: time.perf_counter() > deadline)
    store = RosterStore(staff_home / "roster-during", secrets)
    worker = threading.Thread(target=pull_once, args=(staff_home, secrets, store))
    with_state_reset(staff_home)
    worker.start()
    busy = check_latencies(engine, lambda: not worker.is_alive())
    worker.join()
    return idle, busy


def with_state_reset(home: Path) -> None:
    (home / "bundle-state.json").unlink(missing_ok=True)  # so the pull installs again


def timed(call, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="100,000 people instead of 10,000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = 100_000 if args.full else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        dpo_home, staff_home, share = root / "dpo", root / "staff", root / "share"
        share.mkdir()
        secrets = MemorySecretStore()
        create_publisher(dpo_home, secrets, "Bench School", replace_keys=False)
        keys = export_keys(dpo_home, secrets, root / "keys")
        people = roster(size)
        encode_ms, payload = timed(lambda: roster_payload.encode(people), args.repeat)
        build_ms, (_, out) = timed(
            lambda: build_bundle(dpo_home, secrets, people, share / "roster.pgbundle"), args.repeat
        )
        data = out.read_bytes()
        school_key, signer = (
            read_school_key_file(keys.school_key),
            read_public_key_file(keys.public_key),
        )
        open_ms, opened = timed(
            lambda: open_bundle(data, school_key=school_key, signer=signer), args.repeat
        )
        decode_ms, _ = timed(lambda: roster_payload.decode(opened.payload), args.repeat)
        configure(
            staff_home,
            secrets,
            source=str(share),
            school_key_file=keys.school_key,
            signing_key_file=keys.public_key,
        )
        store = RosterStore(staff_home / "roster", secrets)
        start = time.perf_counter()
        pull_once(staff_home, secrets, store)
        pull_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        pull_once(staff_home, secrets, store)  # unchanged bundle: fetch + verify only
        noop_ms = (time.perf_counter() - start) * 1000
        idle, busy = pull_during_checks(people, staff_home, secrets)
    print(f"people                      {size:>10,}")
    print(f"encoded roster              {len(payload) / 1024:>10,.0f} KiB")
    print(f"bundle file                 {len(data) / 1024:>10,.0f} KiB")
    print(f"encode roster               {encode_ms:>10.1f} ms")
    print(f"build bundle (DPO)          {build_ms:>10.1f} ms  (encode + encrypt + sign + write)")
    print(f"verify + decrypt            {open_ms:>10.1f} ms")
    print(f"decode roster               {decode_ms:>10.1f} ms")
    print(f"first pull into the store   {pull_ms:>10.1f} ms  (read + verify + decrypt + save)")
    print(f"pull of an unchanged bundle {noop_ms:>10.1f} ms")
    print(f"checks, no pull             {percentiles(idle)}")
    print(f"checks during a pull        {percentiles(busy)}")


if __name__ == "__main__":
    main()
