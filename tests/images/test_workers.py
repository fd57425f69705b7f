"""Where image jobs run: `stream` keeps a bounded window of work in flight and hands each result
on with its item; Workers picks in-process or a real process pool, sized to the cores and to the
memory budget, and stops it at once on a failure or SIGTERM; make_or_fail turns bad data into a
reason instead of an exception; peak_bytes estimates a job's memory."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from catalog.colour import Inks
from catalog.errors import CatalogError
from catalog.images import prepare, probe
from catalog.images import workers as executors
from catalog.images.prepare import Grey, Job, Made
from catalog.images.probe import ImageInfo
from catalog.images.workers import (
    GB,
    MB,
    WORKER_BYTES,
    InlineExecutor,
    MemorySettingError,
    PoolPlan,
    SchedulerError,
    Stopped,
    Workers,
    available_memory,
    memory_budget,
    parse_memory,
    plan_pool,
    stopping_on_sigterm,
    stream,
)
from tests.support.projects import write_image


class Counting(Executor):
    """Runs calls at once (like InlineExecutor) and records what was submitted, so a test can
    compare it with what the consumer has collected."""

    def __init__(self) -> None:
        self.inner = InlineExecutor()
        self.submitted: list[Any] = []
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted.append(args[0] if args else None)
        future = self.inner.submit(fn, *args, **kwargs)
        self.futures.append(future)
        return future


class Stalling(Counting):
    """Runs only the calls whose argument `runs` accepts; the others stay pending forever (as if
    queued behind busy workers), so a test can see whether they are cancelled."""

    def __init__(self, runs: Callable[[Any], bool]) -> None:
        super().__init__()
        self.runs = runs

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self.runs(args[0]):
            return super().submit(fn, *args, **kwargs)
        self.submitted.append(args[0])
        future: Future[Any] = Future()
        self.futures.append(future)
        return future


def square(n: int) -> int:
    return n * n


def test_stream_yields_every_item_with_its_result() -> None:
    got = list(stream(InlineExecutor(), square, range(10), window=3))
    assert sorted(got) == [(n, n * n) for n in range(10)]


def test_stream_passes_the_argument_made_from_each_item() -> None:
    items = [{"n": n, "label": f"item {n}"} for n in range(5)]
    got = list(stream(InlineExecutor(), square, items, window=2, argument=lambda item: item["n"]))
    assert [(item["label"], result) for item, result in got] == [(f"item {n}", n * n) for n in range(5)]


def test_stream_of_nothing_yields_nothing() -> None:
    executor = Counting()
    assert list(stream(executor, square, [], window=4)) == []
    assert executor.submitted == []


def test_stream_runs_in_a_thread_pool_too() -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        got = list(stream(pool, square, range(25), window=4))
    assert sorted(got) == [(n, n * n) for n in range(25)]


@pytest.mark.parametrize("window", [1, 2, 5])
def test_stream_never_has_more_than_window_in_flight(window: int) -> None:
    executor = Counting()
    made: list[int] = []

    def items() -> Iterator[int]:
        for n in range(12):
            made.append(n)  # an item (and what it carries) exists from here on
            yield n

    collected = 0
    most = 0
    for item, result in stream(executor, square, items(), window=window):
        assert result == item * item
        most = max(most, len(executor.submitted) - collected, len(made) - collected)
        collected += 1
    assert collected == 12 and len(executor.submitted) == 12
    assert 1 <= most <= window


def test_stream_window_holds_when_results_arrive_late_and_out_of_order() -> None:
    """With threads finishing in any order, every submission still finds fewer than `window`
    submitted and not yet collected."""
    window = 3
    collected: list[int] = []

    class Checked(ThreadPoolExecutor):
        submitted = 0

        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            assert self.submitted - len(collected) < window, "submitted past the window"
            self.submitted += 1
            return super().submit(fn, *args, **kwargs)

    def slow(n: int) -> int:
        time.sleep(0.004 * (n % 3))  # later items may finish first
        return -n

    with Checked(max_workers=3) as pool:
        for item, result in stream(pool, slow, range(15), window=window):
            assert result == -item
            collected.append(item)
    assert sorted(collected) == list(range(15))


def test_an_exception_in_fn_propagates_after_the_results_before_it() -> None:
    def fails_on_three(n: int) -> int:
        if n == 3:
            raise ValueError("bad item 3")
        return n

    got: list[int] = []
    with pytest.raises(ValueError, match="bad item 3"):
        for item, _ in stream(InlineExecutor(), fails_on_three, range(10), window=2):
            got.append(item)
    assert got == [0, 1, 2]


def test_a_failure_cancels_the_pending_work() -> None:
    def fails(n: int) -> int:
        raise RuntimeError(f"item {n} failed")

    executor = Stalling(runs=lambda n: n == 0)  # item 0 fails at once, the rest wait in the queue
    with pytest.raises(RuntimeError, match="item 0 failed"):
        list(stream(executor, fails, range(10), window=4))
    assert executor.submitted == [0, 1, 2, 3]  # the window, and no more
    assert all(future.cancelled() for future in executor.futures[1:])


def test_closing_the_stream_early_cancels_the_pending_work() -> None:
    executor = Stalling(runs=lambda n: n == 0)
    results = stream(executor, square, range(10), window=3)
    assert next(results) == (0, 0)
    results.close()  # the consumer gave up (an error elsewhere, Ctrl-C)
    assert len(executor.futures) == 3
    assert all(future.cancelled() for future in executor.futures[1:])


# --- Workers -----------------------------------------------------------------------------------

def test_count_is_one_per_core_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors, "cores", lambda: 6)
    assert Workers().count(100) == 6
    assert Workers().count(4) == 4   # no more processes than tasks
    assert Workers().count(0) == 1   # at least one
    assert Workers(jobs=3).count(100) == 3
    assert Workers(jobs=8).count(100) == 6  # more than the cores would only take turns on them
    assert Workers(jobs=8).count(2) == 2
    assert Workers(jobs=1).count(100) == 1
    assert Workers(jobs=8, scheduler="tcp://127.0.0.1:8786").count(100) == 8  # a cluster's cores are its own


def test_cores_is_at_least_one() -> None:
    assert executors.cores() >= 1
    assert Workers().count(10_000) == executors.cores()


def test_one_worker_runs_inline() -> None:
    with Workers(jobs=1).open(10) as executor:
        assert isinstance(executor, InlineExecutor)
    with Workers(jobs=4).open(1) as executor:  # one task needs no pool
        assert isinstance(executor, InlineExecutor)
        assert executor.submit(os.getpid).result() == os.getpid()


def test_workers_are_local_unless_given_a_scheduler() -> None:
    assert not Workers(jobs=2).remote
    assert Workers(scheduler="tcp://127.0.0.1:8786").remote


def small_job(tmp_path: Path, name: str = "photo.jpg") -> Job:
    path = write_image(tmp_path / name, (300, 200))
    return Job(path, (150, 100), False, Inks("rgb"), 85)


def test_two_jobs_open_a_process_pool_that_makes_images(tmp_path: Path) -> None:
    jobs = [small_job(tmp_path, f"photo-{n}.jpg") for n in range(3)]
    with Workers(jobs=2).open(2) as executor:
        assert isinstance(executor, ProcessPoolExecutor)
        assert executor.submit(os.getpid).result() != os.getpid()  # another process
        results = list(stream(executor, prepare.make_or_fail, jobs, window=4))
    assert len(results) == 3
    for job, made in results:
        assert isinstance(made, Made)
        assert (made.width, made.height, made.space, made.max_ink) == (150, 100, "rgb", None)
        assert made.data.startswith(b"\xff\xd8") and made == prepare.make(job)  # same bytes as made here


def test_make_or_fail_returns_a_reason_for_a_truncated_jpeg(tmp_path: Path) -> None:
    whole = write_image(tmp_path / "whole.jpg", (600, 400)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])
    info = probe.probe(cut)  # the header is whole: probing does not notice
    assert (info.width, info.height) == (600, 400)
    for target in ((300, 200), None):
        job = Job(cut, target, False, Inks("rgb"), 85)
        reason = prepare.make_or_fail(job)
        assert isinstance(reason, str) and "cannot be decoded" in reason
        with pytest.raises(OSError):
            prepare.make(job)


def test_make_or_fail_returns_a_reason_for_garbage_bytes(tmp_path: Path) -> None:
    job = Job(tmp_path / "none.jpg", None, False, Inks("rgb"), 85, data=b"\xff\xd8\xff\xe0 not really")
    reason = prepare.make_or_fail(job)
    assert isinstance(reason, str) and reason


# --- stopping the pool --------------------------------------------------------------------------

def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in "ZX":
            alive.append(pid)
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_failure_in_the_stage_stops_the_workers_at_once() -> None:
    """Jobs that would run for a minute are not waited for: pending ones are cancelled, running
    ones end with their workers."""
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="a bad image"), Workers(jobs=2).open(2) as executor:
        pids = [executor.submit(os.getpid).result() for _ in range(4)]
        for _ in range(4):
            executor.submit(time.sleep, 60)
        time.sleep(0.2)  # both workers busy, two jobs queued
        raise RuntimeError("a bad image")
    assert time.monotonic() - started < 10
    assert not _alive(sorted(set(pids)))


def test_a_worker_that_dies_is_one_line_not_a_broken_pool() -> None:
    with pytest.raises(SchedulerError) as caught, Workers(jobs=2).open(2) as executor:
        executor.submit(os._exit, 9).result()
    assert caught.value.format() == ("a process preparing images was killed (out of memory, or from outside the "
                                     "build); build again; if it happens again, set CATALOG_MEMORY lower or use "
                                     "fewer --jobs")


@pytest.fixture
def default_sigterm() -> Iterator[None]:
    """SIGTERM as a process starts with it (pytest or a plugin may have set its own)."""
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGTERM, previous)


def _sigterm_self() -> None:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)  # the handler runs at the next instruction; the sleep is interrupted


@pytest.mark.usefixtures("default_sigterm")
def test_sigterm_in_the_stage_becomes_an_exception_that_unwinds_it() -> None:
    unwound = []
    with pytest.raises(Stopped) as caught, stopping_on_sigterm():
        try:
            _sigterm_self()
        finally:
            unwound.append(True)
    assert unwound == [True]
    assert caught.value.exit_code == 143 and isinstance(caught.value, CatalogError)
    assert caught.value.format() == "stopped by SIGTERM while preparing images; no output was written"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # as it was


@pytest.mark.usefixtures("default_sigterm")
def test_a_handler_of_the_callers_own_is_kept() -> None:
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    signal.signal(signal.SIGTERM, handler)
    with stopping_on_sigterm():
        assert signal.getsignal(signal.SIGTERM) is handler
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
    assert received == [signal.SIGTERM]
    assert signal.getsignal(signal.SIGTERM) is handler


@pytest.mark.usefixtures("default_sigterm")
def test_outside_the_main_thread_nothing_is_installed() -> None:
    seen: list[object] = []

    def stage() -> None:
        with stopping_on_sigterm():
            seen.append(signal.getsignal(signal.SIGTERM))

    thread = threading.Thread(target=stage)
    thread.start()
    thread.join()
    assert seen == [signal.SIG_DFL]


# --- memory -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, size", [("3G", 3 * GB), ("512M", 512 * MB), ("1.5GB", 3 * GB // 2), ("2GiB", 2 * GB),
                                        ("800 mb", 800 * MB), ("3000000000", 3_000_000_000), ("64k", 64 * 1024)])
def test_memory_is_written_like_other_tools_take_it(text: str, size: int) -> None:
    assert parse_memory(text) == size


@pytest.mark.parametrize("text", ["lots", "0", "-1G", "3 gigabytes", "G"])
def test_memory_that_is_not_an_amount_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(MemorySettingError) as caught:
        parse_memory(text)
    assert caught.value.format() == (f"CATALOG_MEMORY={text!r} is not an amount of memory; write it like 3G, 512M "
                                     "or 3000000000 (bytes)")


def test_the_budget_is_the_setting_or_half_of_what_is_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert memory_budget({"CATALOG_MEMORY": "3G"}) == 3 * GB
    monkeypatch.setattr(executors, "available_memory", lambda: 10 * GB)
    assert memory_budget({}) == 5 * GB
    assert memory_budget({"CATALOG_MEMORY": " "}) == 5 * GB
    monkeypatch.setattr(executors, "available_memory", lambda: None)
    assert memory_budget({}) == executors.FALLBACK_MEMORY
    assert Workers(memory=123).budget() == 123


def _files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="ascii")
    return root


MEMINFO = "MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    8000000 kB\n"


@pytest.mark.parametrize("cgroup, files, available", [
    ("0::/\n", {}, 8_000_000 * 1024),                                              # no limit anywhere
    ("0::/ci/job\n", {"ci/memory.max": "max\n", "ci/job/memory.max": str(3 * GB),
                      "ci/job/memory.current": str(GB)}, 2 * GB),                  # v2: the job's own limit
    ("0::/ci/job\n", {"ci/memory.max": str(2 * GB), "ci/memory.current": str(GB // 2),
                      "ci/job/memory.max": "max"}, 3 * GB // 2),                   # v2: a limit further up
    ("0::/ci\n", {"ci/memory.max": str(4 * GB), "ci/memory.current": str(4 * GB),
                  "ci/memory.stat": f"anon {GB}\nfile {3 * GB}\ninactive_file {3 * GB}\n"}, 3 * GB),  # all cache
    ("4:memory:/docker/abc\n0::/\n", {"memory/docker/abc/memory.limit_in_bytes": str(GB),
                                       "memory/docker/abc/memory.usage_in_bytes": str(GB // 4),
                                       "memory/docker/abc/memory.stat": f"cache 0\ntotal_inactive_file {GB // 4}\n",
                                       "memory/memory.limit_in_bytes": "9223372036854771712"}, GB),  # v1
])
def test_available_memory_heeds_the_control_groups_limit(tmp_path: Path, cgroup: str, files: dict[str, str],
                                                         available: int) -> None:
    """A container or CI job limited to a few GB on a big machine: MemAvailable alone would let the
    kernel's OOM killer end the build."""
    meminfo = _files(tmp_path, {"meminfo": MEMINFO, "cgroup": cgroup}) / "meminfo"
    root = _files(tmp_path / "sys", files) if files else tmp_path / "sys"
    assert available_memory(meminfo, root, tmp_path / "cgroup") == available


