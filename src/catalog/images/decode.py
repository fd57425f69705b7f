"""Decoding a photograph into upright 8-bit pixels, strictly: a damaged file is found, not printed half grey."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageOps

from .formats import DAMAGED
from .jpeg import WARNING, DamagedImage, strict_pixels

_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270,
              7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}
"""EXIF orientation to the turn that makes it upright, as ImageOps.exif_transpose does."""


def _decoded_jpeg(data: bytes, image: Image.Image, size: tuple[int, int] | None) -> tuple[Image.Image | None, str]:
    """An RGB or grey JPEG decoded strictly by libjpeg-turbo, pixel for pixel what Pillow's decoder
    gives at the DCT scale `Image.draft` would choose (the same library and settings: islow IDCT,
    fancy upsampling), and a harmless warning it gave. None when Pillow must decode it: CMYK (Pillow
    knows Adobe's inverted inks), a scale TurboJPEG would pick otherwise (tiny images), a file
    TurboJPEG does not decode at all. Every byte is judged first either way. Raises DamagedImage."""
    colorspace = {"L": "GRAY", "RGB": "RGB"}.get(image.mode)
    scale = 1
    if size and colorspace:
        want = (size[1], size[0]) if orientation(image) in ROTATED else size
        ratio = min(image.width // max(want[0], 1), image.height // max(want[1], 1))
        scale = next((s for s in (8, 4, 2) if ratio >= s), 1)  # as Image.draft picks it
    width, height = -(-image.width // scale), -(-image.height // scale)
    exact = all(-(-image.width * n // 8) < width or -(-image.height * n // 8) < height for n in range(1, 8 // scale))
    if colorspace is None or not exact:
        try:
            return None, strict_pixels(data, "RGB", 1, 1)[1]
        except DamagedImage:
            raise
        except ValueError:
            return None, ""
    try:
        pixels, warning = strict_pixels(data, colorspace, width, height)
    except DamagedImage:
        raise
    except ValueError:
        return None, ""
    if pixels.shape[:2] != (height, width):
        return None, warning
    decoded = Image.fromarray(pixels.reshape(height, width) if colorspace == "GRAY" else pixels)
    decoded.info["icc_profile"] = image.info.get("icc_profile")
    return decoded, warning


def _jpeg_data(source: Path | io.BytesIO) -> bytes | None:
    """The bytes of a JPEG (decoded from memory, by libjpeg-turbo), None for other formats."""
    if isinstance(source, io.BytesIO):
        data = source.getvalue()
        return data if data.startswith(b"\xff\xd8\xff") else None
    with source.open("rb") as handle:
        head = handle.read(3)
        return head + handle.read() if head == b"\xff\xd8\xff" else None


def open_upright(path: Path | io.BytesIO, size: tuple[int, int] | None = None, strict: bool = True) -> Image.Image:
    """A loaded, upright copy; the file is closed on return. With `size` (upright), a JPEG is
    decoded at the smallest DCT scale (1/2, 1/4, 1/8) still at least that size: the cheapest
    part of downsampling. A JPEG is decoded strictly (`_decoded_jpeg`): one libjpeg reports as
    damaged raises DamagedImage instead of coming back partly grey; a harmless warning is left in
    the image's info as WARNING. Not `strict`: Pillow alone, for a glance that prints nothing."""
    data = _jpeg_data(path) if strict else None
    with Image.open(io.BytesIO(data) if data is not None else path) as image:
        decoded, warning = _decoded_jpeg(data, image, size) if data is not None and image.format == "JPEG" \
            else (None, "")
        if decoded is not None:
            turn = _TRANSPOSE.get(orientation(image))
            upright = decoded.transpose(turn) if turn is not None else decoded
            upright.info[WARNING] = warning
            return upright
        if strict and image.format == "TIFF":
            _deflate_checks(image, path)
        if size and image.format == "JPEG":
            draft = (size[1], size[0]) if orientation(image) in ROTATED else size
            image.draft(image.mode if image.mode in ("L", "CMYK") else "RGB", draft)
        upright = ImageOps.exif_transpose(image)
        if image.format == "JPEG" and image.mode == "CMYK" and "adobe" not in image.info:
            # Pillow reads every CMYK JPEG as Adobe's kind, which stores the inks inverted and says
            # so (APP14); one without that marker stores them as they are
            upright = ImageChops.invert(upright)
        upright.info.setdefault("icc_profile", image.info.get("icc_profile"))
        upright.info[WARNING] = warning
        return upright


_DEFLATE = (8, 32946)  # TIFF Compression tag values for Adobe and old-style Deflate (zlib streams)


_CHUNK = 1 << 20


def _deflate_checks(image: Image.Image, source: Path | io.BytesIO) -> None:
    """Every strip or tile of a Deflate-compressed TIFF read through zlib, whose Adler-32 checksum
    catches a damaged stream: libtiff decodes about one in seven with a zero-filled stretch without
    a word (measured on 40 noise images), and the picture would print wrong. Raises DamagedImage."""
    tags = getattr(image, "tag_v2", {})
    if tags.get(259) not in _DEFLATE:
        return
    offsets, counts = tags.get(324) or tags.get(273), tags.get(325) or tags.get(279)
    if not isinstance(offsets, tuple) or not isinstance(counts, tuple):
        return
    handle = source if isinstance(source, io.BytesIO) else source.open("rb")
    try:
        for offset, count in zip(offsets, counts, strict=False):
            handle.seek(offset)
            stream, left = zlib.decompressobj(), count
            try:
                while left > 0 and not stream.eof:
                    chunk = handle.read(min(left, _CHUNK))
                    if not chunk:
                        break
                    left -= len(chunk)
                    data = chunk
                    while data and not stream.eof:  # output thrown away a MB at a time: memory stays flat
                        stream.decompress(data, _CHUNK)
                        data = stream.unconsumed_tail
            except zlib.error as exc:
                raise DamagedImage(f"{DAMAGED} (its compressed data does not check: {exc})") from None
            if not stream.eof:
                raise DamagedImage(f"{DAMAGED} (a compressed strip of it ends early)")
    finally:
        if handle is not source:
            handle.close()


_SRGB = ImageCms.createProfile("sRGB")


def to_srgb(image: Image.Image) -> Image.Image:
    """Alpha flattened on white (the paper), embedded profiles converted (never just relabelled),
    8-bit."""
    icc = image.info.get("icc_profile")
    image = eight_bit(image)
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        grey = image.mode in ("L", "LA", "La")
        rgba = image.convert("LA" if grey else "RGBA")
        flat = Image.new("L" if grey else "RGB", rgba.size, 255 if grey else (255, 255, 255))
        flat.paste(rgba.convert(flat.mode), mask=rgba.getchannel("A"))
        image = flat
    if image.mode not in ("RGB", "L", "CMYK"):  # palette, 1-bit, YCbCr, Lab
        image = image.convert("RGB")
    name = icc_name(icc)
    source = usable_profile(icc, image.mode)
    if source and name and "srgb" not in name.lower().replace(" ", ""):
        try:
            converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(source)), _SRGB,
                                                  outputMode="RGB")
            assert converted is not None  # None only when converting in place
            return converted
        except (ImageCms.PyCMSError, OSError):
            pass
    return image.convert("L") if image.mode == "L" else image.convert("RGB")


