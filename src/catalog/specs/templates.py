"""The layout's grid and its plate templates, as data: frames for images and captions placed on the
grid's modules, for one page or for the two pages of a spread. A project adds or overrides a
template by name in its own layouts/*.yaml; everything here is checked at the line that wrote it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..model import Origin
from ..source.schema import Enum, Field, Int, Length, ListOf, MapOf, Record
from ..source.yamlfile import Document

AREAS = ("cell", "bleed", "spread")   # a frame on grid modules, the page to its bleed, both pages to the bleed
CAPTIONS = ("below", "outer", "none")  # where an image frame's caption goes when no caption frame names its work
FITS = ("contain", "cover")
# The arrangements a sequence in artist.yaml may name, and the templates they use: a grid of n works
# uses the template `grid-<n>`; the others use the template of their own name.
ARRANGEMENTS = ("single", "bleed", "pair", "spread", "facing", "grid")

FRAME = Record({
    "image": Field(Int(1, 12), doc="the arrangement's nth work, whose image fills this frame"),
    "caption": Field(Int(1, 12), doc="the arrangement's nth work, whose caption is set in this frame"),
    "page": Field(Int(1, 2), default=1, doc="in a two-page template: 1 the left page (verso), 2 the right"),
    "cell": Field(ListOf(Int(1, 48), min_items=4),
                  doc="[column, row, columns, rows] on the grid, counted from the text area's top left; "
                      "default: the whole text area"),
    "area": Field(Enum(*AREAS), default="cell",
                  doc="cell: the frame is the cell; bleed: the whole page to its bleed; spread: both pages"),
    "captions": Field(Enum(*CAPTIONS), doc="where this image's caption goes; default: the layout's plates.captions"),
    "fit": Field(Enum(*FITS), doc="contain: the whole image; cover: fill the frame (a crop); "
                                  "default: contain in a cell, cover to the bleed"),
    "align": Field(Enum("top", "bottom"), default="top",
                   doc="a caption frame's text from its top, or standing on its foot"),
})
TEMPLATE = Record({
    "pages": Field(Int(1, 2), default=1, doc="2: a template for the two facing pages of a spread"),
    "frames": Field(ListOf(FRAME, min_items=1), required=True),
})
GRID = Record({
    "columns": Field(Int(1, 24), default=6, doc="modules across the text area"),
    "rows": Field(Int(1, 48), default=8, doc="modules down the text area"),
    "gutter": Field(Length(), doc="between columns; default: page.gutter"),
    "row_gutter": Field(Length(), doc="between rows; default: the column gutter"),
})
TEMPLATES = MapOf(TEMPLATE, key_pattern=r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Grid:
    columns: int
    rows: int
    gutter: float
    row_gutter: float


@dataclass(frozen=True)
class Frame:
    role: str                                     # image | caption
    slot: int                                     # the arrangement's nth work, from 1
    page: int                                     # 1, or 2 for the right page of a spread
    cell: tuple[int, int, int, int] | None        # column, row, columns, rows (from 1); None: the text area
    area: str                                     # cell | bleed | spread
    captions: str | None                          # below | outer | none; None: the layout's choice
    fit: str                                      # contain | cover
    origin: Origin = field(default=Origin(), compare=False)  # where it was written: not what it is
    align: str = "top"                            # a caption frame's text: from the top, or on the foot


@dataclass(frozen=True)
class Template:
    name: str
    pages: int
    frames: tuple[Frame, ...]
    origin: Origin = field(default=Origin(), compare=False)

    @property
    def slots(self) -> int:
        """How many works the template shows."""
        return max(frame.slot for frame in self.frames if frame.role == "image")

    def images(self) -> list[Frame]:
        return [frame for frame in self.frames if frame.role == "image"]

    def caption_frame(self, slot: int) -> Frame | None:
        return next((f for f in self.frames if f.role == "caption" and f.slot == slot), None)


def template_for(arrangement: str, count: int) -> str:
    """The template name an arrangement in a sequence stands for."""
    return f"grid-{count}" if arrangement == "grid" else arrangement


def read_grid(raw: dict[str, Any], gutter: float) -> Grid:
    across = raw["gutter"] if raw["gutter"] is not None else gutter
    return Grid(raw["columns"], raw["rows"], across, raw["row_gutter"] if raw["row_gutter"] is not None else across)


def read_templates(raw: dict[str, dict[str, Any]], grid: Grid, doc: Document,
                   problems: list[Problem]) -> dict[str, Template]:
    """Each template checked against the grid: every frame on it, every image frame's work numbered
    from 1 without a gap, a caption frame only for a work the template shows."""
    templates: dict[str, Template] = {}
    for name, spec in raw.items():
        frames: list[Frame] = []
        for index, item in enumerate(spec["frames"]):
            file, line = doc.locate("templates", name, "frames", index)
            frame = _frame(name, item, spec["pages"], grid, Origin(file, line), problems)
            if frame is not None:
                frames.append(frame)
        if len(frames) != len(spec["frames"]):
            continue
        file, line = doc.locate("templates", name)
        slots = sorted({f.slot for f in frames if f.role == "image"})
        if not slots:
            problems.append(Problem(f"template '{name}' has no image frame", file, line,
                                    hint="add a frame such as '{image: 1, cell: [1, 1, 6, 8]}'"))
            continue
        if slots != list(range(1, len(slots) + 1)):
            missing = sorted(set(range(1, max(slots) + 1)) - set(slots))
            problems.append(Problem(f"template '{name}' shows image {max(slots)} but no image {missing[0]}", file,
                                    line, hint="number the image frames 1, 2, 3 ... without a gap"))
            continue
        stray = [f for f in frames if f.role == "caption" and f.slot not in slots]
        if stray:
            at = stray[0].origin
            problems.append(Problem(f"template '{name}' has a caption frame for work {stray[0].slot}, which it "
                                    f"shows no image of", at.file, at.line,
                                    hint=f"caption frames name a work from 1 to {max(slots)}"))
            continue
        templates[name] = Template(name, spec["pages"], tuple(frames), Origin(file, line))
    return templates


def _frame(template: str, item: dict[str, Any], pages: int, grid: Grid, at: Origin,
           problems: list[Problem]) -> Frame | None:
    where = f"a frame of template '{template}'"
    if (item["image"] is None) == (item["caption"] is None):
        problems.append(Problem(f"{where} must say either 'image: n' or 'caption: n'", at.file, at.line,
                                hint="e.g. '{image: 1, cell: [1, 1, 6, 8]}'"))
        return None
    role = "image" if item["image"] is not None else "caption"
    if item["page"] > pages:
        problems.append(Problem(f"{where} is on page {item['page']} of a one-page template", at.file, at.line,
                                hint="add 'pages: 2' to the template, or remove 'page'"))
        return None
    if item["area"] == "spread" and pages != 2:
        problems.append(Problem(f"{where} spans a spread in a one-page template", at.file, at.line,
                                hint="add 'pages: 2' to the template"))
        return None
    if role == "caption" and item["area"] != "cell":
        problems.append(Problem(f"{where}: a caption frame is a cell on the grid", at.file, at.line,
                                hint="give it a 'cell' instead of 'area'"))
        return None
    cell = None
    if item["cell"] is not None:
        values = item["cell"]
        if len(values) != 4:
            problems.append(Problem(f"{where} has a cell of {len(values)} numbers", at.file, at.line,
                                    hint="write [column, row, columns, rows], e.g. [1, 1, 6, 8]"))
            return None
        column, row, columns, rows = values
        if column + columns - 1 > grid.columns or row + rows - 1 > grid.rows:
            problems.append(Problem(
                f"{where} reaches past the grid: cell {values} on a grid of {grid.columns} columns and "
                f"{grid.rows} rows", at.file, at.line,
                hint=f"keep column + columns - 1 within {grid.columns} and row + rows - 1 within {grid.rows}"))
            return None
        cell = (column, row, columns, rows)
    fit = item["fit"] or ("contain" if item["area"] == "cell" else "cover")
    return Frame(role, item[role], item["page"], cell, item["area"], item["captions"], fit, at, item["align"])


def unknown_template(name: str, known: dict[str, Template], at: Origin, what: str) -> Problem:
    close = difflib.get_close_matches(name, list(known), n=1)
    return Problem(f"{what} names template '{name}', which the layout does not define", at.file, at.line,
                   hint=f"did you mean '{close[0]}'?" if close else "templates: " + ", ".join(sorted(known)))
