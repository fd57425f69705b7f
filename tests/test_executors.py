"""Where image jobs run: `stream` keeps a bounded window of work in flight and hands each result
on with its item; Workers picks in-process or a real process pool; make_or_fail turns bad data
into a reason instead of an exception."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from helpers import write_image

from catalog import executors, images
from catalog.colour import Inks
from catalog.executors import InlineExecutor, Workers, stream
from catalog.images import Job, Made


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
    assert Workers(jobs=8).count(100) == 8  # asked for more than the cores: given
    assert Workers(jobs=8).count(2) == 2
    assert Workers(jobs=1).count(100) == 1


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
        results = list(stream(executor, images.make_or_fail, jobs, window=4))
    assert len(results) == 3
    for job, made in results:
        assert isinstance(made, Made)
        assert (made.width, made.height, made.space, made.max_ink) == (150, 100, "rgb", None)
        assert made.data.startswith(b"\xff\xd8") and made == images.make(job)  # same bytes as made here


def test_make_or_fail_returns_a_reason_for_a_truncated_jpeg(tmp_path: Path) -> None:
    whole = write_image(tmp_path / "whole.jpg", (600, 400)).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])
    info = images.probe(cut)  # the header is whole: probing does not notice
    assert (info.width, info.height) == (600, 400)
    for target in ((300, 200), None):
        job = Job(cut, target, False, Inks("rgb"), 85)
        reason = images.make_or_fail(job)
        assert isinstance(reason, str) and "cannot be decoded" in reason
        with pytest.raises(OSError):
            images.make(job)


def test_make_or_fail_returns_a_reason_for_garbage_bytes(tmp_path: Path) -> None:
    job = Job(tmp_path / "none.jpg", None, False, Inks("rgb"), 85, data=b"\xff\xd8\xff\xe0 not really")
    reason = images.make_or_fail(job)
    assert isinstance(reason, str) and reason
