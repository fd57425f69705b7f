"""Press profiles as data: what one print shop accepts (PDF flavour, colour, bleed, marks, image
resolution), from presses/*.yaml in the project or built in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..colour import BUILTIN_CMYK, CMYK, INTENTS, Inks, builtin_cmyk_profile, profile_space
from ..content.binding import BINDING, KINDS, PAPER, PAPER_THICKNESS, SETTINGS
from ..errors import CatalogError, Problem
from ..model import Origin
from ..paths import resolve_inside
from ..resources import builtin_dir
from ..source import named
from ..source.schema import MISSING, Bool, Enum, Field, Int, Length, ListOf, MapOf, Number, Record, Str
from ..source.yamlfile import Document
from ..units import mm
from .flavours import FLAVOURS, PLAIN, PdfFlavour
from .paper import parse_sheet

DEFAULT_PRESS = "digital"

BUILTIN_PROFILES = (BUILTIN_CMYK, "FOGRA29L-l240.icc")
"""The output profiles shipped with the built-in presses (scripts/make_cmyk_profile.sh): a project's press file
may name one without a copy beside it."""

MARK_CLEARANCE = mm(3)
"""How far beyond the bleed printer's marks start unless the press says (`mark_clearance:`). A printer
that asks for marks wants them clear of the bleed: "print marks may not reach the bleed area"
(bookprinteconomy.cz, "The quality of your data"), "Offset the crop marks by at least 6mm (17 pt) and
allow for 3mm bleed" (goffset.com, "Creating PDFs"): 6 mm from the trim is 3 mm beyond a 3 mm bleed.
InDesign's default offset, 6 pt (2.117 mm) from the trim, lies inside a 3 mm bleed, which is why its
guides say to set the offset above the bleed."""


class PressError(CatalogError):
    kind = "press"


@dataclass(frozen=True)
class ColourSpec:
    space: Literal["rgb", "cmyk", "gray"]
    icc: Path | None            # the output profile; None means sRGB
    condition: str               # OutputConditionIdentifier, e.g. FOGRA39
    condition_name: str
    registry: str
    intent: str
    black_point_compensation: bool
    ink_limit: int               # per cent
    rich_black: CMYK | None
    rich_black_min: float        # points
    images: str = "convert"      # convert: to the press CMYK here; keep: RGB with its profile, for the RIP
    spots: bool = False          # grey with spot inks: the layout's spot colours stay Separations
    solid_black: float = 1.0     # grey presses: a neutral grey this dark (0 to 1) or darker prints solid black
    small_black: float = 0.0     # grey presses: grey text below this size (points) prints solid black
    area_limit: int = 100        # per cent of one ink a flat area at least area_min each way may print
    area_min: float = 0.0        # points

    def inks(self) -> Inks:
        return Inks(self.space, self.icc, self.intent, self.black_point_compensation, self.ink_limit,
                    self.rich_black, self.rich_black_min, self.spots, self.solid_black, self.small_black)


@dataclass(frozen=True)
class TypeSpec:
    """What small type this press prints cleanly; text beyond it is reported (prepress.smalltype).
    Sizes in points, 0: not checked."""

    grey_min: float = 0.0        # grey presses: grey (screened) text below this size
    small_grey: str = "report"   # report such text, or print it solid black ("black")
    reversed_min: float = 0.0    # paper-white text on a photograph below this size
    inks_min: float = 0.0        # text in `inks_max` + 1 or more process inks below this size
    inks_max: int = 2            # process inks small text may use
    tint_floor: float = 0.0      # per cent: an ink in text below this does not print reliably


@dataclass(frozen=True)
class ImageSpec:
    min_ppi: int
    max_ppi: int
    resample_to: int
    quality: int
    stretch: float = 0.0         # grey presses: per cent clipped at each end of the levels
    gamma: float = 1.0           # grey presses: above 1 lightens the mid-tones
    halftone: int | None = None  # grey presses: a round-dot screen of this many lines per inch
    halftone_ppi: int = 600      # the screen's resolution


GREY_STRETCH = 0.5
"""Per cent of pixels clipped to black and to white in a grey press's images unless it says."""


