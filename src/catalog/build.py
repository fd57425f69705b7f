"""One build: content, layout and press profile in; a press-ready PDF, its preflight report and its
manifest out, each written atomically."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__, fonts, images
from .content import Loaded, load_project
from .errors import CatalogError, OutputError, Problem
from .layouts import LayoutSpec, load_layout
from .manifest import manifest
from .model import Origin
from .plan import plan_document
from .plan.model import DocumentPlan, ImagePlacement
from .prepress import pdfx
from .prepress.inspect import inspect_pdf
from .prepress.preflight import Preflight
from .press import DEFAULT_PRESS, PressProfile, load_press
from .render import Images, image_key, render

Progress = Callable[[str, int, int], None]
"""Called as (step, done, total); total 0 means the step has no measurable length."""


@dataclass(frozen=True)
class BuildOptions:
    layout: str | None = None
    press: str | None = None
    out: Path | None = None
    marks: bool | None = None  # None: as the press profile says


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    layout: str
    press: str
    pages: int
    plates: int
    padding: int
    bytes: int
    findings: tuple[Problem, ...] = field(default_factory=tuple)
    report: Path | None = None
    manifest: Path | None = None

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if p.severity == "warning")

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if p.severity == "error")


@dataclass(frozen=True)
class Setup:
    """Everything decided before pages are laid out."""

    project: Path
    loaded: Loaded
    layout: LayoutSpec
    press: PressProfile
    layout_name: str


def default_output(project: Path, slug: str, layout: str, catalog_layout: str) -> Path:
    """build/<slug>.pdf for the catalog's own layout; another layout gets its own file."""
    name = slug if layout == catalog_layout else f"{slug}-{layout}"
    return project / "build" / f"{name}.pdf"


def press_layout(layout: LayoutSpec, press: PressProfile) -> LayoutSpec:
    """The layout as this press needs it: its bleed, and its page multiple when it sets one."""
    multiple = press.page_multiple or layout.page.page_multiple
    page = replace(layout.page, bleed=layout.page.bleed if press.bleed is None else press.bleed,
                   page_multiple=multiple if press.pad else 1)
    return replace(layout, page=page)


def prepare(project: Path, options: BuildOptions, step: Callable[..., None]) -> Setup:
    project = project.resolve()
    step("Reading content")
    loaded = load_project(project)
    catalog = loaded.catalog
    layout_name = options.layout or catalog.layout
    step(f"Loading layout {layout_name}")
    named_at = Origin() if options.layout else Origin(catalog.origin.file, catalog.field_lines.get("layout"))
    layout = load_layout(layout_name, project, named_at)
    press_name = options.press or catalog.press or DEFAULT_PRESS
    press_at = Origin(catalog.origin.file, catalog.field_lines.get("press")) if (
        not options.press and catalog.press) else Origin()
    press = load_press(press_name, project, press_at)
    return Setup(project, loaded, layout, press, layout_name)


