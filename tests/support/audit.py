"""A strict preflight of our own, independent of the build's: it reads only the finished PDF (pikepdf for its
structure, content streams and image pixels, PDFium for where text and images land) and holds it to the rules a
printer or service publishes.

The rules are written here from the services' own pages, not read from our press profiles, so a profile that
drifts from its service fails here:
- Lulu (print on demand): https://help.lulu.com/en/support/solutions/articles/64000255584 ("0.125 in (3.18 mm)
  past the trim edge", "Safety Margin which is 0.5 in (12.7 mm) inside the Trim Edge", "Crop marks or
  registration marks should not be included") and .../64000255590 ("300 ppi is the optimum resolution. 600 ppi
  is our limit"). The `digital` press (print on demand in general) is held to the same rules (POD).
- Bookpress.eu (book printer): http://bookpress.eu/en/files_for_printing ("PDF/X1a: 2001 Acrobat 4 version 1.3",
  "Do not use RGB", "bleed ... for the inner pages 3mm", "All printing marks on inner pages should be removed",
  "not less than 5 mm away from the cutting line", "300 dpi").
- IngramSpark / Lightning Source (print on demand; the `x1a` press):
  https://www.ingramspark.com/blog/file-requirements-for-print-books ("Do not include crop, registration, or
  printer marks", "Margins must be a minimum of 0.5” (13mm) from final trim size on all sides. This includes page
  numbers and non-bleeding text and art."); https://www.ingramspark.com/blog/ingramspark-title-availability
  ("Covers require a 0.125” (3mm) bleed on all four sides"; IngramSpark's File Creation Guide has images that
  fill the page "extend more than .125 inches beyond" the trim, as read at https://www.doukat.com/blog/2019/7/30/
  bleed-lines-and-trim-lines-for-my-childrens-picture-book); https://help.ingramspark.com/hc/en-us/articles/
  6443532453901 ("Using the default PDF/X-1a:2001 setting"), Lightning Source as quoted at
  https://github.com/thoth-pub/thoth/wiki/Ingram-Lightning-Source ("Files must be PDF/X-1a:2001 or PDF/X-3:2002
  compliant"); https://help.lightningsource.com/hc/en-us/articles/360021155692-Ink-Coverage-Exceeds-240-CMYK
  ("The overall combined percentage of CMYK values of artwork for our presses should be less than 240%"): the
  total ink of every CMYK colour in the content streams (k, K, and sc/scn in DeviceCMYK) and of every pixel of
  every CMYK image as a RIP decodes it (its /Decode array applied) is checked against it. A 240 % limit is one
  for uncoated stock, and Lightning Source names no characterisation of its presses, so the rule that the
  output intent names FOGRA29 (ISO 12647-2:2004 paper type 4, white uncoated; a reference name of the ICC
  Characterization Data Registry, http://www.color.org/chardata/drsection1.xalter) is ours, not Ingram's.
- PDF/X (ISO 15930-1, -7): every page has a TrimBox and a BleedBox inside its MediaBox, fonts are embedded, and
  the file names its PDF/X version in GTS_PDFXVersion with an OutputIntent of subtype GTS_PDFX; X-1a allows no
  RGB and is PDF 1.3 in its 2001 edition (its GTS_PDFXVersion is "PDF/X-1:2001").
- Risograph (the `riso` press): exploriso, a risograph handbook, https://en.exploriso.info/exploriso/file-handling/
  ink-coverage-when-colouring-larger-areas/ ("it is highly recommended to only create colour areas with a maximum of
  85% colour": flat areas print at most 85 % of any one ink; which areas are large it does not say, and 20 mm each
  way is our reading) and .../paper/common-paper-formats/ ("The print range is the size of the printed sheet minus
  the margins (5 mm at the top of the paper, 2 mm at the bottom of the paper, 3 mm on each side)": printer sheets,
  which go in either way round, are bare 5 mm from every edge). A drum prints one ink from a grey master, so the
  composite holds DeviceGray and Separations only, none with an RGB alternate, and each plate DeviceGray only.
House rules, ours, for presses no service publishes rules for:
- Screen (the `screen` press, a file read on screens and sent by email): no bleed and no marks (TrimBox =
  BleedBox = MediaBox, so a reader shows the page as cut), RGB allowed, every font embedded (a reader without the
  font substitutes another), images at most about 150 ppi as placed (more only makes the file bigger: a 150 ppi
  page is already sharper than most screens show it), and an even page count (pages read in spreads).
- Mono (the `mono` and `mono-halftone` presses: photocopiers and black-only laser printers): DeviceGray only
  (no rg/RG/k/K, no RGB or CMYK image), every text fill a grey, and body text (the size most text is set in)
  and all text under 9 pt in grey 0, solid black: a copier or laser screens any lighter grey into dots, which
  breaks up the thin strokes of small type (issue 18: body text at 88 % grey). Larger grey display type is
  allowed.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
from pikepdf import PdfImage
from PIL import Image

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
    ink_limit: float | None = None    # per cent: total ink of any CMYK colour or image pixel
    condition: str | None = None      # the OutputConditionIdentifier the output intent must name
    page_multiple: int | None = None  # the page count a multiple of this
    grey_only: bool = False           # DeviceGray only: no rg/RG/k/K, no RGB or CMYK image
    black_text_under: float | None = None  # grey text: body text and text under this size in grey 0
    spots: bool = False               # with grey_only: Separations (spot inks) allowed besides DeviceGray
    area_limit: float | None = None   # per cent of one ink a flat area at least area_min each way may print
    area_min: float = mm(20)
    bare_edge: float | None = None    # points at every sheet edge with nothing printed (printer sheets)


LULU = Rules("Lulu", bleed=0.125 * INCH, safety=0.5 * INCH, marks=False, min_ppi=300, max_ppi=600)
POD = replace(LULU, name="Print on demand (Lulu's rules)")
BOOKPRESS = Rules("Bookpress.eu", bleed=mm(3), safety=mm(5), marks=False, min_ppi=300, pdfx="PDF/X-1:2001",
                  version="1.3", no_rgb=True)
INGRAM = Rules("IngramSpark", bleed=0.125 * INCH, safety=0.5 * INCH, marks=False, pdfx="PDF/X-1:2001",
               version="1.3", no_rgb=True, ink_limit=240, condition="FOGRA29")
SCREEN = Rules("Screen (house rules)", bleed=0.0, marks=False, max_ppi=150, page_multiple=2)
MONO = Rules("Mono (house rules)", marks=False, grey_only=True, black_text_under=9.0)
RISO = Rules("Risograph (exploriso)", grey_only=True, spots=True, no_rgb=True, area_limit=85)
RISO_PLATE = replace(RISO, name="Risograph plate (exploriso)", spots=False)
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
    intents = doc.Root.get("/OutputIntents") or []
    if rules.pdfx:
        claimed = str(doc.docinfo.get("/GTS_PDFXVersion", ""))
        if claimed != rules.pdfx:
            found.append(f"claims '{claimed}', where {rules.name} asks for {rules.pdfx}")
        if not any(str(intent.get("/S")) == "/GTS_PDFX" for intent in intents):
            found.append("no GTS_PDFX output intent")
    if rules.condition:
        named = [str(intent.get("/OutputConditionIdentifier", "")) for intent in intents]
        if rules.condition not in named:
            found.append(f"the output intent names {', '.join(named) or 'no condition'}, where {rules.name}'s "
                         f"stock is {rules.condition}")
    if rules.page_multiple and len(doc.pages) % rules.page_multiple:
        found.append(f"{len(doc.pages)} pages, not a multiple of {rules.page_multiple}")
    images: dict[tuple[int, int], float] = {}  # total ink of each CMYK image, measured once
    shows: dict[int, list[Show]] = {}            # each page's text: its fill and size
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
        found += [f"page {number}: {problem}" for problem in _content(page, rules, shows.setdefault(number, []))]
        found += [f"page {number}: {problem}" for problem in _images(page, rules, images)]
    if rules.black_text_under:
        found += _grey_text(shows, rules)
    found += _fonts(doc)
    return found


def _resources(page: pikepdf.Page, rules: Rules) -> list[str]:
    found = []
    spaces = page.obj.get("/Resources", {}).get("/ColorSpace", {})
    for name, space in spaces.items():
        if isinstance(space, pikepdf.Array) and str(space[0]) == "/Separation" and str(space[1]) == "/All" \
                and not rules.marks:
            found.append(f"the registration colour ({name}) in a file {rules.name} wants without marks")
        if isinstance(space, pikepdf.Array) and str(space[0]) == "/Separation" and rules.no_rgb \
                and _space_name(space[2]) == "/DeviceRGB":
            found.append(f"the spot colour {space[1]} ({name}) has an RGB alternate")
    if rules.no_rgb:
        for operator in pikepdf.parse_content_stream(page, "rg RG"):
            found.append(f"DeviceRGB colour ({operator.operator})")
            break
        for name, image in page.get_images().items():
            if str(image.get("/ColorSpace", "")) == "/DeviceRGB":
                found.append(f"an RGB image ({name})")
    return found


_SPACES = {"/DeviceGray": "gray", "/G": "gray", "/DeviceRGB": "rgb", "/RGB": "rgb", "/DeviceCMYK": "cmyk",
           "/CMYK": "cmyk"}
_SHOW = {"Tj", "TJ", "'", '"'}
Colour = tuple[str, tuple[float, ...]]   # a colour space's family (gray, rgb, cmyk, other:...) and the values
Show = tuple[Colour, float]              # text drawn: its fill and its size in points on the page
Fill = tuple[Colour, float, float]       # a filled rectangle: its fill, width and height in points on the page
_EMPTY = pikepdf.Dictionary()


@dataclass
class _State:
    """What the content-stream walk keeps: the fill colour (space, values), the scale of the CTM, the text size."""

    fill: Colour = ("gray", (0.0,))   # the initial fill colour is DeviceGray black
    stroke: Colour = ("gray", (0.0,))
    scale: float = 1.0
    size: float = 0.0
    matrix: float = 1.0


def _det(operands: list) -> float:
    a, b, c, d = (float(v) for v in operands[:4])
    return math.sqrt(abs(a * d - b * c))


def _walk(obj: pikepdf.Object | pikepdf.Page, resources: pikepdf.Object, state: _State, seen: set,
          shows: list[Show], colours: list[tuple[str, str, tuple]], fills: list[Fill] | None = None) -> None:
    """Every colour set (operator, space, values), every text show (count, fill, size) and every filled rectangle
    (fill, width, height on the page) in a content stream and the forms it draws, with the graphics state carried
    into them as a RIP would."""
    stack: list[_State] = []
    rects: list[tuple[float, float]] = []
    for instruction in pikepdf.parse_content_stream(obj):
        op, operands = str(instruction.operator), list(instruction.operands)
        if op == "re":
            rects.append((abs(float(operands[2])) * state.scale, abs(float(operands[3])) * state.scale))
        elif op in ("f", "F", "f*", "B", "B*", "b", "b*") and fills is not None:
            fills.extend((state.fill, width, height) for width, height in rects)
        if op not in ("re", "m", "l", "c", "v", "y", "h"):
            rects = [] if op not in ("W", "W*") else rects
        if op == "q":
            stack.append(replace(state))
        elif op == "Q" and stack:
            state = stack.pop()
        elif op == "cm":
            state.scale *= _det(operands)
        elif op == "Tf":
            state.size = float(operands[1])
        elif op == "Tm":
            state.matrix = _det(operands)
        elif op in ("g", "G", "rg", "RG", "k", "K"):
            space = {"g": "gray", "rg": "rgb", "k": "cmyk"}[op.lower()]
            colour = (space, tuple(float(v) for v in operands))
            colours.append((op, *colour))
            if op.islower():
                state.fill = colour
            else:
                state.stroke = colour
        elif op in ("cs", "CS"):
            name = str(operands[0])
            space = _SPACES.get(name) or _SPACES.get(_space_name(resources.get("/ColorSpace", _EMPTY).get(name)),
                                                     "other:" + name)
            colour = (space, (0.0,) * {"gray": 1, "rgb": 3, "cmyk": 4}.get(space, 1))
            if op == "cs":
                state.fill = colour
            else:
                state.stroke = colour
        elif op in ("sc", "scn", "SC", "SCN"):
            space = (state.fill if op.islower() else state.stroke)[0]
            values = tuple(float(v) for v in operands if not isinstance(v, pikepdf.Name))  # scn: a pattern name
            colours.append((op, space, values))
            if op.islower():
                state.fill = (space, values)
            else:
                state.stroke = (space, values)
        elif op in _SHOW:
            shows.append((state.fill, state.size * state.matrix * state.scale))
        elif op == "Do":
            xobject = resources.get("/XObject", _EMPTY).get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                _walk(xobject, xobject.get("/Resources", resources), replace(state), seen, shows, colours, fills)
                seen.discard(xobject.objgen)


def _space_name(space: object) -> str:
    """A colour space as a name: a device space, an ICC-based one as the device space of its component count,
    else the family (/Separation, /Indexed, ...)."""
    if isinstance(space, pikepdf.Array) and len(space) and str(space[0]) == "/ICCBased":
        return {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}.get(int(space[1].get("/N", 0)), "/ICCBased")
    if isinstance(space, pikepdf.Array) and len(space):
        return str(space[0])
    return str(space) if space is not None else ""


def _content(page: pikepdf.Page, rules: Rules, shows: list[Show]) -> list[str]:
    """The colours the content streams set: total ink of CMYK colours, for grey-only files any other colour;
    the text drawn, with its fill and size, into `shows`."""
    if not (rules.ink_limit or rules.grey_only or rules.black_text_under or rules.area_limit):
        return []
    colours: list[tuple[str, str, tuple]] = []
    fills: list[Fill] = []
    _walk(page, page.obj.get("/Resources", pikepdf.Dictionary()), _State(), set(), shows, colours, fills)
    found = []
    if rules.area_limit:
        heavy = [(_one_ink(fill), width, height) for fill, width, height in fills
                 if min(width, height) >= rules.area_min - TOLERANCE and _one_ink(fill) > rules.area_limit + 0.5]
        if heavy:
            ink, width, height = max(heavy)
            found.append(f"a {width / mm(1):.0f} × {height / mm(1):.0f} mm area at {ink:.0f} % of one ink, over "
                         f"{rules.name}'s {rules.area_limit:g} % for large areas")
    if rules.ink_limit:
        over = [(op, values) for op, space, values in colours
                if space == "cmyk" and sum(values) * 100 > rules.ink_limit + 0.01]
        if over:
            op, values = max(over, key=lambda item: sum(item[1]))
            found.append(f"{len(over)} CMYK colour(s) over {rules.name}'s {rules.ink_limit:g} % ink, up to "
                         f"{sum(values) * 100:.0f} % ({' '.join(f'{v:g}' for v in values)} {op})")
    if rules.grey_only:
        other = sorted({op for op, space, _ in colours if space != "gray"
                        and not (rules.spots and space.startswith("other:"))})
        if other:
            found.append(f"colour that is not DeviceGray ({', '.join(other)}) in a file {rules.name} wants in grey")
    return found


def _one_ink(fill: Colour) -> float:
    """Per cent of one ink a fill lays down: a grey's black, a Separation's tint, a CMYK colour's strongest ink."""
    space, values = fill
    if space == "gray":
        return (1 - values[0]) * 100
    if space == "rgb":
        return 0.0
    return max(values, default=0.0) * 100


