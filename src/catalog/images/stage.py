"""The image stage: for each placement decide once (pass the file through, take it from the cache,
or make it), then make what is missing in the workers, storing each result as it arrives."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..colour import Inks
from ..errors import ImageError, OutputError, Problem
from ..specs.press import PressProfile
from . import prepare, prepared, probe, soundness
from .cache import Damaged, Entry, ImageCache, job_key
from .digests import Digests
from .jpeg import DamagedImage
from .prepare import Job, Made
from .prepared import Images, Placed, Prepared
from .probe import ImageInfo, Verdict
from .workers import MEMORY_VARIABLE, WORKER_BYTES, Workers, describe_bytes, stopping_on_sigterm, stream

Progress = Callable[["ImageCounts", int], None]
"""Called as (counts so far, total placements)."""


@dataclass(frozen=True)
class ImageCounts:
    prepared: int = 0     # made in this build
    cached: int = 0       # taken from the cache
    passed: int = 0       # the file itself goes into the PDF
    notes: tuple[Problem, ...] = field(default=(), compare=False)  # the stage's findings (damaged files...)

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
    origin: Placed
    source: str = ""  # the SHA-256 of the file the key was made from: the worker's bytes must have it


def prepare_images(placements: Iterable[Placed], press: PressProfile, cache: ImageCache, workers: Workers,
                   digests: Digests, progress: Progress | None = None) -> tuple[Images, ImageCounts]:
    """Every placement's image as this press needs it (orientation, colour, resolution). Deciding
    (which reads every source to hash it) runs while the workers make what the cache lacks; the
    workers start only when something is missing. Every file that cannot print as it should
    (damaged, cut short, changed meanwhile) is reported at once, in one ImageError; what the build
    should say besides (cache entries found damaged and made again, JPEGs re-encoded for a decoder
    warning) is in the counts' notes."""
    stage = _Stage(placements, press, cache, digests, progress)
    prepared, counts = stage.run(workers)
    if stage.errors:
        raise ImageError(stage.errors)
    return prepared, replace(counts, notes=counts.notes + tuple(stage.findings))


