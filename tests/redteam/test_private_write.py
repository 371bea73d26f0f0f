"""A private file (the key file, pairs, the pairing window) is written through a new temp file
with a random name (mkstemp: O_EXCL, mode 0600), never through a file or symlink planted at a
name known beforehand.

Where another user can write to the file's folder (a key file put in a shared or sticky folder:
'postguard secrets use-keyfile' checks the file, not its folder), the old temp name
(".NAME.PID.tmp", opened without O_EXCL) let that user create it first, world-readable or as a
symlink to a file of theirs: the secret was written into it, and the key file ended up with the
attacker's mode (found in review).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from companion.private_files import write_json


def test_a_pre_created_temp_file_does_not_make_the_secret_readable(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o1777)
    os.chmod(shared, 0o1777)
    target = shared / "secrets.key"
    planted = shared / f".{target.name}.{os.getpid()}.tmp"
    planted.touch()
    os.chmod(planted, 0o666)
    write_json(target, {"format": "postguard-keyfile/1", "secrets": {"roster": "SECRET"}})
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_planted_symlink_does_not_receive_the_secret(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    loot = tmp_path / "attacker-reads-this"
    loot.touch()
    target = shared / "secrets.key"
    os.symlink(loot, shared / f".{target.name}.{os.getpid()}.tmp")
    write_json(target, {"format": "postguard-keyfile/1", "secrets": {"roster": "SECRET"}})
    assert "SECRET" not in loot.read_text()
    assert not target.is_symlink()
