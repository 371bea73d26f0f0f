"""UK dates from exports, and the day a child may legally leave full-time education.

Dates are ``DD/MM/YYYY`` (also with ``-`` or ``.``, and an Excel ``00:00`` time tail) or ISO
``YYYY-MM-DD`` or ``YYYYMMDD`` (School Data Sync allows both). Month-first is never tried:
"12/25/2015" is an impossible date, not Christmas. Two-digit years are refused because the
century would be a guess.
"""

from __future__ import annotations

import re
from datetime import date

_UK = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # YYYYMMDD (School Data Sync allows it)
# Excel's "00:00", and sync tools' "00:00:00.000000" or "00:00:00Z" (Wonde, School Data Sync).
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$")


class BadDate(ValueError):
    pass


def parse_uk_date(text: str) -> date:
    """A date written the UK way or as ISO; ``BadDate`` with the reason otherwise."""
    value = _TIME_TAIL.sub("", text.strip())
    if match := _ISO.match(value) or _ISO_BASIC.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _UK.match(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise BadDate(f"'{text}' is not a date (use DD/MM/YYYY or YYYY-MM-DD)")
    try:
        return date(year, month, day)
    except ValueError:
        reading = f"read as day {day}, month {month}"
        if month > 12 >= day:
            reading += "; US month-first dates are never read: export DD/MM/YYYY or YYYY-MM-DD"
        raise BadDate(f"'{text}' is an impossible date ({reading})") from None


def legal_leaving_date(date_of_birth: date, legal_age: int) -> date:
    """The day the child turns ``legal_age``.

    In England a child may leave school at the end of the school year in which they turn 16
    but must stay in education or training until their 18th birthday, so with the policy's age
    of 18 the birthday itself is the legal date. A 29 February birthday counts from 28 February
    in years that have none.
    """
    year = date_of_birth.year + legal_age
    try:
        return date_of_birth.replace(year=year)
    except ValueError:
        return date(year, 2, 28)
