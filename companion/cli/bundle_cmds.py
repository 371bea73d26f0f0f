"""Command handlers for bundles: ``roster bundle``/``roster fetch`` (wired by the roster CLI),
``bundle-keys`` and ``setup`` (wired by ``companion.cli.service_cmd``). The pure work lives in
``companion.distribution``; this is only its command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from companion.cli.common import settings_from
from companion.cli.errors import CliError, as_cli_error
from companion.distribution.errors import DistributionError
from companion.distribution.publisher import build_bundle, create_publisher, export_keys
from companion.distribution.pull import PullOutcome, pull_once
from companion.distribution.setup import configure
from companion.secrets import SecretStore, SecretsUnavailableError, open_secret_store
from companion.settings import Settings

_USER_ERRORS = (DistributionError, SecretsUnavailableError)


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(text)


def _roster_store(settings: Settings, secrets: SecretStore) -> Any:
    from companion.roster.store import RosterStore

    return RosterStore(settings.roster_dir, secrets)


def bundle_command(args: argparse.Namespace) -> int:
    """``postguard roster bundle --out FILE``: seal the roster in force for staff machines."""
    from companion.roster.store import RosterStoreError

    settings = settings_from(args)
    with as_cli_error(*_USER_ERRORS, RosterStoreError):
        secrets = open_secret_store(settings.home)
        roster = _roster_store(settings, secrets).load()
        if roster is None or not roster.people:
            raise CliError("there is no roster to bundle; run 'postguard roster import FILE...'")
        version, out = build_bundle(settings.home, secrets, roster, Path(args.out))
    _emit(
        args,
        {"version": version, "out": str(out), "people": len(roster.people)},
        f"Bundle {version} ({len(roster.people)} people) written to {out}",
    )
    return 0


def fetch_command(args: argparse.Namespace) -> int:
    """``postguard roster fetch``: pull the bundle source now."""
    settings = settings_from(args)
    try:
        secrets = open_secret_store(settings.home)
        outcome = pull_once(settings.home, secrets, _roster_store(settings, secrets))
    except _USER_ERRORS as exc:
        raise CliError(f"{exc}; the roster in force is unchanged") from None
    text = (
        f"Installed roster bundle {outcome.version} ({outcome.people} people).{_school(outcome)}"
        if outcome.changed
        else f"Already up to date (bundle {outcome.version})."
    )
    data: dict[str, Any] = {"changed": outcome.changed, "version": outcome.version}
    if outcome.changed:
        data |= {"school_profile": outcome.school_profile, "crest": outcome.crest}
        if outcome.school_note:
            data["school_note"] = outcome.school_note
    _emit(args, data, text)
    return 0


def _school(outcome: PullOutcome) -> str:
    """What the bundle did to the school profile: nothing said when it carried none."""
    note = f" Note: {outcome.school_note}." if outcome.school_note else ""
    if not outcome.school_profile:
        return note
    crest = "with the crest" if outcome.crest else "no crest"
    return f" School profile from bundle {outcome.version} ({crest}).{note}"


def keys_init_command(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with as_cli_error(*_USER_ERRORS):
        secrets = open_secret_store(settings.home)
        settings.ensure_home()
        create_publisher(settings.home, secrets, args.school, replace_keys=args.new)
        exported = export_keys(settings.home, secrets, Path(args.out_dir))
    _print_exported(args, exported)
    return 0


def keys_export_command(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with as_cli_error(*_USER_ERRORS):
        exported = export_keys(settings.home, open_secret_store(settings.home), Path(args.out_dir))
    _print_exported(args, exported)
    return 0


def _print_exported(args: argparse.Namespace, exported: Any) -> None:
    _emit(
        args,
        {
            "school_key_file": str(exported.school_key),
            "signing_key_file": str(exported.public_key),
            "signer": exported.signer,
            "key_id": exported.key_id,
        },
        f"School key (secret, for staff machines' setup): {exported.school_key}\n"
        f"Signing public key (pinned by staff machines): {exported.public_key}\n"
        f"Signing key fingerprint: {exported.signer}",
    )


def setup_command(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    with as_cli_error(*_USER_ERRORS):
        secrets = open_secret_store(settings.home)
        settings.ensure_home()
        config = configure(
            settings.home,
            secrets,
            source=args.bundle_source,
            school_key_file=Path(args.school_key_file),
            signing_key_file=Path(args.signing_key_file),
            ca_file=Path(args.ca_file) if args.ca_file else None,
            interval_hours=args.interval_hours,
        )
    print(f"Bundle source set: {config.source} (signing key {config.signer} pinned).")
    if args.no_fetch:
        return 0
    try:
        outcome = pull_once(settings.home, secrets, _roster_store(settings, secrets))
    except _USER_ERRORS as exc:
        raise CliError(f"setup saved, but the first pull failed: {exc}", exit_code=1) from None
    print(f"Installed roster bundle {outcome.version}.{_school(outcome)}")
    return 0
