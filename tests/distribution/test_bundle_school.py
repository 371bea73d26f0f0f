"""A bundle carries the school profile the DPO set (names, handles…) and the school's crest: a
staff machine takes both as its own, a cleared crest is cleared there too, a bundle from an older
DPO leaves the profile alone, and a bad school section refuses the whole bundle with nothing
written. Real keyring, real crypto, a real crest template."""

from __future__ import annotations

import json
import stat
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.cli.bundle_cmds import bundle_command, fetch_command
from companion.distribution import publisher, roster_payload
from companion.distribution.bundle import SIGNATURE_BYTES
from companion.distribution.config import load_school_record, load_state
from companion.distribution.roster_payload import (
    INDEX_MARK,
    MAX_SCHOOL_BYTES,
    SCHOOL_MARK,
    CarriedSchool,
)
from companion.engine.snapshot_store import compiled_index
from companion.roster.codec import decode_roster, encode_roster
from companion.roster.model import Roster
from companion.roster.store import RosterStore, RosterStoreError
from companion.school import SchoolSource
from companion.school.store import CREST_FILE, OVERRIDES_FILE, SchoolStore, shipped_profile
from companion.secrets import SecretStore
from companion.service.doctor_checks import bundle_check
from tests.distribution.conftest import Machine, make_roster
from tests.distribution.test_roundtrip_directory import set_up_staff, staff_with_first_bundle
from tests.photos.crest_scenes import crest, crest_png

NEWS = "GlazeburyNews"  # a handle the shipped profile does not have
NAMES = ["Glazebury", "Hollins Green"]
NEXT_TERM = make_roster(("Oisín", "Pemberton-Lowe"), ("Ffion", "Arkwright"))


@pytest.fixture(scope="module")
def crest_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crest") / "crest.png"
    path.write_bytes(crest_png(crest()))
    return path


def school_files(machine: Machine) -> tuple[bytes | None, bytes | None]:
    """The profile's changes and the crest as they are on disk (None: no such file)."""
    found = []
    for name in (OVERRIDES_FILE, CREST_FILE):
        path = machine.home / name
        found.append(path.read_bytes() if path.exists() else None)
    return found[0], found[1]


def school_set(machine: Machine, *args: str) -> None:
    code, _, err = machine.run("school", "set", *args)
    assert code == 0, err


@pytest.fixture
def school_dpo(dpo: Machine, crest_image: Path) -> Machine:
    """The DPO has added a handle and a name, and registered the crest."""
    school_set(dpo, "handles.x", "GlazeburyCE", NEWS)
    school_set(dpo, "names", *NAMES)
    school_set(dpo, "logo", str(crest_image))
    return dpo


@pytest.fixture
def staff(school_dpo: Machine, keys: Path, share: Path, machine) -> Machine:
    """A fresh staff machine set up against the share, holding the DPO's first bundle."""
    staff, out = staff_with_first_bundle(school_dpo, keys, share, machine)
    assert "School profile from bundle" in out and "(with the crest)" in out
    return staff


def test_the_dpos_profile_and_crest_reach_a_fresh_staff_machine(
    school_dpo: Machine, keys: Path, share: Path, machine
) -> None:
    school_dpo.bundle(share / "roster.pgbundle")
    staff = machine("staff")
    source = SchoolSource(staff.home)  # a running server's view, made before the pull
    assert source.crest() is None
    assert not source.is_school_account("x", f"@{NEWS}")
    code, out, err = set_up_staff(staff, share, keys)
    assert code == 0, err
    assert "School profile from bundle" in out and "(with the crest)" in out

    overrides, crest_bytes = school_files(staff)
    assert overrides is not None and crest_bytes is not None
    assert json.loads(overrides) == json.loads((school_dpo.home / OVERRIDES_FILE).read_bytes())
    assert crest_bytes == (school_dpo.home / CREST_FILE).read_bytes()
    for name in (OVERRIDES_FILE, CREST_FILE):
        assert stat.S_IMODE((staff.home / name).stat().st_mode) == 0o600
    profile = SchoolStore(staff.home).load()
    assert profile.owns("x", NEWS) and list(profile.names) == NAMES
    shown = staff.run_json("school", "show", "--json")
    assert shown["logo"]["registered"] is True and shown["names"] == NAMES

    template = source.crest()  # the running server picks both up without a restart
    assert template is not None and len(template.points) > 100
    assert source.is_school_account("x", f"@{NEWS}")
    assert staff.names() == {"Tobias Quennell", "Ffion Arkwright", "Marguerite Quennell"}


