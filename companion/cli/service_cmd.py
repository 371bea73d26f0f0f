"""``install-service``, ``uninstall-service``, ``doctor``, ``setup`` and ``bundle-keys``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.cli import bundle_cmds
from companion.cli.common import print_json, settings_from
from companion.cli.errors import CliError
from companion.distribution.purge import delete_keyring_entries
from companion.secrets import SecretsUnavailableError, open_secret_store
from companion.service import doctor, doctor_checks
from companion.service.install import install_service, purge_home, uninstall_service
from companion.service.installed import read_installed
from companion.service.managers import ServiceError, manager_for, manager_for_os
from companion.service.probe import probe_health
from companion.service.spec import service_spec
from companion.settings import DEFAULT_PORT


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1024 <= port <= 65535:
        raise argparse.ArgumentTypeError("port must be between 1024 and 65535")
    return port


def _hours(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of hours: {text!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    install = sub.add_parser("install-service", help="run the companion as a per-user service")
    install.add_argument("--port", type=_port, default=DEFAULT_PORT)
    install.add_argument(
        "--print",
        dest="print_for",
        choices=("linux", "macos", "windows"),
        help="print the service definition for that OS instead of installing it",
    )
    install.set_defaults(func=run_install)

    uninstall = sub.add_parser("uninstall-service", help="stop and remove the service")
    uninstall.add_argument(
        "--purge", action="store_true", help="also delete the roster, keys, pairings and setup"
    )
    uninstall.set_defaults(func=run_uninstall)

    doc = sub.add_parser("doctor", help="say what is wrong and the command that fixes it")
    doc.add_argument("--json", action="store_true")
    doc.add_argument("--port", type=_port, help="default: the installed service's port, else 8765")
    doc.set_defaults(func=run_doctor)

    setup = sub.add_parser("setup", help="staff machine: pull the school's roster bundles")
    setup.add_argument("--bundle-source", required=True, metavar="PATH_OR_HTTPS_URL")
    setup.add_argument("--school-key-file", required=True, metavar="FILE")
    setup.add_argument("--signing-key-file", required=True, metavar="PUB")
    setup.add_argument("--ca-file", metavar="PEM", help="trust this CA for an https source")
    setup.add_argument("--interval-hours", type=_hours, default=6.0)
    setup.add_argument("--no-fetch", action="store_true", help="do not pull right away")
    setup.set_defaults(func=bundle_cmds.setup_command)

    keys = sub.add_parser("bundle-keys", help="DPO: the school key and signing key for bundles")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    init = keys_sub.add_parser("init", help="create the keys and write the files IT deploys")
    init.add_argument("--school", required=True, help="the school's name, shown in bundles")
    init.add_argument("--out-dir", required=True)
    init.add_argument("--new", action="store_true", help="replace existing keys")
    init.add_argument("--json", action="store_true")
    init.set_defaults(func=bundle_cmds.keys_init_command)
    export = keys_sub.add_parser("export", help="write the files IT deploys again")
    export.add_argument("--out-dir", required=True)
    export.add_argument("--json", action="store_true")
    export.set_defaults(func=bundle_cmds.keys_export_command)


def run_install(args: argparse.Namespace) -> int:
    settings = settings_from(args, port=args.port)
    spec = service_spec(settings)
    if args.print_for:
        # The bytes as the definition's own declaration says (a Windows task is UTF-16, which
        # schtasks /XML needs), not text in the console's encoding: `> postguard-task.xml` must
        # give the very file install-service writes, whatever the user's name is spelt with.
        sys.stdout.flush()
        sys.stdout.buffer.write(manager_for_os(args.print_for, spec.home).render(spec))
        sys.stdout.buffer.flush()
        return 0
    try:
        installed = install_service(spec, manager_for(spec.home))
    except ServiceError as exc:
        raise CliError(str(exc), exit_code=1) from None
    except OSError as exc:
        raise CliError(f"cannot write {exc.filename}: {exc.strerror}", exit_code=1) from None
    print(
        f"Installed {installed.facility} at {installed.path}; the companion answers on port "
        f"{spec.port}."
    )
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    try:
        removed = uninstall_service(manager_for(settings.home))
    except (ServiceError, OSError) as exc:
        raise CliError(str(exc), exit_code=1) from None
    print(f"Removed {removed}." if removed else "No service was installed.")
    if args.purge:
        purge(settings.home)
    return 0


def purge(home: Path) -> None:
    """Delete the keyring entries this data directory names, then the directory itself."""
    try:
        forgotten = delete_keyring_entries(home, open_secret_store(home)) if home.exists() else []
    except SecretsUnavailableError as exc:
        raise CliError(f"{exc} (nothing was deleted)") from None
    try:
        deleted = purge_home(home)
    except OSError as exc:
        raise CliError(f"cannot delete {exc.filename}: {exc.strerror}", exit_code=1) from None
    if deleted:
        print(f"Deleted {home} (roster, pairings, setup) and {len(forgotten)} keyring entries.")
    else:
        print(f"Nothing to delete at {home}.")


def run_doctor(args: argparse.Namespace) -> int:
    manager = manager_for(settings_from(args).home)
    installed = read_installed(manager)
    port = args.port or (installed.port if installed else None) or DEFAULT_PORT
    settings = settings_from(args, port=port)
    probe = probe_health(settings.port, home=settings.home)
    # The installed service keeps its data somewhere else than this doctor looks (run without
    # the POSTGUARD_HOME it was installed with): its companion answers as "another program".
    elsewhere = (
        installed.home
        if installed and installed.home and installed.home != settings.home.expanduser().absolute()
        else None
    )
    checks = doctor.run_checks(
        [
            ("secrets", lambda: doctor_checks.secrets_check(settings.home)),
            ("data directory", lambda: doctor_checks.data_dir_check(settings.home)),
            ("server", lambda: doctor_checks.server_check(probe, settings.port, elsewhere)),
            ("service", lambda: doctor_checks.service_check(manager, probe, installed)),
            ("roster", lambda: doctor_checks.roster_check(settings, probe)),
            ("roster bundles", lambda: doctor_checks.bundle_check(settings.home)),
            ("pairing", lambda: doctor_checks.pairing_check(settings)),
            ("photos", lambda: doctor_checks.photos_check(settings.home)),
        ]
    )
    if args.json:
        print_json(doctor.render_json(checks))
    else:
        print(doctor.render_text(checks))
    return 0 if doctor.healthy(checks) else 1
