"""The people table a saved index holds: every person comes back as imported, and a field that
holds one of the table's own separators cannot shift the fields of any row (rows are joined in
batches and checked once a batch)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.roster.model import Person, Role
from companion.roster.people_table import PeopleTable

clean = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x01\x1e\x1f"),
    min_size=1,
    max_size=12,
)
people = st.builds(
    Person,
    key=st.from_regex(r"[pcsx]-[0-9a-f]{20}", fullmatch=True),
    role=st.sampled_from(Role),
    forename=clean,
    surname=clean,
    preferred_forename=st.none() | clean,
    preferred_surname=st.none() | clean,
    known_as=st.lists(clean, max_size=3).map(tuple),
    relationship=st.none() | clean,
    pupil_keys=st.lists(clean, max_size=3).map(tuple),
    legal_leaving_date=st.none() | st.dates(date(2000, 1, 1), date(2060, 1, 1)),
    title=st.none() | clean,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(people, max_size=30))
def test_every_person_comes_back_as_imported(everyone: list[Person]) -> None:
    table = PeopleTable.of(everyone)
    assert [table[n] for n in range(len(table))] == everyone


def test_a_separator_in_one_field_shifts_nothing() -> None:
    everyone = [
        Person(f"p-{n:020x}", Role.PUPIL, f"Forename{n}", f"Surname{n}", known_as=("A", "B"))
        for n in range(50)
    ]
    everyone[20] = Person("p-dirty", Role.PUPIL, "Ann\x1fLee", "Hart\x01", title="Ms\x1e")
    table = PeopleTable.of(everyone)
    back = [table[n] for n in range(len(table))]
    assert back[:20] == everyone[:20] and back[21:] == everyone[21:]
    assert (back[20].forename, back[20].surname, back[20].title) == ("AnnLee", "Hart", "Ms")
