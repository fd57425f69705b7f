"""Layouts as data: a YAML file becomes page geometry, fonts, colours, text styles and section order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..colour import Ink, Swatch
from ..content.dimensions import CONVENTION, Convention, convention
from ..content.fields import Printing
from ..errors import LayoutError, Problem
from ..model import Origin
from ..paths import resolve_inside
from ..resources import builtin_dir
from ..source import named
from ..source.schema import Bool, Colour, Enum, Field, Int, Length, ListOf, MapOf, Record, Str
from ..source.yamlfile import Document
from ..units import mm, to_mm
from .barcode import BARCODE, BarcodeSpec
from .essays import ESSAY_LABELS, ESSAY_STYLES, ESSAYS, EssaySpec, essay_spec
from .hyphenation import HOUSE, HYPHENATION, STYLE_KEYS, Hyphenation, style_hyphenation
from .inks import INKS, TRAP, TRAP_WIDTH, read_inks
from .justification import JUSTIFICATION_KEYS, PLAIN, Justification
from .opentype import FONT_KEYS, LAYOUT_FALLBACK, fallback_problems, fallbacks
from .paper import MAX_PAGE
from .plates import PLATES, PlateSpec
from .templates import GRID, TEMPLATES, Grid, Template, read_grid, read_templates, unknown_template

WEIGHTS = ("regular", "italic", "bold", "bold_italic")
ALIGNMENTS = ("left", "right", "center", "justify")
SECTIONS = ("cover", "half_title", "title_page", "imprint", "contents", "texts", "artists", "works", "checklist",
            "lenders", "photo_credits", "bibliography", "glossary", "index", "colophon", "back_cover")
DEFAULT_SECTIONS = ("cover", "contents", "texts", "artists", "works", "colophon", "back_cover")
ARTIST_SECTIONS = ("opener", "biography", "plates", "exhibitions", "entry")  # entry: name, bio and works on a page
PADDING_KINDS = ("notes", "image", "blank")  # designed pages that fill up to page_multiple
STYLE_ROLES = (
    "body", "statement", "heading", "subheading", "author",
    "cover_title", "cover_subtitle", "cover_meta",
    "opener_name", "opener_native", "opener_meta",
    "caption_title", "caption", "list", "toc", "running_head", "folio",
    "colophon", "back_cover")
OPTIONAL_STYLES = {"spine": "cover_subtitle", "blurb": "back_cover",  # a role a layout may omit: the style it takes
                   **{role: fallback for role, (fallback, _) in ESSAY_STYLES.items()}}
LABELS = {
    "contents": "Contents", "biography": "Biography", "exhibitions": "Exhibitions",
    "solo": "Solo exhibitions", "group": "Group exhibitions", "awards": "Awards",
    "works": "List of works", "colophon": "Colophon", "born": "Born", "based": "Lives and works in",
    "plates": "Plates", "statement": "Statement", "curator": "Curator", "editor": "Editor",
    "publisher": "Published by", "printer": "Printed by", "typefaces": "Typefaces",
    "notes": "Notes", "cover": "Cover", "detail": "detail", "continued": "continued", "died": "Died",
    "edition": "Edition", "edition_of": "Edition of", "checklist": "Checklist", "lenders": "Lenders to the exhibition",
    "photo_credits": "Photographic credits", "price_list": "Price list", "on_request": "Price on request",
    "bibliography": "Bibliography", "glossary": "Glossary", "index": "Index",
    "reserved": "Reserved", "sold": "Sold", "on_loan": "On loan", "not_for_sale": "Not for sale", **ESSAY_LABELS,
}


@dataclass(frozen=True)
class Margins:
    inside: float
    outside: float
    top: float
    bottom: float


@dataclass(frozen=True)
class PageSpec:
    width: float
    height: float
    bleed: float        # as the press prints it (press_layout), else as the layout says
    margins: Margins
    columns: int
    gutter: float
    page_multiple: int
    layout_bleed: float | None = None  # the layout's own bleed, when a press changed `bleed`
    safe_margin: float = 0.0  # the press's safe margin (press_layout): folios and running heads keep inside it

    @property
    def designed_bleed(self) -> float:
        """The bleed the layout was designed with, whatever the press prints: what a full-bleed plate
        is judged against, so a screen PDF (no bleed) captions its plates as the printed book does."""
        return self.bleed if self.layout_bleed is None else self.layout_bleed


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    italic: Path
    bold: Path
    bold_italic: Path

    def file(self, weight: str) -> Path:
        return getattr(self, weight)


@dataclass(frozen=True)
class TextStyle:
    font: str
    weight: str
    size: float
    leading: float
    colour: Swatch
    align: str = "left"
    hyphenate: bool = False
    hyphenation: Hyphenation = HOUSE  # where it may break words, when it does
    justification: Justification = PLAIN  # letter-spacing and hanging punctuation in justified lines
    indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    tracking: float = 0.0
    upper: bool = False
    role: str = ""
    features: tuple[str, ...] = ()  # OpenType features on (onum) or off (-liga), over kern, liga and clig
    fallback: tuple[tuple[str, str], ...] = ()  # (script, family): for characters the style's font lacks


@dataclass(frozen=True)
class BilingualSpec:
    """How a book printing two languages sets them: one column each, or one after the other."""

    biography: str = "sequential"
    captions: str = "sequential"


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    path: Path
    description: str
    page: PageSpec
    fonts: dict[str, FontFiles]
    colours: dict[str, Swatch]
    styles: dict[str, TextStyle]
    sections: tuple[str, ...]
    artist_sections: tuple[str, ...]
    plates: PlateSpec
    start_on_recto: tuple[str, ...]
    running_heads: bool
    folios: str
    labels: dict[str, str]
    padding: tuple[str, ...] = ("blank",)
    inks: tuple[Ink, ...] = ()  # spot inks (risograph drums) besides black, each printing some colours
    trap: float = TRAP_WIDTH     # points a spot ink spreads into a photograph it surrounds
    lines: dict[str, tuple[Path, int | None]] = field(default_factory=dict, compare=False)
    bilingual: BilingualSpec = BilingualSpec()
    grid: Grid = field(default_factory=lambda: Grid(6, 8, 0.0, 0.0))
    templates: dict[str, Template] = field(default_factory=dict, compare=False)
    opener: str = "page"  # page | spread: the artist's first plate to the bleed on the verso, the name opposite
    barcode: BarcodeSpec = field(default_factory=BarcodeSpec)
    run_on: bool = False  # the exhibitions follow the biography on its page instead of opening a new one
    centre_spread: bool = False  # a saddle-stitched book's centre spread shows one work across both pages
    copyfit: int = 0      # per cent running text may be set smaller to save a page holding a few spilled lines
    spill: int = 25       # per cent of a page: a text's last page filled less than this is a spill to copyfit away
    essays: EssaySpec = field(default_factory=EssaySpec)  # where essays' notes go, how far quotes and lists are set in
    dimensions: Convention = field(default_factory=Convention)  # units structured dimensions print in

    @property
    def printing(self) -> Printing:
        """How captions and lists print a work's record in this layout."""
        return Printing(self.dimensions, self.labels["edition"], self.labels["edition_of"])

    def origin(self, *key: str) -> Origin:
        """Where a setting was written (after inheritance), for findings that point back to it."""
        file, line = self.lines.get(".".join(key), (self.path, None))
        return Origin(file, line)