@dataclass(frozen=True)
class PressProfile:
    name: str
    path: Path
    description: str
    flavour: PdfFlavour
    colour: ColourSpec
    bleed: float | None          # None: the layout's bleed
    marks: bool                  # crop and bleed marks outside the bleed; off: MediaBox = BleedBox
    slug_line: bool  # with marks, the printer's identification line outside the trim (the profile's `slug:`)
    safe_margin: float
    page_multiple: int | None    # None: the layout's
    pad: bool                    # fill up to page_multiple with the layout's padding pages
    images: ImageSpec
    lines: dict[str, tuple[Path, int | None]]  # where each setting was written, for findings
    sheet: tuple[float, float] | None = None  # imposition: the printer's sheet; None: twice the trim
    paper_thickness: float = 0.0              # imposition: per sheet, for creep
    unprintable: float = 0.0                  # imposition: the strip at each sheet edge the press cannot print
    separations: bool = False                 # a plate PDF per ink beside the composite (risograph)
    mark_clearance: float = MARK_CLEARANCE    # marks start this far beyond the bleed
    binding: dict[str, Any] = field(default_factory=dict)   # the printer's default binding, as written
    bindings: dict[str, dict[str, Any]] = field(default_factory=dict)  # its rules per binding kind
    papers: dict[str, dict[str, Any]] = field(default_factory=dict)    # its paper table: stock -> thickness
    paper: dict[str, Any] = field(default_factory=dict)     # the paper it prints on unless catalog.yaml says
    type: TypeSpec = TypeSpec()                             # small type it prints cleanly
    trims: tuple[tuple[float, float], ...] = ()             # the trim sizes it prints; empty: any

    @property
    def pdf(self) -> str:
        """The flavour's name, as the profile writes it: for reports."""
        return self.flavour.name

    def origin(self, *key: str) -> Origin:
        file, line = self.lines.get(".".join(key), (self.path, None))
        return Origin(file, line)


