"""``postguard serve``: run the companion on loopback until stopped."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import math
import signal
import sys

from companion.cli.common import settings_from
from companion.cli.errors import CliError, as_cli_error
from companion.settings import DEFAULT_PORT, Settings

LOOPBACK = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1"}


def register(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="run the companion (loopback only)")
    serve.add_argument("--host", default="127.0.0.1", help="127.0.0.1 (loopback only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument(
        "--demo", action="store_true", help="built-in invented roster, ephemeral key, no keyring"
    )
    serve.add_argument(
        "--rate",
        type=float,
        default=None,
        help="sustained requests per second allowed per paired extension (default 20)",
    )
    serve.add_argument("--quiet", action="store_true", help="no access log")
    serve.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    host = LOOPBACK.get(args.host)
    if host is None:
        raise CliError(f"--host {args.host} refused: the companion listens on 127.0.0.1 only")
    if not 0 < args.port < 65536:
        raise CliError(f"--port {args.port} is not a valid port (1-65535)")
    if args.rate is not None and not (math.isfinite(args.rate) and args.rate > 0):
        raise CliError("--rate must be a positive number of requests per second")
    burst = max(60, int(args.rate * 3)) if args.rate else None
    settings = settings_from(
        args, host=host, port=args.port, demo=args.demo, rate_per_second=args.rate, rate_burst=burst
    )
    if not settings.demo:
        _require_secure_secrets(settings)
    try:
        settings.ensure_home()
    except OSError as exc:
        raise CliError(
            f"cannot create the data directory {settings.home}: {exc.strerror}"
        ) from None
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr
    )
    if args.quiet:
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(settings))
    return 0


def _require_secure_secrets(settings: Settings) -> None:
    from companion.secrets import SecretsUnavailableError, open_secret_store

    with as_cli_error(SecretsUnavailableError):
        open_secret_store(settings.home)


async def _serve(settings: Settings) -> None:
    # Here, not at the top: every command's module is imported to build the parser, and the
    # server's (aiohttp, the engine) would add a third of a second to every other command.
    from aiohttp import web

    from companion.server import create_app
    from companion.server.access_log import PrivacyAccessLogger
    from companion.server.open_files import raise_open_file_limit
    from companion.server.state import ACTIVITY, ENGINE
    from companion.server.warming import warm_between_requests

    raise_open_file_limit()  # a flood of idle local connections must not starve the extension
    app = create_app(settings)
    runner = web.AppRunner(
        app,
        access_log_class=PrivacyAccessLogger,
        handle_signals=False,
        keepalive_timeout=settings.idle_timeout_seconds,
    )
    await runner.setup()
    # asyncio's default SO_REUSEADDR (POSIX only) lets a restart bind during TIME_WAIT; it still
    # refuses a port another socket is listening on.
    site = web.TCPSite(runner, settings.host, settings.port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        if exc.errno == errno.EADDRINUSE:
            raise CliError(
                f"port {settings.port} on {settings.host} is already in use (another companion, "
                f"or another program); stop it or choose --port, then run 'postguard doctor'"
            ) from None
        raise CliError(
            f"cannot listen on {settings.host}:{settings.port}: {exc.strerror}"
        ) from None
    # The photo detectors load their models, and the word frequencies and common first names
    # are worked out (~0.1-0.3 s the first checks would otherwise pay), now: the models in the
    # background, the words between the first requests.
    asyncio.get_running_loop().run_in_executor(None, app[ENGINE].warm_photos)
    warm_up = warm_between_requests(app[ENGINE].warm_text_steps(), app[ACTIVITY])
    warming = asyncio.create_task(warm_up)
    summary = app[ENGINE].snapshot.summary()
    roster = "demo roster" if settings.demo else "roster"
    print(
        f"Postguard companion listening on http://{settings.host}:{settings.port} "
        f"({roster}: {summary['people']} people). Ctrl+C stops it.",
        file=sys.stderr,
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        warming.cancel()
        await runner.cleanup()
