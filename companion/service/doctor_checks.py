"""The individual doctor checks. Each returns a Check; none prints or exits."""

from __future__ import annotations

import os
import platform
import shlex
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from companion.distribution.config import (
    SchoolFromBundle,
    load_school_record,
    load_setup,
    load_state,
)
from companion.distribution.errors import DistributionError
from companion.service.doctor import Check, fail, ok, warn
from companion.service.installed import InstalledService
from companion.service.managers import ServiceManager
from companion.service.probe import HealthProbe, PortState
from companion.settings import Settings

SETUP_FIX = (
    "postguard setup --bundle-source PATH_OR_HTTPS_URL --school-key-file school.key "
    "--signing-key-file signing.pub"
)


def no_desktop_session() -> bool:
    """A Linux machine where no Secret Service can answer: no D-Bus session bus to reach it."""
    return platform.system() == "Linux" and not os.environ.get("DBUS_SESSION_BUS_ADDRESS")


def secrets_check(home: Path) -> Check:
    """Which secret store this data directory uses, and whether it works here."""
    from companion.secrets import KEYFILE, SecretsUnavailableError, open_secret_store, read_choice
    from companion.secrets.store import INSECURE_ENV, insecure_reason, load_backend

    keyfile_fix = "postguard secrets use-keyfile (no desktop session; see docs/secrets.md)"
    try:
        choice = read_choice(home)
        if choice.kind == KEYFILE:
            store = open_secret_store(home)
            store.get("doctor-probe")
            return ok("secrets", f"{store.describe()} (chosen for this data directory)")
    except SecretsUnavailableError as exc:
        return fail("secrets", str(exc).split("; ")[0], str(exc).split("; ", 1)[-1])
    desk_fix = (
        "install and unlock the OS keychain (Linux: apt install gnome-keyring and log in to the "
        "desktop), or unset PYTHON_KEYRING_BACKEND"
    )
    fix = keyfile_fix if no_desktop_session() else f"{desk_fix}; or {keyfile_fix}"
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        fix = f"unset PYTHON_KEYRING_BACKEND (it names this backend), or {keyfile_fix}"
    try:
        backend = load_backend()
    except SecretsUnavailableError as exc:
        return fail("secrets", str(exc).split(". ")[0], fix)
    reason = insecure_reason(backend)
    if reason and os.environ.get(INSECURE_ENV) == "1":
        return warn("secrets", f"{reason}; allowed only because {INSECURE_ENV}=1 (test rigs)", fix)
    if reason:
        return fail("secrets", reason, fix)
    try:
        store = open_secret_store(home, retries=0)
        store.get("doctor-probe")
    except SecretsUnavailableError as exc:
        return fail("secrets", str(exc).split(". ")[0], fix)
    return ok("secrets", f"OS keychain: {store.describe()}")


def _faces_fix(reason: str, no_runtime: str) -> str:
    if reason == no_runtime or "OpenCV" in reason:
        return "pip install onnxruntime opencv-python-headless into the companion's environment"
    if "cannot start" in reason:  # the model is the one shipped: the runtime refused it
        return "pip install --upgrade onnxruntime into the companion's environment (1.18 or later)"
    return "reinstall Postguard (its face detector's model ships inside it)"


def photos_check(home: Path) -> Check:
    """Which photo detectors work on this machine, and why any is missing (each says why)."""
    from companion.photos import load_face_detector, load_text_reader, models
    from companion.photos.ages import load_age_estimator
    from companion.photos.detectors import crest_detector_missing
    from companion.school.store import SchoolProfileError, SchoolStore

    found: list[str] = []
    missing: list[tuple[str, str]] = []
    detector, reason = load_face_detector()
    if detector is None:
        missing.append(
            (
                f"faces: {reason} (photos are reported to staff as not checked for faces)",
                _faces_fix(reason, models.NO_RUNTIME),
            )
        )
    else:
        found.append(f"faces: {detector.name}")
        detector.close()
        _, reason = load_age_estimator()
        if reason:
            fix = (
                "pip install onnxruntime into the companion's environment"
                if reason == models.NO_RUNTIME
                else "reinstall Postguard (its age network ships inside it)"
            )
            missing.append(
                (
                    f"children's faces: {reason} (faces are still found, but findings cannot say "
                    "that one looks like a child's)",
                    fix,
                )
            )
        else:
            found.append("children's faces: estimated by age (dlib's age network, on ONNX Runtime)")
    reader, reason = load_text_reader()
    if reader is None:
        missing.append(
            (
                f"words in photos: {reason} (staff are warned that a photo's words were not read)",
                "reinstall Postguard (its text models ship inside it)"
                if "reinstall Postguard" in reason
                else "pip install rapidocr onnxruntime into the companion's environment",
            )
        )
    else:
        found.append(f"words in photos: {reader.name}")
        reader.close()
    try:
        crest = SchoolStore(home).crest()
    except SchoolProfileError as exc:
        missing.append((f"school crest: {exc}", "postguard school set logo FILE"))
    else:
        cannot = crest_detector_missing()
        if crest is None:
            found.append("school crest: none registered ('postguard school set logo FILE')")
        elif cannot:
            missing.append(
                (
                    f"school crest: registered {crest.registered_at[:10]}, but {cannot}: every "
                    "photo is a warning that the crest could not be looked for",
                    "pip install opencv-python-headless into the companion's environment",
                )
            )
        else:
            found.append(f"school crest: registered {crest.registered_at[:10]} (ORB, OpenCV)")
    if missing:
        detail = "; ".join([*found, *(m for m, _ in missing)])
        return warn("photos", detail, "; ".join(fix for _, fix in missing))
    return ok("photos", "; ".join(found))


