"""Offsets between Python strings (code points) and JavaScript strings (UTF-16 code units)."""

from __future__ import annotations

from itertools import accumulate


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf16_offsets(text: str) -> list[int]:
    """``offsets[i]`` is the UTF-16 offset of code point ``i``; one extra entry for the end."""
    return [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]
