"""The riso composite against its plates, as a separating RIP sees them: Ghostscript's tiffsep splits the
composite into one grey file per colorant with overprint honoured, and each must equal the plate the build
wrote for that drum. Solid black overprints the pink, other colours knock out, and the pink reaches a trap's
width into a photograph it surrounds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat

from catalog.builder import BuildOptions, BuildResult, build
from catalog.colour import Ink, Swatch
from catalog.plan.pages import DocumentPlan, Fill, ImagePlacement, Metadata, Page
from catalog.prepress.trap import trap
from catalog.units import Rect, mm
from tests.prepress.test_mono_riso import project_with, spot_layout
from tests.support import REPO

pytestmark = pytest.mark.skipif(shutil.which("gs") is None, reason="needs Ghostscript (apt-get install ghostscript)")

DPI = 254  # ten pixels to the millimetre
PINK = "Fluorescent Pink"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("riso-example")
    return build(REPO, BuildOptions(layout="riso", press="riso", out=root / "riso.pdf", cache=False))


@pytest.fixture(scope="module")
def pink_cover(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A photograph on a pink cover under a solid black title and a 50 % grey subtitle, trapped (the default)."""
    root = tmp_path_factory.mktemp("riso-pink-cover")
    layout = spot_layout("#ffffff", "#000000", "#808080", {"accent": 100, "cover": 100})
    del layout["trap"]
    return build(project_with(root / "p", layout), BuildOptions(press="riso", out=root / "riso.pdf"))


def separations(pdf: Path, out: Path, dpi: int, pages: str = "") -> dict[tuple[int, str], Image.Image]:
    """Ghostscript's separations of `pdf`, by (page, colorant): 255 paper, 0 full ink, as the plates draw."""
    out.mkdir(parents=True, exist_ok=True)
    first_last = ["-dFirstPage=1", f"-dLastPage={pages}"] if pages else []
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", f"-r{dpi}", *first_last,
                    f"-sOutputFile={out}/c%d.tif", str(pdf)], check=True)
    found = {}
    for path in out.glob("c*(*).tif"):
        page, colorant = path.stem[1:].split("(", 1)
        found[(int(page), colorant.rstrip(")"))] = Image.open(path).convert("L")
    return found


def greys(pdf: Path, out: Path, dpi: int, pages: str = "") -> list[Image.Image]:
    out.mkdir(parents=True, exist_ok=True)
    first_last = ["-dFirstPage=1", f"-dLastPage={pages}"] if pages else []
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffgray", f"-r{dpi}", *first_last,
                    f"-sOutputFile={out}/p%03d.tif", str(pdf)], check=True)
    return [Image.open(path).convert("L") for path in sorted(out.glob("p*.tif"))]


def bleed_area(pdf: Path, dpi: int) -> tuple[int, int, int, int]:
    """The BleedBox in pixels of a rendering of the MediaBox, a pixel inside: the marks and slug line outside
    it differ by design (each plate's slug names its drum)."""
    with pikepdf.open(pdf) as doc:
        media = [float(v) for v in doc.pages[0].mediabox]
        bleed = [float(v) for v in doc.pages[0].BleedBox]
    k = dpi / 72
    return (round((bleed[0] - media[0]) * k) + 1, round((media[3] - bleed[3]) * k) + 1,
            round((bleed[2] - media[0]) * k) - 1, round((media[3] - bleed[1]) * k) - 1)


def differing(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels more than a sixth of full ink apart."""
    wrong = ImageChops.difference(a, b).point(lambda v: 255 if v > 40 else 0)
    return ImageStat.Stat(wrong).mean[0] / 255


@pytest.mark.parametrize("which", ["example", "pink_cover"])
def test_the_composites_separations_equal_the_plates(which: str, request: pytest.FixtureRequest,
                                                     tmp_path: Path) -> None:
    built: BuildResult = request.getfixturevalue(which)
    dpi = 72
    seps = separations(built.pdf, tmp_path / "composite", dpi)
    black, pink = (greys(plate, tmp_path / plate.stem, dpi) for plate in built.separations)
    area = bleed_area(built.pdf, dpi)
    pages_with_pink = 0
    for page, (black_plate, pink_plate) in enumerate(zip(black, pink, strict=True), start=1):
        assert differing(seps[(page, "Black")].crop(area), black_plate.crop(area)) == 0, page
        sep = seps.get((page, PINK))  # Ghostscript writes a spot colorant only for pages that use it
        shown = sep.crop(area) if sep else Image.new("L", (area[2] - area[0], area[3] - area[1]), 255)
        assert differing(shown, pink_plate.crop(area)) == 0, page
        pages_with_pink += sep is not None and shown.getextrema()[0] < 128
        for colorant in ("Cyan", "Magenta", "Yellow"):  # a grey job: nothing but black and the spot (and marks)
            assert seps[(page, colorant)].crop(area).getextrema() == (255, 255), (page, colorant)
    assert pages_with_pink > 0


def test_solid_black_overprints_the_pink_and_grey_knocks_it_out(pink_cover: BuildResult, tmp_path: Path) -> None:
    """Under the black title the pink runs on (overprint); under the grey subtitle it is knocked out."""
    seps = separations(pink_cover.pdf, tmp_path, DPI, pages="1")
    area = bleed_area(pink_cover.pdf, DPI)
    black, pink = seps[(1, "Black")].crop(area), seps[(1, PINK)].crop(area)
    left, top, right, bottom = photo_box(pink_cover.pdf, DPI)
    type_only = Image.new("L", black.size, 255)  # the photograph's own tones are neither title nor subtitle
    type_only.paste(0, (left - area[0] - 2, top - area[1] - 2, right - area[0] + 2, bottom - area[1] + 2))
    solid = ImageChops.multiply(black.point(lambda v: 255 if v < 10 else 0), type_only)        # the title
    tint = ImageChops.multiply(black.point(lambda v: 255 if 100 < v < 150 else 0), type_only)  # the subtitle
    assert solid.histogram()[255] > 500 and tint.histogram()[255] > 200
    assert ImageStat.Stat(pink, mask=solid).mean[0] < 10            # full pink under the black title
    assert ImageStat.Stat(pink, mask=tint).mean[0] > 200            # paper under the grey subtitle


def photo_box(pdf: Path, dpi: int) -> tuple[int, int, int, int]:
    """The cover photograph's placed rectangle, in pixels of a MediaBox rendering."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        height = page.get_mediabox()[3]
        image = next(iter(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE])))
        left, bottom, right, top = image.get_bounds()
    finally:
        doc.close()
    k = dpi / 72
    return (round(left * k), round((height - top) * k), round(right * k), round((height - bottom) * k))


