"""A strict preflight of our own, independent of the build's: it reads only the finished PDF (pikepdf for its
structure, PDFium for where text and images land) and holds it to the rules a printer or service publishes.

The rules are written here from the services' own pages, not read from our press profiles, so a profile that
drifts from its service fails here:
- Lulu (print on demand): https://help.lulu.com/en/support/solutions/articles/64000255584 ("0.125 in (3.18 mm)
  past the trim edge", "Safety Margin which is 0.5 in (12.7 mm) inside the Trim Edge", "Crop marks or
  registration marks should not be included") and .../64000255590 ("300 ppi is the optimum resolution. 600 ppi
  is our limit").
- Bookpress.eu (book printer): http://bookpress.eu/en/files_for_printing ("PDF/X1a: 2001 Acrobat 4 version 1.3",
  "Do not use RGB", "bleed ... for the inner pages 3mm", "All printing marks on inner pages should be removed",
  "not less than 5 mm away from the cutting line", "300 dpi").
- PDF/X (ISO 15930-1, -7): every page has a TrimBox and a BleedBox inside its MediaBox, fonts are embedded, and
  the file names its PDF/X version in GTS_PDFXVersion with an OutputIntent of subtype GTS_PDFX; X-1a allows no
  RGB and is PDF 1.3 in its 2001 edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from catalog.units import mm

INCH = 72.0
TOLERANCE = 0.05  # points: boxes are written to a hundredth of a point


@dataclass(frozen=True)
class Rules:
    """What one printer or service asks of a file; None: it does not say."""

    name: str
    bleed: float | None = None        # points beyond the trim on every side
    safety: float | None = None       # points inside the trim that text keeps clear of
    marks: bool = True                # marks or anything outside the bleed allowed
    min_ppi: float | None = None
    max_ppi: float | None = None
    pdfx: str | None = None           # the GTS_PDFXVersion the file must claim
    version: str | None = None        # the PDF header version it must have
    no_rgb: bool = False              # no DeviceRGB anywhere (content or images)


LULU = Rules("Lulu", bleed=0.125 * INCH, safety=0.5 * INCH, marks=False, min_ppi=300, max_ppi=600)
BOOKPRESS = Rules("Bookpress.eu", bleed=mm(3), safety=mm(5), marks=False, min_ppi=300, pdfx="PDF/X-1:2001",
                  version="1.3", no_rgb=True)
PDFX = Rules("PDF/X delivery")


def audit(pdf: Path, rules: Rules, first: int = 1, last: int | None = None) -> list[str]:
    """Every rule the file breaks, as a sentence naming the page; pages `first` to `last` (the text rules: a
    cover's type may cross the safety margin by design, so a caller may leave the covers out)."""
    found: list[str] = []
    with pikepdf.open(pdf) as doc:
        found += _structure(doc, pdf, rules)
    found += _placed(pdf, rules, first, last)
    return found


def _box(page: pikepdf.Page, name: str) -> list[float] | None:
    value = page.obj.get(f"/{name}")
    return [float(v) for v in value] if value is not None else None


def _structure(doc: pikepdf.Pdf, pdf: Path, rules: Rules) -> list[str]:
    found = []
    if rules.version and doc.pdf_version != rules.version:
        found.append(f"PDF {doc.pdf_version}, where {rules.name} asks for PDF {rules.version}")
    if rules.pdfx:
        claimed = str(doc.docinfo.get("/GTS_PDFXVersion", ""))
        if claimed != rules.pdfx:
            found.append(f"claims '{claimed}', where {rules.name} asks for {rules.pdfx}")
        intents = doc.Root.get("/OutputIntents") or []
        if not any(str(intent.get("/S")) == "/GTS_PDFX" for intent in intents):
            found.append("no GTS_PDFX output intent")
    for number, page in enumerate(doc.pages, start=1):
        media, trim, bleed = (_box(page, name) for name in ("MediaBox", "TrimBox", "BleedBox"))
        if trim is None or bleed is None or media is None:
            found.append(f"page {number}: no TrimBox or BleedBox")
            continue
        if any(b > t + TOLERANCE for b, t in zip(bleed[:2], trim[:2], strict=True)) or any(
                b < t - TOLERANCE for b, t in zip(bleed[2:], trim[2:], strict=True)):
            found.append(f"page {number}: the BleedBox does not contain the TrimBox")
        if rules.bleed is not None:
            sides = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
            if any(abs(side - rules.bleed) > TOLERANCE for side in sides):
                found.append(f"page {number}: bleed {min(sides):.2f}–{max(sides):.2f} pt, where {rules.name} asks "
                             f"for {rules.bleed:.2f} pt")
        if not rules.marks and any(abs(m - b) > TOLERANCE for m, b in zip(media, bleed, strict=True)):
            found.append(f"page {number}: MediaBox beyond the BleedBox (room for marks {rules.name} refuses)")
        found += [f"page {number}: {problem}" for problem in _resources(page, rules)]
    found += _fonts(doc)
    return found


def _resources(page: pikepdf.Page, rules: Rules) -> list[str]:
    found = []
    spaces = page.obj.get("/Resources", {}).get("/ColorSpace", {})
    for name, space in spaces.items():
        if isinstance(space, pikepdf.Array) and str(space[0]) == "/Separation" and str(space[1]) == "/All" \
                and not rules.marks:
            found.append(f"the registration colour ({name}) in a file {rules.name} wants without marks")
    if rules.no_rgb:
        for operator in pikepdf.parse_content_stream(page, "rg RG"):
            found.append(f"DeviceRGB colour ({operator.operator})")
            break
        for name, image in page.get_images().items():
            if str(image.get("/ColorSpace", "")) == "/DeviceRGB":
                found.append(f"an RGB image ({name})")
    return found


def _fonts(doc: pikepdf.Pdf) -> list[str]:
    """Every font embedded (PDF/X), and no two different subsets sharing a name (ISO 32000-1, 9.6.4)."""
    found, seen = [], {}
    for obj in doc.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/FontDescriptor":
            continue
        name = str(obj.get("/FontName"))
        if not any(key in obj for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            found.append(f"font {name} is not embedded")
        data = next((obj[key] for key in ("/FontFile2", "/FontFile3", "/FontFile") if key in obj), None)
        digest = data.read_bytes() if data is not None else b""
        if name in seen and seen[name] != digest:
            found.append(f"two different subsets share the name {name}")
        seen[name] = digest
    return found


def _placed(pdf: Path, rules: Rules, first: int, last: int | None) -> list[str]:
    """Where text and images land, read by PDFium: text inside the safety margin, images within the ppi range."""
    found = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        end = len(doc) if last is None else last
        for number in range(1, len(doc) + 1):
            page = doc[number - 1]
            left, bottom, right, top = page.get_trimbox()
            for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
                ppi = min(obj.get_metadata().horizontal_dpi, obj.get_metadata().vertical_dpi)
                if rules.min_ppi and ppi < rules.min_ppi - 0.5:
                    found.append(f"page {number}: an image at {ppi:.0f} ppi, under {rules.name}'s {rules.min_ppi:.0f}")
                if rules.max_ppi and ppi > rules.max_ppi * 1.01:
                    found.append(f"page {number}: an image at {ppi:.0f} ppi, over {rules.name}'s {rules.max_ppi:.0f}")
            if rules.safety and first <= number <= end:
                text = page.get_textpage()
                for index in range(text.count_chars()):
                    if text.get_text_range(index, 1).isspace():
                        continue
                    x0, y0, x1, y1 = text.get_charbox(index)
                    if (x0 < left + rules.safety - 0.5 or x1 > right - rules.safety + 0.5
                            or y0 < bottom + rules.safety - 0.5 or y1 > top - rules.safety + 0.5):
                        found.append(f"page {number}: text '{text.get_text_range(index, 8).strip()}' inside "
                                     f"{rules.name}'s safety margin")
                        break
            page.close()
    finally:
        doc.close()
    return found
