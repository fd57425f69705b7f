"""Rebuild on every save: the loop behind `catalog watch`. The loop takes its changes as a plain
iterable of path sets, so tests drive it without waiting on the file system; `changes()` is the
real source, from watchfiles."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..builder import BuildOptions, BuildResult, build
from ..content.files import IMAGE_SUFFIXES
from ..errors import CatalogError, Problem
from ..images.cache import FOLDER as CACHE_FOLDER

WATCHED = frozenset({".yaml", ".yml", ".md", ".txt", *IMAGE_SUFFIXES, ".heic", ".heif", ".gif", ".bmp", ".ttf", ".otf",
                     ".icc", ".icm"})
IGNORED_DIRS = frozenset({"build", CACHE_FOLDER, ".git", ".venv", "venv", "__pycache__", "node_modules"})
DEBOUNCE_MS = 400  # an editor's save, or a folder of photos copied in, is one rebuild


@dataclass(frozen=True)
class Rebuild:
    """One build of the watch loop and how its preflight differs from the previous good build's."""

    changed: tuple[Path, ...]        # empty for the first build
    seconds: float
    result: BuildResult | None = None
    error: CatalogError | None = None
    new: tuple[Problem, ...] = ()       # findings the previous build did not have
    resolved: tuple[Problem, ...] = ()  # findings of the previous build that are gone


def finding_key(problem: Problem, base: Path | None = None) -> tuple[str, str, str, str]:
    """Findings are the same when they say the same thing about the same place."""
    return (problem.severity, problem.location(base), problem.where, problem.message)


def rebuild_on(changes: Iterable[set[Path]], project: Path, options: BuildOptions | None = None,
               builder: Callable[[Path, BuildOptions], BuildResult] = build,
               own: set[Path] | None = None) -> Iterator[Rebuild]:
    """Build once, then once per set of changed paths. A build that stops on an error yields that
    error and the loop goes on: the next save may fix it (a full disk, a file being copied in). Findings
    are compared with the last build that got as far as a preflight. The files each build writes are
    added to `own`, the set `changes()` leaves out, so a build never triggers the next."""
    options = options or BuildOptions()
    previous: dict[tuple[str, str, str, str], Problem] | None = None
    for changed in _first(changes):
        pending = tuple(sorted(changed))
        start = time.perf_counter()
        try:
            result = builder(project, options)
        except CatalogError as exc:
            yield Rebuild(pending, time.perf_counter() - start, error=exc)
            continue
        except Exception as exc:  # a bug or a fault of the machine: said in one line, and watching goes on
            yield Rebuild(pending, time.perf_counter() - start, error=unexpected(exc))
            continue
        if own is not None:
            own.update(path.resolve() for path in result.files)
        seconds = time.perf_counter() - start
        current = {finding_key(p, project): p for p in result.findings}
        if previous is None:
            yield Rebuild(pending, seconds, result)
        else:
            yield Rebuild(pending, seconds, result, new=tuple(p for k, p in current.items() if k not in previous),
                          resolved=tuple(p for k, p in previous.items() if k not in current))
        previous = current


def _first(changes: Iterable[set[Path]]) -> Iterator[set[Path]]:
    yield set()
    yield from changes


def unexpected(exc: Exception) -> CatalogError:
    """An error no stage expected, as one line."""
    return CatalogError(Problem(f"the build failed: {type(exc).__name__}: {exc}",
                                hint="fix what it names and save again; if it names nothing of yours, "
                                "it is a bug in catalog: please report it"))


def relevant(path: Path, project: Path, own: Collection[Path] = ()) -> bool:
    """Content, layouts, presses, fonts and images: not the build's own output (the `build/` folder,
    and `own`: files and folders a build or proof wrote elsewhere), the cache, editors' swap files or
    version control."""
    try:
        resolved = path.resolve()
        parts = resolved.relative_to(project.resolve()).parts
    except (ValueError, OSError, RuntimeError):
        return False
    if any(resolved == mine or mine in resolved.parents for mine in own):
        return False
    if not parts or any(part in IGNORED_DIRS or part.startswith(".") for part in parts):
        return False
    name = parts[-1]
    return not name.endswith("~") and Path(name).suffix.lower() in WATCHED


def changes(project: Path, stop: threading.Event | None = None, debounce_ms: int = DEBOUNCE_MS,
            timeout_ms: int = 0, own: Collection[Path] = ()) -> Iterator[set[Path]]:
    """The sets of relevant paths changed under `project`, a burst at a time, until `stop` is set (or,
    with `timeout_ms`, nothing changed for that long). Changes made during a build come in the next set.
    `own` may grow while watching: it is read at each change."""
    import watchfiles  # only the watch command needs it

    project = project.resolve()

    def keep(_change: watchfiles.Change, path: str) -> bool:
        return relevant(Path(path), project, own)

    for batch in watchfiles.watch(project, watch_filter=keep, debounce=debounce_ms, stop_event=stop,
                                  rust_timeout=timeout_ms, yield_on_timeout=bool(timeout_ms), raise_interrupt=True):
        if not batch and timeout_ms:
            return
        if batch:
            yield {Path(path) for _, path in batch}
