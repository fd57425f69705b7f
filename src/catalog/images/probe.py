"""Probing a photograph: its size, orientation, colour and soundness, before anything is decided about it."""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageCms, ImageStat, UnidentifiedImageError

from ..errors import ImageError, Problem
from ..model import Origin
from .decode import ROTATED, eight_bit, icc_name, open_upright, orientation, to_srgb
from .formats import CONVERT, DAMAGED, REEXPORT, raw_kind, unreadable
from .jpeg import HUFFMAN_DCT, DamagedImage, jpeg_frame, strict_pixels

if TYPE_CHECKING:
    pass


MAX_PIXELS = 300_000_000
"""More than any camera (150 MP medium format) or sensible scan. A file with more pixels is refused
before it is decoded: a decompression bomb (a few KB that decode to gigabytes) stops here."""
MAX_MEGAPIXELS = MAX_PIXELS // 1_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow itself warns above this and refuses above twice it

TOO_MANY = "has too many pixels to open safely"
_SHRINK = f"resize it below {MAX_MEGAPIXELS} megapixels"
BAD_DATA = (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError, TypeError, KeyError,
             ZeroDivisionError)
"""What Pillow's parsers and decoders raise on malformed files, besides the bomb error."""

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
    complete: bool = True  # a JPEG ends with its end-of-image marker (one cut short does not)
    clean: bool = True     # no decoder warning is known of it (`verify` tells; one with a warning is re-encoded)

    @property
    def srgb(self) -> bool:
        return self.icc_name is None or "srgb" in self.icc_name.lower().replace(" ", "")

    @property
    def passthrough(self) -> bool:
        """A plain sRGB or grey JPEG, upright, baseline (some RIPs stumble on progressive ones) and
        whole: its bytes go into the PDF unchanged. One that does not end where a JPEG ends is
        decoded instead (`make`), which reports it if it is cut short; so is one whose decoding
        gives a harmless warning (`verify`), since a RIP's decoder might not take it as calmly."""
        return (self.format == "JPEG" and self.mode in ("RGB", "L") and self.orientation == 1
                and self.srgb and not self.progressive and self.complete and self.clean)

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
    """Reads the header only (and, for a JPEG, the last few KB), never the pixels."""
    try:
        with warnings.catch_warnings():  # between MAX_PIXELS and twice it Pillow only warns: refused below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
        with image:
            return _examine(path, image, origin)
    except Image.DecompressionBombError:
        raise ImageError(_problem(path, origin, f"{TOO_MANY} (over {2 * MAX_MEGAPIXELS} megapixels; the limit "
                                  f"is {MAX_MEGAPIXELS})", _SHRINK)) from None
    except UnidentifiedImageError:
        raise ImageError(_problem(path, origin, *unreadable(path))) from None
    except OSError as exc:
        if exc.errno is not None:  # the file system's, not the decoder's: permissions, a folder...
            raise ImageError(_problem(path, origin, f"cannot be read ({exc.strerror or exc})",
                                      "check that the file can be opened")) from None
        raise ImageError(_problem(path, origin, f"{DAMAGED} ({exc})", REEXPORT)) from None
    except BAD_DATA as exc:
        raise ImageError(_problem(path, origin, f"{DAMAGED} ({detail(exc)})", REEXPORT)) from None


def _examine(path: Path, image: Image.Image, origin: Origin) -> ImageInfo:
    raw = raw_kind(path, image)
    if raw:
        raise ImageError(_problem(path, origin, f"is {raw}, which cannot be printed directly", CONVERT))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageError(_problem(path, origin, f"{TOO_MANY} ({width} × {height}, {width * height / 1e6:.0f} "
                                  f"megapixels; the limit is {MAX_MEGAPIXELS})", _SHRINK))
    if image.mode == "F":
        raise ImageError(_problem(path, origin, "is a 32-bit (floating-point or HDR) image, which cannot be "
                                  "printed directly", "save it as an 8- or 16-bit TIFF or as a JPEG"))
    if image.format == "JPEG":
        _holds_its_pixels(path, origin)
    turned = orientation(image)
    if turned in ROTATED and not _sized_upright(image):
        width, height = height, width
    return ImageInfo(path, width, height, image.format or "?", image.mode, turned,
                     icc_name(image.info.get("icc_profile")),
                     bool(image.info.get("progressive") or image.info.get("progression")),
                     _ends_whole(path) if image.format == "JPEG" else True)


def _sized_upright(image: Image.Image) -> bool:
    """Whether Pillow already gives the size as the image displays: it turns a TIFF by its
    orientation tag itself (recent versions), so its size is no longer the stored one."""
    if image.format != "TIFF":
        return False
    tags = getattr(image, "tag_v2", {})
    return (tags.get(256), tags.get(257)) != image.size


