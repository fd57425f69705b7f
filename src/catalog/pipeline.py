"""The image stage: for each placement decide once (pass the file through, take it from the cache,
or make it), then make what is missing in the workers, storing each result as it arrives."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from . import images
from .cache import Entry, ImageCache, job_key
from .digests import Digests
from .errors import ImageError, OutputError, Problem
from .executors import Workers, stream
from .imageformats import REEXPORT
from .images import ImageInfo, Job, Made, Prepared
from .plan.model import DocumentPlan, ImagePlacement
from .press import PressProfile
from .render import Images, image_key

Progress = Callable[["ImageCounts", int], None]
"""Called as (counts so far, total placements)."""


@dataclass(frozen=True)
class ImageCounts:
    prepared: int = 0     # made in this build
    cached: int = 0       # taken from the cache
    passed: int = 0       # the file itself goes into the PDF

    @property
    def done(self) -> int:
        return self.prepared + self.cached + self.passed

    def describe(self) -> str:
        return f"{self.prepared} prepared, {self.cached} cached, {self.passed} passed through"


@dataclass(frozen=True)
class _Todo:
    key: str
    job: Job
    info: ImageInfo
    origin: ImagePlacement


def prepare_images(plan: DocumentPlan, press: PressProfile, cache: ImageCache, workers: Workers,
                   digests: Digests, progress: Progress | None = None) -> tuple[Images, ImageCounts]:
    """Every placement's image as this press needs it (orientation, colour, resolution). Deciding
    (which reads every source to hash it) runs while the workers make what the cache lacks; the
    workers start only when something is missing."""
    return _Stage(plan, press, cache, digests, progress).run(workers)


class _Stage:
    def __init__(self, plan: DocumentPlan, press: PressProfile, cache: ImageCache, digests: Digests,
                 progress: Progress | None):
        placements: dict[tuple[Path, float], ImagePlacement] = {}
        for page in plan.pages:
            for item in page.images:
                placements.setdefault(image_key(item), item)
        self.placements = sorted(placements.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))
        self.press, self.cache, self.digests, self.progress = press, cache, digests, progress
        self.prepared: Images = {}
        self.counts = ImageCounts()
        self.waiting: dict[str, list[tuple[Path, float]]] = {}  # cache key -> placements it will serve
        self.made: dict[str, Prepared] = {}

    def run(self, workers: Workers) -> tuple[Images, ImageCounts]:
        self._report()
        misses = self._misses()
        first = next(misses, None)
        if first is not None:
            jobs = 1 + sum(1 for key, _ in self.placements if key not in self.prepared)  # at most
            with workers.open(jobs) as executor:
                todo = itertools.chain([first], misses)
                shipped = (_shipped(t) if workers.remote else t for t in todo)
                for task, made in stream(executor, images.make_or_fail, shipped, 2 * workers.count(jobs),
                                         lambda t: t.job):
                    self._store(task, made)
        return self.prepared, self.counts

    def _misses(self) -> Iterator[_Todo]:
        """Each placement decided in turn; what must be made is yielded, once per distinct result."""
        inks = self.press.colour.inks()
        keep_rgb = self.press.colour.images == "keep"
        for key, item in self.placements:
            info = images.probe(item.path, item.origin)
            job = images.decide(info, item.rect.width, self.press.images, inks, keep_rgb)
            if job is None:
                self.prepared[key] = images.passed(info, self.digests.of(info.path))
                self._count(passed=1)
                continue
            cache_key = job_key(job, self.digests)
            if cache_key in self.made:  # the same picture at a size that gives the same pixels
                self.prepared[key] = self.made[cache_key]
                self._count(prepared=1)
            elif cache_key in self.waiting:
                self.waiting[cache_key].append(key)
            elif (entry := self.cache.get(cache_key)) is not None:
                self.prepared[key] = _prepared(entry, job, cache_key)
                self._count(cached=1)
            else:
                self.waiting[cache_key] = [key]
                yield _Todo(cache_key, job, info, item)

    def _store(self, task: _Todo, made: Made | str) -> None:
        if isinstance(made, str):
            raise ImageError(Problem(f"image {task.info.path.name} {made}", task.origin.origin.file
                                     or task.info.path, task.origin.origin.line,
                                     REEXPORT))
        try:
            entry = self.cache.put(task.key, made)
        except OSError as exc:
            raise OutputError(Problem(f"cannot store a prepared image in {self.cache.root}: {exc.strerror or exc}",
                                      hint="free some disk space, or build with --no-cache")) from None
        result = _prepared(entry, task.job, task.key)
        self.made[task.key] = result
        served = self.waiting.pop(task.key)
        for key in served:
            self.prepared[key] = result
        self._count(prepared=len(served))

    def _count(self, prepared: int = 0, cached: int = 0, passed: int = 0) -> None:
        self.counts = ImageCounts(self.counts.prepared + prepared, self.counts.cached + cached,
                                  self.counts.passed + passed)
        self._report()

    def _report(self) -> None:
        if self.progress:
            self.progress(self.counts, len(self.placements))


def _prepared(entry: Entry, job: Job, key: str) -> Prepared:
    return Prepared(str(entry.path), entry.width, entry.height, entry.space, job.target is not None, entry.max_ink,
                    key, entry.format, entry.bits)


def _shipped(task: _Todo) -> _Todo:
    """The job with the file's bytes, read only when a remote worker is about to take it."""
    return replace(task, job=replace(task.job, data=task.info.path.read_bytes()))
