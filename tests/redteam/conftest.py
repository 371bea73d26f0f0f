"""The red-team suites use the real server and distribution fixtures."""

from tests.distribution.conftest import dpo, keys, machine, share  # noqa: F401 (pytest fixtures)
from tests.distribution.test_roundtrip_directory import staff  # noqa: F401 (pytest fixture)
from tests.server.conftest import client, paired, settings  # noqa: F401 (pytest fixtures)
