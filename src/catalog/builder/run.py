"""One build: content, layout and press profile in; a press-ready PDF, its preflight report and its
manifest out, each written atomically."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pikepdf

from .. import __version__, outputs
from ..content.slugs import MAX_LENGTH
from ..errors import CatalogError, OutputError, Problem
from ..images import soundness
from ..images.cache import DIGESTS, FOLDER, open_cache
from ..images.digests import Digests
from ..images.prepared import Images
from ..images.stage import ImageCounts, prepare_images
from ..images.workers import Workers
from ..plan.document import plan_price_list
from ..plan.pages import DocumentPlan
from ..prepress import impose as imposing
from ..prepress import pdfx, separate
from ..prepress.audit import inspect_pdf
from ..prepress.marks import surround
from ..prepress.preflight import Preflight
from ..prepress.trap import trap
from ..render import render
from ..specs.layouts import LayoutSpec
from ..specs.paper import parse_sheet, sheet_name
from ..specs.press import DEFAULT_PRESS, PressProfile
from ..units import mm, to_mm
from .manifest import inputs, manifest
from .options import BuildOptions
from .project import Planned, Setup, outside_trim, plan_setup, prepare

STAGES = ("load", "layout", "images", "write", "prepress")


class Progress(Protocol):
    """Called as (step, done, total, detail); total 0 means the step has no measurable length."""

    def __call__(self, step: str, done: int, total: int, detail: str = "") -> None: ...


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote and found: the files, the page counts, every finding, the time each stage
    took, and the plan it drew (`planned`), so a proof or a test reads the pages without planning again."""

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
    imposed_separations: tuple[Path, ...] = ()  # the separations on printer sheets, when imposed
    separations: tuple[Path, ...] = ()   # one grey PDF per ink, <name>-plate-<ink>.pdf (press 'separations: true')
    planned: Planned | None = field(default=None, repr=False, compare=False)  # what was read, and the pages
    cover: Path | None = None            # a bound book's cover sheet, <name>-cover.pdf (the pages: `pdf`)
    prices: Path | None = None           # the gallery's price list, <name>-prices.pdf, when asked for
    binding: str = "saddle"

    @property
    def files(self) -> tuple[Path, ...]:
        """Everything this build wrote."""
        found = (self.pdf, self.cover, self.prices, self.report, self.manifest, self.imposed, *self.separations,
                 *self.imposed_separations)
        return tuple(path for path in found if path is not None)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if p.severity == "warning")

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if p.severity == "error")