MIN_TYPE = 1.0
"""Points: type set smaller prints as a smudge (or, at 0, not at all) and would pass unnoticed."""
PAGE_LIMIT = " (200 in, the largest PDF page)"

STYLE = Record({
    "font": Field(Str(), required=True, doc="a family named under 'fonts'"),
    "weight": Field(Enum(*WEIGHTS), default="regular"),
    "size": Field(Length(minimum=MIN_TYPE), required=True),
    "leading": Field(Length(minimum=MIN_TYPE)),
    "colour": Field(Colour(), default="text"),
    "align": Field(Enum(*ALIGNMENTS), default="left"),
    **STYLE_KEYS, **JUSTIFICATION_KEYS, **FONT_KEYS,  # hyphenate, hyphenation; justification; features, fallback
    "indent": Field(Length(), default=0.0),
    "space_before": Field(Length(), default=0.0),
    "space_after": Field(Length(), default=0.0),
    "tracking": Field(Length(minimum=-10.0), default=0.0),
    "case": Field(Enum("as_written", "upper"), default="as_written"),
})
LAYOUT_SCHEMA = Record({
    "name": Field(Str()),
    "description": Field(Str(), default=""),
    "base": Field(Str(), doc="a layout to start from"),
    "page": Field(Record({
        "width": Field(Length(minimum=1.0, maximum=MAX_PAGE, why=PAGE_LIMIT), required=True),
        "height": Field(Length(minimum=1.0, maximum=MAX_PAGE, why=PAGE_LIMIT), required=True),
        "bleed": Field(Length(), default=3 * 72 / 25.4),
        "margins": Field(Record({
            "inside": Field(Length(), required=True),
            "outside": Field(Length(), required=True),
            "top": Field(Length(), required=True),
            "bottom": Field(Length(), required=True),
        }), required=True),
        "columns": Field(Int(1, 4), default=1),
        "gutter": Field(Length(), default=5 * 72 / 25.4),
        "page_multiple": Field(Int(1, 32), default=2, doc="pages come in multiples of this"),
    }), required=True),
    "fonts": Field(MapOf(Record({
        weight: Field(Str(), required=True, doc="a .ttf file in fonts/") for weight in WEIGHTS
    })), required=True),
    "colours": Field(MapOf(Str(r"#[0-9a-fA-F]{6}|cmyk\(\s*[\d.]+(\s*,\s*[\d.]+){3}\s*\)",
                                '"#1a1a1a" or "cmyk(0, 0, 0, 100)"')), default={}),
    "styles": Field(Record({**{role: Field(STYLE, required=True) for role in STYLE_ROLES}, **{role: Field(
        STYLE, doc=f"default: as '{fallback}'") for role, fallback in OPTIONAL_STYLES.items()}}), required=True),
    "hyphenation": Field(HYPHENATION, default={}, doc="house rules on breaking words, each style's unless it says"),
    "fallback": LAYOUT_FALLBACK,
    "dimensions": CONVENTION,
    "sections": Field(ListOf(Enum(*SECTIONS), min_items=1), default=list(DEFAULT_SECTIONS)),
    "artist_sections": Field(ListOf(Enum(*ARTIST_SECTIONS), min_items=1), default=list(ARTIST_SECTIONS)),
    "plates": Field(PLATES, default={}),
    "barcode": Field(BARCODE, default={}, doc="the ISBN barcode on the back cover"),
    "run_on": Field(Bool(), default=False,
                    doc="the exhibitions follow the biography in its columns instead of opening a page of their own"),
    "centre_spread": Field(Bool(), default=False,
                           doc="print one work across the centre spread, the spread a saddle-stitched book prints "
                               "unbroken: a work with 'size: spread', else the widest landscape"),
    "copyfit": Field(Int(0, 15), default=0,
                     doc="per cent an essay or biography may be set smaller (size and leading) so that it does not "
                         "spill a few lines onto a page of their own; 0: never"),
    "spill": Field(Int(5, 50), default=25, doc="per cent of a page: a text whose last page is filled less than "
                                               "this is copyfitted (default: a quarter of a page)"),
    "opener": Field(Enum("page", "spread"), default="page",
                    doc="spread: the artist's first work to the bleed on the left page, the name opposite"),
    "essays": ESSAYS,
    "grid": Field(GRID, default={}, doc="the modules plate templates are placed on, over the text area"),
    "templates": Field(TEMPLATES, default={}, doc="named plate templates: frames for images and captions on the grid"),
    "start_on_recto": Field(ListOf(Enum(*SECTIONS[1:-1])), default=["contents", "artists"],
                            doc="sections that begin on a right-hand page (each artist, for 'artists')"),
    "running_heads": Field(Bool(), default=True),
    "folios": Field(Enum("outside", "center", "none"), default="outside"),
    "padding": Field(ListOf(Enum(*PADDING_KINDS), min_items=1), default=["blank"],
                     doc="pages that fill the count up to page_multiple, before the back cover, used in turn"),
    "labels": Field(Record({key: Field(Str()) for key in LABELS}), default={}),
    "inks": INKS,
    "trap": TRAP,
    "bilingual": Field(Record({
        "biography": Field(Enum("sequential", "side_by_side"), default="sequential",
                           doc="side_by_side: a column per language; sequential: one language after the other"),
        "captions": Field(Enum("sequential", "side_by_side"), default="sequential"),
    }), default={}, doc="how a catalog with two 'languages' sets them"),
}, name="layout")


