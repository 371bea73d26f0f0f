"""A Ctrl-C that lands inside ``eval`` of a string ends ``python -m companion`` as exit 130, as
every other Ctrl-C does (companion/cli/entry.py). namedtuple and dataclasses evaluate strings
while the command's modules are imported, so a Ctrl-C early in ``roster import`` landed there
about one time in ten, and the process ended by SIGINT (-2), found by
tests/cli/test_import_second_process.py failing on CI. Here the Ctrl-C lands there every time:
the command run is a stand-in that sends itself SIGINT inside such an eval, the way one of those
imports meets it, and it is run as ``python -m`` runs companion/__main__.py (a script run by
path, the console script, exits with its code whatever the mark)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def test_a_ctrl_c_inside_eval_of_a_string_exits_130(tmp_path: Path) -> None:
    (tmp_path / "interrupted_command.py").write_text(
        textwrap.dedent(
            """
            import companion.cli.main as commands
            from companion.cli.entry import run

            def interrupted_in_eval():
                return eval(
                    "__import__('os').kill(__import__('os').getpid(), 2) or [0 for _ in range(9)]"
                )

            commands.main = interrupted_in_eval
            run()
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "interrupted_command"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 130, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