def test_the_pink_reaches_a_trap_into_the_photograph(pink_cover: BuildResult, tmp_path: Path) -> None:
    """0.3 mm (3 pixels here) of pink inside the photograph's edge on every side, none further in, and the
    photograph itself whole on the black drum."""
    seps = separations(pink_cover.pdf, tmp_path, DPI, pages="1")
    black, pink = seps[(1, "Black")], seps[(1, PINK)]
    left, top, right, bottom = photo_box(pink_cover.pdf, DPI)
    band = round(mm(0.3) / 72 * DPI)
    assert band == 3
    middle = (left + right) // 2, (top + bottom) // 2
    for inside, beyond in (((left + 1, middle[1]), (left + band + 2, middle[1])),
                           ((right - 2, middle[1]), (right - band - 3, middle[1])),
                           ((middle[0], top + 1), (middle[0], top + band + 2)),
                           ((middle[0], bottom - 2), (middle[0], bottom - band - 3))):
        assert pink.getpixel(inside) < 20, inside     # the trap: pink over the photograph's edge
        assert pink.getpixel(beyond) > 235, beyond    # and no further
        assert black.getpixel(inside) < 235, inside   # the photograph still prints there, beneath
    assert ImageStat.Stat(black.crop((left + 2, top + 2, right - 2, bottom - 2))).mean[0] < 230


def test_marks_print_on_every_drum_of_the_composite(pink_cover: BuildResult, tmp_path: Path) -> None:
    """The crop marks left of the bleed (no slug line there) are the same on the black and the pink drum."""
    seps = separations(pink_cover.pdf, tmp_path, 72, pages="1")
    black, pink = seps[(1, "Black")], seps[(1, PINK)]
    left = (0, 0, bleed_area(pink_cover.pdf, 72)[0] - 2, black.height)
    assert black.crop(left).getextrema()[0] < 100
    assert differing(black.crop(left), pink.crop(left)) == 0


# --- the trap, planned -----------------------------------------------------------------------------

INK = Ink("pink", PINK, (1.0, 0.28, 0.69))
SPOT = Swatch.in_ink(INK, 1.0)
WIDTH = mm(0.3)


def photo(x: float, y: float, w: float, h: float) -> ImagePlacement:
    rect = Rect(x, y, w, h)
    return ImagePlacement(Path("a.jpg"), rect, rect, 300.0)


def plan_of(*items: Fill | ImagePlacement) -> DocumentPlan:
    return DocumentPlan(400, 600, 9, (Page(1, "cover", items),), (), Metadata("", "", "", "", "en"))


def test_a_photograph_on_a_spot_fill_gets_four_overprinting_strips_after_it() -> None:
    cover, picture = Fill(Rect(0, 0, 400, 600), SPOT), photo(100, 100, 200, 300)
    items = trap(plan_of(cover, picture), WIDTH).pages[0].items
    assert items[:2] == (cover, picture)
    strips = items[2:]
    assert len(strips) == 4 and all(isinstance(s, Fill) and s.overprint and s.colour == SPOT for s in strips)
    rects = sorted(tuple(round(v, 6) for v in s.rect.as_box()) for s in strips if isinstance(s, Fill))
    w = WIDTH
    assert rects == sorted(tuple(round(v, 6) for v in box) for box in (
        (100, 100, 300, 100 + w), (100, 400 - w, 300, 400), (100, 100 + w, 100 + w, 400 - w),
        (300 - w, 100 + w, 300, 400 - w)))


def test_a_trap_only_spreads_where_the_spot_ink_was() -> None:
    """A photograph half on a pink band: strips only over the band; one on paper or a grey fill: none."""
    band = Fill(Rect(0, 0, 400, 200), SPOT)
    items = trap(plan_of(band, photo(100, 100, 200, 300)), WIDTH).pages[0].items[2:]
    assert items and all(isinstance(s, Fill) and s.rect.top <= 200 + 1e-9 for s in items)
    grey = Fill(Rect(0, 0, 400, 600), Swatch(0.5, 0.5, 0.5))
    for plan in (plan_of(photo(1, 1, 50, 50)), plan_of(grey, photo(1, 1, 50, 50))):
        assert trap(plan, WIDTH) is plan
    assert trap(plan_of(band, photo(100, 100, 200, 300)), 0.0).pages[0].items[2:] == ()
