"""Loading the policy data shipped in ``policy_data/``."""

from companion.policy.book import (
    PolicyBook,
    RuleSpec,
    load_policy,
    parse_policy,
    policy_lines,
    policy_resource,
)

__all__ = [
    "PolicyBook",
    "RuleSpec",
    "load_policy",
    "parse_policy",
    "policy_lines",
    "policy_resource",
]
