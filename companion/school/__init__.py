"""The school's profile: its names, trust, handles and website (defaults + the DPO's changes)."""

from companion.school.matcher import SchoolMatch, SchoolMatcher
from companion.school.profile import FIELDS, SchoolProfile, SchoolProfileError
from companion.school.store import SchoolSource, SchoolStore

__all__ = [
    "FIELDS",
    "SchoolMatch",
    "SchoolMatcher",
    "SchoolProfile",
    "SchoolProfileError",
    "SchoolSource",
    "SchoolStore",
]
