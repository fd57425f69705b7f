"""The prepared-image cache: JPEGs made for a press, kept in <project>/.catalog-cache/ under a key
of the source's content hash and every setting that changes the result, so that a rebuild after a
text or layout change that keeps placed sizes prepares no image.

Entries are written to a unique temporary name and renamed into place (the JPEG first, then its
metadata), so a reader sees a whole entry or none, and two builds at once can only both write the
same bytes. A build touches the entries it uses; pruning removes those unused for a while.

Each entry's metadata carries the SHA-256 of its data, checked when the entry is used (a damaged
entry is made again and reported) and again, byte for byte, when the write stage reads it. A build
hard-links the entries it uses into a folder of its own (in-use/), which pruning leaves alone, so a
`catalog cache prune` at the same time cannot take them away before they are written."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from ..errors import ImageError, Problem
from ..outputs import STALE_AFTER, alive
from .digests import Digests
from .jpeg import jpeg_frame
from .prepare import Job, Made

FOLDER = ".catalog-cache"
IMAGES = "images"
IN_USE = "in-use"  # <build>/ folders of hard links to the entries a running build uses
DIGESTS = "digests.json"
KEEP_DAYS = 30  # entries unused for longer are pruned after a build
_TMP_AGE = 3600.0  # seconds; older temporary files are left by a killed build
_PIN_AGE = 86400.0  # seconds; an older in-use folder was left by a killed build (no build takes a day)


SUFFIXES = {"jpeg": ".jpg", "flate": ".flate"}
"""The data file of an entry, by format: a JPEG, or zlib-compressed samples (halftones)."""
_CHANNELS = {"gray": 1, "rgb": 3, "cmyk": 4}
_DIGEST = re.compile(r"[0-9a-f]{64}")
_KEY = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Entry:
    path: Path          # the JPEG (or zlib-compressed samples): the entry's file, or this build's link to it
    width: int
    height: int
    space: str
    max_ink: int | None
    format: str = "jpeg"
    bits: int = 8
    sha256: str = ""    # of the data


@dataclass(frozen=True)
class Damaged:
    """An entry that is there but not as it was written: made again, and said so once."""

    path: Path          # the file at fault: the data, or the metadata
    reason: str


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
    """The project's cache, or a throwaway one (--no-cache, or a project folder we cannot write).
    The project's cache keeps the entries this build uses linked in a folder of its own until the
    build is over (see `ImageCache.pinning`)."""
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
            cache = ImageCache(root)
            cache.pinning = True
            try:
                yield cache
            finally:
                cache.close()
            return
    _remove_dead_throwaways(Path(tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=f"{THROWAWAY}{os.getpid()}-") as folder:
        yield ImageCache(Path(folder), lasting=False)


THROWAWAY = "catalog-images-"
"""The prefix of a --no-cache build's folder in the system's temporary folder, before its process id."""


def _remove_dead_throwaways(folder: Path) -> None:
    """Throwaway caches of builds killed outright (SIGKILL: nothing ran to remove them), a minute old."""
    now = time.time()
    try:
        found = [entry for entry in os.scandir(folder) if entry.name.startswith(THROWAWAY)]
    except OSError:
        return
    for entry in found:
        pid = entry.name[len(THROWAWAY):].split("-", 1)[0]
        with contextlib.suppress(OSError):
            if (pid.isdigit() and entry.is_dir(follow_symlinks=False) and not alive(int(pid))
                    and now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER):
                shutil.rmtree(entry.path, ignore_errors=True)


class ImageCache:
    """One folder of entries. `root` may be a throwaway folder (--no-cache): same code, no reuse."""

    def __init__(self, root: Path, lasting: bool = True):
        self.root, self.lasting = root, lasting
        self.pinning = False  # entries used are hard-linked into in-use/<this build>/ (set by open_cache)
        self._pins: Path | None = None

    def digests(self) -> Digests:
        """Input hashes remembered beside a lasting cache; only for this build beside a throwaway one."""
        return Digests(self.root / DIGESTS if self.lasting else None)

    def _paths(self, key: str, format: str = "jpeg") -> tuple[Path, Path]:
        folder = self.root / IMAGES / key[:2]
        return folder / f"{key}{SUFFIXES[format]}", folder / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        """The entry, or None: absent, or damaged (see `lookup`)."""
        found = self.lookup(key)
        return found if isinstance(found, Entry) else None

    def lookup(self, key: str) -> Entry | Damaged | None:
        """The entry for `key`, checked; Damaged when it is there but not as it was written; None
        when absent, half-pruned, or written before entries carried a checksum. Its metadata must
        be exactly right, the data's frame (a JPEG's header) or length (samples) must agree with it,
        and the data must match its checksum: read and hashed when its size, time or inode differ
        from when it was written, trusted otherwise (a warm rebuild would read the whole cache
        twice; the write stage checks every byte it embeds anyway, see `read_prepared`)."""
        _, meta = self._paths(key)
        try:
            text = meta.read_bytes()
        except OSError:
            return None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return Damaged(meta, "its metadata is not JSON")
        if isinstance(data, dict) and "sha256" not in data:
            return None  # made before entries carried a checksum: made again, nothing to say
        fields = _fields(data)
        if isinstance(fields, str):
            return Damaged(meta, f"its metadata {fields}")
        width, height, space, max_ink, format, bits, size, digest, written = fields
        path, _ = self._paths(key, format)
        try:
            used = self._pin(path)  # the file itself from here on: a prune cannot take it away
        except FileNotFoundError:
            return None  # pruned, data first
        try:
            fault, seen = _fault(used, width, height, space, format, bits, size, digest, written)
        except FileNotFoundError:
            return None  # pruned meanwhile (a cache that cannot link)
        except OSError:
            fault, seen = "its data cannot be read", None
        if fault:
            if used != path:
                with contextlib.suppress(OSError):
                    used.unlink()
            return Damaged(path, fault)
        with contextlib.suppress(OSError):
            if seen is not None:  # hashed and found whole: remember it as it is now (a copied cache, say)
                _write_atomic(meta, json.dumps(dict(data, stat=seen)).encode())
            now = time.time()
            os.utime(meta, (now, now))  # last used: what pruning goes by
        return Entry(used, width, height, space, max_ink, format, bits, digest)

    def put(self, key: str, made: Made) -> Entry:
        path, meta = self._paths(key, made.format)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(made.data).hexdigest()
        written = _write_atomic(path, made.data)
        info: dict[str, object] = {"width": made.width, "height": made.height, "space": made.space,
                                   "max_ink": made.max_ink, "bytes": len(made.data), "sha256": digest,
                                   "stat": [written.st_size, written.st_mtime_ns, written.st_ino]}
        if made.format != "jpeg":
            info.update(format=made.format, bits=made.bits)
        _write_atomic(meta, json.dumps(info).encode())
        try:
            used = self._pin(path, made.data)
        except FileNotFoundError:
            used = path
        return Entry(used, made.width, made.height, made.space, made.max_ink, made.format, made.bits, digest)

    def _pin(self, path: Path, data: bytes | None = None) -> Path:
        """This build's hard link to an entry's data, in a folder pruning leaves alone: a `catalog
        cache prune` meanwhile cannot take the bytes from under the write stage. The entry itself
        when links cannot be made here (the write stage then says what went missing). Raises
        FileNotFoundError when the entry is gone, unless its `data` are at hand to write instead."""
        if not self.pinning:
            return path
        try:
            if self._pins is None:
                (self.root / IN_USE).mkdir(exist_ok=True)
                self._pins = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=self.root / IN_USE))
            target = self._pins / path.name
            with contextlib.suppress(FileNotFoundError):
                target.unlink()  # an earlier link to a damaged entry, now made again
            try:
                os.link(path, target)
            except FileNotFoundError:
                if data is None or not path.parent.exists():
                    raise
                target.write_bytes(data)
            return target
        except FileNotFoundError:
            raise
        except OSError:  # no hard links on this file system, or no room for a folder
            self.pinning = False
            return path

    def close(self) -> None:
        """Drop this build's links (the entries stay)."""
        if self._pins is not None:
            shutil.rmtree(self._pins, ignore_errors=True)
            self._pins = None

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
        in_use = self.root / IN_USE
        for pins in in_use.iterdir() if in_use.is_dir() else ():
            with contextlib.suppress(OSError):
                if now - pins.stat().st_mtime > _PIN_AGE:  # a running build's links stay, whatever the days
                    shutil.rmtree(pins, ignore_errors=True)
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


