"""Where a build's files go, and how they get there: every output path is checked before any work
(never an input, never a device, a pipe or a folder, never someone else's file), written under a
temporary name, and put in place as one set under a lock, so the PDF, its plates, its printer
sheets, its preflight report and its manifest always come from the same build.

A kill can land between two renames of a set; the commit writes a journal first, and the next
build to the same output finishes what it lists. The manifest is taken away first and put back
last, so while it is there it describes the files beside it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputRefused, Problem

SOURCE_FOLDERS = ("content", "layouts", "presses", "fonts", ".catalog-cache")
"""Folders of a project that hold its sources (and its image cache): no output goes into them."""

NAME_MAX = 255
"""Bytes in a file name on the common file systems (ext4, APFS, NTFS in UTF-16 units, XFS)."""

TEMP_PREFIX = ".catalog-"
_TEMP = re.compile(r"^\.catalog-(\d+)-[^/]*\.tmp$")
_OLD_TEMP = re.compile(r"^\..+\.(\d+)(?:\.drawn|\.marks)?\.tmp$")  # names of builds before this module
STALE_AFTER = 60.0       # seconds: a dead build's temporary file older than this is removed
ABANDONED_AFTER = 86400  # seconds: removed whatever wrote it (another machine on a shared folder)

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


@dataclass(frozen=True)
class Output:
    """One file a build writes: where, and what it is called in messages."""

    path: Path
    label: str                  # e.g. "the PDF", "the manifest"
    kind: str = "pdf"           # "pdf" or "json": what an earlier file there must be to be replaced


@dataclass(frozen=True)
class Guard:
    """What a build must never write over: its inputs (resolved) and the project's source folders."""

    project: Path
    inputs: frozenset[Path] = field(default_factory=frozenset)

    @classmethod
    def of(cls, project: Path, inputs: Iterable[Path]) -> Guard:
        return cls(project.resolve(), frozenset(_resolved(p) for p in inputs))

    def folders(self) -> list[Path]:
        return [self.project / name for name in SOURCE_FOLDERS]


def check(outputs: Sequence[Output], guard: Guard, option: str = "--out") -> None:
    """Refuse, before any work, outputs that would destroy something (the PDF first, then the files
    named after it)."""
    for output in outputs:
        problem = _refusal(output, guard, option)
        if problem:
            raise OutputRefused(problem)  # the first is enough: the others follow from the same --out


def _refusal(output: Output, guard: Guard, option: str) -> Problem | None:
    path = output.path
    elsewhere = f"give {option} another file name, e.g. build/catalog.pdf"
    size = len(path.name.encode("utf-8", "surrogateescape"))
    if size > NAME_MAX:
        return Problem(f"the file name of {output.label} would be {size} bytes long, and file systems allow "
                       f"{NAME_MAX}: {_short(path.name)}", hint=f"give {option} a shorter name")
    target = _resolved(path)
    if target in guard.inputs:
        return Problem(f"{output.label} would replace this file, which the catalog is built from", path,
                       hint=elsewhere)
    for folder in guard.folders():
        if target == folder or folder in target.parents:
            return Problem(f"{output.label} would be written into {folder.name}/, which holds the catalog's "
                           "sources", path, hint=f"write it outside {', '.join(SOURCE_FOLDERS[:4])}, e.g. into "
                           "build/")
    try:
        found = os.stat(path)  # through links: what a write would open
    except FileNotFoundError:
        found = None
    except OSError as exc:
        return Problem(f"cannot write {output.label} here: {exc.strerror or exc}", path, hint=elsewhere)
    for test, kind in _KINDS:
        if found is not None and test(found.st_mode):
            hint = ("to check the catalog without writing anything, run: catalog check" if kind != "a folder"
                    else f"give {option} a file name inside it, e.g. {path / 'catalog.pdf'}")
            return Problem(f"is {kind}, not a file: {output.label} is only ever written to an ordinary file",
                           path, hint=hint)
    if output.kind == "pdf" and path.suffix.lower() != ".pdf":
        return Problem(f"{output.label} would get a name that does not end in .pdf", path,
                       hint=f"give {option} a name ending in .pdf, e.g. build/catalog.pdf")
    if found is None:
        return None
    if not _ours(target, output.kind, found.st_size):
        what = "a PDF" if output.kind == "pdf" else "a report of a build"
        return Problem(f"exists and is not {what}; {output.label} replaces only a file an earlier build wrote",
                       path, hint=f"move that file away, or {elsewhere}")
    return None


def _ours(path: Path, kind: str, size: int) -> bool:
    """An earlier build's file (or an empty one) may be replaced; anything else is somebody's work."""
    if size == 0:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.startswith(b"%PDF-") if kind == "pdf" else head.lstrip().startswith(b"{")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _short(name: str) -> str:
    return name if len(name) <= 60 else f"{name[:28]}…{name[-28:]}"


# --- writing a set ------------------------------------------------------------------------------

