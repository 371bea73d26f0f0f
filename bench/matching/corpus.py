"""The fortunes as ordinary posts and as carriers that a name is written into (recall)."""

from __future__ import annotations

from bench import corpus

MIN_CHARS, MAX_CHARS = 20, 400


def fortunes() -> list[str]:
    return [text for _, text in corpus.fortunes(MIN_CHARS, MAX_CHARS)]


def sample(size: int | None, seed: int = 3) -> list[str]:
    return corpus.sample(fortunes(), size, seed)
