"""The prepared-image cache: JPEGs made for a press, kept in <project>/.catalog-cache/ under a key
of the source's content hash and every setting that changes the result, so that a rebuild after a
text or layout change that keeps placed sizes prepares no image.

Entries are written to a unique temporary name and renamed into place (the JPEG first, then its
metadata), so a reader sees a whole entry or none, and two builds at once can only both write the
same bytes. A build touches the entries it uses; pruning removes those unused for a while."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .digests import Digests
from .images import Job, Made

FOLDER = ".catalog-cache"
IMAGES = "images"
DIGESTS = "digests.json"
KEEP_DAYS = 30  # entries unused for longer are pruned after a build
_TMP_AGE = 3600.0  # seconds; older temporary files are left by a killed build


SUFFIXES = {"jpeg": ".jpg", "flate": ".flate"}
"""The data file of an entry, by format: a JPEG, or zlib-compressed samples (halftones)."""


@dataclass(frozen=True)
class Entry:
    path: Path          # the JPEG (or zlib-compressed samples)
    width: int
    height: int
    space: str
    max_ink: int | None
    format: str = "jpeg"
    bits: int = 8


@dataclass(frozen=True)
class Pruned:
    entries: int
    bytes: int


def job_key(job: Job, digests: Digests) -> str:
    """The content hash of the source and of the output profile, and the job's settings."""
    settings = job.settings()
    settings["source"] = hashlib.sha256(job.data).hexdigest() if job.data is not None else digests.of(job.path)
    if job.cmyk:
        profile = job.inks.profile
        settings["profile"] = digests.of(profile) if profile else "builtin"
    text = json.dumps(settings, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


@contextlib.contextmanager
def open_cache(project: Path, keep: bool) -> Iterator[ImageCache]:
    """The project's cache, or a throwaway one (--no-cache, or a project folder we cannot write)."""
    if keep:
        root = project / FOLDER
        try:
            (root / IMAGES).mkdir(parents=True, exist_ok=True)
            tag = root / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# Images prepared by catalog; safe to delete (catalog cache prune --days 0).\n",
                               encoding="ascii")
        except OSError:
            keep = False
        if keep:
            yield ImageCache(root)
            return
    with tempfile.TemporaryDirectory(prefix="catalog-images-") as folder:
        yield ImageCache(Path(folder), lasting=False)


class ImageCache:
    """One folder of entries. `root` may be a throwaway folder (--no-cache): same code, no reuse."""

    def __init__(self, root: Path, lasting: bool = True):
        self.root, self.lasting = root, lasting

    def digests(self) -> Digests:
        """Input hashes remembered beside a lasting cache; only for this build beside a throwaway one."""
        return Digests(self.root / DIGESTS if self.lasting else None)

    def _paths(self, key: str, format: str = "jpeg") -> tuple[Path, Path]:
        folder = self.root / IMAGES / key[:2]
        return folder / f"{key}{SUFFIXES[format]}", folder / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        _, meta = self._paths(key)
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            format, bits = str(data.get("format", "jpeg")), int(data.get("bits", 8))
            path, _ = self._paths(key, format)
            if path.stat().st_size != data["bytes"]:
                return None
            now = time.time()
            os.utime(meta, (now, now))  # last used: what pruning goes by
            return Entry(path, int(data["width"]), int(data["height"]), str(data["space"]), data["max_ink"],
                         format, bits)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # absent, half-pruned or damaged: made again

    def put(self, key: str, made: Made) -> Entry:
        path, meta = self._paths(key, made.format)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, made.data)
        info: dict[str, object] = {"width": made.width, "height": made.height, "space": made.space,
                                   "max_ink": made.max_ink, "bytes": len(made.data)}
        if made.format != "jpeg":
            info.update(format=made.format, bits=made.bits)
        _write_atomic(meta, json.dumps(info).encode())
        return Entry(path, made.width, made.height, made.space, made.max_ink, made.format, made.bits)

    def prune(self, keep_days: float = KEEP_DAYS) -> Pruned:
        """Remove entries not used for `keep_days` days (0: all), and temporaries left by killed
        builds. An entry's JPEG goes first, then its metadata, so no reader sees metadata alone
        pointing nowhere for long; if it does, `get` treats the entry as absent."""
        folder = self.root / IMAGES
        if not folder.is_dir():
            return Pruned(0, 0)
        now = time.time()
        entries = size = 0
        for meta in sorted(folder.glob("*/*.json")):
            with contextlib.suppress(OSError):
                if now - meta.stat().st_mtime < keep_days * 86400:
                    continue
                size += sum(_remove(meta.with_suffix(suffix)) for suffix in SUFFIXES.values()) + _remove(meta)
                entries += 1
        for temporary in folder.glob("*/.*.tmp"):
            with contextlib.suppress(OSError):
                if now - temporary.stat().st_mtime > _TMP_AGE or keep_days == 0:
                    size += _remove(temporary)
        for suffix in SUFFIXES.values():
            for data in folder.glob(f"*/*{suffix}"):  # image data whose metadata was never written
                if not data.with_suffix(".json").exists():
                    with contextlib.suppress(OSError):
                        if now - data.stat().st_mtime > _TMP_AGE or keep_days == 0:
                            size += _remove(data)
        for sub in folder.iterdir():
            with contextlib.suppress(OSError):
                sub.rmdir()  # only empty ones go
        return Pruned(entries, size)

    def usage(self) -> Pruned:
        """Entries and bytes held now."""
        folder = self.root / IMAGES
        metas = list(folder.glob("*/*.json")) if folder.is_dir() else []
        size = 0
        for path in folder.glob("*/*") if folder.is_dir() else []:
            with contextlib.suppress(OSError):
                size += path.stat().st_size
        return Pruned(len(metas), size)


def _remove(path: Path) -> int:
    try:
        size = path.stat().st_size
        path.unlink()
        return size
    except FileNotFoundError:
        return 0


def _write_atomic(path: Path, data: bytes) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
