"""The environment of a teacher's own machine, for tests of what ONNX Runtime does there.

ONNX Runtime (1.29 and later) reports usage only when it believes it is not on a build server:
it stays quiet when ``CI`` or one of the CI services' own variables is set. A test that runs
under CI with those variables inherited would see a quiet runtime whether or not Postguard turns
it off, and prove nothing (that is how the telemetry mutation survived on the project's CI while
it was caught on a workstation). The names are those the onnxruntime 1.32 wheel carries beside
ORT_DISABLE_TELEMETRY (read with ``strings`` from its pybind11 module)."""

from __future__ import annotations

import os
from collections.abc import Mapping

CI_MARKERS = (
    "CI",
    "TF_BUILD",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "CIRCLECI",
    "TRAVIS",
    "JENKINS_URL",
    "CODEBUILD_BUILD_ID",
    "BUILDKITE",
    "TEAMCITY_VERSION",
    "APPVEYOR",
    "BITBUCKET_BUILD_NUMBER",
)


def staff_machine_env(**overrides: str) -> dict[str, str]:
    """This process's environment as a teacher's machine would have it: no CI markers, no
    ONNX Runtime settings and no XDG folders (so HOME alone decides where a cache goes)."""
    inherited: Mapping[str, str] = os.environ
    env = {
        name: value
        for name, value in inherited.items()
        if name not in CI_MARKERS and not name.startswith(("ORT_", "XDG_"))
    }
    return env | overrides