class _Stage:
    def __init__(self, placements: Iterable[Placed], press: PressProfile, cache: ImageCache, digests: Digests,
                 progress: Progress | None):
        first: dict[tuple[Path, float], Placed] = {}
        for item in placements:
            first.setdefault(item.key, item)
        self.placements = sorted(first.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))
        self.press, self.cache, self.digests, self.progress = press, cache, digests, progress
        self.prepared: Images = {}
        self.counts = ImageCounts()
        self.waiting: dict[str, list[tuple[Path, float]]] = {}  # cache key -> placements it will serve
        self.made: dict[str, Prepared] = {}
        self.findings: list[Problem] = []  # for the build's report (prepare_images puts them in the counts)
        self.errors: list[Problem] = []    # files that cannot print: one ImageError at the end
        self.said: set[Path] = set()       # files whose decoder warning is in the findings

    def run(self, workers: Workers) -> tuple[Images, ImageCounts]:
        notes: tuple[Problem, ...] = ()
        with stopping_on_sigterm():  # unwinds the stage: workers stopped, temporary files removed
            self._report()
            largest = 0
            if not workers.remote:
                workers = replace(workers, memory=workers.budget())  # read once for the stage
                largest = _largest_job(self, workers.budget())
            misses = self._misses()
            first = next(misses, None)
            if first is not None:
                jobs = 1 + sum(1 for key, _ in self.placements if key not in self.prepared)  # at most
                pool = workers.plan(jobs, largest)
                notes = (pool.note,) if pool.note else ()
                with workers.open(pool.count) as executor:
                    todo = itertools.chain([first], misses)
                    shipped = (_shipped(t) if workers.remote else t for t in todo)
                    for task, made in stream(executor, prepare.make_or_fail, shipped, 2 * pool.count,
                                             lambda t: t.job):
                        self._store(task, made)
        return self.prepared, replace(self.counts, notes=notes)

    def _misses(self) -> Iterator[_Todo]:
        """Each placement decided in turn; what must be made is yielded, once per distinct result.
        A JPEG that would pass through is first decoded whole (`probe.verify`), unless its content
        hash was judged by an earlier build; those are checked last, on threads, while the workers
        make what was yielded."""
        inks = self.press.colour.inks()
        keep_rgb = self.press.colour.images == "keep"
        unjudged: list[tuple[tuple[Path, float], Placed, ImageInfo]] = []
        for key, item in self.placements:
            info = probe.probe(item.path, item.origin)
            job = prepare.decide(info, item.width, self.press.images, inks, keep_rgb)
            if job is None:
                digest = self.digests.of(info.path)
                verdict = self.digests.verdict(digest)
                if verdict is None or verdict[:2] != (info.width, info.height):
                    unjudged.append((key, item, info))
                    continue
                if not verdict[2]:
                    self._pass(key, info, digest)
                    continue
                job = self._reencode(item, info, verdict[2], inks, keep_rgb)
            todo = self._todo(key, item, info, job)
            if todo is not None:
                yield todo
        for key, item, info, outcome in _judged(unjudged):
            if isinstance(outcome, DamagedImage):
                self.errors.append(soundness.failed(info.path, item.origin, str(outcome)))
                continue
            if (outcome.width, outcome.height) != (info.width, info.height):  # replaced since it was probed
                self.errors.append(_changed(item, info))
                continue
            self.digests.judged(outcome.digest, outcome.width, outcome.height, outcome.warning)
            if not outcome.warning:
                self._pass(key, info, outcome.digest)
                continue
            todo = self._todo(key, item, info, self._reencode(item, info, outcome.warning, inks, keep_rgb))
            if todo is not None:
                yield todo

    def _pass(self, key: tuple[Path, float], info: ImageInfo, digest: str) -> None:
        self.prepared[key] = prepare.passed(info, digest)
        self._count(passed=1)

    def _reencode(self, item: Placed, info: ImageInfo, warning: str, inks: Inks, keep_rgb: bool) -> Job:
        """The job for a JPEG that decodes, but with a warning taken as harmless (stray bytes
        before a restart marker, say): made from what decodes rather than handed to a RIP as it is."""
        self._warned(item, info, warning)
        job = prepare.decide(replace(info, clean=False), item.width, self.press.images, inks, keep_rgb)
        assert job is not None  # not clean: never passed through
        return job

    def _warned(self, item: Placed, info: ImageInfo, warning: str) -> None:
        """Said once a build for each file (`soundness.warned`, which `catalog check` says too)."""
        if info.path in self.said:
            return
        self.said.add(info.path)
        self.findings.append(soundness.warned(info.path, item.origin, warning))

    def _todo(self, key: tuple[Path, float], item: Placed, info: ImageInfo, job: Job) -> _Todo | None:
        """Served by a result made or cached already, or the work to make it."""
        source = self.digests.of(info.path)
        known = self.digests.verdict(source)
        if known is not None and known[2]:  # found when it was made: said again while it is used
            self._warned(item, info, known[2])
        cache_key = job_key(job, self.digests)
        if cache_key in self.made:  # the same picture at a size that gives the same pixels
            self.prepared[key] = self.made[cache_key]
            self._count(prepared=1)
            return None
        if cache_key in self.waiting:
            self.waiting[cache_key].append(key)
            return None
        found = self.cache.lookup(cache_key)
        if isinstance(found, Entry):
            self.prepared[key] = _prepared(found, job, cache_key)
            self._count(cached=1)
            return None
        if isinstance(found, Damaged):
            self.findings.append(Problem(
                f"the prepared image of {info.path.name} in the cache ({found.path.name}) was damaged "
                f"({found.reason}) and was prepared again", item.origin.file or info.path, item.origin.line,
                "nothing to do; if it happens again, check the disk", severity="info", code="cache-damaged"))
        self.waiting[cache_key] = [key]
        return _Todo(cache_key, job, info, item, source)

    def _store(self, task: _Todo, made: Made | str) -> None:
        """A worker's result into the cache and to every placement it serves. A failure is kept
        for the end of the stage, so that one build names every file that cannot print."""
        origin = task.origin.origin
        if isinstance(made, str):
            self.waiting.pop(task.key, None)
            self.errors.append(soundness.failed(task.info.path, origin, made))
            return
        if made.source and task.source and made.source != task.source:  # not the file the key was made from
            self.waiting.pop(task.key, None)
            self.errors.append(_changed(task.origin, task.info))
            return
        if made.warning:
            self.digests.judged(task.source, task.info.width, task.info.height, made.warning)
            self._warned(task.origin, task.info, made.warning)
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
    """Named by the hash of the entry's data, not by `key`: the write stage checks the bytes it
    embeds against it (`cache.read_prepared`)."""
    return Prepared(str(entry.path), entry.width, entry.height, entry.space, job.target is not None, entry.max_ink,
                    prepared.resource_name(entry.sha256, entry.format, entry.width, entry.height), entry.format,
                    entry.bits)


