"""Finding roster names in text, in every surface form staff write them."""

from companion.matching.index import NameIndex, NameMention

__all__ = ["NameIndex", "NameMention"]
