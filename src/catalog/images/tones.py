"""Tone for black-only presses: levels stretched against muddy prints, and a halftone screen a copier keeps."""
from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageChops


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


GREY_VERSION = 1
"""Part of grey jobs' cache keys: raise it when the levels or the screen change."""


MAX_GAIN = 8
"""The most a levels stretch multiplies contrast by: a flat, foggy picture is lifted, but its
grain and JPEG noise are not blown up into blotches."""
