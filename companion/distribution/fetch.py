"""Get a bundle's bytes from where IT put it: a directory or file path (a share), or HTTPS."""

from __future__ import annotations

import os
import ssl
import stat
import time
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
        # O_NONBLOCK: a FIFO (or a device) placed on the share must not hang the pull, and with
        # it the server's shutdown; only a regular file is read.
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DistributionError(f"no bundle at {target}") from None
    except OSError as exc:
        raise DistributionError(f"cannot read the bundle at {target}: {exc.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DistributionError(f"{target} is not a regular file; put the bundle file there")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_BUNDLE_BYTES + 1)
    except OSError as exc:
        raise DistributionError(f"cannot read the bundle at {target}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return _within_limit(data, str(target))


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another https:// address: never down to plain http."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith("https://"):
            raise DistributionError(
                f"{req.full_url} redirects to {newurl}, which is not https; refused"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch_https(url: str, ca_file: str | None, timeout: float) -> bytes:
    try:
        context = ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise DistributionError(f"cannot use the CA file {ca_file}: {exc}") from None
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), _HttpsOnlyRedirects()
    )
    request = urllib.request.Request(url, headers={"User-Agent": "postguard-companion"})  # noqa: S310
    deadline = time.monotonic() + timeout  # for the whole download, not each read
    try:
        with opener.open(request, timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                chunks.append(chunk)
                if size > MAX_BUNDLE_BYTES:
                    break
                if time.monotonic() > deadline:
                    raise DistributionError(f"{url} took longer than {timeout:.0f} s to send")
            data = b"".join(chunks)
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