def data_dir_check(home: Path) -> Check:
    windows = platform.system() == "Windows"
    # Fixes are pasted into a shell: the path quoted for it ("St Mary's" is a school's name).
    quoted = f'"{home}"' if windows else shlex.quote(str(home))
    if not home.exists():
        fix = f"mkdir {quoted}" if windows else f"mkdir -p -m 700 {quoted}"
        return fail("data directory", f"{home} does not exist yet", fix)
    if not home.is_dir():
        return fail("data directory", f"{home} is not a directory", f"move {quoted} aside")
    if not windows:
        st = home.stat()
        if st.st_uid != os.getuid():
            return fail(
                "data directory", f"{home} belongs to another user", f"chown -R $USER {quoted}"
            )
        if st.st_mode & 0o077:
            return fail(
                "data directory",
                f"{home} is readable by other users (mode {st.st_mode & 0o777:o})",
                f"chmod 700 {quoted}",
            )
    if not os.access(home, os.W_OK | os.X_OK):
        fix = f"icacls {quoted} /grant %USERNAME%:F" if windows else f"chmod u+rwx {quoted}"
        return fail("data directory", f"{home} is not writable", fix)
    return ok("data directory", f"{home} (private)")


def server_check(probe: HealthProbe, port: int, service_home: Path | None = None) -> Check:
    """``service_home``: the installed service's data directory, when it is not the one this
    doctor was run for."""
    if probe.state is PortState.OURS:
        version = (probe.health or {}).get("version", "?")
        return ok("server", f"companion {version} answering on 127.0.0.1:{port}")
    if service_home is not None:
        # Likely the service itself, proving a data directory other than this one: moving the
        # port would move the one per-user service onto an empty directory.
        command = (
            f'set "POSTGUARD_HOME={service_home}" & postguard doctor'
            if platform.system() == "Windows"
            else f"POSTGUARD_HOME={shlex.quote(str(service_home))} postguard doctor"
        )
        return fail(
            "server",
            f"the installed service runs with the data directory {service_home}, not the one "
            "this doctor looked at",
            f"run doctor for the service's data directory: {command}",
        )
    if probe.state is PortState.FOREIGN:
        return fail(
            "server",
            f"port {port} is taken by another program ({probe.detail})",
            f"postguard install-service --port {port + 1} (and set the same port in the "
            "extension policy)",
        )
    return fail(
        "server",
        f"the companion is not running on 127.0.0.1:{port}",
        "postguard install-service",
    )


def restart_command(manager: ServiceManager) -> str:
    facility = manager.facility
    if facility.startswith("systemd"):
        return "systemctl --user restart postguard.service"
    if facility == "LaunchAgent":
        return "launchctl kickstart -k gui/$(id -u)/org.postguard.companion"
    return 'schtasks /Run /TN "\\Postguard\\Companion"'


def service_check(
    manager: ServiceManager, probe: HealthProbe, installed: InstalledService | None = None
) -> Check:
    status = manager.status()
    program = Path(installed.program) if installed and installed.program else None
    if status.installed and program is not None and not program.exists():
        return fail(
            "service",
            f"the {status.facility} starts {program}, which no longer exists (its Python "
            "environment was moved, rebuilt or upgraded), so it cannot start",
            "postguard install-service (run from the Postguard installed now: it writes that "
            "Python into the definition)",
        )
    if not status.available:
        detail = f"{status.detail}; the companion will not start by itself at login"
        if probe.state is PortState.OURS:
            return warn("service", detail, "start 'postguard serve' from the session's autostart")
        return fail("service", detail, "start 'postguard serve' from the session's autostart")
    if not status.installed:
        return fail("service", f"no {status.facility} installed", "postguard install-service")
    if not status.active:
        return fail(
            "service",
            f"the {status.facility} is installed but not running ({status.detail or 'stopped'})",
            restart_command(manager),
        )
    return ok("service", f"{status.facility} running")


