"""Where image jobs run: here, in a pool of processes sized to the cores and to the memory the image
stage may use, or on a Dask cluster. All three are `concurrent.futures.Executor`s, so the image stage
does not know which it has. Local workers die with the build: stopped on SIGTERM or a failure, and
gone by themselves when the build is killed outright."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CatalogError, ExitCode, Problem

T = TypeVar("T")
R = TypeVar("R")

MB = 1 << 20
GB = 1 << 30
MEMORY_VARIABLE = "CATALOG_MEMORY"
MEMORY_SHARE = 0.5
"""Of the memory available when the image stage starts: the rest is for the build itself (which
later holds the whole PDF), the desktop or the other jobs of a CI runner."""
FALLBACK_MEMORY = 2 * GB
"""Where the available memory cannot be read."""
WORKER_BYTES = 40 * MB
"""A worker process before its job: 28 MB measured (Python 3.11, Pillow 13, after the image code is
imported and one small job made), plus what its allocator keeps from one job to the next."""
PARENT_POLL = 0.5
"""Seconds between a worker's checks that the build is still there (where the kernel cannot tell it)."""


class SchedulerError(CatalogError):
    kind = "scheduler"


class MemorySettingError(CatalogError):
    kind = "memory"


class Stopped(CatalogError):
    """SIGTERM during the image stage, raised in the main thread (see `stopping_on_sigterm`)."""

    exit_code = ExitCode.TERMINATED
    kind = "stopped"


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


# --- memory ---------------------------------------------------------------------------------------

def memory_budget(environ: Mapping[str, str] = os.environ) -> int:
    """Bytes the image stage may use at once, workers and jobs together: CATALOG_MEMORY when set
    (3G, 512M, or bytes), else MEMORY_SHARE of what is available now. Per worker is not enough:
    many workers, or one huge halftone, push a machine into swap or the kernel's OOM killer."""
    text = environ.get(MEMORY_VARIABLE, "").strip()
    if text:
        return parse_memory(text)
    available = available_memory()
    return int(available * MEMORY_SHARE) if available else FALLBACK_MEMORY


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?", re.IGNORECASE)


def parse_memory(text: str) -> int:
    """'3G', '512M', '1.5GB', '2GiB' (powers of 1024) or a number of bytes."""
    found = _SIZE.fullmatch(text.strip())
    value = float(found.group(1)) * 1024 ** "_kmgt".index(found.group(2).lower() or "_") if found else 0.0
    if value < 1:
        raise MemorySettingError(Problem(f"{MEMORY_VARIABLE}={text!r} is not an amount of memory",
                                         hint="write it like 3G, 512M or 3000000000 (bytes)"))
    return int(value)