def build(project: Path, options: BuildOptions = BuildOptions(), progress: Progress | None = None) -> BuildResult:
    def step(name: str, done: int = 0, total: int = 0) -> None:
        if progress:
            progress(name, done, total)

    setup = prepare(project, options, step)
    catalog, press = setup.loaded.catalog, setup.press
    layout = press_layout(setup.layout, press)
    book = fonts.register(layout.fonts)
    step("Laying out pages")
    plan = plan_document(catalog, layout, book)
    prepared = prepare_images(plan, press, lambda done, total: step("Preparing images", done, total))
    findings = list(setup.loaded.warnings) + Preflight(plan, setup.layout, press, prepared, setup.project).run()
    out = options.out if options.out else default_output(setup.project, catalog.slug, setup.layout_name,
                                                         catalog.layout)
    out = out if out.is_absolute() else Path.cwd() / out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(f"cannot create the folder {out.parent}: {exc.strerror}")) from None
    drawn = out.with_name(f".{out.name}.{os.getpid()}.drawn.tmp")
    final = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    base_font = book.name(layout.styles["body"].font, "regular")
    marks = press.marks if options.marks is None else options.marks
    try:
        render(plan, drawn, base_font, prepared, press.colour.inks(), marks=marks, slug=press.slug or marks,
               slug_name=f"{catalog.slug}  ·  {press.name}",
               progress=lambda done, total: step("Drawing pages", done, total))
        step("Writing the press file")
        stamp = pdfx.Stamp(plan.metadata, f"catalog {__version__}", f"catalog {__version__} (ReportLab, pikepdf)",
                           pdfx.build_date())
        pdfx.finalise(drawn, final, press, stamp)
        findings.extend(inspect_pdf(final, press))
        _verify(final)
        os.replace(final, out)
        report = _write_json(out.with_name(out.stem + ".preflight.json"),
                             _report(out, setup, plan, findings))
        listed = _write_json(out.with_name(out.stem + ".manifest.json"),
                             manifest(setup.project, out, setup.layout, press, layout.fonts, len(plan.pages)))
    except OSError as exc:
        raise OutputError(Problem(f"cannot write {out}: {exc.strerror or exc}",
                                  hint="check that the folder is writable and the disk is not full")) from None
    finally:
        for temporary in (drawn, final):
            with contextlib.suppress(OSError):
                temporary.unlink()
    return BuildResult(pdf=out, layout=setup.layout_name, press=press.name, pages=len(plan.pages),
                       plates=plan.plates, padding=plan.padding, bytes=out.stat().st_size,
                       findings=tuple(findings), report=report, manifest=listed)


@dataclass(frozen=True)
class CheckResult:
    findings: list[Problem]
    stopped: bool  # an input error that would stop a build (exit status 2, as for build)


def check(project: Path, options: BuildOptions = BuildOptions()) -> CheckResult:
    """Every finding a build would report, without drawing or writing anything. Input errors that
    would stop a build are findings too, so one run shows them all."""
    try:
        setup = prepare(project, options, lambda *_: None)
    except CatalogError as exc:
        return CheckResult(list(exc.problems), True)
    layout = press_layout(setup.layout, setup.press)
    try:
        book = fonts.register(layout.fonts)
        plan = plan_document(setup.loaded.catalog, layout, book)
    except CatalogError as exc:
        return CheckResult(list(setup.loaded.warnings) + list(exc.problems), True)
    preflight = Preflight(plan, setup.layout, setup.press, {}, setup.project).run()
    return CheckResult(list(setup.loaded.warnings) + preflight, False)


def prepare_images(plan: DocumentPlan, press: PressProfile, progress: Callable[[int, int], None]) -> Images:
    """Each placement's image made once for this press (orientation, colour, resolution)."""
    placements: dict[tuple[Path, float], ImagePlacement] = {}
    for page in plan.pages:
        for item in page.images:
            placements.setdefault(image_key(item), item)
    inks = press.colour.inks()
    prepared: Images = {}
    for done, (key, item) in enumerate(sorted(placements.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))):
        info = images.probe(item.path, item.origin)
        prepared[key] = images.prepare(info, item.rect.width, press.images, inks,
                                       keep_rgb=press.colour.images == "keep")
        progress(done + 1, len(placements))
    return prepared


def _report(out: Path, setup: Setup, plan: DocumentPlan, findings: list[Problem]) -> dict[str, object]:
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    return {"pdf": out.name, "press": setup.press.name, "layout": setup.layout_name, "pages": len(plan.pages),
            "counts": counts, "findings": [f.as_dict(setup.project) for f in findings]}


def _write_json(path: Path, data: object) -> Path:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return path


def _verify(path: Path) -> None:
    """A PDF that was cut short must not replace a good one."""
    with path.open("rb") as handle:
        head = handle.read(8)
        handle.seek(max(0, path.stat().st_size - 64))
        tail = handle.read()
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise OSError(f"the PDF written to {path.name} is incomplete")
