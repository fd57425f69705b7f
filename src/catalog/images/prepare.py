"""Deciding per placement whether a photograph passes into the PDF as it is or is re-encoded, and making it."""
from __future__ import annotations

import hashlib
import io
import math
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PIL import Image, ImageChops, ImageCms

from .. import colour
from ..colour import Inks
from .decode import eight_bit, open_upright, to_srgb, usable_profile
from .formats import DAMAGED
from .jpeg import WARNING, DamagedImage
from .prepared import Prepared
from .probe import BAD_DATA, TOO_MANY, ImageInfo, detail
from .tones import GREY_VERSION, halftone, levels

if TYPE_CHECKING:
    from ..specs.press import ImageSpec


PIPELINE_VERSION = 4
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
    """The size `open_upright` decodes at: a JPEG at the smallest DCT scale still covering `target`."""
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
    with open_upright(source, job.target) as image:
        icc, warning = image.info.get("icc_profile"), image.info.get(WARNING, "")
        image = eight_bit(image)
        if "transparency" in image.info and image.mode in ("P", "L", "RGB"):  # a colour or index that is clear
            image = image.convert("LA" if image.mode == "L" else "RGBA")
        if job.target and image.size != job.target:
            image = _resample(image, job.target)
            image.info["icc_profile"] = icc
        encoding = "jpeg"
        if job.cmyk:
            grey = _grey(image)
            if grey is not None:  # black and white: on the black ink alone, never with a cast
                converted = colour.grey_image_to_k(grey, job.inks)
            else:
                if image.mode not in ("RGB", "CMYK"):  # alpha, palette, 16-bit: to sRGB first
                    image, icc = to_srgb(image), None
                try:
                    converted = colour.image_to_cmyk(image, usable_profile(icc, image.mode), job.inks)
                except ImageCms.PyCMSError:  # a profile that reads but will not convert: as if untagged
                    converted = colour.image_to_cmyk(image, None, job.inks)
            data, encoding, ink = cmyk_encoded(converted, job.inks.ink_limit, job.quality)
        else:
            converted, ink = to_srgb(image), None
            buffer = io.BytesIO()
            converted.save(buffer, "JPEG", quality=job.quality, subsampling=0)
            data = buffer.getvalue()
    space = {"L": "gray", "CMYK": "cmyk"}.get(converted.mode, "rgb")
    return Made(data, converted.width, converted.height, space, ink, format=encoding, source=digest,
                warning=warning)


NEUTRAL = 6
"""Units of 255 by which an RGB pixel's channels may differ and still count as grey: the noise a
scanner or JPEG's colour subsampling leaves in a black-and-white photograph, far below a visible tint."""


def _grey(image: Image.Image) -> Image.Image | None:
    """The sRGB grey of a black-and-white photograph (grey, or RGB whose channels agree within
    NEUTRAL), or None for a colour one. A sepia or toned print has a tint on purpose: it stays colour."""
    if image.mode in ("L", "LA", "La", "I;16", "I"):
        return to_srgb(image).convert("L")
    if image.mode in ("P", "PA", "1"):  # a palette may be all greys
        image = to_srgb(image)
    if image.mode not in ("RGB", "RGBA"):
        return None
    r, g, b = image.split()[:3]
    for one, other in ((r, g), (g, b)):
        _, high = cast(tuple[int, int], ImageChops.difference(one, other).getextrema())  # one band
        if high > NEUTRAL:
            return None
    return to_srgb(image).convert("L")


def _make_grey(source: Path | io.BytesIO, job: Job, grey: Grey) -> Made:
    """Grey first (at the source's size, a third of the work of resampling in colour), levels,
    then resampled; a JPEG, or a halftone stored losslessly (JPEG would smear the dots)."""
    with open_upright(source, job.target) as image:
        warning = image.info.get(WARNING, "")
        image = eight_bit(image)
        if "transparency" in image.info and image.mode in ("P", "L", "RGB"):  # a colour or index that is clear
            image = image.convert("LA" if image.mode == "L" else "RGBA")
        flat = to_srgb(image)  # transparency on white, the embedded profile applied
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


def make_or_fail(job: Job) -> Made | str:
    """`make` for executors: a file that fails to decode half-way comes back as the reason, which
    the caller reports against the work that names the file (exceptions from another process or
    machine lose that context)."""
    try:
        return make(job)
    except Image.DecompressionBombError:
        return TOO_MANY
    except DamagedImage as exc:  # libjpeg's warning: it would have come back partly grey
        return str(exc)
    except BAD_DATA as exc:  # Pillow's decoders raise OSError, ValueError or SyntaxError on bad data
        return f"{DAMAGED} ({detail(exc)})"


DECODER_MARGIN = 4
"""Units of 255 of total ink kept between the JPEG as Pillow's libjpeg decodes it and the limit: a
conforming decoder's inverse DCT may differ from the reference by one unit per sample (ISO/IEC
10918-2 / ITU-T T.83, the decoder accuracy test), so a RIP may decode each of the four inks one higher."""
ATTEMPTS = 6
"""JPEG encodings tried, each clamped tighter by the last one's overshoot, before storing losslessly."""


def cmyk_encoded(image: Image.Image, limit: int, quality: int) -> tuple[bytes, str, int]:
    """A CMYK image, already clamped under `limit` per cent, encoded so that its DECODED pixels keep
    the limit: the bytes, their format ('jpeg', or 'flate' samples) and their highest total ink in
    per cent, rounded up. JPEG's rounding and ringing move single pixels of dark, detailed photographs
    by more than any fixed headroom (20 units of 255 measured at quality 92), so each JPEG is decoded
    and measured, and the pixels clamped again by the overshoot (doubled on each try); one that still
    overshoots after ATTEMPTS is stored losslessly (zlib, inverted as Adobe's CMYK JPEGs are, for the
    same Decode array), which holds the clamped pixels exactly. `catalog check` relies on this guarantee."""
    ceiling = colour.image_ink_ceiling(limit) - DECODER_MARGIN
    clamped, budget = image, float(limit)
    for attempt in range(ATTEMPTS):
        buffer = io.BytesIO()
        clamped.save(buffer, "JPEG", quality=quality)
        with Image.open(io.BytesIO(buffer.getvalue())) as decoded:
            ink = colour.max_ink(decoded)
        if ink <= ceiling:
            return buffer.getvalue(), "jpeg", math.ceil(ink / 2.55)
        # doubled each time: ringing next to a clamped pixel does not shrink in step with the clamp
        # (measured on scikit-image's photographs at quality 50 to 92, every one kept within six)
        budget -= ((ink - ceiling) / 2.55 + 0.5) * 2 ** attempt
        clamped = colour.limit_image_ink(image, budget)
    samples = ImageChops.invert(clamped).tobytes()
    return zlib.compress(samples, 6), "flate", math.ceil(colour.max_ink(clamped) / 2.55)


def _target_size(info: ImageInfo, placed_width: float, spec: ImageSpec) -> tuple[int, int] | None:
    """Pixel size at `spec.resample_to` when the image would print above `spec.max_ppi`; else None."""
    if placed_width <= 0 or info.ppi(placed_width) <= spec.max_ppi + 0.5:
        return None
    # rounded up, both ways: the effective resolution in the placed box is at least the target
    # (rounding to nearest gave 299.6 ppi for 300, which strict preflights flag)
    width = max(1, math.ceil(placed_width / 72.0 * spec.resample_to - 1e-6))
    height = max(1, math.ceil(width * info.height / info.width - 1e-6))
    return (width, height)


def _resample(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.mode not in ("RGB", "L", "CMYK", "RGBA", "LA"):
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


