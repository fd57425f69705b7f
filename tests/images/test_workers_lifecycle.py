"""Image workers die with the build, and the image stage keeps to a memory budget (issue 19, items 4
and 6). Real builds in their own session, killed with real signals: afterwards nothing of theirs may
be left running, and the pipes to them must reach their end (a CI step that captures the output
otherwise waits forever). Memory: the largest job's estimate sizes the pool, and a job that cannot
fit at all is refused before any work, naming the setting to lower."""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from catalog.builder import BuildOptions, build
from catalog.errors import ImageError
from tests.support.projects import artist_data, make_project

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
WORKER = "multiprocessing.spawn"      # in a pool worker's command line
TRACKER = "multiprocessing.resource_tracker"
MEMORY_VARIABLE = "CATALOG_MEMORY"  # the setting users and CI know it by


# --- a project that keeps the workers busy -------------------------------------------------------

def _distinct(jpeg: bytes, n: int) -> bytes:
    """The same picture with a comment segment of its own: other bytes, so another cache key and job."""
    text = f"copy {n}".encode()
    return jpeg[:2] + b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text + jpeg[2:]


@pytest.fixture(scope="module")
def photo() -> bytes:
    """A 24-megapixel photograph (noise, so it is no easier to decode than one): for the offset press,
    about a second of work."""
    noise = Image.effect_noise((750, 500), 60).resize((6000, 4000), Image.Resampling.BILINEAR)
    image = Image.merge("RGB", (noise, noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
                                noise.transpose(Image.Transpose.FLIP_TOP_BOTTOM)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def photographs(root: Path, photo: bytes, count: int) -> Path:
    folder = root / "content" / "artists" / "anna-test" / "images"
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"work-{n + 1}.jpg").write_bytes(_distinct(photo, n))
    return make_project(root, {"anna-test": artist_data("Anna Test", works=count)})


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory, photo: bytes) -> Path:
    """Six photographs: the workers are busy for a few seconds."""
    return photographs(tmp_path_factory.mktemp("busy") / "project", photo, 6)


# --- processes, from /proc -----------------------------------------------------------------------

def _session(sid: int) -> dict[int, tuple[int, str, int]]:
    """Every live process of session `sid`: pid -> (parent pid, command line, resident bytes)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] not in "ZX":
            found[int(entry)] = (int(fields[1]), command, int(fields[21]) * PAGE)
    return found


def _workers(sid: int) -> dict[int, int]:
    return {pid: rss for pid, (_, command, rss) in _session(sid).items() if WORKER in command}


def _pool_rss(pid: int) -> dict[int, int]:
    """Resident bytes of each worker `pid` started (cheaper than reading the whole of /proc)."""
    found = {}
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            for child in task.read_text().split():
                with contextlib.suppress(OSError, ValueError):
                    if WORKER.encode() in Path(f"/proc/{child}/cmdline").read_bytes():
                        found[int(child)] = int(Path(f"/proc/{child}/statm").read_text().split()[1]) * PAGE
    return found


def _gone(sid: int, within: float) -> dict[int, tuple[int, str, int]]:
    """What is still running in the session after up to `within` seconds."""
    deadline = time.monotonic() + within
    while (left := _session(sid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes a test starts in sessions of their own; whatever of them is left is killed after."""
    processes: list[subprocess.Popen[bytes]] = []
    yield processes
    for process in processes:
        for pid in _session(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.kill()
        process.communicate()


def _start(started: list[subprocess.Popen[bytes]], command: list[str], tmp_path: Path,
           **env: str) -> subprocess.Popen[bytes]:
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    environment = {**os.environ, "TMPDIR": str(scratch), MEMORY_VARIABLE: "4G", **env}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               env=environment, cwd=tmp_path)
    started.append(process)
    return process


def _when_working(process: subprocess.Popen[bytes], count: int = 2, timeout: float = 30.0) -> None:
    """Returns once the build has `count` workers (it is in the image stage)."""
    deadline = time.monotonic() + timeout
    while len(_workers(process.pid)) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never started its workers"
        time.sleep(0.02)
    time.sleep(0.3)  # into their first jobs


def _build_command(project: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "catalog", "build", str(project), "--press", "offset", "--no-cache", "--jobs", "2",
            "--out", str(out)]


needs_two_cores = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="a pool needs two cores")


# --- item 4: killed builds leave nothing behind --------------------------------------------------

