"""keyrings.alt's file backends are refused (SPEC §4.3.7), the encrypted one too: it asks for a
password at a terminal prompt, which a background service cannot answer (it hangs or dies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import free_port, postguard

ENCRYPTED_FILE = {"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.EncryptedKeyring"}


@pytest.mark.parametrize(
    "args",
    [
        ("serve", "--port", "PORT"),
        ("roster", "status"),
        ("check", "hello"),
    ],
)
def test_encrypted_file_keyring_is_refused_without_prompting(
    postguard_home: Path, args: tuple[str, ...]
) -> None:
    args = tuple(str(free_port()) if a == "PORT" else a for a in args)
    result = postguard(*args, home=postguard_home, env=ENCRYPTED_FILE, input="", timeout=20)
    assert result.returncode != 0
    assert "Please set a password" not in result.stderr + result.stdout  # keyrings.alt's prompt
    assert "Traceback" not in result.stderr
    assert "EncryptedKeyring" in result.stderr and "PYTHON_KEYRING_BACKEND" in result.stderr
