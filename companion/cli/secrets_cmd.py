"""``postguard secrets ...``: where this data directory's secrets live (keychain or key file)."""

from __future__ import annotations

import argparse
from pathlib import Path

from companion.cli.common import print_json, settings_from
from companion.cli.errors import CliError, as_cli_error
from companion.distribution.purge import keyring_entries
from companion.secrets import (
    KEYFILE,
    KeyFileSecretStore,
    KeyringSecretStore,
    SecretStore,
    SecretsUnavailableError,
    choose_key_file,
    choose_keyring,
    default_key_file,
    open_secret_store,
    read_choice,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser(
        "secrets", help="where the roster key lives: the OS keychain or a private key file"
    )
    actions = group.add_subparsers(dest="secrets_action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="which secret store this data directory uses")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=status_command)
    keyfile = actions.add_parser(
        "use-keyfile",
        help="keep secrets in a private file (for machines with no desktop session/keychain)",
    )
    keyfile.add_argument(
        "path",
        nargs="?",
        help=f"absolute path, outside the data directory (default {default_key_file()})",
    )
    keyfile.set_defaults(func=use_keyfile_command)
    keyring_parser = actions.add_parser("use-keyring", help="go back to the OS keychain")
    keyring_parser.set_defaults(func=use_keyring_command)


def status_command(args: argparse.Namespace) -> int:
    home = settings_from(args).home
    with as_cli_error(SecretsUnavailableError):
        choice = read_choice(home)
        described = open_secret_store(home).describe()
    kind = "key file" if choice.kind == KEYFILE else "OS keychain"
    if args.json:
        print_json({"store": choice.kind, "path": str(choice.path or ""), "backend": described})
    else:
        print(f"Secrets for {home}: {kind} ({described}).")
    return 0


def _move(home: Path, old: SecretStore | None, new: SecretStore) -> tuple[list[str], list[str]]:
    """Copy this data directory's secrets into the new store: (moved, unreachable) names."""
    moved, missing = [], []
    for name in keyring_entries(home):
        if new.get(name) is not None:
            continue
        value = None
        if old is not None:
            try:
                value = old.get(name)
            except SecretsUnavailableError:
                value = None
        if value is None:
            missing.append(name)
        else:
            new.set(name, value)
            moved.append(name)
    return moved, missing


def _current_store(home: Path) -> SecretStore | None:
    try:
        return open_secret_store(home, retries=0)
    except SecretsUnavailableError:
        return None  # typical here: the keychain this machine lacks


def _report(moved: list[str], missing: list[str]) -> None:
    if moved:
        print(f"Moved {len(moved)} secret(s) from the previous store.")
    if missing:
        print(
            f"{len(missing)} secret(s) of this data directory could not be read from the previous "
            "store: re-import the roster with 'postguard roster import --fresh FILE...' (and run "
            "'postguard setup' again if this machine pulls bundles)."
        )


def use_keyfile_command(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    path = Path(args.path).expanduser() if args.path else default_key_file()
    with as_cli_error(SecretsUnavailableError):
        settings.ensure_home()
        new = KeyFileSecretStore(path.absolute(), settings.home)
        old = _current_store(settings.home)
        moved, missing = _move(settings.home, old, new)
        if not path.exists():
            new.set("created", "1")  # the file exists, 0600, from the first moment
        choose_key_file(settings.home, path.absolute())
    print(
        f"Secrets for {settings.home} now live in the key file {path.absolute()} (mode 0600). "
        "Keep it out of backups that include the data directory; see docs/secrets.md."
    )
    _report(moved, missing)
    return 0


def use_keyring_command(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    try:
        new = KeyringSecretStore(retries=0)
        old = _current_store(settings.home)
        moved, missing = _move(settings.home, old, new)
    except SecretsUnavailableError as exc:
        raise CliError(f"{exc} (nothing changed)") from None
    choose_keyring(settings.home)
    print(f"Secrets for {settings.home} now live in the OS keychain ({new.describe()}).")
    _report(moved, missing)
    return 0
