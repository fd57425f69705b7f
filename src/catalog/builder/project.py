"""Planning a project: content, layout, press and fonts read, then every page planned. The one way
build, check, proof, the `layouts` listing and the bench get a plan, so they cannot drift apart."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.load import Loaded, load_project
from ..errors import LayoutError, Problem
from ..model import Origin
from ..plan import DocumentPlan, plan_document
from ..plan.context import ImageFacts
from ..plan.wrap import cover_size, plan_wrap
from ..prepress import impose as imposing
from ..prepress.boxes import page_boxes
from ..specs.binding import (
    Binding,
    BindingError,
    Paper,
    binding_problems,
    settle_binding,
    settle_paper,
    spine,
    spine_formula,
)
from ..specs.layouts import LayoutSpec, load_layout
from ..specs.paper import MAX_PAGE
from ..specs.press import DEFAULT_PRESS, PressProfile, load_press
from ..text import fonts
from ..units import to_mm
from .options import BuildOptions

Step = Callable[..., None]


def _quiet(*_: object) -> None:
    return None


@dataclass(frozen=True)
class Setup:
    """Everything decided before pages are laid out."""

    project: Path
    loaded: Loaded
    layout: LayoutSpec   # as its file says
    press: PressProfile
    layout_name: str
    pressed: LayoutSpec  # the layout as this press, binding and imposition need it (press_layout)
    binding: Binding
    paper: Paper


@dataclass(frozen=True)
class Planned:
    """A project planned: what was read, the fonts registered for it and the pages; for a bound book
    (a separate cover) the cover sheet too, and the spine's width."""

    setup: Setup
    book: fonts.FontBook
    plan: DocumentPlan
    cover: DocumentPlan | None = None
    spine: float = 0.0

    def spine_note(self) -> Problem | None:
        """The spine and cover sheet as used, for the build's summary and `catalog check`."""
        if self.cover is None:
            return None
        setup = self.setup
        paper = setup.paper
        formula = spine_formula(len(self.plan.pages), setup.binding, paper)
        return Problem(f"binding '{setup.binding.kind.name}': spine {to_mm(self.spine):.2f} mm ({formula}; paper: "
                       f"{paper.described}); cover sheet {cover_size(self.cover)} trimmed",
                       paper.origin.file, paper.origin.line, severity="info", code="spine")


def impose_multiple(method: str) -> int:
    return imposing.MINIZINE_PAGES if method == imposing.MINIZINE else 4


COVERS = ("cover", "back_cover")
"""The sections a separate cover sheet takes out of the book."""


def press_layout(layout: LayoutSpec, press: PressProfile, impose: str | None = None,
                 binding: Binding | None = None) -> LayoutSpec:
    """The layout as this press and binding need it: its bleed, and its page multiple when it sets one.
    The binding's multiple counts too (4 for stapled sheets), and so does an imposition's (8 for a
    mini zine): the planner pads with the layout's designed pages, never the imposition with blanks.
    A binding with a separate cover (perfect, casewrap, jacket) takes the covers out of the book."""
    multiple = press.page_multiple or layout.page.page_multiple
    if binding:
        multiple = math.lcm(multiple, binding.page_multiple)
    if impose:
        multiple = math.lcm(multiple, impose_multiple(impose))
    page = replace(layout.page, bleed=layout.page.bleed if press.bleed is None else press.bleed,
                   layout_bleed=layout.page.designed_bleed, safe_margin=press.safe_margin,
                   page_multiple=multiple if press.pad else 1)
    sections = layout.sections
    if binding and binding.separate_cover:
        sections = tuple(section for section in sections if section not in COVERS)
    return replace(layout, page=page, sections=sections)


def prepare(project: Path, options: BuildOptions, step: Step = _quiet) -> Setup:
    """Content, layout and press read; nothing planned yet, so a build can check its outputs first."""
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
    binding, paper = settle_binding(catalog, press, options.binding), settle_paper(catalog, press)
    return Setup(project, loaded, layout, press, layout_name, press_layout(layout, press, options.impose, binding),
                 binding, paper)


def plan_setup(setup: Setup, options: BuildOptions, step: Step = _quiet, images: ImageFacts | None = None) -> Planned:
    """The pages of a prepared project. `images` answers the planner's questions about photographs
    (their size and tone); by default the files are opened."""
    fits_pdf(setup.pressed, setup.press, options)
    book = fonts.register(setup.pressed.fonts)
    step("Laying out pages")
    several = options.impose == imposing.MINIZINE and options.several  # a booklet per sheet
    catalog, binding = setup.loaded.catalog, setup.binding
    plan = plan_document(catalog, setup.pressed, book, images, imposing.MINIZINE_PAGES if several else 0)
    problems = binding_problems(len(plan.pages), binding, setup.paper, catalog)
    if problems:
        raise BindingError(problems)
    if not binding.separate_cover:
        return Planned(setup, book, plan)
    step("Laying out the cover")
    width = spine(len(plan.pages), binding, setup.paper)
    cover = plan_wrap(catalog, setup.pressed, book, binding, width, len(plan.pages), images)
    return Planned(setup, book, plan, cover, width)


def plan_project(project: Path, options: BuildOptions = BuildOptions(), step: Step = _quiet,
                 images: ImageFacts | None = None) -> Planned:
    """Read and plan a project as a build would, drawing and writing nothing."""
    return plan_setup(prepare(project, options, step), options, step, images)


def fits_pdf(layout: LayoutSpec, press: PressProfile, options: BuildOptions) -> None:
    """The page with its bleed and marks within the largest page a PDF may have (paper.MAX_PAGE)."""
    page = layout.page
    marks, _ = outside_trim(press, options)
    media = page_boxes(page.width, page.height, page.bleed, marks, press.mark_clearance).media
    for across, size in (("width", media.width), ("height", media.height)):
        if size > MAX_PAGE:
            at = layout.origin("page", across)
            raise LayoutError(Problem(
                f"the page is {to_mm(size):.0f} mm in {across} with its bleed and marks, more than the "
                f"{to_mm(MAX_PAGE):.0f} mm (200 in) a PDF page may be", at.file, at.line,
                hint="make the page smaller, or build without marks (--no-marks)"))


def outside_trim(press: PressProfile, options: BuildOptions) -> tuple[bool, bool]:
    """(marks, slug line): what the PDF page carries outside the bleed. `--marks` or `--no-marks`
    overrides the press. A slug line comes only with marks (unless the press says `slug: false`): it
    prints in registration colour, which a file delivered without marks must not carry."""
    marks = press.marks if options.marks is None else options.marks
    return marks, marks and press.slug_line
