"""The CLI imports only the module of the command it runs: its table must name every command."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

from companion.cli.main import COMMAND_MODULES, COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[2]


def registered(module: str) -> set[str]:
    parser = argparse.ArgumentParser()
    importlib.import_module(module).register(parser.add_subparsers())
    return set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_every_command_is_listed_with_the_module_that_registers_it() -> None:
    for module in COMMAND_MODULES:
        assert registered(module) == {c for c, m in COMMANDS.items() if m == module}, module
    full = build_parser()
    assert set(full._subparsers._group_actions[0].choices) == set(COMMANDS)  # type: ignore[union-attr]


def test_a_command_parses_the_same_with_only_its_own_module() -> None:
    argv = ["roster", "import", "--dry-run", "--expires", "31/08/2030", "a.csv", "b.csv"]
    assert vars(build_parser("roster").parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_a_roster_import_never_loads_the_web_server_or_the_engine() -> None:
    script = (
        "import sys\n"
        "from companion.cli.main import main\n"
        "try:\n"
        "    main(['roster', 'import', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('aiohttp', 'companion.engine.engine')\n"
        "print('loaded:', *(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "usage: postguard roster import" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "loaded:"
