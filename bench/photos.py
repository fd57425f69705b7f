"""Deterministic, photo-like JPEGs for benchmarking catalog builds at realistic sizes.

Benchmarks need many large images that cost what camera photos cost: to decode, to resample and to
embed. A flat fill compresses to almost nothing and pure noise compresses badly, so neither tells us
anything. These pictures mix smooth gradients (sky, ground), a few soft shapes and fine grain, which
lands near 0.3 bytes per pixel at quality 90, as real photos do.

Only Pillow and the standard library are used, and every random choice comes from
``random.Random(seed)``, so the same parameters always give byte-identical files (for a given Pillow
and libjpeg). Shapes and gradients are painted on a small canvas and scaled up; full-resolution work
is a handful of cheap whole-image operations, so a 12 MP image takes well under a second.

Usage::

    python bench/photos.py OUT_DIR --artists 2 --works 3 --megapixels 12
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]

#: Shapes and gradients are painted at 1/SMALL of the final size, then scaled up.
SMALL = 8
#: Peak grain deviation (± levels) on the textured ground and in the smoother sky; tuned for ~0.3 bytes/pixel
#: at q90. Raise them for files that compress worse.
GRAIN_GROUND = 30
GRAIN_SKY = 12
GRAIN_CHROMA = 3


def photo_size(megapixels: float, portrait: bool) -> tuple[int, int]:
    """Width and height of a 3:2 (or 2:3) image of about ``megapixels`` million pixels, both even."""
    short = max(2, round(math.sqrt(megapixels * 1e6 / 1.5) / 2) * 2)
    long = max(2, round(short * 1.5 / 2) * 2)
    return (short, long) if portrait else (long, short)


def is_portrait(seed: int) -> bool:
    """Every 5th seed is a portrait; make_set numbers its images so that means every 5th image."""
    return seed % 5 == 4


def make_photo(path: Path, megapixels: float, seed: int, quality: int = 90, *, portrait: bool | None = None) -> int:
    """Write one photo-like baseline sRGB JPEG (4:2:0, no EXIF) and return its size in bytes.

    ``portrait`` defaults to :func:`is_portrait` of the seed. The file is written beside ``path`` and
    renamed into place, so an interrupted run never leaves a truncated image that looks finished.
    """
    rng = random.Random(seed)
    if portrait is None:
        portrait = is_portrait(seed)
    size = photo_size(megapixels, portrait)
    base, ground = _scene(size, rng)
    image = ImageChops.add(base, _grain(size, ground, rng), scale=1.0, offset=-128)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    image.save(partial, "JPEG", quality=quality, optimize=False, progressive=False, subsampling="4:2:0")
    os.replace(partial, path)
    return path.stat().st_size


def make_set(folder: Path, artists: int, works: int, megapixels: float, seed: int = 1) -> list[list[Path]]:
    """Write ``artists`` x ``works`` photos as ``folder/<artist>/work-<n>.jpg`` (both 1-based, two digits).

    Files that already exist with the expected pixel size are kept, so a re-run is nearly instant and a
    change of megapixels regenerates them. (A change of seed alone is not detected: use another folder.)
    Image ``i`` of the whole set (0-based) gets seed ``seed * 10**6 + i``, which makes every 5th image
    a portrait.
    """
    paths: list[list[Path]] = []
    index = 0
    for artist in range(1, artists + 1):
        row: list[Path] = []
        for work in range(1, works + 1):
            path = folder / f"{artist:02d}" / f"work-{work:02d}.jpg"
            photo_seed = seed * 10**6 + index
            if _size_of(path) != photo_size(megapixels, is_portrait(photo_seed)):
                make_photo(path, megapixels, photo_seed)
            row.append(path)
            index += 1
        paths.append(row)
    return paths


def _size_of(path: Path) -> tuple[int, int] | None:
    """Pixel size from the JPEG header, or None if the file is missing or unreadable."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, SyntaxError):
        return None


