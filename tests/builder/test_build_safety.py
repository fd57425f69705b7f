"""Nothing lost: the previous PDF survives any failed or interrupted build, and two builds of the
same project into the same file at once leave one whole PDF."""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from catalog.builder import BuildOptions, BuildResult, build
from catalog.builder import run as build_module
from tests.support import REPO
from tests.support.projects import artist_data, make_project

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


# --- outputs never destroy inputs, devices or pipes (issue 19, items 1 and 2) ----------------------

def _tree(root: Path) -> dict[str, bytes]:
    """Every file under the project with its bytes (devices and pipes by kind)."""
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or path.is_dir():
            continue
        found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() else b"(special)"
    return found


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "catalog", *args], capture_output=True, text=True, timeout=timeout)


def _special(tmp_path: Path) -> tuple[Path, str]:
    """A real device node where the test may make one (root), else a named pipe."""
    if os.geteuid() == 0:
        node = tmp_path / "null.pdf"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the kernel's /dev/null
            return node, "is a character device"
        except OSError:
            pass
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    return fifo, "is a named pipe"


@pytest.mark.parametrize("target", ["catalog.yaml", "photo", "font", "special", "fifo", "folder", "source-folder"])
def test_out_pointed_at_an_input_or_a_device_exits_2_and_changes_nothing(tmp_path: Path, target: str) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    font = project / "fonts" / "Body.ttf"
    font.parent.mkdir()
    shutil.copy(REPO / "fonts" / "PTSerif-Regular.ttf", font)
    (project / "build").mkdir()
    expected_word = "which the catalog is built from"
    if target == "catalog.yaml":
        out = project / "catalog.yaml"
    elif target == "photo":
        out = project / "content/artists/anna-test/images/work-1.jpg"
    elif target == "font":
        out = font
        expected_word = "fonts/"
    elif target == "special":
        out, expected_word = _special(project / "build")
    elif target == "fifo":
        out = project / "build" / "pipe.pdf"
        os.mkfifo(out)
        expected_word = "is a named pipe"
    elif target == "folder":
        out = project / "build"
        expected_word = "is a folder"
    else:
        out = project / "content" / "catalog.pdf"
        expected_word = "content/"
    before = _tree(project)
    run = _cli("build", str(project), "--out", str(out), "--jobs", "1", timeout=60)  # a pipe must not hang it
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected_word in lines[0], run.stderr
    assert "Traceback" not in run.stderr
    assert _tree(project) == before
    assert not (project / ".catalog-cache").exists()  # refused before any work


def test_a_name_too_long_for_the_file_system_is_refused_and_the_longest_allowed_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    longest = "x" * (255 - len(".preflight.json"))  # the longest file written beside the PDF
    run = _cli("build", str(project), "--out", str(tmp_path / f"{longest}y.pdf"), "--quiet", "--jobs", "1")
    assert run.returncode == 2 and "file systems allow 255" in run.stderr and "Traceback" not in run.stderr
    run = _cli("build", str(project), "--out", str(tmp_path / f"{longest}.pdf"), "--quiet", "--jobs", "1")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / f"{longest}.preflight.json").is_file()


# --- outputs replaced as a set (item 10) -------------------------------------------------------------

