"""A DPO machine and a staff machine (two data directories) sharing one real keyring session."""

from __future__ import annotations

import argparse
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from companion.cli.bundle_cmds import bundle_command, fetch_command
from companion.cli.errors import CliError
from companion.cli.main import main as cli
from companion.roster.model import Person, Role, Roster
from companion.roster.store import RosterStore
from companion.secrets import KeyringSecretStore


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_roster(*pupils: tuple[str, str], expires: date | None = None) -> Roster:
    people = [
        Person(key=f"p{i}", role=Role.PUPIL, forename=first, surname=last)
        for i, (first, last) in enumerate(pupils)
    ]
    people.append(
        Person(
            key="c0",
            role=Role.CONTACT,
            forename="Marguerite",
            surname=pupils[0][1],
            relationship="parent",
            pupil_keys=("p0",),
        )
    )
    return Roster(people=tuple(people), imported_at="2026-09-01", expires=expires)


def setup_args(source: Path | str, keys: Path, *extra: str) -> list[str]:
    """``postguard setup`` on a staff machine, against ``source`` with the DPO's keys."""
    return [
        "setup",
        "--bundle-source",
        str(source),
        "--school-key-file",
        str(keys / "school.key"),
        "--signing-key-file",
        str(keys / "signing.pub"),
        *extra,
    ]


@dataclass
class Machine:
    """One computer's data directory; ``run`` is the real CLI with that POSTGUARD_HOME."""

    home: Path
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    def run(self, *args: str) -> tuple[int, str, str]:
        self.monkeypatch.setenv("POSTGUARD_HOME", str(self.home))
        self.capsys.readouterr()
        code = cli(list(args))
        out, err = self.capsys.readouterr()
        return code, out, err

    def run_json(self, *args: str) -> dict:
        code, out, err = self.run(*args)
        assert code == 0, err
        return json.loads(out)

    def call(self, handler: Callable[[argparse.Namespace], int], **args: object) -> tuple[int, str]:
        """A command handler the roster CLI wires (``roster bundle``/``roster fetch``)."""
        self.monkeypatch.setenv("POSTGUARD_HOME", str(self.home))
        self.capsys.readouterr()
        try:
            code = handler(argparse.Namespace(**args))
        except CliError as exc:
            return exc.exit_code, str(exc)
        return code, self.capsys.readouterr().out

    def bundle(self, out: Path) -> int:
        code, text = self.call(bundle_command, out=str(out), json=True)
        assert code == 0, text
        return json.loads(text)["version"]

    def fetch(self) -> tuple[int, str]:
        return self.call(fetch_command, json=False)

    def store(self) -> RosterStore:
        return RosterStore(self.home / "roster", KeyringSecretStore())

    def names(self) -> set[str]:
        roster = self.store().load()
        return {f"{p.forename} {p.surname}" for p in roster.people} if roster else set()


@pytest.fixture
def machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[str], Machine]:
    def make(name: str) -> Machine:
        return Machine(tmp_path / name, monkeypatch, capsys)

    return make


@pytest.fixture
def dpo(machine: Callable[[str], Machine], tmp_path: Path) -> Machine:
    """A DPO machine with bundle keys and a roster imported; keys exported to ``keys/``."""
    dpo = machine("dpo")
    dpo.store().save(make_roster(("Tobias", "Quennell"), ("Ffion", "Arkwright")), "dpo")
    dpo.run_json(
        "bundle-keys",
        "init",
        "--school",
        "Glazebury",
        "--out-dir",
        str(tmp_path / "keys"),
        "--json",
    )
    return dpo


@pytest.fixture
def keys(dpo: Machine, tmp_path: Path) -> Path:
    return tmp_path / "keys"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    path = tmp_path / "share"
    path.mkdir()
    return path
