"""Roster import and load speed: import time and peak RSS, store load (decrypt + decode) time.

    python bench/roster_import.py            # 2,000 pupils + 6,000 contacts (quick)
    python bench/roster_import.py --full     # 100,000 pupils + 300,000 contacts

Each phase runs in a fresh process so its peak RSS is its own. The cipher is the real
AES-256-GCM; the key sits in an in-memory secret store so the benchmark needs no keyring.
"""

from __future__ import annotations

import argparse
import base64
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.roster_data import write_exports
from companion.roster.importing import import_files
from companion.roster.store import RosterStore
from companion.secrets import MemorySecretStore

BENCH_KEY = base64.b64encode(bytes(range(32))).decode()  # fixed: two processes share it


def _store(root: Path) -> RosterStore:
    secrets = MemorySecretStore()
    store = RosterStore(root, secrets)
    secrets.set(store.key_name, BENCH_KEY)
    return store


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def phase_import(files: list[Path], root: Path) -> dict[str, float]:
    store = _store(root)
    started = time.perf_counter()
    result = import_files(files, roster_key=base64.b64decode(BENCH_KEY))
    imported = time.perf_counter()
    store.save(result.roster, operator="bench")
    saved = time.perf_counter()
    counts = result.roster.counts()
    return {
        "import_s": imported - started,
        "save_s": saved - imported,
        "peak_rss_mb": _peak_mb(),
        "people": len(result.roster.people),
        **{f"count_{k}": v for k, v in counts.items()},
        "stored_mb": sum(p.stat().st_size for p in root.rglob("*.pgr")) / 1e6,
    }


def phase_load(root: Path) -> dict[str, float]:
    baseline = _peak_mb()
    store = _store(root)
    started = time.perf_counter()
    version = store.current_version()
    polled = time.perf_counter()
    roster = store.load()
    loaded = time.perf_counter()
    assert roster is not None and roster.version == version
    return {
        "poll_ms": (polled - started) * 1000,
        "load_s": loaded - polled,
        "load_peak_rss_mb": _peak_mb(),
        "load_rss_before_mb": baseline,
    }


def in_child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="100,000 pupils, 300,000 contacts")
    parser.add_argument("--pupils", type=int, help="number of pupils (3 contacts each)")
    parser.add_argument("--phase", choices=("import", "load"), help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "import":
        print(json.dumps(phase_import(args.files, args.root)))
        return
    if args.phase == "load":
        print(json.dumps(phase_load(args.root)))
        return
    pupils = args.pupils or (100_000 if args.full else 2_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_exports(folder / "exports", pupils, contacts_per_pupil=3)
        size_mb = sum(f.stat().st_size for f in files) / 1e6
        root = folder / "store"
        imported = in_child("--phase", "import", "--root", str(root), "--files", *map(str, files))
        loaded = in_child("--phase", "load", "--root", str(root))
    print(f"roster import: {pupils:,} pupils + {pupils * 3:,} contact rows ({size_mb:.1f} MB CSV)")
    print(
        f"  people kept: {imported['people']:,.0f} (pupil {imported['count_pupil']:,.0f}, "
        f"ex-pupil {imported['count_ex-pupil']:,.0f}, contact {imported['count_contact']:,.0f}; "
        "contacts sharing a name are one person)"
    )
    print(f"  import (read, validate, build): {imported['import_s']:.2f} s")
    print(f"  save (encode, encrypt, atomic write): {imported['save_s']:.2f} s")
    print(f"  peak RSS of the import process: {imported['peak_rss_mb']:.0f} MB")
    print(f"  encrypted size on disk: {imported['stored_mb']:.2f} MB")
    print(f"  server poll (current_version): {loaded['poll_ms']:.2f} ms")
    print(f"  server load (decrypt + decode): {loaded['load_s']:.2f} s")
    print(
        f"  peak RSS of the load process: {loaded['load_peak_rss_mb']:.0f} MB "
        f"({loaded['load_rss_before_mb']:.0f} MB before loading)"
    )


if __name__ == "__main__":
    main()
