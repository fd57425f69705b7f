"""One build: content, layout and press profile in; a press-ready PDF, its preflight report and its
manifest out, each written atomically."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import pikepdf

from . import __version__, fonts, outputs
from .cache import open_cache
from .content import Loaded, load_project
from .errors import CatalogError, LayoutError, OutputError, Problem
from .executors import Workers
from .layouts import LayoutSpec, load_layout
from .manifest import inputs, manifest
from .model import Origin
from .paper import MAX_PAGE, parse_sheet
from .pipeline import ImageCounts, prepare_images
from .plan import plan_document
from .plan.model import DocumentPlan
from .prepress import impose as imposing
from .prepress import pdfx, separate
from .prepress.boxes import page_boxes
from .prepress.inspect import inspect_pdf
from .prepress.preflight import Preflight
from .press import DEFAULT_PRESS, PressProfile, load_press
from .render import render
from .units import to_mm

STAGES = ("load", "layout", "images", "write", "prepress")


class Progress(Protocol):
    """Called as (step, done, total, detail); total 0 means the step has no measurable length."""

    def __call__(self, step: str, done: int, total: int, detail: str = "") -> None: ...


@dataclass(frozen=True)
class BuildOptions:
    layout: str | None = None
    press: str | None = None
    out: Path | None = None
    marks: bool | None = None  # None: as the press profile says
    cache: bool = True         # reuse and keep prepared images in <project>/.catalog-cache
    jobs: int | None = None    # image worker processes; None: one per core
    scheduler: str | None = None  # a Dask scheduler address instead of local processes
    impose: str | None = None     # also write printer sheets: saddle or minizine
    sheet: str | None = None      # the sheet to impose on; None: as the press profile says, else twice the trim
    creep: float | None = None    # paper thickness in points; None: as the press profile says
    several: bool = False         # a mini zine longer than 8 pages goes on several sheets


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
    images: ImageCounts = ImageCounts()
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage, in STAGES order
    imposed: Path | None = None
    imposition: str = ""                 # how to print and fold it, when imposed
    padding_kinds: tuple[str, ...] = ()  # the pages added before the back cover, in order
    imposed_separations: tuple[Path, ...] = ()  # the plates on printer sheets, when imposed
    separations: tuple[Path, ...] = ()   # one grey plate PDF per ink (press 'separations: true')

    @property
    def files(self) -> tuple[Path, ...]:
        """Everything this build wrote."""
        found = (self.pdf, self.report, self.manifest, self.imposed, *self.separations, *self.imposed_separations)
        return tuple(path for path in found if path is not None)

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


def press_layout(layout: LayoutSpec, press: PressProfile, impose: str | None = None) -> LayoutSpec:
    """The layout as this press needs it: its bleed, and its page multiple when it sets one. An
    imposition needs its own multiple too (4 for a saddle-stitched booklet, 8 for a mini zine):
    the planner pads with the layout's designed pages, never the imposition with blanks."""
    multiple = press.page_multiple or layout.page.page_multiple
    if impose:
        multiple = math.lcm(multiple, impose_multiple(impose))
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


class _Clock:
    """Seconds spent in each stage, for the closing line of a build."""

    def __init__(self) -> None:
        self.spent = dict.fromkeys(STAGES, 0.0)
        self._stage, self._since = "load", time.perf_counter()

    def stage(self, name: str) -> None:
        now = time.perf_counter()
        self.spent[self._stage] += now - self._since
        self._stage, self._since = name, now

    def done(self) -> tuple[tuple[str, float], ...]:
        self.stage(self._stage)
        return tuple(self.spent.items())


