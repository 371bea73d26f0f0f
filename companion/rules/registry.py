"""Which rules run, in order. Adding a rule is one line here plus its entry in policy_data."""

from __future__ import annotations

from companion.policy import PolicyBook
from companion.rules.base import ContactRule, PostRule
from companion.rules.contacts import BefriendingRule
from companion.rules.names import FamilyName, PupilName, StaffName
from companion.rules.policy_rules import policy_rules
from companion.school import SchoolSource


def post_rules(policy: PolicyBook, school: SchoolSource) -> list[PostRule]:
    """``school``: the data directory's school profile, as the engine reads it;
    ``policy``: the policy data, whose ``match`` tables declare the word-list rules."""
    return [PupilName(), FamilyName(), StaffName(), *policy_rules(policy, school)]


def contact_rules() -> list[ContactRule]:
    return [BefriendingRule()]
