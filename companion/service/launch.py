"""``python -m companion.service.launch --home DIR serve ...``: the service's entry point.

Sets ``POSTGUARD_HOME`` before handing the remaining arguments to the ``postguard`` CLI, so every
OS's service definition can name its data directory the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from companion.cli.main import main as postguard_main


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] != "--home":
        print("usage: python -m companion.service.launch --home DIR COMMAND ...", file=sys.stderr)
        return 2
    os.environ["POSTGUARD_HOME"] = args[1]
    return postguard_main(args[2:])


if __name__ == "__main__":
    raise SystemExit(main())
