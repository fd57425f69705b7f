"""Image files as they arrive from artists, each built into a real catalog and checked on the
rendered page: the eight EXIF orientations print upright; embedded profiles (Adobe RGB, ProPhoto)
are converted, not read as sRGB; CMYK JPEGs (Adobe's inverted kind and plain ones) keep their
colours; 16-bit, grey, palette and alpha files print as they should, transparency on white paper;
progressive JPEGs and files whose extension lies build. Files that cannot print stop the build
with exit status 2 and a message naming the file and its line in artist.yaml: cut short, corrupt,
empty, decompression bombs, HEIC and camera RAW (with how to convert them). Every file is made
here, with Pillow or byte by byte."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageCms, ImageStat, TiffImagePlugin, features
from reportlab.pdfgen.canvas import Canvas

from catalog import colour
from catalog.builder import BuildOptions, BuildResult, build
from catalog.images import probe
from catalog.specs.press import load_press
from tests.support import REPO
from tests.support.cli import run
from tests.support.projects import artist_data, make_project

FOGRA39 = REPO / "presses" / "FOGRA39L-l300.icc"


def _first(*paths: str) -> Path | None:
    return next((Path(p) for p in paths if Path(p).is_file()), None)


# icc-profiles-free, Ghostscript and Argyll ship these; cases that need one are skipped without it
ADOBE_RGB = _first("/usr/share/color/icc/compatibleWithAdobeRGB1998.icc", "/usr/share/color/icc/ghostscript/a98.icc",
                   "/usr/share/color/argyll/ref/ClayRGB1998.icm")
PROPHOTO = _first("/usr/share/color/argyll/ref/ProPhoto.icm", "/usr/share/color/icc/ghostscript/rommrgb.icc")

RGB = tuple[int, int, int]
SIZE = (300, 200)
LEFT, RIGHT, MIDDLE = 0.25, 0.75, 0.5
DPI = 48
DIGITAL_TOLERANCE = 10   # per channel, 0-255: JPEG twice over on flat colour, then the renderer
OFFSET_TOLERANCE = 14    # the same, through CMYK and the press profile



# --- making files -----------------------------------------------------------------------------------

def halves(mode: str, left: Any, right: Any, size: tuple[int, int] = SIZE) -> Image.Image:
    width, height = size
    image = Image.new(mode, size, left)
    image.paste(Image.new(mode, (width - width // 2, height), right), (width // 2, 0))  # a colour would be 8-bit
    return image


def jpeg(image: Image.Image, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, **options)
    return buffer.getvalue()


def encoded(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(size: tuple[int, int], colour_type: int, depth: int, row: Callable[[int], bytes] | bytes) -> bytes:
    """A PNG written byte by byte (Pillow cannot write 16-bit colour): `row(y)` or one row for all,
    without the filter byte; compressed row by row, so a huge picture costs little to make."""
    width, height = size
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(b"\x00" + (row(y) if callable(row) else row)) for y in range(height))
    data += packer.flush()
    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def halves16(left: tuple[int, ...], right: tuple[int, ...], order: str) -> bytes:
    """One row of 16-bit samples, `order` '>' (PNG) or '<' (little-endian TIFF)."""
    half = SIZE[0] // 2
    fmt = order + "H" * len(left)
    return struct.pack(fmt, *left) * half + struct.pack(fmt, *right) * (SIZE[0] - half)


def tiff(row: bytes, bits: int, icc: bytes | None = None, after_header: bytes = b"") -> bytes:
    """An RGB TIFF written byte by byte (Pillow cannot write 16-bit colour): uncompressed, one strip,
    `row` for every row, optionally an ICC profile (tag 34675) and bytes between header and IFD
    (where a Canon CR2 puts its signature)."""
    width, height = SIZE
    pixels = row * height
    count = 11 if icc else 10
    ifd_at = 8 + len(after_header)
    bits_at = ifd_at + 2 + 12 * count + 4
    icc_at = bits_at + 6
    pixels_at = icc_at + len(icc or b"")
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 3, bits_at), (259, 3, 1, 1), (262, 3, 1, 2),
               (273, 4, 1, pixels_at), (277, 3, 1, 3), (278, 4, 1, height), (279, 4, 1, len(pixels)),
               (284, 3, 1, 1)]
    if icc:
        entries.append((34675, 7, len(icc), icc_at))
    ifd = struct.pack("<H", count) + b"".join(struct.pack("<HHII", *entry) for entry in entries) + b"\0\0\0\0"
    return (b"II*\x00" + struct.pack("<I", ifd_at) + after_header + ifd + struct.pack("<3H", bits, bits, bits)
            + (icc or b"") + pixels)


def tiff16(left: RGB, right: RGB, icc: bytes | None = None) -> bytes:
    return tiff(halves16(left, right, "<"), 16, icc)


def without_adobe_marker(data: bytes) -> bytes:
    """A JPEG with its APP14 'Adobe' segment taken out."""
    at = data.index(b"\xff\xee")
    length = struct.unpack(">H", data[at + 2:at + 4])[0]
    return data[:at] + data[at + 2 + length:]


def profile(path: Path | None) -> bytes:
    if path is None:
        pytest.skip("no such ICC profile on this system (install icc-profiles-free or argyll)")
    return path.read_bytes()


def in_srgb(mode: str, pixel: Any, icc: bytes) -> RGB:
    """What `pixel` is in sRGB, by its profile."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    converted = ImageCms.profileToProfile(Image.new(mode, (1, 1), pixel), source, ImageCms.createProfile("sRGB"),
                                          outputMode="RGB")
    return converted.getpixel((0, 0))