LAYOUTS = named.Kind("layouts", "layout", LayoutError)


def available_layouts(project: Path) -> dict[str, Path]:
    return named.available(project, LAYOUTS.folder)


@dataclass(frozen=True)
class LayoutSource:
    """Where a layout name comes from, for `catalog layouts`."""

    name: str
    path: Path
    own: bool        # a file in the project's layouts/
    overrides: bool  # ... with the name of a built-in layout, which it replaces


def layout_sources(project: Path) -> list[LayoutSource]:
    """Every layout a build could use, by name. In a source checkout the repository's layouts/ are the
    built-in ones, so they do not count as the project's own there."""
    builtin = builtin_dir("layouts")
    builtin_names = {path.stem for path in builtin.glob("*.yaml")} if builtin else set()
    own_folder = project / "layouts"
    shared = builtin is not None and own_folder.is_dir() and own_folder.resolve() == builtin.resolve()
    return [LayoutSource(name, path, own, own and name in builtin_names)
            for name, path in sorted(available_layouts(project).items())
            for own in [path.parent == own_folder and not shared]]


def font_dirs(project: Path) -> list[Path]:
    dirs = [project / "fonts"]
    builtin = builtin_dir("fonts")
    if builtin:
        dirs.append(builtin)
    return dirs


def load_layout(name: str, project: Path, named_at: Origin = Origin()) -> LayoutSpec:
    """`named_at`: where the layout's name was written (catalog.yaml), for the error message."""
    resolved, values, problems = named.load(name, project, LAYOUTS, LAYOUT_SCHEMA, named_at)
    doc = resolved.doc
    families = _families(values["fonts"], doc, project, problems)
    colours = {"text": Swatch(0.1, 0.1, 0.1), "paper": Swatch(1, 1, 1)}
    colours.update({name: Swatch.parse(value) for name, value in values["colours"].items()})
    inks = read_inks(values["inks"], colours, doc, problems)
    styles = {}
    for role in (*STYLE_ROLES, *OPTIONAL_STYLES):
        raw = values["styles"].get(role) or {**values["styles"][OPTIONAL_STYLES[role]],
                                             **ESSAY_STYLES.get(role, ("", {}))[1]}
        styles[role] = _style(role, raw, set(values["fonts"]), colours, doc, problems, values)
    problems.extend(_text_area(values["page"], doc) + fallback_problems(values["fallback"], set(values["fonts"]),
                                                                         doc, "fallback"))
    grid = read_grid(values["grid"], values["page"]["gutter"])
    templates = read_templates(values["templates"], grid, doc, problems)
    problems.extend(_needed_templates(values, templates, doc))
    if problems:
        raise LayoutError(problems)
    page = values["page"]
    margins = page["margins"]
    return LayoutSpec(
        name=name,
        path=resolved.path,
        description=values["description"] or "",
        page=PageSpec(page["width"], page["height"], page["bleed"],
                      Margins(margins["inside"], margins["outside"], margins["top"], margins["bottom"]),
                      page["columns"], page["gutter"], page["page_multiple"]),
        fonts=families,
        colours=colours,
        styles=styles,
        sections=tuple(values["sections"]),
        artist_sections=tuple(values["artist_sections"]),
        plates=PlateSpec(**values["plates"]),
        start_on_recto=tuple(values["start_on_recto"]),
        running_heads=values["running_heads"], folios=values["folios"],
        labels={**LABELS, **{k: v for k, v in (values["labels"] or {}).items() if v}},
        padding=tuple(values["padding"]), inks=inks, trap=values["trap"],
        bilingual=BilingualSpec(**values["bilingual"]),
        grid=grid, templates=templates, opener=values["opener"], spill=values["spill"],
        copyfit=values["copyfit"], centre_spread=values["centre_spread"], run_on=values["run_on"],
        barcode=BarcodeSpec(**values["barcode"]), dimensions=convention(values["dimensions"]),
        essays=essay_spec(values["essays"]),
        lines={".".join(str(p) for p in key): doc.locate(*key) for key in doc.lines},
    )