def _write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Written under a temporary name and renamed into place; the file's status as written (the
    rename keeps its inode and times)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            written = os.fstat(out.fileno())
        os.replace(name, path)
        return written
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


_Fields = tuple[int, int, str, "int | None", str, int, int, str, "list[int] | None"]


def _fields(data: Any) -> _Fields | str:
    """The metadata's values when each is of its kind and in its range, else what is wrong: a
    value of the wrong type must not reach the PDF (an ink total as text) or end the build."""
    if not isinstance(data, dict):
        return "is not an object"
    width, height, space = data.get("width"), data.get("height"), data.get("space")
    format, bits, max_ink = data.get("format", "jpeg"), data.get("bits", 8), data.get("max_ink")
    size, digest, stat = data.get("bytes"), data.get("sha256"), data.get("stat")
    if not (_whole(width) and _whole(height) and width > 0 and height > 0):
        return f"gives no usable size ({width!r} × {height!r})"
    if space not in _CHANNELS:
        return f"names no colour space ({space!r})"
    if format not in SUFFIXES:
        return f"names no format ({format!r})"
    if bits not in ((8,) if format == "jpeg" else (1, 8)) or not _whole(bits):
        return f"gives {bits!r} bits per sample"
    if max_ink is not None and not (_whole(max_ink) and 0 <= max_ink <= 400):
        return f"gives no usable ink total ({max_ink!r})"
    if not _whole(size) or size < 0:
        return f"gives no byte count ({size!r})"
    if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
        return "has no checksum"
    written = stat if isinstance(stat, list) and len(stat) == 3 and all(_whole(v) for v in stat) else None
    return width, height, space, max_ink, format, bits, size, digest, written


