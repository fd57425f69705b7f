"""Where image jobs run: here, in a pool of processes sized to the cores, or on a Dask cluster.
All three are `concurrent.futures.Executor`s, so the image stage does not know which it has."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

from .errors import CatalogError, Problem

T = TypeVar("T")
R = TypeVar("R")


class SchedulerError(CatalogError):
    kind = "scheduler"


class InlineExecutor(Executor):
    """Runs each call at once in this process: one job, or --jobs 1, needs no pool."""

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def cores() -> int:
    """The cores this process may use (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Workers:
    """How many processes, or which cluster. `remote` workers cannot read our files: jobs carry
    the image's bytes to them, and bring the JPEG back."""

    jobs: int | None = None          # None: one per core
    scheduler: str | None = None     # a Dask scheduler address, e.g. tcp://10.0.0.5:8786
    connect_timeout: float = 10.0    # seconds to reach the scheduler

    @property
    def remote(self) -> bool:
        return self.scheduler is not None

    def count(self, tasks: int) -> int:
        return max(1, min(self.jobs or cores(), tasks))

    @contextmanager
    def open(self, tasks: int) -> Iterator[Executor]:
        if self.scheduler:
            with _dask(self.scheduler, self.connect_timeout) as executor:
                yield executor
            return
        workers = self.count(tasks)
        if workers == 1:
            yield InlineExecutor()
            return
        # spawn, not fork: the command line runs a progress thread, and forking a threaded process
        # can deadlock the child on a lock held at the moment of the fork.
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool


@contextmanager
def _dask(address: str, timeout: float) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError(Problem(
            "--scheduler needs Dask's distributed package, which is not installed",
            hint="install it with: pip install 'catalog[dask]'")) from None
    try:
        client = Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(Problem(f"cannot reach the Dask scheduler at {address}: {exc}",
                                     hint="check the address and that the scheduler is running")) from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()


def stream(executor: Executor, fn: Callable[[Any], R], items: Iterable[T], window: int,
           argument: Callable[[T], Any] = lambda item: item) -> Iterator[tuple[T, R]]:
    """fn(argument(item)) for every item, yielded with its item as each finishes, with at most
    `window` submitted and not yet collected: items (and what they carry) are made only as the
    workers take them, and results are handed on at once, so memory does not grow with the number
    of images."""
    if window < 1:
        raise ValueError(f"window must be at least 1, not {window}")
    source = iter(items)
    pending: dict[Future[R], T] = {}

    def top_up() -> None:
        for item in islice(source, window - len(pending)):
            pending[executor.submit(fn, argument(item))] = item

    try:
        top_up()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in _in_submission_order(done, pending):
                item = pending.pop(future)
                yield item, future.result()
            top_up()
    finally:
        for future in pending:  # a failure or an interrupt: do not wait for work nobody will use
            future.cancel()


def _in_submission_order(done: set[Future[R]], pending: dict[Future[R], T]) -> Sequence[Future[R]]:
    return [future for future in pending if future in done]
