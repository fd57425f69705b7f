"""Drawing a finished plan with ReportLab. Every decision was made before: the pages by the planner,
what surrounds them (boxes, marks, slug line) by prepress, the colours by the palette."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, cast

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color, toColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from . import __version__
from .colour import Paint, Spot, Swatch
from .images.prepared import IMAGE_MARK, Images, Prepared
from .plan.pages import DocumentPlan, Fill, ImagePlacement, Item, Page, Rule, Surround, TextLine
from .text import fonts

if TYPE_CHECKING:
    from reportlab.lib.colors import _ConvertibleToColor  # the stubs' name for what setFillColor takes

rl_config.useA85 = 0  # ASCII85 makes images 25 % larger and slow without rl_accel

Progress = Callable[[int, int], None]


class _RawCanvas(Protocol):
    """What render writes into ReportLab's Canvas past its public API, which can neither set a Separation
    with an RGB alternate nor draw an XObject by name. Private in ReportLab, so its stubs leave it out."""

    _code: list[str]
    _doc: pdfdoc.PDFDocument
    _colorsUsed: dict[str, str]
    _formsinuse: list[str]

    def _setXObjects(self, thing: pdfdoc.PDFImageXObject) -> None: ...


class _RawImage(Protocol):
    """The private attributes of a PDFImageXObject that its loaders set and `_draw_image` sets itself."""

    _dotrans: int
    _filters: tuple[str, ...]


def _raw(canvas: Canvas) -> _RawCanvas:
    return cast(_RawCanvas, canvas)  # the same object, with the private attributes it has


class Palette(Protocol):
    """What each drawn thing prints as: the press's inks for the composite (colour.Inks), or one
    separation's share of them (prepress.separate). Render asks and draws; it decides nothing."""

    @property
    def space(self) -> Literal["rgb", "cmyk", "gray"]: ...

    @property
    def spots(self) -> bool:
        """Whether spot inks print beside the process ones, so marks must print on every separation."""
        ...

    def paint(self, swatch: Swatch, size: tuple[float, float] | None = None, item: Item | None = None) -> Paint | None:
        """The colour to set for `item` drawn in `swatch`; None: the item is not drawn at all."""
        ...

    def image(self, item: ImagePlacement) -> tuple[bool, Paint | None]:
        """Whether to draw the image, and else a flat paint for its visible area (or None: nothing)."""
        ...

    def overprints(self, paint: Paint, item: Item | None = None) -> bool:
        """Whether `paint` leaves the inks beneath it on paper (solid black over a spot ink, a trap)
        instead of knocking them out."""
        ...


class _Painter:
    """Sets colours on the canvas: swatches through the palette."""

    def __init__(self, canvas: Canvas, palette: Palette):
        self.canvas, self.palette = canvas, palette

    def fill(self, swatch: Swatch, size: tuple[float, float] | None = None, item: Item | None = None) -> bool:
        return self.set(self.palette.paint(swatch, size, item), stroke=False, item=item)

    def stroke(self, swatch: Swatch, item: Item | None = None) -> bool:
        return self.set(self.palette.paint(swatch, None, item), stroke=True, item=item)

    def overprint(self, on: bool, stroke: bool) -> None:
        """ReportLab keeps the graphics state's overprint with saveState and writes it only when it changes."""
        (self.canvas.setStrokeOverprint if stroke else self.canvas.setFillOverprint)(on)

    def registration(self) -> None:
        """Marks print on every separation (PDF/X's 'All' colourant) so the shop can register them; on a
        grey page with spot inks that is every drum, as its plates have them."""
        self.overprint(False, stroke=True)
        self.overprint(False, stroke=False)
        if self.palette.space == "cmyk":
            self.canvas.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All", density=1))
            self.canvas.setFillColor(CMYKColorSep(1, 1, 1, 1, spotName="All", density=1))
        elif self.palette.space == "gray" and self.palette.spots:
            name = self._separation("Registration", "All", "DeviceGray", [1], [0])
            _raw(self.canvas)._code.append(f"/{name} CS 1 SCN /{name} cs 1 scn")
        elif self.palette.space == "gray":
            self.canvas.setStrokeGray(0)
            self.canvas.setFillGray(0)
        else:
            self.canvas.setStrokeColorRGB(0, 0, 0)
            self.canvas.setFillColorRGB(0, 0, 0)

    def set(self, paint: Paint | None, stroke: bool, item: Item | None = None) -> bool:
        """Set the fill (or stroke) colour and its overprint; False when there is nothing to draw."""
        if paint is None:
            return False
        canvas = self.canvas
        self.overprint(self.palette.overprints(paint, item), stroke)
        if isinstance(paint, Spot):
            ink = paint.ink
            name = self._separation(f"Ink_{ink.key}", ink.name, "DeviceCMYK", [0, 0, 0, 0], list(ink.alternate))
            operator = f"/{name} {'CS' if stroke else 'cs'} {fp_str(paint.tint)} {'SCN' if stroke else 'scn'}"
            _raw(canvas)._code.append(operator)
            return True
        space, values = paint
        if space == "gray":
            (canvas.setStrokeGray if stroke else canvas.setFillGray)(values[0])
        elif space == "cmyk":
            (canvas.setStrokeColorCMYK if stroke else canvas.setFillColorCMYK)(*values)
        else:
            (canvas.setStrokeColorRGB if stroke else canvas.setFillColorRGB)(*values)
        return True

    def _separation(self, name: str, colorant: str, alternate: str, white: list[float], full: list[float]) -> str:
        """The page resource `name` for a Separation colour `colorant`, shown (and printed by a press
        without the colorant) in `alternate`, from `white` at no ink to `full` at full ink. ReportLab's
        CMYKColorSep has no grey alternate, which a grey page's registration needs."""
        doc = _raw(self.canvas)._doc
        if name not in doc.idToObject:
            tint = pdfdoc.PDFDictionary({"FunctionType": 2, "Domain": pdfdoc.PDFArrayCompact([0, 1]),
                                         "C0": pdfdoc.PDFArrayCompact(white),
                                         "C1": pdfdoc.PDFArrayCompact([round(v, 4) for v in full]), "N": 1})
            doc.Reference(pdfdoc.PDFArrayCompact([pdfdoc.PDFName("Separation"), pdfdoc.PDFName(colorant),
                                                  pdfdoc.PDFName(alternate), tint]), name)
        _raw(self.canvas)._colorsUsed[name] = name
        return name


