"""Hypothesis strategies for roster people, shared by the codecs' round-trip tests."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from companion.roster.model import Person, Role


def people_named(
    names: st.SearchStrategy[str], maybe: st.SearchStrategy[str | None]
) -> st.SearchStrategy[Person]:
    """Every field of a ``Person``, its names drawn from ``names`` (``maybe``: optional ones)."""
    return st.builds(
        Person,
        key=st.text(alphabet="0123456789abcdef-", min_size=3, max_size=24),
        role=st.sampled_from(Role),
        forename=names,
        surname=names,
        preferred_forename=maybe,
        preferred_surname=maybe,
        known_as=st.lists(names, max_size=3).map(tuple),
        relationship=maybe,
        pupil_keys=st.lists(names, max_size=3).map(tuple),
        legal_leaving_date=st.none() | st.dates(date(2000, 1, 1), date(2060, 12, 31)),
        title=maybe,
    )
