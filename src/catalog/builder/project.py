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
from ..prepress import impose as imposing
from ..prepress.boxes import page_boxes
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
    pressed: LayoutSpec  # the layout as this press and imposition need it (press_layout)


@dataclass(frozen=True)
class Planned:
    """A project planned: what was read, the fonts registered for it and the pages."""

    setup: Setup
    book: fonts.FontBook
    plan: DocumentPlan


def impose_multiple(method: str) -> int:
    return imposing.MINIZINE_PAGES if method == imposing.MINIZINE else 4


def press_layout(layout: LayoutSpec, press: PressProfile, impose: str | None = None) -> LayoutSpec:
    """The layout as this press needs it: its bleed, and its page multiple when it sets one. An
    imposition needs its own multiple too (4 for a saddle-stitched booklet, 8 for a mini zine):
    the planner pads with the layout's designed pages, never the imposition with blanks."""
    multiple = press.page_multiple or layout.page.page_multiple
    if impose:
        multiple = math.lcm(multiple, impose_multiple(impose))
    page = replace(layout.page, bleed=layout.page.bleed if press.bleed is None else press.bleed,
                   layout_bleed=layout.page.designed_bleed,
                   page_multiple=multiple if press.pad else 1)
    return replace(layout, page=page)


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
    return Setup(project, loaded, layout, press, layout_name, press_layout(layout, press, options.impose))


def plan_setup(setup: Setup, options: BuildOptions, step: Step = _quiet, images: ImageFacts | None = None) -> Planned:
    """The pages of a prepared project. `images` answers the planner's questions about photographs
    (their size and tone); by default the files are opened."""
    fits_pdf(setup.pressed, setup.press, options)
    book = fonts.register(setup.pressed.fonts)
    step("Laying out pages")
    several = options.impose == imposing.MINIZINE and options.several  # a booklet per sheet
    return Planned(setup, book, plan_document(setup.loaded.catalog, setup.pressed, book, images,
                                              imposing.MINIZINE_PAGES if several else 0))


def plan_project(project: Path, options: BuildOptions = BuildOptions(), step: Step = _quiet,
                 images: ImageFacts | None = None) -> Planned:
    """Read and plan a project as a build would, drawing and writing nothing."""
    return plan_setup(prepare(project, options, step), options, step, images)


def fits_pdf(layout: LayoutSpec, press: PressProfile, options: BuildOptions) -> None:
    """The page with its bleed and marks within the largest page a PDF may have (paper.MAX_PAGE)."""
    page = layout.page
    marks, slug_line = outside_trim(press, options)
    media = page_boxes(page.width, page.height, page.bleed, marks or slug_line).media
    for across, size in (("width", media.width), ("height", media.height)):
        if size > MAX_PAGE:
            at = layout.origin("page", across)
            raise LayoutError(Problem(
                f"the page is {to_mm(size):.0f} mm in {across} with its bleed and marks, more than the "
                f"{to_mm(MAX_PAGE):.0f} mm (200 in) a PDF page may be", at.file, at.line,
                hint="make the page smaller, or build without marks (--no-marks)"))


def outside_trim(press: PressProfile, options: BuildOptions) -> tuple[bool, bool]:
    """(crop marks, slug line): what the PDF page carries outside the bleed. `--marks` or
    `--no-marks` overrides the press; crop marks always come with a slug line."""
    marks = press.marks if options.marks is None else options.marks
    return marks, press.slug_line or marks