PRESS_SCHEMA = Record({
    "name": Field(Str()),
    "description": Field(Str(), default=""),
    "base": Field(Str(), doc="a press profile to start from"),
    "pdf": Field(Enum(*FLAVOURS), default=PLAIN.name),
    "colour": Field(Record({
        "space": Field(Enum("rgb", "cmyk", "gray"), default="rgb",
                       doc="gray: black only (photocopier, laser, risograph drum), colours by their lightness"),
        "icc": Field(Str(), doc="an ICC output profile (.icc) beside the press file"),
        "condition": Field(Str(), default="Custom"),
        "condition_name": Field(Str(), default=""),
        "registry": Field(Str(), default="http://www.color.org"),
        "intent": Field(Enum(*INTENTS), default="relative"),
        "black_point_compensation": Field(Bool(), default=True),
        "images": Field(Enum("convert", "keep"), default="convert",
                        doc="convert images to the press CMYK here, or keep them RGB for the printer's RIP"),
        "ink_limit": Field(Int(100, 400), default=300),
        "rich_black": Field(Record({
            "cmyk": Field(ListOf(Int(0, 100)), required=True, doc="four ink percentages, e.g. [40, 30, 30, 100]"),
            "min_size": Field(Length(), default=mm(20)),
        })),
        "area_limit": Field(Int(10, 100), default=100,
                            doc="per cent: a flat area printing more of one ink than this is reported (a risograph, "
                                "which dries large solids blotchy: 85)"),
        "area_min": Field(Length(), default=mm(20), doc="a flat area this big each way or bigger is a large one"),
    }), default={}),
    "bleed": Field(Length()),
    "trims": Field(ListOf(Str()), default=[],
                   doc="the trim sizes the service prints ('6in x 9in', 'A5'): another trim is reported"),
    "type": Field(Record({
        "solid_black": Field(Int(50, 100), default=100,
                             doc="grey presses: a neutral grey with at least this per cent black prints solid black"),
        "grey_min": Field(Length(), default=0.0, doc="grey presses: grey text below this size is reported"),
        "small_grey": Field(Enum("report", "black"), default="report",
                            doc="grey presses: report grey text below grey_min, or print it solid black"),
        "reversed_min": Field(Length(), default=0.0, doc="paper-white text on a photograph below this size"),
        "inks_min": Field(Length(), default=0.0, doc="text below this size in more than inks_max inks"),
        "inks_max": Field(Int(1, 4), default=2, doc="process inks small text may print in"),
        "tint_floor": Field(Number(0, 10), default=0.0,
                            doc="per cent: an ink in text lighter than this does not print reliably"),
    }), default={}),
    "marks": Field(Bool(), default=False,
                   doc="crop marks, bleed marks and the slug line outside the bleed; false (file delivery): "
                       "MediaBox = BleedBox and nothing in registration colour"),
    "mark_clearance": Field(Length(), default=MARK_CLEARANCE,
                            doc="how far beyond the bleed marks start (default 3mm)"),
    "slug": Field(Bool(), default=True, doc="with marks, a line naming the file, press and page"),
    "safe_margin": Field(Length(), default=mm(5)),
    "page_multiple": Field(Int(1, 32)),
    "pad": Field(Bool(), default=True, doc="false: report a wrong page count instead of adding padding pages"),
    "imposition": Field(Record({
        "sheet": Field(Str(), doc="the sheet booklets are imposed on: A4, A3, SRA3, Letter or '320mm x 450mm'"),
        "paper_thickness": Field(Length(), default=0.0, doc="one sheet's thickness, for creep: e.g. 0.1mm"),
        "unprintable": Field(Length(), default=0.0,
                             doc="a strip at every sheet edge the press cannot print (a risograph: 5mm); the imposed "
                                 "pages are cut back from it and the build says what it takes"),
    }), default={}),
    "images": Field(Record({
        "min_ppi": Field(Int(36, 2400), default=300),
        "max_ppi": Field(Int(36, 4800), default=450),
        "resample_to": Field(Int(36, 4800)),
        "quality": Field(Int(50, 100), default=92),
        "stretch": Field(Number(0, 10), doc=f"grey presses: per cent of pixels clipped to black and to white "
                                            f"when stretching levels (default {GREY_STRETCH}; 0: as they are)"),
        "gamma": Field(Number(0.5, 3), doc="grey presses: above 1 lightens the mid-tones, against toner spread"),
        "halftone": Field(Int(20, 200), doc="grey presses: screen images into round dots, lines per inch"),
        "halftone_ppi": Field(Int(300, 2400), default=600, doc="the screen's resolution: the printer's dpi"),
    }), default={}),
    "separations": Field(Bool(), default=False,
                         doc="grey presses: one plate PDF per ink of the layout beside the composite (risograph)"),
    "binding": Field(BINDING, doc="the binding this printer makes unless catalog.yaml or --binding says"),
    "bindings": Field(MapOf(Record(SETTINGS)), default={},
                      doc="the printer's rules per binding kind: page counts, spine text, turn-ins, flaps"),
    "papers": Field(MapOf(Record(PAPER_THICKNESS)), default={},
                    doc="the printer's paper table: each stock's thickness per leaf (caliper) or pages per inch"),
    "paper": Field(PAPER, doc="the paper this printer uses unless catalog.yaml says"),
}, name="press")


PRESSES = named.Kind("presses", "press profile", PressError)


def available_presses(project: Path) -> dict[str, Path]:
    return named.available(project, PRESSES.folder)


