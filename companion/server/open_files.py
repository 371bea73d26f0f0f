"""The companion's own limit on open files, raised as it starts serving.

Every connection holds a file descriptor until it is answered or, idle, closed after
``Settings.idle_timeout_seconds``. With the soft limit services start with (1,024 under systemd,
256 under launchd), any local program could open that many idle connections, and refill them as
they are closed, leaving no descriptor for the extension's checks, which then fall back to the
fail mode ("open" by default: posts go out unchecked). A process may raise its soft limit up to
its hard limit itself; the attacker's connections then cost them as many descriptors of their own.
"""

from __future__ import annotations

import contextlib
import sys

# Enough for any flood a desktop program can keep up, and far below the descriptor numbers
# anything select()-based would trip on elsewhere in the process (none is: asyncio uses epoll
# and kqueue).
WANTED = 65536
_MACOS_OPEN_MAX = 10240  # macOS refuses a soft limit above OPEN_MAX whatever the hard limit


def raise_open_file_limit() -> tuple[int, int] | None:
    """Raise the soft limit on open files towards WANTED (never above the hard limit); returns
    (before, after), or None where there is no such limit (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = WANTED if hard == resource.RLIM_INFINITY else min(WANTED, hard)
    if sys.platform == "darwin":
        wanted = min(wanted, _MACOS_OPEN_MAX)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return soft, soft
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return soft, resource.getrlimit(resource.RLIMIT_NOFILE)[0]