def test_a_later_bundle_with_the_crest_cleared_and_the_profile_reset_undoes_both(
    school_dpo: Machine, staff: Machine, share: Path
) -> None:
    school_set(school_dpo, "logo", "--clear")
    code, _, err = school_dpo.run("school", "reset")
    assert code == 0, err
    version = school_dpo.bundle(share / "roster.pgbundle")
    code, text = staff.call(fetch_command, json=True)
    assert code == 0, text
    result = json.loads(text)
    assert result == {"changed": True, "version": version, "school_profile": True, "crest": False}
    overrides, crest_bytes = school_files(staff)
    assert crest_bytes is None
    assert overrides is not None and json.loads(overrides) == {}
    assert SchoolStore(staff.home).load() == shipped_profile()
    assert staff.run_json("school", "show", "--json")["logo"]["registered"] is False
    # IT's doctor says where the school profile in force came from.
    said = bundle_check(staff.home).detail
    assert f"school profile from bundle {version} (no crest registered)" in said


def test_a_change_of_handle_alone_travels_and_the_crest_stays(
    school_dpo: Machine, staff: Machine, share: Path
) -> None:
    school_set(school_dpo, "handles.facebook", "GlazeburyPTA")
    version = school_dpo.bundle(share / "roster.pgbundle")
    code, text = staff.fetch()
    assert code == 0, text
    assert f"School profile from bundle {version} (with the crest)" in text
    assert (
        f"school profile from bundle {version} (with the crest)" in bundle_check(staff.home).detail
    )
    profile = SchoolStore(staff.home).load()
    assert profile.owns("facebook", "GlazeburyPTA") and profile.owns("x", NEWS)
    assert school_files(staff)[1] == (school_dpo.home / CREST_FILE).read_bytes()


def _older_dpo(with_index: bool) -> Callable[[Path, SecretStore, Roster], bytes]:
    """``_payload`` as a DPO's Postguard from before the school section built it."""

    def payload(home: Path, store: SecretStore, roster: Roster) -> bytes:
        index = RosterStore(home / "roster", store).load_index(roster.version)
        assert (index is not None) == with_index
        return roster_payload.encode(roster, index)

    return payload


@pytest.mark.parametrize("with_index", [False, True], ids=["roster only", "roster and index"])
def test_an_older_dpos_bundle_installs_and_leaves_the_profile_alone(
    staff: Machine,
    school_dpo: Machine,
    share: Path,
    crest_image: Path,
    monkeypatch: pytest.MonkeyPatch,
    with_index: bool,
) -> None:
    code, _, err = staff.run("school", "set", "handles.x", "StaffOwnHandle")
    assert code == 0, err  # made, but IT is told the next bundle carrying a profile replaces it
    assert "the next bundle replaces this change" in err
    before = school_files(staff)
    school_dpo.store().save(NEXT_TERM, "dpo", index=compiled_index if with_index else None)
    monkeypatch.setattr(publisher, "_payload", _older_dpo(with_index))
    version = school_dpo.bundle(share / "roster.pgbundle")
    code, text = staff.fetch()
    assert code == 0, text
    assert text.strip() == f"Installed roster bundle {version} ({len(NEXT_TERM.people)} people)."
    assert "Oisín Pemberton-Lowe" in staff.names()
    assert load_state(staff.home).installed_version == version
    indexes = list(staff.store().versions_dir.glob(f"v-{staff.store().current_version()}.pgi"))
    assert len(indexes) == int(with_index)  # the carried index was taken
    assert school_files(staff) == before
    assert SchoolStore(staff.home).load().owns("x", "StaffOwnHandle")
    # doctor still names the earlier bundle the profile came from, not this one
    assert 0 < load_school_record(staff.home).bundle < version


# -- bad school sections ----------------------------------------------------------------------


def _section(stream: bytes, length: int | None = None) -> bytes:
    return stream + struct.pack(">Q", len(stream) if length is None else length) + SCHOOL_MARK


def _raw(header: object, crest_bytes: bytes = b"") -> bytes:
    text = header if isinstance(header, bytes) else json.dumps(header).encode()
    return struct.pack(">I", len(text)) + text + crest_bytes


def _packed(header: object, crest_bytes: bytes = b"") -> bytes:
    return _section(zlib.compress(_raw(header, crest_bytes)))


def _crest(dpo: Machine) -> bytes:
    return (dpo.home / CREST_FILE).read_bytes()