def _needed_templates(values: dict[str, Any], templates: dict[str, Template], doc: Document) -> list[Problem]:
    """The templates the layout's own choices use must exist: a layout that asks for grids of three
    but has no grid-3 would fail at the first artist, far from the line that asked."""
    plates = values["plates"]
    needed = [("single", ("plates", "style")), ("bleed", ("plates", "style"))]
    if plates["per_page"] > 1:
        needed.append((f"grid-{plates['per_page']}", ("plates", "per_page")))
    if plates["bleed_caption"] == "facing":
        needed.append(("facing", ("plates", "bleed_caption")))
    problems = []
    for name, key in needed:
        if name not in templates:
            file, line = doc.locate(*key)
            problems.append(unknown_template(name, templates, Origin(file, line), "the layout's plates"))
    return problems


def _font_file(name: str, project: Path, file: Path, line: int | None) -> tuple[Path | None, Problem | None]:
    """A font named in a layout: a file in the project's fonts/ (which may not lead out of the project),
    else a built-in font."""
    folders = [(project, project / "fonts")]
    builtin = builtin_dir("fonts")
    if builtin:
        folders.append((builtin, builtin))
    for root, folder in folders:
        resolved, problem = resolve_inside(root, folder, name, file, line)
        if problem:
            return None, replace(problem, hint="name a .ttf file in the project's fonts/ folder, "
                                               "e.g. House-Regular.ttf")
        if resolved is not None and resolved.is_file():
            return folder / name.strip(), None
    return None, None


