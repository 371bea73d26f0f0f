"""What several rules share per request: memoised roster mentions and spans."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from companion.rules.base import CheckContext
from companion.rules.names import roster_names

if TYPE_CHECKING:
    from companion.matching import NameMention

T = TypeVar("T")


def memo(ctx: CheckContext, key: str, build: Callable[[], T]) -> T:
    """Compute something once per request, however many rules ask for it."""
    if key not in ctx.scratch:
        ctx.scratch[key] = build()
    return ctx.scratch[key]  # type: ignore[no-any-return]


def roster_mentions(ctx: CheckContext) -> list[NameMention]:
    """Roster names in the post (code points of the original text), shared with the name rules."""
    return roster_names(ctx)


def original_span(ctx: CheckContext, start: int, end: int) -> tuple[int, int]:
    """A span of the normalised text as code points of the original text."""
    return ctx.normalised.to_original(start, end)