def test_available_memory_is_read_on_this_machine() -> None:
    found = available_memory()
    assert found is None or found > 0


@pytest.mark.parametrize("tasks, jobs, cores, budget, peak, count, note", [
    (12, None, 4, 16 * GB, 200 * MB, 4, None),             # one per core
    (3, None, 4, 16 * GB, 200 * MB, 3, None),              # no more than jobs
    (12, 24, 2, 16 * GB, 200 * MB, 2,                      # --jobs 24 on 2 cores (issue 19: 2.3 GB)
     "--jobs 24: this build may use 2 cores, so images are prepared 2 at a time"),
    (12, 4, 8, 16 * GB, 200 * MB, 4, None),                # fewer than the cores, as asked
    (3, None, 8, 3 * GB, 2300 * MB, 1,                     # three 2400 ppi halftones (issue 19: 5 GB)
     "images are prepared 1 at a time, not 3: the largest needs about 2.3 GB and the image stage may use 3.0 GB"),
    (12, 24, 8, GB, 300 * MB, 3,
     "images are prepared 3 at a time, not 8: the largest needs about 340 MB and the image stage may use 1.0 GB"),
    (12, None, 4, 100 * MB, 500 * MB, 1,                   # not even one fits: refused before (pipeline)
     "images are prepared 1 at a time, not 4: the largest needs about 540 MB and the image stage may use 100 MB"),
    (1, None, 4, 16 * GB, 0, 1, None),
])
def test_the_pool_is_sized_by_cores_and_by_the_largest_job_in_the_budget(
        tasks: int, jobs: int | None, cores: int, budget: int, peak: int, count: int, note: str | None) -> None:
    plan = plan_pool(tasks, jobs, cores, budget, peak)
    assert plan.count == count
    assert (plan.note.message if plan.note else None) == note
    assert plan.note is None or (plan.note.severity, plan.note.code) == ("info", "image-workers")
    assert count == 1 or count * (WORKER_BYTES + peak) <= budget