def _families(raw: dict[str, dict[str, str]], doc: Document, project: Path,
              problems: list[Problem]) -> dict[str, FontFiles]:
    """Font files are looked up in the project's fonts/ first, then among the built-in fonts."""
    families: dict[str, FontFiles] = {}
    for family, files in raw.items():
        paths = {}
        for weight in WEIGHTS:
            name = files[weight]
            path, line = doc.locate("fonts", family, weight)
            found, refused = _font_file(name, project, path, line)
            if refused:
                problems.append(refused)
            elif found is None:
                problems.append(Problem(f"font file not found: {name}", path, line,
                                        hint="put the .ttf file in the project's fonts/ folder"))
            elif found.suffix.lower() != ".ttf":
                problems.append(Problem(f"{name} is not a TrueType (.ttf) font", path, line,
                                        hint="convert OpenType/CFF fonts to .ttf, e.g. with fontTools"))
            else:
                paths[weight] = found
        if len(paths) == len(WEIGHTS):
            families[family] = FontFiles(**paths)
    return families


def _style(role: str, raw: dict[str, Any], families: set[str], colours: dict[str, Swatch],
           doc: Document, problems: list[Problem], layout: dict[str, Any]) -> TextStyle:
    if raw["font"] not in families:
        path, line = doc.locate("styles", role, "font")
        problems.append(Problem(f"style '{role}' uses font '{raw['font']}', which 'fonts' does not define",
                                path, line, hint="families: " + ", ".join(sorted(families))))
    problems.extend(fallback_problems(raw["fallback"], families, doc, "styles", role, "fallback"))
    colour_name = raw["colour"] or "text"
    if colour_name.startswith(("#", "cmyk(")):
        colour = Swatch.parse(colour_name)
    elif colour_name in colours:
        colour = colours[colour_name]
    else:
        path, line = doc.locate("styles", role, "colour")
        problems.append(Problem(f"style '{role}' uses colour '{colour_name}', which 'colours' does not define",
                                path, line, hint="colours: " + ", ".join(colours)))
        colour = colours["text"]
    return TextStyle(font=raw["font"], weight=raw["weight"], size=raw["size"], colour=colour, align=raw["align"],
                     leading=raw["leading"] or raw["size"] * 1.25, hyphenate=raw["hyphenate"], indent=raw["indent"],
                     space_before=raw["space_before"], space_after=raw["space_after"], tracking=raw["tracking"],
                     upper=raw["case"] == "upper", role=role,
                     hyphenation=style_hyphenation(raw["hyphenation"], layout["hyphenation"]),
                     justification=Justification(**raw["justification"]), features=tuple(raw["features"]),
                     fallback=fallbacks(raw["fallback"], layout["fallback"]))


def _text_area(page: dict, doc: Document) -> list[Problem]:
    """Margins that leave no room for text would fail far from their cause (a division by a zero
    column width), so they are refused here, at the line that set them."""
    problems = []
    margins = page["margins"]
    for across, (first, second), size in (("width", ("inside", "outside"), page["width"]),
                                           ("height", ("top", "bottom"), page["height"])):
        taken = margins[first] + margins[second]
        if taken >= size - mm(10):
            file, line = doc.locate("page", "margins", first)
            problems.append(Problem(
                f"margins '{first}' and '{second}' ({to_mm(taken):.0f} mm together) leave less than 10 mm of the "
                f"page {across} ({to_mm(size):.0f} mm) for text", file, line,
                hint="make the margins smaller or the page larger"))
    return problems
