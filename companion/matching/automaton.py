"""The Aho-Corasick automata (pyahocorasick) the index searches folded text with."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ahocorasick


def automaton(keys: dict[str, Any]) -> Searchable:
    """An automaton whose matches yield ``(end_index, (key, value))``."""
    built = ahocorasick.Automaton()
    for key, value in keys.items():
        built.add_word(key, (key, value))
    if len(built):
        built.make_automaton()
    return Searchable(built)


class Searchable:
    """An automaton that also answers an empty roster (pyahocorasick refuses to iterate one)."""

    __slots__ = ("_automaton",)

    def __init__(self, automaton: ahocorasick.Automaton) -> None:
        self._automaton = automaton

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        if not len(self._automaton) or not text:
            return iter(())
        return self._automaton.iter(text)
