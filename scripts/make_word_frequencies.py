#!/usr/bin/env python3
"""Write companion/word_frequencies.tsv: the English words wordfreq rates at least
vocabulary.COMMON, with wordfreq's own frequencies, which is all the checks ever ask it about.

    python scripts/make_word_frequencies.py

The companion reads this small table at start-up instead of wordfreq's whole one (~34 MB in
memory, ~0.16 s to read); tests/matching/test_vocabulary.py fails when an installed wordfreq
would answer differently, and this script brings the table up to date.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.vocabulary import TABLE_FILE, words_from_wordfreq  # noqa: E402


def main() -> None:
    table = words_from_wordfreq()
    lines = [f"# wordfreq {version('wordfreq')}: English words and their frequencies"]
    lines += [f"{word}\t{frequency!r}" for word, frequency in sorted(table.items())]
    (ROOT / "companion" / TABLE_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} words written to companion/{TABLE_FILE}")


if __name__ == "__main__":
    main()
