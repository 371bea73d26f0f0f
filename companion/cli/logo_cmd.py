"""``postguard school set logo FILE`` / ``--clear``: the school's crest, kept with the profile."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from companion.cli.common import print_json
from companion.cli.errors import CliError
from companion.school import SchoolProfileError, SchoolStore

FIELD = "logo"


def run_set_logo(store: SchoolStore, values: list[str], *, clear: bool, as_json: bool) -> None:
    if clear:
        if values:
            raise CliError("give the crest's image file or --clear, not both")
        existed = store.clear_crest()
        _report({"registered": False, "cleared": existed}, as_json)
        return
    if len(values) != 1:
        raise CliError("give one image file: postguard school set logo FILE (PNG, JPEG or WebP)")
    template = _register(Path(values[0]))
    try:
        store.set_crest(template)
    except OSError as exc:
        raise CliError(f"the logo cannot be saved in {store.home} ({exc})") from None
    summary = {"registered": True, **template.summary(), "bytes": store.crest_path.stat().st_size}
    _report(summary, as_json)


def _register(path: Path) -> Any:
    try:
        from companion.photos.crest import SMALL_SOURCE_WIDTH, CrestRejected, register_crest
        from companion.photos.decode import MAX_BYTES
    except ImportError as exc:  # opencv-python-headless missing or broken on this machine
        raise CliError(f"the crest detector cannot load here ({exc})") from None
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CliError(f"{path} is larger than {MAX_BYTES // 2**20} MB; give the crest alone")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except OSError as exc:
        raise CliError(f"{path} cannot be read ({exc.strerror or exc})") from None
    try:
        template = register_crest(data)
    except CrestRejected as exc:
        raise CliError(f"{path} cannot be the logo: {exc}") from None
    if template.source_width < SMALL_SOURCE_WIDTH:
        print(
            f"warning: {path} is only {template.source_width} px wide; crests are found more "
            f"often from an image {SMALL_SOURCE_WIDTH} px wide or more",
            file=sys.stderr,
        )
    return template


def describe(store: SchoolStore) -> dict[str, Any]:
    """What ``school show`` says about the crest: whether one is registered, its size, when."""
    try:
        template = store.crest()
    except SchoolProfileError as exc:
        return {"registered": False, "error": str(exc)}
    if template is None:
        return {"registered": False}
    return {"registered": True, **template.summary(), "bytes": store.crest_path.stat().st_size}


def line(logo: dict[str, Any]) -> str:
    if logo.get("error"):
        return f"unusable ({logo['error']})"
    if not logo.get("registered"):
        return "(none) - register the crest with 'postguard school set logo FILE'"
    return (
        f"crest registered {logo['registered_at']}, {logo['width']} x {logo['height']} px "
        f"({logo['bytes'] // 1024} KB template)"
    )


def _report(logo: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json({FIELD: logo})
        return
    if logo.get("registered"):
        print(f"logo: {line(logo)}; photos showing it will be flagged")
    elif logo.get("cleared"):
        print("logo: cleared; photos are no longer checked for the crest")
    else:
        print("logo: none was registered")