def default_output(project: Path, slug: str, layout: str, catalog_layout: str, press: str = "",
                   catalog_press: str = "") -> Path:
    """build/<slug>.pdf for the catalog's own layout and press; another layout or press gets its own file,
    build/<slug>-<layout>-<press>.pdf, so builds for different printers never overwrite each other."""
    suffix = "".join(f"-{name}" for name, own in ((layout, catalog_layout), (press, catalog_press)) if name != own)
    stem = slug[:max(MAX_LENGTH - len(suffix), 8)].rstrip("-")  # a long title's name stays short with its suffixes
    return project / "build" / f"{stem}{suffix}.pdf"


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
    """Build the project: plan it (`plan_project`), prepare its images, draw, post-process and check
    the PDF, and put it in place with its report, manifest, separations and printer sheets, all
    or none. Raises a CatalogError for input a build cannot use, before anything is replaced."""
    def step(name: str, done: int = 0, total: int = 0, detail: str = "") -> None:
        if progress:
            progress(name, done, total, detail)

    clock = _Clock()
    setup = prepare(project, options, step)
    catalog, press, layout = setup.loaded.catalog, setup.press, setup.pressed
    sheet = _sheet(options, press)
    out = options.out if options.out else default_output(setup.project, catalog.slug, setup.layout_name,
                                                         catalog.layout, press.name, catalog.press or DEFAULT_PRESS)
    out = out if out.is_absolute() else Path.cwd() / out
    files = planned_outputs(out, setup, options, given=options.out is not None)
    outputs.check(files.all, outputs.Guard.of(setup.project, _inputs(setup, layout)))  # before any work
    clock.stage("layout")
    planned = plan_setup(setup, options, step)
    book, plan, wrap = planned.book, planned.plan, planned.cover
    if press.colour.spots:  # one drum at a time: spot inks reach into the photographs they surround
        plan = trap(plan, layout.trap)
    imposition = _imposition(options, plan, press, sheet, setup)  # before anything is written: it may refuse
    sheets = (plan, wrap) if wrap else (plan,)
    with open_cache(setup.project, options.cache) as cache:
        digests = cache.digests()
        clock.stage("images")
        prepared, counts = prepare_images(
            (item.placed() for drawn in sheets for page in drawn.pages for item in page.images), press, cache,
            Workers(options.jobs, options.scheduler), digests,
            lambda counts, total: step("Images", counts.done, total, counts.describe()))
        clock.stage("prepress")
        findings = [*setup.loaded.warnings, *counts.notes, *_preflight(planned, prepared),
                    *_imposition_notes(options, press, imposition)]
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(Problem(f"cannot create the folder {out.parent}: {exc.strerror}")) from None
        outputs.remove_leftovers(out.parent)
        staging = outputs.Staging()
        base_font = book.name(layout.styles["body"].font, "regular")
        marks, slug_line = outside_trim(press, options)
        slug_label = f"{catalog.slug}  ·  {press.name}"  # starts each page's slug line
        try:
            stamp = pdfx.Stamp(plan.metadata, f"catalog {__version__}",
                               f"catalog {__version__} (ReportLab, pikepdf)", pdfx.build_date())

            def write(drawn_plan: DocumentPlan, target: Path, label: str) -> None:
                """Draw a plan, make it the press's file, and check it re-opens whole."""
                clock.stage("write")
                drawn = staging.scratch(target)
                render(drawn_plan, drawn, base_font, prepared, press.colour.inks(),
                       surround(drawn_plan, marks, slug_line, label, press.mark_clearance),
                       progress=lambda done, total: step("Drawing pages", done, total))
                clock.stage("prepress")
                step("Writing the press file")
                composite = staging.temp(target)
                pdfx.finalise(drawn, composite, press, stamp, {p.name: p.source for p in prepared.values()})
                _verify(composite)
                try:
                    findings.extend(inspect_pdf(composite, press))  # re-opened whole before it replaces anything
                except pikepdf.PdfError as exc:
                    raise OSError(f"the PDF written for {target.name} cannot be re-opened ({exc})") from None

            write(plan, files.pdf, slug_label)
            if wrap is not None and files.cover is not None:
                write(wrap, files.cover, f"{slug_label}  ·  cover")
            if files.prices is not None:
                write(plan_price_list(catalog, layout, book), files.prices, f"{slug_label}  ·  prices")
            separations: tuple[Path, ...] = ()  # a grey PDF per ink beside the composite
            if press.separations:
                step("Writing the plates")
                separations = separate.write_separations(plan, files.pdf, setup.layout.inks, base_font, prepared,
                                                         press, stamp, marks=marks, slug_line=slug_line,
                                                         label=slug_label, staging=staging)
            imposed: Path | None = None
            imposed_separations: tuple[Path, ...] = ()
            if imposition:
                step("Imposing printer sheets")
                label = f"{catalog.slug}  ·  {setup.layout_name}"
                space = press.colour.space
                imposed = _impose(files.pdf, imposition, base_font, label, staging, space)
                imposed_separations = tuple(  # each ink's separation on the same sheets
                    _impose(separation, imposition, base_font, f"{label}  ·  {separation.stem}", staging, space)
                    for separation in separations)
            _write_json(staging.temp(files.report), _report(files.pdf, setup, plan, findings))
            written = {final: staging.temp(final) for final in staging.finals}
            _write_json(staging.temp(files.manifest),
                        manifest(setup.project, files.pdf, written, setup.layout, press, layout.fonts,
                                 len(plan.pages), digests, catalog.images()))
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
    return BuildResult(pdf=files.pdf, layout=setup.layout_name, press=press.name, pages=len(plan.pages),
                       plates=plan.plates, padding=plan.padding, bytes=files.pdf.stat().st_size,
                       findings=tuple(findings), report=files.report, manifest=files.manifest, images=counts,
                       timings=clock.done(), imposed=imposed,
                       imposition=_imposition_summary(imposition),
                       padding_kinds=plan.padding_kinds, separations=separations,
                       imposed_separations=imposed_separations, planned=planned, cover=files.cover,
                       prices=files.prices,
                       binding=setup.binding.kind.name)


