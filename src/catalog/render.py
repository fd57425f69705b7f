"""Drawing a finished plan with ReportLab. Every decision was made by the planner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color, toColor
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from . import __version__
from .colour import Device, Inks, Swatch
from .images import Prepared
from .plan.model import DocumentPlan, Fill, ImagePlacement, Page, Rule, TextLine
from .prepress.boxes import page_boxes
from .prepress.marks import crop_marks, slug_position

rl_config.useA85 = 0  # ASCII85 makes images 25 % larger and slow without rl_accel

Progress = Callable[[int, int], None]
Images = dict[tuple[Path, float], Prepared]
"""Prepared images by (path, placed width): what prepress made of each placement."""


def image_key(item: ImagePlacement) -> tuple[Path, float]:
    return (item.path, round(item.rect.width, 3))


class _Painter:
    """Sets device colours on the canvas: swatches through the press's inks."""

    def __init__(self, canvas: Canvas, inks: Inks):
        self.canvas, self.inks = canvas, inks

    def fill(self, swatch: Swatch, size: tuple[float, float] | None = None) -> None:
        self._set(self.inks.device(swatch, size), self.canvas.setFillColorRGB, self.canvas.setFillColorCMYK)

    def stroke(self, swatch: Swatch) -> None:
        self._set(self.inks.device(swatch), self.canvas.setStrokeColorRGB, self.canvas.setStrokeColorCMYK)

    def registration(self) -> None:
        """Marks print on every plate (PDF/X's 'All' separation) so the shop can register them."""
        if self.inks.space == "cmyk":
            self.canvas.setStrokeColor(CMYKColorSep(1, 1, 1, 1, spotName="All", density=1))
            self.canvas.setFillColor(CMYKColorSep(1, 1, 1, 1, spotName="All", density=1))
        else:
            self.canvas.setStrokeColorRGB(0, 0, 0)
            self.canvas.setFillColorRGB(0, 0, 0)

    @staticmethod
    def _set(device: Device, rgb: Callable[..., None], cmyk: Callable[..., None]) -> None:
        space, values = device
        (rgb if space == "rgb" else cmyk)(*values)


def render(plan: DocumentPlan, path: Path, base_font: str, prepared: Images, inks: Inks,
           marks: bool = False, slug: bool = False, slug_name: str = "",
           progress: Progress | None = None) -> None:
    """Write the PDF to `path`. `base_font` is an embedded font: ReportLab otherwise references a
    non-embedded Helvetica on every page."""
    boxes = page_boxes(plan.width, plan.height, plan.bleed, marks or slug)
    canvas = Canvas(str(path), pagesize=(boxes.media.width, boxes.media.height), invariant=1,
                    pageCompression=1, initialFontName=base_font, initialFontSize=9,
                    lang=plan.metadata.language,
                    enforceColorSpace=_cmyk_only if inks.space == "cmyk" else "rgb")
    paint = _Painter(canvas, inks)
    meta = plan.metadata
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(meta.keywords)
    canvas.setCreator(f"catalog {__version__}")
    canvas.setProducer(f"catalog {__version__} (ReportLab)")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    rules = crop_marks(plan.width, plan.height, plan.bleed) if marks else []
    outline_pages = {entry.page for entry in plan.outline}
    for index, page in enumerate(plan.pages):
        canvas.setPageSize((boxes.media.width, boxes.media.height))
        canvas.setTrimBox(boxes.trim.as_box())
        canvas.setBleedBox(boxes.bleed.as_box())
        if page.number in outline_pages:
            canvas.bookmarkPage(f"p{page.number}", fit="Fit")
        canvas.saveState()
        canvas.translate(*boxes.offset)
        _draw_page(canvas, paint, page, prepared)
        if rules:
            paint.registration()
        for rule in rules:
            _draw_line(canvas, rule)
        if slug:
            x, y = slug_position(plan.bleed)
            paint.registration()
            canvas.setFont(base_font, 6)
            canvas.drawString(x, y, f"{slug_name}  ·  page {page.number} of {len(plan.pages)}")
        canvas.restoreState()
        canvas.showPage()
        if progress:
            progress(index + 1, len(plan.pages))
    for entry in plan.outline:
        canvas.addOutlineEntry(entry.title, f"p{entry.page}", level=entry.level, closed=entry.level > 0)
    if plan.outline:
        canvas.showOutline()
    canvas.save()


def _cmyk_only(colour: object) -> CMYKColor:
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


def _draw_page(canvas: Canvas, paint: _Painter, page: Page, prepared: Images) -> None:
    for item in page.items:
        if isinstance(item, Fill):
            paint.fill(item.colour, (item.rect.width, item.rect.height))
            canvas.rect(item.rect.x, item.rect.y, item.rect.width, item.rect.height, stroke=0, fill=1)
        elif isinstance(item, ImagePlacement):
            _draw_image(canvas, item, prepared[image_key(item)])
        elif isinstance(item, Rule):
            paint.stroke(item.colour)
            _draw_line(canvas, item)
        elif isinstance(item, TextLine):
            _draw_text(canvas, paint, item)


IMAGE_MARK = b"catalog-image "
"""An image XObject drawn by `render` holds only this and its name; prepress puts the JPEG in."""

_SPACES = {"rgb": "DeviceRGB", "gray": "DeviceGray", "cmyk": "DeviceCMYK"}


def _draw_image(canvas: Canvas, item: ImagePlacement, prepared: Prepared) -> None:
    """Not canvas.drawImage: given an ImageReader it decodes every pixel to name the image, given a
    file name it names it by the path (different in every checkout and temporary cache), and
    either way ReportLab holds every JPEG in memory two or three times until it has written the
    file (1 GB for a 300 MB CMYK catalog). Here each image is named by the content hash the image
    stage gave it, stored once, and drawn as a stub XObject with the JPEG's size and colour space;
    prepress (`pdfx.fill_images`) streams the JPEG's bytes in unchanged (DCTDecode)."""
    doc = canvas._doc
    name = prepared.name
    if not name:
        raise ValueError("a prepared image without a name")  # the image stage names every image
    resource = doc.getXObjectName(name)
    if resource not in doc.idToObject:
        image = pdfdoc.PDFImageXObject(name)
        image.width, image.height, image.bitsPerComponent = prepared.width, prepared.height, 8
        image.colorSpace = _SPACES[prepared.space]
        image._dotrans = 1 if prepared.space == "cmyk" else 0  # Adobe CMYK JPEGs store inverted inks
        image._filters = ()
        image.mask = None
        image.streamContent = IMAGE_MARK + name.encode("ascii")
        canvas._setXObjects(image)
        doc.Reference(image, resource)
        doc.addForm(name, image)
    canvas.saveState()
    if item.clip != item.rect:
        path = canvas.beginPath()
        path.rect(item.clip.x, item.clip.y, item.clip.width, item.clip.height)
        canvas.clipPath(path, stroke=0, fill=0)
    canvas.translate(item.rect.x, item.rect.y)
    canvas.scale(item.rect.width, item.rect.height)
    canvas._code.append(f"/{resource} Do")
    canvas._formsinuse.append(name)
    canvas.restoreState()


def _draw_line(canvas: Canvas, rule: Rule) -> None:
    canvas.setLineWidth(rule.width)
    canvas.line(rule.x1, rule.y1, rule.x2, rule.y2)


def _draw_text(canvas: Canvas, paint: _Painter, line: TextLine) -> None:
    for piece in line.pieces:
        paint.fill(piece.colour or line.colour)
        canvas.setFont(piece.font, piece.size)
        canvas.drawString(line.x + piece.x, line.y, piece.text, charSpace=piece.tracking)
