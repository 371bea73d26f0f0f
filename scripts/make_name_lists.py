#!/usr/bin/env python3
"""Write companion/matching/library_names.tsv: the given names of the ``nicknames`` package and
of Faker's locales, and the common UK first names and surnames of Faker's English locales, which
is all the checks ever ask those packages about.

    python scripts/make_name_lists.py

The companion reads this file at start-up instead of importing Faker and its locales (80 ms);
tests/matching/test_library_names.py fails when the installed packages would give other names,
and this script brings the file up to date.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.matching.given_names import (  # noqa: E402
    COMMON_FIRST,
    COMMON_LAST,
    GIVEN,
    LIBRARY_NAMES_FILE,
    names_from_libraries,
)


def main() -> None:
    kinds = names_from_libraries()
    everyone = sorted(set().union(*kinds.values()))
    lines = [
        f"# nicknames {version('nicknames')}, Faker {version('faker')}: each name, then what it"
        f" is ({GIVEN}: a given name; {COMMON_FIRST}: a common UK first name; {COMMON_LAST}: a"
        " common UK surname)",
    ]
    for name in everyone:
        letters = "".join(k for k in (GIVEN, COMMON_FIRST, COMMON_LAST) if name in kinds[k])
        lines.append(f"{name}\t{letters}")
    path = ROOT / "companion" / "matching" / LIBRARY_NAMES_FILE
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(everyone)} names written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