def _preflight(planned: Planned, prepared: Images) -> list[Problem]:
    """The book's findings, a cover sheet's, and the spine as used."""
    setup = planned.setup
    found = Preflight(planned.plan, setup.layout, setup.press, prepared, setup.project, setup.loaded.blanks,
                      setup.binding.page_multiple).run()
    if planned.cover is not None:
        found.extend(Preflight(planned.cover, setup.layout, setup.press, prepared, setup.project, ()).run_sheet())
    note = planned.spine_note()
    return found + ([note] if note else [])


@dataclass(frozen=True)
class Files:
    """Every file a build will write, known before it starts, so each can be checked first."""

    pdf: Path            # the book; a bound book's pages, <name>-interior.pdf
    report: Path
    manifest: Path
    more: tuple[outputs.Output, ...] = ()  # separations and printer sheets
    cover: Path | None = None              # a bound book's cover sheet, <name>-cover.pdf
    prices: Path | None = None             # the price list, <name>-prices.pdf

    @property
    def all(self) -> tuple[outputs.Output, ...]:
        return self.main + self.more

    @property
    def main(self) -> tuple[outputs.Output, ...]:
        cover = (outputs.Output(self.cover, "the cover sheet"),) if self.cover else ()
        prices = (outputs.Output(self.prices, "the price list"),) if self.prices else ()
        return (outputs.Output(self.pdf, "the PDF"), *cover, *prices,
                outputs.Output(self.report, "the preflight report", "json"),
                outputs.Output(self.manifest, "the manifest", "json"))


def planned_outputs(out: Path, setup: Setup, options: BuildOptions, given: bool = False) -> Files:
    """The PDF (for a bound book: <name>-interior.pdf and <name>-cover.pdf), its report and manifest, its
    separations (a press with separations) and printer sheets."""
    more: list[outputs.Output] = []
    book, cover = out, None
    if setup.binding.separate_cover:
        book, cover = (out.with_name(f"{out.stem}-{part}.pdf") for part in ("interior", "cover"))
    pdfs = [book]
    if setup.press.separations:
        for key in (separate.BLACK, *(ink.key for ink in setup.layout.inks)):
            separation = separate.separation_path(book, key)
            pdfs.append(separation)
            more.append(outputs.Output(separation, f"the plate '{key}'"))  # the printer's word, in messages
    if options.impose:
        more.extend(outputs.Output(imposed_path(pdf, options.impose), f"the printer sheets of {pdf.name}")
                    for pdf in pdfs)
    report, listed = (out.with_name(out.stem + suffix) for suffix in (".preflight.json", ".manifest.json"))
    prices = out.with_name(f"{out.stem}-prices.pdf") if options.price_list else None
    return Files(book, report, listed, tuple(more), cover, prices)


def _inputs(setup: Setup, layout: LayoutSpec) -> list[Path]:
    """What the manifest lists: no output may be one of these."""
    return inputs(setup.project, setup.layout, setup.press, layout.fonts, setup.loaded.catalog.images())


@dataclass(frozen=True)
class CheckResult:
    """Every finding `check` made; `stopped` when an input error would stop a build."""

    findings: list[Problem]
    stopped: bool  # an input error that would stop a build (exit status 2, as for build)


def check(project: Path, options: BuildOptions = BuildOptions()) -> CheckResult:
    """Every finding a build would report, without drawing or writing anything. Input errors that
    would stop a build are findings too, so one run shows them all."""
    try:
        setup = prepare(project, options)
    except CatalogError as exc:
        return CheckResult(list(exc.problems), True)
    try:
        planned = plan_setup(setup, options)
        imposition = _imposition(options, planned.plan, setup.press, _sheet(options, setup.press), setup)
    except CatalogError as exc:
        return CheckResult(list(setup.loaded.warnings) + list(exc.problems), True)
    sheets = (planned.plan, planned.cover) if planned.cover else (planned.plan,)
    images = soundness.judged((item.placed() for drawn in sheets for page in drawn.pages for item in page.images),
                              Digests(setup.project / FOLDER / DIGESTS))  # only read: check writes nothing
    return CheckResult(list(setup.loaded.warnings) + images + _preflight(planned, {}) +
                       _imposition_notes(options, setup.press, imposition),
                       any(f.severity == "error" for f in images))  # the image stage would stop the build