# Each makes a school section this Postguard cannot use (from the DPO, for its real crest
# bytes), and the words that say why.
HOSTILE: dict[str, tuple[Callable[[Machine], bytes], str]] = {
    "bad handle": (
        lambda dpo: _packed({"profile": {"handles.x": ["not a handle!"]}, "crest": False}),
        "is not a handle",
    ),
    "no names": (
        lambda dpo: _packed({"profile": {"names": []}, "crest": False}),
        "names needs at least one",
    ),
    "name not text": (
        lambda dpo: _packed({"profile": {"name": {"x": 1}}, "crest": False}),
        "name must be a non-empty text",
    ),
    "profile not an object": (
        lambda dpo: _packed({"profile": ["Glazebury"], "crest": False}),
        "school profile is corrupt",
    ),
    "crest flag not a bool": (
        lambda dpo: _packed({"profile": {}, "crest": 1}, _crest(dpo)),
        "school profile is corrupt",
    ),
    "crest said but missing": (
        lambda dpo: _packed({"profile": {}, "crest": True}),
        "school profile is corrupt",
    ),
    "crest bytes unannounced": (
        lambda dpo: _packed({"profile": {}, "crest": False}, _crest(dpo)),
        "school profile is corrupt",
    ),
    "header not json": (
        lambda dpo: _packed(b"{profile: nope"),
        "school profile is corrupt",
    ),
    "header nested deep": (
        lambda dpo: _packed(b"[" * 100_000 + b"]" * 100_000),
        "school profile is corrupt",
    ),
    "header length impossible": (
        lambda dpo: _section(zlib.compress(struct.pack(">I", 0xFFFFFFFF) + b"{}")),
        "school profile is corrupt",
    ),
    "empty": (lambda dpo: _section(zlib.compress(b"")), "school profile is corrupt"),
    "too large (a zlib bomb)": (
        lambda dpo: _section(
            zlib.compress(_raw({"profile": {}, "crest": False}) + bytes(MAX_SCHOOL_BYTES), 9)
        ),
        "school profile is cut short or too large",
    ),
    "not zlib": (lambda dpo: _section(b"\x00" * 64), "school profile cannot be read"),
    "length beyond the payload": (
        lambda dpo: _section(zlib.compress(b"x"), length=1 << 40),
        "school profile is cut short",
    ),
}


@pytest.mark.parametrize("with_index", [False, True], ids=["last", "before the index"])
@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_bad_school_section_is_not_used_and_the_roster_still_is(
    staff: Machine,
    school_dpo: Machine,
    share: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    with_index: bool,
) -> None:
    make, expected = HOSTILE[case]
    section = make(school_dpo)
    school_dpo.store().save(NEXT_TERM, "dpo")  # a pull that got through would change the names

    def hostile(home: Path, store: SecretStore, roster: Roster) -> bytes:
        payload = encode_roster(roster) + section
        if with_index:
            index = zlib.compress(b"no index this machine can use: it builds its own")
            payload += index + struct.pack(">Q", len(index)) + INDEX_MARK
        return payload

    monkeypatch.setattr(publisher, "_payload", hostile)
    _assert_profile_kept(staff, school_dpo.bundle(share / "roster.pgbundle"), expected)


def _assert_profile_kept(staff: Machine, version: int, expected: str) -> None:
    """The new roster is in force (it is what keeps pupils safe); the school profile and crest
    here are as they were, and doctor and the fetch say why."""
    files, before = school_files(staff), load_school_record(staff.home)
    assert files[0] is not None and files[1] is not None
    code, message = staff.fetch()
    assert code == 0, message
    assert f"bundle {version}'s school profile was not used" in message
    assert expected in message, message
    assert "Oisín Pemberton-Lowe" in staff.names()
    assert load_state(staff.home).installed_version == version
    assert school_files(staff) == files
    after = load_school_record(staff.home)
    assert (after.bundle, after.crest) == (before.bundle, before.crest) and expected in after.note
    checked = bundle_check(staff.home)
    assert checked.status == "warn" and expected in checked.detail


@pytest.mark.parametrize(
    "crest",
    [lambda real: real[:-40], lambda real: b"\x89PNG\r\n\x1a\n" + b"x" * 500],
    ids=["cut short", "not a template"],
)
def test_a_crest_this_postguard_cannot_read_leaves_the_crest_here_and_the_rest_is_used(
    staff: Machine,
    school_dpo: Machine,
    share: Path,
    monkeypatch: pytest.MonkeyPatch,
    crest: Callable[[bytes], bytes],
) -> None:
    """A newer DPO's crest format, say: the profile's other changes still reach staff."""
    section = _packed(
        {"profile": {"handles.facebook": ["GlazeburyPTA"]}, "crest": True},
        crest(_crest(school_dpo)),
    )
    monkeypatch.setattr(
        publisher, "_payload", lambda home, store, roster: encode_roster(roster) + section
    )
    crest_before = school_files(staff)[1]
    version = school_dpo.bundle(share / "roster.pgbundle")
    code, message = staff.fetch()
    assert code == 0, message
    assert "its crest cannot be read" in message and "the crest here is unchanged" in message
    assert SchoolStore(staff.home).load().owns("facebook", "GlazeburyPTA")
    assert school_files(staff)[1] == crest_before is not None
    record = load_school_record(staff.home)
    assert (record.bundle, record.crest) == (version, True)
    assert bundle_check(staff.home).status == "warn"


