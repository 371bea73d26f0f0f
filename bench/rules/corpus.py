"""The fortunes as ordinary posts for the policy rules.

The `education` and `work` files are about school and work on purpose: reported apart, because a
finding there is often right.
"""

from __future__ import annotations

from bench import corpus

ON_TOPIC = frozenset({"education", "work"})
MAX_CHARS = 500


def fortunes() -> list[tuple[str, str]]:
    """(file, text) for every fortune short enough to be a post."""
    return corpus.fortunes(1, MAX_CHARS)


def sample(size: int | None, seed: int = 5) -> list[tuple[str, str]]:
    return corpus.sample(fortunes(), size, seed)
