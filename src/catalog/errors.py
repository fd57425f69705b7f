"""User-facing problems: one family of errors that name the file, the line and the fix."""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "info"]


class ExitCode(IntEnum):
    """Every status the `catalog` command ends with, so scripts and CI can tell the cases apart."""

    OK = 0
    INTERNAL = 1          # a fault of ours or of the machine (a full disk), not of the input
    INPUT = 2             # a problem with the user's input, reported as file and line
    PREFLIGHT_FAILED = 3  # built or checked, but preflight found errors (or warnings, with --strict)
    TERMINATED = 128 + signal.SIGTERM  # 143: what a shell reports for a process ended by SIGTERM


@dataclass(frozen=True)
class Problem:
    """One finding, tied to the source that caused it so the user can go and fix it."""

    message: str
    file: Path | None = None
    line: int | None = None
    hint: str = ""
    severity: Severity = "error"
    code: str = ""           # a stable name for the kind of finding, e.g. low-ppi
    where: str = ""          # the entry and file within the source, e.g. works[2] images/dune.jpg
    page: int | None = None  # the page it concerns, when there is one

    def location(self, base: Path | None = None) -> str:
        if self.file is None:
            return ""
        path = shown(str(_display_path(self.file, base)))
        return f"{path}:{self.line}" if self.line else path

    def format(self, base: Path | None = None) -> str:
        where = " ".join(part for part in (self.location(base), self.where) if part)
        text = f"{where}: {self.message}" if where else self.message
        return shown(f"{text}; {self.hint}" if self.hint else text)

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.file or ""), self.line or 0, self.message)

    def as_dict(self, base: Path | None = None) -> dict[str, object]:
        """For --json and the preflight report: plain values, paths relative to `base`."""
        return {"severity": self.severity, "code": self.code, "message": shown(self.message),
                "hint": shown(self.hint),
                "file": shown(str(_display_path(self.file, base))) if self.file else None, "line": self.line,
                "where": shown(self.where), "page": self.page}


_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters and the bidirectional controls: in a message they would break its one line, or
make a terminal show it reversed (U+202E in a file name turns 'gpj.exe' into 'exe.jpg')."""


def shown(text: str) -> str:
    """Text for a message: printable, every control character visible as \\uXXXX."""
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))


def printable(text: str) -> str:
    """Text that can be written as UTF-8: file names that are not UTF-8 (read by Python as lone
    surrogates) and stray surrogates from YAML escapes show as \\udcff instead of failing the output."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _display_path(path: Path, base: Path | None) -> Path:
    """Paths relative to the current folder when inside it, so they can be clicked and typed."""
    start = base or Path.cwd()
    if not path.is_absolute():
        return path
    try:
        shown = Path(os.path.relpath(path, start))
    except ValueError:  # other drive on Windows
        return path
    return path if shown.parts[:1] == ("..",) else shown


class CatalogError(Exception):
    """A problem with the user's input: reported as a message, never as a traceback."""

    exit_code: int = ExitCode.INPUT
    kind = "input"

    def __init__(self, problems: Problem | Iterable[Problem]):
        items = [problems] if isinstance(problems, Problem) else list(problems)
        self.problems: tuple[Problem, ...] = tuple(sorted(items, key=Problem.sort_key))
        super().__init__("\n".join(p.format() for p in self.problems))

    def format(self, base: Path | None = None) -> str:
        return "\n".join(p.format(base) for p in self.problems)


class ContentError(CatalogError):
    kind = "content"


class LayoutError(CatalogError):
    kind = "layout"


class FontError(CatalogError):
    kind = "font"


class ImageError(CatalogError):
    kind = "image"


class OutputError(CatalogError):
    """The PDF could not be written where it was asked to go."""

    exit_code = ExitCode.INTERNAL
    kind = "output"


class OutputRefused(CatalogError):
    """An output that would destroy something (an input, a device, another program's file): refused
    before any work, as an input error is."""

    kind = "output"