def available_memory(meminfo: Path = Path("/proc/meminfo"), cgroups: Path = Path("/sys/fs/cgroup"),
                     membership: Path = Path("/proc/self/cgroup")) -> int | None:
    """Bytes that can be used without swapping: the kernel's MemAvailable, or less when this process's
    control group (a container, a CI job, a systemd service) has a lower memory limit, which the
    machine-wide figure does not show. None where neither can be read (not Linux)."""
    found: list[int] = []
    with suppress(OSError, ValueError, IndexError):
        for line in meminfo.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) * 1024)
    with suppress(OSError, ValueError):
        found.extend(_cgroup_headroom(cgroups, membership.read_text(encoding="ascii")))
    if not found:
        with suppress(AttributeError, ValueError, OSError):
            found.append(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES"))
    return min(found) if found else None


def _cgroup_headroom(root: Path, membership: str) -> Iterator[int]:
    """Limit less use of each control group from this process's up to the root (v2, or v1's memory
    controller): a limit set on any of them applies."""
    for line in membership.splitlines():
        _, controllers, path = line.split(":", 2)
        if controllers == "":
            base, limit_file, usage_file = root, "memory.max", "memory.current"
        elif "memory" in controllers.split(","):
            base, limit_file, usage_file = root / "memory", "memory.limit_in_bytes", "memory.usage_in_bytes"
        else:
            continue
        folder = base / path.lstrip("/")
        while True:
            with suppress(OSError, ValueError):
                limit = (folder / limit_file).read_text(encoding="ascii").strip()
                if limit != "max" and int(limit) < 1 << 60:  # v1 writes 'no limit' as nearly 2**63
                    yield max(0, int(limit) - _working_set(folder, usage_file))
            if folder == base or base not in folder.parents:
                break
            folder = folder.parent


def _working_set(folder: Path, usage_file: str) -> int:
    """A control group's use less the file cache it has not touched lately, which the kernel gives
    back first (the kubelet counts it so): a CI job that has just read a big checkout is not short
    of memory."""
    used = int((folder / usage_file).read_text(encoding="ascii"))
    inactive = 0
    with suppress(OSError, ValueError):
        lines = (folder / "memory.stat").read_text(encoding="ascii").splitlines()
        stat = dict(line.split(maxsplit=1) for line in lines)
        inactive = int(stat.get("total_inactive_file", stat.get("inactive_file", "0")))  # v1 counts its subgroups
    return max(0, used - inactive)


def describe_bytes(size: float) -> str:
    return f"{size / GB:.1f} GB" if size >= GB else f"{max(1, round(size / MB))} MB"


@dataclass(frozen=True)
class PoolPlan:
    """How many jobs run at once (1: in this process), and a note when fewer than asked for."""

    count: int
    note: Problem | None = None


def plan_pool(tasks: int, jobs: int | None, cores: int, budget: int, peak: int,
              worker: int = WORKER_BYTES) -> PoolPlan:
    """No more processes than jobs, than cores (more only take turns on them, each holding its own
    memory), or than fit in `budget` with each making the largest job (`peak` bytes) at once."""
    wanted = min(jobs or cores, tasks)
    fit = max(1, budget // (worker + peak))
    count = max(1, min(wanted, cores, fit))
    if count < min(wanted, cores):
        instead = min(wanted, cores)
        return PoolPlan(count, Problem(
            f"images are prepared {count} at a time, not {instead}: the largest needs about "
            f"{describe_bytes(worker + peak)} and the image stage may use {describe_bytes(budget)}",
            hint=f"set {MEMORY_VARIABLE} (e.g. {MEMORY_VARIABLE}={-(-instead * (worker + peak) // GB)}G) on a "
                 "machine that has the memory", severity="info", code="image-workers"))
    if count < wanted:
        return PoolPlan(count, Problem(
            f"--jobs {jobs}: this build may use {cores} cores, so images are prepared {count} at a time",
            severity="info", code="image-workers"))
    return PoolPlan(count)


# --- workers --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Workers:
    """How many processes, or which cluster. `remote` workers cannot read our files: jobs carry
    the image's bytes to them, and bring the JPEG back."""

    jobs: int | None = None          # None: one per core
    scheduler: str | None = None     # a Dask scheduler address, e.g. tcp://10.0.0.5:8786
    connect_timeout: float = 10.0    # seconds to reach the scheduler
    memory: int | None = None        # bytes the image stage may use here; None: memory_budget()

    @property
    def remote(self) -> bool:
        return self.scheduler is not None

    def count(self, tasks: int) -> int:
        """Jobs at once: as asked for a cluster; here, no more than the cores (see plan_pool)."""
        if self.remote:
            return max(1, min(self.jobs or cores(), tasks))
        return max(1, min(self.jobs or cores(), cores(), tasks))

    def budget(self) -> int:
        return memory_budget() if self.memory is None else self.memory

    def plan(self, tasks: int, peak: int = 0) -> PoolPlan:
        """The pool for `tasks` jobs of at most `peak` bytes each; a cluster's memory is its own."""
        if self.remote:
            return PoolPlan(self.count(tasks))
        return plan_pool(tasks, self.jobs, cores(), self.budget(), peak)

    @contextmanager
    def open(self, tasks: int) -> Iterator[Executor]:
        """An executor for `tasks` jobs at once (at most `count(tasks)`)."""
        if self.scheduler:
            with _dask(self.scheduler, self.connect_timeout) as executor:
                yield executor
            return
        workers = self.count(tasks)
        if workers == 1:
            yield InlineExecutor()
            return
        with _process_pool(workers) as pool:
            yield pool


@contextmanager
def _process_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool that does not outlive the block: on the way out after an exception (a bad image, a
    SIGTERM, Ctrl-C) its workers are stopped at once instead of finishing jobs nobody will use."""
    # spawn, not fork: the command line runs a progress thread, and forking a threaded process
    # can deadlock the child on a lock held at the moment of the fork.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_start, initargs=(os.getpid(),))
    try:
        yield pool
    except BrokenProcessPool:
        _stop(pool)
        raise SchedulerError(Problem(
            "a process preparing images was killed (out of memory, or from outside the build)",
            hint=f"build again; if it happens again, set {MEMORY_VARIABLE} lower or use fewer --jobs")) from None
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor, grace: float = 2.0) -> None:
    """Cancel what has not started and end the workers now (a 2400 ppi halftone takes a minute)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before 3.14
    results = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
    if results is not None:
        # a worker ended while sending a result leaves the pool's own thread waiting for the rest of
        # it, and the interpreter waiting for that thread at exit: with no writer left, it reads the end
        with suppress(OSError, AttributeError):
            results._writer.close()


def _worker_start(parent: int) -> None:
    """First thing in each worker: die with the build. When the build is killed outright nothing
    runs in it, and a worker left behind would wait forever for work, holding the caller's stdout
    and stderr (and the resource tracker's pipe, so that too lives on). Ctrl-C is the build's to
    handle: it stops its workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _kill_with_parent()
    if os.getppid() != parent:  # the build died before the kernel was told
        os._exit(1)
    watch_parent(parent)


_PR_SET_PDEATHSIG = 1


def _kill_with_parent() -> None:
    """On Linux, have the kernel send SIGKILL to this process when the thread that started it ends."""
    with suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def watch_parent(parent: int, interval: float = PARENT_POLL) -> threading.Thread:
    """A daemon thread that ends this process once its parent is no longer `parent` (it died, and
    the orphan went to init or a subreaper): the portable way to notice a dead build."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="catalog-parent-watch", daemon=True)
    thread.start()
    return thread


@contextmanager
def stopping_on_sigterm() -> Iterator[None]:
    """While the block runs, SIGTERM raises Stopped in the main thread, so the stage unwinds
    (workers stopped, temporary files removed) instead of the process vanishing with its workers
    left behind. Only where SIGTERM would end the process at once: a caller that handles or ignores
    SIGTERM itself keeps its way, and only the main thread can set a handler."""
    if threading.current_thread() is not threading.main_thread() or (
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process as it would have
        raise Stopped(Problem("stopped by SIGTERM while preparing images; no output was written"))

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main interpreter
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


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
