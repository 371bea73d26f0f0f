"""Paired extensions and the one-time pairing window (README: Pairing the extension).

Tokens are 256 random bits; only their SHA-256 is stored (a token this long needs no slow
hash). Pairing codes are short, so the window that accepts one is short-lived, single-use and
closes after a few wrong tries; the window lives in a file so that ``postguard pair`` (a separate
process) can open it for the running server.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from companion.private_files import StateFileError, read_json, remove, write_json

# Crockford's base32 alphabet: no I, L, O or U to misread when typing a code from a terminal.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8


def _now() -> datetime:
    return datetime.now(UTC)


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


PAIR_EXTENSION = "postguard-pair-extension|"
PAIR_COMPANION = "postguard-pair-companion|"


def companion_pair_proof(key: bytes, nonce: str, token: str, pair_id: str) -> str:
    """The companion's answer to a proven pairing: it knew the code, and this token is its own."""
    message = f"{PAIR_COMPANION}{nonce}|{token}|{pair_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    label: str
    origin: str | None
    created_at: str
    token_sha256: str

    def public(self) -> dict[str, object]:
        """What ``pairs list`` shows: never the token hash."""
        return {
            "id": self.id,
            "label": self.label,
            "origin": self.origin,
            "created_at": self.created_at,
        }


class PairRegistry:
    """Pairs in a JSON file; re-read only when the file changes (``pairs revoke`` runs apart)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cached: tuple[tuple[int, int] | None, list[Pair]] = (None, [])

    def list(self) -> list[Pair]:
        try:
            st = self.path.stat()
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp is None:
            return []
        if self._cached[0] != stamp:
            try:
                entries = read_json(self.path, {"pairs": []})["pairs"]
                pairs = [Pair(**entry) for entry in entries]
            except (KeyError, TypeError) as exc:
                raise StateFileError(
                    f"{self.path} is unreadable ({exc.__class__.__name__}); remove it"
                ) from None
            self._cached = (stamp, pairs)
        return list(self._cached[1])

    def _write(self, pairs: list[Pair]) -> None:
        write_json(self.path, {"pairs": [asdict(p) for p in pairs]})

    def add(self, label: str, origin: str | None) -> tuple[Pair, str]:
        token = secrets.token_urlsafe(32)
        pair = Pair(
            id=secrets.token_hex(8),  # 64 bits: the identity probe names it, so no guessing
            label=label,
            origin=origin,
            created_at=_now().isoformat(timespec="seconds"),
            token_sha256=_sha256(token),
        )
        self._write([*self.list(), pair])
        return pair, token

    def revoke(self, pair_id: str) -> bool:
        pairs = self.list()
        kept = [p for p in pairs if p.id != pair_id]
        if len(kept) == len(pairs):
            return False
        self._write(kept)
        return True

    def authenticate(self, token: str, pairs: list[Pair] | None = None) -> Pair | None:
        """The pair a token belongs to. Every stored hash is compared in constant time."""
        presented = _sha256(token)
        match = None
        for pair in self.list() if pairs is None else pairs:
            if hmac.compare_digest(presented, pair.token_sha256):
                match = pair
        return match


class PairingClosed(Exception):
    """No window is open, it expired, or it closed after too many wrong codes."""


class WrongCode(Exception):
    def __init__(self, attempts_left: int) -> None:
        super().__init__(attempts_left)
        self.attempts_left = attempts_left


class PairingWindow:
    def __init__(self, path: Path, max_attempts: int = 5) -> None:
        self.path = path
        self.max_attempts = max_attempts

    def open(self, seconds: int) -> tuple[str, datetime]:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        expires = _now() + timedelta(seconds=seconds)
        write_json(
            self.path,
            {"code_sha256": _sha256(code), "expires_at": expires.isoformat(), "attempts": 0},
        )
        return f"{code[:4]}-{code[4:]}", expires

    def redeem(self, code: str) -> None:
        """Consume the window if ``code`` is right; count a wrong try otherwise."""
        self._redeem(lambda key: hmac.compare_digest(_sha256(normalise_code(code)), key.hex()))

    def redeem_proof(self, nonce: str, proof: str) -> bytes:
        """Consume the window if the client proved it knows the code without sending it.

        ``proof`` must be HMAC-SHA256(key=SHA-256(code), "postguard-pair-extension|" + nonce).
        Returns that key, with which the companion proves itself in its answer
        (``companion_pair_proof``): a program squatting the port never sees the code, so it can
        neither answer the proof nor, within a pairing's few seconds, guess a 40-bit code.
        """
        found: list[bytes] = []

        def right(key: bytes) -> bool:
            expected = hmac.new(key, PAIR_EXTENSION.encode() + nonce.encode(), hashlib.sha256)
            ok = hmac.compare_digest(expected.hexdigest(), proof.lower())
            if ok:
                found.append(key)
            return ok

        self._redeem(right)
        return found[0]

    def _redeem(self, right: Callable[[bytes], bool]) -> None:
        state = read_json(self.path, None)
        if not state:
            raise PairingClosed("no pairing window is open; run 'postguard pair'")
        if datetime.fromisoformat(state["expires_at"]) <= _now():
            remove(self.path)
            raise PairingClosed("the pairing code has expired; run 'postguard pair' again")
        if right(bytes.fromhex(state["code_sha256"])):
            remove(self.path)
            return
        state["attempts"] += 1
        if state["attempts"] >= self.max_attempts:
            remove(self.path)
            raise PairingClosed("too many wrong codes; run 'postguard pair' again")
        write_json(self.path, state)
        raise WrongCode(self.max_attempts - state["attempts"])

    def is_open(self) -> bool:
        state = read_json(self.path, None)
        return bool(state) and datetime.fromisoformat(state["expires_at"]) > _now()
