"""Nothing lost: the previous PDF survives any failed or interrupted build, and two builds of the
same project into the same file at once leave one whole PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from helpers import make_project

from catalog import build as build_module
from catalog.build import BuildOptions, build

GOOD = b"%PDF-1.4 yesterday's good file"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_two_builds_into_the_same_file_at_once_leave_one_whole_pdf(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    out = tmp_path / "out" / "same.pdf"
    command = [sys.executable, "-m", "catalog", "build", str(project), "--out", str(out), "--quiet", "--jobs", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) > 0
    assert _leftovers(out.parent) == []
    sequential = build(project, BuildOptions(out=tmp_path / "seq.pdf"))
    assert out.read_bytes() == sequential.pdf.read_bytes()


@pytest.mark.parametrize("failure", [KeyboardInterrupt, MemoryError, OSError])
def test_an_interrupted_build_keeps_the_previous_pdf_and_cleans_up(tmp_path: Path, failure: type[BaseException],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    out = tmp_path / "out" / "keep.pdf"
    out.parent.mkdir()
    out.write_bytes(GOOD)
    real = build_module.pdfx.finalise

    def interrupted(source: Path, target: Path, *args: object) -> None:
        real(source, target, *args)  # the finished file exists under its temporary name...
        raise failure("stopped")      # ...and the build is stopped before it is moved into place

    monkeypatch.setattr(build_module.pdfx, "finalise", interrupted)
    with pytest.raises((failure, build_module.OutputError)):
        build(project, BuildOptions(out=out))
    assert out.read_bytes() == GOOD
    assert _leftovers(out.parent) == []
    assert not (out.parent / "keep.preflight.json").exists()


def test_a_pdf_that_does_not_reopen_never_replaces_the_good_one(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    out = tmp_path / "out" / "keep.pdf"
    out.parent.mkdir()
    out.write_bytes(GOOD)

    def cut_short(source: Path, target: Path, *args: object) -> None:
        target.write_bytes(source.read_bytes()[:5000])

    monkeypatch.setattr(build_module.pdfx, "finalise", cut_short)
    with pytest.raises(build_module.OutputError) as caught:
        build(project, BuildOptions(out=out))
    assert "incomplete" in str(caught.value)
    assert out.read_bytes() == GOOD
    assert _leftovers(out.parent) == []
