"""The fixture pages, served over TLS under the real hostnames.

x.com and facebook.com are HSTS-preloaded, so plain http would be upgraded and fail: the pages
are served with a throwaway self-signed certificate that the browser is told to trust by its
public key alone (``--ignore-certificate-errors-spki-list``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ssl
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

FIXTURES = Path(__file__).parent / "fixtures"
HOSTS = {
    "x.com": "x",
    "twitter.com": "x",
    "chat.x.com": "xchat",  # X Chat's own web app (fixtures/xchat/chat.html)
    "www.facebook.com": "facebook",
    "web.facebook.com": "facebook",
    "m.facebook.com": "facebook",  # a JavaScript app like www since mbasic closed (Dec 2024)
    "www.messenger.com": "messenger",
}
# path on the site -> fixture file in that site's folder
PAGES = {
    "xchat": {"/i/chat/1001-2002": "chat.html"},
    "x": {
        "/home": "home.html",
        "/messages": "messages.html",
        "/i/chat/1001-2002": "chat.html",
        "/compose/post": "narrow.html",
        "/i/redesigned": "unknown.html",
    },
    "facebook": {
        "/": "home.html",
        "/surfaces": "surfaces.html",
        "/rebecca.smith.75": "profile.html",
        "/quillon.ardenwhite": "profile.html",
        "/messages/t/100001": "messages.html",
        "/messages/e2ee/t/100002": "messages.html",
    },
    "messenger": {"/t/1": "thread.html"},
}


@dataclass(frozen=True)
class Certificate:
    cert_pem: Path
    key_pem: Path
    spki_sha256_b64: str


def make_certificate(folder: Path) -> Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "postguard fixtures")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in HOSTS]), False)
        .sign(key, hashes.SHA256())
    )
    cert_pem = folder / "fixtures-cert.pem"
    key_pem = folder / "fixtures-key.pem"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    spki = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return Certificate(cert_pem, key_pem, base64.b64encode(hashlib.sha256(spki).digest()).decode())


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        path = self.path.split("?")[0]
        if path == "/__fixture/record.js":
            file = FIXTURES / "common" / "record.js"
        else:
            site = HOSTS.get(host)
            page = PAGES.get(site or "", {}).get(path)
            file = FIXTURES / site / page if site and page else None
        if file is None or not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        self.send_response(200)
        kind = "text/javascript" if file.suffix == ".js" else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


class FixtureSites:
    """A TLS server on a free loopback port answering for every fixture hostname."""

    def __init__(self, folder: Path) -> None:
        self.certificate = make_certificate(folder)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.certificate.cert_pem, self.certificate.key_pem)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FixtureSites:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def browser_args(self) -> list[str]:
        rules = ", ".join(f"MAP {host} 127.0.0.1:{self.port}" for host in HOSTS)
        return [
            f"--host-resolver-rules={rules}",
            f"--ignore-certificate-errors-spki-list={self.certificate.spki_sha256_b64}",
        ]
