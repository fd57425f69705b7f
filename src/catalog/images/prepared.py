"""What the image stage hands to render and prepress: each placement's image as it goes into the PDF."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Origin

ImageKey = tuple[Path, float]
"""A placement's image: the file and the width it prints at (points, to a thousandth). Two placements
of one photograph at the same width share one prepared image."""


def image_key(path: Path, width: float) -> ImageKey:
    return (path, round(width, 3))


@dataclass(frozen=True)
class Placed:
    """An image as the plan places it, as far as the image stage cares: which file, how wide it
    prints (points) and where the content names it (for messages)."""

    path: Path
    width: float
    origin: Origin = Origin()

    @property
    def key(self) -> ImageKey:
        return image_key(self.path, self.width)


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


Images = dict[ImageKey, Prepared]
"""Prepared images by placement key: what the image stage made of each placement."""

IMAGE_MARK = b"catalog-image "
"""Render writes each image as this mark and its resource name; prepress puts the prepared bytes in
its place (`pdfx.fill_images`), so ReportLab never holds the images."""
