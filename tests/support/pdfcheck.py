"""Reading built PDFs back: boxes, fonts, text per page, images with their effective resolution."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium


@dataclass(frozen=True)
class PlacedImage:
    page: int  # 1-based
    bounds: tuple[float, float, float, float]  # left, bottom, right, top in points from the BleedBox's corner
    pixels: tuple[int, int]
    ppi: float


def boxes(path: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(path) as pdf:
        return [{name: [float(v) for v in page.obj[f"/{name}"]]
                 for name in ("MediaBox", "TrimBox", "BleedBox") if f"/{name}" in page.obj}
                for page in pdf.pages]


def fonts(path: Path) -> list[dict[str, object]]:
    """Every font dictionary used on any page (including inside form XObjects)."""
    found: dict[tuple[int, int], dict[str, object]] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                descriptor = obj.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in obj:
                    descriptor = obj.DescendantFonts[0].get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[obj.objgen] = {"name": str(obj.get("/BaseFont")), "subtype": str(obj.get("/Subtype")),
                                     "embedded": embedded}
    return list(found.values())


def page_texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            left, bottom, right, top = page.get_trimbox()  # the printed page, not the slug beyond it
            texts.append(textpage.get_text_bounded(left - 1, bottom - 1, right + 1, top + 1).replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def images(path: Path) -> list[PlacedImage]:
    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for number, page in enumerate(doc, start=1):
            x0, y0, _, _ = page.get_bleedbox()
            for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
                meta = obj.get_metadata()
                left, bottom, right, top = obj.get_bounds()
                out.append(PlacedImage(number, (left - x0, bottom - y0, right - x0, top - y0), tuple(obj.get_px_size()),
                                       min(meta.horizontal_dpi, meta.vertical_dpi)))
            page.close()
        return out
    finally:
        doc.close()


def render(path: Path, page: int, scale: float = 0.5, whole: bool = False):
    """Page `page` (1-based) as a PIL image, `scale` pixels per point, cut to the BleedBox (marks and
    slug left out) unless `whole`."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pdf_page = doc[page - 1]
        mx0, my0, mx1, my1 = pdf_page.get_mediabox()
        bx0, by0, bx1, by1 = pdf_page.get_bleedbox()
        crop = (0, 0, 0, 0) if whole else (bx0 - mx0, by0 - my0, mx1 - bx1, my1 - by1)
        return pdf_page.render(scale=scale, may_draw_forms=True, crop=crop).to_pil()
    finally:
        doc.close()


def numbers_before(text: str, name: str) -> list[int]:
    """Page numbers printed in front of `name` on a contents or list page."""
    return [int(m.group(1)) for m in re.finditer(rf"(\d+)\s+{re.escape(name)}", text)]


def read_cells(path: Path, columns: int, rows: int) -> list[list[tuple[int | None, int, float]]]:
    """Per sheet side, row by row from the top: (page number, rotation, x of the 'P'), read from
    the text pdfium finds in each cell, so the test trusts no bookkeeping of the writer's."""
    sides = []
    document = pdfium.PdfDocument(str(path))
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
        cells: list[tuple[int | None, int, float]] = []
        for row in range(rows):
            for column in range(columns):
                left, right = column * width / columns, (column + 1) * width / columns
                top, bottom = height - row * height / rows, height - (row + 1) * height / rows
                inside = [(c, box) for c, box in chars if c.strip() and left <= (box[0] + box[2]) / 2 < right
                          and bottom <= (box[1] + box[3]) / 2 < top]
                if not inside:
                    cells.append((None, 0, 0.0))
                    continue
                label = "".join(c for c, _ in inside)
                assert label.startswith("P"), label
                first, last = inside[0][1], inside[-1][1]
                rotation = 180 if first[0] > last[0] else 0
                cells.append((int(label[1:]), rotation, first[0]))
        sides.append(cells)
    document.close()
    return sides


def fold_saddle(sides: list[list[tuple[int | None, int, float]]]) -> list[int | None]:
    """The reading order of the folded booklet. Printed duplex and flipped on the short edge, the
    back's left half lies behind the front's right half; sheets nest, the first outermost."""
    sheets = [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]
    order: list[int | None] = []
    for front, back in sheets:
        order += [front[1][0], back[0][0]]
    for front, back in reversed(sheets):
        order += [back[1][0], front[0][0]]
    return order


def glyphs(path: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Every printed character per page as (char, left, bottom, right, top) in trim coordinates."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for page in doc:
            x0, y0, _, _ = page.get_trimbox()
            textpage = page.get_textpage()
            found = []
            for index in range(textpage.count_chars()):
                char = textpage.get_text_range(index, 1)
                if char.strip():
                    left, bottom, right_, top = textpage.get_charbox(index)
                    found.append((char, left - x0, bottom - y0, right_ - x0, top - y0))
            pages.append(found)
            textpage.close()
            page.close()
        return pages
    finally:
        doc.close()


@dataclass(frozen=True)
class Placement:
    """An image as the content stream draws it, in trim coordinates: where the whole image lands, the
    clip that limits what shows (None: none), and the image's pixel size."""

    page: int  # 1-based
    rect: tuple[float, float, float, float]        # left, bottom, right, top
    clip: tuple[float, float, float, float] | None
    pixels: tuple[int, int]

    @property
    def shown(self) -> tuple[float, float, float, float]:
        if self.clip is None:
            return self.rect
        return (max(self.rect[0], self.clip[0]), max(self.rect[1], self.clip[1]),
                min(self.rect[2], self.clip[2]), min(self.rect[3], self.clip[3]))


def placements(path: Path) -> list[Placement]:
    """Every image Do with the CTM and the last rectangular clip in force, read from the page's own
    content stream (q/Q, cm, re W n): what a RIP will draw, without rendering."""
    out: list[Placement] = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            tx, ty = (float(v) for v in page.obj["/TrimBox"][:2])
            ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            clip: tuple[float, float, float, float] | None = None
            stack: list[tuple[tuple[float, ...], tuple[float, float, float, float] | None]] = []
            pending: tuple[float, float, float, float] | None = None
            resources: Any = page.obj.get("/Resources", {})
            xobjects: Any = resources.get("/XObject", {})
            for instruction in pikepdf.parse_content_stream(page):
                if not isinstance(instruction, pikepdf.ContentStreamInstruction):
                    continue
                operands, op = instruction.operands, str(instruction.operator)
                if op == "q":
                    stack.append((ctm, clip))
                elif op == "Q":
                    ctm, clip = stack.pop()  # type: ignore[assignment]
                elif op == "cm":
                    a, b, c, d, e, f = (float(v) for v in operands)
                    A, B, C, D, E, F = ctm
                    ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                           e * A + f * C + E, e * B + f * D + F)
                elif op == "re":
                    x, y, w, h = (float(v) for v in operands)
                    A, B, C, D, E, F = ctm
                    pending = (A * x + E - tx, D * y + F - ty, A * (x + w) + E - tx, D * (y + h) + F - ty)
                elif op in ("W", "W*") and pending is not None:
                    clip = pending
                elif op == "Do":
                    xobject = xobjects.get(str(operands[0]))
                    if xobject is None or xobject.get("/Subtype") != "/Image":
                        continue
                    A, B, C, D, E, F = ctm
                    out.append(Placement(number, (E - tx, F - ty, E + A - tx, F + D - ty), clip,
                                         (int(xobject.Width), int(xobject.Height))))
    return out
