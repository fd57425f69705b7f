"""Fonts a build cannot use are one message naming the file, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from catalog.cli.app import app
from catalog.errors import FontError
from catalog.specs.layouts import FontFiles
from catalog.text.fonts import register
from tests.support import REPO
from tests.support.projects import add_layout, deadline, make_project

FONT = REPO / "fonts" / "PTSerif-Regular.ttf"


def _family(path: Path) -> dict[str, FontFiles]:
    return {"text": FontFiles(path, path, path, path)}


@pytest.mark.parametrize("keep", [12, 4000, 20_000])
def test_a_font_cut_short_is_one_error_naming_it(tmp_path: Path, keep: int) -> None:
    cut = tmp_path / "Cut.ttf"
    cut.write_bytes(FONT.read_bytes()[:keep])
    with pytest.raises(FontError) as caught:
        register(_family(cut))
    (problem,) = caught.value.problems
    assert problem.file == cut and "cannot use font Cut.ttf" in problem.message


def test_a_font_that_is_a_pipe_does_not_hang_the_build(tmp_path: Path) -> None:
    pipe = tmp_path / "Pipe.ttf"
    os.mkfifo(pipe)
    with deadline(10), pytest.raises(FontError) as caught:
        register(_family(pipe))
    assert "not a regular file" in caught.value.problems[0].message


def test_the_command_line_says_so_in_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    fonts = project / "fonts"
    fonts.mkdir()
    (fonts / "Cut.ttf").write_bytes(FONT.read_bytes()[:20_000])
    add_layout(project, "mine", "base: classic\nfonts:\n  text:\n    regular: Cut.ttf\n"
               "    italic: Cut.ttf\n    bold: Cut.ttf\n    bold_italic: Cut.ttf\n")
    result = CliRunner().invoke(app, ["build", str(project), "--layout", "mine"])
    assert result.exit_code == 2, result.output
    assert "Cut.ttf: cannot use font Cut.ttf: the file is damaged or cut short" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
