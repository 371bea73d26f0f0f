"""The console script's entry point: imports nothing heavy before it can catch Ctrl-C.

Building the command line imports every command module (about half a second), so a Ctrl-C
during start-up lands in an import; here it ends as exit 130 with no traceback, like one during
a command.
"""

from __future__ import annotations

import sys

CTRL_C_EXIT = 130  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C


def run() -> None:
    try:
        from companion.cli.main import main

        code = main()
    except KeyboardInterrupt:
        code = CTRL_C_EXIT
    if code == CTRL_C_EXIT:
        _forget_uncaught_ctrl_c()
    sys.exit(code)


def _forget_uncaught_ctrl_c() -> None:
    """CPython marks a Ctrl-C as never caught when it lands inside ``eval`` or ``exec`` of a
    string (namedtuple and dataclasses make their methods that way while a command imports
    its modules), even though it is caught here; under ``python -m companion`` it then ends
    the process by SIGINT instead of this exit code (-2 for about one Ctrl-C in ten pressed
    early in an import). Every eval of a string clears the mark before it runs; this one
    raises nothing."""
    eval("None")  # noqa: S307 - a constant, to clear the mark; nothing outside is evaluated
