"""The given names and common UK names the companion ships from the ``nicknames`` package and
Faker's locales: the same names those packages give, read without Faker at start-up."""

from __future__ import annotations

import subprocess
import sys

from companion.matching import given_names as names


def test_the_shipped_names_are_what_the_installed_packages_give() -> None:
    # Other package versions fail here: run scripts/make_name_lists.py.
    names._library_names.cache_clear()
    assert names._library_names() == names.names_from_libraries()


def test_each_kind_of_name_is_read_as_its_own() -> None:
    assert {"olivia", "wojciech", "adebowale", "aaron", "ron"} <= names.given_names()
    assert {"january", "monday", "may"}.isdisjoint(names.given_names())  # the calendar's words
    assert {"john", "hunter", "taylor"} <= names.common_first_names()
    assert {"smith", "jones", "green"} <= names.common_surnames()
    assert {"john", "hunter", "taylor"}.isdisjoint(names.common_surnames())


def test_the_companion_starts_and_checks_names_without_faker() -> None:
    """Faker is for making the list (and a test dependency): the service never imports it."""
    script = (
        "import sys\n"
        "from companion.engine.engine import Engine\n"
        "from companion.matching.given_names import GivenNames\n"
        "engine = Engine()\n"
        "found = GivenNames().find('Thanks to Wojciech and Olivia for today')\n"
        "print(len(found), 'faker' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "False"]
