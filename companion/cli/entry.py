"""The console script's entry point: imports nothing heavy before it can catch Ctrl-C.

Building the command line imports every command module (about half a second), so a Ctrl-C
during start-up lands in an import; here it ends as exit 130 with no traceback, like one during
a command.
"""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from companion.cli.main import main

        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
