"""``postguard check`` and ``check-contact``: the same engine as the server, in-process."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from companion.checks import ImageRequest
from companion.cli.common import load_engine, print_json, settings_from
from companion.cli.errors import CliError, as_cli_error
from companion.engine import ACCOUNTS, CONTACT_ACTIONS, CONTEXTS, SITES, Engine, Verdict
from companion.photos import ImageRejected
from companion.server.validation import InvalidRequest, parse_contact, parse_post
from companion.settings import MAX_IMAGE_BYTES

Request = TypeVar("Request")


def register(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check", help="check a post's text against the policy")
    check.add_argument("text", nargs="?", default="-", help="the text, or - to read stdin")
    check.add_argument("--site", choices=SITES, default="x")
    check.add_argument("--context", choices=CONTEXTS, default="post")
    check.add_argument("--account", choices=ACCOUNTS, default="personal")
    check.add_argument(
        "--as",
        dest="identity",
        metavar="ACCOUNT",
        help="who the post goes out as (an @handle, a Page's name); the school's own accounts "
        "in its profile are checked as the school's",
    )
    check.add_argument("--json", action="store_true", help="print the HTTP API's verdict body")
    check.add_argument("--demo", action="store_true", help="use the built-in demo roster")
    check.set_defaults(func=run_check)

    contact = sub.add_parser("check-contact", help="check a friend request or follow")
    contact.add_argument("name", help="the display name on the request")
    contact.add_argument("--handle")
    contact.add_argument("--site", choices=SITES, default="facebook")
    contact.add_argument("--action", choices=CONTACT_ACTIONS, default="accept")
    contact.add_argument("--json", action="store_true", help="print the HTTP API's verdict body")
    contact.add_argument("--demo", action="store_true", help="use the built-in demo roster")
    contact.set_defaults(func=run_check_contact)

    image = sub.add_parser("check-image", help="check a photo (faces) before it is posted")
    image.add_argument("file", type=Path, help="a JPEG, PNG, GIF or WebP image")
    image.add_argument("--site", choices=SITES, default="x")
    image.add_argument("--account", choices=ACCOUNTS, default="personal")
    image.add_argument("--json", action="store_true", help="print the HTTP API's verdict body")
    image.add_argument("--demo", action="store_true", help="use the built-in demo roster")
    image.set_defaults(func=run_check_image)


def _read_text(arg: str) -> str:
    if arg != "-":
        return arg
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise CliError("standard input is not valid UTF-8") from None


def run_check(args: argparse.Namespace) -> int:
    body = {"text": _read_text(args.text), "site": args.site, "context": args.context}
    body |= {"account": args.account, "identity": args.identity}
    return _check(args, body, parse_post, Engine.check_post)


def run_check_contact(args: argparse.Namespace) -> int:
    body = {"name": args.name, "handle": args.handle, "site": args.site, "action": args.action}
    return _check(args, body, parse_contact, Engine.check_contact)


def _check(
    args: argparse.Namespace,
    body: dict[str, Any],
    parse: Callable[[Any], Request],
    check: Callable[[Engine, Request], Verdict],
) -> int:
    """Read the arguments as the HTTP API reads a body (the same messages for bad input), check
    them with the engine and print the verdict; the exit code says allow, warn or block."""
    with as_cli_error(InvalidRequest):
        request = parse(body)
    verdict = check(load_engine(settings_from(args), args.demo), request)
    _report(verdict, args.json)
    return verdict_exit_code(verdict)


def run_check_image(args: argparse.Namespace) -> int:
    try:
        size = args.file.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise CliError(f"{args.file} is larger than {MAX_IMAGE_BYTES // 2**20} MB")
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    request = ImageRequest(data=data, site=args.site, account=args.account)
    engine = load_engine(settings_from(args), args.demo)
    try:  # no server budget here: check_image waits for every detector, however long it loads
        verdict = engine.check_image(request)
    except ImageRejected as exc:
        raise CliError(f"{args.file.name}: {exc}") from None
    finally:
        engine.close()
    _report(verdict, args.json)
    return verdict_exit_code(verdict)


VERDICT_EXIT = {"allow": 0, "warn": 1, "block": 2}  # errors exit 3 or more (cli.main)


def verdict_exit_code(verdict: Verdict) -> int:
    """Scripts read the verdict from the exit code: 0 allow, 1 warn, 2 block."""
    return VERDICT_EXIT[verdict.verdict]


def _report(verdict: Verdict, as_json: bool) -> None:
    if as_json:
        print_json(verdict.to_json())
        return
    print(f"verdict: {verdict.verdict}")
    for f in verdict.findings:
        quoted = f"“{f.text}” — " if f.text else ""
        print(f"- {f.severity.upper()} {f.rule}: {quoted}{f.message}")
        print(f"  policy: “{f.policy}”")
