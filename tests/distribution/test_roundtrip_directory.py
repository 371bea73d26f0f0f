"""DPO → staff through a real directory (a file share), with the real CLI and keyring."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.distribution.bundle import SIGNATURE_BYTES
from tests.distribution.conftest import Machine, free_port, make_roster, setup_args

STAFF_NAMES = {"Tobias Quennell", "Ffion Arkwright", "Marguerite Quennell"}


def set_up_staff(staff: Machine, source: Path | str, keys: Path, *extra: str):
    return staff.run(*setup_args(source, keys, *extra))


def staff_with_first_bundle(
    dpo: Machine, keys: Path, share: Path, machine: Callable[[str], Machine]
) -> tuple[Machine, str]:
    """A fresh staff machine set up against the share once ``dpo`` has published a bundle,
    and what setup printed."""
    dpo.bundle(share / "roster.pgbundle")
    staff = machine("staff")
    code, out, err = set_up_staff(staff, share, keys)
    assert code == 0, err
    return staff, out


@pytest.fixture
def staff(dpo: Machine, keys: Path, share: Path, machine) -> Machine:
    """A staff machine set up against the share, holding the DPO's first bundle."""
    staff, out = staff_with_first_bundle(dpo, keys, share, machine)
    assert "Installed roster bundle" in out
    return staff


def test_dpo_bundle_reaches_staff_through_a_share(staff: Machine, share: Path) -> None:
    assert staff.names() == STAFF_NAMES
    on_share = (share / "roster.pgbundle").read_bytes()
    assert b"Quennell" not in on_share
    assert b"Tobias" not in on_share


def test_setup_keeps_no_secret_in_the_data_directory(staff: Machine, keys: Path) -> None:
    school_key_line = (keys / "school.key").read_text().splitlines()[-1].encode()
    for path in staff.home.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert school_key_line not in content, path
            assert b"Quennell" not in content, path


def test_same_bundle_again_is_a_no_op(staff: Machine) -> None:
    before = staff.store().current_version()
    code, text = staff.fetch()
    assert code == 0
    assert text.startswith("Already up to date")
    assert staff.store().current_version() == before


def test_next_terms_bundle_replaces_the_roster(dpo: Machine, staff: Machine, share: Path) -> None:
    dpo.store().save(make_roster(("Oisín", "Pemberton-Lowe")), "dpo")
    version = dpo.bundle(share / "roster.pgbundle")
    code, text = staff.fetch()
    assert code == 0
    assert f"Installed roster bundle {version}" in text
    assert "Oisín Pemberton-Lowe" in staff.names()
    assert "Tobias Quennell" not in staff.names()


def test_bundle_versions_only_grow(dpo: Machine, share: Path) -> None:
    first = dpo.bundle(share / "a.pgbundle")
    second = dpo.bundle(share / "b.pgbundle")
    assert second > first


def test_local_rollback_is_undone_by_the_next_pull(
    dpo: Machine, staff: Machine, share: Path
) -> None:
    dpo.store().save(make_roster(("Oisín", "Pemberton-Lowe")), "dpo")
    dpo.bundle(share / "roster.pgbundle")
    assert staff.fetch()[0] == 0
    staff.store().rollback("test")
    assert "Oisín Pemberton-Lowe" not in staff.names()
    code, text = staff.fetch()
    assert code == 0, text
    assert "Oisín Pemberton-Lowe" in staff.names()


def _refused(staff: Machine, expected: str) -> str:
    before = staff.store().current_version()
    code, message = staff.fetch()
    assert code != 0
    assert expected in message
    assert "the roster in force is unchanged" in message
    assert "\n" not in message
    assert staff.store().current_version() == before
    assert staff.names() == STAFF_NAMES
    return message


def test_older_bundle_is_refused(dpo: Machine, staff: Machine, share: Path) -> None:
    old = share / "old.pgbundle"
    shutil.copy(share / "roster.pgbundle", old)
    dpo.store().save(make_roster(("Oisín", "Pemberton-Lowe")), "dpo")
    dpo.bundle(share / "roster.pgbundle")
    assert staff.fetch()[0] == 0
    new_names = staff.names()
    shutil.copy(old, share / "roster.pgbundle")
    code, message = staff.fetch()
    assert code != 0
    assert "refusing a rollback" in message
    assert staff.names() == new_names


def test_tampered_bundle_is_refused(staff: Machine, share: Path) -> None:
    path = share / "roster.pgbundle"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    _refused(staff, "altered")


def test_unsigned_bundle_is_refused(staff: Machine, share: Path) -> None:
    path = share / "roster.pgbundle"
    path.write_bytes(path.read_bytes()[:-SIGNATURE_BYTES])
    _refused(staff, "not signed")