def test_a_newer_dpos_unknown_fields_are_left_out_and_the_rest_is_used(
    staff: Machine, school_dpo: Machine, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    section = _packed(
        {"profile": {"handles.x": ["GlazeburyNews2"], "handles.instagram": ["gz"]}, "crest": False}
    )
    monkeypatch.setattr(
        publisher, "_payload", lambda home, store, roster: encode_roster(roster) + section
    )
    version = school_dpo.bundle(share / "roster.pgbundle")
    code, message = staff.fetch()
    assert code == 0, message
    assert "fields this Postguard does not know were left out (handles.instagram)" in message
    profile = SchoolStore(staff.home).load()
    assert profile.owns("x", "GlazeburyNews2") and not profile.owns("x", NEWS)
    assert json.loads(school_files(staff)[0] or b"") == {"handles.x": ["GlazeburyNews2"]}
    assert load_school_record(staff.home).bundle == version


def test_a_tampered_bundle_with_a_school_section_changes_nothing(
    staff: Machine, school_dpo: Machine, share: Path
) -> None:
    school_set(school_dpo, "logo", "--clear")
    school_dpo.store().save(NEXT_TERM, "dpo")
    path = share / "roster.pgbundle"
    school_dpo.bundle(path)
    data = bytearray(path.read_bytes())
    data[-SIGNATURE_BYTES - 30] ^= 0x01  # inside the ciphertext, near the school section
    path.write_bytes(bytes(data))
    _assert_refused(staff, "altered")


def _assert_refused(staff: Machine, expected: str) -> None:
    version, names = staff.store().current_version(), staff.names()
    files, state = school_files(staff), load_state(staff.home)
    assert files[0] is not None and files[1] is not None
    code, message = staff.fetch()
    assert code != 0
    assert expected in message, message
    assert "the roster in force is unchanged" in message and "\n" not in message
    assert staff.store().current_version() == version and staff.names() == names
    assert school_files(staff) == files
    after = load_state(staff.home)
    assert after.installed_version == state.installed_version
    assert expected in after.last_error


def test_a_dpo_whose_profile_is_broken_builds_no_bundle(school_dpo: Machine, share: Path) -> None:
    (school_dpo.home / OVERRIDES_FILE).write_text('{"colour": "navy"}')
    code, message = school_dpo.call(
        bundle_command,
        out=str(share / "roster.pgbundle"),
        json=True,
    )
    assert code != 0
    assert "school profile cannot go into the bundle" in message and "unknown fields" in message
    assert not (share / "roster.pgbundle").exists()


# -- the payload itself -----------------------------------------------------------------------

ROSTER = make_roster(("Tobias", "Quennell"), ("Zoë", "Brennan-Hughes"))


def older_carried_index(payload: bytes) -> bytes | None:
    """``roster_payload.carried_index`` as Postguard had it before the school section."""
    if not payload.endswith(INDEX_MARK):
        return None
    end = len(payload) - len(INDEX_MARK) - 8
    (length,) = struct.unpack(">Q", payload[end : end + 8]) if end > 0 else (-1,)
    if not 0 < length < end:
        raise AssertionError("the bundle's name index is cut short")
    index = zlib.decompressobj()
    with memoryview(payload)[end - length : end] as packed:
        plaintext = index.decompress(packed, roster_payload.MAX_INDEX_BYTES)
    if not index.eof or index.unconsumed_tail or index.unused_data:
        raise AssertionError("the bundle's name index is cut short or too large")
    return plaintext


def test_an_older_postguard_still_reads_the_roster_and_index_of_a_new_payload(
    crest_image: Path,
) -> None:
    from companion.photos.crest import register_crest

    crest_bytes = register_crest(crest_image.read_bytes()).to_bytes()
    school = CarriedSchool({"handles.x": [NEWS], "name": "Glazebury CE"}, crest_bytes)
    index = bytes(compiled_index(ROSTER))
    payload = roster_payload.encode(ROSTER, index, school)
    assert decode_roster(payload) == ROSTER  # what every older companion does first
    assert older_carried_index(payload) == index
    assert roster_payload.carried_index(payload) == index
    assert roster_payload.carried_school(payload) == school

    without_index = roster_payload.encode(ROSTER, school=school)
    assert decode_roster(without_index) == ROSTER
    assert older_carried_index(without_index) is None
    assert roster_payload.carried_index(without_index) is None
    assert roster_payload.carried_school(without_index) == school

    empty = CarriedSchool()
    assert roster_payload.carried_school(roster_payload.encode(ROSTER, index, empty)) == empty


def test_older_payloads_carry_no_school() -> None:
    index = bytes(compiled_index(ROSTER))
    for payload in (roster_payload.encode(ROSTER), roster_payload.encode(ROSTER, index)):
        assert roster_payload.carried_school(payload) is None
    assert roster_payload.carried_index(roster_payload.encode(ROSTER, index)) == index


def test_a_dpo_who_never_set_a_profile_leaves_each_staff_machines_own(
    dpo: Machine, keys: Path, share: Path, machine, crest_image: Path
) -> None:
    """IT may have set the school's handles on each staff machine before bundles carried a
    profile: a DPO upgrading Postguard must not put them all back to the shipped one."""
    staff = machine("staff")
    school_set(staff, "handles.x", "StaffSetHandle")
    school_set(staff, "logo", str(crest_image))
    before = school_files(staff)
    dpo.bundle(share / "roster.pgbundle")
    code, out, err = set_up_staff(staff, share, keys)
    assert code == 0, err
    assert "School profile" not in out
    assert school_files(staff) == before
    assert SchoolStore(staff.home).load().owns("x", "StaffSetHandle")
    assert load_school_record(staff.home).bundle == 0
    assert "no bundle has carried a school profile yet" in bundle_check(staff.home).detail
    # Once the DPO registers a crest, the profile is the DPO's, and later clears travel too.
    school_set(dpo, "logo", str(crest_image))
    dpo.bundle(share / "roster.pgbundle")
    code, text = staff.fetch()
    assert code == 0, text
    assert not SchoolStore(staff.home).load().owns("x", "StaffSetHandle")
    school_set(dpo, "logo", "--clear")
    dpo.bundle(share / "roster.pgbundle")
    assert staff.fetch()[0] == 0
    assert school_files(staff)[1] is None


def test_a_roster_that_cannot_be_saved_leaves_the_school_profile_as_it_was(
    staff: Machine, school_dpo: Machine, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    school_set(school_dpo, "handles.x", "AnotherHandle")
    school_set(school_dpo, "logo", "--clear")
    version = school_dpo.bundle(share / "roster.pgbundle")
    files, record = school_files(staff), load_school_record(staff.home)

    def busy(*args: object, **kwargs: object) -> str:
        raise RosterStoreError("another import is running")

    monkeypatch.setattr(RosterStore, "save", busy)
    code, message = staff.fetch()
    assert code != 0 and "the roster in force is unchanged" in message
    assert school_files(staff) == files and load_school_record(staff.home) == record
    assert load_state(staff.home).installed_version < version  # the next pull tries again
    monkeypatch.undo()
    code, message = staff.fetch()
    assert code == 0, message
    assert SchoolStore(staff.home).load().owns("x", "AnotherHandle")
    assert school_files(staff)[1] is None


def test_a_pull_record_with_fields_this_postguard_does_not_know_keeps_the_rest(
    staff: Machine,
) -> None:
    """A newer Postguard's record, read after a downgrade: the installed version (which stops
    an older bundle) must not be forgotten."""
    state_file = staff.home / "bundle-state.json"
    raw = json.loads(state_file.read_text())
    installed = raw["installed_version"]
    assert installed > 0
    state_file.write_text(json.dumps({**raw, "added_later": [1, 2], "last_error": 5}))
    state = load_state(staff.home)
    assert state.installed_version == installed and state.last_error == ""


def test_a_damaged_record_of_where_the_profile_came_from_holds_nothing_back(
    staff: Machine, school_dpo: Machine, share: Path
) -> None:
    record = staff.home / "bundle-school.json"
    record.write_text("[not, json")
    checked = bundle_check(staff.home)
    assert checked.status == "warn" and "cannot read the school profile record" in checked.detail
    school_set(school_dpo, "handles.facebook", "GlazeburyPTA")
    version = school_dpo.bundle(share / "roster.pgbundle")
    code, message = staff.fetch()
    assert code == 0, message
    assert SchoolStore(staff.home).load().owns("facebook", "GlazeburyPTA")
    assert load_school_record(staff.home).bundle == version
    assert bundle_check(staff.home).status == "ok"