def _stored_roster(settings: Settings) -> tuple[bool, bool, bool] | None:
    """(loaded, stale, needs re-import) from the roster store, or None if it cannot say."""
    try:
        from companion.roster.store import open_roster_store

        store = open_roster_store(settings)
        if store.current_version() is None:
            return (False, False, False)
        roster = store.load()
    except Exception:
        return None
    loaded = roster is not None and bool(roster.people)
    return (loaded, bool(roster and roster.is_stale()), bool(roster and roster.needs_reimport))


def roster_fix(settings: Settings) -> str:
    if load_setup(settings.home) is not None:
        return "postguard roster fetch"
    return f"postguard roster import FILE... (DPO) or {SETUP_FIX} (staff)"


def roster_check(settings: Settings, probe: HealthProbe) -> Check:
    if probe.state is PortState.OURS:
        info = (probe.health or {}).get("roster", {})
        loaded, stale = bool(info.get("loaded")), bool(info.get("stale"))
        reimport = "imported again" in str((probe.health or {}).get("reason", ""))
        people = info.get("people", 0)
    else:
        stored = _stored_roster(settings)
        if stored is None:
            return warn(
                "roster", "cannot tell without the server running", "postguard install-service"
            )
        loaded, stale, reimport = stored
        people = "?"
    if not loaded:
        return fail("roster", "no roster is loaded: names cannot be checked", roster_fix(settings))
    if stale:
        return fail(
            "roster",
            "the roster is past the expiry the DPO set (stale)",
            "the DPO imports the new term's export and publishes a bundle; then "
            + ("postguard roster fetch" if load_setup(settings.home) else "nothing else"),
        )
    if reimport:
        return fail(
            "roster",
            "the roster was imported before the leaving-date fix: 'Leaving Date' columns were "
            "read as the day a child may legally leave education, so some ex-pupils who are "
            "still children may be judged adults",
            "the DPO imports the same export again: postguard roster import FILE...",
        )
    return ok("roster", f"loaded ({people} people), not stale")


def pairing_check(settings: Settings) -> Check:
    from companion.private_files import StateFileError
    from companion.server.pairs import PairRegistry

    try:
        pairs = PairRegistry(settings.pairs_file).list()
    except StateFileError:
        return fail(
            "pairing",
            f"the list of paired extensions ({settings.pairs_file}) is damaged, so no extension's "
            "checks are answered",
            f"delete {settings.pairs_file}, then postguard pair and type the code into each "
            "extension's options page again",
        )
    if not pairs:
        return fail(
            "pairing",
            "no browser extension is paired",
            "postguard pair, then type the code into the extension's options page",
        )
    return ok("pairing", f"{len(pairs)} extension(s) paired")


def _school_source(school: SchoolFromBundle) -> str:
    """Where the school profile in force came from: IT asks when a school handle is wrong."""
    if not school.bundle:
        where = (
            "no bundle has carried a school profile yet (the DPO has not set one, or built "
            "the bundles before November 2026): the school's names, handles and crest are this "
            "machine's own ('postguard school show')"
        )
    else:
        crest = "with the crest" if school.crest else "no crest registered"
        where = f"school profile from bundle {school.bundle} ({crest})"
    return f"{where}; {school.note}" if school.note else where


def bundle_check(home: Path, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Check:
    try:
        config = load_setup(home)
    except DistributionError as exc:  # it says which file, and to run setup again
        return fail(
            "roster bundles",
            str(exc),
            "postguard setup --bundle-source PATH_OR_URL --school-key-file FILE "
            "--signing-key-file FILE, as when this machine was first set up",
        )
    if config is None:
        return ok("roster bundles", "no bundle source set up (roster managed on this machine)")
    state = load_state(home)
    where = f"source {config.source}"
    if not state.last_success:
        if state.last_error:
            return fail("roster bundles", f"{where}: {state.last_error}", "postguard roster fetch")
        return fail("roster bundles", f"{where}: never pulled yet", "postguard roster fetch")
    last = datetime.fromisoformat(state.last_success)
    age = now() - last
    try:
        school = load_school_record(home)
    except DistributionError as exc:
        school = SchoolFromBundle(note=str(exc))
    summary = (
        f"{where}; last successful pull {state.last_success} (bundle {state.installed_version})"
        f"; {_school_source(school)}"
    )
    if state.last_error:  # a successful pull clears it, so it is the latest attempt's
        return fail(
            "roster bundles",
            f"{summary}; latest pull failed: {state.last_error}",
            "postguard roster fetch",
        )
    if age > timedelta(hours=2 * config.interval_hours + 1):
        return fail("roster bundles", f"{summary}: overdue", "postguard roster fetch")
    if school.note:
        return warn(
            "roster bundles",
            summary,
            "update Postguard here if the DPO's is newer; otherwise fix the profile on the DPO's "
            "machine ('postguard school show') and publish a bundle",
        )
    return ok("roster bundles", summary)
