"""``postguard pair`` and ``postguard pairs list|revoke``."""

from __future__ import annotations

import argparse

from companion.cli.common import print_json, settings_from
from companion.cli.errors import CliError, as_cli_error
from companion.private_files import StateFileError
from companion.server.pairs import PairingWindow, PairRegistry


def register(sub: argparse._SubParsersAction) -> None:
    pair = sub.add_parser("pair", help="open a ~2-minute pairing window and print its code")
    pair.add_argument("--json", action="store_true")
    pair.set_defaults(func=run_pair)

    pairs = sub.add_parser("pairs", help="the paired browser extensions")
    pairs_sub = pairs.add_subparsers(dest="pairs_command", metavar="ACTION", required=True)
    listing = pairs_sub.add_parser("list", help="list paired extensions")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)
    revoke = pairs_sub.add_parser("revoke", help="revoke a pairing by its id")
    revoke.add_argument("id")
    revoke.set_defaults(func=run_revoke)


def run_pair(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    settings.ensure_home()
    window = PairingWindow(settings.pairing_file, settings.pair_max_attempts)
    code, expires = window.open(settings.pair_window_seconds)
    if args.json:
        print_json({"code": code, "expires_at": expires.isoformat(timespec="seconds")})
    else:
        minutes = settings.pair_window_seconds // 60
        print(f"Pairing code: {code}")
        print(
            f"Enter it in the Postguard extension's options (Pairing code → Pair) within "
            f"{minutes} minutes. It works once."
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with as_cli_error(StateFileError):
        pairs = PairRegistry(settings_from(args).pairs_file).list()
    if args.json:
        print_json([p.public() for p in pairs])
        return 0
    if not pairs:
        print("No extensions are paired. Run 'postguard pair'.")
    for p in pairs:
        print(f"{p.id}  {p.label}  {p.origin or '(no origin)'}  paired {p.created_at}")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    registry = PairRegistry(settings_from(args).pairs_file)
    with as_cli_error(StateFileError):
        revoked = registry.revoke(args.id)
    if not revoked:
        raise CliError(f"no pairing with id {args.id!r}; see 'postguard pairs list'")
    print(f"Revoked {args.id}.")
    return 0
