"""Paths named in project files resolve inside the project folder, never outside it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import Problem


def resolve_inside(root: Path, base: Path, value: str, file: Path | None = None,
                   line: int | None = None) -> tuple[Path | None, Problem | None]:
    """`value` relative to `base`; refused when absolute or when it (or a link in it) leaves `root`."""
    text = value.strip()
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
    except OSError as exc:
        return None, Problem(f"cannot use path {text}: {exc.strerror}", file, line)
    return resolved, None