def build(project: Path, options: BuildOptions = BuildOptions(), progress: Progress | None = None) -> BuildResult:
    def step(name: str, done: int = 0, total: int = 0, detail: str = "") -> None:
        if progress:
            progress(name, done, total, detail)

    clock = _Clock()
    setup = prepare(project, options, step)
    catalog, press = setup.loaded.catalog, setup.press
    layout = press_layout(setup.layout, press, options.impose)
    _fits_pdf(layout, press, options)
    sheet = _sheet(options, press)
    out = options.out if options.out else default_output(setup.project, catalog.slug, setup.layout_name,
                                                         catalog.layout)
    out = out if out.is_absolute() else Path.cwd() / out
    files = planned_outputs(out, setup, options, given=options.out is not None)
    outputs.check(files.all, outputs.Guard.of(setup.project, _inputs(setup, layout)))  # before any work
    clock.stage("layout")
    book = fonts.register(layout.fonts)
    step("Laying out pages")
    plan = plan_document(catalog, layout, book)
    imposition = _imposition(options, plan, press, sheet)  # before anything is written: it may refuse
    with open_cache(setup.project, options.cache) as cache:
        digests = cache.digests()
        clock.stage("images")
        prepared, counts = prepare_images(
            plan, press, cache, Workers(options.jobs, options.scheduler), digests,
            lambda counts, total: step("Images", counts.done, total, counts.describe()))
        clock.stage("prepress")
        findings = [*setup.loaded.warnings, *counts.notes,
                    *Preflight(plan, setup.layout, press, prepared, setup.project).run()]
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(Problem(f"cannot create the folder {out.parent}: {exc.strerror}")) from None
        outputs.remove_leftovers(out.parent)
        staging = outputs.Staging()
        base_font = book.name(layout.styles["body"].font, "regular")
        marks = press.marks if options.marks is None else options.marks
        try:
            clock.stage("write")
            drawn = staging.scratch(out)
            render(plan, drawn, base_font, prepared, press.colour.inks(), marks=marks, slug=press.slug or marks,
                   slug_name=f"{catalog.slug}  ·  {press.name}",
                   progress=lambda done, total: step("Drawing pages", done, total))
            clock.stage("prepress")
            step("Writing the press file")
            stamp = pdfx.Stamp(plan.metadata, f"catalog {__version__}",
                               f"catalog {__version__} (ReportLab, pikepdf)", pdfx.build_date())
            composite = staging.temp(out)
            pdfx.finalise(drawn, composite, press, stamp, {p.name: p.source for p in prepared.values()})
            _verify(composite)
            try:
                findings.extend(inspect_pdf(composite, press))  # re-opened whole before it replaces anything
            except pikepdf.PdfError as exc:
                raise OSError(f"the PDF written for {out.name} cannot be re-opened ({exc})") from None
            # --- separations: a plate per ink beside the composite (prepress/separate.py) ---
            separations: tuple[Path, ...] = ()
            if press.separations:
                step("Writing the plates")
                separations = separate.write_plates(plan, out, setup.layout.inks, base_font, prepared, press, stamp,
                                                    marks=marks, slug=press.slug or marks,
                                                    slug_name=f"{catalog.slug}  ·  {press.name}", staging=staging)
            # --- end of separations ---
            imposed: Path | None = None
            imposed_plates: tuple[Path, ...] = ()
            if imposition:
                step("Imposing printer sheets")
                label = f"{catalog.slug}  ·  {setup.layout_name}"
                imposed = _impose(out, imposition, base_font, label, staging)
                imposed_plates = tuple(_impose(plate, imposition, base_font, f"{label}  ·  {plate.stem}", staging)
                                       for plate in separations)  # a plate per ink, on the same sheets
            _write_json(staging.temp(files.report), _report(out, setup, plan, findings))
            written = {final: staging.temp(final) for final in staging.finals}
            _write_json(staging.temp(files.manifest),
                        manifest(setup.project, out, written, setup.layout, press, layout.fonts, len(plan.pages),
                                 digests, catalog.images()))
            staging.commit(files.manifest)
        except OSError as exc:
            raise OutputError(Problem(f"cannot write {out}: {exc.strerror or exc}",
                                      hint="check that the folder is writable and the disk is not full; "
                                      "nothing was replaced")) from None
        finally:
            staging.discard()
        digests.save()
        if cache.lasting:
            cache.prune()
    return BuildResult(pdf=out, layout=setup.layout_name, press=press.name, pages=len(plan.pages),
                       plates=plan.plates, padding=plan.padding, bytes=out.stat().st_size,
                       findings=tuple(findings), report=files.report, manifest=files.manifest, images=counts,
                       timings=clock.done(), imposed=imposed,
                       imposition=_imposition_summary(imposition),
                       padding_kinds=plan.padding_kinds, separations=separations,
                       imposed_separations=imposed_plates)


@dataclass(frozen=True)
class Files:
    """Every file a build will write, known before it starts, so each can be checked first."""

    pdf: Path
    report: Path
    manifest: Path
    more: tuple[outputs.Output, ...] = ()  # plates and printer sheets

    @property
    def all(self) -> tuple[outputs.Output, ...]:
        return self.main + self.more

    @property
    def main(self) -> tuple[outputs.Output, ...]:
        return (outputs.Output(self.pdf, "the PDF"), outputs.Output(self.report, "the preflight report", "json"),
                outputs.Output(self.manifest, "the manifest", "json"))


def planned_outputs(out: Path, setup: Setup, options: BuildOptions, given: bool = False) -> Files:
    """The PDF, its report and manifest, its plates (a press with separations) and printer sheets."""
    more: list[outputs.Output] = []
    plates = [out]
    if setup.press.separations:
        for key in (separate.BLACK, *(ink.key for ink in setup.layout.inks)):
            plate = separate.plate_path(out, key)
            plates.append(plate)
            more.append(outputs.Output(plate, f"the plate '{key}'"))
    if options.impose:
        more.extend(outputs.Output(imposed_path(pdf, options.impose), f"the printer sheets of {pdf.name}")
                    for pdf in plates)
    report, listed = (out.with_name(out.stem + suffix) for suffix in (".preflight.json", ".manifest.json"))
    return Files(out, report, listed, tuple(more))


