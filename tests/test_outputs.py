"""Outputs as a set: the refusals made before any work, the commit of staged files under a lock, the
journal that finishes a commit a kill interrupted, and the removal of a killed build's leftovers."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from catalog import outputs
from catalog.errors import OutputRefused
from catalog.outputs import Guard, Output, Staging


def _guard(tmp_path: Path) -> Guard:
    project = tmp_path / "project"
    (project / "content" / "artists").mkdir(parents=True)
    (project / "catalog.yaml").write_text("title: T\n", encoding="utf-8")
    return Guard.of(project, [project / "catalog.yaml"])


def _refusal(path: Path, guard: Guard, kind: str = "pdf") -> str:
    with pytest.raises(OutputRefused) as caught:
        outputs.check([Output(path, "the PDF", kind)], guard)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0].format()


def test_an_input_or_a_source_folder_is_refused(tmp_path: Path) -> None:
    guard = _guard(tmp_path)
    assert "would replace this file, which the catalog is built from" in _refusal(
        guard.project / "catalog.yaml", guard, "json")
    assert "would be written into content/" in _refusal(guard.project / "content" / "new.pdf", guard)
    link = tmp_path / "link.pdf"
    link.symlink_to(guard.project / "catalog.yaml")
    assert "which the catalog is built from" in _refusal(link, guard)  # through a link too


def test_devices_pipes_and_folders_are_refused(tmp_path: Path) -> None:
    guard = _guard(tmp_path)
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert "is a named pipe (FIFO), not a file" in _refusal(fifo, guard)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert "is a folder" in _refusal(folder, guard)
    assert "is a character device" in _refusal(Path("/dev/null"), guard)


def test_somebody_elses_file_and_a_name_without_pdf_are_refused(tmp_path: Path) -> None:
    guard = _guard(tmp_path)
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes", encoding="utf-8")
    assert "exists and is not a PDF" in _refusal(notes, guard)
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert "does not end in .pdf" in _refusal(tmp_path / "catalog", guard)
    old = tmp_path / "old.pdf"
    old.write_bytes(b"%PDF-1.6 an earlier build")
    outputs.check([Output(old, "the PDF"), Output(tmp_path / "empty.pdf", "the PDF")], guard)  # both replaceable


def test_a_name_longer_than_file_systems_allow_is_refused(tmp_path: Path) -> None:
    guard = _guard(tmp_path)
    message = _refusal(tmp_path / ("x" * 250 + ".manifest.json"), guard, "json")
    assert "264 bytes long, and file systems allow 255" in message


def _stage(staging: Staging, folder: Path, names: dict[str, str]) -> None:
    for name, text in names.items():
        staging.temp(folder / name).write_text(text, encoding="utf-8")


def _manifest(outputs_listed: list[str]) -> str:
    return json.dumps({"outputs": [{"file": name} for name in outputs_listed]})


def test_a_commit_puts_the_set_in_place_and_removes_what_the_last_set_had_more(tmp_path: Path) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    (folder / "c-saddle.pdf").write_text("old sheets", encoding="utf-8")
    (folder / "c.manifest.json").write_text(_manifest(["c.pdf", "c-saddle.pdf"]), encoding="utf-8")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    staging = Staging()
    _stage(staging, folder, {"c.pdf": "new pdf", "c.manifest.json": _manifest(["c.pdf"])})
    staging.commit(folder / "c.manifest.json")
    assert sorted(p.name for p in folder.iterdir()) == ["c.manifest.json", "c.pdf", "notes.txt"]
    assert (folder / "c.pdf").read_text(encoding="utf-8") == "new pdf"


def test_a_manifest_cannot_make_a_commit_delete_files_elsewhere(tmp_path: Path) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    keep = tmp_path / "keep.txt"
    keep.write_text("keep", encoding="utf-8")
    (folder / "c.manifest.json").write_text(_manifest(["../keep.txt", str(keep), ".hidden"]), encoding="utf-8")
    staging = Staging()
    _stage(staging, folder, {"c.pdf": "pdf", "c.manifest.json": "{}"})
    staging.commit(folder / "c.manifest.json")
    assert keep.read_text(encoding="utf-8") == "keep"


def test_a_commit_killed_half_way_is_finished_by_the_next_and_never_shows_a_wrong_manifest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    for name, text in {"c.pdf": "old pdf", "c.preflight.json": "old report",
                       "c.manifest.json": _manifest(["c.pdf", "c.preflight.json"])}.items():
        (folder / name).write_text(text, encoding="utf-8")
    staging = Staging()
    _stage(staging, folder, {"c.pdf": "new pdf", "c.preflight.json": "new report",
                             "c.manifest.json": _manifest(["c.pdf", "c.preflight.json"])})
    real = os.replace
    calls = []

    def killed(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == 3:  # the journal, then the PDF: the kill lands before the report
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(outputs.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        staging.commit(folder / "c.manifest.json")
    monkeypatch.setattr(outputs.os, "replace", real)
    assert (folder / "c.pdf").read_text(encoding="utf-8") == "new pdf"
    assert not (folder / "c.manifest.json").exists()  # rather none than one describing the old PDF
    assert (folder / ".c.commit.json").exists()
    outputs.replay(folder / ".c.commit.json")  # what the next build to this place does first
    assert (folder / "c.preflight.json").read_text(encoding="utf-8") == "new report"
    assert json.loads((folder / "c.manifest.json").read_text(encoding="utf-8"))["outputs"][0]["file"] == "c.pdf"
    assert sorted(p.name for p in folder.iterdir()) == ["c.manifest.json", "c.pdf", "c.preflight.json"]


def test_temporary_files_are_private_to_no_one(tmp_path: Path) -> None:
    staging = Staging()
    path = staging.temp(tmp_path / "c.pdf")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    staging.discard()
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_dead_builds_go_and_those_of_running_ones_stay(tmp_path: Path) -> None:
    dead = tmp_path / ".catalog-999999999-abcd.tmp"      # no such process
    running = tmp_path / f".catalog-{os.getppid()}-abcd.tmp"  # the test runner's parent is alive
    fresh = tmp_path / ".catalog-999999998-abcd.tmp"      # dead, but written a moment ago
    old_style = tmp_path / ".c.pdf.999999997.drawn.tmp"   # left by builds before the output sets
    mine = tmp_path / "notes.tmp"
    for path in (dead, running, fresh, old_style, mine):
        path.write_bytes(b"x")
    old = time.time() - 120
    for path in (dead, running, old_style, mine):
        os.utime(path, (old, old))
    assert outputs.remove_leftovers(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (running, fresh, mine))
    day_old = time.time() - 2 * 86400
    os.utime(running, (day_old, day_old))
    assert outputs.remove_leftovers(tmp_path) == 1  # a day old: abandoned whoever wrote it
