"""Image probing and preparation: orientation, passthrough, re-encoding, unreadable files."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from catalog.builder import BuildOptions, build
from catalog.colour import Inks
from catalog.errors import ImageError
from catalog.images import decode, jpeg, prepare, probe
from catalog.specs.press import ImageSpec
from tests.support.projects import artist_data, make_project, write_image

SPEC = ImageSpec(min_ppi=300, max_ppi=450, resample_to=350, quality=92)


def pdf_source(info: probe.ImageInfo) -> str | io.BytesIO:
    """What an sRGB press embeds for the image placed at its native size at 300 ppi."""
    job = prepare.decide(info, info.width / 300 * 72, SPEC, Inks("rgb"))
    return str(info.path) if job is None else io.BytesIO(prepare.make(job).data)


def test_plain_srgb_jpeg_passes_through_unchanged(tmp_path: Path) -> None:
    path = write_image(tmp_path / "a.jpg", (300, 200))
    info = probe.probe(path)
    assert (info.width, info.height, info.format, info.passthrough) == (300, 200, "JPEG", True)
    assert pdf_source(info) == str(path)


def test_exif_rotated_jpeg_is_measured_and_printed_upright(tmp_path: Path) -> None:
    image = Image.new("RGB", (300, 200), (0, 128, 0))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    image.save(tmp_path / "r.jpg", exif=exif)
    info = probe.probe(tmp_path / "r.jpg")
    assert (info.width, info.height, info.orientation, info.passthrough) == (200, 300, 6, False)
    prepared = Image.open(pdf_source(info))
    assert prepared.format == "JPEG" and prepared.size == (200, 300)


def test_png_alpha_is_flattened_on_white_and_sent_as_jpeg(tmp_path: Path) -> None:
    Image.new("RGBA", (60, 40), (255, 0, 0, 0)).save(tmp_path / "clear.png")
    prepared = Image.open(pdf_source(probe.probe(tmp_path / "clear.png")))
    assert prepared.format == "JPEG" and prepared.mode == "RGB"
    assert all(channel > 245 for channel in prepared.getpixel((30, 20)))


def test_sixteen_bit_grey_keeps_its_tone(tmp_path: Path) -> None:
    Image.new("I;16", (60, 40), 40000).save(tmp_path / "g16.png")
    prepared = Image.open(pdf_source(probe.probe(tmp_path / "g16.png")))
    assert prepared.mode == "L" and abs(prepared.getpixel((5, 5)) - 156) <= 2


@pytest.mark.parametrize(("content", "phrase"), [
    (b"", "is empty (0 bytes)"),
    (b"this is not a picture", "is not an image format that can be read"),
])
def test_unreadable_files_are_image_errors(tmp_path: Path, content: bytes, phrase: str) -> None:
    path = tmp_path / "bad.jpg"
    path.write_bytes(content)
    with pytest.raises(ImageError) as caught:
        probe.probe(path)
    (problem,) = caught.value.problems
    assert phrase in problem.message and "bad.jpg" in problem.message and problem.hint


def test_luminance_reads_the_named_region(tmp_path: Path) -> None:
    image = Image.new("RGB", (100, 100), (0, 0, 0))
    image.paste((255, 255, 255), (0, 50, 100, 100))  # light lower half
    image.save(tmp_path / "half.png")
    info = probe.probe(tmp_path / "half.png")
    assert probe.luminance(info, (0.0, 0.6, 1.0, 1.0)) > 0.9
    assert probe.luminance(info, (0.0, 0.0, 1.0, 0.4)) < 0.1


def test_converted_images_are_embedded_as_jpeg_not_flate(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=1)
    data["works"][0]["image"] = "images/work-1.png"
    project = make_project(tmp_path / "p", {"anna-test": data})
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (200, 120, 40)).save(buffer, "PNG")
    (project / "content/artists/anna-test/images/work-1.png").write_bytes(buffer.getvalue())
    result = build(project, BuildOptions(out=tmp_path / "out.pdf"))
    with pikepdf.open(result.pdf) as pdf:
        streams = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        found = [obj.get("/Filter") for obj in streams]
        filters = {str(name) for f in found for name in (f if isinstance(f, pikepdf.Array) else [f])}
    assert streams and filters == {"/DCTDecode"}


def test_a_broken_image_stops_the_build_with_its_yaml_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=2)})
    (project / "content/artists/anna-test/images/work-2.jpg").write_bytes(b"\xff\xd8\xff truncated")
    with pytest.raises(ImageError) as caught:
        build(project, BuildOptions(out=tmp_path / "out.pdf"))
    (problem,) = caught.value.problems
    assert problem.file and problem.file.name == "artist.yaml" and problem.line
    assert "work-2.jpg" in problem.message
    assert not (tmp_path / "out.pdf").exists()


# --- decoding JPEGs strictly (issue 19, item 8) -------------------------------------------------------

def grainy(size: tuple[int, int] = (600, 400), mode: str = "RGB", **save: object) -> bytes:
    """The same bytes every run: Image.effect_noise is not seeded."""
    noise = Image.frombytes("L", size, random.Random(7).randbytes(size[0] * size[1])).convert("RGB")
    picture = Image.blend(Image.linear_gradient("L").resize(size).convert("RGB"), noise, 0.4).convert(mode)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, **save)
    return buffer.getvalue()


def pillow_decode(path: Path, size: tuple[int, int] | None) -> Image.Image:
    """What Pillow alone gives: the decoding `make` had before it decoded strictly."""
    with Image.open(path) as image:
        if size:
            image.draft(image.mode, (size[1], size[0]) if decode.orientation(image) in (5, 6, 7, 8) else size)
        from PIL import ImageOps
        return ImageOps.exif_transpose(image)


@pytest.mark.parametrize("kind", ["420", "444", "grey", "progressive", "rotated", "tiny"])
@pytest.mark.parametrize("size", [None, (300, 200), (150, 100), (70, 50)])
def test_strict_decoding_gives_pillows_pixels(tmp_path: Path, kind: str, size: tuple[int, int] | None) -> None:
    """The cache keys of images made before stay right: same pixels at every DCT scale."""
    save: dict[str, object] = {"444": {"subsampling": 0}, "progressive": {"progressive": True}}.get(kind, {})
    if kind == "rotated":
        exif = Image.Exif()
        exif[0x0112] = 6
        save["exif"] = exif
    data = grainy((5, 3) if kind == "tiny" else (600, 400), "L" if kind == "grey" else "RGB", **save)
    path = tmp_path / "a.jpg"
    path.write_bytes(data)
    strict = decode.open_upright(path, size)
    plain = pillow_decode(path, size)
    assert (strict.mode, strict.size) == (plain.mode, plain.size)
    assert strict.tobytes() == plain.tobytes()


@pytest.mark.parametrize(("damage", "said"), [
    ("zeros", "(2,000 zero bytes in a row inside its picture data, which its own Huffman tables cannot have "
              "written: a stretch of it was lost and zero-filled)"),
    ("zero-filled", "("),  # the rest of the file zeros: a run of zeros, or data left over, as it falls
    ("left-over", "(part of its data is left over after the picture; libjpeg: Corrupt JPEG data: "),
    ("cut-then-end-marker", "(its data ends before the picture does; libjpeg: Corrupt JPEG data: premature end "
                            "of data segment)"),
])
def test_a_jpeg_damaged_inside_is_not_made_into_a_grey_one(tmp_path: Path, damage: str, said: str) -> None:
    data = grainy()
    middle = len(data) // 2
    path = tmp_path / "a.jpg"
    if damage == "zeros":
        path.write_bytes(data[:middle] + bytes(2000) + data[middle + 2000:])
    elif damage == "left-over":
        path.write_bytes(data[:-2] + bytes(range(1, 101)) + b"\xff\xd9")
    else:
        path.write_bytes(data[:middle] + (bytes(len(data) - middle - 2) if damage == "zero-filled" else b"")
                         + b"\xff\xd9")
    made = prepare.make_or_fail(prepare.Job(path, (300, 200), False, Inks("rgb"), 90))
    assert isinstance(made, str) and made.startswith(f"cannot be decoded: it is damaged or cut short {said}")
    with pytest.raises(jpeg.DamagedImage):
        probe.verify(path)


def test_flat_pictures_with_optimised_tables_are_not_taken_for_zero_filled(tmp_path: Path) -> None:
    """Optimised tables may code a flat block as all zeros: a white background is long runs of them."""
    picture = Image.new("RGB", (1600, 1200), (255, 255, 255))
    picture.paste((200, 30, 30), (100, 100, 300, 300))
    for optimize in (False, True):
        picture.save(tmp_path / "flat.jpg", quality=90, optimize=optimize)
        assert probe.verify(tmp_path / "flat.jpg").warning == ""


def test_a_header_claiming_more_pixels_than_the_file_can_hold_is_refused_by_probe(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 10, 10)).save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    at = data.index(b"\xff\xc0")
    data[at + 5:at + 9] = (17000).to_bytes(2, "big") * 2
    (tmp_path / "big.jpg").write_bytes(bytes(data))
    with pytest.raises(ImageError) as caught:
        probe.probe(tmp_path / "big.jpg")
    (problem,) = caught.value.problems
    assert problem.message == (f"image big.jpg cannot be decoded: it is damaged or cut short (its header says "
                               f"17000 × 17000 pixels, but its {len(data):,} bytes cannot hold that many)")
    assert problem.code == "damaged-image"


@pytest.mark.parametrize("harmless", ["stray bytes", "JFIF 2.01", "sequential scan parameters"])
def test_harmless_decoder_warnings_are_stepped_around(tmp_path: Path, harmless: str) -> None:
    """Each is skipped by libjpeg with a warning that would hide damage after it: a copy without
    them is decoded, so the photo is judged whole; the warning is kept, so the file is re-encoded
    from its pixels rather than handed to a RIP with its damaged structure (issue 18)."""
    data = bytearray(grainy())
    if harmless == "stray bytes":
        at = data.index(b"\xff\xdb")
        data[at:at] = b"\x00\x13\x37"
    elif harmless == "JFIF 2.01":
        data[data.index(b"JFIF\x00") + 5] = 2
    else:
        sos = data.index(b"\xff\xda")
        data[sos + 2 + int.from_bytes(data[sos + 2:sos + 4], "big") - 2] = 0x3E  # Se = 62
    path = tmp_path / "a.jpg"
    path.write_bytes(bytes(data))
    verdict = probe.verify(path)
    assert (verdict.width, verdict.height) == (600, 400) and verdict.warning
    broken = bytes(data[:len(data) // 2]) + b"\xff\xd9"
    path.write_bytes(broken)
    with pytest.raises(jpeg.DamagedImage):  # damage after the harmless part is still seen
        probe.verify(path)


def test_the_frame_header_is_read_past_large_segments(tmp_path: Path) -> None:
    data = grainy((64, 48), icc_profile=b"\x00" * 60_000)
    frame = jpeg.jpeg_frame(io.BytesIO(data))
    assert frame is not None and (frame.width, frame.height, frame.components) == (64, 48, 3)
    assert jpeg.jpeg_frame(io.BytesIO(b"\xff\xd8\xff\xe0\x00")) is None
    assert jpeg.jpeg_frame(io.BytesIO(b"GIF89a")) is None


@pytest.mark.parametrize("seed", [0, 2, 11])  # noise that libtiff decodes without a word once zero-filled
def test_a_deflate_tiff_zero_filled_in_the_middle_is_refused(tmp_path: Path, seed: int) -> None:
    generator = random.Random(seed)
    noise = bytes(min(255, max(0, int(generator.gauss(128, 40)))) for _ in range(300 * 200))
    buffer = io.BytesIO()
    Image.frombytes("L", (300, 200), noise).convert("RGB").save(buffer, "TIFF", compression="tiff_deflate")
    data = buffer.getvalue()
    middle = len(data) // 2
    path = tmp_path / "zeroed.tif"
    path.write_bytes(data[:middle] + bytes(2000) + data[middle + 2000:])
    with Image.open(path) as pillow:
        pillow.load()  # the defect: Pillow (libtiff) decodes it, and it would print wrong
    job = prepare.Job(path, None, False, Inks(), 90)
    result = prepare.make_or_fail(job)
    assert isinstance(result, str) and "compressed data does not check" in result