def naive_rgb(mode: str, pixel: Any) -> RGB:
    return Image.new(mode, (1, 1), pixel).convert("RGB").getpixel((0, 0))


def distance(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return max(abs(x - y) for x, y in zip(a, b, strict=True))


# --- reading the built PDF back ---------------------------------------------------------------------

@dataclass(frozen=True)
class Plate:
    page: int                                   # 1-based
    box: tuple[float, float, float, float]      # left, top, right, bottom in points from the MediaBox's top left

    @property
    def landscape(self) -> bool:
        left, top, right, bottom = self.box
        return right - left > bottom - top


def plates(pdf: Path) -> list[Plate]:
    """Every image drawn, in page order: one per work, in the order of the works."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        found = []
        for number, page in enumerate(doc, start=1):
            x0, _, _, y1 = page.get_mediabox()
            assert page.get_cropbox() == page.get_mediabox()  # both renderers show the whole MediaBox
            for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
                left, bottom, right, top = obj.get_bounds()
                found.append(Plate(number, (left - x0, y1 - top, right - x0, y1 - bottom)))
            page.close()
        return found
    finally:
        doc.close()


def render(pdf: Path, page: int, renderer: str) -> Image.Image:
    """The whole page at DPI, by PDFium or by Poppler's pdftoppm."""
    if renderer == "pdfium":
        doc = pdfium.PdfDocument(str(pdf))
        try:
            return doc[page - 1].render(scale=DPI / 72).to_pil().convert("RGB")
        finally:
            doc.close()
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    stem = pdf.with_name(f"{pdf.stem}-page{page}")
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(DPI), "-png", "-singlefile", str(pdf),
                    str(stem)], check=True, capture_output=True)
    with Image.open(stem.with_suffix(".png")) as picture:
        return picture.convert("RGB")


def sample(picture: Image.Image, box: tuple[float, float, float, float], fx: float, fy: float) -> RGB:
    """Mean colour of a small square at (fx, fy), fractions of `box` (points, top-left origin)."""
    scale = DPI / 72
    left, top, right, bottom = (v * scale for v in box)
    x, y = left + fx * (right - left), top + fy * (bottom - top)
    r = max(2.0, 0.05 * min(right - left, bottom - top))
    region = picture.crop((round(x - r), round(y - r), round(x + r), round(y + r)))
    return tuple(round(v) for v in ImageStat.Stat(region).mean)  # type: ignore[return-value]


class Pages:
    """Rendered pages of one PDF, each rendered once."""

    def __init__(self, pdf: Path, renderer: str):
        self.pdf, self.renderer = pdf, renderer
        self.plates = plates(pdf)
        self._pages: dict[int, Image.Image] = {}

    def at(self, index: int, fx: float, fy: float) -> RGB:
        plate = self.plates[index]
        if plate.page not in self._pages:
            self._pages[plate.page] = render(self.pdf, plate.page, self.renderer)
        return sample(self._pages[plate.page], plate.box, fx, fy)


def project_of(root: Path, files: dict[str, bytes], press: str = "digital") -> Path:
    """One artist, one work (one plate) per file, in this order."""
    data = artist_data("Anna Test", works=len(files))
    for work, name in zip(data["works"], files, strict=True):
        work["image"] = f"images/{name}"
    folder = root / "content" / "artists" / "anna-test" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return make_project(root, {"anna-test": data}, catalog={"press": press})


def built(project: Path, press: str, out: Path) -> BuildResult:
    return build(project, BuildOptions(press=press, out=out, cache=False, jobs=1))


