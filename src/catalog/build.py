"""One build: content and layout in, a complete PDF out, written atomically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import fonts
from .content import load_project
from .errors import OutputError, Problem
from .layouts import load_layout
from .model import Origin
from .plan import plan_document
from .render import render

Progress = Callable[[str, int, int], None]
"""Called as (step, done, total); total 0 means the step has no measurable length."""


@dataclass(frozen=True)
class BuildOptions:
    layout: str | None = None
    out: Path | None = None
    marks: bool = False


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    layout: str
    pages: int
    plates: int
    padding: int
    bytes: int
    warnings: tuple[Problem, ...] = field(default_factory=tuple)


def default_output(project: Path, slug: str, layout: str, catalog_layout: str) -> Path:
    """build/<slug>.pdf for the catalog's own layout; another layout gets its own file."""
    name = slug if layout == catalog_layout else f"{slug}-{layout}"
    return project / "build" / f"{name}.pdf"


def build(project: Path, options: BuildOptions = BuildOptions(), progress: Progress | None = None) -> BuildResult:
    def step(name: str, done: int = 0, total: int = 0) -> None:
        if progress:
            progress(name, done, total)

    project = project.resolve()
    step("Reading content")
    loaded = load_project(project)
    catalog = loaded.catalog
    layout_name = options.layout or catalog.layout
    step(f"Loading layout {layout_name}")
    named_at = Origin() if options.layout else Origin(catalog.origin.file, catalog.field_lines.get("layout"))
    layout = load_layout(layout_name, project, named_at)
    book = fonts.register(layout.fonts)
    step("Laying out pages")
    plan = plan_document(catalog, layout, book)
    out = (options.out if options.out else default_output(project, catalog.slug, layout_name, catalog.layout))
    out = out if out.is_absolute() else Path.cwd() / out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(f"cannot create the folder {out.parent}: {exc.strerror}")) from None
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    base_font = book.name(layout.styles["body"].font, "regular")
    try:
        render(plan, temporary, base_font, marks=options.marks, slug_name=out.name,
               progress=lambda done, total: step("Drawing pages", done, total))
        _verify(temporary)
        os.replace(temporary, out)
    except OSError as exc:
        raise OutputError(Problem(f"cannot write {out}: {exc.strerror or exc}",
                                  hint="check that the folder is writable and the disk is not full")) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return BuildResult(pdf=out, layout=layout_name, pages=len(plan.pages), plates=plan.plates,
                       padding=plan.padding, bytes=out.stat().st_size,
                       warnings=tuple(loaded.warnings) + plan.findings)


def _verify(path: Path) -> None:
    """A PDF that was cut short must not replace a good one."""
    with path.open("rb") as handle:
        head = handle.read(8)
        handle.seek(max(0, path.stat().st_size - 64))
        tail = handle.read()
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise OSError(f"the PDF written to {path.name} is incomplete")