def _grey_text(shows: dict[int, list[Show]], rules: Rules) -> list[str]:
    """Text a grey-only file must print solid: all its text in a grey, body text (the size most text is set in,
    over the whole file) and text under the rule's size in grey 0."""
    found = []
    sizes = Counter(round(size, 2) for page in shows.values() for _, size in page)
    body = sizes.most_common(1)[0][0] if sizes else None
    limit = rules.black_text_under or 0.0
    for number, page in shows.items():
        if any(fill[0] != "gray" for fill, _ in page):
            found.append(f"page {number}: text in a colour that is not a grey, in a file {rules.name} wants in grey")
        light = sorted({(round(size, 2), fill[1][0]) for fill, size in page if fill[0] == "gray" and fill[1][0] > 0
                        and (size < limit - 0.01 or round(size, 2) == body)})
        for size, grey in light[:2]:
            what = "body text" if size == body else f"text under {limit:g} pt"
            found.append(f"page {number}: {what} ({size:g} pt) in {(1 - grey) * 100:.0f} % black, not solid")
    return found


def _images(page: pikepdf.Page, rules: Rules, measured: dict[tuple[int, int], float]) -> list[str]:
    """Images in a colour space the rules refuse, and CMYK pixels over the ink limit as a RIP decodes them."""
    found = []
    for name, image in page.get_images().items():
        space = _space_name(image.get("/ColorSpace"))
        if rules.grey_only and not image.get("/ImageMask", False) and space != "/DeviceGray":
            found.append(f"an image in {space or 'no colour space'} ({name}) in a file {rules.name} wants in grey")
        if rules.ink_limit and space == "/DeviceCMYK":
            if image.objgen not in measured:
                measured[image.objgen] = image_ink(image)
            if measured[image.objgen] > rules.ink_limit + 0.01:
                found.append(f"an image ({name}) uses up to {measured[image.objgen]:.1f} % ink, over "
                             f"{rules.name}'s {rules.ink_limit:g} %")
    return found


