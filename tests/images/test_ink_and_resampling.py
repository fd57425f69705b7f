"""Issue 18 on real photographs (scikit-image's sample images): converted CMYK images keep the press's
ink limit as decoded, `catalog check` and the build agree, black-and-white photographs print on black
alone, and resampled images land at or above their target resolution."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops

from catalog import colour
from catalog.builder import BuildOptions, build, check
from catalog.images import prepare
from catalog.images.probe import probe
from catalog.specs.press import load_press
from tests.support import pdfcheck
from tests.support.projects import add_press, artist_data, make_project

data = pytest.importorskip("skimage.data")  # the test extra; its sample photographs ship in the wheel
SAMPLES = Path(data.__file__).parent
# Camera and scanner files, colour and black and white, dark and detailed (the ones JPEG overshot on)
PHOTOS = ("astronaut.png", "coffee.png", "chelsea.png", "hubble_deep_field.jpg", "rocket.jpg", "camera.png",
          "moon.png")
GREY = ("camera.png", "moon.png")


def photo_project(root: Path, press: str = "offset") -> Path:
    """One artist whose works are the sample photographs, as they are."""
    folder = root / "content" / "artists" / "anna-test" / "images"
    folder.mkdir(parents=True)
    for name in PHOTOS:
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    artist = artist_data("Anna Test", works=len(PHOTOS))
    for work, name in zip(artist["works"], PHOTOS, strict=True):
        work["image"] = f"images/{name}"
    return make_project(root, {"anna-test": artist}, catalog={"press": press})


def cmyk_images(pdf_path: Path) -> list[Image.Image]:
    """Every DeviceCMYK image in the file, decoded as a RIP would: DCT by libjpeg, Flate samples
    under the Decode array [1 0 1 0 1 0 1 0] the file gives them."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        for obj in pdf.objects:
            if not (isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
                    and obj.get("/ColorSpace") == "/DeviceCMYK"):
                continue
            raw = bytes(obj.read_raw_bytes())
            size = (int(obj.Width), int(obj.Height))
            if obj.get("/Filter") == "/DCTDecode":
                with Image.open(io.BytesIO(raw)) as image:
                    image.load()
                    found.append(image)
            else:
                assert [float(v) for v in obj.Decode] == [1, 0] * 4
                found.append(ImageChops.invert(Image.frombytes("CMYK", size, zlib.decompress(raw))))
    return found


def test_real_photos_keep_the_ink_limit_after_decoding_and_check_agrees(tmp_path: Path) -> None:
    root = photo_project(tmp_path / "p")
    result = build(root, BuildOptions(out=tmp_path / "out.pdf", jobs=1))
    limit = load_press("offset", root).colour.ink_limit
    images = cmyk_images(result.pdf)
    assert len(images) == len(PHOTOS)
    assert max(colour.max_ink(image) for image in images) <= colour.image_ink_ceiling(limit)
    # the grey photographs are on black alone: C, M and Y zero after decoding
    on_black = [image for image in images if all(band.getextrema() == (0, 0) for band in image.split()[:3])]
    assert len(on_black) == len(GREY)
    found = [f.message for f in result.findings if f.code == "ink-limit"]
    checked = [f.message for f in check(root, BuildOptions(press="offset")).findings if f.code == "ink-limit"]
    assert found == checked == []


@pytest.mark.parametrize("quality", [92, 60])
def test_the_encoded_pixels_keep_the_limit_at_any_quality(quality: int) -> None:
    """Astronaut at 92 overshot 300 % by a unit after the old four clamped encodings (301 % reported)."""
    inks = load_press("offset", Path.cwd()).colour.inks()
    made = prepare.make(prepare.Job(SAMPLES / "astronaut.png", None, True, inks, quality))
    decoded = (Image.open(io.BytesIO(made.data)) if made.format == "jpeg"
               else ImageChops.invert(Image.frombytes("CMYK", (made.width, made.height), zlib.decompress(made.data))))
    ceiling = colour.image_ink_ceiling(300) - prepare.DECODER_MARGIN
    assert colour.max_ink(decoded) <= ceiling and made.max_ink is not None and made.max_ink <= 300


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_a_black_and_white_photo_prints_on_black_only(tmp_path: Path, mode: str) -> None:
    """Grey, or grey stored as RGB (a scan): C = M = Y = 0, where it was C23 M19 Y18 K60 on average."""
    source = tmp_path / "camera.jpg"
    Image.open(SAMPLES / "camera.png").convert(mode).save(source, quality=90)
    inks = load_press("offset", Path.cwd()).colour.inks()
    made = prepare.make(prepare.Job(source, None, True, inks, 92))
    with Image.open(io.BytesIO(made.data)) as image:
        c, m, y, k = image.split()
        assert c.getextrema() == m.getextrema() == y.getextrema() == (0, 0)
        assert k.getextrema()[1] > 200


def test_a_colour_photo_is_not_taken_for_grey() -> None:
    inks = load_press("offset", Path.cwd()).colour.inks()
    made = prepare.make(prepare.Job(SAMPLES / "coffee.png", None, True, inks, 92))
    with Image.open(io.BytesIO(made.data)) as image:
        assert image.getchannel("M").getextrema()[1] > 100


@pytest.mark.parametrize("width", [100.0, 141.7, 170.08, 255.12, 287.3, 311.81])
def test_the_resampled_size_is_at_or_above_the_target_ppi(width: float) -> None:
    spec = load_press("offset", Path.cwd()).images
    info = probe(SAMPLES / "astronaut.png")
    small = prepare._target_size(info, width / 4, spec)  # 512 px across: above max_ppi
    assert small is not None
    assert small[0] / (width / 4 / 72) >= spec.resample_to
    assert small[1] / (width / 4 * info.height / info.width / 72) >= spec.resample_to


def test_every_resampled_image_prints_at_or_above_its_target(tmp_path: Path) -> None:
    root = photo_project(tmp_path / "p", press="dense")
    # the photos fill most of a page: at a low target every one is resampled, and small (fast)
    add_press(root, "dense", "base: digital\nname: dense\nimages: {min_ppi: 40, max_ppi: 55, resample_to: 50}\n")
    result = build(root, BuildOptions(out=tmp_path / "out.pdf", jobs=1))
    placed = pdfcheck.images(result.pdf)
    assert len(placed) >= len(PHOTOS) and all(image.ppi < 55 for image in placed)  # all resampled
    assert min(image.ppi for image in placed) >= 50


def test_a_jpeg_that_keeps_overshooting_is_stored_losslessly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guarantee's last step: the clamped pixels themselves, zlib-compressed, inverted like Adobe's JPEGs."""
    monkeypatch.setattr(prepare, "ATTEMPTS", 0)
    inks = load_press("offset", Path.cwd()).colour.inks()
    made = prepare.make(prepare.Job(SAMPLES / "astronaut.png", None, True, inks, 92))
    assert made.format == "flate" and made.max_ink is not None and made.max_ink <= 300
    samples = Image.frombytes("CMYK", (made.width, made.height), zlib.decompress(made.data))
    assert colour.max_ink(ImageChops.invert(samples)) <= colour.image_ink_ceiling(300)
