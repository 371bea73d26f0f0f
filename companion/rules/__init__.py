"""Policy rules: small units that each turn one clause into findings."""

from companion.rules.base import CheckContext, ContactContext, ContactRule, PostRule
from companion.rules.registry import contact_rules, post_rules

__all__ = [
    "CheckContext",
    "ContactContext",
    "ContactRule",
    "PostRule",
    "contact_rules",
    "post_rules",
]