def imposed_path(pdf: Path, method: str) -> Path:
    """<name>-<method>.pdf beside <name>.pdf."""
    return pdf.with_name(f"{pdf.stem}-{method}.pdf")


def _impose(pdf: Path, imposition: imposing.Imposition, font: str, label: str, staging: outputs.Staging,
            space: str) -> Path:
    """The printer sheets of `pdf` (an output staged in `staging`), staged beside it, their marks in
    registration colour over `space`, the press's process colours."""
    target = imposed_path(pdf, imposition.method)
    imposing.write(staging.temp(pdf), imposition, staging.temp(target), font, label, space)
    return target


def _imposition_notes(options: BuildOptions, press: PressProfile,
                      imposition: imposing.Imposition | None) -> list[Problem]:
    """What printing the sheets costs the pages: their edges where the press cannot print, creep left off."""
    if imposition is None:
        return []
    return [*_unprinted(press, imposition), *_creep_note(options, press, imposition)]


def _unprinted(press: PressProfile, imposition: imposing.Imposition) -> list[Problem]:
    """The press prints nothing near the sheet's edge, and the pages reach into that strip: their
    outer edge stays paper-white. The design changes, so it is a warning, with what to do."""
    if imposition.unprinted < mm(0.1):
        return []
    at = press.origin("imposition", "unprintable")
    return [Problem(f"'{press.name}' prints nothing within {to_mm(press.unprintable):g} mm of a sheet's edge, so on "
                    f"these {sheet_name(imposition.sheet_size)} sheets the pages' outer "
                    f"{to_mm(imposition.unprinted):.1f} mm stay paper-white", at.file, at.line,
                    hint="impose on a larger sheet and trim (--sheet B4, SRA3), or keep colour and pictures that "
                         "far inside the trim", severity="warning", code="unprintable-edge")]


def _creep_note(options: BuildOptions, press: PressProfile, imposition: imposing.Imposition) -> list[Problem]:
    """A saddle booklet of more than one sheet with no paper thickness gets no creep: its inner pages
    lose more to the trim. Said as a note, with how to set it, so it is a choice and not an oversight."""
    if imposition.method != imposing.SADDLE or imposition.sheets < 2:
        return []
    if options.creep is not None or press.paper_thickness:
        return []
    at = press.origin("imposition", "paper_thickness")
    return [Problem(f"creep is off: no paper thickness for this {imposition.sheets}-sheet saddle booklet, so its "
                    "inner pages stick out at the fore-edge and lose more to the trim", at.file, at.line,
                    hint="pass --creep MM (one sheet's thickness, e.g. --creep 0.1) or set "
                    "'imposition: {paper_thickness: 0.1mm}' in the press profile",
                    severity="info", code="creep-off")]


def _sheet(options: BuildOptions, press: PressProfile) -> tuple[float, float] | None:
    if not options.sheet:
        return press.sheet
    try:
        return parse_sheet(options.sheet)
    except ValueError as exc:
        raise imposing.ImposeError(Problem(f"--sheet: {exc}")) from None


def _imposition(options: BuildOptions, plan: DocumentPlan, press: PressProfile,
                sheet: tuple[float, float] | None, setup: Setup) -> imposing.Imposition | None:
    """The printer sheets planned, or one clear refusal before anything is drawn."""
    if not options.impose:
        return None
    if setup.binding.separate_cover:
        at = setup.binding.origin()
        raise imposing.ImposeError(Problem(
            f"--impose {options.impose} folds self-covered booklets, and this book is bound "
            f"'{setup.binding.kind.name}' with a separate cover", at.file, at.line,
            hint="build with --binding saddle to impose it, or send the interior and cover files to the printer"))
    if options.impose not in imposing.METHODS:
        raise imposing.ImposeError(Problem(f"unknown imposition {options.impose!r}",
                                           hint=f"use one of: {', '.join(imposing.METHODS)}"))
    trim = (plan.width, plan.height)
    count = len(plan.pages)
    if options.impose == imposing.SADDLE:
        thickness = press.paper_thickness if options.creep is None else mm(options.creep)  # given in mm
        return imposing.plan_saddle(count, trim, plan.bleed, sheet, thickness, options.marks, press.mark_clearance,
                                    press.unprintable)
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
    return imposing.plan_minizine(count, trim, sheet or parse_sheet("A4"), options.several, options.marks,
                                  press.unprintable)


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