def eight_bit(image: Image.Image) -> Image.Image:
    """16-bit grey (I;16, or I as signed TIFFs and older Pillows give it) scaled to 8 bits: Pillow's
    own conversion clips at 255."""
    if image.mode not in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        return image
    info = dict(image.info)
    if image.mode != "I":
        image = image.convert("I")
    scaled = image.point(lambda v: v / 256).convert("L")
    scaled.info.update((key, value) for key, value in info.items() if key != "transparency")
    return scaled


_PROFILE_SPACES = {"RGB": "RGB", "RGBA": "RGB", "CMYK": "CMYK", "L": "GRAY", "LA": "GRAY"}


def usable_profile(icc: bytes | None, mode: str) -> bytes | None:
    """The embedded profile when it can be read and is for the image's colour space; else None
    (the image is taken as sRGB, or as the press's CMYK): a grey profile left on an RGB image, or
    a damaged one, must not stop the build."""
    if not icc:
        return None
    try:
        found = ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile
        space, kind = found.xcolor_space.strip().upper(), found.device_class.strip()
    except (ImageCms.PyCMSError, OSError, TypeError, ValueError, AttributeError):
        return None
    if kind in ("link", "abst", "nmcl"):  # device links, abstract and named-colour profiles describe no image
        return None
    return icc if _PROFILE_SPACES.get(mode) == space else None


ROTATED = {5, 6, 7, 8}


def orientation(image: Image.Image) -> int:
    """The EXIF orientation, 1 (as stored) when missing or not one of the eight."""
    try:
        value = int(image.getexif().get(0x0112, 1) or 1)
    except (TypeError, ValueError):
        return 1
    return value if 1 <= value <= 8 else 1


def icc_name(data: bytes | None) -> str | None:
    if not data:
        return None
    try:
        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip()
    except (ImageCms.PyCMSError, OSError, TypeError):
        return "unknown profile"
