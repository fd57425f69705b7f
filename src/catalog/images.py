"""Images: probing size, orientation and colour; deciding passthrough or re-encoding for the PDF."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageCms, ImageOps, ImageStat, UnidentifiedImageError

from . import colour
from .colour import Inks
from .errors import ImageError, Problem
from .model import Origin

if TYPE_CHECKING:
    from .press import ImageSpec

_ROTATED = {5, 6, 7, 8}
Image.MAX_IMAGE_PIXELS = 300_000_000  # larger than any camera; beyond it Pillow refuses (bombs)


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    width: int   # as it will print, after EXIF orientation
    height: int
    format: str
    mode: str
    orientation: int
    icc_name: str | None
    progressive: bool

    @property
    def srgb(self) -> bool:
        return self.icc_name is None or "srgb" in self.icc_name.lower().replace(" ", "")

    @property
    def passthrough(self) -> bool:
        """A plain sRGB or grey JPEG, upright: its bytes go into the PDF unchanged."""
        return (self.format == "JPEG" and self.mode in ("RGB", "L") and self.orientation == 1
                and self.srgb)

    def ppi(self, placed_width: float) -> float:
        """Effective resolution when printed `placed_width` points wide."""
        return self.width / (placed_width / 72.0) if placed_width > 0 else 0.0


def probe(path: Path, origin: Origin = Origin()) -> ImageInfo:
    stat = path.stat()
    if stat.st_size == 0:
        raise ImageError(_problem(path, origin, "is empty (0 bytes)", "copy it again from the original"))
    return _probe(path, stat.st_mtime_ns, stat.st_size, origin)


@lru_cache(maxsize=1024)
def _probe(path: Path, _mtime: int, _size: int, origin: Origin) -> ImageInfo:
    try:
        with Image.open(path) as image:
            orientation = int(image.getexif().get(0x0112, 1) or 1)
            width, height = image.size
            if orientation in _ROTATED:
                width, height = height, width
            return ImageInfo(path, width, height, image.format or "?", image.mode,
                             orientation if 1 <= orientation <= 8 else 1,
                             _icc_name(image.info.get("icc_profile")),
                             bool(image.info.get("progressive") or image.info.get("progression")))
    except Image.DecompressionBombError:
        raise ImageError(_problem(path, origin, "has too many pixels to open safely",
                                  "resize it below 300 megapixels")) from None
    except UnidentifiedImageError:
        raise ImageError(_problem(path, origin, "is not an image format that can be read",
                                  "save it as JPEG, PNG or TIFF (HEIC and camera RAW need converting)")) from None
    except OSError as exc:
        raise ImageError(_problem(path, origin, f"cannot be read ({exc})",
                                  "export the image again from its original")) from None


def _problem(path: Path, origin: Origin, what: str, hint: str) -> Problem:
    return Problem(f"image {path.name} {what}", origin.file or path, origin.line, hint)


def _icc_name(data: bytes | None) -> str | None:
    if not data:
        return None
    try:
        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip()
    except (ImageCms.PyCMSError, OSError, TypeError):
        return "unknown profile"


def _open_upright(path: Path, draft: tuple[int, int] | None = None) -> Image.Image:
    """A loaded, upright copy; the file is closed on return."""
    with Image.open(path) as image:
        if draft and image.format == "JPEG":
            image.draft(image.mode if image.mode in ("L", "CMYK") else "RGB", draft)
        upright = ImageOps.exif_transpose(image)
        upright.info.setdefault("icc_profile", image.info.get("icc_profile"))
        return upright


def luminance(info: ImageInfo, box: tuple[float, float, float, float]) -> float:
    """Mean lightness (0 dark to 1 light) of a part of the image, given as fractions
    (left, top, right, bottom): decides whether a caption laid over it is light or dark."""
    return _luminance(info.path, box)


@lru_cache(maxsize=256)
def _luminance(path: Path, box: tuple[float, float, float, float]) -> float:
    with _open_upright(path, (256, 256)) as image:
        small = image.convert("L")
        small.thumbnail((256, 256))
        w, h = small.size
        left, top, right, bottom = box
        region = small.crop((int(left * w), int(top * h), max(int(right * w), int(left * w) + 1),
                             max(int(bottom * h), int(top * h) + 1)))
        return ImageStat.Stat(region).mean[0] / 255.0


@dataclass
class Prepared:
    """What goes into the PDF for one placement, and what was done to get it."""

    source: str | io.BytesIO     # a path to embed unchanged, or JPEG bytes
    width: int                   # pixels embedded
    height: int
    space: str                   # 'rgb', 'gray' or 'cmyk'
    resampled: bool
    max_ink: int | None = None   # per cent, CMYK only


def prepare(info: ImageInfo, placed_width: float, spec: ImageSpec, inks: Inks, keep_rgb: bool = False) -> Prepared:
    """The file itself when it can pass through (an upright sRGB or grey JPEG, not above the
    press's maximum ppi, for an RGB press); otherwise a JPEG made for this press: upright,
    resampled to `spec.resample_to` when above `spec.max_ppi`, converted from its own ICC profile
    to sRGB or the press's CMYK under the ink limit. Never a decoded image: ReportLab would store
    it as Flate, about 9x larger."""
    target = _target_size(info, placed_width, spec)
    cmyk = inks.space == "cmyk" and not keep_rgb
    if not cmyk and info.passthrough and target is None:
        return Prepared(str(info.path), info.width, info.height, "gray" if info.mode == "L" else "rgb", False)
    with _open_upright(info.path, _draft_size(info, target)) as image:
        icc = image.info.get("icc_profile")
        if target and image.size != target:
            image = _resample(image, target)
            image.info["icc_profile"] = icc
        if cmyk:
            if image.mode not in ("RGB", "CMYK"):  # alpha, grey, palette, 16-bit: to sRGB first
                image, icc = _to_srgb(image), None
            converted = colour.image_to_cmyk(image, icc if _icc_name(icc) else None, inks)
            buffer, ink = _cmyk_jpeg(converted, inks.ink_limit, spec.quality)
        else:
            converted, ink = _to_srgb(image), None
            buffer = io.BytesIO()
            converted.save(buffer, "JPEG", quality=spec.quality, subsampling=0)
    buffer.seek(0)
    space = {"L": "gray", "CMYK": "cmyk"}.get(converted.mode, "rgb")
    return Prepared(buffer, converted.width, converted.height, space, target is not None, ink)


def _cmyk_jpeg(image: Image.Image, limit: int, quality: int) -> tuple[io.BytesIO, int]:
    """The JPEG of a CMYK image already held under `limit` per cent, and the highest total ink of
    its decoded pixels, in per cent. JPEG moves single pixels on dark, detailed images by more
    than the headroom the clamp keeps (20 units of 255 measured at quality 92), so the encoded
    result itself is measured, and clamped tighter by the overshoot until it keeps the limit."""
    ceiling = limit * 255 / 100
    clamped, budget = image, float(limit)
    for _ in range(4):
        buffer = io.BytesIO()
        clamped.save(buffer, "JPEG", quality=quality)
        buffer.seek(0)
        with Image.open(buffer) as decoded:
            ink = colour.max_ink(decoded)
        if ink <= ceiling:
            break
        budget -= (ink - ceiling) / 2.55 + 0.5
        clamped = colour.limit_image_ink(image, budget)  # type: ignore[arg-type]
    buffer.seek(0)
    return buffer, math.ceil(ink / 2.55) if ink > ceiling else round(ink / 2.55)


def _target_size(info: ImageInfo, placed_width: float, spec: ImageSpec) -> tuple[int, int] | None:
    """Pixel size at `spec.resample_to` when the image would print above `spec.max_ppi`; else None."""
    if placed_width <= 0 or info.ppi(placed_width) <= spec.max_ppi + 0.5:
        return None
    width = max(1, round(placed_width / 72.0 * spec.resample_to))
    height = max(1, round(width * info.height / info.width))
    return (width, height)


def _draft_size(info: ImageInfo, target: tuple[int, int] | None) -> tuple[int, int] | None:
    """The size asked of the JPEG decoder, in the file's own orientation (before EXIF rotation)."""
    if target is None:
        return None
    return (target[1], target[0]) if info.orientation in _ROTATED else target


def _resample(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.mode not in ("RGB", "L", "CMYK", "RGBA", "LA"):
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image: Image.Image) -> Image.Image:
    """Alpha flattened on white, embedded profiles converted (never just relabelled), 8-bit."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    name = _icc_name(icc)
    if name and "srgb" not in name.lower().replace(" ", "") and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    return image.convert("L") if image.mode == "L" else image.convert("RGB")
