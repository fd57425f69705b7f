"""Where a project keeps its content and which image files it may hold: the names every command that reads
or writes a project (the loader, `new artist`, the CSV import, `watch`) takes from here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..paths import resolve_inside
from ..source.yamlfile import Document

CATALOG_FILE = "catalog.yaml"
ARTISTS_DIR = Path("content") / "artists"
ARTIST_FILE = "artist.yaml"


@dataclass(frozen=True)
class ImageFormat:
    name: str                   # as messages name it
    pillow: str                 # as Pillow names it ("JPEG" also opens a camera's MPO)
    suffixes: tuple[str, ...]   # lower case, with the dot


# The image files a project's folders may hold for works, portraits and the cover, in the order messages list them.
IMAGE_FORMATS = (
    ImageFormat("JPEG", "JPEG", (".jpg", ".jpeg")),
    ImageFormat("PNG", "PNG", (".png",)),
    ImageFormat("TIFF", "TIFF", (".tif", ".tiff")),
    ImageFormat("WebP", "WEBP", (".webp",)),
)
IMAGE_SUFFIXES = tuple(suffix for kind in IMAGE_FORMATS for suffix in kind.suffixes)


def listed(items: tuple[str, ...] | list[str]) -> str:
    """'a, b or c', as a message lists choices."""
    return f"{', '.join(items[:-1])} or {items[-1]}" if len(items) > 1 else "".join(items)


def path_in_project(root: Path, base: Path, value: str, doc: Document, key: tuple[Any, ...],
             problems: list[Problem]) -> Path | None:
    """A path written in `doc` at `key`, relative to `base`, resolved inside the project (else a problem)."""
    path, problem = resolve_inside(root, base, value, doc.path, doc.line(*key))
    if problem:
        problems.append(problem)
    return path


def is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
