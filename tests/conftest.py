"""Shared fixtures: tiny projects in tmp_path, and the example catalog built once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import make_project

from catalog.build import BuildOptions, BuildResult, build

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own example catalog, built into a temporary folder."""
    out = tmp_path_factory.mktemp("example") / "example.pdf"
    return build(REPO, BuildOptions(out=out))