def _whole(value: object) -> TypeGuard[int]:
    return type(value) is int  # not a bool, a float or a string of digits


def _fault(path: Path, width: int, height: int, space: str, format: str, bits: int, size: int, digest: str,
           written: list[int] | None) -> tuple[str, list[int] | None]:
    """What is wrong with an entry's data ("" when nothing), and its status when it was hashed
    because that differs from when it was written."""
    with path.open("rb") as handle:
        stat = os.fstat(handle.fileno())
        if stat.st_size != size:
            return f"its data is {stat.st_size} bytes, not {size}", None
        if format == "jpeg":
            frame = jpeg_frame(handle)
            if frame is None:
                return "its JPEG has no frame header", None
            if (frame.width, frame.height) != (width, height):
                return f"its JPEG is {frame.width} × {frame.height} pixels, not {width} × {height}", None
            if frame.components != _CHANNELS[space]:
                return f"its JPEG has {frame.components} colour component(s), not {space}", None
        now = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        if now == written and format == "jpeg":
            return "", None
        handle.seek(0)
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != digest:
        return "its data does not match its checksum", None
    if format == "flate":
        expected = -(-width * bits // 8) * height * _CHANNELS[space]
        try:
            inflate = zlib.decompressobj()
            samples = len(inflate.decompress(content, expected + 1)) if expected <= 1100 * size + 64 else -1
        except zlib.error:
            return "its samples cannot be decompressed", None
        if samples != expected or not inflate.eof:
            return f"its samples are not {width} × {height} at {bits} bit(s)", None
    return "", None if now == written else now


def _entry_of(path: Path) -> Path | None:
    """The cache entry a prepared image's file is, or links to; None for any other file."""
    if not _KEY.fullmatch(path.stem) or path.suffix not in SUFFIXES.values():
        return None
    if path.parent.parent.name == IN_USE:
        return path.parent.parent.parent / IMAGES / path.stem[:2] / path.name
    if path.parent.parent.name == IMAGES and path.parent.name == path.stem[:2]:
        return path
    return None


def read_prepared(source: str, name: str) -> bytes:
    """The bytes of an image for the PDF, checked against the SHA-256 its name carries (the image
    stage names each image by the hash of the bytes it decided on). A photo replaced while the
    catalog was being built, or a cache entry damaged or removed since it was checked, is refused
    by name rather than embedded under another image's size. Raises ImageError."""
    path = Path(source)
    entry = _entry_of(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if entry is not None:
            raise ImageError(Problem(f"prepared image {entry.name} was removed from the image cache while the "
                                     "catalog was being built", entry, code="cache-removed",
                                     hint="build again; let `catalog cache prune` wait for builds to end")) from None
        raise ImageError(Problem(f"image {path.name} was removed while the catalog was being built", path,
                                 hint="put it back, then build again", code="image-changed")) from None
    except OSError as exc:
        raise ImageError(Problem(f"image {path.name} cannot be read ({exc.strerror or exc})", entry or path,
                                 hint="check that the file can be opened, then build again")) from None
    if hashlib.sha256(data).hexdigest() == name[:64]:
        return data
    if entry is not None:
        raise ImageError(Problem(f"prepared image {entry.name} in the image cache no longer holds the bytes it "
                                 "was made with", entry, hint="run `catalog cache prune --days 0`, then build again",
                                 code="cache-damaged"))
    raise ImageError(Problem(f"image {path.name} changed while the catalog was being built", path,
                             hint="build again", code="image-changed"))
