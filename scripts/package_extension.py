#!/usr/bin/env python3
"""Build the extension's packages for IT: a Chrome/Edge zip and a Firefox xpi, from extension/.

    python scripts/package_extension.py --key chrome-key.pem --out dist
    python scripts/package_extension.py --new-key chrome-key.pem --out dist   # first time

The Chrome/Edge extension ID is derived from a public key. With ``--key`` the packaged manifest
carries that key, so the ID is the same on every machine, unpacked or self-hosted, and IT can
name it in policy (ExtensionInstallForcelist) before anything is installed; the printed ID is
the one to use. Keep the private key (it also signs a self-hosted CRX) with the school's other
secrets. Firefox uses the fixed ``browser_specific_settings.gecko.id`` from the manifest.
Tests (extension/test) never ship.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "extension"
LEFT_OUT = ("test/", "README.md")
# A fixed timestamp: the same tree gives byte-identical packages.
EPOCH = (2026, 1, 1, 0, 0, 0)


def chrome_id(public_der: bytes) -> str:
    """Chrome's extension ID: the SHA-256 of the public key, first 32 hex digits as a–p."""
    digest = hashlib.sha256(public_der).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def load_or_make_key(path: Path, create: bool) -> bytes:
    if create and not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.touch(mode=0o600)
        path.write_bytes(pem)
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    return private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def shipped_files() -> list[Path]:
    files = []
    for path in sorted(SOURCE.rglob("*")):
        relative = path.relative_to(SOURCE).as_posix()
        if path.is_file() and not relative.startswith(LEFT_OUT) and relative != "manifest.json":
            files.append(path)
    return files


def write_package(out: Path, manifest: dict) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("manifest.json", EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for path in shipped_files():
            info = zipfile.ZipInfo(path.relative_to(SOURCE).as_posix(), EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    keys = parser.add_mutually_exclusive_group()
    keys.add_argument("--key", type=Path, help="the Chrome/Edge signing key (PEM) to pin the ID")
    keys.add_argument("--new-key", type=Path, help="create this key file if missing, then use it")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder")
    args = parser.parse_args()
    manifest = json.loads((SOURCE / "manifest.json").read_text("utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    version = manifest["version"]

    chrome = dict(manifest)
    key_path = args.key or args.new_key
    ident = None
    if key_path:
        try:
            public = load_or_make_key(key_path, create=bool(args.new_key))
        except (OSError, ValueError, TypeError) as exc:
            print(f"package_extension: cannot use the key {key_path}: {exc}", file=sys.stderr)
            return 2
        chrome["key"] = base64.b64encode(public).decode("ascii")
        ident = chrome_id(public)
    chrome_zip = args.out / f"postguard-{version}-chrome.zip"
    write_package(chrome_zip, chrome)

    firefox = {k: v for k, v in manifest.items() if k != "key"}
    firefox_xpi = args.out / f"postguard-{version}-firefox.xpi"
    write_package(firefox_xpi, firefox)

    print(f"Chrome/Edge: {chrome_zip}")
    print(
        f"  extension ID: {ident}" if ident else "  extension ID: not fixed (give --key to pin it)"
    )
    print(f"Firefox: {firefox_xpi}")
    print(f"  extension ID: {manifest['browser_specific_settings']['gecko']['id']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