def image_ink(image: pikepdf.Stream) -> float:
    """The highest total ink (per cent) of a CMYK image's pixels, decoded as a RIP decodes them: the samples the
    filters give, with the image's /Decode array applied (an Adobe CMYK JPEG's inverted samples come with
    /Decode [1 0 1 0 1 0 1 0])."""
    pdfimage = PdfImage(image)
    inverted = [False] * 4   # channels whose samples as read here are 255 minus what the filters give
    if pdfimage.filters == ["/DCTDecode"]:
        jpeg = Image.open(io.BytesIO(image.read_raw_bytes()))
        if jpeg.mode != "CMYK":
            raise ValueError(f"a {jpeg.mode} JPEG in a DeviceCMYK image: not measured")
        samples = np.asarray(jpeg)
        inverted = [("adobe" in jpeg.info)] * 4   # Pillow inverts Adobe CMYK JPEGs; a PDF RIP does not
    else:
        if pdfimage.bits_per_component != 8:
            raise ValueError(f"{pdfimage.bits_per_component}-bit CMYK image: not measured")
        samples = np.frombuffer(pdfimage.read_bytes(), dtype=np.uint8).reshape(pdfimage.height, pdfimage.width, 4)
    decode = [float(v) for v in image.get("/Decode", [0, 1] * 4)]
    total = np.zeros(samples.shape[:2], dtype=np.uint16)
    for channel in range(4):
        low, high = decode[2 * channel:2 * channel + 2]
        if (low, high) not in ((0.0, 1.0), (1.0, 0.0)):
            raise ValueError(f"/Decode {decode}: not measured")
        ink = samples[..., channel]
        total += (255 - ink) if inverted[channel] != (low == 1.0) else ink
    return float(total.max()) * 100 / 255


def _bare(page: pdfium.PdfPage, edge: float) -> bool:
    """Nothing drawn within `edge` of the page's edge (rendered a pixel a point; half a pixel of tolerance)."""
    image = page.render(scale=1.0, may_draw_forms=True).to_pil().convert("L")
    width, height = image.size
    strip = max(1, math.floor(edge - 0.5))
    strips = ((0, 0, width, strip), (0, height - strip, width, height), (0, 0, strip, height),
              (width - strip, 0, width, height))
    return all(image.crop(box).getextrema()[0] >= 250 for box in strips)


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
            if rules.bare_edge and not _bare(page, rules.bare_edge):
                found.append(f"page {number}: ink within {rules.bare_edge / mm(1):g} mm of the sheet's edge, which "
                             f"{rules.name} does not print")
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