def _inputs(setup: Setup, layout: LayoutSpec) -> list[Path]:
    """What the manifest lists: no output may be one of these."""
    return inputs(setup.project, setup.layout, setup.press, layout.fonts, setup.loaded.catalog.images())


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
    layout = press_layout(setup.layout, setup.press, options.impose)
    try:
        _fits_pdf(layout, setup.press, options)
        book = fonts.register(layout.fonts)
        plan = plan_document(setup.loaded.catalog, layout, book)
        _imposition(options, plan, setup.press, _sheet(options, setup.press))
    except CatalogError as exc:
        return CheckResult(list(setup.loaded.warnings) + list(exc.problems), True)
    preflight = Preflight(plan, setup.layout, setup.press, {}, setup.project).run()
    return CheckResult(list(setup.loaded.warnings) + preflight, False)


def _fits_pdf(layout: LayoutSpec, press: PressProfile, options: BuildOptions) -> None:
    """The page with its bleed and marks within the largest page a PDF may have (layouts.MAX_PAGE)."""
    page = layout.page
    marks = press.marks if options.marks is None else options.marks
    media = page_boxes(page.width, page.height, page.bleed, marks or press.slug).media
    for across, size in (("width", media.width), ("height", media.height)):
        if size > MAX_PAGE:
            at = layout.origin("page", across)
            raise LayoutError(Problem(
                f"the page is {to_mm(size):.0f} mm in {across} with its bleed and marks, more than the "
                f"{to_mm(MAX_PAGE):.0f} mm (200 in) a PDF page may be", at.file, at.line,
                hint="make the page smaller, or build without marks (--no-marks)"))


def imposed_path(pdf: Path, method: str) -> Path:
    """<name>-<method>.pdf beside <name>.pdf."""
    return pdf.with_name(f"{pdf.stem}-{method}.pdf")


def _impose(pdf: Path, imposition: imposing.Imposition, font: str, label: str, staging: outputs.Staging) -> Path:
    """The printer sheets of `pdf` (an output staged in `staging`), staged beside it."""
    target = imposed_path(pdf, imposition.method)
    imposing.write(staging.temp(pdf), imposition, staging.temp(target), font, label)
    return target


def impose_multiple(method: str) -> int:
    return imposing.MINIZINE_PAGES if method == imposing.MINIZINE else 4


def _sheet(options: BuildOptions, press: PressProfile) -> tuple[float, float] | None:
    if not options.sheet:
        return press.sheet
    try:
        return parse_sheet(options.sheet)
    except ValueError as exc:
        raise imposing.ImposeError(Problem(f"--sheet: {exc}")) from None


def _imposition(options: BuildOptions, plan: DocumentPlan, press: PressProfile,
                sheet: tuple[float, float] | None) -> imposing.Imposition | None:
    """The printer sheets planned, or one clear refusal before anything is drawn."""
    if not options.impose:
        return None
    if options.impose not in imposing.METHODS:
        raise imposing.ImposeError(Problem(f"unknown imposition {options.impose!r}",
                                           hint=f"use one of: {', '.join(imposing.METHODS)}"))
    trim = (plan.width, plan.height)
    count = len(plan.pages)
    if options.impose == imposing.SADDLE:
        thickness = press.paper_thickness if options.creep is None else options.creep
        return imposing.plan_saddle(count, trim, plan.bleed, sheet, thickness, options.marks)
    if count > imposing.MINIZINE_PAGES and not options.several:
        kinds = [page.kind for page in plan.pages]
        for kind in plan.padding_kinds:
            kinds.remove(kind)
        cut = len(kinds) - imposing.MINIZINE_PAGES
        raise imposing.ImposeError(Problem(
            f"a mini zine holds {imposing.MINIZINE_PAGES} pages; in this layout the catalog has {len(kinds)} "
            f"({imposing.pages_by_kind(kinds)})",
            hint=f"cut {cut} page(s): fewer artists or works in catalog.yaml, or fewer 'sections' and "
                 "'artist_sections' in a layout of your own (base: mini, artist_sections: [plates]); "
                 f"or pass --several to print {-(-count // imposing.MINIZINE_PAGES)} sheets"))
    return imposing.plan_minizine(count, trim, sheet or parse_sheet("A4"), options.several, options.marks)


def _imposition_summary(imposition: imposing.Imposition | None) -> str:
    if imposition is None:
        return ""
    return "; ".join((imposing.describe(imposition), *imposition.notes))


def _report(out: Path, setup: Setup, plan: DocumentPlan, findings: list[Problem]) -> dict[str, object]:
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    return {"pdf": out.name, "press": setup.press.name, "layout": setup.layout_name, "pages": len(plan.pages),
            "counts": counts, "findings": [f.as_dict(setup.project) for f in findings]}


def _write_json(path: Path, data: object) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def _verify(path: Path) -> None:
    """A PDF that was cut short must not replace a good one."""
    with path.open("rb") as handle:
        head = handle.read(8)
        handle.seek(max(0, path.stat().st_size - 64))
        tail = handle.read()
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise OSError(f"the PDF written to {path.name} is incomplete")
