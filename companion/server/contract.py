"""The HTTP contract (``http_contract.json``): the routes with their public marker, and the JSON
Schemas of what goes in and out. Written once: the server's route table and its channel guard
are built from it here, pytest checks the server's answers against it, and the extension's node
tests check what it sends and reads against the same file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    path: str
    operation: str  # the handler's name in server/routes.py
    public: bool  # served without a token (health, pairing)
    body: str  # "none", "json" or "image"

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)


@cache
def contract() -> dict[str, Any]:
    source = resources.files("companion.server").joinpath("http_contract.json")
    return json.loads(source.read_text("utf-8"))


@cache
def routes() -> tuple[Route, ...]:
    return tuple(
        Route(r["method"], r["path"], r["operation"], bool(r["public"]), r["body"])
        for r in contract()["routes"]
    )


def enum(name: str) -> tuple[str, ...]:
    """The values of one of the contract's enumerations (``Site``, ``Context``…)."""
    return tuple(contract()["$defs"][name]["enum"])


def limit(name: str) -> Any:
    return contract()["limits"][name]