def _changed(item: Placed, info: ImageInfo) -> Problem:
    return Problem(f"image {info.path.name} changed while the catalog was being built", item.origin.file or info.path,
                   item.origin.line, "build again", code="image-changed")


_Unjudged = tuple[tuple[Path, float], Placed, ImageInfo]


def _judged(unjudged: list[_Unjudged]) -> Iterator[tuple[tuple[Path, float], Placed, ImageInfo,
                                                           Verdict | DamagedImage]]:
    """Each JPEG decoded once however often it is placed, on as many threads as there are cores
    (libjpeg-turbo and hashing let go of the GIL)."""
    paths = list(dict.fromkeys(info.path for _, _, info in unjudged))
    if not paths:
        return

    def judge(path: Path) -> Verdict | DamagedImage:
        try:
            return probe.verify(path)
        except DamagedImage as exc:
            return exc

    with ThreadPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as pool:
        outcomes = dict(zip(paths, pool.map(judge, paths), strict=True))
    for key, item, info in unjudged:
        yield key, item, info, outcomes[info.path]


def _shipped(task: _Todo) -> _Todo:
    """The job with the file's bytes, read only when a remote worker is about to take it."""
    return replace(task, job=replace(task.job, data=task.info.path.read_bytes()))


def _largest_job(stage: _Stage, budget: int) -> int:
    """The most memory one job of the stage may need (`prepare.peak_bytes`), from every placement
    probed (headers only) and decided: the pool is sized by it. A job that cannot fit in `budget`
    even alone is refused here, before any work, unless the cache already holds its result."""
    inks = stage.press.colour.inks()
    keep_rgb = stage.press.colour.images == "keep"
    largest = 0
    for _, item in stage.placements:
        info = probe.probe(item.path, item.origin)
        job = prepare.decide(info, item.width, stage.press.images, inks, keep_rgb)
        if job is None:
            continue
        peak = prepare.peak_bytes(job, info)
        if WORKER_BYTES + peak > budget and stage.cache.get(job_key(job, stage.digests)) is None:
            raise ImageError(_too_big(stage.press, item, info, job, budget))
        largest = max(largest, peak)
    return largest


def _too_big(press: PressProfile, item: Placed, info: ImageInfo, job: Job, budget: int) -> Problem:
    """One job more than the image stage may use: the image, the setting that makes it so big, and
    for a halftone the resolution that would fit."""
    try:
        name = str(info.path.relative_to(item.origin.file.parent)) if item.origin.file else info.path.name
    except ValueError:
        name = info.path.name
    needs = (f"needs about {describe_bytes(WORKER_BYTES + prepare.peak_bytes(job, info))}, more than the "
             f"{describe_bytes(budget)} the image stage may use")
    more = f"or set {MEMORY_VARIABLE} higher on a machine that has the memory"
    if job.grey is not None and job.grey.halftone:
        inks = press.colour.inks()

        def fits(ppi: int) -> bool:
            smaller = prepare.decide(info, item.width, replace(press.images, halftone_ppi=ppi), inks)
            return smaller is not None and WORKER_BYTES + prepare.peak_bytes(smaller, info) <= budget

        lowest = max(300, 5 * job.grey.halftone)  # as the press profile allows
        lower = next((f"lower 'images.halftone_ppi' to {ppi}" for ppi in range(job.grey.ppi - 100, lowest - 1, -100)
                      if fits(ppi)), "lower 'images.halftone_ppi'")
        at = press.origin("images", "halftone_ppi")
        return Problem(f"the halftone of {name} at {job.grey.ppi} ppi {needs}", at.file, at.line,
                       hint=f"{lower}, place the image smaller, {more}")
    size = f"it is {info.width} × {info.height} pixels"
    setting = f"lower 'images.resample_to' ({press.images.resample_to}) in {press.path.name}, " if job.target else ""
    return Problem(f"image {name} {needs}", item.origin.file or info.path, item.origin.line,
                   hint=f"resize it ({size}), {setting}{more}")