def test_the_memory_note_says_how_to_allow_more() -> None:
    note = plan_pool(3, None, 8, 3 * GB, 2300 * MB).note
    assert note is not None
    assert note.hint == "set CATALOG_MEMORY (e.g. CATALOG_MEMORY=7G) on a machine that has the memory"


def test_a_plan_for_a_cluster_ignores_the_local_memory() -> None:
    assert Workers(jobs=8, scheduler="tcp://127.0.0.1:8786", memory=1).plan(20, 10 * GB) == PoolPlan(8)
    assert Workers(jobs=2, memory=1).plan(20, 10 * GB).count == 1


# --- a job's memory -----------------------------------------------------------------------------

def info(size: tuple[int, int], mode: str = "RGB", format: str = "JPEG") -> ImageInfo:
    return ImageInfo(Path("photo"), size[0], size[1], format, mode, 1, None, False)


CMYK, RGB, GREY = Inks("cmyk"), Inks("rgb"), Inks("gray")

PEAKS = [  # (source, job, the most it held above the worker before it, in MB; measured with Pillow 13)
    (info((6000, 4000)), Job(Path("p"), (900, 600), False, RGB, 85), 13),
    (info((6000, 4000)), Job(Path("p"), (3000, 2000), False, RGB, 85), 53),
    (info((6000, 4000)), Job(Path("p"), (2100, 1400), True, CMYK, 92), 117),
    (info((6000, 4000)), Job(Path("p"), None, True, CMYK, 92), 704),
    (info((4000, 6000)), Job(Path("p"), (2100, 3150), True, CMYK, 92), 307),     # turned by its EXIF tag
    (info((6000, 4000), "CMYK"), Job(Path("p"), (2100, 1400), True, CMYK, 92), 101),
    (info((4000, 3000), "RGBA", "PNG"), Job(Path("p"), (2100, 1575), True, CMYK, 92), 153),
    (info((4000, 3000), "RGBA", "PNG"), Job(Path("p"), (900, 675), False, RGB, 85), 111),
    (info((4000, 3000), "I;16", "PNG"), Job(Path("p"), (2100, 1575), True, CMYK, 92), 139),
    (info((4000, 3000), "P", "PNG"), Job(Path("p"), (900, 675), False, RGB, 85), 74),
    (info((4000, 3000), "1", "TIFF"), Job(Path("p"), (2100, 1575), True, CMYK, 92), 114),
    (info((4000, 3000), "LA", "PNG"), Job(Path("p"), (1800, 1350), False, GREY, 85, grey=Grey(0.5, 1.0)), 132),
    (info((6000, 4000)), Job(Path("p"), (1800, 1200), False, GREY, 85, grey=Grey(0.5, 1.0)), 61),
    (info((6000, 4000), "L"), Job(Path("p"), (1800, 1200), False, GREY, 85, grey=Grey(0.5, 1.0)), 25),
    (info((6000, 4000)), Job(Path("p"), (3600, 2400), False, GREY, 85, grey=Grey(0.5, 1.25, 60, 600)), 241),
    (info((6000, 4000)), Job(Path("p"), (7200, 4800), False, GREY, 85, grey=Grey(0.5, 1.25, 60, 1200)), 278),
    (info((6000, 4000)), Job(Path("p"), (14400, 9600), False, GREY, 85, grey=Grey(0.5, 1.25, 60, 2400)), 795),
    (info((3000, 2000)), Job(Path("p"), (14400, 9600), False, GREY, 85, grey=Grey(0.5, 1.25, 60, 2400)), 719),
    (info((1200, 800)), Job(Path("p"), (16063, 10709), False, GREY, 85, grey=Grey(0.5, 1.25, 60, 2400)), 866),
    (info((4000, 3000), "L", "PNG"), Job(Path("p"), (7200, 5400), False, GREY, 85, grey=Grey(0.5, 1.25, 60, 1200)),
     208),
]


@pytest.mark.parametrize("source, job, measured", PEAKS)
def test_a_jobs_memory_estimate_covers_what_it_was_measured_to_hold(source: ImageInfo, job: Job,
                                                                   measured: int) -> None:
    """Never below the peak measured (so the budget holds), and not so far above that a machine
    with the memory is refused: the high end is on small jobs, where a fixed allowance dominates."""
    estimate = prepare.peak_bytes(job, source)
    assert measured * 1e6 <= estimate <= max(3 * measured * 1e6, measured * 1e6 + 40 * MB)


def test_a_jpeg_is_estimated_at_its_draft_scale_and_a_halftone_by_its_plate() -> None:
    small = Job(Path("p"), (700, 500), False, RGB, 85)
    assert prepare.peak_bytes(small, info((6000, 4000))) < prepare.peak_bytes(small, info((6000, 4000), "RGB", "PNG"))
    plate = Job(Path("p"), (14400, 9600), False, GREY, 85, grey=Grey(0.5, 1.25, 60, 2400))
    assert prepare.peak_bytes(plate, info((3000, 2000))) > 5 * 14400 * 9600  # 8-bit, thresholds, 1-bit and between
