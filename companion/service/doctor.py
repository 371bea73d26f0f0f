"""``postguard doctor``: every check says what is wrong and the command that fixes it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status.value}


def ok(name: str, detail: str) -> Check:
    return Check(name, Status.OK, detail)


def warn(name: str, detail: str, fix: str = "") -> Check:
    return Check(name, Status.WARN, detail, fix)


def fail(name: str, detail: str, fix: str) -> Check:
    return Check(name, Status.FAIL, detail, fix)


def run_checks(checks: Iterable[tuple[str, Callable[[], Check]]]) -> list[Check]:
    """Run every check; one that breaks becomes a failure naming what broke, never a traceback."""
    results = []
    for name, check in checks:
        try:
            results.append(check())
        except Exception as exc:
            results.append(
                fail(
                    name,
                    f"the check itself failed: {exc}",
                    "report this with 'postguard doctor --json'",
                )
            )
    return results


def healthy(checks: list[Check]) -> bool:
    return all(c.status is not Status.FAIL for c in checks)


def render_text(checks: list[Check]) -> str:
    marks = {Status.OK: "ok  ", Status.WARN: "warn", Status.FAIL: "FAIL"}
    lines = []
    for check in checks:
        lines.append(f"[{marks[check.status]}] {check.name}: {check.detail}")
        if check.fix and check.status is not Status.OK:
            lines.append(f"       fix: {check.fix}")
    problems = sum(c.status is Status.FAIL for c in checks)
    lines.append("All good." if not problems else f"{problems} problem(s) found.")
    return "\n".join(lines)


def render_json(checks: list[Check]) -> dict[str, Any]:
    return {"ok": healthy(checks), "checks": [c.as_json() for c in checks]}