@needs_two_cores
def test_sigterm_stops_the_build_its_workers_and_the_resource_tracker(
        busy: Path, tmp_path: Path, started: list[subprocess.Popen[bytes]]) -> None:
    process = _start(started, _build_command(busy, tmp_path / "out.pdf"), tmp_path)
    _when_working(process)
    before = _session(process.pid)
    assert any(TRACKER in command for _, command, _ in before.values())
    os.kill(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=10)  # the pipes reach their end: nobody holds them any more
    assert process.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in stderr
    assert not _gone(process.pid, within=3.0)
    assert not list((tmp_path / "tmp").iterdir())  # the throwaway image cache removed
    assert not (tmp_path / "out.pdf").exists()


@needs_two_cores
def test_sigkill_of_the_build_takes_its_workers_and_the_resource_tracker_with_it(
        busy: Path, tmp_path: Path, started: list[subprocess.Popen[bytes]]) -> None:
    process = _start(started, _build_command(busy, tmp_path / "out.pdf"), tmp_path)
    _when_working(process)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=10)  # workers and tracker closed the inherited stdout and stderr by dying
    assert not _gone(process.pid, within=3.0)


LIBRARY_BUILD = """
import sys
from pathlib import Path
from catalog.builder import BuildOptions, build
from catalog.errors import CatalogError
try:
    build(Path(sys.argv[1]), BuildOptions(press="offset", cache=False, jobs=2, out=Path(sys.argv[2])))
except CatalogError as exc:
    print(exc, file=sys.stderr)
    sys.exit(exc.exit_code)
"""


@needs_two_cores
def test_sigterm_stops_a_build_called_as_a_library_without_a_handler_of_its_own(
        busy: Path, tmp_path: Path, started: list[subprocess.Popen[bytes]]) -> None:
    process = _start(started, [sys.executable, "-c", LIBRARY_BUILD, str(busy), str(tmp_path / "out.pdf")], tmp_path)
    _when_working(process)
    os.kill(process.pid, signal.SIGTERM)
    _, stderr = process.communicate(timeout=10)
    assert process.returncode == 128 + signal.SIGTERM
    assert stderr.decode().strip() == "stopped by SIGTERM while preparing images; no output was written"
    assert not _gone(process.pid, within=3.0)
    assert not list((tmp_path / "tmp").iterdir())


ORPHAN = """
import subprocess, sys
subprocess.Popen([sys.executable, "-c", sys.argv[1]]).wait()
"""
WATCHED = """
import os, sys, time
from catalog.images.workers import {call}
{call}({args})
print("watching", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("call, args", [("watch_parent", "os.getppid(), 0.1"), ("_kill_with_parent", "")],
                         ids=["polling", "prctl"])
def test_a_worker_whose_parent_is_killed_ends_too(call: str, args: str, tmp_path: Path,
                                                  started: list[subprocess.Popen[bytes]]) -> None:
    """Each of the two ways on its own: a process started by one that is then killed outright."""
    process = _start(started, [sys.executable, "-c", ORPHAN, WATCHED.format(call=call, args=args)], tmp_path)
    assert process.stdout is not None
    assert process.stdout.readline() == b"watching\n"  # the grandchild is up, and holds our pipes
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=5)
    assert not _gone(process.pid, within=2.0)


CUT_SHORT = """
import os, struct, time
from catalog.images.workers import Workers
if __name__ == "__main__":
    try:
        with Workers(jobs=2).open(2) as executor:
            executor.submit(os.getpid).result()
            # what a worker stopped while sending its result leaves in the pipe: a header for 1 MB, and a few bytes
            os.write(executor._result_queue._writer.fileno(), struct.pack("!i", 1 << 20) + b"cut short")
            time.sleep(0.2)  # the pool's own thread now waits for the rest
            raise RuntimeError("a bad image")
    except RuntimeError:
        print("stopped", flush=True)