def render(plan: DocumentPlan, path: Path, base_font: str, prepared: Images, inks: Palette, surround: Surround,
           progress: Progress | None = None) -> None:
    """Write the PDF to `path`: every page of `plan` inside the boxes and marks of `surround`.
    `base_font` is an embedded font: ReportLab otherwise references a non-embedded Helvetica on
    every page. `inks` colours everything drawn but the marks."""
    enforce = {"cmyk": _cmyk_only, "gray": _no_colour}.get(inks.space, "rgb")
    # initialFontName is a font's name; types-reportlab has it as float | None.
    canvas = Canvas(str(path), pagesize=surround.media, invariant=1,
                    pageCompression=1, initialFontName=base_font, initialFontSize=9,  # type: ignore[arg-type]
                    lang=plan.metadata.language, enforceColorSpace=enforce)
    paint = _Painter(canvas, inks)
    meta = plan.metadata
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(meta.keywords)
    canvas.setCreator(f"catalog {__version__}")
    canvas.setProducer(f"catalog {__version__} (ReportLab)")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    outline_pages = {entry.page for entry in plan.outline}
    for index, page in enumerate(plan.pages):
        canvas.setPageSize(surround.media)
        canvas.setTrimBox(surround.trim_box)
        canvas.setBleedBox(surround.bleed_box)
        if page.number in outline_pages:
            canvas.bookmarkPage(f"p{page.number}", fit="Fit")
        canvas.saveState()
        canvas.translate(*surround.offset)
        _draw_page(canvas, paint, page, prepared)
        if surround.crop_marks:
            paint.registration()
        for rule in surround.crop_marks:
            _draw_line(canvas, rule)
        if surround.slug_lines:
            paint.registration()
            canvas.setFont(base_font, 6)
            canvas.drawString(*surround.slug_line_at, surround.slug_lines[index])
        canvas.restoreState()
        canvas.showPage()
        if progress:
            progress(index + 1, len(plan.pages))
    for entry in plan.outline:
        canvas.addOutlineEntry(entry.title, f"p{entry.page}", level=entry.level, closed=entry.level > 0)
    if plan.outline:
        canvas.showOutline()
    canvas.save()


def _cmyk_only(colour: _ConvertibleToColor) -> CMYKColor:
    """Every colour a CMYK job draws, as ReportLab will write it: CMYK and separations unchanged,
    an RGB grey as black ink, anything else refused. (ReportLab's own 'sep_cmyk' check takes any
    CMYK colour whose naive RGB is grey for an RGB grey, so C57 M33 Y21 K82 or a rich black
    printed as 100 % K alone.)"""
    found = toColor(colour)
    if isinstance(found, CMYKColor):  # separations included: CMYKColorSep is a CMYKColor
        return found
    if isinstance(found, Color) and found.red == found.green == found.blue:
        return CMYKColor(0, 0, 0, 1 - found.red, alpha=found.alpha)
    raise ValueError(f"RGB colour {colour!r} in a CMYK job: swatches should be converted by the press's inks")


