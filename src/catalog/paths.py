"""Paths named in project files resolve inside the project folder, never outside it."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import Problem

MAX_PATH = 1024  # characters in a path named in a project file
MAX_NAME = 255   # bytes in one of its folder or file names, as most file systems allow
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def resolve_inside(root: Path, base: Path, value: str, file: Path | None = None,
                   line: int | None = None) -> tuple[Path | None, Problem | None]:
    """`value` relative to `base`; refused when absolute or when it (or a link in it) leaves `root`."""
    text = value.strip()
    bad = _UNPRINTABLE.search(text)
    if bad:
        return None, Problem(f"path contains the character U+{ord(bad.group()):04X}: {_shown(text)}", file, line,
                             hint="retype the file name; no file name should contain it")
    if len(text) > MAX_PATH or any(len(part.encode("utf-8")) > MAX_NAME for part in PurePosixPath(text).parts):
        return None, Problem(f"path is too long: {_shown(text)}", file, line,
                             hint=f"use names of at most {MAX_NAME} bytes and paths of at most {MAX_PATH} characters")
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute():
        return None, Problem(f"absolute path not allowed: {text}", file, line,
                             hint="give the path relative to the file's folder, e.g. images/plate.jpg")
    candidate = (base / text)
    try:
        resolved = candidate.resolve()
        resolved.relative_to(root.resolve())
    except ValueError:
        return None, Problem(f"path leaves the project folder: {text}", file, line,
                             hint="copy the file into the project and name it from there")
    except RuntimeError:  # pathlib's word for a loop of symbolic links
        return None, Problem(f"cannot use path {text}: its symbolic links form a loop", file, line,
                             hint="replace the link with the file itself")
    except OSError as exc:
        return None, Problem(f"cannot use path {text}: {exc.strerror or exc}", file, line)
    return resolved, None


def _shown(text: str) -> str:
    text = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= 60 else text[:57] + "..."