"""


def test_a_result_cut_short_by_a_stopped_worker_does_not_hang_the_exit(tmp_path: Path,
                                                                       started: list[subprocess.Popen[bytes]]) -> None:
    """The pool's thread reading a result whose worker was stopped mid-send would wait for the rest
    forever, and the interpreter for that thread at exit."""
    script = tmp_path / "cut_short.py"  # a file, not -c: spawned workers import the main module by its path
    script.write_text(CUT_SHORT, encoding="utf-8")
    process = _start(started, [sys.executable, str(script)], tmp_path)
    stdout, _ = process.communicate(timeout=15)
    assert (process.returncode, stdout) == (0, b"stopped\n")


# --- item 6: the image stage's memory ------------------------------------------------------------

@needs_two_cores
def test_jobs_beyond_the_cores_and_the_budget_do_not_multiply_memory(
        photo: bytes, tmp_path: Path, started: list[subprocess.Popen[bytes]]) -> None:
    """--jobs 24 for four big images: before, four workers at once, ~165 MB each for this press.
    Now no more than the cores, and no more than the budget holds with each job and its worker
    estimated at ~200 MB: two."""
    budget = 500 << 20
    command = _build_command(photographs(tmp_path / "project", photo, 4), tmp_path / "out.pdf")
    command[command.index("--jobs") + 1] = "24"
    process = _start(started, command, tmp_path, **{MEMORY_VARIABLE: str(budget)})
    most, peak = 0, 0
    while process.poll() is None:
        workers = _pool_rss(process.pid)
        most, peak = max(most, len(workers)), max(peak, sum(workers.values()))
        time.sleep(0.02)
    _, stderr = process.communicate()
    assert process.returncode == 0, stderr.decode()
    assert 0 < most <= len(os.sched_getaffinity(0))
    assert peak <= budget, f"{most} workers held {peak / 2**20:.0f} MB at once"


FINE = "name: fine\nbase: mono-halftone\nimages:\n  halftone_ppi: 2400\n"


def halftone_project(root: Path) -> Path:
    project = make_project(root, {"anna-test": artist_data("Anna Test", works=2)}, image_size=(1200, 800))
    (project / "presses").mkdir()
    (project / "presses" / "fine.yaml").write_text(FINE, encoding="utf-8")
    return project


def test_a_halftone_too_big_for_the_budget_is_refused_before_any_work(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = halftone_project(tmp_path / "p")
    monkeypatch.setenv(MEMORY_VARIABLE, "500M")
    with pytest.raises(ImageError) as caught:
        build(project, BuildOptions(press="fine", out=tmp_path / "out.pdf", jobs=2))
    [problem] = caught.value.problems
    assert re.fullmatch(r"the halftone of images/work-1\.jpg at 2400 ppi needs about (\d+ MB|\d\.\d GB), more "
                        r"than the "
                        r"500 MB the image stage may use", problem.message), problem.message
    assert (problem.file, problem.line) == (project / "presses" / "fine.yaml", 4)
    assert problem.hint == ("lower 'images.halftone_ppi' to 1600, place the image smaller, or set CATALOG_MEMORY "
                            "higher on a machine that has the memory")
    assert "\n" not in problem.format()
    assert not list((project / ".catalog-cache" / "images").glob("*/*"))  # nothing was made


def test_any_job_too_big_for_the_budget_is_refused_with_its_image_and_size(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=1)}, image_size=(1600, 1200))
    monkeypatch.setenv(MEMORY_VARIABLE, "50M")
    with pytest.raises(ImageError) as caught:
        build(project, BuildOptions(press="offset", out=tmp_path / "out.pdf", jobs=2, cache=False))
    [problem] = caught.value.problems
    artist = project / "content" / "artists" / "anna-test" / "artist.yaml"
    line = next(n for n, text in enumerate(artist.read_text(encoding="utf-8").splitlines(), 1) if "work-1.jpg" in text)
    assert (problem.file, problem.line) == (artist, line)
    shown = problem.format(project)
    assert re.fullmatch(rf"content/artists/anna-test/artist\.yaml:{line}: image images/work-1\.jpg needs about \d+ MB, "
                        r"more than the 50 MB the image stage may use; resize it \(it is 1600 × 1200 pixels\), or set "
                        r"CATALOG_MEMORY higher on a machine that has the memory", shown), shown


def test_a_small_budget_runs_one_job_at_a_time_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=3)}, image_size=(1600, 1200))
    monkeypatch.setenv(MEMORY_VARIABLE, "200M")
    result = build(project, BuildOptions(press="offset", out=tmp_path / "out.pdf", jobs=2, cache=False))
    assert result.images.prepared == 3
    [note] = result.images.notes
    assert note.severity == "info" and note.code == "image-workers"
    assert re.fullmatch(r"images are prepared 1 at a time, not 2: the largest needs about \d+ MB and the image "
                        r"stage may use 200 MB", note.message), note.message
