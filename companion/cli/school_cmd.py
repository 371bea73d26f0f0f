"""``postguard school show|set|reset``: the school profile the checks use (DPO-editable)."""

from __future__ import annotations

import argparse

from companion.cli.common import print_json, settings_from
from companion.cli.errors import CliError
from companion.school import FIELDS, SchoolProfile, SchoolProfileError, SchoolStore


def register(sub: argparse._SubParsersAction) -> None:
    school = sub.add_parser("school", help="the school's names, trust, handles and website")
    actions = school.add_subparsers(dest="school_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the school profile in force")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)
    fields = ", ".join(FIELDS)
    change = actions.add_parser("set", help=f"replace one field ({fields})")
    change.add_argument("field", metavar="FIELD", help=fields)
    change.add_argument("values", metavar="VALUE", nargs="+")
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
    _print(profile, args.json)
    return 0


def run_set(args: argparse.Namespace) -> int:
    store = SchoolStore(settings_from(args).home)
    try:
        profile = store.set(args.field, list(args.values))
    except SchoolProfileError as exc:
        raise CliError(str(exc)) from None
    _print(profile, args.json)
    return 0


def run_reset(args: argparse.Namespace) -> int:
    store = SchoolStore(settings_from(args).home)
    try:
        profile = store.reset(args.field)
    except SchoolProfileError as exc:
        raise CliError(str(exc)) from None
    _print(profile, args.json)
    return 0


def _print(profile: SchoolProfile, as_json: bool) -> None:
    data = profile.to_dict()
    if as_json:
        print_json(data)
        print()
        return
    print(f"name: {data['name']}")
    for key in ("names", "trust", "websites"):
        print(f"{key}: {', '.join(data[key]) or '(none)'}")
    for site, handles in data["handles"].items():
        print(f"handles.{site}: {', '.join('@' + h for h in handles) or '(none)'}")
