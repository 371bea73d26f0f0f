"""``postguard setup``: point a staff machine at the school's bundles and pin the signing key."""

from __future__ import annotations

from pathlib import Path

from companion.distribution.config import SetupConfig, save_setup, school_key_secret_name
from companion.distribution.errors import DistributionError
from companion.distribution.fetch import check_source
from companion.distribution.key_users import add_user
from companion.distribution.keys import (
    public_key_fingerprint,
    public_key_pem,
    read_public_key_file,
    read_school_key_file,
    school_key_id,
    school_key_text,
)
from companion.secrets import SecretStore


def configure(
    home: Path,
    store: SecretStore,
    *,
    source: str,
    school_key_file: Path,
    signing_key_file: Path,
    ca_file: Path | None = None,
    interval_hours: float = 6.0,
) -> SetupConfig:
    """Validate everything first, then store: a bad argument changes nothing."""
    stored_source = check_source(source)
    school_key = read_school_key_file(school_key_file)
    public = read_public_key_file(signing_key_file)
    if ca_file is not None and not ca_file.is_file():
        raise DistributionError(f"CA file {ca_file} does not exist")
    if not 0.05 <= interval_hours <= 24 * 7:
        raise DistributionError("--interval-hours must be between 0.05 and 168")
    config = SetupConfig(
        source=stored_source,
        signing_public_key=public_key_pem(public),
        signer=public_key_fingerprint(public),
        key_id=school_key_id(school_key),
        interval_hours=interval_hours,
        ca_file=str(ca_file.absolute()) if ca_file else None,
    )
    add_user(store, config.key_id, home)  # first: it tells a key stored before from a new one
    store.set(school_key_secret_name(config.key_id), school_key_text(school_key))
    save_setup(home, config)
    return config
