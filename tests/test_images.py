"""Image probing and preparation: orientation, passthrough, re-encoding, unreadable files."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from helpers import artist_data, make_project, write_image
from PIL import Image

from catalog import images
from catalog.build import BuildOptions, build
from catalog.colour import Inks
from catalog.errors import ImageError
from catalog.press import ImageSpec

SPEC = ImageSpec(min_ppi=300, max_ppi=450, resample_to=350, quality=92)


def pdf_source(info: images.ImageInfo) -> str | io.BytesIO:
    """What an sRGB press embeds for the image placed at its native size at 300 ppi."""
    job = images.decide(info, info.width / 300 * 72, SPEC, Inks("rgb"))
    return str(info.path) if job is None else io.BytesIO(images.make(job).data)


def test_plain_srgb_jpeg_passes_through_unchanged(tmp_path: Path) -> None:
    path = write_image(tmp_path / "a.jpg", (300, 200))
    info = images.probe(path)
    assert (info.width, info.height, info.format, info.passthrough) == (300, 200, "JPEG", True)
    assert pdf_source(info) == str(path)


def test_exif_rotated_jpeg_is_measured_and_printed_upright(tmp_path: Path) -> None:
    image = Image.new("RGB", (300, 200), (0, 128, 0))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    image.save(tmp_path / "r.jpg", exif=exif)
    info = images.probe(tmp_path / "r.jpg")
    assert (info.width, info.height, info.orientation, info.passthrough) == (200, 300, 6, False)
    prepared = Image.open(pdf_source(info))
    assert prepared.format == "JPEG" and prepared.size == (200, 300)


def test_png_alpha_is_flattened_on_white_and_sent_as_jpeg(tmp_path: Path) -> None:
    Image.new("RGBA", (60, 40), (255, 0, 0, 0)).save(tmp_path / "clear.png")
    prepared = Image.open(pdf_source(images.probe(tmp_path / "clear.png")))
    assert prepared.format == "JPEG" and prepared.mode == "RGB"
    assert all(channel > 245 for channel in prepared.getpixel((30, 20)))


def test_sixteen_bit_grey_keeps_its_tone(tmp_path: Path) -> None:
    Image.new("I;16", (60, 40), 40000).save(tmp_path / "g16.png")
    prepared = Image.open(pdf_source(images.probe(tmp_path / "g16.png")))
    assert prepared.mode == "L" and abs(prepared.getpixel((5, 5)) - 156) <= 2


@pytest.mark.parametrize(("content", "phrase"), [
    (b"", "is empty (0 bytes)"),
    (b"this is not a picture", "is not an image format that can be read"),
])
def test_unreadable_files_are_image_errors(tmp_path: Path, content: bytes, phrase: str) -> None:
    path = tmp_path / "bad.jpg"
    path.write_bytes(content)
    with pytest.raises(ImageError) as caught:
        images.probe(path)
    (problem,) = caught.value.problems
    assert phrase in problem.message and "bad.jpg" in problem.message and problem.hint


def test_luminance_reads_the_named_region(tmp_path: Path) -> None:
    image = Image.new("RGB", (100, 100), (0, 0, 0))
    image.paste((255, 255, 255), (0, 50, 100, 100))  # light lower half
    image.save(tmp_path / "half.png")
    info = images.probe(tmp_path / "half.png")
    assert images.luminance(info, (0.0, 0.6, 1.0, 1.0)) > 0.9
    assert images.luminance(info, (0.0, 0.0, 1.0, 0.4)) < 0.1


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
