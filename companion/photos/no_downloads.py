"""RapidOCR's model downloader, replaced in the photo worker by one that never downloads.

RapidOCR fetches a model or a character list from the internet when the file is missing from its
wheel, or when the file there does not match its SHA-256. Postguard ships every model it uses, so
in the process that holds staff members' photos a missing or altered model is an installation to
repair, never a reason to go on the network. Before RapidOCR is imported, ``install()`` puts this
module in place of ``rapidocr.utils.download_file``: a file that is present and matches (or has no
checksum to match) is used as before; any other is refused with what to do.

RapidOCR's only other use of the network is to open an image given as a web address, which the
worker never does (it passes pixels): ``requests`` is replaced too, by a module that refuses
whatever is asked of it. Neither ``requests`` nor ``tqdm`` (imported only to download) is then
loaded in the worker: about 15 MB of its memory (bench/photos_bench.py, 30 November 2026).
Only the worker calls ``install()``: it is a process of its own that runs nothing else.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import types
from pathlib import Path
from typing import Any

REPLACES = "rapidocr.utils.download_file"


class DownloadFileException(OSError):  # the name RapidOCR's module gives its error
    pass


class DownloadFileInput:
    """The fields RapidOCR passes (rapidocr 3.x); any it adds later are taken and ignored."""

    def __init__(
        self,
        file_url: str,
        save_path: str | Path,
        logger: Any = None,
        sha256: str | None = None,
        verbose: bool = True,
        **_later: Any,
    ) -> None:
        self.file_url = file_url
        self.save_path = save_path
        self.logger = logger
        self.sha256 = sha256
        self.verbose = verbose


class DownloadFile:
    @classmethod
    def run(cls, input_params: DownloadFileInput) -> None:
        path = Path(input_params.save_path)
        if not path.is_file():
            raise DownloadFileException(
                f"the text reader's file {path.name} is missing: reinstall Postguard "
                "(nothing is downloaded)"
            )
        if input_params.sha256 is not None and not cls.check_file_sha256(path, input_params.sha256):
            raise DownloadFileException(
                f"the text reader's file {path.name} has been altered: reinstall Postguard "
                "(nothing is downloaded)"
            )

    @staticmethod
    def check_file_sha256(file_path: str | Path, gt_sha256: str) -> bool:
        digest = hashlib.sha256()
        with open(file_path, "rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest() == gt_sha256


def install() -> None:
    """Stand in for RapidOCR's downloader in this process; call before RapidOCR is imported (if
    it already is, its own downloader stays and this does nothing)."""
    if REPLACES not in sys.modules:
        _registry_read_as_empty()
    sys.modules.setdefault(REPLACES, sys.modules[__name__])
    sys.modules.setdefault("requests", _Refused("requests"))


# RapidOCR's list of every model it can download, each with its address and checksum (85 KB of
# YAML), which it reads into OmegaConf twice as it is imported: 0.65 s of every start of the
# worker, and 3 MB of its memory (2 December 2026). The worker stops after 5 minutes without a
# photo, so the first photo after a pause waited for it. Here every model is given by its path
# and nothing is downloaded, so the list is read as empty: a model asked for by name instead
# would be refused as unknown ("Unsupported configuration"), never fetched.
REGISTRY = "default_models.yaml"


def _registry_read_as_empty() -> None:
    import importlib.util

    from omegaconf import OmegaConf

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        return
    registry = (Path(next(iter(spec.submodule_search_locations))) / REGISTRY).resolve()
    read = OmegaConf.load

    @functools.wraps(read)
    def load(file_: Any) -> Any:
        if isinstance(file_, str | os.PathLike) and Path(file_).resolve() == registry:
            return OmegaConf.create({})
        return read(file_)

    OmegaConf.load = load  # type: ignore[method-assign]


class _Refused(types.ModuleType):
    """A module that may be imported but refuses every use: nothing in the worker may reach the
    network."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            # What looking modules over asks (``__file__``, ``__path__``...): absent, as for any
            # module without it, so tools that walk sys.modules are not broken by this one
            # (found when a test left it in pytest's process: Hypothesis walks them all).
            raise AttributeError(name)
        raise OSError(f"the photo worker does not use the network ({self.__name__}.{name})")
