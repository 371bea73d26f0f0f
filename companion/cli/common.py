"""Pieces several commands share: settings from flags, an engine over the stored roster."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from companion.cli.errors import as_cli_error
from companion.roster.store import RosterStoreError, open_roster_store
from companion.secrets import SecretsUnavailableError
from companion.settings import Settings

if TYPE_CHECKING:  # the engine is imported when one is made, not by every command's module
    from companion.engine import Engine


def settings_from(args: argparse.Namespace, **overrides: Any) -> Settings:
    settings = Settings()
    changes = {k: v for k, v in overrides.items() if v is not None}
    return settings.with_(**changes) if changes else settings


def load_engine(settings: Settings, demo: bool) -> Engine:
    """An engine over the demo roster, or the stored one (empty when nothing is imported yet)."""
    from companion.demo import demo_roster
    from companion.engine import Engine

    if demo:
        return Engine(demo_roster(), home=settings.home)
    with as_cli_error(SecretsUnavailableError, RosterStoreError):
        roster = open_roster_store(settings).load()
    return Engine(roster, home=settings.home)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