def load_press(name: str, project: Path, named_at: Origin = Origin()) -> PressProfile:
    """The press profile called `name` (the project's presses/ before the built-in ones), merged over
    its `base:` and checked. `named_at`: where the name was written, for the message if it is unknown."""
    resolved, values, problems = named.load(name, project, PRESSES, PRESS_SCHEMA, named_at)
    doc = resolved.doc
    colour = values["colour"]
    images = values["images"]
    icc = _icc(colour, doc, project, problems)
    rich = colour["rich_black"]
    rich_cmyk: CMYK | None = None
    if rich:
        inks = [v for v in rich["cmyk"] if v is not MISSING]
        if len(inks) != 4:
            file, line = doc.locate("colour", "rich_black", "cmyk")
            problems.append(Problem("'colour.rich_black.cmyk' needs four ink percentages (C, M, Y, K)",
                                    file, line, hint="for example [40, 30, 30, 100]"))
        else:
            rich_cmyk = (inks[0] / 100, inks[1] / 100, inks[2] / 100, inks[3] / 100)
    if images["max_ppi"] < images["min_ppi"]:
        file, line = _blame(doc, ("images", "max_ppi"), ("images", "min_ppi"))
        problems.append(Problem(f"'images.max_ppi' ({images['max_ppi']}) is below 'images.min_ppi' "
                                f"({images['min_ppi']})", file, line, hint="raise max_ppi or lower min_ppi"))
    resample_to = images["resample_to"] or images["max_ppi"]
    if resample_to > images["max_ppi"]:
        file, line = _blame(doc, ("images", "resample_to"), ("images", "max_ppi"))
        problems.append(Problem(f"'images.resample_to' ({resample_to}) is above 'images.max_ppi'",
                                file, line, hint="images are resampled down to it, so it must not exceed max_ppi"))
    flavour = FLAVOURS[values["pdf"]]
    if flavour.cmyk_only and (colour["space"] != "cmyk" or colour["images"] == "keep"):
        conflict = ("colour", "space") if colour["space"] != "cmyk" else ("colour", "images")
        file, line = _blame(doc, conflict, ("pdf",))
        problems.append(Problem(f"{flavour.label} allows CMYK only", file, line,
                                hint="set 'colour: {space: cmyk, images: convert}'"))
    grey = colour["space"] == "gray"
    problems.extend(_grey_problems(values, doc))
    sheet = None
    if values["imposition"]["sheet"]:
        try:
            sheet = parse_sheet(values["imposition"]["sheet"])
        except ValueError as exc:
            file, line = doc.locate("imposition", "sheet")
            problems.append(Problem(str(exc), file, line))
    for kind in values["bindings"]:
        if kind not in KINDS:
            file, line = doc.locate("bindings", kind)
            problems.append(Problem(f"'bindings.{kind}' is not a binding kind", file, line,
                                    hint=f"use one of: {', '.join(KINDS)}"))
    trims = []
    for index, text in enumerate(values["trims"]):
        try:
            trims.append(parse_sheet(text))
        except ValueError as exc:
            file, line = doc.locate("trims", index)
            problems.append(Problem(str(exc), file, line))
    kind = values["type"]
    if problems:
        raise PressError(problems)
    return PressProfile(
        name=name,
        path=resolved.path,
        description=values["description"] or "",
        flavour=flavour,
        colour=ColourSpec(colour["space"], icc, colour["condition"], colour["condition_name"] or "",
                          colour["registry"], colour["intent"], colour["black_point_compensation"],
                          colour["ink_limit"], rich_cmyk, rich["min_size"] if rich else 0.0, colour["images"],
                          spots=values["separations"], solid_black=kind["solid_black"] / 100,
                          small_black=kind["grey_min"] if grey and kind["small_grey"] == "black" else 0.0,
                          area_limit=colour["area_limit"], area_min=colour["area_min"]),
        bleed=values["bleed"],
        marks=values["marks"],
        slug_line=values["slug"],
        safe_margin=values["safe_margin"],
        page_multiple=values["page_multiple"],
        pad=values["pad"],
        images=ImageSpec(images["min_ppi"], images["max_ppi"], resample_to, images["quality"],
                         stretch=(GREY_STRETCH if images["stretch"] is None else images["stretch"]) if grey else 0.0,
                         gamma=images["gamma"] or 1.0, halftone=images["halftone"],
                         halftone_ppi=images["halftone_ppi"]),
        lines={".".join(str(p) for p in key): doc.locate(*key) for key in doc.lines},
        sheet=sheet,
        paper_thickness=values["imposition"]["paper_thickness"],
        unprintable=values["imposition"]["unprintable"],
        separations=values["separations"],
        mark_clearance=values["mark_clearance"],
        binding=_written(values["binding"]),
        bindings={kind: _written(rules) for kind, rules in values["bindings"].items()},
        papers={stock: _written(thickness) for stock, thickness in values["papers"].items()},
        paper=_written(values["paper"]),
        type=TypeSpec(kind["grey_min"], kind["small_grey"], kind["reversed_min"], kind["inks_min"],
                      kind["inks_max"], kind["tint_floor"]),
        trims=tuple(trims),
    )