def test_truncated_bundle_is_refused(staff: Machine, share: Path) -> None:
    path = share / "roster.pgbundle"
    path.write_bytes(path.read_bytes()[: -SIGNATURE_BYTES - 100])
    _refused(staff, "truncated")


def test_bundle_from_another_signer_is_refused(
    staff: Machine, share: Path, machine, tmp_path: Path
) -> None:
    rogue = machine("rogue")
    rogue.store().save(make_roster(("Imposter", "Person")), "rogue")
    rogue.run_json(
        "bundle-keys",
        "init",
        "--school",
        "Glazebury",
        "--out-dir",
        str(tmp_path / "rogue-keys"),
        "--json",
    )
    rogue.bundle(share / "roster.pgbundle")
    _refused(staff, "not by the pinned signing key")


def test_missing_bundle_is_a_clear_error(staff: Machine, share: Path) -> None:
    (share / "roster.pgbundle").unlink()
    _refused(staff, "no bundle at")


def test_doctor_reports_the_last_pull(staff: Machine, share: Path) -> None:
    def bundle_check() -> dict:
        staff.monkeypatch.setenv("POSTGUARD_HOME", str(staff.home))
        code, out, _ = staff.run("doctor", "--json", "--port", str(free_port()))
        assert code == 1  # no server is running in this test
        checks = {c["name"]: c for c in json.loads(out)["checks"]}
        return checks["roster bundles"]

    good = bundle_check()
    assert good["status"] == "ok"
    assert str(share) in good["detail"]
    (share / "roster.pgbundle").write_bytes(b"garbage")
    staff.fetch()
    bad = bundle_check()
    assert bad["status"] == "fail"
    assert "not a Postguard roster bundle" in bad["detail"]
    assert bad["fix"] == "postguard roster fetch"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"--school-key-file": "missing.key"}, "does not exist"),
        ({"--signing-key-file": "school.key"}, "is not a PEM public key"),
        ({"--school-key-file": "signing.pub"}, "is not a Postguard school key file"),
        ({"--bundle-source": "http://example.invalid/roster.pgbundle"}, "https://"),
    ],
)
def test_bad_setup_arguments_change_nothing(
    keys: Path, share: Path, machine, change: dict[str, str], expected: str
) -> None:
    staff = machine("staff")
    args = {
        "--bundle-source": str(share),
        "--school-key-file": "school.key",
        "--signing-key-file": "signing.pub",
        **change,
    }
    argv = ["setup"]
    for flag, value in args.items():
        is_file = flag != "--bundle-source"
        argv += [flag, str(keys / value) if is_file else value]
    code, _, err = staff.run(*argv)
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert not (staff.home / "distribution.json").exists()


def test_bad_interval_changes_nothing(keys: Path, share: Path, machine) -> None:
    staff = machine("staff")
    code, _, err = set_up_staff(staff, share, keys, "--interval-hours", "0")
    assert code == 2
    assert "--interval-hours must be between" in err
    assert not (staff.home / "distribution.json").exists()


def test_fetch_without_setup_names_the_setup_command(machine) -> None:
    staff = machine("staff")
    code, message = staff.fetch()
    assert code != 0
    assert "postguard setup --bundle-source" in message


def test_uninstall_purge_removes_roster_keys_and_setup(dpo: Machine, staff: Machine) -> None:
    """Purging the staff directory removes its roster key and setup; the school key stays while
    the DPO's directory (the same user's keyring here) still uses it, and goes with the last
    directory that does."""
    from companion.distribution.config import load_setup, school_key_secret_name
    from companion.distribution.key_users import users_entry
    from companion.roster.store import stored_key_name
    from companion.secrets import KeyringSecretStore

    key_id = load_setup(staff.home).key_id
    key_name = school_key_secret_name(key_id)
    roster_key = stored_key_name(staff.home / "roster")
    assert KeyringSecretStore().get(key_name)
    assert roster_key and KeyringSecretStore().get(roster_key)
    code, out, err = staff.run("uninstall-service", "--purge")
    assert code == 0, err
    assert "keyring entries" in out
    assert not staff.home.exists()
    assert KeyringSecretStore().get(roster_key) is None
    assert KeyringSecretStore().get(key_name)  # the DPO's directory uses it
    code, _, err = dpo.run("uninstall-service", "--purge")
    assert code == 0, err
    assert KeyringSecretStore().get(key_name) is None
    assert KeyringSecretStore().get(users_entry(key_id)) is None


def test_the_dpos_expiry_travels_with_the_bundle(dpo: Machine, staff: Machine, share: Path) -> None:
    from datetime import date

    dpo.store().save(make_roster(("Oisín", "Pemberton-Lowe"), expires=date(2020, 1, 1)), "dpo")
    dpo.bundle(share / "roster.pgbundle")
    assert staff.fetch()[0] == 0
    roster = staff.store().load()
    assert roster.expires == date(2020, 1, 1)
    assert roster.is_stale()