def _colour(rng: random.Random, low: int, high: int) -> RGB:
    return (rng.randint(low, high), rng.randint(low, high), rng.randint(low, high))


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _scene(size: tuple[int, int], rng: random.Random) -> tuple[Image.Image, Image.Image]:
    """Sky and ground gradients with soft shapes, painted small and scaled up to ``size``.

    Returns the RGB picture and an L mask (255 on the ground and shapes) where grain is stronger,
    as texture is in real photos, while the sky stays smooth.
    """
    w, h = size
    sw, sh = max(16, w // SMALL), max(16, h // SMALL)
    horizon = round(sh * rng.uniform(0.4, 0.7))
    zenith, haze = _colour(rng, 40, 160), _colour(rng, 150, 240)
    near, far = _colour(rng, 20, 120), _colour(rng, 60, 180)
    column = Image.new("RGB", (1, sh))
    for y in range(sh):
        if y < horizon:
            column.putpixel((0, y), _mix(zenith, haze, (y / horizon) ** 1.5))
        else:
            column.putpixel((0, y), _mix(far, near, ((y - horizon) / max(1, sh - horizon)) ** 0.7))
    small = column.resize((sw, sh), Image.Resampling.BILINEAR)
    mask = Image.new("L", (sw, sh), 0)
    mask.paste(255, (0, horizon, sw, sh))
    draw, mask_draw = ImageDraw.Draw(small), ImageDraw.Draw(mask)

    # Hills or buildings along the horizon.
    ridge = [(0.0, float(horizon))]
    x = 0.0
    while x < sw:
        x += rng.uniform(0.05, 0.2) * sw
        ridge.append((min(x, sw), horizon - rng.uniform(0.0, 0.25) * sh))
    ridge += [(float(sw), float(horizon)), (float(sw), float(horizon + 2)), (0.0, float(horizon + 2))]
    draw.polygon(ridge, fill=_mix(far, zenith, 0.3))
    mask_draw.polygon(ridge, fill=200)

    # A few soft blobs (trees, rocks, figures) and perhaps a sun.
    for _ in range(rng.randint(3, 7)):
        cx, cy = rng.uniform(0, sw), rng.uniform(horizon * 0.8, sh)
        rx, ry = rng.uniform(0.03, 0.15) * sw, rng.uniform(0.03, 0.2) * sh
        box = (cx - rx, cy - ry, cx + rx, cy + ry)
        draw.ellipse(box, fill=_mix(_colour(rng, 20, 230), near, rng.uniform(0.2, 0.6)))
        mask_draw.ellipse(box, fill=255)
    if rng.random() < 0.5:
        cx, cy, r = rng.uniform(0.1, 0.9) * sw, rng.uniform(0.1, 0.35) * horizon, rng.uniform(0.02, 0.05) * sw
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 245, 215))

    small = small.filter(ImageFilter.GaussianBlur(0.8))
    mask = mask.filter(ImageFilter.GaussianBlur(2))
    return small.resize(size, Image.Resampling.BICUBIC), mask.resize(size, Image.Resampling.BILINEAR)


def _grain(size: tuple[int, int], ground: Image.Image, rng: random.Random) -> Image.Image:
    """RGB grain centred on 128: blotchy texture plus per-pixel grain, stronger where ``ground`` is white.

    Luma grain is shared by the three channels; a weaker chroma noise at half resolution keeps the
    colour channels from compressing unrealistically well.
    """
    w, h = size

    def noise(nw: int, nh: int) -> Image.Image:
        return Image.frombytes("L", (nw, nh), rng.randbytes(nw * nh))

    def scaled(amplitude: float) -> list[int]:
        return [round(128 + (v - 128) * amplitude / 128) for v in range(256)]

    # Texture at ~3 px scale (foliage, gravel) blended with per-pixel grain.
    texture = noise(max(1, w // 3), max(1, h // 3)).resize(size, Image.Resampling.BICUBIC)
    luma = Image.blend(texture, noise(w, h), 0.5)
    strong, weak = luma.point(scaled(GRAIN_GROUND)), luma.point(scaled(GRAIN_SKY))
    luma = Image.composite(strong, weak, ground)
    half = (max(1, w // 2), max(1, h // 2))
    red, blue = (noise(*half).point(scaled(GRAIN_CHROMA)).resize(size, Image.Resampling.BICUBIC) for _ in range(2))
    return Image.merge("RGB", (ImageChops.add(luma, red, offset=-128), luma, ImageChops.add(luma, blue, offset=-128)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic set of photo-like JPEGs for benchmarks.")
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--artists", type=int, default=2)
    parser.add_argument("--works", type=int, default=3)
    parser.add_argument("--megapixels", type=float, default=12.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = [p for row in make_set(args.out, args.artists, args.works, args.megapixels, args.seed) for p in row]
    elapsed = time.perf_counter() - start
    total_bytes = sum(p.stat().st_size for p in paths)
    total_pixels = 0
    for p in paths:
        with Image.open(p) as image:
            total_pixels += image.width * image.height
    print(f"{len(paths)} images in {args.out}: {total_bytes / 1e6:.1f} MB, "
          f"{total_bytes / total_pixels:.3f} bytes/pixel, {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