def _no_colour(colour: object) -> object:
    """A grey job sets greys (and spot inks) directly, never through ReportLab's colour objects: one
    that arrives here is a slip that would put RGB or CMYK into a black-only file."""
    raise ValueError(f"colour {colour!r} in a grey job: swatches should be converted by the press's inks")


def _draw_page(canvas: Canvas, paint: _Painter, page: Page, prepared: Images) -> None:
    for item in page.items:
        if isinstance(item, Fill):
            if paint.fill(item.colour, (item.rect.width, item.rect.height), item):
                canvas.rect(item.rect.x, item.rect.y, item.rect.width, item.rect.height, stroke=0, fill=1)
        elif isinstance(item, ImagePlacement):
            draw, instead = paint.palette.image(item)
            if draw:
                _draw_image(canvas, item, prepared[item.key])
            elif paint.set(instead, stroke=False):
                area = item.visible.as_box()
                canvas.rect(area[0], area[1], area[2] - area[0], area[3] - area[1], stroke=0, fill=1)
        elif isinstance(item, Rule):
            if paint.stroke(item.colour, item):
                _draw_line(canvas, item)
        elif isinstance(item, TextLine):
            _draw_text(canvas, paint, item)


"""An image XObject drawn by `render` holds only this and its name; prepress puts the JPEG in."""

_SPACES = {"rgb": "DeviceRGB", "gray": "DeviceGray", "cmyk": "DeviceCMYK"}


def _draw_image(canvas: Canvas, item: ImagePlacement, prepared: Prepared) -> None:
    """Not canvas.drawImage: given an ImageReader it decodes every pixel to name the image, given a
    file name it names it by the path (different in every checkout and temporary cache), and
    either way ReportLab holds every JPEG in memory two or three times until it has written the
    file (1 GB for a 300 MB CMYK catalog). Here each image is named by the content hash the image
    stage gave it, stored once, and drawn as a stub XObject with the JPEG's size, bit depth and
    colour space; prepress (`pdfx.fill_images`) streams the bytes in unchanged (DCTDecode, or
    FlateDecode for halftones)."""
    raw = _raw(canvas)
    doc = raw._doc
    name = prepared.name
    if not name:
        raise ValueError("a prepared image without a name")  # the image stage names every image
    resource = doc.getXObjectName(name)
    if resource not in doc.idToObject:
        image = pdfdoc.PDFImageXObject(name)
        image.width, image.height, image.bitsPerComponent = prepared.width, prepared.height, prepared.bits
        image.colorSpace = _SPACES[prepared.space]
        raw_image = cast(_RawImage, image)  # the same object, with the private attributes it has
        raw_image._dotrans = 1 if prepared.space == "cmyk" else 0  # Adobe CMYK JPEGs store inverted inks
        raw_image._filters = ()
        image.mask = None
        # types-reportlab says str; ReportLab itself stores bytes here (a JPEG's, zlib's) and writes them as they are.
        image.streamContent = IMAGE_MARK + name.encode("ascii")  # type: ignore[assignment]
        raw._setXObjects(image)
        doc.Reference(image, resource)
        doc.addForm(name, image)
    canvas.saveState()
    if item.clip != item.rect:
        path = canvas.beginPath()
        path.rect(item.clip.x, item.clip.y, item.clip.width, item.clip.height)
        canvas.clipPath(path, stroke=0, fill=0)
    canvas.translate(item.rect.x, item.rect.y)
    canvas.scale(item.rect.width, item.rect.height)
    raw._code.append(f"/{resource} Do")
    raw._formsinuse.append(name)
    canvas.restoreState()


def _draw_line(canvas: Canvas, rule: Rule) -> None:
    canvas.setLineWidth(rule.width)
    canvas.line(rule.x1, rule.y1, rule.x2, rule.y2)


def _draw_text(canvas: Canvas, paint: _Painter, line: TextLine) -> None:
    """A piece at a time (a justified line has one per word, and text extraction relies on each being
    its own text object), its colour set only when it changes: setting it for every word cost a
    third of drawing a page of prose."""
    colour: Swatch | None = None
    drawn = False  # whether the palette prints `colour` at all
    x, y = line.x, line.y
    if line.angle:  # along a spine: drawn in the line's own turned coordinates
        canvas.saveState()
        canvas.translate(x, y)
        canvas.rotate(line.angle)
        x, y = 0.0, 0.0
    for index, piece in enumerate(line.pieces):
        swatch = piece.colour or line.colour
        if index == 0 or swatch != colour:
            colour, drawn = swatch, paint.fill(swatch, item=line)
        if not drawn:
            continue
        canvas.setFont(fonts.face_name(piece.font), piece.size)
        canvas.drawString(x + piece.x, y + piece.rise, fonts.shaped(piece.text, piece.font, piece.tracking),
                          charSpace=piece.tracking)
    if line.angle:
        canvas.restoreState()
