"""Black-only and one-ink-at-a-time output, read back from the built PDFs: the mono press (grey
only, stretched photographs, an optional dot screen stored losslessly) and the riso press (a
composite with spot inks as Separations, and one grey plate per ink that, overlaid, print the page)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from catalog.builder import BuildOptions, BuildResult, build
from catalog.errors import CatalogError
from catalog.specs.layouts import load_layout
from catalog.specs.press import load_press
from tests.support.pdfcheck import boxes, images, page_texts, render
from tests.support.projects import artist_data, make_project, write_yaml

PINK = (0xFF, 0x48, 0xB0)
NATIVE = "Ғалия Тестова"  # the opener's native name: the one text the layouts below print in pink
COLOUR_OPERATORS = {"rg", "RG", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"}


def low_contrast(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    """A grey-ish photo whose levels only span 100..150: a mono press should stretch it to 0..255."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.linear_gradient("L").resize(size).point(lambda v: 100 + v * 50 // 255)
    ImageDraw.Draw(image).ellipse((size[0] * 0.3, size[1] * 0.3, size[0] * 0.6, size[1] * 0.7), fill=140)
    Image.merge("RGB", (image, image, image.point(lambda v: v + 4))).save(path, quality=95)
    return path


def project_with(root: Path, layout: dict[str, object] | None = None) -> Path:
    """One artist with two works, the first full-bleed and low in contrast, the second on the cover
    too; `layout` is written as layouts/spot.yaml and used."""
    artist = artist_data("Galiya Test", works=2, bleed_first=True, name_native=NATIVE)
    low_contrast(root / "content/artists/galiya-test/images/work-1.jpg")
    project = make_project(root, {"galiya-test": artist}, catalog={
        "layout": "spot" if layout else "zine", "cover": {"image": "content/artists/galiya-test/images/work-2.jpg"}})
    if layout:
        write_yaml(project / "layouts/spot.yaml", layout)
    return project


def spot_layout(cover: str, title: str, subtitle: str, prints: dict[str, int]) -> dict[str, object]:
    """The zine, short, with a pink ink printing `prints` (the accent colour, in the opener's native
    name, and the cover or its title)."""
    return {
        "base": "zine", "name": "spot",
        "sections": ["cover", "artists", "back_cover"], "artist_sections": ["opener", "plates"],
        "colours": {"cover": cover, "title": title, "subtitle": subtitle, "text": "#000000", "accent": "#9a4a24"},
        "styles": {
            "cover_title": {"font": "text", "size": "28pt", "colour": "title"},
            "cover_subtitle": {"font": "text", "weight": "italic", "size": "11.5pt", "colour": "subtitle"},
            "opener_native": {"font": "text", "weight": "italic", "size": "13pt", "colour": "accent"},
        },
        "inks": {"pink": {"name": "Fluorescent Pink", "colour": "#ff48b0", "prints": prints}},
        # PDFium, which the overlay test below renders with, shows no overprint: a trap would look like opaque
        # pink over the photograph's edge. tests/prepress/test_riso_overprint.py checks traps with Ghostscript.
        "trap": "0mm",
    }


# Two riso designs: a pink cover under a photograph, solid black and 50 % grey type (the key ink over
# the spot: the pink plate knocks out under the grey and the photograph, and solid black overprints),
# and a grey cover under a pink title and paper-white type (the black plate knocks out).
RISO = {"pink-cover": spot_layout("#ffffff", "#000000", "#808080", {"accent": 100, "cover": 100}),
        "grey-cover": spot_layout("#4d4d4d", "#ffffff", "#ffffff", {"accent": 100, "title": 100})}


