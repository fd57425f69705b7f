"""Images: probing size, orientation and colour; deciding passthrough or re-encoding for the PDF."""

from __future__ import annotations

import hashlib
import io
import math
import struct
import warnings
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageCms, ImageOps, ImageStat, UnidentifiedImageError

from . import colour
from .colour import Inks
from .errors import ImageError, Problem
from .imageformats import CONVERT, DAMAGED, REEXPORT, raw_kind, unreadable
from .jpeg import HUFFMAN_DCT, WARNING, DamagedImage, jpeg_frame, strict_pixels
from .model import Origin

if TYPE_CHECKING:
    from .press import ImageSpec

_ROTATED = {5, 6, 7, 8}

MAX_PIXELS = 300_000_000
"""More than any camera (150 MP medium format) or sensible scan. A file with more pixels is refused
before it is decoded: a decompression bomb (a few KB that decode to gigabytes) stops here."""
MAX_MEGAPIXELS = MAX_PIXELS // 1_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow itself warns above this and refuses above twice it

_TOO_MANY = "has too many pixels to open safely"
_SHRINK = f"resize it below {MAX_MEGAPIXELS} megapixels"
_BAD_DATA = (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError, TypeError, KeyError,
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
        raise ImageError(_problem(path, origin, f"{_TOO_MANY} (over {2 * MAX_MEGAPIXELS} megapixels; the limit "
                                  f"is {MAX_MEGAPIXELS})", _SHRINK)) from None
    except UnidentifiedImageError:
        raise ImageError(_problem(path, origin, *unreadable(path))) from None
    except OSError as exc:
        if exc.errno is not None:  # the file system's, not the decoder's: permissions, a folder...
            raise ImageError(_problem(path, origin, f"cannot be read ({exc.strerror or exc})",
                                      "check that the file can be opened")) from None
        raise ImageError(_problem(path, origin, f"{DAMAGED} ({exc})", REEXPORT)) from None
    except _BAD_DATA as exc:
        raise ImageError(_problem(path, origin, f"{DAMAGED} ({_detail(exc)})", REEXPORT)) from None


def _examine(path: Path, image: Image.Image, origin: Origin) -> ImageInfo:
    raw = raw_kind(path, image)
    if raw:
        raise ImageError(_problem(path, origin, f"is {raw}, which cannot be printed directly", CONVERT))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageError(_problem(path, origin, f"{_TOO_MANY} ({width} × {height}, {width * height / 1e6:.0f} "
                                  f"megapixels; the limit is {MAX_MEGAPIXELS})", _SHRINK))
    if image.mode == "F":
        raise ImageError(_problem(path, origin, "is a 32-bit (floating-point or HDR) image, which cannot be "
                                  "printed directly", "save it as an 8- or 16-bit TIFF or as a JPEG"))
    if image.format == "JPEG":
        _holds_its_pixels(path, origin)
    orientation = _orientation(image)
    if orientation in _ROTATED and not _sized_upright(image):
        width, height = height, width
    return ImageInfo(path, width, height, image.format or "?", image.mode, orientation,
                     _icc_name(image.info.get("icc_profile")),
                     bool(image.info.get("progressive") or image.info.get("progression")),
                     _ends_whole(path) if image.format == "JPEG" else True)


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation, 1 (as stored) when missing or not one of the eight."""
    try:
        value = int(image.getexif().get(0x0112, 1) or 1)
    except (TypeError, ValueError):
        return 1
    return value if 1 <= value <= 8 else 1


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
        want = (size[1], size[0]) if _orientation(image) in _ROTATED else size
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
    except (*_BAD_DATA, UnidentifiedImageError) as first:  # TurboJPEG will not: Pillow's libjpeg may
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                width, height = image.size
        except (*_BAD_DATA, UnidentifiedImageError) as exc:
            raise DamagedImage(f"{DAMAGED} ({_detail(exc)})") from None
        warning = _detail(first)
    return Verdict(digest, width, height, warning)


def _detail(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _problem(path: Path, origin: Origin, what: str, hint: str, code: str = "") -> Problem:
    return Problem(f"image {path.name} {what}", origin.file or path, origin.line, hint, code=code)


def _icc_name(data: bytes | None) -> str | None:
    if not data:
        return None
    try:
        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip()
    except (ImageCms.PyCMSError, OSError, TypeError):
        return "unknown profile"


def _open_upright(path: Path | io.BytesIO, size: tuple[int, int] | None = None, strict: bool = True) -> Image.Image:
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
            turn = _TRANSPOSE.get(_orientation(image))
            upright = decoded.transpose(turn) if turn is not None else decoded
            upright.info[WARNING] = warning
            return upright
        if strict and image.format == "TIFF":
            _deflate_checks(image, path)
        if size and image.format == "JPEG":
            draft = (size[1], size[0]) if _orientation(image) in _ROTATED else size
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


def luminance(info: ImageInfo, box: tuple[float, float, float, float], origin: Origin = Origin()) -> float:
    """Mean lightness (0 dark to 1 light) of a part of the image, given as fractions
    (left, top, right, bottom): decides whether a caption laid over it is light or dark."""
    stat = info.path.stat()
    try:
        return _luminance(info.path, stat.st_mtime_ns, stat.st_size, box)
    except Image.DecompressionBombError:
        raise ImageError(_problem(info.path, origin, _TOO_MANY, _SHRINK)) from None
    except DamagedImage as exc:
        raise ImageError(_problem(info.path, origin, str(exc), REEXPORT, code="damaged-image")) from None
    except (*_BAD_DATA, ImageCms.PyCMSError) as exc:
        raise ImageError(_problem(info.path, origin, f"{DAMAGED} ({_detail(exc)})", REEXPORT)) from None


@lru_cache(maxsize=256)
def _luminance(path: Path, _mtime: int, _size: int, box: tuple[float, float, float, float]) -> float:
    with _open_upright(path, (256, 256), strict=False) as image:  # a glance: the image stage judges the file
        small = _eight_bit(image)
        small.thumbnail((256, 256))
        small = _to_srgb(small).convert("L")  # as it prints: transparency on white, profile applied
        w, h = small.size
        left, top, right, bottom = box
        region = small.crop((int(left * w), int(top * h), max(int(right * w), int(left * w) + 1),
                             max(int(bottom * h), int(top * h) + 1)))
        return ImageStat.Stat(region).mean[0] / 255.0


@dataclass
class Prepared:
    """What goes into the PDF for one placement, and what was done to get it."""

    source: str                  # the JPEG that goes into the PDF byte for byte: the file or a cache entry
    width: int                   # pixels embedded
    height: int
    space: str                   # 'rgb', 'gray' or 'cmyk'
    resampled: bool
    max_ink: int | None = None   # per cent, CMYK only
    name: str = ""               # the PDF resource's name, the same from build to build: see `resource_name`
    format: str = "jpeg"         # 'jpeg' (DCTDecode) or 'flate': zlib-compressed samples, for halftones
    bits: int = 8                # bits per sample: 1 for a halftone

    @property
    def sha256(self) -> str:
        """The SHA-256 of the bytes `source` held when the image stage decided on them: what goes
        into the PDF is checked against it (`cache.read_prepared`)."""
        return self.name[:64]


def resource_name(digest: str, format: str = "jpeg", width: int = 0, height: int = 0) -> str:
    """The SHA-256 of the bytes that go into the PDF, so the write stage can check them against
    it; zlib-compressed samples do not carry their size as a JPEG does, so theirs is added."""
    return digest if format == "jpeg" else f"{digest}-{width}x{height}"


PIPELINE_VERSION = 2
"""Part of every cache key: raise it when a change here changes the JPEGs made from the same input."""


@dataclass(frozen=True)
class Grey:
    """How a photograph becomes grey for a black-only press (photocopier, laser, risograph drum):
    levels stretched so it does not print muddy, and optionally screened into dots a copier keeps."""

    stretch: float              # per cent of pixels clipped to black and to white; 0 keeps the levels
    gamma: float                # above 1 lightens the mid-tones, against toner and ink spread
    halftone: int | None = None  # lines per inch of a 45° round-dot screen; None: continuous tone
    ppi: int = 600              # the screen's resolution (the printer's dots per inch)


@dataclass(frozen=True)
class Job:
    """Everything needed to make one image for the press, and nothing else: a plain, picklable
    value, so a worker process or another machine can run it."""

    path: Path
    target: tuple[int, int] | None   # resample to this size (upright); None keeps the pixels
    cmyk: bool
    inks: Inks
    quality: int
    data: bytes | None = None        # the file's bytes, for workers that cannot read our disk
    grey: Grey | None = None         # a grey press: levels and screen

    def settings(self) -> dict[str, object]:
        """What changes the result besides the source's bytes: the cache key's other half. Grey
        settings join only grey jobs' keys, so colour jobs keep the keys they always had."""
        settings: dict[str, object] = {
            "version": PIPELINE_VERSION, "target": self.target, "cmyk": self.cmyk, "quality": self.quality,
            "intent": self.inks.intent if self.cmyk else None, "bpc": self.inks.bpc if self.cmyk else None,
            "ink_limit": self.inks.ink_limit if self.cmyk else None}
        if self.grey is not None:
            grey = self.grey
            settings["grey"] = {"stretch": grey.stretch, "gamma": grey.gamma, "halftone": grey.halftone,
                                "ppi": grey.ppi if grey.halftone else None, "version": GREY_VERSION}
        return settings


JOB_BYTES = 16 << 20
"""What a job holds besides its images: the encoded result, buffers, colour transforms."""


def peak_bytes(job: Job, info: ImageInfo) -> int:
    """About the most memory `make(job)` holds at once, from sizes alone: the image stage sizes its
    pool by it and refuses a job that cannot fit before any work starts. Pillow holds RGB, CMYK and
    alpha images at 4 bytes a pixel, grey, palette and 1-bit ones at 1. A job goes through phases:
    the source decoded (at its JPEG draft scale) with its upright copy; resampled; made into the
    result. The largest counts, and half the next, which the allocator partly keeps. Measured with
    Pillow 13 on 35 jobs (JPEG, PNG, TIFF; RGB, CMYK, grey, 16-bit, alpha, palette, 1-bit; halftones
    up to 2400 ppi): from 1.03 to 2.7 times the peak, the high end on jobs of a few megabytes."""
    width, height = _decoded_size(info, job.target)
    source = width * height
    sixteen = info.mode.startswith("I;16")
    held = source * (1 if info.mode in ("L", "P", "1") else 2 if sixteen else 4)
    # to 32 bits on the way to 8, to RGB(A) for resampling, alpha premultiplied while resampling
    widened = source * (8 if sixteen else 0 if info.mode in ("RGB", "L", "CMYK") else 4)
    out_width, out_height = job.target or (width, height)
    out = out_width * out_height
    resampled = (out_width, out_height) != (width, height)
    across = out_width * height  # Lanczos resamples across first, then down
    if job.grey is None:
        phases = [2 * held, held + widened + 4 * (across + out) if resampled else 0,
                  # CMYK: the conversion, the ink limit, the JPEG decoded again to check it, ink sums in 32 bits
                  held + (32 if job.cmyk else 9) * out]
    else:
        flat = source * (1 if info.mode == "L" else 4)  # flattened on white, in sRGB
        phases = [2 * held, max(held + widened + flat, flat + 2 * source),  # then grey, and its levels
                  source + across + out if resampled else 0,
                  # a halftone: the plate in 8 bits, its thresholds, their difference, that as 0 and 255, 1-bit
                  # (a byte a pixel in Pillow)
                  5 * out if job.grey.halftone else 2 * out]
    phases.sort()
    return phases[-1] + phases[-2] // 2 + JOB_BYTES


def _decoded_size(info: ImageInfo, target: tuple[int, int] | None) -> tuple[int, int]:
    """The size `_open_upright` decodes at: a JPEG at the smallest DCT scale still covering `target`."""
    if target is None or info.format != "JPEG":
        return info.width, info.height
    fits = min(info.width // target[0], info.height // target[1])
    scale = next((scale for scale in (8, 4, 2) if fits >= scale), 1)
    return -(-info.width // scale), -(-info.height // scale)


@dataclass(frozen=True)
class Made:
    """A worker's answer: the encoded image and what the preflight needs to know of it."""

    data: bytes
    width: int
    height: int
    space: str
    max_ink: int | None
    format: str = "jpeg"   # or 'flate': zlib-compressed samples, ready for the PDF's FlateDecode
    bits: int = 8
    source: str = ""       # SHA-256 of the bytes it was made from: the stage checks it against its key
    warning: str = ""      # a harmless JPEG decoder warning the source gave (`strict_pixels`)


def decide(info: ImageInfo, placed_width: float, spec: ImageSpec, inks: Inks, keep_rgb: bool = False) -> Job | None:
    """None when the file itself can go into the PDF: an upright, baseline sRGB or grey JPEG, not
    above the press's maximum ppi, for an RGB press. Otherwise the job that makes a JPEG for this
    press: upright, resampled to `spec.resample_to` when above `spec.max_ppi`, converted from its
    own ICC profile to sRGB or to the press's CMYK under the ink limit. For a grey press, a grey
    JPEG with stretched levels, or a halftone at the screen's resolution."""
    if inks.space == "gray":
        grey = Grey(spec.stretch, spec.gamma, spec.halftone, spec.halftone_ppi)
        if grey.halftone:
            width = max(1, round(placed_width / 72.0 * grey.ppi))
            return Job(info.path, (width, max(1, round(width * info.height / info.width))), False, inks, spec.quality,
                       grey=grey)
        target = _target_size(info, placed_width, spec)
        if info.passthrough and info.mode == "L" and target is None and grey.stretch == 0 and grey.gamma == 1:
            return None
        return Job(info.path, target, False, inks, spec.quality, grey=grey)
    target = _target_size(info, placed_width, spec)
    cmyk = inks.space == "cmyk" and not keep_rgb
    if not cmyk and info.passthrough and target is None:
        return None
    return Job(info.path, target, cmyk, inks, spec.quality)


def passed(info: ImageInfo, name: str) -> Prepared:
    """The file itself; `name` is its content hash."""
    return Prepared(str(info.path), info.width, info.height, "gray" if info.mode == "L" else "rgb", False,
                    name=name)


def _source(job: Job) -> tuple[Path | io.BytesIO, str]:
    """What `make` decodes and the SHA-256 of those very bytes: the stage keyed the result by the
    hash it took earlier, and a file replaced in between must not be cached under the old key. A
    JPEG is read whole (it is decoded from memory anyway); another format is hashed, then read
    again by Pillow, which keeps a large TIFF out of memory twice."""
    if job.data is not None:
        return io.BytesIO(job.data), hashlib.sha256(job.data).hexdigest()
    with job.path.open("rb") as handle:
        head = handle.read(3)
        if head == b"\xff\xd8\xff":
            data = head + handle.read()
            return io.BytesIO(data), hashlib.sha256(data).hexdigest()
        handle.seek(0)
        return job.path, hashlib.file_digest(handle, "sha256").hexdigest()


def make(job: Job) -> Made:
    """The work of one image, from file (or bytes) to JPEG. Runs in a worker: reads nothing but
    the job, returns plain bytes."""
    source, digest = _source(job)
    if job.grey is not None:
        return replace(_make_grey(source, job, job.grey), source=digest)
    with _open_upright(source, job.target) as image:
        icc, warning = image.info.get("icc_profile"), image.info.get(WARNING, "")
        image = _eight_bit(image)
        if "transparency" in image.info and image.mode in ("P", "L", "RGB"):  # a colour or index that is clear
            image = image.convert("LA" if image.mode == "L" else "RGBA")
        if job.target and image.size != job.target:
            image = _resample(image, job.target)
            image.info["icc_profile"] = icc
        if job.cmyk:
            if image.mode not in ("RGB", "CMYK"):  # alpha, grey, palette, 16-bit: to sRGB first
                image, icc = _to_srgb(image), None
            try:
                converted = colour.image_to_cmyk(image, _usable_profile(icc, image.mode), job.inks)
            except ImageCms.PyCMSError:  # a profile that reads but will not convert: as if untagged
                converted = colour.image_to_cmyk(image, None, job.inks)
            buffer, ink = _cmyk_jpeg(converted, job.inks.ink_limit, job.quality)
        else:
            converted, ink = _to_srgb(image), None
            buffer = io.BytesIO()
            converted.save(buffer, "JPEG", quality=job.quality, subsampling=0)
    space = {"L": "gray", "CMYK": "cmyk"}.get(converted.mode, "rgb")
    return Made(buffer.getvalue(), converted.width, converted.height, space, ink, source=digest, warning=warning)


GREY_VERSION = 1
"""Part of grey jobs' cache keys: raise it when the levels or the screen change."""
MAX_GAIN = 8
"""The most a levels stretch multiplies contrast by: a flat, foggy picture is lifted, but its
grain and JPEG noise are not blown up into blotches."""


def _make_grey(source: Path | io.BytesIO, job: Job, grey: Grey) -> Made:
    """Grey first (at the source's size, a third of the work of resampling in colour), levels,
    then resampled; a JPEG, or a halftone stored losslessly (JPEG would smear the dots)."""
    with _open_upright(source, job.target) as image:
        warning = image.info.get(WARNING, "")
        image = _eight_bit(image)
        if "transparency" in image.info and image.mode in ("P", "L", "RGB"):  # a colour or index that is clear
            image = image.convert("LA" if image.mode == "L" else "RGBA")
        flat = _to_srgb(image)  # transparency on white, the embedded profile applied
    flat = levels(flat.convert("L"), grey.stretch, grey.gamma)
    if job.target and flat.size != job.target:
        flat = flat.resize(job.target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if grey.halftone:
        screened = halftone(flat, grey.halftone, grey.ppi)
        return Made(zlib.compress(screened.tobytes(), 9), screened.width, screened.height, "gray", None,
                    format="flate", bits=1, warning=warning)
    buffer = io.BytesIO()
    flat.save(buffer, "JPEG", quality=job.quality)
    return Made(buffer.getvalue(), flat.width, flat.height, "gray", None, warning=warning)


def levels(image: Image.Image, stretch: float, gamma: float = 1.0) -> Image.Image:
    """A grey image's levels stretched: the darkest `stretch` per cent of pixels become black, the
    lightest white, the rest spread between (at most MAX_GAIN times), then the mid-tones bent by
    `gamma`. Decided from the histogram alone, so the same picture always gives the same result."""
    low, high = 0.0, 255.0
    if stretch > 0:
        histogram = image.histogram()
        clip = sum(histogram) * stretch / 100
        low = float(_percentile(histogram, clip))
        high = float(255 - _percentile(histogram[::-1], clip))
        span = max(high - low, 255 / MAX_GAIN)
        middle = (low + high) / 2
        low, high = middle - span / 2, middle + span / 2
    if (low, high, gamma) == (0.0, 255.0, 1.0):
        return image
    table = []
    for value in range(256):
        part = min(1.0, max(0.0, (value - low) / (high - low)))
        table.append(round(255 * part ** (1 / gamma)))
    return image.point(table)


def _percentile(histogram: list[int], clip: float) -> int:
    """The first level at which more than `clip` pixels have been counted."""
    seen = 0
    for level, count in enumerate(histogram):
        seen += count
        if seen > clip:
            return level
    return len(histogram) - 1


@lru_cache(maxsize=8)
def _screen_tile(lpi: int, ppi: int) -> Image.Image:
    """One repeat of a 45° clustered round-dot screen (Euclidean dot: black dots in the highlights,
    white holes in the shadows, a checkerboard at 50 %) as thresholds: a pixel is white where the
    grey is above its threshold. Cells run along the diagonals every `a` pixels, so the screen
    repeats every 2a pixels both ways and holds two dots; its ruling is ppi / (a·√2), the nearest
    to `lpi` a whole number of pixels allows. Pixels join the dot in order of the spot function,
    ties broken by position, so each of the 4a² pixels is one grey level."""
    a = max(2, round(ppi / (lpi * math.sqrt(2))))
    size = 2 * a
    order = []
    for y in range(size):
        for x in range(size):
            u, v = (x + y + 1) / (2 * a), (y - x) / (2 * a)
            dx, dy = abs(2 * (u - math.floor(u + 0.5))), abs(2 * (v - math.floor(v + 0.5)))
            spot = 1 - (dx * dx + dy * dy) if dx + dy <= 1 else (dx - 1) ** 2 + (dy - 1) ** 2 - 1
            order.append((-round(spot, 9), y, x))
    order.sort()
    tile = Image.new("L", (size, size))
    count = len(order)
    for rank, (_, y, x) in enumerate(order):
        tile.putpixel((x, y), 254 - (rank * 255) // count)  # black from darkness 1 + rank·255/count up
    return tile


def screen_ruling(lpi: int, ppi: int) -> float:
    """The lines per inch the screen actually has at this resolution (see _screen_tile)."""
    return ppi / (_screen_tile(lpi, ppi).width / 2 * math.sqrt(2))


def halftone(image: Image.Image, lpi: int, ppi: int) -> Image.Image:
    """A grey image screened into a 1-bit image of round dots (see _screen_tile), at its own pixel
    size: it must already be at the printer's resolution `ppi`."""
    tile = _screen_tile(lpi, ppi)
    width, height = image.size
    strip = Image.new("L", (width, tile.height))
    for x in range(0, width, tile.width):
        strip.paste(tile, (x, 0))
    thresholds = Image.new("L", (width, height))
    for y in range(0, height, tile.height):
        thresholds.paste(strip, (0, y))
    above = ImageChops.subtract(image.convert("L"), thresholds)  # positive where the grey is above
    return above.point([0] + [255] * 255).convert("1", dither=Image.Dither.NONE)


def make_or_fail(job: Job) -> Made | str:
    """`make` for executors: a file that fails to decode half-way comes back as the reason, which
    the caller reports against the work that names the file (exceptions from another process or
    machine lose that context)."""
    try:
        return make(job)
    except Image.DecompressionBombError:
        return _TOO_MANY
    except DamagedImage as exc:  # libjpeg's warning: it would have come back partly grey
        return str(exc)
    except _BAD_DATA as exc:  # Pillow's decoders raise OSError, ValueError or SyntaxError on bad data
        return f"{DAMAGED} ({_detail(exc)})"


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


def _resample(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.mode not in ("RGB", "L", "CMYK", "RGBA", "LA"):
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image: Image.Image) -> Image.Image:
    """Alpha flattened on white (the paper), embedded profiles converted (never just relabelled),
    8-bit."""
    icc = image.info.get("icc_profile")
    image = _eight_bit(image)
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        grey = image.mode in ("L", "LA", "La")
        rgba = image.convert("LA" if grey else "RGBA")
        flat = Image.new("L" if grey else "RGB", rgba.size, 255 if grey else (255, 255, 255))
        flat.paste(rgba.convert(flat.mode), mask=rgba.getchannel("A"))
        image = flat
    if image.mode not in ("RGB", "L", "CMYK"):  # palette, 1-bit, YCbCr, Lab
        image = image.convert("RGB")
    name = _icc_name(icc)
    source = _usable_profile(icc, image.mode)
    if source and name and "srgb" not in name.lower().replace(" ", ""):
        try:
            return ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(source)), _SRGB,
                                             outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass
    return image.convert("L") if image.mode == "L" else image.convert("RGB")


def _eight_bit(image: Image.Image) -> Image.Image:
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


def _usable_profile(icc: bytes | None, mode: str) -> bytes | None:
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