def _written(values: dict[str, Any] | None) -> dict[str, Any]:
    """The keys a mapping sets, without the schema's empty defaults."""
    return {key: value for key, value in (values or {}).items() if value is not None}


def _grey_problems(values: dict, doc: Document) -> list[Problem]:
    """Settings that only a grey press can honour, and a screen too fine for its resolution."""
    problems = []
    if values["colour"]["space"] != "gray":
        for key in (("images", "stretch"), ("images", "gamma"), ("images", "halftone"), ("separations",)):
            value = values[key[0]] if len(key) == 1 else values[key[0]][key[1]]
            if value not in (None, False):
                file, line = _blame(doc, key, ("colour", "space"))
                problems.append(Problem(f"'{'.'.join(key)}' needs a grey press", file, line,
                                        hint="set 'colour: {space: gray}', or remove the setting"))
    lpi, ppi = values["images"]["halftone"], values["images"]["halftone_ppi"]
    if lpi and ppi < 5 * lpi:
        file, line = _blame(doc, ("images", "halftone_ppi"), ("images", "halftone"))
        problems.append(Problem(f"a {lpi} lpi screen needs at least {5 * lpi} ppi, not {ppi}: its dots would have "
                                "too few pixels to be round", file, line,
                                hint=f"raise 'images.halftone_ppi' or lower 'images.halftone' to {ppi // 5} or less"))
    return problems


def _icc(colour: dict, doc: Document, project: Path, problems: list[Problem]) -> Path | None:
    """The output profile: a file beside the press file (inside the project), or built in."""
    name = colour["icc"]
    if name is None:
        if colour["space"] == "cmyk":
            return builtin_cmyk_profile()
        return None
    file, line = doc.locate("colour", "icc")
    if colour["space"] == "gray":
        file, line = _blame(doc, ("colour", "icc"), ("colour", "space"))
        problems.append(Problem("a grey press takes no ICC profile: colours become the grey of their lightness",
                                file, line, hint="remove 'colour.icc', or print in rgb or cmyk"))
        return None
    builtin = builtin_dir("presses")
    if builtin and name in BUILTIN_PROFILES and not (file.parent / name).is_file():
        return builtin / name
    root = builtin if builtin and _inside(file, builtin) else project
    path, problem = resolve_inside(root, file.parent, name, file, line)
    if problem:
        problems.append(problem)
        return None
    assert path is not None
    if not path.is_file():
        problems.append(Problem(f"ICC profile not found: {name}", file, line,
                                hint="put the printer's .icc file in the project's presses/ folder"))
        return None
    try:
        space = profile_space(path)
    except ValueError as exc:
        problems.append(Problem(f"{name} is not a readable ICC profile ({exc})", file, line,
                                hint="ask the printer for the profile again"))
        return None
    wanted = "CMYK" if colour["space"] == "cmyk" else "RGB"
    if space != wanted:
        file, line = _blame(doc, ("colour", "icc"), ("colour", "space"))
        problems.append(Problem(f"{name} is a {space} profile, but the press prints {wanted}", file, line,
                                hint=f"use a {wanted} output profile or change 'colour.space'"))
        return None
    return path


def _blame(doc: Document, *keys: tuple[str, ...]) -> tuple[Path, int | None]:
    """Where to report settings that disagree: the first of them this profile's own file writes (one
    inherited from its base, often a built-in profile, is not where the change was made), else the first
    written at all."""
    written = [key for key in keys if key in doc.lines]
    own = [key for key in written if doc.locate(*key)[0] == doc.path]
    return doc.locate(*(own or written or keys)[0])


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
