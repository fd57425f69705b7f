"""Shared fixtures: tiny projects in tmp_path, and the example catalog built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.builder import BuildOptions, BuildResult, build
from tests.support import REPO
from tests.support.projects import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own example catalog, built into a temporary folder."""
    out = tmp_path_factory.mktemp("example") / "example.pdf"
    return build(REPO, BuildOptions(out=out))
