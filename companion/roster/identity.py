"""Opaque, stable keys for people, so versions can be diffed without keeping MIS identifiers.

A pupil's key is an HMAC of their MIS id; contacts and staff have no id in most exports, so
theirs is an HMAC of their folded name (a contact of two siblings is one person). The HMAC key is
derived from the roster key, so keys mean nothing outside this machine's store.
"""

from __future__ import annotations

import hashlib
import hmac

from companion.roster.headers import fold

_LABEL = b"postguard roster person keys v1"
# Without a keyring key (e.g. a dry run on a machine with no store yet) keys are still opaque,
# just not secret; they never leave the encrypted roster either way.
_UNKEYED = hashlib.sha256(_LABEL).digest()


class PersonKeys:
    """Makes ``Person.key`` values; one instance per import."""

    def __init__(self, roster_key: bytes | None) -> None:
        key = hmac.new(roster_key, _LABEL, hashlib.sha256).digest() if roster_key else _UNKEYED
        # The key is set up once and copied for each person: a new HMAC each time costs a
        # third more (0.13 s of a 400,000-person import).
        mac = hmac.new(key, digestmod=hashlib.sha256)
        # OpenSSL's own HMAC object where Python keeps one (CPython does): copied in C, without
        # the Python wrapper around each copy (a tenth of a 400,000-person import's keys).
        self._mac = getattr(mac, "_hmac", mac)
        self._pupils: dict[str, str] = {}  # a pupil's id recurs on each of their contacts
        self._folded: dict[str, str] = {}  # names recur: each is folded once per import

    def _make(self, kind: str, value: str) -> str:
        made = self._mac.copy()
        made.update(f"{kind}\0{value}".encode())
        return f"{kind[0]}-{made.digest()[:10].hex()}"

    def pupil(self, mis_id: str) -> str:
        key = self._pupils.get(mis_id)
        if key is None:
            key = self._pupils[mis_id] = self._make("pupil", mis_id.strip().casefold())
        return key

    def contact(self, forename: str, surname: str) -> str:
        return self._make("contact", f"{self._fold(forename)}\0{self._fold(surname)}")

    def staff(self, forename: str, surname: str) -> str:
        return self._make("staff", f"{self._fold(forename)}\0{self._fold(surname)}")

    def _fold(self, name: str) -> str:
        folded = self._folded.get(name)
        if folded is None:
            folded = self._folded[name] = fold(name)
        return folded