class Staging:
    """Temporary files beside their outputs, committed together or not at all. Names carry the
    process id, so a later build can tell a killed build's leftovers from a running build's."""

    def __init__(self) -> None:
        self._finals: dict[Path, Path] = {}   # output -> its temporary file
        self._scratch: list[Path] = []        # intermediate files, never committed

    def temp(self, final: Path) -> Path:
        """Where to write `final` until the commit."""
        if final not in self._finals:
            self._finals[final] = _make_temp(final.parent)
        return self._finals[final]

    def scratch(self, near: Path) -> Path:
        """An intermediate file in the same folder (same disk as the output: no copy across disks)."""
        path = _make_temp(near.parent)
        self._scratch.append(path)
        return path

    @property
    def finals(self) -> tuple[Path, ...]:
        return tuple(self._finals)

    def discard(self) -> None:
        for path in (*self._finals.values(), *self._scratch):
            with contextlib.suppress(OSError):
                path.unlink()
        self._finals.clear()
        self._scratch.clear()

    def commit(self, manifest: Path) -> None:
        """Put every staged file in place, the manifest last; outputs of the previous build to the same
        place that this one does not make (printer sheets, plates) are removed with it."""
        for path in self._scratch:
            with contextlib.suppress(OSError):
                path.unlink()
        self._scratch.clear()
        folder = manifest.parent
        stem = manifest.name.removesuffix(".manifest.json")
        journal = folder / f".{stem}.commit.json"
        with locked(folder):
            replay(journal)
            finals = set(self._finals)
            stale = [p for p in previous_outputs(manifest) if p not in finals]
            order = [final for final in self._finals if final != manifest] + [manifest]
            plan = {"manifest": str(manifest),
                    "rename": [[str(self._finals[final]), str(final)] for final in order],
                    "remove": [str(p) for p in stale]}
            _write_journal(journal, plan)
            _apply(plan)
            journal.unlink()
        self._finals.clear()


def replay(journal: Path) -> None:
    """Finish a commit that a kill interrupted: its temporary files were complete before it began."""
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        plan = None
    if isinstance(plan, dict):
        _apply(plan)
    with contextlib.suppress(OSError):
        journal.unlink()


def _apply(plan: Mapping[str, object]) -> None:
    """Idempotent: run again after a kill at any point, it ends where an uninterrupted run ends."""
    pairs = [(Path(a), Path(b)) for a, b in _pairs(plan.get("rename"))]
    manifest = Path(str(plan.get("manifest", "")))
    if any(final == manifest and temp.exists() for temp, final in pairs):
        with contextlib.suppress(FileNotFoundError):
            manifest.unlink()  # no manifest rather than one describing other files
    for temp, final in pairs:
        if temp.exists():
            os.replace(temp, final)
    removals = plan.get("remove")
    for name in removals if isinstance(removals, list) else []:
        with contextlib.suppress(OSError):
            Path(str(name)).unlink()


def _pairs(value: object) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return []
    return [(str(item[0]), str(item[1])) for item in value if isinstance(item, list) and len(item) == 2]


def _write_journal(path: Path, plan: Mapping[str, object]) -> None:
    data = json.dumps(plan, ensure_ascii=False).encode("utf-8", "surrogateescape")
    temporary = _make_temp(path.parent)
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def previous_outputs(manifest: Path) -> list[Path]:
    """The files the last build to this place listed as its outputs: only plain names in the same
    folder, so a damaged or hand-edited manifest cannot make a build delete anything elsewhere."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    listed = data.get("outputs") if isinstance(data, dict) else None
    found = []
    for entry in listed if isinstance(listed, list) else []:
        name = entry.get("file") if isinstance(entry, dict) else None
        if isinstance(name, str) and name and "/" not in name and "\\" not in name and not name.startswith("."):
            path = manifest.parent / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def _make_temp(folder: Path) -> Path:
    """A new empty file with the permissions an ordinary new file gets (mkstemp's are private: a
    PDF for the print shop must not arrive unreadable to the rest of the team)."""
    for _ in range(100):
        path = folder / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary name in {folder}")


def remove_leftovers(folder: Path, now: float | None = None) -> int:
    """Temporary files of builds that were killed (SIGKILL, a power cut): their process is gone and
    they are a minute old, or they are a day old whoever wrote them. Returns how many went."""
    now = time.time() if now is None else now
    removed = 0
    try:
        names = [entry for entry in os.scandir(folder) if entry.name.startswith(".") and entry.name.endswith(".tmp")]
    except OSError:
        return 0
    for entry in names:
        match = _TEMP.match(entry.name) or _OLD_TEMP.match(entry.name)
        if not match:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        age = now - info.st_mtime
        if age > ABANDONED_AFTER or (age > STALE_AFTER and not alive(int(match.group(1)))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def alive(pid: int) -> bool:
    """Whether process `pid` runs here (True when that cannot be told)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # os.kill(pid, 0) would end the process on Windows: go by age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the output folder for the block: builds writing there take turns to put
    their files in place (a few milliseconds each). POSIX locks the folder itself, leaving no file
    behind; Windows, which cannot open a folder, a lock file in it."""
    if os.name == "posix":
        import fcntl

        handle = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)  # closing releases the lock
        return
    import msvcrt

    handle = os.open(folder / ".catalog.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                msvcrt.locking(handle, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                break
            except OSError:
                continue  # LK_LOCK gives up after ten seconds: keep waiting
        yield
    finally:
        os.close(handle)
