"""``postguard school show|set|reset``: the school profile the checks use (DPO-editable), and
``school set logo FILE`` / ``--clear``: the school's crest, found in photos before they are posted.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from companion.cli import logo_cmd
from companion.cli.common import print_json, settings_from
from companion.cli.errors import CliError, as_cli_error
from companion.school import FIELDS, SchoolProfile, SchoolProfileError, SchoolStore


def register(sub: argparse._SubParsersAction) -> None:
    school = sub.add_parser("school", help="the school's names, trust, handles and website")
    actions = school.add_subparsers(dest="school_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the school profile in force")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)
    fields = ", ".join([*FIELDS, logo_cmd.FIELD])
    change = actions.add_parser(
        "set",
        help=f"replace one field ({fields})",
        description="Replace one field. 'set logo FILE' registers the school's crest (a PNG, "
        "JPEG or WebP, ideally 300 px wide or more) so photos showing it are caught; "
        "'set logo --clear' forgets it.",
    )
    change.add_argument("field", metavar="FIELD", help=fields)
    change.add_argument("values", metavar="VALUE", nargs="*")
    change.add_argument("--clear", action="store_true", help="logo only: forget the crest")
    change.add_argument("--json", action="store_true")
    change.set_defaults(func=run_set)
    reset = actions.add_parser("reset", help="back to the shipped default (one field or all)")
    reset.add_argument("field", metavar="FIELD", nargs="?", help=fields)
    reset.add_argument("--json", action="store_true")
    reset.set_defaults(func=run_reset)


def run_show(args: argparse.Namespace) -> int:
    store = SchoolStore(settings_from(args).home)
    try:
        profile = store.load()
    except SchoolProfileError as exc:
        raise CliError(f"{exc}; fix it or run 'postguard school reset'") from None
    _print(profile, args.json, logo_cmd.describe(store))
    return 0


def run_set(args: argparse.Namespace) -> int:
    store = SchoolStore(settings_from(args).home)
    _note_if_bundles_replace(store)
    if args.field == logo_cmd.FIELD:
        logo_cmd.run_set_logo(store, args.values, clear=args.clear, as_json=args.json)
        return 0
    if args.clear:
        raise CliError(f"--clear is for the logo; 'postguard school reset {args.field}' resets it")
    if not args.values:
        raise CliError(f"give {args.field} at least one value")
    with as_cli_error(SchoolProfileError):
        profile = store.set(args.field, list(args.values))
    _print(profile, args.json, logo_cmd.describe(store))
    return 0


def run_reset(args: argparse.Namespace) -> int:
    store = SchoolStore(settings_from(args).home)
    _note_if_bundles_replace(store)
    with as_cli_error(SchoolProfileError):
        profile = store.reset(args.field)
    _print(profile, args.json, logo_cmd.describe(store))
    return 0


def _note_if_bundles_replace(store: SchoolStore) -> None:
    """A staff machine takes the school profile from each bundle: a change made here lasts only
    until the next one, so say so (the change is still made: IT may need it meanwhile)."""
    from companion.distribution.config import load_school_record
    from companion.distribution.errors import DistributionError

    try:
        carried = load_school_record(store.home).bundle
    except DistributionError:
        return
    if carried:
        print(
            f"note: this machine takes the school profile from the school's roster bundles (last "
            f"from bundle {carried}): the next bundle replaces this change; make it on the DPO's "
            "machine and publish a bundle",
            file=sys.stderr,
        )


def _print(profile: SchoolProfile, as_json: bool, logo: dict[str, Any]) -> None:
    data = profile.to_dict()
    if as_json:
        print_json({**data, logo_cmd.FIELD: logo})
        print()
        return
    print(f"name: {data['name']}")
    for key in ("names", "trust", "websites"):
        print(f"{key}: {', '.join(data[key]) or '(none)'}")
    for site, handles in data["handles"].items():
        print(f"handles.{site}: {', '.join('@' + h for h in handles) or '(none)'}")
    print(f"logo: {logo_cmd.line(logo)}")
