"""Which rules run, in order. Adding a rule is one line here plus its entry in policy_data."""

from __future__ import annotations

from pathlib import Path

from companion.policy import PolicyBook
from companion.rules.base import ContactRule, PostRule
from companion.rules.contacts import BefriendingRule
from companion.rules.names import FamilyName, PupilName, StaffName
from companion.rules.policy_rules import policy_rules


def post_rules(policy: PolicyBook, home: Path | None = None) -> list[PostRule]:
    """``home``: the data directory whose school profile the rules read (None: shipped only);
    ``policy``: the policy data, whose ``match`` tables declare the word-list rules."""
    return [PupilName(), FamilyName(), StaffName(), *policy_rules(policy, home)]


def contact_rules() -> list[ContactRule]:
    return [BefriendingRule()]