def _consistent(out: Path) -> dict[str, object]:
    """The manifest describes the files beside it, byte for byte, and agrees with the report."""
    listed = json.loads(out.with_name(out.stem + ".manifest.json").read_text(encoding="utf-8"))
    report = json.loads(out.with_name(out.stem + ".preflight.json").read_text(encoding="utf-8"))
    assert listed["output"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    for entry in listed["outputs"]:
        path = out.with_name(entry["file"])
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["file"]
    assert report["press"] == listed["press"]["name"]
    return listed


def test_a_build_that_lands_while_another_is_writing_leaves_one_consistent_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    out = tmp_path / "out" / "same.pdf"
    real = build_module._write_json
    interleaved: list[BuildResult | None] = []

    def meanwhile(path: Path, data: object) -> Path:
        if not interleaved:  # the first build is half-way through its files: a second one lands
            interleaved.append(None)
            interleaved[0] = build(project, BuildOptions(out=out, press="digital", jobs=1))
        return real(path, data)

    monkeypatch.setattr(build_module, "_write_json", meanwhile)
    first = build(project, BuildOptions(out=out, press="screen", jobs=1))
    assert interleaved[0] is not None and interleaved[0].press == "digital" and first.press == "screen"
    assert _consistent(out)["press"]["name"] == "screen"  # the last to finish, whole
    assert _leftovers(out.parent) == []


def test_a_set_from_an_earlier_build_does_not_outlive_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", catalog={"press": "screen"})
    out = tmp_path / "out" / "zine.pdf"
    imposed = build(project, BuildOptions(out=out, layout="zine", impose="saddle", jobs=1))
    assert imposed.imposed is not None and imposed.imposed.is_file()
    assert {entry["file"] for entry in _consistent(out)["outputs"]} == {
        "zine.pdf", "zine-saddle.pdf", "zine.preflight.json"}
    build(project, BuildOptions(out=out, layout="zine", jobs=1))
    assert not imposed.imposed.exists()  # printer sheets of the earlier PDF would not match this one
    assert sorted(p.name for p in out.parent.iterdir()) == ["zine.manifest.json", "zine.pdf", "zine.preflight.json"]
    _consistent(out)


# --- a full disk, signals (item 12) ------------------------------------------------------------------

def _noisy_project(root: Path, works: int = 2, size: tuple[int, int] = (900, 600)) -> Path:
    """Photos of noise: JPEG cannot shrink them, so the PDF is much larger than its drawing."""
    artists = {"anna-test": artist_data("Anna Test", works=works)}
    project = make_project(root, artists=artists, catalog={"press": "screen"})
    generator = random.Random(7)
    for index in range(works):
        noise = Image.frombytes("RGB", size, generator.randbytes(size[0] * size[1] * 3))
        noise.save(project / "content/artists/anna-test/images" / f"work-{index + 1}.jpg", quality=92)
    return project


def _fails_cleanly(run: subprocess.CompletedProcess[str], out: Path, previous: bytes) -> None:
    assert run.returncode == 1, (run.returncode, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot write {out}"), run.stderr
    assert "Traceback" not in run.stderr and "terminate called" not in run.stderr
    assert out.read_bytes() == previous
    assert _leftovers(out.parent) == []


def test_a_write_that_fails_for_lack_of_room_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """The file-size limit makes every write past it fail, as a full disk does (EFBIG for ENOSPC),
    without needing root: qpdf's own writer used to abort the process (exit 134) at its last flush."""
    project = _noisy_project(tmp_path / "p")
    out = tmp_path / "out" / "c.pdf"
    size = build(project, BuildOptions(out=out, jobs=1)).bytes
    previous = out.read_bytes()
    limit = size - 1  # the very last write fails: qpdf's final flush, which used to abort the process
    command = [sys.executable, "-m", "catalog", "build", str(project), "--out", str(out), "--no-cache", "--jobs", "1"]

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails (EFBIG) instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = subprocess.run(command, capture_output=True, text=True, timeout=120, preexec_fn=small_disk)
    _fails_cleanly(run, out, previous)
    assert "File too large" in run.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_disk_that_fills_during_the_last_flush_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    project = _noisy_project(tmp_path / "p")
    disk = tmp_path / "disk"
    disk.mkdir()
    size = build(project, BuildOptions(out=tmp_path / "probe.pdf", jobs=1)).bytes
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={int(size * 0.7)}", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "c.pdf"
        out.write_bytes(b"%PDF-1.6 yesterday's")  # the new PDF cannot fit beside it
        run = _cli("build", str(project), "--out", str(out), "--jobs", "1")
        _fails_cleanly(run, out, b"%PDF-1.6 yesterday's")
        assert "No space left on device" in run.stderr
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _while_writing(command: list[str], folder: Path) -> subprocess.Popen[str]:
    """The build started, returned once its temporary files are in `folder`: it is drawing."""
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".catalog-") for p in folder.iterdir()):
        assert process.poll() is None, "the build ended before it was caught writing: make the project larger"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    return process


def test_sigterm_while_writing_stops_the_build_and_removes_its_temporary_files(tmp_path: Path) -> None:
    project = _noisy_project(tmp_path / "p", works=24, size=(1200, 900))
    out = tmp_path / "out" / "c.pdf"
    build(project, BuildOptions(out=out, jobs=1))  # the cache is warm: the build goes straight to writing
    previous = out.read_bytes()
    process = _while_writing([sys.executable, "-m", "catalog", "build", str(project), "--out", str(out),
                              "--jobs", "1"], out.parent)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "Traceback" not in err and "Stopped" in err
    assert out.read_bytes() == previous
    assert _leftovers(out.parent) == []


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path: Path) -> None:
    project = _noisy_project(tmp_path / "p", works=24, size=(1200, 900))
    out = tmp_path / "out" / "c.pdf"
    build(project, BuildOptions(out=out, jobs=1))
    previous = out.read_bytes()
    process = _while_writing([sys.executable, "-m", "catalog", "build", str(project), "--out", str(out),
                              "--jobs", "1"], out.parent)
    process.kill()
    process.communicate(timeout=60)
    left = [p for p in out.parent.iterdir() if p.name.startswith(".catalog-")]
    assert left and out.read_bytes() == previous  # SIGKILL runs no cleanup: the next build must
    minute_ago = time.time() - 120
    for path in left:
        os.utime(path, (minute_ago, minute_ago))
    build(project, BuildOptions(out=out, jobs=1))
    assert _leftovers(out.parent) == []
    _consistent(out)
