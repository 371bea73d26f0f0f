"""Finding roster names in text, in every surface form staff write them."""

from companion.matching.contact import ContactMatch
from companion.matching.index import NameIndex
from companion.matching.mention import NameMention
from companion.matching.normalise import NormalisedText, normalise

__all__ = ["ContactMatch", "NameIndex", "NameMention", "NormalisedText", "normalise"]