@pytest.fixture(scope="module")
def mono(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("mono")
    return build(project_with(root / "p"), BuildOptions(press="mono", out=root / "mono.pdf"))


@pytest.fixture(scope="module")
def halftone(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("halftone")
    return build(project_with(root / "p"), BuildOptions(press="mono-halftone", out=root / "ht.pdf"))


@pytest.fixture(scope="module", params=sorted(RISO))
def riso(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp(f"riso-{request.param}")
    return build(project_with(root / "p", RISO[request.param]), BuildOptions(press="riso", out=root / "riso.pdf"))


def operators(path: Path) -> set[str]:
    with pikepdf.open(path) as pdf:
        return {str(op) for page in pdf.pages for _, op in pikepdf.parse_content_stream(page)}


@dataclass(frozen=True)
class Stored:
    """An image XObject as the file holds it, and decoded."""

    space: str
    bits: int
    filters: tuple[str, ...]
    head: bytes
    picture: Image.Image


def stored(path: Path) -> list[Stored]:
    with pikepdf.open(path) as pdf:
        found = {image.objgen: image for page in pdf.pages for image in page.get_images().values()}
        out = []
        for stream in found.values():
            image = pikepdf.PdfImage(stream)
            out.append(Stored(str(stream.ColorSpace), image.bits_per_component, tuple(image.filters),
                              stream.read_raw_bytes()[:2], image.as_pil_image().copy()))
        return out


# --- mono ----------------------------------------------------------------------------------------

def test_mono_draws_in_grey_only(mono: BuildResult) -> None:
    found = operators(mono.pdf)
    assert {"g", "Tj"} <= found or {"g", "TJ"} <= found
    assert not found & COLOUR_OPERATORS
    spaces = {(image.space, image.bits) for image in stored(mono.pdf)}
    assert spaces == {("/DeviceGray", 8)}


def test_mono_stretches_a_low_contrast_photograph(mono: BuildResult, tmp_path: Path) -> None:
    """The first work spans levels 100..150 (300 x 200 pixels, kept at that size); printed as it is
    it would be a grey smudge. Every grey photograph runs from black to white."""
    ranges = {image.picture.size: image.picture.convert("L").getextrema() for image in stored(mono.pdf)}
    low, high = ranges[(300, 200)]
    assert low <= 5 and high >= 250, ranges
    assert all(low <= 5 and high >= 250 for low, high in ranges.values()), ranges
    # the same picture for an sRGB press keeps its narrow range: the stretch is the press's doing
    digital = build(project_with(tmp_path / "p"), BuildOptions(press="digital", out=tmp_path / "digital.pdf"))
    low, high = {image.picture.size: image.picture.convert("L").getextrema()
                 for image in stored(digital.pdf)}[(300, 200)]
    assert high - low < 70


def test_mono_ignores_spot_inks(tmp_path: Path) -> None:
    """A layout with a pink ink, for a photocopier: the pink text is simply grey."""
    result = build(project_with(tmp_path / "p", RISO["grey-cover"]), BuildOptions(press="mono", out=tmp_path / "m.pdf"))
    assert not operators(result.pdf) & COLOUR_OPERATORS
    assert result.separations == ()


def test_halftone_images_are_lossless_dots_at_the_screen_resolution(halftone: BuildResult) -> None:
    found = stored(halftone.pdf)
    assert found
    for image in found:
        assert image.filters == ("/FlateDecode",)
        assert (image.space, image.bits) == ("/DeviceGray", 1)
    for placed in images(halftone.pdf):
        assert placed.ppi == pytest.approx(600, abs=2)
    assert not operators(halftone.pdf) & COLOUR_OPERATORS


def test_halftone_keeps_the_tones(halftone: BuildResult) -> None:
    """Averaged over a few dots, the screen gives back the grey it was made from (stretched)."""
    for image in stored(halftone.pdf):
        grey = image.picture.convert("L")
        assert set(grey.getextrema()) == {0, 255}
        blurred = grey.reduce(20)  # one pixel per two dot cells
        low, high = blurred.getextrema()
        assert low < 40 and high > 215  # the stretched gradient runs from near black to near white
        middle = ImageStat.Stat(blurred).mean[0]
        assert 60 < middle < 200


# --- riso ----------------------------------------------------------------------------------------

def test_riso_writes_a_grey_plate_per_ink_with_the_composites_boxes(riso: BuildResult) -> None:
    names = [path.name for path in riso.separations]
    assert names == ["riso-plate-black.pdf", "riso-plate-pink.pdf"]
    composite = boxes(riso.pdf)
    for plate in riso.separations:
        assert boxes(plate) == composite
        assert not operators(plate) & COLOUR_OPERATORS
        for image in stored(plate):
            assert image.space == "/DeviceGray"
    assert stored(riso.separations[0]) and not stored(riso.separations[1])
    assert not list(riso.pdf.parent.glob(".*tmp"))


def test_riso_composite_draws_the_spot_ink_as_a_separation(riso: BuildResult) -> None:
    with pikepdf.open(riso.pdf) as pdf:
        spaces = [space for page in pdf.pages for space in page.Resources.get("/ColorSpace", {}).values()]
    assert spaces
    for space in spaces:  # the ink, its look in CMYK (no RGB in a grey job), and the marks on every drum
        assert [str(space[0]), str(space[1]), str(space[2])] in (
            ["/Separation", "/Fluorescent Pink", "/DeviceCMYK"], ["/Separation", "/All", "/DeviceGray"])
    assert {"g", "cs", "scn"} <= operators(riso.pdf)
    assert not operators(riso.pdf) & {"rg", "RG", "k", "K"}


def test_spot_text_prints_on_the_spot_plate_only(riso: BuildResult) -> None:
    composite = page_texts(riso.pdf)
    black, pink = (page_texts(plate) for plate in riso.separations)
    opener = next(number for number, text in enumerate(composite) if NATIVE in text)
    assert NATIVE in pink[opener]
    assert NATIVE not in "".join(black)
    assert "Galiya Test" in black[opener] and "Galiya Test" not in "".join(pink)  # solid black: not on pink


def test_plates_overlaid_reproduce_the_page(riso: BuildResult) -> None:
    """Each plate's grey is its ink's coverage; inks multiply on paper. The result must be the page
    the composite shows, pixel for pixel but for edges, and pink where the composite is pink."""
    worst = 0.0
    ink = shown_ink(riso)
    assert max(abs(a - b) for a, b in zip(ink, PINK, strict=True)) < 40  # the CMYK alternate looks pink
    for page in range(1, len(boxes(riso.pdf)) + 1):
        shown = render(riso.pdf, page, scale=50 / 72).convert("RGB")
        black, pink = (render(plate, page, scale=50 / 72).convert("L") for plate in riso.separations)
        printed = overlay([(black, (0, 0, 0)), (pink, ink)])
        assert printed.size == shown.size
        difference = ImageChops.difference(printed, shown)
        mean = sum(ImageStat.Stat(difference).mean) / 3
        worst = max(worst, mean)
        assert mean < 3, (page, mean)
        # and no shape is missing or doubled: a knockout left out leaves whole letters or an image wrong
        wrong = difference.convert("L").point(lambda v: 255 if v > 40 else 0)
        assert ImageStat.Stat(wrong).mean[0] / 255 < 0.001, (page, wrong.getbbox())
        pinkish = pink_mask(shown, ink)
        if pinkish.getbbox():
            carried = ImageStat.Stat(ImageChops.invert(pink), mask=pinkish).mean[0]
            assert carried > 200, (page, carried)  # where the composite is pink, the pink plate carries ink
    assert worst > 0  # the comparison saw real pixels


def overlay(plates: list[tuple[Image.Image, tuple[int, int, int]]]) -> Image.Image:
    """Paper under inks: out = Π (1 − coverage · (1 − ink)), coverage = 1 − plate grey."""
    out = Image.new("RGB", plates[0][0].size, (255, 255, 255))
    for plate, ink in plates:
        coverage = ImageChops.invert(plate)
        channels = [coverage.point(lambda c, v=v: round(255 - c * (255 - v) / 255)) for v in ink]
        out = ImageChops.multiply(out, Image.merge("RGB", channels))
    return out


def shown_ink(riso: BuildResult) -> tuple[int, int, int]:
    """The pink as the composite shows it at full strength (its CMYK alternate, as PDFium converts it):
    the composite, rendered fine, where the pink plate is solid and the black plate bare."""
    for page in range(1, len(boxes(riso.pdf)) + 1):
        shown = render(riso.pdf, page, scale=3).convert("RGB")
        black, pink = (render(plate, page, scale=3).convert("L") for plate in riso.separations)
        solid = ImageChops.multiply(pink.point(lambda v: 255 if v < 4 else 0),
                                    black.point(lambda v: 255 if v > 251 else 0))
        if solid.histogram()[255] >= 200:
            r, g, b = (int(v) for v in ImageStat.Stat(shown, mask=solid).median)
            return (r, g, b)
    raise AssertionError("no page prints solid pink alone")


def pink_mask(image: Image.Image, ink: tuple[int, int, int]) -> Image.Image:
    """Pixels close to the pink ink at full strength."""
    r, g, b = image.split()
    near = [channel.point(lambda v, want=want: 255 if abs(v - want) < 24 else 0)
            for channel, want in zip((r, g, b), ink, strict=True)]
    return ImageChops.multiply(ImageChops.multiply(near[0], near[1]), near[2])


def test_riso_builds_are_reproducible(riso: BuildResult, tmp_path: Path) -> None:
    project = riso.pdf.parent / "p"
    again = build(project, BuildOptions(press="riso", out=tmp_path / "riso.pdf"))
    assert again.pdf.read_bytes() == riso.pdf.read_bytes()
    for first, second in zip(riso.separations, again.separations, strict=True):
        assert first.read_bytes() == second.read_bytes()


# --- bad input -----------------------------------------------------------------------------------

def layout_problems(tmp_path: Path, inks: dict[str, object]) -> list[str]:
    project = project_with(tmp_path / "p", {"base": "zine", "name": "spot", "inks": inks})
    with pytest.raises(CatalogError) as caught:
        load_layout("spot", project)
    path = project / "layouts/spot.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    out = []
    for problem in caught.value.problems:
        assert problem.file == path
        out.append(f"{text[problem.line - 1].strip()} | {problem.message} | {problem.hint}")
    return out


def test_an_ink_naming_an_unknown_colour_points_at_its_line(tmp_path: Path) -> None:
    found = layout_problems(tmp_path, {"pink": {"colour": "#ff48b0", "prints": {"acent": 100}}})
    assert found == ["acent: 100 | ink 'pink' prints colour 'acent', which 'colours' does not define "
                     "| did you mean 'accent'?"]


def test_a_colour_in_two_inks_and_a_black_ink_are_refused(tmp_path: Path) -> None:
    found = layout_problems(tmp_path, {"pink": {"colour": "#ff48b0", "prints": {"accent": 100}},
                                       "teal": {"colour": "#00838a", "prints": {"accent": 50}},
                                       "black": {"colour": "#000000", "prints": {"text": 100}}})
    assert any(line.startswith("accent: 50 | colour 'accent' is printed by ink 'pink' already") for line in found)
    assert any("black is the ink everything else prints in" in line for line in found)
    assert len(found) == 2


def test_an_ink_needs_a_hex_colour(tmp_path: Path) -> None:
    found = layout_problems(tmp_path, {"pink": {"colour": "pink", "prints": {"accent": 100}}})
    assert len(found) == 1 and "'inks.pink.colour' has an unexpected form" in found[0]


def press_problems(tmp_path: Path, text: str) -> list[tuple[int | None, str]]:
    project = make_project(tmp_path / "p")
    (project / "presses").mkdir()
    (project / "presses/mine.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_press("mine", project)
    return [(problem.line, problem.message) for problem in caught.value.problems]


def test_halftone_and_separations_need_a_grey_press(tmp_path: Path) -> None:
    found = press_problems(tmp_path, "name: mine\nimages:\n  halftone: 60\nseparations: true\n")
    assert found == [(3, "'images.halftone' needs a grey press"), (4, "'separations' needs a grey press")]


def test_a_screen_too_fine_for_its_resolution_is_refused(tmp_path: Path) -> None:
    found = press_problems(tmp_path, "name: mine\nbase: mono\nimages:\n  halftone: 150\n  halftone_ppi: 600\n")
    assert found == [(5, "a 150 lpi screen needs at least 750 ppi, not 600: its dots would have too few pixels "
                         "to be round")]


def test_the_built_in_profiles_load(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    mono, screened, riso = (load_press(name, project) for name in ("mono", "mono-halftone", "riso"))
    assert (mono.colour.space, mono.images.halftone, mono.marks, mono.separations) == ("gray", None, False, False)
    assert (screened.images.halftone, screened.images.halftone_ppi) == (60, 600)
    assert (riso.colour.space, riso.separations, riso.marks) == ("gray", True, True)
    layout = load_layout("riso", project)
    assert [(ink.key, ink.name) for ink in layout.inks] == [("pink", "Fluorescent Pink")]
    assert layout.colours["accent"].spot and layout.colours["accent"].rgb == pytest.approx((1, 0x48 / 255, 0xB0 / 255))
    assert layout.styles["subheading"].colour == layout.colours["accent"]


def test_images_for_grey_and_colour_presses_do_not_share_cache_entries() -> None:
    from catalog.colour import Inks
    from catalog.images.prepare import Grey, Job
    colour = Job(Path("x.jpg"), None, False, Inks("rgb"), 90)
    grey = Job(Path("x.jpg"), None, False, Inks("gray"), 90, grey=Grey(0.5, 1.0))
    screened = Job(Path("x.jpg"), None, False, Inks("gray"), 90, grey=Grey(0.5, 1.0, 60))
    assert "grey" not in colour.settings()  # colour keys stay what they were
    assert len({str(job.settings()) for job in (colour, grey, screened)}) == 3


def test_halftone_data_round_trips_through_the_cache(tmp_path: Path) -> None:
    from catalog.images.cache import ImageCache
    from catalog.images.prepare import Made
    cache = ImageCache(tmp_path / "c")
    entry = cache.put("ab" * 20, Made(zlib.compress(bytes(16)), 16, 8, "gray", None, "flate", 1))  # 16 x 8 1-bit
    got = cache.get("ab" * 20)
    assert got == entry and (got.format, got.bits, got.path.suffix) == ("flate", 1, ".flate")
    assert cache.prune(0).entries == 1 and not list((tmp_path / "c").rglob("*.flate"))


def test_mono_photographs_are_grey_jpegs(mono: BuildResult) -> None:
    for image in stored(mono.pdf):
        assert (image.filters, image.head, image.picture.mode) == (("/DCTDecode",), b"\xff\xd8", "L")
