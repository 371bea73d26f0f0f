"""Get a bundle's bytes from where IT put it: a directory or file path (a share), or HTTPS."""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from pathlib import Path

from companion.distribution.bundle import MAX_BUNDLE_BYTES
from companion.distribution.errors import DistributionError

BUNDLE_FILE_NAME = "roster.pgbundle"


def check_source(source: str) -> str:
    """The source as it will be stored; refuses plain HTTP and other schemes."""
    lowered = source.lower()
    if lowered.startswith("https://"):
        return source
    if "://" in source:
        raise DistributionError(
            f"bundle source {source} must be a directory path, a file path or an https:// URL"
        )
    return str(Path(source).expanduser().absolute())


def fetch_bundle(source: str, ca_file: str | None = None, timeout: float = 30.0) -> bytes:
    if source.lower().startswith("https://"):
        return _fetch_https(source, ca_file, timeout)
    return _read_path(Path(source))


def _read_path(path: Path) -> bytes:
    target = path / BUNDLE_FILE_NAME if path.is_dir() else path
    try:
        with target.open("rb") as handle:
            data = handle.read(MAX_BUNDLE_BYTES + 1)
    except FileNotFoundError:
        raise DistributionError(f"no bundle at {target}") from None
    except OSError as exc:
        raise DistributionError(f"cannot read the bundle at {target}: {exc.strerror}") from None
    return _within_limit(data, str(target))


def _fetch_https(url: str, ca_file: str | None, timeout: float) -> bytes:
    try:
        context = ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise DistributionError(f"cannot use the CA file {ca_file}: {exc}") from None
    request = urllib.request.Request(url, headers={"User-Agent": "postguard-companion"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
            data = response.read(MAX_BUNDLE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise DistributionError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ssl.SSLCertVerificationError):
            raise DistributionError(
                f"{url}: the server's certificate is not trusted ({reason.verify_message}); "
                "if the school uses its own CA, give it with 'postguard setup --ca-file'"
            ) from None
        raise DistributionError(f"cannot reach {url}: {reason}") from None
    except (TimeoutError, OSError) as exc:
        raise DistributionError(f"cannot reach {url}: {exc}") from None
    return _within_limit(data, url)


def _within_limit(data: bytes, where: str) -> bytes:
    if len(data) > MAX_BUNDLE_BYTES:
        raise DistributionError(f"the file at {where} is too large to be a roster bundle")
    return data
