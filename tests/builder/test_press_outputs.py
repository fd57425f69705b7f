"""Builds for different presses never overwrite each other: a press other than the catalog's own writes
build/<slug>-<press>.pdf, as a layout other than its own writes build/<slug>-<layout>.pdf."""

from __future__ import annotations

from pathlib import Path

from catalog.builder import BuildOptions, build
from catalog.builder.run import default_output
from tests.support.projects import artist_data, make_project


def test_default_output_names_the_layout_and_the_press_when_not_the_catalogs_own(tmp_path: Path) -> None:
    def name(layout: str, press: str) -> str:
        return default_output(tmp_path, "show", layout, "classic", press, "offset").name

    assert name("classic", "offset") == "show.pdf"
    assert name("classic", "lulu") == "show-lulu.pdf"
    assert name("zine", "offset") == "show-zine.pdf"
    assert name("zine", "digital") == "show-zine-digital.pdf"
    assert default_output(tmp_path, "show", "classic", "classic").parent == tmp_path / "build"


def test_builds_for_two_presses_write_two_files(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=2)},
                           catalog={"press": "offset"})
    own = build(project, BuildOptions(cache=False, jobs=1))
    other = build(project, BuildOptions(press="screen", cache=False, jobs=1))
    assert own.pdf == project / "build" / "test-catalog.pdf"
    assert other.pdf == project / "build" / "test-catalog-screen.pdf"
    assert other.report == project / "build" / "test-catalog-screen.preflight.json"
    assert own.pdf.is_file() and other.pdf.is_file() and own.pdf.read_bytes() != other.pdf.read_bytes()
    # A catalog that names no press builds for digital: that is its own press, so no suffix.
    plain = make_project(tmp_path / "q", {"anna-test": artist_data("Anna Test", works=1)})
    assert build(plain, BuildOptions(press="digital", cache=False, jobs=1)).pdf.name == "test-catalog.pdf"
