"""The red-team suites use the real server fixtures."""

from tests.server.conftest import client, paired, settings  # noqa: F401 (pytest fixtures)
