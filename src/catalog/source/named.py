"""Named YAML files found in the project and built in (layouts, presses), with `base:` inheritance."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CatalogError, Problem
from ..model import Origin
from ..paths import resolve_inside
from ..resources import builtin_dir
from .schema import MISSING, Type, validate
from .yamlfile import Document, load_yaml, merge


@dataclass(frozen=True)
class Kind:
    """A kind of named file: its folder (in the project and built in), what messages call one, and
    the error it raises."""

    folder: str
    noun: str
    error: type[CatalogError]


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


@dataclass(frozen=True)
class Resolved:
    """A named file as it is read: merged over its bases, and the files that went into it."""

    doc: Document
    files: tuple[Path, ...]  # the furthest base first, the named file last: the order they are merged in

    @property
    def path(self) -> Path:
        """The named file itself."""
        return self.files[-1]


def resolve(path: Path, found: dict[str, Path], kind: str, noun: str, error: type[CatalogError],
            project: Path, chain: tuple[Path, ...] = ()) -> Resolved:
    """The file's own document merged over its `base:` chain. A project's file (or a base it
    names) may be a link, but not to a file outside the project: checked before it is read.
    `chain`: the files that named this one as their base, to refuse a loop."""
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
        return Resolved(doc, (path,))
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
    under = resolve(base_path, found, kind, noun, error, project, (*chain, path))
    merged = merge(under.doc, doc)
    merged.data.pop("base", None)
    return Resolved(merged, (*under.files, path))


def read(name: str, project: Path, kind: Kind, named_at: Origin = Origin()) -> Resolved:
    """The file called `name`, the project's before a built-in one, merged over its bases.
    `named_at`: where the name was written (catalog.yaml), for the message if there is none."""
    found = available(project, kind.folder)
    path = find(name, found, kind.noun, named_at, kind.error)
    return resolve(path, found, kind.folder, kind.noun, kind.error, project)


def load(name: str, project: Path, kind: Kind, schema: Type,
         named_at: Origin = Origin()) -> tuple[Resolved, Any, list[Problem]]:
    """The file read (`read`) and checked against `schema`: the file, its values and the problems
    found so far; raises the kind's error when what is left cannot be used at all."""
    resolved = read(name, project, kind, named_at)
    values, problems = validate(resolved.doc, schema)
    if values is MISSING:
        raise kind.error(problems)
    return resolved, values, problems