def _ends_whole(path: Path) -> bool:
    """Whether a JPEG ends with its end-of-image marker (FF D9), padding after it allowed: the
    cheap test for a file cut short, reading only its tail. Scan data cannot hold FF D9, so a
    file cut inside it does not end so; a file with data after the marker (a phone's motion
    photo) fails the test too, and is decoded and re-encoded rather than passed through."""
    with path.open("rb") as handle:
        size = handle.seek(0, io.SEEK_END)
        handle.seek(max(0, size - 4096))
        tail = handle.read().rstrip(b"\x00\xff\r\n\t ")
    return tail.endswith(b"\xff\xd9")


def _holds_its_pixels(path: Path, origin: Origin) -> None:
    """Refuses a JPEG whose header claims more pixels than its bytes could hold: a Huffman-coded
    block takes at least one bit (its DC code), so a file has at least a bit per minimum coded
    unit. A header edited or damaged to 17,000 × 17,000 over 16 × 16 pixels of data would
    otherwise decode to a flat grey plate. Arithmetic coding has no such floor: not judged here."""
    with path.open("rb") as handle:
        frame = jpeg_frame(handle)
        size = handle.seek(0, io.SEEK_END)
    if frame is not None and frame.marker in HUFFMAN_DCT and size * 8 < frame.mcus:
        raise ImageError(_problem(path, origin, f"{DAMAGED} (its header says {frame.width} × {frame.height} "
                                  f"pixels, but its {size:,} bytes cannot hold that many)", REEXPORT,
                                  code="damaged-image"))


@dataclass(frozen=True)
class Verdict:
    """What decoding a JPEG found, remembered by its content hash so a rebuild decodes it no more."""

    digest: str    # SHA-256 of the bytes judged
    width: int
    height: int
    warning: str   # "": decodes without a word; else a harmless warning that keeps it from passing through


def verify(path: Path) -> Verdict:
    """Decodes a JPEG that would go into the PDF byte for byte, all of it, at 1/8 scale (about a
    third of a full decode): Pillow passes damage over in silence and a RIP would print it grey.
    Size and hash come from the same bytes, so what was judged is what is named. Raises
    DamagedImage."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height, mode = image.width, image.height, image.mode
        _, warning = strict_pixels(data, "GRAY" if mode == "L" else "RGB", 1, 1)
    except DamagedImage:
        raise
    except (*BAD_DATA, UnidentifiedImageError) as first:  # TurboJPEG will not: Pillow's libjpeg may
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                width, height = image.size
        except (*BAD_DATA, UnidentifiedImageError) as exc:
            raise DamagedImage(f"{DAMAGED} ({detail(exc)})") from None
        warning = detail(first)
    return Verdict(digest, width, height, warning)


def detail(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _problem(path: Path, origin: Origin, what: str, hint: str, code: str = "") -> Problem:
    return Problem(f"image {path.name} {what}", origin.file or path, origin.line, hint, code=code)


def luminance(info: ImageInfo, box: tuple[float, float, float, float], origin: Origin = Origin()) -> float:
    """Mean lightness (0 dark to 1 light) of a part of the image, given as fractions
    (left, top, right, bottom): decides whether a caption laid over it is light or dark."""
    stat = info.path.stat()
    try:
        return _luminance(info.path, stat.st_mtime_ns, stat.st_size, box)
    except Image.DecompressionBombError:
        raise ImageError(_problem(info.path, origin, TOO_MANY, _SHRINK)) from None
    except DamagedImage as exc:
        raise ImageError(_problem(info.path, origin, str(exc), REEXPORT, code="damaged-image")) from None
    except (*BAD_DATA, ImageCms.PyCMSError) as exc:
        raise ImageError(_problem(info.path, origin, f"{DAMAGED} ({detail(exc)})", REEXPORT)) from None


@lru_cache(maxsize=256)
def _luminance(path: Path, _mtime: int, _size: int, box: tuple[float, float, float, float]) -> float:
    with open_upright(path, (256, 256), strict=False) as image:  # a glance: the image stage judges the file
        small = eight_bit(image)
        small.thumbnail((256, 256))
        small = to_srgb(small).convert("L")  # as it prints: transparency on white, profile applied
        w, h = small.size
        left, top, right, bottom = box
        region = small.crop((int(left * w), int(top * h), max(int(right * w), int(left * w) + 1),
                             max(int(bottom * h), int(top * h) + 1)))
        return ImageStat.Stat(region).mean[0] / 255.0
