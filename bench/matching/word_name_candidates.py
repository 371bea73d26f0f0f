"""Print candidate entries for policy_data/names/word_names.txt (curated by hand afterwards).

    apt-get install wbritish && python bench/matching/word_name_candidates.py

A candidate is a name (Faker en_GB forename or surname, or a name in the nicknames package)
whose lower-case form is an entry of Debian's British English word list, most frequent first.
Frequency alone cannot tell "will" (a word) from "josh" (a name that is also a rare verb):
names whose word sense is rare in posts are left off the curated list.
"""

from __future__ import annotations

import csv
import sys
from importlib import resources
from pathlib import Path

from faker.providers.person.en_GB import Provider
from wordfreq import zipf_frequency

WORDS = Path("/usr/share/dict/british-english")


def main() -> None:
    if not WORDS.exists():
        sys.exit(f"{WORDS} not found: install Debian's wbritish package")
    words = {w.strip() for w in WORDS.read_text("utf-8").splitlines() if w.strip().islower()}
    names = {n.lower() for n in (*Provider.first_names_male, *Provider.first_names_female)}
    names |= {n.lower() for n in Provider.last_names}
    with resources.files("nicknames").joinpath("names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.update((row["name1"], row["name2"]))
    for name in sorted(names & words, key=lambda n: -zipf_frequency(n, "en")):
        print(f"{name}\t{zipf_frequency(name, 'en'):.2f}")


if __name__ == "__main__":
    main()
