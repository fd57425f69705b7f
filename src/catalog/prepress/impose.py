"""Imposition: the finished pages placed on printer sheets in the order folding needs.

Planning (which page goes in which cell, turned how, shifted how far) is plain arithmetic on
numbers and kept apart from writing, so the orders can be tested without a PDF. Writing places
each finished page as a form XObject (pikepdf), so fonts and images stay as the press file has
them, and draws marks and the slug line with ReportLab in an embedded font, in registration colour:
a printer's sheet is the one place marks belong, and they must print on every plate.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import pikepdf
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from ..errors import CatalogError, Problem
from ..specs.paper import sheet_name, snug
from ..specs.press import MARK_CLEARANCE
from ..units import Rect, mm, to_mm
from . import identity, pdfx
from .boxes import MARK_LENGTH, MARK_WEIGHT, mark_offset
from .marks import crop_lines

SADDLE = "saddle"
MINIZINE = "minizine"
METHODS = (SADDLE, MINIZINE)
MINIZINE_PAGES = 8
FLIP = "print double-sided, flip on short edge"
FOLD_INSET = mm(5)  # home printers leave about 4 mm unprinted at the sheet edge
GUTTER = mm(3)      # a mini zine's pages keep this clear of every fold and cut, where its guides print


class ImposeError(CatalogError):
    kind = "imposition"


@dataclass(frozen=True)
class Cell:
    """One page on a sheet side. `box` is where the page's trim lands (scaled), before creep;
    `shift` moves the page toward the spine (creep); `clip` is what of it shows."""

    page: int | None  # 1-based; None: an empty cell (a page count short of the fold)
    box: Rect
    scale: float
    rotate: int  # 0 or 180 degrees
    clip: Rect
    shift: float = 0.0


@dataclass(frozen=True)
class Mark:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # crop, fold or cut


@dataclass(frozen=True)
class Side:
    width: float
    height: float
    sheet: int  # 1-based, from the outside of the booklet
    face: str  # front or back
    cells: tuple[Cell, ...]
    marks: tuple[Mark, ...] = ()
    slug_line: tuple[float, float] | None = None  # where the identification line starts, when there is room
    trim: Rect | None = None   # the sheet's TrimBox (what is left after cutting), as PDF/X asks of every page
    bleed: Rect | None = None  # its BleedBox


@dataclass(frozen=True)
class Imposition:
    method: str
    sides: tuple[Side, ...]
    sheets: int
    duplex: bool
    notes: tuple[str, ...] = ()  # what the build should tell the user
    unprinted: float = 0.0       # how far into the pages' trim the press's unprintable sheet edge reaches

    @property
    def sheet_size(self) -> tuple[float, float]:
        return (self.sides[0].width, self.sides[0].height)


def saddle_order(pages: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(front (left, right), back (left, right)) for each sheet from the outside: for n pages, a
    multiple of 4, sheet k has front [n-2k+2 | 2k-1] and back [2k | n-2k+1]."""
    if pages % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {pages}")
    return [((pages - 2 * k + 2, 2 * k - 1), (2 * k, pages - 2 * k + 1)) for k in range(1, pages // 4 + 1)]


def minizine_order(sheet: int = 0) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(top row, bottom row) left to right; the top row prints upside down so it reads upright
    once the sheet is folded."""
    first = sheet * MINIZINE_PAGES
    return (tuple(first + p for p in (5, 4, 3, 2)), tuple(first + p for p in (6, 7, 8, 1)))


def landscape(sheet: tuple[float, float], wide: bool) -> tuple[float, float]:
    """The sheet turned so its long side runs across when the content is wider than tall."""
    short, long = sorted(sheet)
    return (long, short) if wide else (short, long)


def plan_saddle(pages: int, trim: tuple[float, float], bleed: float, sheet: tuple[float, float] | None = None,
                thickness: float = 0.0, marks: bool | None = None, clearance: float = MARK_CLEARANCE,
                unprintable: float = 0.0) -> Imposition:
    """Two pages per side on a sheet twice the trim (the standard sheet that size nearly is, or
    the named sheet, turned to fit), spine at
    the centre. Inner sheets' pages move toward the spine by (k - 1) x the paper thickness, so
    the margins of the trimmed booklet stay even. Bleed shows, and crop and fold marks print,
    only where the sheet has room beyond the trim, `clearance` beyond the bleed; nothing within
    `unprintable` of the sheet's edge (`keep_clear`)."""
    width, height = trim
    count = -(-pages // 4) * 4
    spread = (2 * width, height)
    sheet_w, sheet_h = landscape(sheet, True) if sheet else snug(spread)
    if sheet_w + 0.01 < spread[0] or sheet_h + 0.01 < spread[1]:
        raise ImposeError(Problem(
            f"a {sheet_name(sheet or spread)} sheet is too small for two {to_mm(width):.0f} × {to_mm(height):.0f} mm "
            f"pages side by side ({to_mm(spread[0]):.0f} × {to_mm(spread[1]):.0f} mm)",
            hint="name a larger sheet (--sheet A3, or 'imposition.sheet' in the press profile)"))
    room_x, room_y = (sheet_w - spread[0]) / 2, (sheet_h - spread[1]) / 2
    show_x, show_y = min(bleed, room_x), min(bleed, room_y)
    spine, bottom = sheet_w / 2, room_y
    reach = mark_offset(bleed, clearance) + MARK_LENGTH
    trimmed = max(room_x, room_y) > mm(1.5)  # less is a printer's tolerance, not paper to cut away
    crop = marks is not False and trimmed and min(room_x, room_y) >= reach
    fold = marks is not False and room_y >= reach
    slug_line_room = marks is not False and room_y >= reach + mm(4)
    notes = []
    if marks is not False and not fold:
        notes.append(f"no room for marks on a {sheet_name((sheet_w, sheet_h))} sheet: the pages fill it, "
                     "so the booklet is folded, not trimmed")
    sides: list[Side] = []
    for k, faces in enumerate(saddle_order(count), start=1):
        shift = (k - 1) * thickness
        for face, (left, right) in zip(("front", "back"), faces, strict=True):
            cells = []
            for page, x, toward in ((left, spine - width, 1.0), (right, spine, -1.0)):
                box = Rect(x, bottom, width, height)
                outer_left = show_x if toward > 0 else 0.0
                outer_right = show_x if toward < 0 else 0.0
                clip = Rect(x - outer_left, bottom - show_y, width + outer_left + outer_right, height + 2 * show_y)
                cells.append(Cell(page if page <= pages else None, box, 1.0, 0, clip, toward * shift))
            drawn: list[Mark] = []
            spread_trim = Rect(spine - width, bottom, 2 * width, height)
            if crop:
                drawn.extend(_crop(spread_trim, bleed, clearance))
            if fold:
                drawn.extend(_fold_ticks(spine, bottom, height, bleed, clearance))
            slug_line = ((spine - width, bottom - mark_offset(bleed, clearance) - MARK_LENGTH - mm(2))
                         if slug_line_room else None)
            spread_bleed = Rect(spread_trim.x - show_x, bottom - show_y, 2 * (width + show_x), height + 2 * show_y)
            sides.append(Side(sheet_w, sheet_h, k, face, tuple(cells), tuple(drawn), slug_line,
                              spread_trim, spread_bleed))
    return keep_clear(Imposition(SADDLE, tuple(sides), count // 4, True, tuple(notes)), unprintable)


def plan_minizine(pages: int, trim: tuple[float, float], sheet: tuple[float, float], several: bool = False,
                  marks: bool | None = None, unprintable: float = 0.0) -> Imposition:
    """Eight pages on one side of a landscape sheet in 4 x 2 cells, each page scaled to fit its
    cell less a GUTTER on every side, so the cut along the centre line through the middle two cells
    (dashed) and the fold guides, all on the cells' edges, print beside the pages, never over them."""
    if pages > MINIZINE_PAGES and not several:
        raise ValueError(f"{pages} pages do not fit one mini zine of {MINIZINE_PAGES}")
    sheet_w, sheet_h = landscape(sheet, True)
    cell_w, cell_h = sheet_w / 4, sheet_h / 2
    width, height = trim
    scale = min((cell_w - 2 * GUTTER) / width, (cell_h - 2 * GUTTER) / height)
    drawn_w, drawn_h = width * scale, height * scale
    notes = []
    if abs(scale - 1) > 0.005:
        notes.append(f"pages scaled to {scale:.0%} to fit the {to_mm(cell_w):.0f} × {to_mm(cell_h):.0f} mm cells "
                     f"of a {sheet_name(sheet)} sheet, {to_mm(GUTTER):.0f} mm clear of the folds")
    sheets = max(1, -(-pages // MINIZINE_PAGES))
    sides = []
    for index in range(sheets):
        cells = []
        for row, numbers in enumerate(minizine_order(index)):
            y = cell_h if row == 0 else 0.0
            for column, page in enumerate(numbers):
                x = column * cell_w
                box = Rect(x + (cell_w - drawn_w) / 2, y + (cell_h - drawn_h) / 2, drawn_w, drawn_h)
                cells.append(Cell(page if page <= pages else None, box, scale, 180 if row == 0 else 0,
                                  Rect(x, y, cell_w, cell_h).outset(-GUTTER)))
        drawn = _minizine_marks(sheet_w, sheet_h) if marks is not False else ()
        whole = Rect(0.0, 0.0, sheet_w, sheet_h)  # cut and folded, never trimmed: the sheet is the trim
        sides.append(Side(sheet_w, sheet_h, index + 1, "front", tuple(cells), drawn, None, whole, whole))
    return keep_clear(Imposition(MINIZINE, tuple(sides), sheets, False, tuple(notes)), unprintable)


def keep_clear(imposition: Imposition, margin: float) -> Imposition:
    """The sheets with nothing printed within `margin` of their edges, where the press cannot print (a
    risograph's paper grippers): each page cut back to the printable area, marks and slug line there
    left out, and `unprinted` saying how far into the pages' trim that reaches (0: bleed at most)."""
    if margin <= 0:
        return imposition
    sides, lost = [], 0.0
    for side in imposition.sides:
        printable = Rect(0.0, 0.0, side.width, side.height).outset(-margin)
        cells = []
        for cell in side.cells:
            clip = cell.clip.intersection(printable)
            if cell.page is not None:
                box = cell.box.moved(cell.shift, 0.0)
                lost = max(lost, printable.x - box.x, box.right - printable.right,
                           printable.y - box.y, box.top - printable.top)
            cells.append(replace(cell, clip=clip))
        marks = tuple(mark for mark in side.marks if _within(printable, mark.x1, mark.y1)
                      and _within(printable, mark.x2, mark.y2))
        slug_line = side.slug_line if side.slug_line and _within(printable, *side.slug_line) else None
        sides.append(replace(side, cells=tuple(cells), marks=marks, slug_line=slug_line))
    return replace(imposition, sides=tuple(sides), unprinted=max(0.0, lost))


def _within(area: Rect, x: float, y: float) -> bool:
    return area.x - 0.01 <= x <= area.right + 0.01 and area.y - 0.01 <= y <= area.top + 0.01


def _crop(trim: Rect, bleed: float, clearance: float) -> list[Mark]:
    """Two lines at each outer corner of the spread, in line with the trim, beyond the bleed."""
    return [Mark(*line, "crop") for line in crop_lines(trim, bleed, clearance)]


def _fold_ticks(spine: float, bottom: float, height: float, bleed: float, clearance: float) -> list[Mark]:
    start = mark_offset(bleed, clearance)
    end = start + MARK_LENGTH
    return [Mark(spine, bottom - start, spine, bottom - end, "fold"),
            Mark(spine, bottom + height + start, spine, bottom + height + end, "fold")]


def _minizine_marks(width: float, height: float) -> tuple[Mark, ...]:
    """The cut through the middle two cells, and short ticks on every fold, inside the edge a
    home printer cannot reach."""
    cell_w, middle = width / 4, height / 2
    tick = mm(6)
    marks = [Mark(cell_w, middle, 3 * cell_w, middle, "cut")]
    for x in (cell_w, 2 * cell_w, 3 * cell_w):
        marks.append(Mark(x, FOLD_INSET, x, FOLD_INSET + tick, "fold"))
        marks.append(Mark(x, height - FOLD_INSET, x, height - FOLD_INSET - tick, "fold"))
    marks.append(Mark(FOLD_INSET, middle, FOLD_INSET + tick, middle, "fold"))
    marks.append(Mark(width - FOLD_INSET, middle, width - FOLD_INSET - tick, middle, "fold"))
    return tuple(marks)


def describe(imposition: Imposition) -> str:
    """One line for the build's report and the PDF's subject."""
    size = sheet_name(imposition.sheet_size)
    if imposition.method == SADDLE:
        return (f"saddle-stitched booklet: {imposition.sheets} {size} sheet(s), {len(imposition.sides)} sides; "
                f"{FLIP}, then fold the stack in half and staple at the spine")
    return (f"one-sheet mini zine on {imposition.sheets} {size} sheet(s), one side each; print single-sided "
            "at 100 % (no fit to page), cut the dashed line, fold")


def slug_line_text(label: str, side: Side, imposition: Imposition) -> str:
    if imposition.method == SADDLE:
        return f"{label}  ·  sheet {side.sheet} of {imposition.sheets}, {side.face}  ·  {FLIP}"
    return f"{label}  ·  sheet {side.sheet} of {imposition.sheets}"


def write(source: Path, imposition: Imposition, target: Path, font: str, label: str = "",
          space: str = "cmyk") -> None:
    """Write the imposed PDF to `target` atomically. `font` is a registered ReportLab font that
    embeds (the slug line must not reference an unembedded Helvetica); `space` is the source's process
    colour space (cmyk, rgb or gray), the alternate of the registration colour the marks print in."""
    overlay = target.with_name(f".{target.name}.{os.getpid()}.marks.tmp")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _draw_marks(imposition, overlay, font, label, space)
        _place_pages(source, imposition, overlay, temporary)
        os.replace(temporary, target)
    finally:
        for path in (overlay, temporary):
            with contextlib.suppress(OSError):
                path.unlink()


_DASHES = {"crop": None, "fold": (2.0, 2.0), "cut": (4.0, 3.0)}
_REGISTRATION = "Registration"
_PROCESS = {"cmyk": ("DeviceCMYK", [0, 0, 0, 0], [1, 1, 1, 1]), "rgb": ("DeviceRGB", [1, 1, 1], [0, 0, 0]),
            "gray": ("DeviceGray", [1], [0])}  # the alternate: its paper white and its full tint


def _registration(canvas: Canvas, space: str, tint: float) -> None:
    """Set stroke and fill to the registration colour (PDF/X's 'All' colourant, on every separation) at
    `tint`, with the source's own process space as the alternate, so a grey or RGB file gains no CMYK.
    ReportLab's CMYKColorSep knows only a CMYK alternate, hence the resource written here."""
    raw = cast(Any, canvas)  # ReportLab's private document and page resources, as render uses them
    doc = raw._doc
    if _REGISTRATION not in doc.idToObject:
        alternate, white, full = _PROCESS.get(space, _PROCESS["cmyk"])
        function = pdfdoc.PDFDictionary({"FunctionType": 2, "Domain": pdfdoc.PDFArrayCompact([0, 1]),
                                         "C0": pdfdoc.PDFArrayCompact(white), "C1": pdfdoc.PDFArrayCompact(full),
                                         "N": 1})
        doc.Reference(pdfdoc.PDFArrayCompact([pdfdoc.PDFName("Separation"), pdfdoc.PDFName("All"),
                                              pdfdoc.PDFName(alternate), function]), _REGISTRATION)
    raw._colorsUsed[_REGISTRATION] = _REGISTRATION
    value = _n(tint)
    raw._code.append(f"/{_REGISTRATION} CS {value} SCN /{_REGISTRATION} cs {value} scn")


def _draw_marks(imposition: Imposition, path: Path, font: str, label: str, space: str) -> None:
    """One page per sheet side holding only the marks and the slug, in registration colour; pages go
    under it later."""
    width, height = imposition.sheet_size
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1, pageCompression=1,
                    initialFontName=font, initialFontSize=6)  # type: ignore[arg-type]  # a name; stubs say float
    for side in imposition.sides:
        canvas.setPageSize((side.width, side.height))
        for mark in side.marks:
            canvas.setLineWidth(0.5 if mark.kind == "cut" else MARK_WEIGHT)
            _registration(canvas, space, 1.0 if mark.kind != "fold" or imposition.method == SADDLE else 0.55)
            dash = _DASHES[mark.kind]
            if dash:
                canvas.setDash(*dash)
            else:
                canvas.setDash()
            canvas.line(mark.x1, mark.y1, mark.x2, mark.y2)
        if side.slug_line and label:
            _registration(canvas, space, 1.0)
            canvas.setFont(font, 6)
            canvas.drawString(side.slug_line[0], side.slug_line[1], slug_line_text(label, side, imposition))
        canvas.showPage()
    canvas.save()


def _place_pages(source: Path, imposition: Imposition, overlay: Path, target: Path) -> None:
    with pikepdf.open(source) as src, pikepdf.open(overlay) as pdf:
        forms: dict[int, pikepdf.Object] = {}
        for side, page in zip(imposition.sides, pdf.pages, strict=True):
            xobjects = pikepdf.Dictionary()
            ops: list[str] = []
            for cell in side.cells:
                if cell.page is None:
                    continue
                if cell.page > len(src.pages):
                    raise ValueError(f"page {cell.page} is not in {source.name} ({len(src.pages)} pages)")
                if cell.page not in forms:
                    forms[cell.page] = _form(pdf, src.pages[cell.page - 1])
                name = f"/Page{cell.page}"
                xobjects[name] = forms[cell.page]
                trim = src.pages[cell.page - 1].trimbox
                ops.append(_placement(cell, float(trim[0]), float(trim[1]), name))
            resources = page.obj.get("/Resources")
            if resources is None:
                page.obj.Resources = resources = pikepdf.Dictionary()
            resources.XObject = xobjects
            page.contents_add(pdf.make_stream("\n".join(ops).encode("ascii")), prepend=True)
            if side.trim is not None and side.bleed is not None:
                page.obj.TrimBox = pikepdf.Array([_round(v) for v in side.trim.as_box()])
                page.obj.BleedBox = pikepdf.Array([_round(v) for v in side.bleed.as_box()])
        title = str(src.docinfo.get("/Title", "")) if src.docinfo else ""
        version = identity.carry(src, pdf, f"{title} ({imposition.method}, printer sheets)" if title
                                 else imposition.method, describe(imposition))
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(
            Duplex=pikepdf.Name.DuplexFlipShortEdge if imposition.duplex else pikepdf.Name.Simplex,
            PrintScaling=pikepdf.Name("/None"))
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]
        pdfx.save(pdf, target, deterministic_id=True, compress_streams=True, linearize=False,
                  force_version=version, object_stream_mode=identity.object_streams(version))


def _form(pdf: pikepdf.Pdf, page: pikepdf.Page) -> pikepdf.Object:
    """The page as a form XObject covering its whole media box (bleed and all; the clip decides)."""
    form = pdf.copy_foreign(page.as_form_xobject())
    form.BBox = pikepdf.Array([float(v) for v in page.mediabox])
    return form


def _placement(cell: Cell, trim_x: float, trim_y: float, name: str) -> str:
    """q clip cm Do Q: the page's trim corner onto the cell, turned and moved as planned."""
    s, box = cell.scale, cell.box
    if cell.rotate == 180:
        a, d = -s, -s
        e = box.x + cell.shift + box.width + s * trim_x
        f = box.y + box.height + s * trim_y
    else:
        a, d = s, s
        e = box.x + cell.shift - s * trim_x
        f = box.y - s * trim_y
    clip = cell.clip
    return (f"q {_n(clip.x)} {_n(clip.y)} {_n(clip.width)} {_n(clip.height)} re W n "
            f"{_n(a)} 0 0 {_n(d)} {_n(e)} {_n(f)} cm {name} Do Q")


def _round(value: float) -> float:
    return round(value, 4)


def _n(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pages_by_kind(kinds: Sequence[str]) -> str:
    """'cover 1, plate 12, ...' in order of first appearance: what a too-long mini zine holds."""
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{kind.replace('_', ' ')} {count}" for kind, count in counts.items())
