"""Named YAML files found in the project and built in (layouts, presses), with `base:` inheritance."""

from __future__ import annotations

import difflib
from pathlib import Path

from .errors import CatalogError, Problem
from .model import Origin
from .paths import resolve_inside
from .resources import builtin_dir
from .yamlsrc import Document, load_yaml, merge


def available(project: Path, kind: str) -> dict[str, Path]:
    """Project files first, so a project can override a built-in one by name."""
    found: dict[str, Path] = {}
    for folder in (project / kind, builtin_dir(kind)):
        if folder and folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found.setdefault(path.stem, path)
    return found


def find(name: str, found: dict[str, Path], noun: str, named_at: Origin, error: type[CatalogError]) -> Path:
    if name in found:
        return found[name]
    close = difflib.get_close_matches(name, list(found), n=1)
    hint = f"did you mean '{close[0]}'?" if close else (
        "available: " + ", ".join(found) if found else f"add {noun}s/{name}.yaml")
    raise error(Problem(f"unknown {noun} '{name}'", named_at.file, named_at.line, hint=hint))


def resolve(path: Path, found: dict[str, Path], kind: str, noun: str, error: type[CatalogError],
            project: Path, chain: tuple[Path, ...] = ()) -> Document:
    """The file's own document merged over its `base:` chain. A project's file (or a base it
    names) may be a link, but not to a file outside the project: checked before it is read."""
    if path.parent == project / kind:  # built-in files are not the project's
        _, problem = resolve_inside(project, path.parent, path.name, path)
        if problem:
            message = (f"the {noun} file links outside the project folder" if "leaves" in problem.message
                       else problem.message)
            raise error(Problem(message, path,
                                hint=f"copy the {noun} into the project's {kind}/ folder instead of linking it"))
    try:
        doc = load_yaml(path, error)
    except CatalogError as exc:
        raise error(exc.problems) from None
    if not isinstance(doc.data, dict):
        raise error(Problem(f"a {noun} file must be a mapping of keys", path, 1,
                            hint=f"start from one of the built-in {kind}"))
    base = doc.data.get("base")
    if base is None:
        return doc
    if path in chain or len(chain) > 8:
        raise error(Problem(f"'base: {base}' makes a loop of {kind}", path, doc.line("base"),
                            hint=f"a {noun} may not be its own base"))
    if not isinstance(base, str) or base not in found:
        raise error(Problem(f"unknown base {noun} '{base}'", path, doc.line("base"),
                            hint="available: " + ", ".join(found)))
    base_path = found[base]
    if base_path == path:  # a project file named like its built-in base: use the built-in one
        builtin = builtin_dir(kind)
        candidate = builtin / f"{base}.yaml" if builtin else None
        if candidate is None or not candidate.is_file() or candidate == path:
            raise error(Problem(f"'base: {base}' makes a loop of {kind}", path, doc.line("base")))
        base_path = candidate
    merged = merge(resolve(base_path, found, kind, noun, error, project, (*chain, path)), doc)
    merged.data.pop("base", None)
    return merged