def image_streams(pdf: Path) -> set[bytes]:
    with pikepdf.open(pdf) as doc:
        return {bytes(obj.read_raw_bytes()) for obj in doc.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"}


# --- orientation ----------------------------------------------------------------------------------------

RED, BLUE = (220, 30, 30), (30, 60, 200)
UPRIGHT = halves("RGB", BLUE, BLUE)
UPRIGHT.paste(RED, (0, 0, SIZE[0] // 2, SIZE[1] // 2))  # red top-left quadrant, landscape

# What the camera stores for each EXIF orientation: the upright picture turned the other way, so
# that applying the tag (as a viewer must) gives it back. From the EXIF definitions: 2 mirrored
# left-right, 3 turned 180°, 4 mirrored top-bottom, 5 mirrored along the main diagonal, 6 to be
# turned 90° clockwise (so stored turned 90° anticlockwise), 7 mirrored along the other diagonal,
# 8 to be turned 90° anticlockwise.
STORED = {1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
          4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90,
          7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270}


def oriented(orientation: int, fmt: str = "JPEG") -> bytes:
    method = STORED[orientation]
    stored = UPRIGHT.transpose(method) if method is not None else UPRIGHT.copy()
    exif = Image.Exif()
    exif[0x0112] = orientation
    return jpeg(stored, exif=exif) if fmt == "JPEG" else encoded(stored, fmt, exif=exif)


ORIENTED = {**{f"orientation-{n}.jpg": (lambda n=n: oriented(n)) for n in STORED},
            "orientation-6.png": lambda: oriented(6, "PNG"), "orientation-8.tif": lambda: oriented(8, "TIFF")}


@pytest.fixture(scope="module")
def orientation_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pages, BuildResult]:
    root = tmp_path_factory.mktemp("orientation")
    project = project_of(root / "project", {name: make() for name, make in ORIENTED.items()})
    result = built(project, "digital", root / "out.pdf")
    return Pages(result.pdf, "pdfium"), result


@pytest.mark.parametrize("name", list(ORIENTED))
def test_every_exif_orientation_prints_upright(orientation_pdf: tuple[Pages, BuildResult], name: str) -> None:
    pages, _ = orientation_pdf
    index = list(ORIENTED).index(name)
    assert len(pages.plates) == len(ORIENTED)
    assert pages.plates[index].landscape
    assert distance(pages.at(index, LEFT, LEFT), RED) <= DIGITAL_TOLERANCE
    for fx, fy in ((RIGHT, LEFT), (LEFT, RIGHT), (RIGHT, RIGHT)):
        assert distance(pages.at(index, fx, fy), BLUE) <= DIGITAL_TOLERANCE, (fx, fy)


def test_only_the_upright_jpeg_passes_through(orientation_pdf: tuple[Pages, BuildResult]) -> None:
    _, result = orientation_pdf
    assert (result.images.passed, result.images.prepared) == (1, len(ORIENTED) - 1)


# --- colour: one plate per file, on an sRGB press and on offset --------------------------------------------

Source = tuple[str, Any, bytes | None]
"""A pixel as the file holds it: mode, value, embedded profile."""


@dataclass
class Expected:
    """The plate at (fx, fy) should print `srgb` on an sRGB press; on offset, the press's own
    conversion (colour.image_to_cmyk, tested on its own) of `source`, by default that sRGB colour."""

    fx: float
    fy: float
    srgb: RGB
    source: Source | None = None

    def cmyk(self, inks: colour.Inks, grey: bool = False) -> tuple[int, int, int, int]:
        """`grey`: the file is black and white, which prints on black alone (issue 18)."""
        if grey:
            return colour.grey_image_to_k(Image.new("L", (1, 1), self.srgb[0]), inks).getpixel((0, 0))
        mode, pixel, icc = self.source or ("RGB", self.srgb, None)
        if mode == "CMYK" and icc is None:  # untagged CMYK is made for the press: printed as it is
            return pixel
        converted = colour.image_to_cmyk(Image.new(mode, (1, 1), pixel), icc, inks)
        return converted.getpixel((0, 0))


@dataclass
class Case:
    data: bytes
    expected: list[Expected]
    passed: bool = False    # the file's own bytes go into an sRGB PDF
    grey: bool = False      # black and white: on black ink alone on a CMYK press


def two(left: RGB, right: RGB, sources: tuple[Source, Source] | None = None) -> list[Expected]:
    """The left and right halves of the plate; `sources` as for `Expected`."""
    first, second = sources or (None, None)
    return [Expected(LEFT, MIDDLE, left, first), Expected(RIGHT, MIDDLE, right, second)]


def adobe_rgb_jpeg() -> Case:
    icc = profile(ADOBE_RGB)
    pixel = (60, 150, 70)
    expected = in_srgb("RGB", pixel, icc)
    assert distance(expected, pixel) > 20  # read as sRGB it would print visibly wrong
    return Case(jpeg(Image.new("RGB", SIZE, pixel), icc_profile=icc),
                [Expected(MIDDLE, MIDDLE, expected, ("RGB", pixel, icc))])


def prophoto_jpeg() -> Case:
    icc = profile(PROPHOTO)
    pixel = (90, 120, 60)
    expected = in_srgb("RGB", pixel, icc)
    assert distance(expected, pixel) > 20
    return Case(jpeg(Image.new("RGB", SIZE, pixel), icc_profile=icc),
                [Expected(MIDDLE, MIDDLE, expected, ("RGB", pixel, icc))])


def prophoto_16_bit_tiff() -> Case:
    icc = profile(PROPHOTO)
    left, right = (90, 120, 60), (150, 60, 90)
    data = tiff16(tuple(v * 257 for v in left), tuple(v * 257 for v in right), icc)  # type: ignore[arg-type]
    return Case(data, two(in_srgb("RGB", left, icc), in_srgb("RGB", right, icc),
                          (("RGB", left, icc), ("RGB", right, icc))))


RED_INKS, CYAN_INKS = (0, 255, 255, 0), (255, 0, 0, 0)  # M+Y, and C alone


def cmyk_adobe_jpeg() -> Case:
    data = jpeg(halves("CMYK", RED_INKS, CYAN_INKS))  # Pillow writes Adobe's kind: inverted, with APP14
    assert b"\xff\xee\x00\x0eAdobe" in data[:64]
    return Case(data, two(naive_rgb("CMYK", RED_INKS), naive_rgb("CMYK", CYAN_INKS),
                          (("CMYK", RED_INKS, None), ("CMYK", CYAN_INKS, None))))


def cmyk_plain_jpeg() -> Case:
    """The inks stored as they are, with no Adobe marker: written as Pillow would write the
    inverted picture, then the marker taken out."""
    inverted = halves("CMYK", tuple(255 - v for v in RED_INKS), tuple(255 - v for v in CYAN_INKS))
    data = without_adobe_marker(jpeg(inverted))
    assert b"Adobe" not in data[:64]
    return Case(data, two(naive_rgb("CMYK", RED_INKS), naive_rgb("CMYK", CYAN_INKS),
                          (("CMYK", RED_INKS, None), ("CMYK", CYAN_INKS, None))))


def cmyk_fogra39_jpeg() -> Case:
    icc = FOGRA39.read_bytes()
    left, right = in_srgb("CMYK", RED_INKS, icc), in_srgb("CMYK", CYAN_INKS, icc)
    assert distance(right, naive_rgb("CMYK", CYAN_INKS)) > 20  # the profile changes it
    return Case(jpeg(halves("CMYK", RED_INKS, CYAN_INKS), icc_profile=icc),
                two(left, right, (("CMYK", RED_INKS, icc), ("CMYK", CYAN_INKS, icc))))


WHITE = (255, 255, 255)


def rgba_png() -> Case:
    return Case(encoded(halves("RGBA", (255, 0, 0, 0), (0, 160, 0, 255)), "PNG"), two(WHITE, (0, 160, 0)))


def grey_alpha_png() -> Case:
    return Case(encoded(halves("LA", (0, 0), (80, 255)), "PNG"), two(WHITE, (80, 80, 80)), grey=True)


def palette_alpha_png() -> Case:
    image = halves("P", 0, 1)
    image.putpalette([0, 0, 0, 30, 60, 200])
    return Case(encoded(image, "PNG", transparency=0), two(WHITE, (30, 60, 200)))


def palette_gif() -> Case:
    image = halves("P", 0, 1)
    image.putpalette([200, 30, 30, 30, 200, 30])
    return Case(encoded(image, "GIF"), two((200, 30, 30), (30, 200, 30)))


def colour_key_png() -> Case:
    image = halves("RGB", (0, 0, 0), (230, 120, 20))
    return Case(encoded(image, "PNG", transparency=(0, 0, 0)), two(WHITE, (230, 120, 20)))


def grey_16_bit_png() -> Case:
    return Case(encoded(halves("I;16", 40000, 10000), "PNG"), two((156, 156, 156), (39, 39, 39)), grey=True)


def rgb_16_bit_png() -> Case:
    return Case(png(SIZE, 2, 16, halves16((65535, 32768, 0), (0, 16384, 49152), ">")),
                two((255, 128, 0), (0, 64, 192)))


def rgba_16_bit_png() -> Case:
    return Case(png(SIZE, 6, 16, halves16((65535, 0, 0, 0), (0, 32768, 65535, 65535), ">")),
                two(WHITE, (0, 128, 255)))


def rgb_16_bit_tiff() -> Case:
    return Case(tiff16((0, 40000, 20000), (50000, 50000, 10000)), two((0, 156, 78), (195, 195, 39)))


def grey_16_bit_tiff() -> Case:
    return Case(encoded(halves("I;16", 30000, 60000), "TIFF"), two((117, 117, 117), (234, 234, 234)), grey=True)


def grey_jpeg() -> Case:
    return Case(jpeg(halves("L", 60, 200)), two((60, 60, 60), (200, 200, 200)), passed=True, grey=True)


def bilevel_png() -> Case:
    return Case(encoded(halves("1", 0, 1), "PNG"), two((0, 0, 0), WHITE), grey=True)


def progressive_jpeg() -> Case:
    return Case(jpeg(halves("RGB", (200, 60, 30), (30, 60, 200)), progressive=True),
                two((200, 60, 30), (30, 60, 200)))


def png_named_jpg() -> Case:
    return Case(encoded(halves("RGB", (30, 90, 200), (240, 200, 40)), "PNG"), two((30, 90, 200), (240, 200, 40)))


def jpeg_named_png() -> Case:
    return Case(jpeg(halves("RGB", (120, 40, 160), (40, 160, 120))), two((120, 40, 160), (40, 160, 120)),
                passed=True)


def tiff_named_jpg() -> Case:
    return Case(encoded(halves("RGB", (90, 30, 30), (30, 90, 30)), "TIFF", compression="tiff_lzw"),
                two((90, 30, 30), (30, 90, 30)))


def padded_jpeg() -> Case:
    """Zeros after the end-of-image marker, as some cameras and copies leave: still whole."""
    return Case(jpeg(halves("RGB", (70, 70, 140), (140, 70, 70))) + b"\x00" * 700,
                two((70, 70, 140), (140, 70, 70)), passed=True)


def motion_photo_jpeg() -> Case:
    """A phone's motion photo: a video after the JPEG's end. Not passed through, still printed."""
    trailer = struct.pack(">I", 24) + b"ftypmp42" + b"\x00" * 12 + b"\x00\x00\x10\x00mdat" + bytes(range(256)) * 16
    return Case(jpeg(halves("RGB", (40, 120, 40), (120, 40, 40))) + trailer, two((40, 120, 40), (120, 40, 40)))


def cmyk_profile_on_rgb_jpeg() -> Case:
    """A profile for another colour space (here CMYK on an RGB picture) is ignored: sRGB."""
    return Case(jpeg(halves("RGB", (180, 90, 40), (40, 90, 180)), icc_profile=FOGRA39.read_bytes()),
                two((180, 90, 40), (40, 90, 180)))


def damaged_profile_jpeg() -> Case:
    return Case(jpeg(halves("RGB", (160, 40, 100), (40, 160, 100)), icc_profile=b"not a profile" * 20),
                two((160, 40, 100), (40, 160, 100)))


def avif() -> Case:
    if not features.check("avif"):
        pytest.skip("this Pillow reads no AVIF (its refusal is tested below)")
    return Case(encoded(halves("RGB", (200, 160, 40), (40, 80, 160)), "AVIF", quality=95),
                two((200, 160, 40), (40, 80, 160)))


CASES: dict[str, Callable[[], Case]] = {
    "adobe-rgb.jpg": adobe_rgb_jpeg,
    "prophoto.jpg": prophoto_jpeg,
    "prophoto-16-bit.tif": prophoto_16_bit_tiff,
    "cmyk-adobe.jpg": cmyk_adobe_jpeg,
    "cmyk-plain.jpg": cmyk_plain_jpeg,
    "cmyk-fogra39.jpg": cmyk_fogra39_jpeg,
    "alpha.png": rgba_png,
    "grey-alpha.png": grey_alpha_png,
    "palette-alpha.png": palette_alpha_png,
    "palette.gif": palette_gif,
    "colour-key.png": colour_key_png,
    "grey-16-bit.png": grey_16_bit_png,
    "rgb-16-bit.png": rgb_16_bit_png,
    "rgba-16-bit.png": rgba_16_bit_png,
    "rgb-16-bit.tif": rgb_16_bit_tiff,
    "grey-16-bit.tif": grey_16_bit_tiff,
    "grey.jpg": grey_jpeg,
    "bilevel.png": bilevel_png,
    "progressive.jpg": progressive_jpeg,
    "png-content.jpg": png_named_jpg,
    "jpeg-content.png": jpeg_named_png,
    "tiff-content.jpg": tiff_named_jpg,
    "padded.jpg": padded_jpeg,
    "motion-photo.jpg": motion_photo_jpeg,
    "cmyk-profile-on-rgb.jpg": cmyk_profile_on_rgb_jpeg,
    "damaged-profile.jpg": damaged_profile_jpeg,
    "photo.avif": avif,
}


@dataclass
class Built:
    cases: dict[str, Case]           # the ones this system can make, in plate order
    skipped: dict[str, str]          # the others, and why
    result: BuildResult
    pages: Pages
    inks: colour.Inks


def _made() -> tuple[dict[str, Case], dict[str, str]]:
    cases, skipped = {}, {}
    for name, make in CASES.items():
        try:
            cases[name] = make()
        except pytest.skip.Exception as reason:
            skipped[name] = str(reason)
    return cases, skipped


@pytest.fixture(scope="module", params=["digital", "offset"])
def colour_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    press = request.param
    root = tmp_path_factory.mktemp(press)
    cases, skipped = _made()
    project = project_of(root / "project", {name: case.data for name, case in cases.items()})
    result = built(project, press, root / "out.pdf")
    renderer = "pdfium" if press == "digital" else "pdftoppm"
    return Built(cases, skipped, result, Pages(result.pdf, renderer), load_press(press, project).colour.inks())


def reference_swatches(inks: list[tuple[int, int, int, int]], folder: Path) -> list[RGB]:
    """How pdftoppm shows each ink mix as a flat DeviceCMYK fill: the yardstick for offset plates."""
    pdf = folder / "swatches.pdf"
    canvas = Canvas(str(pdf), pagesize=(40, 40 * len(inks)))
    for i, (c, m, y, k) in enumerate(inks):
        canvas.setFillColorCMYK(c / 255, m / 255, y / 255, k / 255)
        canvas.rect(0, 40 * (len(inks) - 1 - i), 40, 40, stroke=0, fill=1)
    canvas.save()
    picture = render(pdf, 1, "pdftoppm")
    return [sample(picture, (0, 40 * i, 40, 40 * (i + 1)), 0.5, 0.5) for i in range(len(inks))]


@pytest.mark.parametrize("name", list(CASES))
def test_each_file_prints_its_colours(colour_pdf: Built, name: str, tmp_path: Path) -> None:
    if name in colour_pdf.skipped:
        pytest.skip(colour_pdf.skipped[name])
    assert len(colour_pdf.pages.plates) == len(colour_pdf.cases)
    index = list(colour_pdf.cases).index(name)
    case = colour_pdf.cases[name]
    for expected in case.expected:
        printed = colour_pdf.pages.at(index, expected.fx, expected.fy)
        if colour_pdf.result.press == "digital":
            assert distance(printed, expected.srgb) <= DIGITAL_TOLERANCE, (expected, printed)
        else:
            inks = expected.cmyk(colour_pdf.inks, case.grey)
            (wanted,) = reference_swatches([inks], tmp_path)
            assert distance(printed, wanted) <= OFFSET_TOLERANCE, (expected, inks, printed, wanted)


def test_only_whole_upright_srgb_jpegs_pass_through(colour_pdf: Built) -> None:
    passed = [name for name, case in colour_pdf.cases.items() if case.passed]
    embedded = image_streams(colour_pdf.result.pdf)
    if colour_pdf.result.press == "digital":
        assert colour_pdf.result.images.passed == len(passed) == 3
        assert all(case.data in embedded for case in colour_pdf.cases.values() if case.passed)
    else:
        assert colour_pdf.result.images.passed == 0
    assert all(case.data not in embedded for case in colour_pdf.cases.values() if not case.passed)


# --- files that stop the build ---------------------------------------------------------------------------



def whole_jpeg() -> bytes:
    """A plain baseline sRGB JPEG: on the digital press it would go into the PDF unchanged."""
    picture = Image.effect_noise((600, 400), 40).convert("RGB")
    return jpeg(picture)


def cut(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]


def corrupt_png() -> bytes:
    data = bytearray(encoded(Image.effect_noise((300, 200), 40).convert("RGB"), "PNG"))
    at = data.index(b"IDAT") + 300
    data[at:at + 64] = b"\x00" * 64
    idat = data.index(b"IDAT")
    length = struct.unpack(">I", data[idat - 4:idat])[0]  # a CRC to match: the damage is in the data
    data[idat + 4 + length:idat + 8 + length] = struct.pack(">I", zlib.crc32(bytes(data[idat:idat + 4 + length])))
    return bytes(data)


def zeroed_in_the_middle(data: bytes, length: int = 2000) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes(length) + data[middle + length:]


def bomb(side: int) -> bytes:
    """A 1-bit PNG of side × side pixels, all black: tens of KB that decode to hundreds of MB."""
    return png((side, side), 0, 1, bytes((side + 7) // 8))


def heic(brand: bytes = b"heic") -> bytes:
    return struct.pack(">I", 24) + b"ftyp" + brand + b"\x00\x00\x00\x00mif1" + brand + bytes(400)


def tiff_raw(**tags: Any) -> bytes:
    """A TIFF like the ones camera RAW files are built on: a small preview in the first IFD."""
    info = TiffImagePlugin.ImageFileDirectory_v2()
    for tag, (value, kind) in tags.items():
        info[int(tag[1:])] = value
        info.tagtype[int(tag[1:])] = kind
    info[271] = "NIKON CORPORATION"
    return encoded(Image.new("RGB", (160, 120), (90, 90, 90)), "TIFF", tiffinfo=info)


def lab16_tiff() -> bytes:
    """A 16-bit CIELab TIFF, which Pillow does not read: the RGB one with its photometric set to 8."""
    data = bytearray(tiff16((30000, 0, 0), (30000, 0, 0)))
    at = data.index(struct.pack("<HHI", 262, 3, 1))
    data[at + 8:at + 10] = struct.pack("<H", 8)
    return bytes(data)


def cr2() -> bytes:
    """A Canon CR2 begins as a TIFF, then 'CR', its version and where the RAW data is."""
    return tiff(bytes((90, 90, 90)) * SIZE[0], 8, after_header=b"CR\x02\x00" + struct.pack("<I", 0))


DAMAGED = "cannot be decoded: it is damaged or cut short"
REEXPORT = "export the image again from its original"
CONVERT = "export it as JPEG or TIFF from your photo software"
TOO_BIG = "has too many pixels to open safely"
SHRINK = f"resize it below {probe.MAX_MEGAPIXELS} megapixels"

# file name, its bytes, the message after "image <name> ", the hint
REFUSED: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("empty.jpg", lambda: b"", "is empty (0 bytes)", "copy it again from the original"),
    ("notes.jpg", lambda: b"this is not a picture\n" * 10, "is not an image format that can be read",
     "save it as JPEG, PNG or TIFF"),
    ("cut-short.jpg", lambda: cut(whole_jpeg()), DAMAGED, REEXPORT),
    ("cut-in-header.jpg", lambda: cut(whole_jpeg(), 0.0002), DAMAGED, REEXPORT),
    ("cut-short-progressive.jpg", lambda: cut(jpeg(Image.effect_noise((600, 400), 40).convert("RGB"),
                                                   progressive=True)), DAMAGED, REEXPORT),
    ("cut-short.png", lambda: cut(encoded(Image.effect_noise((300, 200), 40).convert("RGB"), "PNG")), DAMAGED,
     REEXPORT),
    ("cut-short.tif", lambda: cut(tiff16((0, 40000, 20000), (50000, 50000, 10000))), DAMAGED, REEXPORT),
    ("corrupt.png", corrupt_png, DAMAGED, REEXPORT),
    # Pillow decodes these whole or not at all (zlib and LZW streams check themselves); a JPEG it
    # would decode partly grey without a word, unless decoded strictly
    ("zeroed.png", lambda: zeroed_in_the_middle(encoded(Image.effect_noise((300, 200), 40).convert("RGB"), "PNG")),
     DAMAGED, REEXPORT),
    ("zeroed-deflate.tif", lambda: zeroed_in_the_middle(encoded(Image.effect_noise((300, 200), 40).convert("RGB"),
                                                                "TIFF", compression="tiff_deflate")),
     DAMAGED, REEXPORT),
    ("zeroed-lzw.tif", lambda: zeroed_in_the_middle(encoded(Image.effect_noise((300, 200), 40).convert("RGB"),
                                                            "TIFF", compression="tiff_lzw")), DAMAGED, REEXPORT),
    ("zeroed.jpg", lambda: zeroed_in_the_middle(whole_jpeg()), DAMAGED, REEXPORT),
    ("cut-short-then-end-marker.jpg", lambda: cut(whole_jpeg()) + b"\xff\xd9", DAMAGED, REEXPORT),
    ("bomb.png", lambda: bomb(20_000),
     f"{TOO_BIG} (20000 × 20000, 400 megapixels; the limit is {probe.MAX_MEGAPIXELS})", SHRINK),
    ("big-bomb.png", lambda: bomb(30_000),
     f"{TOO_BIG} (over {2 * probe.MAX_MEGAPIXELS} megapixels; the limit is {probe.MAX_MEGAPIXELS})", SHRINK),
    ("lab-16-bit.tif", lambda: lab16_tiff(),
     "is a TIFF that cannot be read: damaged, or of an unusual kind (16-bit Lab, 32-bit colour...)",
     "save it again as an 8- or 16-bit RGB TIFF, or as a JPEG"),
    ("float.tif", lambda: encoded(Image.new("F", SIZE, 0.5), "TIFF"),
     "is a 32-bit (floating-point or HDR) image, which cannot be printed directly",
     "save it as an 8- or 16-bit TIFF or as a JPEG"),
    ("IMG_0001.heic", heic, "is a HEIC image, which cannot be printed directly", CONVERT),
    ("IMG_0002.jpg", heic, "is a HEIC image, which cannot be printed directly", CONVERT),  # renamed, still HEIC
    ("IMG_0003.heif", lambda: b"\x00" * 64 + b"mdat" * 50, "is a HEIF image, which cannot be printed directly",
     CONVERT),  # unrecognisable: by its name
    ("still.avif", lambda: heic(b"avif") if not features.check("avif") else b"junk" * 100,
     "is an AVIF image, which cannot be printed directly", CONVERT),
    ("DSC_0001.cr3", lambda: heic(b"crx "), "is a Canon CR3 camera RAW file, which cannot be printed directly",
     CONVERT),
    ("DSC_0002.cr2", cr2, "is a Canon CR2 camera RAW file, which cannot be printed directly", CONVERT),
    ("DSC_0003.raf", lambda: b"FUJIFILMCCD-RAW 0201FF383501" + bytes(400),
     "is a Fujifilm RAF camera RAW file, which cannot be printed directly", CONVERT),
    ("DSC_0004.orf", lambda: b"IIRO\x08\x00\x00\x00" + bytes(400),
     "is an Olympus ORF camera RAW file, which cannot be printed directly", CONVERT),
    ("DSC_0005.rw2", lambda: b"IIU\x00\x08\x00\x00\x00" + bytes(400),
     "is a Panasonic RW2 camera RAW file, which cannot be printed directly", CONVERT),
    ("DSC_0006.nef", tiff_raw, "is a Nikon NEF camera RAW file, which cannot be printed directly", CONVERT),
    ("DSC_0007.arw", tiff_raw, "is a Sony ARW camera RAW file, which cannot be printed directly", CONVERT),
    ("DSC_0008.tif", lambda: tiff_raw(t50706=(b"\x01\x04\x00\x00", 1)),
     "is a DNG camera RAW file, which cannot be printed directly", CONVERT),  # by its tag, whatever its name
    ("poster.jpg", lambda: b"%PDF-1.4\n" + bytes(200), "is a PDF document, which cannot be printed directly",
     "save the picture in it as JPEG, PNG or TIFF"),
]


@pytest.mark.parametrize(("name", "make", "message", "hint"), REFUSED, ids=[case[0] for case in REFUSED])
def test_a_file_that_cannot_print_stops_the_build_at_its_line(tmp_path: Path, name: str, make: Callable[[], bytes],
                                                              message: str, hint: str) -> None:
    project = project_of(tmp_path / "project", {name: make()})
    artist_yaml = project / "content" / "artists" / "anna-test" / "artist.yaml"
    line = next(i for i, text in enumerate(artist_yaml.read_text(encoding="utf-8").splitlines(), 1)
                if f"image: images/{name}" in text)
    out = tmp_path / "out.pdf"
    code, output = run("build", str(project), "--out", str(out), "--press", "digital", "--no-cache", "--jobs", "1",
                       "--quiet")
    assert code == 2, output
    shown = " ".join(output.split())  # as one line, however the console wrapped it
    expected = f"artist.yaml:{line}: image {name} {message}"
    assert expected in shown, output
    assert hint in shown.split(expected, 1)[1], output
    assert "Traceback" not in output
    assert not out.exists()


def test_a_jpeg_cut_short_is_seen_by_its_tail_and_never_passed_through(tmp_path: Path) -> None:
    whole = whole_jpeg()
    (tmp_path / "whole.jpg").write_bytes(whole)
    (tmp_path / "cut.jpg").write_bytes(cut(whole))
    (tmp_path / "padded.jpg").write_bytes(whole + b"\x00" * 100)
    assert probe.probe(tmp_path / "whole.jpg").passthrough
    assert probe.probe(tmp_path / "padded.jpg").passthrough
    info = probe.probe(tmp_path / "cut.jpg")
    assert (info.width, info.height, info.complete, info.passthrough) == (600, 400, False, False)
