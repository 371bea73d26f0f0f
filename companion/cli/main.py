"""Entry point: builds the argument parser from one module per command group."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from companion import __version__
from companion.cli.errors import CliError

# Each module exposes ``register(subparsers)``; its parsers set ``func=handler(args) -> int``.
# Imported in build_parser, so that a dependency missing from the installation is one clear
# error from _main (never a traceback, never a command quietly missing) and a Ctrl-C during the
# imports exits 130. Every command is listed with its module, so a command imports only its
# own (``postguard roster import`` never loads the web server); a test keeps this table true.
COMMANDS = {
    "serve": "companion.cli.serve_cmd",
    "pair": "companion.cli.pair_cmd",
    "pairs": "companion.cli.pair_cmd",
    "check": "companion.cli.check_cmd",
    "check-contact": "companion.cli.check_cmd",
    "check-image": "companion.cli.check_cmd",
    "roster": "companion.cli.roster_cmd",
    "school": "companion.cli.school_cmd",
    "install-service": "companion.cli.service_cmd",
    "uninstall-service": "companion.cli.service_cmd",
    "doctor": "companion.cli.service_cmd",
    "setup": "companion.cli.service_cmd",
    "bundle-keys": "companion.cli.service_cmd",
    "secrets": "companion.cli.secrets_cmd",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


# These commands' exit codes carry the verdict (0 allow, 1 warn, 2 block); any error exits 3.
VERDICT_COMMANDS = frozenset({"check", "check-contact", "check-image"})
VERDICT_ERROR_EXIT = 3


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one line pointing at --help, not a wall of usage text."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or only for ``command``'s module when it is a known one
    (what it parses is the same: only the other commands are missing from it)."""
    parser = OneLineParser(
        prog="postguard",
        description="Postguard companion: checks posts against the school's social media policy.",
    )
    parser.add_argument("--version", action="version", version=f"postguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    only = COMMANDS.get(command or "")
    for name in (only,) if only else COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    verdict_command = bool(words) and words[0] in VERDICT_COMMANDS
    try:
        return _main(words, verdict_command)
    except SystemExit as exc:  # argparse's usage errors (and --help, which exits 0)
        if not verdict_command or exc.code in (0, None):
            raise
        return VERDICT_ERROR_EXIT


def _main(argv: list[str], verdict_command: bool) -> int:
    """Run one command; an error is one line on stderr and an exit code (3 for verdicts)."""

    def failed(code: int) -> int:
        return VERDICT_ERROR_EXIT if verdict_command else code

    try:
        # Building the parser imports every command module: Ctrl-C can land here too.
        parser = build_parser(argv[0] if argv else None)
        args = parser.parse_args(argv)
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as exc:
        return failed(_missing_package(exc))
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"postguard: error: {exc}", file=sys.stderr)
        return failed(exc.exit_code)
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as exc:  # a command imports what only it needs when it runs
        return failed(_missing_package(exc))
    except OSError as exc:
        # A data directory that is a file, a disk that is full, a permission: say which path.
        where = f": {exc.filename}" if exc.filename else ""
        print(f"postguard: error: {exc.strerror or type(exc).__name__}{where}", file=sys.stderr)
        return failed(1)
    except Exception as exc:
        # Last resort, so that no command ever ends in a traceback. The error's text could
        # quote roster data, so only its type is shown.
        print(
            f"postguard: error: unexpected {type(exc).__name__}; run 'postguard doctor'",
            file=sys.stderr,
        )
        return failed(1)


def _missing_package(exc: ModuleNotFoundError) -> int:
    """A dependency missing from this installation: a clear error, never a command quietly
    absent or an engine that checks less than it should."""
    print(
        f"postguard: error: the package {exc.name!r} that Postguard needs is missing; "
        "reinstall Postguard (pip install --force-reinstall postguard)",
        file=sys.stderr,
    )
    return 1
