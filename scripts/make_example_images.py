"""Generate the photo-like example images used by the example catalog.

The example catalog presents two fictional Kazakh photographers, Bekzat Popov
and Kairat Ospanov.  There are no real photographs to ship with the
repository, so this script paints stand-ins procedurally: layered skies,
silhouettes, haze, light, texture, film grain and vignetting, built only with
Pillow and the standard library.

This is a development tool.  Its output is committed under ``content/`` so
that building the example catalog never needs to run it.  Rerun it only when
the pictures themselves should change.  Every image is painted from its own
fixed seed, so repeated runs produce byte-identical files.

Output: baseline JPEG, RGB without an embedded ICC profile, 300 dpi.  The
quality is chosen so that all images together stay under about 22 MB; check
with ``du -cb content/artists/*/images/*.jpg`` after changing a painter.

Usage::

    python scripts/make_example_images.py              # all images
    python scripts/make_example_images.py --only saukele
    python scripts/make_example_images.py --out /tmp/preview
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

RGB = tuple[int, int, int]
Point = tuple[float, float]
Size = tuple[int, int]
Painter = Callable[[Size, random.Random], Image.Image]

REPO_ROOT = Path(__file__).resolve().parent.parent
JPEG_QUALITY = 92

BLEED = (2600, 3300)
LANDSCAPE = (2400, 1600)
PORTRAIT = (2000, 2500)
SQUARE = (2200, 2200)
ARTIST = (1200, 1500)

BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)

BILINEAR = Image.Resampling.BILINEAR
BICUBIC = Image.Resampling.BICUBIC
LANCZOS = Image.Resampling.LANCZOS


# --------------------------------------------------------------------------
# Colour and geometry helpers


def clamp8(value: float) -> int:
    return max(0, min(255, round(value)))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Linear interpolation between two colours (t=0 gives a, t=1 gives b)."""
    return (
        clamp8(a[0] + (b[0] - a[0]) * t),
        clamp8(a[1] + (b[1] - a[1]) * t),
        clamp8(a[2] + (b[2] - a[2]) * t),
    )


def shade(color: RGB, factor: float) -> RGB:
    return (clamp8(color[0] * factor), clamp8(color[1] * factor), clamp8(color[2] * factor))


def smoothstep(edge0: float, edge1: float, x: float) -> float:
    t = max(0.0, min(1.0, (x - edge0) / (edge1 - edge0)))
    return t * t * (3 - 2 * t)


def color_at(stops: Sequence[tuple[float, RGB]], t: float) -> RGB:
    """Colour of a piecewise-linear gradient given as (position, colour) stops."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in itertools.pairwise(stops):
        if t <= p1:
            return mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 1.0)
    return stops[-1][1]


def value_at(stops: Sequence[tuple[float, float]], t: float) -> float:
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, v0), (p1, v1) in itertools.pairwise(stops):
        if t <= p1:
            return v0 + (v1 - v0) * ((t - p0) / (p1 - p0) if p1 > p0 else 1.0)
    return stops[-1][1]


def rotate(points: Sequence[Point], angle: float, origin: Point) -> list[Point]:
    """Rotate points by angle (radians, clockwise on screen) around origin."""
    ca, sa = math.cos(angle), math.sin(angle)
    ox, oy = origin
    return [(ox + (x - ox) * ca - (y - oy) * sa, oy + (x - ox) * sa + (y - oy) * ca) for x, y in points]


def mix_point(a: Point, b: Point, t: float) -> Point:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def fractal_line(rng: random.Random, n: int, roughness: float = 0.55) -> list[float]:
    """A 1-D midpoint-displacement profile of n samples, roughly in [-1, 1]."""
    levels = max(2, math.ceil(math.log2(max(2, n - 1))))
    size = 2**levels + 1
    values = [0.0] * size
    values[0], values[-1] = rng.uniform(-1, 1), rng.uniform(-1, 1)
    step, amp = size - 1, 1.0
    while step > 1:
        half = step // 2
        for i in range(half, size - 1, step):
            values[i] = (values[i - half] + values[i + half]) / 2 + rng.uniform(-amp, amp)
        step, amp = half, amp * roughness
    peak = max(abs(v) for v in values) or 1.0
    out = []
    for k in range(n):
        pos = k * (size - 1) / max(1, n - 1)
        i = min(size - 2, int(pos))
        f = pos - i
        out.append((values[i] * (1 - f) + values[i + 1] * f) / peak)
    return out


# --------------------------------------------------------------------------
# Image building blocks


def chaikin(points: Sequence[Point], iterations: int = 2, closed: bool = True) -> list[Point]:
    """Round off the corners of a polygon (Chaikin's corner cutting)."""
    pts = list(points)
    for _ in range(iterations):
        out: list[Point] = []
        pairs = zip(pts, pts[1:] + pts[:1], strict=True) if closed else itertools.pairwise(pts)
        for (x0, y0), (x1, y1) in pairs:
            out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        if not closed:
            out = [pts[0], *out, pts[-1]]
        pts = out
    return pts


def gradient(size: Size, stops: Sequence[tuple[float, RGB]], *, horizontal: bool = False) -> Image.Image:
    """A linear colour gradient, top to bottom (or left to right)."""
    w, h = size
    n = w if horizontal else h
    strip = Image.new("RGB", (n, 1) if horizontal else (1, n))
    strip.putdata([color_at(stops, i / max(1, n - 1)) for i in range(n)])
    return strip.resize(size, Image.Resampling.NEAREST)


def ramp(size: Size, stops: Sequence[tuple[float, float]], *, horizontal: bool = False) -> Image.Image:
    """A linear greyscale mask; stops are (position 0..1, opacity 0..1)."""
    w, h = size
    n = w if horizontal else h
    strip = Image.new("L", (n, 1) if horizontal else (1, n))
    strip.putdata([clamp8(255 * value_at(stops, i / max(1, n - 1))) for i in range(n)])
    return strip.resize(size, Image.Resampling.NEAREST)


def falloff(power: float = 2.0, peak: float = 1.0) -> Image.Image:
    """A 256x256 radial mask: peak in the centre, zero at the inscribed circle."""
    # Image.radial_gradient is 0 in the centre and 181 on the inscribed circle.
    return Image.radial_gradient("L").point(lambda v: clamp8(255 * peak * max(0.0, 1 - v / 181) ** power))


def radial_mask(size: Size, center: Point, radius: float | tuple[float, float], *,
                power: float = 2.0, peak: float = 1.0) -> Image.Image:
    rx, ry = radius if isinstance(radius, tuple) else (radius, radius)
    cx, cy = center
    mask = Image.new("L", size, 0)
    spot = falloff(power, peak).resize((max(1, int(2 * rx)), max(1, int(2 * ry))), BILINEAR)
    mask.paste(spot, (int(cx - rx), int(cy - ry)))
    return mask


def new_mask(size: Size) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    mask = Image.new("L", size, 0)
    return mask, ImageDraw.Draw(mask)


def blur(image: Image.Image, radius: float) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius)) if radius > 0 else image


def fill(image: Image.Image, paint: RGB | Image.Image, mask: Image.Image, opacity: float = 1.0) -> None:
    """Paint a colour or an image through a mask, in place."""
    if opacity < 1.0:
        mask = mask.point(lambda v: clamp8(v * opacity))
    if isinstance(paint, Image.Image):
        image.paste(paint, (0, 0), mask)
    else:
        image.paste(paint, (0, 0, *image.size), mask)


def patch_fill(image: Image.Image, origin: tuple[int, int], mask: Image.Image, paint: RGB,
               opacity: float = 1.0) -> None:
    """Paint a colour through a small local mask placed at origin (cheaper than a full-size mask)."""
    if opacity < 1.0:
        mask = scale_mask(mask, opacity)
    image.paste(paint, (origin[0], origin[1], origin[0] + mask.width, origin[1] + mask.height), mask)


def scale_mask(mask: Image.Image, factor: float) -> Image.Image:
    return mask.point(lambda v: clamp8(v * factor))


def glow(image: Image.Image, center: Point, radius: float | tuple[float, float], color: RGB,
         strength: float = 1.0, power: float = 2.0) -> None:
    """Screen a soft radial light onto the image, in place (strength 0..1)."""
    rx, ry = radius if isinstance(radius, tuple) else (radius, radius)
    cx, cy = center
    box = (int(cx - rx), int(cy - ry), int(cx - rx) + max(1, int(2 * rx)), int(cy - ry) + max(1, int(2 * ry)))
    clipped = (max(0, box[0]), max(0, box[1]), min(image.width, box[2]), min(image.height, box[3]))
    if clipped[0] >= clipped[2] or clipped[1] >= clipped[3]:
        return
    spot = falloff(power, min(1.0, strength)).resize((box[2] - box[0], box[3] - box[1]), BILINEAR)
    spot = spot.crop((clipped[0] - box[0], clipped[1] - box[1], clipped[2] - box[0], clipped[3] - box[1]))
    region = image.crop(clipped)
    light = Image.composite(Image.new("RGB", region.size, color), Image.new("RGB", region.size), spot)
    image.paste(ImageChops.screen(region, light), clipped[:2])


def light_layer(image: Image.Image, mask: Image.Image, color: RGB) -> None:
    """Screen a coloured light shaped by mask onto the image, in place."""
    light = Image.composite(Image.new("RGB", image.size, color), Image.new("RGB", image.size), mask)
    image.paste(ImageChops.screen(image, light))


def darken(image: Image.Image, mask: Image.Image, color: RGB = BLACK) -> None:
    """Multiply a colour into the image where mask is set, in place."""
    tinted = ImageChops.multiply(image, Image.new("RGB", image.size, color))
    image.paste(tinted, (0, 0), mask)


def noise_field(rng: random.Random, size: Size, scale: float | tuple[float, float], *,
                octaves: int = 3, persistence: float = 0.5) -> Image.Image:
    """Smooth value noise (greyscale): features about `scale` pixels across."""
    w, h = size
    sx, sy = scale if isinstance(scale, tuple) else (scale, scale)
    acc: Image.Image | None = None
    total, amp = 0.0, 1.0
    for octave in range(octaves):
        cw = max(2, round(w / sx * 2**octave))
        ch = max(2, round(h / sy * 2**octave))
        small = Image.frombytes("L", (cw, ch), rng.randbytes(cw * ch))
        layer = small.resize(size, BICUBIC)
        acc = layer if acc is None else Image.blend(acc, layer, amp / (total + amp))
        total += amp
        amp *= persistence
    assert acc is not None
    return ImageOps.autocontrast(acc, cutoff=1)


def rotated_noise(rng: random.Random, size: Size, scale: tuple[float, float], angle: float, *,
                  octaves: int = 4) -> Image.Image:
    """Anisotropic noise stretched along a direction (angle in degrees, counter-clockwise)."""
    w, h = size
    side = math.ceil(math.hypot(w, h))
    square = noise_field(rng, (side, side), scale, octaves=octaves).rotate(angle, BICUBIC)
    left, top = (side - w) // 2, (side - h) // 2
    return square.crop((left, top, left + w, top + h))


def threshold(mask: Image.Image, low: int, high: int, peak: float = 1.0) -> Image.Image:
    """Map a greyscale image through a smooth step from low to high."""
    return mask.point(lambda v: clamp8(255 * peak * smoothstep(low, high, v)))


def polygon_mask(size: Size, polygons: Sequence[Sequence[Point]], softness: float = 0.0,
                 factor: int = 1) -> Image.Image:
    """Filled polygons as a mask; factor > 1 draws at reduced resolution (for very soft shapes)."""
    w, h = size
    small = (max(1, w // factor), max(1, h // factor))
    mask, draw = new_mask(small)
    for poly in polygons:
        draw.polygon([(round(x / factor), round(y / factor)) for x, y in poly], fill=255)
    mask = blur(mask, softness / factor)
    return mask if factor == 1 else mask.resize(size, BILINEAR)


def perspective_coeffs(dst: Sequence[Point], src: Sequence[Point]) -> tuple[float, ...]:
    """Coefficients for Image.transform(PERSPECTIVE) sending output points dst to input points src."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    n = 8
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return tuple(rows[i][n] / rows[i][i] for i in range(n))


def shift(image: Image.Image, dx: int, dy: int) -> Image.Image:
    """Translate without wrapping (vacated pixels become black)."""
    out = Image.new(image.mode, image.size)
    out.paste(image, (dx, dy))
    return out


def rim_light(image: Image.Image, mask: Image.Image, offset: tuple[int, int], color: RGB,
              softness: float = 2.0, strength: float = 1.0) -> None:
    """Light the edges of a shape on the side opposite to `offset`, in place."""
    edge = ImageChops.subtract(mask, shift(mask, *offset))
    edge = blur(edge, softness)
    light_layer(image, scale_mask(ImageChops.multiply(edge, mask), strength), color)


def floor_reflection(image: Image.Image, axis: float, opacity: float, stretch: int,
                     reach: float = 1.0) -> Image.Image:
    """Mirror what stands above a glossy floor line into the floor, fading with distance."""
    w, h = image.size
    top = round(axis)
    depth = h - top
    if depth <= 0:
        return image
    above = image.crop((0, max(0, top - depth), w, top))
    mirror = Image.new("RGB", (w, depth))
    mirror.paste(ImageOps.flip(above), (0, 0))
    mirror = smear(mirror, stretch, vertical=True)
    layer = Image.new("RGB", image.size)
    layer.paste(mirror, (0, top))
    mask = Image.new("L", image.size, 0)
    mask.paste(ramp((w, depth), [(0.0, opacity), (reach, 0.0)]), (0, top))
    return Image.composite(ImageChops.screen(image, layer), image, mask)


def smear(image: Image.Image, length: int, *, vertical: bool = False) -> Image.Image:
    """Directional blur by squeezing and re-stretching along one axis."""
    w, h = image.size
    small = (w, max(1, h // length)) if vertical else (max(1, w // length), h)
    return image.resize(small, Image.Resampling.BOX).resize((w, h), BICUBIC)


def grain(image: Image.Image, rng: random.Random, amount: float, clump: float = 0.5) -> Image.Image:
    """Film grain: monochrome Gaussian noise, strongest in the midtones."""
    w, h = image.size
    inv = NormalDist().inv_cdf
    lut = [clamp8(128 + amount * inv((i + 0.5) / 256)) for i in range(256)]
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(lut)
    noise = blur(noise, clump)
    return ImageChops.overlay(image, Image.merge("RGB", (noise, noise, noise)))


def vignette(image: Image.Image, strength: float) -> Image.Image:
    """Darken the corners with a smooth elliptical falloff."""
    w, h = image.size
    mask = Image.radial_gradient("L").resize((round(w * 1.42), round(h * 1.42)), BILINEAR)
    mask = mask.crop(((mask.width - w) // 2, (mask.height - h) // 2, (mask.width - w) // 2 + w,
                      (mask.height - h) // 2 + h))
    lut = [clamp8(255 * (1 - strength * smoothstep(0.45, 1.1, v / 181) ** 1.4)) for v in range(256)]
    mask = mask.point(lut)
    return ImageChops.multiply(image, Image.merge("RGB", (mask, mask, mask)))


def bloom(image: Image.Image, level: int = 200, strength: float = 0.5, radius: float = 0.015) -> Image.Image:
    """Let the highlights bleed softly into their surroundings, as they do through a lens."""
    w, h = image.size
    small = image.resize((max(1, w // 4), max(1, h // 4)), BILINEAR)
    bright = small.point(lambda v: clamp8(max(0, v - level) * 255 / (255 - level) * strength))
    bright = blur(bright, radius * w / 4).resize(image.size, BILINEAR)
    return ImageChops.screen(image, bright)


def finish(image: Image.Image, rng: random.Random, *, grain_amount: float = 9.0,
           vignette_strength: float = 0.35, softness: float = 0.6, bloom_strength: float = 0.4,
           lift: int = 5) -> Image.Image:
    """Lens softness, bloom, vignetting, a film tone curve and grain common to every picture."""
    image = blur(image, softness)
    if bloom_strength:
        image = bloom(image, strength=bloom_strength)
    image = vignette(image, vignette_strength)
    image = image.point(lambda v: clamp8(lift + v * (255 - lift) / 255))
    return grain(image, rng, grain_amount)


def bokeh(image: Image.Image, rng: random.Random, count: int, area: tuple[float, float, float, float],
          colors: Sequence[RGB], radius: tuple[float, float], strength: tuple[float, float] = (0.3, 0.8),
          softness: float = 0.12) -> None:
    """Out-of-focus highlights: soft-edged discs screened onto the image, in place."""
    x0, y0, x1, y1 = area
    for _ in range(count):
        r = rng.uniform(*radius)
        cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
        box = (int(cx - r * 1.3), int(cy - r * 1.3), int(cx + r * 1.3), int(cy + r * 1.3))
        disc, d = new_mask((box[2] - box[0], box[3] - box[1]))
        pad = r * 0.3
        d.ellipse((pad, pad, disc.width - pad, disc.height - pad), fill=clamp8(255 * rng.uniform(*strength)))
        disc = blur(disc, max(1.0, r * softness))
        region = (max(0, box[0]), max(0, box[1]), min(image.width, box[2]), min(image.height, box[3]))
        if region[0] >= region[2] or region[1] >= region[3]:
            continue
        disc = disc.crop((region[0] - box[0], region[1] - box[1], region[2] - box[0], region[3] - box[1]))
        patch = image.crop(region)
        light = Image.composite(Image.new("RGB", patch.size, rng.choice(colors)), Image.new("RGB", patch.size), disc)
        image.paste(ImageChops.screen(patch, light), region[:2])


def velvet(size: Size, rng: random.Random, lit: RGB, dark: RGB, light_x: float,
           scale: float) -> Image.Image:
    """A side-lit fabric paint: horizontal light falloff plus soft pile texture."""
    paint = gradient(size, [(max(0.0, light_x - 0.3), lit), (light_x, mix(lit, WHITE, 0.08)),
                            (min(1.0, light_x + 0.45), dark)], horizontal=True)
    pile = noise_field(rng, size, scale, octaves=3)
    darken(paint, scale_mask(pile, 0.25), (120, 110, 110))
    return paint


def gilt(size: Size, rng: random.Random, light_x: float) -> Image.Image:
    """Paint for gold work: warm metal, bright towards the light, with small glints."""
    paint = gradient(size, [(max(0.0, light_x - 0.35), (236, 196, 110)), (light_x, (226, 180, 92)),
                            (min(1.0, light_x + 0.3), (120, 84, 36))], horizontal=True)
    glints = threshold(noise_field(rng, size, 6, octaves=1), 200, 245, 0.8)
    light_layer(paint, blur(glints, 1), (255, 240, 200))
    return paint


def wobble(image: Image.Image, rng: random.Random, cells: int, amount: float) -> Image.Image:
    """Warp an image slightly through a jittered mesh, so drawn shapes lose their perfection."""
    w, h = image.size
    jitter = [[(rng.uniform(-amount, amount) * w, rng.uniform(-amount, amount) * h) for _ in range(cells + 1)]
              for _ in range(cells + 1)]
    for i in range(cells + 1):
        for j in (0, cells):
            jitter[i][j] = jitter[j][i] = (0.0, 0.0)

    def corner(i: int, j: int) -> Point:
        return i * w / cells + jitter[j][i][0], j * h / cells + jitter[j][i][1]

    mesh = []
    for j in range(cells):
        for i in range(cells):
            box = (round(i * w / cells), round(j * h / cells), round((i + 1) * w / cells), round((j + 1) * h / cells))
            quad = (*corner(i, j), *corner(i, j + 1), *corner(i + 1, j + 1), *corner(i + 1, j))
            mesh.append((box, quad))
    return image.transform(image.size, Image.Transform.MESH, mesh, BICUBIC)


@dataclass(frozen=True)
class Camera:
    """A pinhole camera looking along +z; y is height above the ground in metres."""

    width: int
    height: int
    horizon: float
    focal: float
    eye: float = 1.6
    center: float | None = None

    def project(self, x: float, y: float, z: float) -> Point:
        cx = self.width / 2 if self.center is None else self.center
        return cx + self.focal * x / z, self.horizon - self.focal * (y - self.eye) / z

    def scale(self, metres: float, z: float) -> float:
        return self.focal * metres / z

    def quad(self, corners: Sequence[tuple[float, float, float]]) -> list[Point]:
        return [self.project(*c) for c in corners]


def fogged(color: RGB, fog: RGB, z: float, distance: float) -> RGB:
    """Atmospheric perspective: blend towards the fog colour with distance."""
    return mix(color, fog, 1 - math.exp(-z / distance))


def quad_points(cam: Camera, x0: float, x1: float, y0: float, y1: float, z0: float, z1: float) -> list[Point]:
    """Project a vertical rectangle spanning x0..x1 and z0..z1 (one of them may be constant)."""
    return cam.quad([(x0, y0, z0), (x1, y0, z1), (x1, y1, z1), (x0, y1, z0)])


def ground_strip(cam: Camera, x: float, width: float, z0: float, z1: float) -> list[Point]:
    """A band on the ground plane along z, e.g. a rut, a rail bed or a ditch."""
    return cam.quad([(x - width / 2, 0, z0), (x - width / 2, 0, z1), (x + width / 2, 0, z1), (x + width / 2, 0, z0)])


# --------------------------------------------------------------------------
# Figures and motifs


@dataclass(frozen=True)
class Pose:
    """How a figure stands.

    Arm angles (upper arm, forearm) and leg angles are in degrees from hanging straight
    down, positive outwards.  skirt is the hem's half-width as a fraction of the height
    (0 for trousers), hat is "" or "scarf", bulk widens the body and limbs.
    """

    arm_left: tuple[float, float] = (12.0, 6.0)
    arm_right: tuple[float, float] = (12.0, 6.0)
    leg_left: float = 4.0
    leg_right: float = 4.0
    lean: float = 0.0
    skirt: float = 0.0
    hat: str = ""
    bulk: float = 1.0


@dataclass(frozen=True)
class FigureGeometry:
    head: Point
    head_radius: float
    hands: tuple[Point, Point]


def draw_figure(draw: ImageDraw.ImageDraw, x: float, base: float, height: float,
                pose: Pose = Pose(), fill: int = 255) -> FigureGeometry:
    """Draw a human silhouette standing on (x, base), `height` pixels tall."""
    h = height
    lean = pose.lean * h
    b = pose.bulk
    head_r = 0.062 * h
    neck_y = base - 0.855 * h
    shoulder_y = base - 0.815 * h
    hip_y = base - 0.49 * h
    sw = 0.125 * h * b
    hw = 0.085 * h * b
    sx = x + lean
    hx = x + lean * 0.35
    head = (sx + lean * 0.15, base - 0.925 * h)
    draw.ellipse((head[0] - head_r * 0.86, head[1] - head_r, head[0] + head_r * 0.86, head[1] + head_r), fill=fill)
    draw.polygon([(sx - 0.03 * h, neck_y - 0.02 * h), (sx + 0.03 * h, neck_y - 0.02 * h),
                  (sx + 0.04 * h, shoulder_y + 0.01 * h), (sx - 0.04 * h, shoulder_y + 0.01 * h)], fill=fill)
    torso = [(sx - sw * 0.75, shoulder_y - 0.012 * h), (sx + sw * 0.75, shoulder_y - 0.012 * h),
             (sx + sw, shoulder_y + 0.03 * h), (hx + hw * 1.05, hip_y), (hx + hw, hip_y + 0.06 * h),
             (hx - hw, hip_y + 0.06 * h), (hx - hw * 1.05, hip_y), (sx - sw, shoulder_y + 0.03 * h)]
    draw.polygon(chaikin(torso, 2), fill=fill)
    limb = 0.052 * h * b
    hands: list[Point] = []
    for side, (upper, fore) in ((-1, pose.arm_left), (1, pose.arm_right)):
        p0 = (sx + side * sw * 0.86, shoulder_y + 0.03 * h)
        a1, a2 = math.radians(upper), math.radians(fore)
        p1 = (p0[0] + side * math.sin(a1) * 0.19 * h, p0[1] + math.cos(a1) * 0.19 * h)
        p2 = (p1[0] + side * math.sin(a2) * 0.18 * h, p1[1] + math.cos(a2) * 0.18 * h)
        draw.line([p0, p1, p2], fill=fill, width=max(1, round(limb)), joint="curve")
        hands.append(p2)
        for px, py, r in ((*p0, limb * 0.55), (*p1, limb * 0.5), (*p2, limb * 0.55)):
            draw.ellipse((px - r, py - r, px + r, py + r), fill=fill)
    for side, angle in ((-1, pose.leg_left), (1, pose.leg_right)):
        p0 = (hx + side * hw * 0.55, hip_y + 0.03 * h)
        a = math.radians(angle)
        p1 = (p0[0] + side * math.sin(a) * 0.25 * h, p0[1] + math.cos(a) * 0.25 * h)
        p2 = (p1[0] + side * math.sin(a * 0.6) * 0.24 * h, p1[1] + math.cos(a * 0.6) * 0.24 * h)
        draw.line([p0, p1, p2], fill=fill, width=max(1, round(limb * 1.35)), joint="curve")
        draw.ellipse((p2[0] - limb, p2[1] - limb * 0.5, p2[0] + limb * 1.2, p2[1] + limb * 0.4), fill=fill)
    if pose.skirt:
        top = base - 0.56 * h
        draw.polygon(chaikin([(hx - hw, top), (hx + hw, top), (hx + pose.skirt * h * 0.8, base - 0.2 * h),
                              (hx + pose.skirt * h, base - 0.03 * h), (hx - pose.skirt * h, base - 0.03 * h),
                              (hx - pose.skirt * h * 0.8, base - 0.2 * h)], 2), fill=fill)
    if pose.hat == "scarf":
        hx0, hy0 = head
        draw.ellipse((hx0 - head_r * 1.1, hy0 - head_r * 1.15, hx0 + head_r * 1.1, hy0 + head_r * 1.1), fill=fill)
        draw.polygon([(hx0 - head_r * 1.05, hy0), (hx0 + head_r * 1.05, hy0),
                      (hx0 + head_r * 1.4, hy0 + head_r * 2.2), (hx0 - head_r * 1.4, hy0 + head_r * 2.2)], fill=fill)
    return FigureGeometry(head, head_r, (hands[0], hands[1]))


def draw_seated(draw: ImageDraw.ImageDraw, x: float, seat: float, height: float, fill: int = 255,
                lean: float = 0.0) -> Point:
    """A person sitting cross-legged on the floor; height is their standing height. Returns the head centre."""
    h = height
    head = (x + lean * h, seat - 0.47 * h)
    r = 0.064 * h
    draw.ellipse((head[0] - r * 0.86, head[1] - r, head[0] + r * 0.86, head[1] + r), fill=fill)
    body = chaikin([(head[0] - 0.03 * h, head[1] + 0.05 * h), (head[0] + 0.03 * h, head[1] + 0.05 * h),
                    (x + lean * h * 0.6 + 0.12 * h, seat - 0.36 * h), (x + 0.13 * h, seat - 0.2 * h),
                    (x + 0.1 * h, seat), (x - 0.1 * h, seat), (x - 0.13 * h, seat - 0.2 * h),
                    (x + lean * h * 0.6 - 0.12 * h, seat - 0.36 * h)], 2)
    draw.polygon(body, fill=fill)
    draw.ellipse((x - 0.22 * h, seat - 0.08 * h, x + 0.22 * h, seat + 0.05 * h), fill=fill)
    return head


def audience(image: Image.Image, rng: random.Random, count: int, top: float, scale: float,
             softness: float) -> None:
    """Out-of-focus heads and shoulders of an audience along the bottom edge, in place."""
    w, h = image.size
    mask, draw = new_mask(image.size)
    for i in range(count):
        x = (i + rng.uniform(0.1, 0.9)) * w / count
        y = top + rng.uniform(-0.3, 0.3) * scale
        r = scale * rng.uniform(0.85, 1.1)
        draw.ellipse((x - r * 0.8, y - r, x + r * 0.8, y + r), fill=255)
        draw.polygon(chaikin([(x - r * 0.7, y + r * 0.6), (x + r * 0.7, y + r * 0.6), (x + r * 2.6, y + r * 1.8),
                              (x + r * 2.8, h * 1.2), (x - r * 2.8, h * 1.2), (x - r * 2.6, y + r * 1.8)], 2),
                     fill=255)
    fill(image, (4, 3, 5), blur(mask, softness))


def horn_curl(origin: Point, size: float, side: int, turns: float = 1.15, steps: int = 48) -> list[Point]:
    """One ram's-horn spiral (koshkar muiz): a stem rising from origin, curling outwards."""
    ox, oy = origin
    cx, cy = ox + side * size * 0.42, oy - size * 0.55
    points = [(ox, oy)]
    for i in range(steps + 1):
        t = i / steps
        theta = math.pi + t * turns * 2 * math.pi
        r = size * 0.42 * (1 - 0.75 * t)
        points.append((cx + side * r * math.cos(theta), cy + r * math.sin(theta)))
    return points


def draw_horns(draw: ImageDraw.ImageDraw, base: Point, size: float, angle: float, width: int,
               fill: int | RGB) -> None:
    """A pair of mirrored ram's-horn curls rising from base, rotated by angle (radians)."""
    for side in (-1, 1):
        draw.line(rotate(horn_curl(base, size, side), angle, base), fill=fill, width=width, joint="curve")


def draw_rosette(draw: ImageDraw.ImageDraw, center: Point, size: float, width: int, fill: int | RGB,
                 arms: int = 4, angle: float = 0.0) -> None:
    """Horn pairs radiating from a centre diamond: the classic four-way koshkar muiz."""
    cx, cy = center
    for k in range(arms):
        a = angle + k * 2 * math.pi / arms
        base = rotate([(cx, cy - size * 0.12)], a, center)[0]
        draw_horns(draw, base, size * 0.8, a, width, fill)
    d = size * 0.16
    draw.polygon(rotate([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], angle, center), fill=fill)


def draw_hand(draw: ImageDraw.ImageDraw, wrist: Point, angle: float, length: float, fill: int | RGB,
              spread: float = 0.02, side: int = 1) -> list[tuple[Point, Point, float]]:
    """A relaxed hand seen from above, fingers together; returns (base, tip, width) per digit."""
    wx, wy = wrist
    ux, uy = math.sin(angle), -math.cos(angle)
    px, py = -uy, ux
    half = 0.21 * length
    knuckle = (wx + ux * 0.5 * length, wy + uy * 0.5 * length)
    palm = chaikin([(wx + px * half * 0.8, wy + py * half * 0.8),
                    (knuckle[0] + px * half * 1.02, knuckle[1] + py * half * 1.02),
                    (knuckle[0] + ux * 0.05 * length, knuckle[1] + uy * 0.05 * length),
                    (knuckle[0] - px * half * 1.02, knuckle[1] - py * half * 1.02),
                    (wx - px * half * 0.8, wy - py * half * 0.8)], 2)
    draw.polygon(palm, fill=fill)
    digits: list[tuple[Point, Point, float]] = []
    for k, flen in enumerate((0.34, 0.41, 0.39, 0.3)):
        offset = (k - 1.5) * half * 0.55 * side
        a = angle + (k - 1.5) * spread * side
        start = (knuckle[0] + px * offset - ux * abs(k - 1.5) * 0.03 * length,
                 knuckle[1] + py * offset - uy * abs(k - 1.5) * 0.03 * length)
        fx, fy = math.sin(a), -math.cos(a)
        qx, qy = -fy, fx
        base_w, tip_w = 0.06 * length, 0.046 * length
        tip = (start[0] + fx * flen * length, start[1] + fy * flen * length)
        finger = [(start[0] + qx * base_w, start[1] + qy * base_w), (tip[0] + qx * tip_w, tip[1] + qy * tip_w),
                  (tip[0] + fx * tip_w * 1.2, tip[1] + fy * tip_w * 1.2), (tip[0] - qx * tip_w, tip[1] - qy * tip_w),
                  (start[0] - qx * base_w, start[1] - qy * base_w)]
        draw.polygon(chaikin(finger, 2), fill=fill)
        digits.append((start, tip, tip_w))
    thumb_a = angle - side * 0.5
    base = (wx + ux * 0.1 * length - side * px * half * 0.75, wy + uy * 0.1 * length - side * py * half * 0.75)
    fx, fy = math.sin(thumb_a), -math.cos(thumb_a)
    qx, qy = -fy, fx
    tip = (base[0] + fx * 0.33 * length, base[1] + fy * 0.33 * length)
    thumb = [(base[0] + qx * 0.1 * length, base[1] + qy * 0.1 * length),
             (tip[0] + qx * 0.052 * length, tip[1] + qy * 0.052 * length),
             (tip[0] + fx * 0.06 * length, tip[1] + fy * 0.06 * length),
             (tip[0] - qx * 0.052 * length, tip[1] - qy * 0.052 * length),
             (base[0] - qx * 0.1 * length, base[1] - qy * 0.1 * length)]
    draw.polygon(chaikin(thumb, 2), fill=fill)
    digits.append((base, tip, 0.052 * length))
    return digits


def beam(image: Image.Image, apex: Point, target: Point, spread: float, color: RGB, strength: float,
         softness: float) -> None:
    """A volumetric light beam (spotlight in haze) from apex towards target, in place."""
    ax, ay = apex
    tx, ty = target
    length = math.hypot(tx - ax, ty - ay)
    nx, ny = -(ty - ay) / length, (tx - ax) / length
    far = (ax + (tx - ax) * 1.4, ay + (ty - ay) * 1.4)
    cone = [(ax + nx * spread * 0.05, ay + ny * spread * 0.05), (ax - nx * spread * 0.05, ay - ny * spread * 0.05),
            (far[0] - nx * spread * 1.4, far[1] - ny * spread * 1.4),
            (far[0] + nx * spread * 1.4, far[1] + ny * spread * 1.4)]
    mask = polygon_mask(image.size, [cone], softness, factor=4)
    fade = radial_mask(image.size, apex, length * 1.5, power=1.2, peak=strength)
    light_layer(image, ImageChops.multiply(mask, fade), color)


# --------------------------------------------------------------------------
# Landscape helpers


def dune_profile(rng: random.Random, width: float, base: float, amp: float, count: float,
                 steps: int = 480) -> list[Point]:
    """A dune ridge line: sharp crests, rounded troughs, asymmetric slopes."""
    waves = [(count, 1.0), (count * rng.uniform(1.7, 2.4), 0.35), (count * rng.uniform(0.35, 0.5), 0.6)]
    params = [(freq, weight, rng.random(), rng.uniform(0.08, 0.2)) for freq, weight in waves]
    wobble = fractal_line(rng, steps + 1, 0.5)
    total = sum(weight for _, weight in waves)
    points = []
    for i in range(steps + 1):
        t = -0.05 + 1.1 * i / steps
        height = 0.0
        for freq, weight, phase, skew in params:
            u = t * freq + phase
            u += skew * math.sin(2 * math.pi * u)
            height += weight * (1 - abs(math.sin(math.pi * u))) ** 1.3
        points.append((t * width, base - amp * (height / total + 0.12 * wobble[i])))
    return points


def slope_shade(size: Size, top: Sequence[Point], depth: float, light_x: float, softness: float
                ) -> tuple[Image.Image, Image.Image]:
    """Masks of the faces turned towards / away from a light at light_x, below a ridge."""
    lit, ld = new_mask(size)
    dark, dd = new_mask(size)
    for (x0, y0), (x1, y1) in itertools.pairwise(top):
        slope = (y1 - y0) / (x1 - x0)
        towards = slope > 0 if (x0 + x1) / 2 < light_x else slope < 0
        level = clamp8(255 * min(1.0, abs(slope) * 2.5))
        quad = [(x0, y0), (x1, y1), (x1, y1 + depth), (x0, y0 + depth)]
        (ld if towards else dd).polygon(quad, fill=level)
    return blur(lit, softness), blur(dark, softness)


def mountain_profile(rng: random.Random, width: float, base: float, amp: float,
                     roughness: float = 0.55, steps: int = 512) -> list[Point]:
    line = fractal_line(rng, steps + 1, roughness)
    return [(-0.02 * width + 1.04 * width * i / steps, base - amp * (0.5 + 0.5 * v)) for i, v in enumerate(line)]


def close_below(top: Sequence[Point], size: Size) -> list[Point]:
    w, h = size
    return [*top, (w * 1.1, h * 1.1), (-w * 0.1, h * 1.1)]


def ridge_light(size: Size, top: Sequence[Point], width: float, weight: Callable[[float], float],
                softness: float) -> Image.Image:
    """A soft line along a ridge whose brightness varies along x (rim light)."""
    mask, draw = new_mask(size)
    for (x0, y0), (x1, y1) in itertools.pairwise(top):
        draw.line((x0, y0, x1, y1), fill=clamp8(255 * weight((x0 + x1) / 2)), width=max(1, round(width)))
    return blur(mask, softness)


def layer_fill(image: Image.Image, polygon: Sequence[Point], paint: RGB | Image.Image,
               softness: float = 1.0) -> Image.Image:
    """Fill a polygon (soft edged) and return its mask for further lighting."""
    mask = polygon_mask(image.size, [polygon], softness)
    fill(image, paint, mask)
    return mask


def foliage(draw: ImageDraw.ImageDraw, rng: random.Random, center: Point, radius: tuple[float, float],
            count: int, blob: float) -> None:
    """A tree crown: many overlapping leaf clusters scattered within an ellipse."""
    cx, cy = center
    rx, ry = radius
    for _ in range(count):
        a = rng.uniform(0, 2 * math.pi)
        d = math.sqrt(rng.random())
        x, y = cx + math.cos(a) * d * rx, cy + math.sin(a) * d * ry
        r = blob * rng.uniform(0.5, 1.2)
        draw.ellipse((x - r, y - r * 0.85, x + r, y + r * 0.85), fill=255)


def snowy_range(img: Image.Image, rng: random.Random, base: float, amp: float, rock: RGB, snow: RGB,
                snowline: float, light_x: float) -> Image.Image:
    """A mountain ridge with sunlit and shadowed faces and snow above the snowline; returns its mask."""
    w, h = img.size
    ridge = mountain_profile(rng, w, base, amp, 0.56)
    mask = layer_fill(img, close_below(ridge, img.size), rock, 2)
    lit, dark = slope_shade(img.size, ridge, amp * 0.9, light_x, amp * 0.08)
    cover = threshold(ImageChops.add(rotated_noise(rng, img.size, (w * 0.012, h * 0.06), 0, octaves=3),
                                     noise_field(rng, img.size, w * 0.05, octaves=3), scale=2.0), 105, 140)
    cover = ImageChops.multiply(ImageChops.multiply(cover, mask), ramp(img.size, [(snowline - 0.04, 1.0),
                                                                               (snowline + 0.03, 0.0)]))
    fill(img, snow, cover)
    darken(img, scale_mask(ImageChops.multiply(dark, mask), 0.45), (120, 130, 170))
    light_layer(img, scale_mask(ImageChops.multiply(lit, mask), 0.25), (255, 240, 220))
    return mask


# --------------------------------------------------------------------------
# Bekzat Popov


def paint_moyynkum_evening(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    horizon = 0.56 * h
    img = gradient(size, [(0.0, (44, 48, 92)), (0.18, (92, 70, 104)), (0.36, (190, 108, 84)),
                          (0.48, (244, 164, 90)), (0.56, (255, 204, 128)), (1.0, (255, 210, 140))])
    clouds = threshold(noise_field(rng, size, (w * 0.6, h * 0.03), octaves=5), 140, 225, 0.5)
    clouds = blur(clouds, 6)
    band = ramp(size, [(0.05, 0.0), (0.16, 1.0), (0.4, 0.8), (0.5, 0.0)])
    clouds = ImageChops.multiply(clouds, band)
    fill(img, (226, 124, 104), clouds)
    light_layer(img, scale_mask(ImageChops.subtract(clouds, shift(clouds, 0, -int(h * 0.004))), 0.8),
                (255, 200, 140))

    sun = (0.63 * w, 0.532 * h)
    glow(img, sun, (w * 1.0, h * 0.5), (255, 140, 60), 0.55, power=1.5)
    glow(img, sun, w * 0.32, (255, 190, 110), 0.75, power=2.2)
    glow(img, sun, w * 0.08, (255, 236, 190), 1.0, power=1.4)
    disc, d = new_mask(size)
    r = 0.032 * w
    d.ellipse((sun[0] - r, sun[1] - r, sun[0] + r, sun[1] + r), fill=255)
    fill(img, (255, 250, 232), blur(disc, 3))

    # Distant dune ridges, each one hazier than the one in front of it.
    haze = (246, 172, 108)
    bases = [0.01, 0.024, 0.045, 0.075, 0.115, 0.17]
    for i, offset in enumerate(bases):
        depth = i / (len(bases) - 1)
        base = horizon + offset * h
        amp = h * (0.015 + 0.06 * depth)
        top = dune_profile(rng, w, base, amp, 2.6 - 1.2 * depth + rng.uniform(-0.3, 0.3))
        crest = min(y for _, y in top)
        near = mix((228, 146, 92), (120, 62, 40), depth**0.8)
        paint = gradient(size, [(crest / h, mix(near, haze, 0.1)), ((base + amp * 0.5) / h, near),
                                (1.0, shade(near, 0.75))])
        mask = layer_fill(img, close_below(top, size), paint, softness=1.5)
        lit, dark = slope_shade(size, top, amp * 0.6, sun[0], 6 + amp * 0.25)
        darken(img, scale_mask(ImageChops.multiply(dark, mask), 0.4), (110, 80, 90))
        light_layer(img, scale_mask(ImageChops.multiply(lit, mask), 0.3), (230, 130, 60))
        rim = ridge_light(size, top, w * 0.0015,
                          lambda x: 0.8 * math.exp(-(((x - sun[0]) / (0.22 * w)) ** 2)), softness=3)
        light_layer(img, rim, (255, 196, 120))
        next_base = horizon + (bases[i + 1] if i + 1 < len(bases) else 0.25) * h
        mist = ramp(size, [(crest / h, 0.0), (next_base / h, 0.55 - 0.25 * depth)])
        fill(img, haze, ImageChops.multiply(mist, mask))

    # The near dune: a knife-edge crest dividing a sunlit face from a shadowed slip face.
    peak = (0.56 * w, 0.705 * h)
    skyline = chaikin([(-0.05 * w, 0.8 * h), (0.2 * w, 0.765 * h), (0.42 * w, 0.72 * h), peak,
                       (0.7 * w, 0.725 * h), (0.9 * w, 0.745 * h), (1.05 * w, 0.755 * h)], 3, False)
    crest_line = chaikin([peak, (0.51 * w, 0.765 * h), (0.43 * w, 0.835 * h), (0.28 * w, 0.92 * h),
                          (0.16 * w, 1.05 * h)], 3, False)
    mass = close_below(skyline, size)
    sand = gradient(size, [(0.7, (230, 146, 86)), (0.85, (206, 118, 66)), (1.0, (160, 84, 50))])
    layer_fill(img, mass, sand, 1.2)
    left_of_crest = [*[p for p in skyline if p[0] <= peak[0]], *crest_line, (-0.1 * w, 1.1 * h)]
    shadow_paint = gradient(size, [(0.7, (160, 98, 82)), (0.85, (124, 72, 62)), (1.0, (84, 48, 44))])
    slip = layer_fill(img, left_of_crest, shadow_paint, 1.5)
    lit_face = ImageChops.subtract(polygon_mask(size, [mass], 1.2), slip)
    drift = noise_field(rng, size, (w * 0.12, h * 0.03), octaves=4)
    darken(img, scale_mask(ImageChops.multiply(drift, slip), 0.18), (120, 100, 110))
    light_layer(img, scale_mask(ImageChops.multiply(ramp(size, [(0.15, 0.0), (0.45, 0.5)], horizontal=True),
                                                    slip), 0.25), (120, 60, 40))
    ripples, rd = new_mask(size)
    count = 110
    for k in range(count):
        t = (k + rng.uniform(0.0, 0.7)) / count
        offset = (0.01 + 0.95 * t**1.5) * w
        wave = rng.uniform(0.002, 0.005) * h * (0.3 + t)
        phase, freq = rng.uniform(0, 6.3), rng.uniform(0.5, 1.2)
        pts = [(x + offset + wave * 0.6 * math.sin(i * freq + phase), y + wave * math.sin(i * freq * 0.8 + phase))
               for i, (x, y) in enumerate(crest_line)]
        rd.line(pts, fill=rng.randint(120, 255), width=max(2, round((0.001 + 0.004 * t) * w)), joint="curve")
    ripples = ImageChops.multiply(blur(ripples, 2.5), lit_face)
    darken(img, scale_mask(ripples, 0.22), (150, 90, 70))
    light_layer(img, scale_mask(ImageChops.multiply(shift(ripples, -5, -4), lit_face), 0.16), (255, 200, 140))
    light_layer(img, scale_mask(ImageChops.multiply(radial_mask(size, peak, (0.6 * w, 0.25 * h), power=1.2),
                                                    lit_face), 0.4), (255, 190, 120))
    texture = noise_field(rng, size, (w * 0.03, h * 0.004), octaves=3)
    darken(img, scale_mask(ImageChops.multiply(texture, lit_face), 0.12), (120, 90, 80))
    edge = ridge_light(size, skyline, w * 0.003,
                       lambda x: 0.3 + 0.6 * math.exp(-(((x - sun[0]) / (0.25 * w)) ** 2)), softness=3)
    light_layer(img, edge, (255, 206, 140))
    crest_glow = ridge_light(size, crest_line, w * 0.004, lambda x: 0.5, softness=4)
    light_layer(img, ImageChops.multiply(crest_glow, lit_face), (255, 210, 150))

    glow(img, sun, (w * 1.2, h * 0.3), (255, 170, 90), 0.3, power=1.2)
    return finish(img, rng, grain_amount=8, vignette_strength=0.45)


def paint_kyzylkum_night(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    horizon = 0.75 * h
    img = gradient(size, [(0.0, (2, 4, 12)), (0.4, (6, 10, 26)), (0.66, (16, 24, 46)), (0.75, (34, 42, 62)),
                          (1.0, (34, 42, 62))])
    fill(img, (40, 74, 58), ramp(size, [(0.58, 0.0), (0.71, 0.22), (0.76, 0.0)]))
    glow(img, (0.25 * w, horizon), (0.7 * w, 0.14 * h), (130, 84, 60), 0.5, power=1.6)

    # Milky Way: a diagonal band, computed at low resolution then textured.
    sw, sh = w // 8, h // 8
    ax, ay = 0.12 * sw, 0.78 * sh
    bx, by = 0.95 * sw, -0.05 * sh
    length = math.hypot(bx - ax, by - ay)
    ux, uy = (bx - ax) / length, (by - ay) / length
    values = []
    for py in range(sh):
        for px in range(sw):
            along = ((px - ax) * ux + (py - ay) * uy) / length
            across = (px - ax) * -uy + (py - ay) * ux
            width = sw * (0.2 - 0.09 * along)
            values.append(clamp8(255 * math.exp(-((across / width) ** 2)) * (1.0 - 0.55 * along)))
    small = Image.new("L", (sw, sh))
    small.putdata(values)
    band = small.resize(size, BICUBIC)
    core = small.point(lambda v: clamp8(255 * (v / 255) ** 4)).resize(size, BICUBIC)
    clumps = noise_field(rng, size, w * 0.12, octaves=5, persistence=0.6)
    glow_mask = ImageChops.multiply(band, clumps.point(lambda v: clamp8(60 + v * 0.8)))
    light_layer(img, scale_mask(glow_mask, 0.5), (176, 180, 206))
    light_layer(img, scale_mask(ImageChops.multiply(core, clumps), 0.45), (210, 170, 130))
    angle = math.degrees(math.atan2(-(by - ay) * 8, (bx - ax) * 8))
    lanes = threshold(rotated_noise(rng, size, (w * 0.22, w * 0.07), angle, octaves=5), 125, 200)
    rift = small.point(lambda v: clamp8(255 * smoothstep(0.55, 0.9, v / 255))).resize(size, BICUBIC)
    lanes = ImageChops.multiply(ImageChops.multiply(lanes, rift), ramp(size, [(0.5, 1.0), (0.68, 0.0)]))
    darken(img, blur(scale_mask(lanes, 0.7), 5), (70, 64, 66))

    stars = Image.new("RGB", size)
    sd = ImageDraw.Draw(stars)
    bright: list[tuple[float, float, RGB]] = []
    placed = 0
    while placed < 16000:
        x, y = rng.uniform(0, w), rng.uniform(0, horizon)
        density = small.getpixel((min(sw - 1, int(x / 8)), min(sh - 1, int(y / 8))))
        assert isinstance(density, int)
        if rng.random() > 0.25 + 0.75 * density / 255:
            continue
        placed += 1
        mag = rng.random() ** 7
        fade = smoothstep(horizon, horizon - 0.18 * h, y)
        level = (30 + 225 * mag**0.6) * (0.3 + 0.7 * fade)
        tint = rng.choice([(1.0, 1.0, 1.0), (0.8, 0.88, 1.0), (1.0, 0.9, 0.75), (1.0, 0.96, 0.9)])
        color = (clamp8(level * tint[0]), clamp8(level * tint[1]), clamp8(level * tint[2]))
        r = 0.6 + 2.6 * mag
        if r < 1.0:
            sd.point((x, y), fill=color)
        else:
            sd.ellipse((x - r, y - r, x + r, y + r), fill=color)
        if mag > 0.45 and fade > 0.3:
            bright.append((x, y, color))
    img = ImageChops.screen(img, blur(stars, 0.7))
    for x, y, color in bright:
        glow(img, (x, y), 12 + 16 * rng.random(), color, 0.45, power=3)

    for i in range(4):
        depth = i / 3
        base = horizon + (0.006 + 0.2 * depth**1.4) * h
        top = dune_profile(rng, w, base, h * (0.012 + 0.05 * depth), 2.8 - 1.2 * depth)
        color = mix((14, 16, 28), (3, 4, 8), depth)
        mask = layer_fill(img, close_below(top, size), color, softness=1.5)
        rim = ridge_light(size, top, 3 + 3 * depth, lambda x: 0.45 - 0.3 * x / w, 3)
        light_layer(img, ImageChops.multiply(rim, mask), (70, 80, 110))
    return finish(img, rng, grain_amount=14, vignette_strength=0.4)


def paint_aral_salt_flats(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    horizon = 0.6 * h
    img = gradient(size, [(0.0, (40, 46, 88)), (0.28, (92, 90, 134)), (0.48, (184, 140, 150)),
                          (0.6, (240, 190, 164)), (0.61, (226, 196, 196)), (0.75, (206, 188, 200)),
                          (1.0, (170, 160, 180))])
    clouds = threshold(noise_field(rng, size, (w * 0.7, h * 0.05), octaves=4), 130, 210, 0.75)
    clouds = ImageChops.multiply(clouds, ramp(size, [(0.02, 0.5), (0.2, 1.0), (0.45, 0.6), (0.56, 0.0)]))
    fill(img, (120, 96, 128), clouds)
    light_layer(img, scale_mask(ImageChops.subtract(clouds, shift(clouds, 0, -int(h * 0.01))), 0.9),
                (250, 160, 130))
    glow(img, (0.28 * w, horizon), (0.8 * w, 0.28 * h), (255, 176, 130), 0.6, power=1.6)

    # The salt flat reflects the sky: a flipped, blurred copy near the horizon.
    sky = img.crop((0, int(horizon - 0.35 * h), w, int(horizon)))
    mirror = blur(ImageOps.flip(sky), 8)
    wet = Image.new("L", size, 0)
    wet.paste(ramp(mirror.size, [(0.0, 0.8), (0.25, 0.45), (1.0, 0.0)]), (0, int(horizon)))
    wet = ImageChops.multiply(wet, threshold(noise_field(rng, size, (w * 0.3, h * 0.02)), 80, 170))
    flat = Image.new("RGB", size)
    flat.paste(mirror, (0, int(horizon)))
    fill(img, flat, wet)
    texture = noise_field(rng, size, (w * 0.05, h * 0.01), octaves=4)
    texture = ImageChops.multiply(texture, ramp(size, [(0.6, 0.0), (0.7, 0.35), (1.0, 0.7)]))
    darken(img, scale_mask(texture, 0.5), (200, 194, 210))

    # Polygonal salt crust in perspective.
    cam = Camera(w, h, horizon, focal=w * 0.9, eye=1.6)
    cracks, cd = new_mask(size)
    shadows, shd = new_mask(size)
    cell = 0.9
    rows: list[list[Point | None]] = []
    z = 1.6
    while z < 60:
        row: list[Point | None] = []
        span = z * (w / 2) / cam.focal + cell
        x = -span
        while x <= span:
            jx, jz = x + rng.uniform(-0.35, 0.35) * cell, z + rng.uniform(-0.35, 0.35) * cell
            row.append(cam.project(jx, 0, jz))
            x += cell
        rows.append(row)
        z += cell
    for r_index, row in enumerate(rows):
        z = 1.6 + r_index * cell
        fade = math.exp(-z / 14)
        width = max(1, round(cam.scale(0.035, z)))
        level = clamp8(255 * fade)
        below = rows[r_index + 1] if r_index + 1 < len(rows) else None
        ofs = (len(below) - len(row)) // 2 if below is not None else 0
        for i, p in enumerate(row):
            if p is None:
                continue
            targets: list[Point | None] = []
            if i + 1 < len(row) and rng.random() > 0.2:
                targets.append(row[i + 1])
            if below is not None and 0 <= i + ofs < len(below) and rng.random() > 0.2:
                targets.append(below[i + ofs])
            if below is not None and 0 <= i + ofs + 1 < len(below) and rng.random() < 0.3:
                targets.append(below[i + ofs + 1])
            for q in targets:
                if q is None:
                    continue
                mid = ((p[0] + q[0]) / 2 + rng.uniform(-0.15, 0.15) * abs(q[1] - p[1] + q[0] - p[0]),
                       (p[1] + q[1]) / 2 + rng.uniform(-0.1, 0.1) * abs(q[1] - p[1]))
                cd.line((p, mid, q), fill=level, width=width, joint="curve")
                shd.line(((p[0], p[1] + width), (mid[0], mid[1] + width), (q[0], q[1] + width)),
                         fill=level, width=width)
    darken(img, blur(scale_mask(shadows, 0.35), 1.5), (140, 130, 150))
    light_layer(img, blur(scale_mask(cracks, 0.3), 1.2), (255, 246, 240))

    # A stranded ship on the horizon, rusted and slightly listing.
    sx, sy, L = 0.64 * w, horizon + 0.004 * h, 0.17 * w
    hull = [(sx - L * 0.5, sy - L * 0.07), (sx + L * 0.38, sy - L * 0.085), (sx + L * 0.5, sy - L * 0.14),
            (sx + L * 0.47, sy), (sx - L * 0.46, sy)]
    cabin = [(sx - L * 0.42, sy - L * 0.07), (sx - L * 0.42, sy - L * 0.2), (sx - L * 0.2, sy - L * 0.2),
             (sx - L * 0.2, sy - L * 0.07)]
    bridge = [(sx - L * 0.38, sy - L * 0.2), (sx - L * 0.37, sy - L * 0.27), (sx - L * 0.25, sy - L * 0.27),
              (sx - L * 0.24, sy - L * 0.2)]
    funnel = [(sx - L * 0.15, sy - L * 0.08), (sx - L * 0.13, sy - L * 0.21), (sx - L * 0.08, sy - L * 0.21),
              (sx - L * 0.08, sy - L * 0.08)]
    mast = [(sx + L * 0.2, sy - L * 0.08), (sx + L * 0.205, sy - L * 0.3), (sx + L * 0.212, sy - L * 0.3),
            (sx + L * 0.215, sy - L * 0.08)]
    parts = [rotate(p, math.radians(-2.5), (sx, sy)) for p in (hull, cabin, bridge, funnel, mast)]
    ship = polygon_mask(size, parts, 1.0)
    fill(img, mix((84, 44, 36), (200, 160, 160), 0.3), ship)
    rust = ImageChops.multiply(ship, threshold(noise_field(rng, size, w * 0.01, octaves=3), 110, 220))
    fill(img, mix((150, 72, 40), (200, 160, 160), 0.3), scale_mask(rust, 0.7))
    rim_light(img, ship, (4, 0), (255, 190, 150), 1.5, 0.6)
    reflection = ImageOps.flip(ship.crop((0, int(sy - L * 0.35), w, int(sy))))
    refl = Image.new("L", size, 0)
    refl.paste(blur(reflection, 4), (0, int(sy)))
    darken(img, scale_mask(smear(refl, 8, vertical=True), 0.45), (120, 90, 100))
    glow(img, (0.28 * w, horizon), (w * 0.9, 0.1 * h), (255, 200, 170), 0.35, power=1.3)
    return finish(img, rng, grain_amount=8, vignette_strength=0.35)


def paint_saukele(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    cx = 0.5 * w
    img = gradient(size, [(0.0, (34, 22, 15)), (0.5, (26, 17, 12)), (1.0, (12, 8, 6))])

    # Yurt interior behind her: lattice wall, roof poles and a felt wall hanging, out of focus.
    wood, wd = new_mask(size)
    step = 0.075 * w
    for k in range(-20, 30):
        x0 = k * step
        wd.line((x0, 0.5 * h, x0 + 0.6 * h, 1.1 * h), fill=255, width=round(0.008 * w))
        wd.line((x0, 0.5 * h, x0 - 0.6 * h, 1.1 * h), fill=255, width=round(0.008 * w))
    for k in range(-12, 13):
        wd.line((cx + k * 0.09 * w, 0.5 * h, cx + k * 0.02 * w, -0.4 * h), fill=200, width=round(0.012 * w))
    wd.line((0, 0.5 * h, w, 0.5 * h), fill=255, width=round(0.012 * w))
    fill(img, (128, 80, 44), scale_mask(wood, 0.5))
    hanging = [(0.7 * w, 0.06 * h), (1.05 * w, 0.05 * h), (1.05 * w, 0.8 * h), (0.72 * w, 0.82 * h)]
    fill(img, (96, 20, 22), polygon_mask(size, [hanging], 2))
    orn, od = new_mask(size)
    for row in range(4):
        draw_rosette(od, (0.9 * w, (0.14 + 0.2 * row) * h), 0.14 * w, round(0.012 * w), 255)
    fill(img, (170, 120, 56), scale_mask(orn, 0.8))
    glow(img, (-0.15 * w, 0.25 * h), (0.95 * w, 0.8 * h), (255, 160, 90), 0.5, power=1.5)
    darken(img, ramp(size, [(0.0, 0.6), (0.5, 0.0)], horizontal=True), (170, 150, 140))
    img = blur(img, 22)

    # Shoulders: red velvet kamzol over a white dress, gold embroidery along the opening.
    shoulders = [(cx - 0.055 * w, 0.6 * h), (cx + 0.055 * w, 0.6 * h), (cx + 0.13 * w, 0.635 * h),
                 (cx + 0.29 * w, 0.68 * h), (cx + 0.37 * w, 0.72 * h), (cx + 0.42 * w, 0.8 * h),
                 (cx + 0.45 * w, 1.05 * h), (cx - 0.45 * w, 1.05 * h), (cx - 0.42 * w, 0.8 * h),
                 (cx - 0.37 * w, 0.72 * h), (cx - 0.29 * w, 0.68 * h), (cx - 0.13 * w, 0.635 * h)]
    body = layer_fill(img, chaikin(shoulders, 3), velvet(size, rng, (176, 30, 38), (40, 6, 12), 0.3,
                                                         w * 0.01), 2)
    folds = rotated_noise(rng, size, (w * 0.04, h * 0.4), 8, octaves=3)
    darken(img, scale_mask(ImageChops.multiply(folds, body), 0.35), (120, 90, 90))
    opening = chaikin([(cx - 0.06 * w, 0.6 * h), (cx + 0.06 * w, 0.6 * h), (cx + 0.085 * w, 0.75 * h),
                       (cx + 0.05 * w, 1.05 * h), (cx - 0.05 * w, 1.05 * h), (cx - 0.085 * w, 0.75 * h)], 2)
    dress = gradient(size, [(0.4, (238, 230, 216)), (0.5, (218, 208, 192)), (0.6, (140, 128, 118))],
                     horizontal=True)
    layer_fill(img, opening, dress, 2)
    gold, gd = new_mask(size)
    edge = opening[len(opening) // 2:] + opening[:len(opening) // 2]
    gd.line(edge, fill=255, width=round(0.026 * w), joint="curve")
    for side in (-1, 1):
        for k in range(9):
            t = k / 8
            x = cx + side * (0.085 - 0.03 * abs(t - 0.35) * 2) * w + side * 0.045 * w
            y = (0.64 + 0.4 * t) * h
            draw_horns(gd, (x, y + 0.012 * h), 0.03 * w, side * math.pi / 2, round(0.004 * w), 255)
    for k in range(9):
        y = (0.655 + 0.042 * k) * h
        gd.ellipse((cx - 0.009 * w, y - 0.009 * w, cx + 0.009 * w, y + 0.009 * w), fill=255)
    collar = [(cx - 0.05 * w, 0.585 * h), (cx + 0.05 * w, 0.585 * h), (cx + 0.055 * w, 0.615 * h),
              (cx - 0.055 * w, 0.615 * h)]
    gd.polygon(collar, fill=255)
    gold = blur(gold, 1.5)
    fill(img, gilt(size, rng, 0.35), gold)

    # The face, softly lit from the left, eyes lowered.
    face_c = (cx, 0.51 * h)
    fr = (0.086 * w, 0.074 * h)
    face_mask, fd = new_mask(size)
    fd.ellipse((face_c[0] - fr[0], face_c[1] - fr[1], face_c[0] + fr[0], face_c[1] + fr[1] * 1.1), fill=255)
    fd.rectangle((cx - 0.036 * w, face_c[1], cx + 0.036 * w, 0.6 * h), fill=255)
    face_mask = blur(face_mask, 3)
    fill(img, gradient(size, [(0.41, (232, 186, 154)), (0.5, (208, 158, 126)), (0.585, (112, 72, 58))],
                       horizontal=True), face_mask)
    darken(img, blur(ImageChops.multiply(face_mask, ramp(size, [(0.57, 0.0), (0.6, 0.8)])), 8),
           (110, 80, 70))
    feats, fe = new_mask(size)
    for side in (-1, 1):
        ex = face_c[0] + side * 0.036 * w
        fe.ellipse((ex - 0.03 * w, 0.487 * h, ex + 0.03 * w, 0.503 * h), fill=130)
        fe.line((ex - 0.02 * w, 0.499 * h, ex + 0.02 * w, 0.499 * h), fill=255, width=round(0.004 * w))
        fe.line((ex - 0.024 * w, 0.477 * h, ex + 0.02 * w, 0.475 * h), fill=110, width=round(0.005 * w))
    fe.polygon([(cx + 0.006 * w, 0.505 * h), (cx + 0.02 * w, 0.54 * h), (cx - 0.004 * w, 0.545 * h)], fill=100)
    darken(img, blur(feats, 6), (110, 64, 54))
    lips, lp = new_mask(size)
    lp.ellipse((cx - 0.026 * w, 0.558 * h, cx + 0.026 * w, 0.572 * h), fill=200)
    fill(img, (172, 84, 82), blur(lips, 4), 0.55)
    highlight, hl = new_mask(size)
    hl.line((cx - 0.002 * w, 0.5 * h, cx - 0.004 * w, 0.535 * h), fill=255, width=round(0.009 * w))
    hl.ellipse((cx - 0.075 * w, 0.52 * h, cx - 0.03 * w, 0.545 * h), fill=140)
    light_layer(img, scale_mask(blur(highlight, 10), 0.35), (255, 220, 200))
    glow(img, (cx - 0.05 * w, 0.535 * h), 0.045 * w, (230, 120, 110), 0.22)

    # The sheer veil falling from the headdress over her face and shoulders.
    veil, vd = new_mask(size)
    vd.polygon(chaikin([(cx - 0.11 * w, 0.445 * h), (cx + 0.11 * w, 0.445 * h), (cx + 0.15 * w, 0.58 * h),
                        (cx + 0.24 * w, 0.7 * h), (cx - 0.24 * w, 0.7 * h), (cx - 0.15 * w, 0.58 * h)], 3),
               fill=255)
    veil = blur(veil, 8)
    veil_folds = rotated_noise(rng, size, (w * 0.012, h * 0.4), 0, octaves=2)
    veil = ImageChops.multiply(veil, veil_folds.point(lambda v: clamp8(60 + v * 0.45)))
    veil = ImageChops.multiply(veil, ramp(size, [(0.44, 0.8), (0.6, 1.0), (0.7, 0.7)]))
    fill(img, (244, 240, 234), veil)

    # The saukele: a tall red velvet cone with gold bands, coral and hanging pendants.
    base_y, top_y = 0.45 * h, 0.06 * h

    def half_width(t: float) -> float:
        return 0.112 * w * (1 - 0.7 * t) + 0.012 * w * math.sin(math.pi * t)

    left = [(cx - half_width(i / 24), base_y + (top_y - base_y) * i / 24) for i in range(25)]
    cone = [*left, *[(2 * cx - x, y) for x, y in reversed(left)]]
    cone_mask = layer_fill(img, cone, velvet(size, rng, (192, 32, 42), (44, 4, 12), 0.42, w * 0.008), 1.5)
    trim, td = new_mask(size)
    for band in (0.0, 0.26, 0.5, 0.72, 0.9):
        y = base_y + (top_y - base_y) * band
        hw = half_width(band)
        thick = (0.022 if band == 0.0 else 0.009) * w
        td.arc((cx - hw, y - 0.014 * h, cx + hw, y + 0.014 * h), 0, 180, fill=255, width=round(thick))
    for k in range(10):
        y = base_y - 0.035 * h - k * 0.033 * h
        r = 0.018 * w * (1 - 0.055 * k)
        td.polygon([(cx, y - r * 1.4), (cx + r, y), (cx, y + r * 1.4), (cx - r, y)], fill=255)
    for side in (-1, 1):
        for k in range(6):
            t = 0.1 + 0.13 * k
            y = base_y + (top_y - base_y) * t
            x = cx + side * half_width(t) * 0.55
            r = 0.01 * w * (1 - 0.4 * t)
            td.ellipse((x - r, y - r, x + r, y + r), fill=220)
    td.ellipse((cx - 0.04 * w, top_y - 0.035 * h, cx + 0.04 * w, top_y + 0.012 * h), fill=255)
    trim = blur(trim, 1.5)
    fill(img, gilt(size, rng, 0.44), trim)
    coral, cd = new_mask(size)
    for k in range(10):
        y = base_y - 0.035 * h - k * 0.033 * h
        r = 0.007 * w * (1 - 0.04 * k)
        cd.ellipse((cx - r, y - r, cx + r, y + r), fill=255)
    for k in range(-7, 8):
        x = cx + k * 0.016 * w
        y = base_y + 0.006 * h * (1 - (k / 8) ** 2)
        cd.ellipse((x - 0.0055 * w, y - 0.0055 * w, x + 0.0055 * w, y + 0.0055 * w), fill=255)
    fill(img, (196, 54, 44), blur(coral, 1.2))

    plume, pd = new_mask(size)
    for _ in range(40):
        a = math.radians(rng.gauss(0, 14))
        length = rng.uniform(0.03, 0.075) * h
        x0, y0 = cx + rng.uniform(-0.01, 0.01) * w, top_y - 0.025 * h
        pd.line((x0, y0, x0 + math.sin(a) * length, y0 - math.cos(a) * length), fill=rng.randint(120, 255),
                width=round(rng.uniform(0.004, 0.01) * w))
    fill(img, (236, 230, 220), blur(plume, 4))

    # Strings of silver beads and coin pendants hanging beside the face.
    beads, bd = new_mask(size)
    for side in (-1, 1):
        for strand in range(5):
            x = cx + side * (0.094 + 0.01 * strand) * w
            y = base_y + 0.008 * h
            for k in range(18 - strand * 2):
                r = 0.0052 * w * (1 - 0.015 * k)
                bd.ellipse((x - r, y - r, x + r, y + r), fill=255)
                y += r * 2.2
                x += side * (0.0012 + 0.0004 * strand) * w
            bd.ellipse((x - 0.012 * w, y, x + 0.012 * w, y + 0.024 * w), fill=255)
    fringe_y = base_y + 0.012 * h
    for k in range(-6, 7):
        x = cx + k * 0.015 * w
        for j in range(3):
            r = 0.0042 * w
            y = fringe_y + j * 0.009 * h + 0.004 * h * (1 - (k / 7) ** 2)
            bd.ellipse((x - r, y - r, x + r, y + r), fill=255)
    beads = blur(beads, 1.2)
    fill(img, gradient(size, [(0.4, (226, 220, 208)), (0.6, (110, 104, 100))], horizontal=True), beads)
    sparkle = ImageChops.multiply(beads, shift(ImageOps.invert(beads), 4, 4))
    light_layer(img, scale_mask(sparkle, 0.9), (255, 250, 235))
    fill(img, (200, 56, 46), ImageChops.multiply(beads, threshold(noise_field(rng, size, 12, octaves=1),
                                                                   200, 230)))

    # Key light from the left, the far side falling away into shadow.
    figure = ImageChops.lighter(ImageChops.lighter(body, cone_mask), face_mask)
    falloff_mask = ImageChops.multiply(ramp(size, [(0.38, 0.0), (0.85, 0.7)], horizontal=True),
                                       blur(figure, 20))
    darken(img, falloff_mask, (80, 60, 60))
    darken(img, ramp(size, [(0.62, 0.0), (1.0, 0.65)]), (60, 50, 50))
    shade_top = ImageChops.multiply(face_mask, ramp(size, [(0.445, 0.6), (0.49, 0.0)]))
    darken(img, blur(shade_top, 10), (120, 90, 80))
    glow(img, (0.15 * w, 0.3 * h), (0.7 * w, 0.6 * h), (255, 190, 130), 0.25, power=1.6)
    rim_light(img, figure, (-8, 0), (255, 170, 120), 5, 0.45)
    img = blur(img, 2.2)
    return finish(img, rng, grain_amount=10, vignette_strength=0.55)


def paint_dombra_astana(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    floor_y = 0.905 * h
    img = gradient(size, [(0.0, (8, 6, 12)), (0.5, (16, 12, 22)), (0.9, (24, 17, 22)), (1.0, (10, 7, 6))])
    curtain = rotated_noise(rng, size, (w * 0.04, h * 4), 0, octaves=2)
    fill(img, (44, 36, 72), scale_mask(ImageChops.multiply(curtain, ramp(size, [(0.05, 0.0), (0.9, 0.6)])), 0.5))
    bokeh(img, rng, 26, (0, 0.02 * h, w, 0.3 * h), [(255, 190, 110), (255, 214, 160), (220, 150, 90)],
          (0.012 * w, 0.04 * w), (0.1, 0.35))

    # Spotlights from behind and above, made visible by stage haze.
    haze = noise_field(rng, size, w * 0.25, octaves=4).point(lambda v: clamp8(90 + v * 0.65))
    lights = Image.new("RGB", size)
    for apex, target, spread, color in (((0.84 * w, -0.05 * h), (0.62 * w, 0.75 * h), 0.12 * w, (255, 186, 110)),
                                        ((0.5 * w, -0.08 * h), (0.6 * w, 0.8 * h), 0.1 * w, (255, 214, 160)),
                                        ((1.05 * w, 0.1 * h), (0.5 * w, 0.6 * h), 0.08 * w, (200, 150, 255))):
        beam(lights, apex, target, spread, color, 0.55, 60)
    glow(lights, (0.7 * w, 0.38 * h), (0.55 * w, 0.45 * h), (255, 170, 100), 0.7, power=1.6)
    img = ImageChops.screen(img, ImageChops.multiply(lights, Image.merge("RGB", (haze, haze, haze))))
    glow(img, (0.62 * w, floor_y + 0.02 * h), (0.4 * w, 0.05 * h), (255, 190, 120), 0.5, power=1.4)

    # The musician, seated in profile facing left, backlit: mostly silhouette.
    hx, hy, u = 0.68 * w, 0.71 * h, 0.0095 * h

    def pt(x: float, y: float) -> Point:
        return hx + x * u, hy + y * u

    shapes: list[list[Point]] = [
        chaikin([pt(7, 2), pt(8.5, -10), pt(7.5, -20), pt(4, -29), pt(0, -32), pt(-5, -31.5), pt(-9, -26),
                 pt(-10, -18), pt(-8, -8), pt(-6, 0), pt(0, 4)], 2),
        [pt(-5, -35), pt(-0.5, -34), pt(0.5, -29), pt(-5, -29)],
        [pt(-10.6, -39.3), pt(-12.4, -36.2), pt(-10.6, -35.6)],
        chaikin([pt(8, -6), pt(9.5, 10), pt(-4, 12), pt(-17, 11), pt(-24, 9), pt(-24.5, 1), pt(-20, -3.5),
                 pt(-10, -3)], 2),
        chaikin([pt(-23, 1), pt(-17, 1), pt(-15.5, 19.5), pt(-22, 19.5)], 1),
        chaikin([pt(-14, 18.5), pt(-13.5, 23), pt(-26, 23), pt(-25, 20), pt(-21.5, 18.5)], 1),
    ]
    sil = polygon_mask(size, shapes, 1.2)
    sd = ImageDraw.Draw(sil)
    head = pt(-6, -38.5)
    sd.ellipse((head[0] - 5 * u, head[1] - 5.8 * u, head[0] + 5 * u, head[1] + 5.8 * u), fill=255)
    sd.ellipse((*pt(-11, -37), *pt(-4, -32.3)), fill=255)
    sd.ellipse((*pt(-12, -48.5), *pt(-0.2, -40)), fill=255)
    sd.rounded_rectangle((*pt(-12.8, -44), *pt(0.6, -39.8)), radius=2 * u, fill=255)
    for x0, x1 in ((0, 0.5), (9, 11)):
        sd.line((pt(x0, 9), pt(x1, 23)), fill=255, width=round(1.0 * u))
    sd.line((pt(-2, -26), pt(3.5, -14), pt(-5, -7)), fill=255, width=round(5.5 * u), joint="curve")
    sil = blur(sil, 1.2)

    # The dombra: pear-shaped body in his lap, a long neck reaching up and forwards.
    angle = math.radians(-44)
    body_c = pt(-8, -6)
    axis = (math.sin(angle), -math.cos(angle))
    perp = (-axis[1], axis[0])
    length, width = 26 * u, 16 * u

    def along(v: float, across: float) -> Point:
        return (body_c[0] + axis[0] * v + perp[0] * across, body_c[1] + axis[1] * v + perp[1] * across)

    outline = []
    for i in range(41):
        t = i / 40
        outline.append(along(-length * 0.45 + length * t, max(0.07, math.sin(math.pi * t**0.8)) * width / 2))
    for i in range(40, -1, -1):
        t = i / 40
        outline.append(along(-length * 0.45 + length * t, -max(0.07, math.sin(math.pi * t**0.8)) * width / 2))
    neck_end = length * 0.55 + 42 * u
    neck = [along(length * 0.5, 1.3 * u), along(neck_end, 0.9 * u), along(neck_end, -0.9 * u),
            along(length * 0.5, -1.3 * u)]
    pegbox = [along(neck_end - 1, 1.5 * u), along(neck_end + 7 * u, 1.2 * u), along(neck_end + 7 * u, -1.2 * u),
              along(neck_end - 1, -1.5 * u)]
    wood = polygon_mask(size, [outline], 1.2)
    grip = along(length * 0.5 + 28 * u, 0)
    arm, ad = new_mask(size)
    ad.line((pt(-5, -27), pt(-17, -20), grip), fill=255, width=round(5 * u), joint="curve")
    ad.ellipse((grip[0] - 2.6 * u, grip[1] - 2.6 * u, grip[0] + 2.6 * u, grip[1] + 2.6 * u), fill=255)
    fill(img, (14, 10, 14), blur(arm, 1.2))
    fill(img, gradient(size, [(0.3, (22, 18, 30)), (0.7, (10, 8, 13)), (1.0, (5, 4, 6))]), sil)
    cloth = noise_field(rng, size, w * 0.03, octaves=3)
    darken(img, scale_mask(ImageChops.multiply(cloth, sil), 0.4), (90, 80, 100))
    trim, trd = new_mask(size)
    trd.line(chaikin([pt(-6, -31), pt(-9.7, -22), pt(-8, -10), pt(-6, -2), pt(-15, 2), pt(-23, 9)], 2, False),
             fill=255, width=round(0.8 * u), joint="curve")
    fill(img, (120, 92, 48), ImageChops.multiply(blur(trim, 1.5), sil), 0.8)
    fill(img, gradient(size, [(0.45, (84, 46, 24)), (0.6, (34, 18, 10))]), wood)
    grain_lines = rotated_noise(rng, size, (w * 0.6, w * 0.006), -math.degrees(angle) + 90, octaves=2)
    darken(img, scale_mask(ImageChops.multiply(grain_lines, wood), 0.3), (150, 100, 80))
    fill(img, (20, 12, 10), polygon_mask(size, [neck, pegbox], 1.0))
    strum, std = new_mask(size)
    std.line((pt(3.5, -14), along(length * 0.05, -2 * u)), fill=255, width=round(5 * u))
    hand = along(length * 0.05, -2 * u)
    std.ellipse((hand[0] - 3 * u, hand[1] - 2.6 * u, hand[0] + 3 * u, hand[1] + 2.6 * u), fill=255)
    fill(img, (12, 9, 12), blur(strum, 1.2))
    strings, sgd = new_mask(size)
    for offset in (-0.4, 0.4):
        sgd.line((along(-length * 0.3, offset * u), along(neck_end, offset * u)), fill=200,
                 width=max(1, round(0.14 * u)))
    light_layer(img, blur(strings, 0.7), (255, 210, 160))

    whole = ImageChops.lighter(ImageChops.lighter(sil, wood), ImageChops.lighter(blur(arm, 1.2),
                                                                                  polygon_mask(size, [neck])))
    rim_light(img, whole, (-10, 8), (255, 196, 130), 5, 1.0)
    rim_light(img, whole, (-4, 3), (255, 230, 190), 2, 0.5)
    img = floor_reflection(img, floor_y, 0.25, 8, 0.5)

    specks, spd = new_mask(size)
    for _ in range(700):
        x, y = rng.gauss(0.65 * w, 0.2 * w), rng.uniform(0, 0.85 * h)
        r = rng.uniform(0.8, 2.4)
        spd.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(50, 190))
    in_light = ImageChops.multiply(lights.convert("L").point(lambda v: clamp8(v * 3)), ImageOps.invert(whole))
    light_layer(img, ImageChops.multiply(blur(specks, 0.8), in_light), (255, 220, 170))
    audience(img, rng, 5, 0.95 * h, 0.06 * h, 30)
    img = blur(img, 1.0)
    return finish(img, rng, grain_amount=13, vignette_strength=0.5)


def paint_kara_zhorga(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    floor_y = 0.76 * h
    img = gradient(size, [(0.0, (6, 4, 20)), (0.4, (24, 12, 52)), (0.76, (44, 20, 64)),
                          (0.761, (18, 10, 26)), (1.0, (5, 3, 8))])
    glow(img, (0.5 * w, 0.34 * h), (0.65 * w, 0.42 * h), (70, 50, 190), 0.7, power=1.4)
    screen_orn, so = new_mask(size)
    for k in range(-3, 4):
        draw_rosette(so, (0.5 * w + k * 0.16 * w, 0.3 * h), 0.13 * w, round(0.006 * w), 255)
    light_layer(img, scale_mask(blur(screen_orn, 12), 0.3), (120, 110, 255))
    haze = noise_field(rng, size, w * 0.2, octaves=4).point(lambda v: clamp8(80 + v * 0.7))
    beams = Image.new("RGB", size)
    for k, color in enumerate([(230, 60, 170), (70, 170, 255), (255, 170, 70), (230, 60, 170), (70, 170, 255),
                               (255, 170, 70)]):
        apex = ((0.05 + 0.18 * k) * w, -0.05 * h)
        beam(beams, apex, ((0.25 + 0.1 * k) * w, 0.85 * h), 0.06 * w, color, 0.5, 40)
    img = ImageChops.screen(img, ImageChops.multiply(beams, Image.merge("RGB", (haze, haze, haze))))
    for k in range(5):
        glow(img, ((0.1 + 0.2 * k) * w, floor_y), (0.16 * w, 0.1 * h), [(255, 120, 200), (120, 180, 255)][k % 2],
             0.5, power=1.5)

    # A line of dancers: women in long red dresses, men in blue chapans, arms raised.
    poses = [((150, 170), (150, 170)), ((95, 150), (30, 100)), ((90, 75), (90, 75)), ((40, -60), (40, -60)),
             ((120, 160), (80, 40))]
    dancers = Image.new("RGB", size)
    mask_all, _ = new_mask(size)
    spots = [(0.2, 0.38, 0.0), (0.5, 0.38, 0.0), (0.8, 0.38, 0.0), (0.06, 0.5, 0.1), (0.34, 0.5, 0.1),
             (0.64, 0.5, 0.1), (0.93, 0.5, 0.1)]
    for i, (fx, fh, drop) in enumerate(spots):
        woman = i % 2 == 0
        x = (fx + rng.uniform(-0.015, 0.015)) * w
        height = fh * (0.92 if woman else 1.0) * h * rng.uniform(0.96, 1.03)
        base = floor_y + (0.02 + drop) * h + rng.uniform(-0.01, 0.01) * h
        arms = poses[rng.randrange(len(poses))]
        if rng.random() < 0.5:
            arms = (arms[1], arms[0])
        sway = rng.uniform(-1, 1)
        pose = Pose(arm_left=arms[0], arm_right=arms[1], leg_left=14 + 8 * sway, leg_right=6 - 8 * sway,
                    lean=0.03 * sway, skirt=0.15 if woman else 0.0, bulk=1.35)
        m, d = new_mask(size)
        geo = draw_figure(d, x, base, height, pose)
        hx, hy = geo.head
        r = geo.head_radius
        d.ellipse((hx - r * 1.05, hy - r * 1.6, hx + r * 1.05, hy - r * 0.25), fill=255)
        if woman:
            d.line((hx, hy - r * 1.5, hx + r * 0.6, hy - r * 3.4), fill=255, width=round(r * 0.3))
        m = blur(m, 1.5)
        costume = (150, 24, 38) if woman else (32, 44, 130)
        fill(dancers, costume, m)
        trim, td = new_mask(size)
        td.line((hx, hy + 1.8 * r, x, base - 0.05 * height), fill=255, width=round(0.02 * height))
        fill(dancers, (236, 214, 170), ImageChops.multiply(blur(trim, 2), m))
        face, fd = new_mask(size)
        fd.ellipse((hx - r * 0.7, hy - r * 0.5, hx + r * 0.7, hy + r), fill=255)
        for hand in geo.hands:
            fd.ellipse((hand[0] - r * 0.4, hand[1] - r * 0.4, hand[0] + r * 0.4, hand[1] + r * 0.4), fill=255)
        fill(dancers, (150, 100, 84), blur(face, 2))
        if drop == 0.0:
            dancers = ImageChops.multiply(dancers, Image.merge("RGB", [ImageOps.invert(scale_mask(m, 0.35))] * 3))
        mask_all = ImageChops.lighter(mask_all, m)
    dancers = ImageChops.multiply(dancers, Image.merge("RGB", [ramp(size, [(0.25, 0.5), (0.85, 0.14)])] * 3))
    glow(dancers, (-0.1 * w, 0.3 * h), (0.8 * w, 0.9 * h), (230, 60, 170), 0.45, power=1.3)
    glow(dancers, (1.1 * w, 0.3 * h), (0.8 * w, 0.9 * h), (70, 170, 255), 0.45, power=1.3)
    dancers = Image.composite(dancers, Image.new("RGB", size), mask_all)
    rim_light(dancers, mask_all, (0, 12), (255, 220, 200), 5, 0.9)
    rim_light(dancers, mask_all, (-8, 4), (255, 120, 220), 4, 0.6)

    # Long exposure: a faint trail, a smeared body and a sharper moment at the end.
    for length, offset, opacity in ((180, -0.05, 0.4), (60, -0.016, 0.7), (16, 0.0, 0.95)):
        dx = round(offset * w)
        img.paste(shift(smear(dancers, length), dx, 0), (0, 0),
                  shift(scale_mask(smear(mask_all, length), opacity), dx, 0))
    img = floor_reflection(img, floor_y + 0.09 * h, 0.35, 6)
    smoke = threshold(noise_field(rng, size, (w * 0.25, h * 0.08), octaves=4), 90, 220, 0.35)
    smoke = ImageChops.multiply(smoke, ramp(size, [(0.5, 0.0), (0.8, 1.0), (1.0, 0.4)]))
    light_layer(img, smoke, (150, 100, 200))
    audience(img, rng, 7, 0.97 * h, 0.07 * h, 30)
    return finish(img, rng, grain_amount=13, vignette_strength=0.45)


def paint_syrmak(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    cw, ch = round(w * 1.1), round(h * 0.9)
    navy, red, ochre, cream = (30, 38, 82), (168, 36, 34), (200, 142, 56), (226, 208, 168)
    carpet = Image.new("RGB", (cw, ch), navy)
    dye = noise_field(rng, (cw, ch), cw * 0.3, octaves=3)
    darken(carpet, scale_mask(dye, 0.3), (150, 120, 130))

    # Ochre border band with a running horn scroll, then big four-way ram's-horn motifs on the field.
    border = round(0.2 * ch)
    band = polygon_mask((cw, ch), [[(0, 0), (cw, 0), (cw, border), (0, border)]], 2)
    fill(carpet, ochre, band)
    stroke = round(0.04 * cw)
    cord = round(0.007 * cw)
    scroll, sd = new_mask((cw, ch))
    scroll_in, si = new_mask((cw, ch))
    for k in range(-1, 9):
        x = k * 0.16 * cw
        for draw, extra in ((sd, 2 * cord), (si, 0)):
            draw_horns(draw, (x, border * 0.9), border * 0.85, 0.0, stroke // 2 + extra, 255)
    fill(carpet, cream, ImageChops.multiply(blur(scroll, 1.2), band))
    fill(carpet, red, ImageChops.multiply(blur(scroll_in, 1.2), band))
    line, ld = new_mask((cw, ch))
    ld.line((0, border, cw, border), fill=255, width=3 * cord)
    fill(carpet, cream, blur(line, 1.2))

    motif, md = new_mask((cw, ch))
    motif_in, mi = new_mask((cw, ch))
    gap = 0.5 * cw
    for row in range(2):
        for col in range(3):
            c = (0.08 * cw + gap * col, border + 0.36 * ch + gap * 0.95 * row)
            draw_rosette(md, c, gap * 0.72, stroke + 4 * cord, 255)
            draw_rosette(mi, c, gap * 0.72, stroke, 255)
    fill(carpet, cream, blur(motif, 1.2))
    fill(carpet, red, blur(motif_in, 1.2))
    carpet = wobble(carpet, rng, 16, 0.004)

    # Felt: fuzzy fibres, pile texture.
    fibres, fib = new_mask((cw, ch))
    dark_fibres, dfib = new_mask((cw, ch))
    for _ in range(30000):
        x, y = rng.uniform(0, cw), rng.uniform(0, ch)
        a = rng.uniform(0, math.pi)
        length = rng.uniform(4, 14)
        target = fib if rng.random() < 0.5 else dfib
        target.line((x, y, x + math.cos(a) * length, y + math.sin(a) * length), fill=rng.randint(60, 160))
    light_layer(carpet, scale_mask(blur(fibres, 0.8), 0.3), (200, 170, 150))
    darken(carpet, scale_mask(blur(dark_fibres, 0.8), 0.3), (100, 80, 80))
    pile = noise_field(rng, (cw, ch), 8, octaves=2)
    darken(carpet, scale_mask(pile, 0.25), (150, 140, 140))
    carpet = blur(carpet, 1.2)

    coeffs = perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)],
                                [(0, 0), (cw, 0), (cw * 0.84, ch), (cw * 0.16, ch)])
    img = carpet.transform(size, Image.Transform.PERSPECTIVE, coeffs, BICUBIC)
    img = Image.composite(blur(img, 14), img, ramp(size, [(0.0, 1.0), (0.4, 0.0)]))
    glow(img, (0.15 * w, -0.1 * h), (1.2 * w, 1.1 * h), (255, 214, 170), 0.3, power=1.3)
    darken(img, ramp(size, [(0.3, 0.0), (1.0, 0.35)], horizontal=True), (120, 110, 120))

    # Two hands resting on the felt, sleeves coming in from the bottom edge.
    shadow, shd = new_mask(size)
    skin, skd = new_mask(size)
    sleeves, sld = new_mask(size)
    hands = (((0.36 * w, 0.8 * h), math.radians(24), 0.28 * h, 1, (0.2 * w, 1.15 * h)),
             ((0.74 * w, 0.86 * h), math.radians(-34), 0.27 * h, -1, (0.94 * w, 1.18 * h)))
    details, dtd = new_mask(size)
    nails, nd = new_mask(size)
    shine, shn = new_mask(size)
    for wrist, angle, length, side, elbow in hands:
        digits = draw_hand(skd, wrist, angle, length, 255, side=side)
        ax, ay = elbow[0] - wrist[0], elbow[1] - wrist[1]
        norm = math.hypot(ax, ay)
        px, py = -ay / norm, ax / norm
        skd.polygon([(wrist[0] + px * length * 0.16, wrist[1] + py * length * 0.16),
                     (elbow[0] + px * length * 0.26, elbow[1] + py * length * 0.26),
                     (elbow[0] - px * length * 0.26, elbow[1] - py * length * 0.26),
                     (wrist[0] - px * length * 0.16, wrist[1] - py * length * 0.16)], fill=255)
        knuckle_line = mix_point(wrist, digits[1][0], 0.5)
        shn.ellipse((knuckle_line[0] - length * 0.14, knuckle_line[1] - length * 0.12,
                     knuckle_line[0] + length * 0.1, knuckle_line[1] + length * 0.12), fill=160)
        for start, tip, width in digits:
            shn.line((mix_point(start, tip, 0.05), mix_point(start, tip, 0.85)), fill=200,
                     width=max(2, round(width * 0.5)))
            shn.ellipse((start[0] - width, start[1] - width, start[0] + width, start[1] + width), fill=150)
            for t in (0.3, 0.62):
                c = mix_point(start, tip, t)
                dtd.line((c[0] - width * 0.8, c[1], c[0] + width * 0.8, c[1]), fill=255,
                         width=max(2, round(width * 0.12)))
            n = mix_point(start, tip, 0.88)
            nd.ellipse((n[0] - width * 0.55, n[1] - width * 0.75, n[0] + width * 0.55, n[1] + width * 0.6), fill=255)
        off = (wrist[0] + 0.025 * w, wrist[1] + 0.02 * h)
        draw_hand(shd, off, angle, length, 255, side=side)
        shd.line((off, elbow), fill=255, width=round(length * 0.36))
        sld.polygon([(wrist[0] + px * length * 0.24, wrist[1] + py * length * 0.24),
                     (elbow[0] + px * length * 0.4, elbow[1] + py * length * 0.4),
                     (elbow[0] - px * length * 0.4, elbow[1] - py * length * 0.4),
                     (wrist[0] - px * length * 0.24, wrist[1] - py * length * 0.24)], fill=255)
    darken(img, scale_mask(blur(shadow, 26), 0.6), (60, 40, 40))
    skin = blur(skin, 2)
    fill(img, gradient(size, [(0.55, (222, 172, 142)), (1.0, (160, 108, 84))]), skin)
    creases = rotated_noise(rng, size, (w * 0.03, w * 0.004), 10, octaves=2)
    darken(img, scale_mask(ImageChops.multiply(creases, skin), 0.12), (150, 110, 100))
    darken(img, scale_mask(blur(details, 3), 0.35), (150, 100, 90))
    light_layer(img, scale_mask(ImageChops.multiply(blur(shift(shine, -4, -4), 9), skin), 0.3), (255, 230, 210))
    blotches = noise_field(rng, size, w * 0.01, octaves=3)
    darken(img, scale_mask(ImageChops.multiply(blotches, skin), 0.12), (200, 140, 130))
    fill(img, (236, 200, 184), blur(nails, 2.5), 0.55)
    inner = ImageChops.subtract(skin, shift(skin, -7, -7))
    darken(img, scale_mask(blur(inner, 5), 0.5), (110, 70, 60))
    rim_light(img, skin, (7, 7), (255, 236, 214), 5, 0.5)
    sleeves = blur(sleeves, 2)
    fill(img, velvet(size, rng, (40, 66, 56), (12, 20, 18), 0.2, w * 0.006), sleeves)
    cuffs, cd = new_mask(size)
    for wrist, _, length, _, elbow in hands:
        a, b = mix_point(wrist, elbow, 0.0), mix_point(wrist, elbow, 0.08)
        cd.line((a, b), fill=255, width=round(length * 0.56))
    fill(img, gilt(size, rng, 0.3), ImageChops.multiply(blur(cuffs, 2), sleeves), 0.8)
    return finish(img, rng, grain_amount=8, vignette_strength=0.45)


def paint_bekzat_portrait(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    horizon = 0.8 * h
    img = gradient(size, [(0.0, (36, 46, 96)), (0.35, (110, 90, 130)), (0.62, (226, 134, 92)),
                          (0.8, (255, 196, 124)), (1.0, (255, 196, 124))])
    sun = (0.18 * w, 0.785 * h)
    glow(img, sun, (0.9 * w, 0.45 * h), (255, 150, 80), 0.6, power=1.5)
    glow(img, sun, 0.12 * w, (255, 236, 190), 1.0, power=1.6)
    clouds = threshold(noise_field(rng, size, (w * 0.8, h * 0.04), octaves=4), 140, 220, 0.5)
    fill(img, (200, 120, 120), ImageChops.multiply(blur(clouds, 3), ramp(size, [(0.05, 1.0), (0.5, 0.0)])))
    for i, offset in enumerate((0.0, 0.04, 0.12)):
        top = dune_profile(rng, w, horizon + offset * h, h * (0.02 + 0.03 * i), 1.6)
        layer_fill(img, close_below(top, size), mix((200, 120, 80), (40, 22, 20), 0.45 + 0.27 * i), 1.5)
        light_layer(img, ridge_light(size, top, 3, lambda x: 0.6 * math.exp(-(((x - sun[0]) / (0.3 * w)) ** 2)),
                                     2), (255, 200, 140))
    img = blur(img, 4)

    def pt(x: float, y: float) -> Point:
        return x * w, y * h

    torso = chaikin([pt(0.56, 0.44), pt(0.655, 0.445), pt(0.7, 0.47), pt(0.77, 0.5), pt(0.81, 0.56),
                     pt(0.82, 0.7), pt(0.84, 1.05), pt(0.47, 1.05), pt(0.48, 0.78), pt(0.5, 0.6),
                     pt(0.53, 0.48)], 2)
    head = chaikin([pt(0.53, 0.3), pt(0.58, 0.275), pt(0.65, 0.28), pt(0.69, 0.31), pt(0.7, 0.36),
                    pt(0.67, 0.42), pt(0.61, 0.445), pt(0.55, 0.44), pt(0.525, 0.425), pt(0.52, 0.4),
                    pt(0.505, 0.385), pt(0.515, 0.35)], 2)
    cap = chaikin([pt(0.52, 0.31), pt(0.55, 0.27), pt(0.62, 0.255), pt(0.69, 0.275), pt(0.705, 0.32),
                   pt(0.6, 0.322), pt(0.53, 0.33), pt(0.42, 0.338), pt(0.415, 0.328), pt(0.47, 0.315)], 1)
    camera = chaikin([pt(0.37, 0.338), pt(0.41, 0.338), pt(0.425, 0.318), pt(0.475, 0.318), pt(0.49, 0.338),
                      pt(0.535, 0.338), pt(0.54, 0.41), pt(0.37, 0.412)], 1)
    lens = [pt(0.26, 0.343), pt(0.372, 0.35), pt(0.372, 0.405), pt(0.26, 0.41)]
    hood = [pt(0.225, 0.334), pt(0.265, 0.34), pt(0.265, 0.413), pt(0.225, 0.42)]
    sil = polygon_mask(size, [torso, head, cap, camera, lens, hood], 1.0)
    sd = ImageDraw.Draw(sil)
    limb = round(0.075 * w)
    sd.line((pt(0.7, 0.53), pt(0.63, 0.68), pt(0.52, 0.4)), fill=255, width=limb, joint="curve")
    sd.line((pt(0.56, 0.54), pt(0.43, 0.62), pt(0.31, 0.42)), fill=255, width=round(limb * 0.95), joint="curve")
    for x, y, r in ((0.63, 0.68, 0.038), (0.43, 0.62, 0.036), (0.31, 0.415, 0.038), (0.52, 0.39, 0.036)):
        cx, cy = pt(x, y)
        sd.ellipse((cx - r * w, cy - r * w, cx + r * w, cy + r * w), fill=255)
    sil = blur(sil, 1.5)
    fill(img, gradient(size, [(0.3, (30, 22, 26)), (1.0, (14, 10, 12))]), sil)
    jacket = noise_field(rng, size, w * 0.04, octaves=3)
    light_layer(img, scale_mask(ImageChops.multiply(jacket, sil), 0.04), (120, 90, 70))
    rim_light(img, sil, (7, 0), (255, 190, 120), 3, 0.85)
    rim_light(img, sil, (0, 5), (200, 160, 190), 3, 0.25)
    glass, gd = new_mask(size)
    gd.ellipse((*pt(0.222, 0.34), *pt(0.236, 0.414)), fill=255)
    light_layer(img, scale_mask(blur(glass, 3), 0.45), (140, 100, 170))
    strap, std = new_mask(size)
    std.line(chaikin([pt(0.38, 0.41), pt(0.4, 0.5), pt(0.47, 0.57), pt(0.53, 0.52)], 2, False), fill=255,
             width=round(0.01 * w), joint="curve")
    fill(img, (8, 6, 8), blur(strap, 1))
    glow(img, (0.23 * w, 0.39 * h), 0.06 * w, (255, 210, 160), 0.45, power=2)
    return finish(img, rng, grain_amount=9, vignette_strength=0.45)


# --------------------------------------------------------------------------
# Kairat Ospanov


def paint_green_bazaar(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    cam = Camera(w, h, horizon=0.5 * h, focal=0.62 * w, eye=1.65)
    fog = (196, 186, 164)
    img = gradient(size, [(0.0, (40, 36, 34)), (0.5, (120, 110, 96)), (1.0, (70, 62, 54))])
    draw = ImageDraw.Draw(img)

    # The hall: roof trusses, walls, clerestory windows and the bright far end.
    far = 90.0
    draw.polygon(quad_points(cam, -14, 14, 0, 13, far, far), fill=fogged((220, 222, 214), fog, far, 40))
    for z in range(90, 0, -6):
        zf, zn = float(z), max(0.8, z - 6.0)
        for side in (-1, 1):
            wall = quad_points(cam, side * 14, side * 14, 0, 13, zf, zn)
            draw.polygon(wall, fill=fogged((92, 84, 72), fog, zf, 40))
            win = quad_points(cam, side * 14, side * 14, 8.5, 12, zf - 1, max(0.7, zf - 5))
            draw.polygon(win, fill=fogged((236, 240, 236), fog, zf, 60))
        roof = [cam.project(-14, 13, zf), cam.project(0, 18, zf), cam.project(14, 13, zf),
                cam.project(14, 13, zn), cam.project(0, 18, zn), cam.project(-14, 13, zn)]
        draw.polygon(roof, fill=fogged((62, 58, 54), fog, zf, 40))
        for side in (-1, 1):
            draw.polygon(quad_points(cam, side * 2, side * 8, 16.6, 14.6, zf - 1.5, zf - 1.5),
                         fill=fogged((200, 206, 200), fog, zf, 60))
            draw.line([cam.project(side * 14, 13, zf), cam.project(side * 8, 16.5, zf), cam.project(0, 18, zf)],
                      fill=fogged((46, 42, 40), fog, zf, 40), width=max(1, round(cam.scale(0.35, zf))))
    img = blur(img, 2)

    # Shafts of daylight falling from the high windows through the dusty air.
    dust = noise_field(rng, size, w * 0.15, octaves=3).point(lambda v: clamp8(110 + v * 0.55))
    shafts = Image.new("RGB", size)
    for z in (14, 24, 36, 52):
        apex = cam.project(-14, 11, z)
        target = cam.project(4, 0, z + 4)
        beam(shafts, apex, target, cam.scale(3.0, z), (255, 236, 200), 0.55, 30)
    img = ImageChops.screen(img, ImageChops.multiply(shafts, Image.merge("RGB", (dust, dust, dust))))
    draw = ImageDraw.Draw(img)

    # Stalls along both sides of the aisle, heaped with fruit, vegetables and spices.
    goods = [(196, 40, 30), (232, 140, 40), (230, 196, 64), (86, 132, 52), (170, 54, 32), (216, 160, 36),
             (140, 92, 52), (96, 44, 72), (210, 210, 150), (120, 160, 60), (236, 110, 50)]
    shoppers = [(rng.uniform(-1.8, 1.8), rng.uniform(3.5, 40) ** 1.0) for _ in range(22)]
    items: list[tuple[float, str, tuple[float, float]]] = [(z, "shopper", (x, z)) for x, z in shoppers]
    z = 3.0
    while z < 80:
        for side in (-1, 1):
            items.append((z, "stall", (side, z)))
        z += 3.4
    items.sort(key=lambda item: -item[0])
    for zf, kind, (a, b) in items:
        if kind == "stall":
            side = a
            z0, z1 = b, b + 3.0
            inner, outer = side * 2.2, side * 6.0
            front = quad_points(cam, inner, inner, 0, 0.9, z0, z1)
            top = cam.quad([(inner, 0.9, z0), (inner, 0.9, z1), (outer, 0.9, z1), (outer, 0.9, z0)])
            draw.polygon(top, fill=fogged((80, 62, 46), fog, zf, 60))
            draw.polygon(front, fill=fogged((56, 46, 38), fog, zf, 60))
            if zf < 30:
                for k in range(1, 4):
                    yy = 0.9 * k / 4
                    draw.line((cam.project(inner, yy, z0), cam.project(inner, yy, z1)),
                              fill=fogged((50, 40, 34), fog, zf, 45), width=max(1, round(cam.scale(0.03, zf))))
            if rng.random() < 0.6:
                board = quad_points(cam, inner, inner, 2.4, 2.7, z0 + 0.8, z0 + 2.0)
                draw.polygon(board, fill=fogged(rng.choice([(70, 96, 116), (186, 182, 170), (80, 104, 84),
                                                            (136, 74, 62)]), fog, zf, 50))
            vendor = cam.project(side * 4.4, 0, z0 + 1.5)
            vh = cam.scale(1.65, z0 + 1.5)
            mask, md = new_mask(size)
            draw_figure(md, vendor[0], vendor[1], vh, Pose(bulk=1.25, hat=rng.choice(["", "scarf"])))
            fill(img, fogged(rng.choice([(50, 42, 38), (80, 50, 44), (44, 50, 70)]), fog, zf, 60),
                 blur(mask, cam.scale(0.05, zf)))
            draw = ImageDraw.Draw(img)
            for k in range(6):
                zz = z0 + 0.25 + k * 0.46
                for j in range(3):
                    xx = side * (2.55 + j * 0.7)
                    base_color = rng.choice(goods)
                    color = fogged(base_color, fog, zz, 60)
                    cxp, cyp = cam.project(xx, 0.9, zz)
                    rx, ry = cam.scale(0.3, zz), cam.scale(0.2, zz)
                    draw.ellipse((cxp - rx, cyp - ry * 1.2, cxp + rx, cyp + ry * 0.3), fill=shade(color, 0.75))
                    draw.ellipse((cxp - rx * 0.8, cyp - ry * 1.15, cxp + rx * 0.75, cyp - ry * 0.1), fill=color)
                    draw.ellipse((cxp - rx * 0.45, cyp - ry * 1.1, cxp + rx * 0.25, cyp - ry * 0.6),
                                 fill=mix(color, (255, 246, 230), 0.3))
                    if zz < 18:
                        for _ in range(int(14 * 10 / zz)):
                            px = cxp + rng.uniform(-0.85, 0.85) * rx
                            py = cyp - ry * rng.uniform(0.0, 1.0)
                            rr = cam.scale(rng.uniform(0.03, 0.06), zz)
                            tone = rng.choice([mix(color, WHITE, 0.3), shade(color, 0.65), color])
                            draw.ellipse((px - rr, py - rr, px + rr, py + rr), fill=tone)
                    if rng.random() < 0.08:
                        card = cam.project(xx, 1.15, zz)
                        cw2, chh = cam.scale(0.12, zz), cam.scale(0.08, zz)
                        draw.rectangle((card[0] - cw2, card[1] - chh, card[0] + cw2, card[1] + chh),
                                       fill=fogged((236, 232, 220), fog, zz, 60))
        else:
            x, zs = a, b
            base = cam.project(x, 0, zs)
            fh = cam.scale(rng.uniform(1.55, 1.8), zs)
            mask, md = new_mask(size)
            pose = Pose(leg_left=rng.uniform(-8, 14), leg_right=rng.uniform(-8, 14),
                        arm_left=(rng.uniform(5, 25), rng.uniform(0, 40)), arm_right=(8, 4),
                        skirt=rng.choice([0.0, 0.0, 0.14]), hat=rng.choice(["", "", "scarf"]), bulk=1.15)
            draw_figure(md, base[0], base[1], fh, pose)
            color = fogged(rng.choice([(30, 26, 24), (58, 40, 36), (30, 34, 50), (66, 54, 44), (50, 44, 40)]),
                           fog, zs, 80)
            fill(img, color, blur(mask, max(1.5, cam.scale(0.035, zs))))
            draw = ImageDraw.Draw(img)

    floor = ramp(size, [(0.5, 0.0), (0.52, 0.5), (1.0, 0.8)])
    floor = ImageChops.multiply(floor, polygon_mask(size, [cam.quad([(-2.2, 0, 2), (2.2, 0, 2), (2.2, 0, 90),
                                                                     (-2.2, 0, 90)])], 2))
    darken(img, scale_mask(floor, 0.55), (110, 100, 92))
    darken(img, ramp(size, [(0.55, 0.0), (1.0, 0.5)]), (120, 110, 104))
    glow(img, cam.project(0, 5, 90), (0.5 * w, 0.45 * h), (255, 240, 210), 0.55, power=1.4)
    img = blur(img, 1.0)
    return finish(img, rng, grain_amount=10, vignette_strength=0.45)


def apricot_sprite(rng: random.Random, diameter: int = 256) -> Image.Image:
    """One apricot as an RGBA image: velvety orange, a red blush, a seam and a soft highlight."""
    size = (diameter, diameter)
    c = diameter / 2
    fruit = Image.new("RGB", size, (244, 156, 44))
    blush = radial_mask(size, (c + rng.uniform(-0.3, 0.3) * c, c + rng.uniform(-0.3, 0.3) * c),
                        c * rng.uniform(0.5, 0.9), power=1.2, peak=rng.uniform(0.25, 0.6))
    fill(fruit, (222, 92, 40), blush)
    freckles, fd = new_mask(size)
    for _ in range(40):
        x, y = rng.uniform(0.2, 0.8) * diameter, rng.uniform(0.2, 0.8) * diameter
        r = rng.uniform(0.6, 1.8)
        fd.ellipse((x - r, y - r, x + r, y + r), fill=255)
    darken(fruit, scale_mask(blur(freckles, 0.8), 0.35), (120, 60, 30))
    edge = ImageOps.invert(radial_mask(size, (c * 0.8, c * 0.75), c * 1.35, power=0.8))
    darken(fruit, scale_mask(edge, 0.6), (150, 86, 50))
    seam, sd = new_mask(size)
    bend = rng.uniform(-0.25, 0.25) * c
    sd.line(chaikin([(c + bend, 0.08 * diameter), (c + bend * 1.6, c), (c + bend, 0.92 * diameter)], 3, False),
            fill=255, width=max(2, diameter // 40), joint="curve")
    darken(fruit, scale_mask(blur(seam, diameter / 40), 0.22), (170, 100, 60))
    glow(fruit, (c * 0.7, c * 0.62), c * 0.45, (255, 236, 200), 0.5, power=2)
    alpha, ad = new_mask(size)
    ad.ellipse((2, 2, diameter - 2, diameter - 2), fill=255)
    fruit = blur(fruit, 1.2)
    fruit.putalpha(blur(alpha, 1.5))
    return fruit


def paint_apricot_seller(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = gradient(size, [(0.0, (120, 110, 96)), (0.35, (92, 76, 60)), (0.7, (60, 48, 40)), (1.0, (40, 32, 26))])
    draw = ImageDraw.Draw(img)

    # The busy market behind her, thrown far out of focus.
    for k in range(7):
        x = k * 0.17 * w - 0.05 * w
        draw.polygon([(x, 0), (x + 0.17 * w, 0), (x + 0.2 * w, 0.12 * h), (x - 0.02 * w, 0.14 * h)],
                     fill=rng.choice([(40, 120, 130), (220, 214, 200), (170, 50, 46), (60, 90, 150)]))
    for _ in range(90):
        x, y = rng.uniform(0, w), rng.uniform(0.25 * h, 0.6 * h)
        r = rng.uniform(0.02, 0.05) * w
        draw.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7),
                     fill=rng.choice([(200, 60, 40), (230, 150, 50), (90, 130, 50), (210, 190, 80), (120, 60, 80)]))
    for _ in range(9):
        x = rng.uniform(0, w)
        fh = rng.uniform(0.45, 0.6) * h
        mask, md = new_mask(size)
        draw_figure(md, x, 0.62 * h + fh * 0.4, fh, Pose(bulk=1.3))
        fill(img, rng.choice([(40, 34, 32), (70, 60, 90), (120, 50, 50), (60, 70, 60)]), mask)
    img = blur(img, 45)
    bokeh(img, rng, 30, (0, 0, w, 0.5 * h), [(255, 230, 190), (255, 210, 150), (230, 240, 255)],
          (0.025 * w, 0.06 * w), (0.15, 0.4))

    # The vendor in a patterned headscarf and a dark cardigan, slightly out of focus.
    cx = 0.5 * w
    person = Image.new("RGB", size)
    pmask, _ = new_mask(size)
    torso = chaikin([(cx - 0.06 * w, 0.38 * h), (cx + 0.06 * w, 0.38 * h), (cx + 0.2 * w, 0.43 * h),
                     (cx + 0.27 * w, 0.5 * h), (cx + 0.29 * w, 0.75 * h), (cx - 0.29 * w, 0.75 * h),
                     (cx - 0.27 * w, 0.5 * h), (cx - 0.2 * w, 0.43 * h)], 3)
    body = polygon_mask(size, [torso], 2)
    fill(person, velvet(size, rng, (112, 46, 56), (40, 14, 20), 0.35, w * 0.008), body)
    knit = rotated_noise(rng, size, (w * 0.004, h * 0.02), 0, octaves=1)
    darken(person, scale_mask(ImageChops.multiply(knit, body), 0.25), (120, 100, 100))
    blouse = polygon_mask(size, [[(cx - 0.06 * w, 0.38 * h), (cx + 0.06 * w, 0.38 * h), (cx, 0.5 * h)]], 2)
    fill(person, (214, 200, 170), blouse)
    dots, dd = new_mask(size)
    for _ in range(60):
        x, y = rng.uniform(cx - 0.06 * w, cx + 0.06 * w), rng.uniform(0.38 * h, 0.5 * h)
        dd.ellipse((x - 6, y - 6, x + 6, y + 6), fill=255)
    fill(person, (170, 60, 60), ImageChops.multiply(dots, blouse))
    pmask = ImageChops.lighter(body, blouse)

    face_c = (cx, 0.3 * h)
    face_mask, fd = new_mask(size)
    fd.ellipse((face_c[0] - 0.068 * w, face_c[1] - 0.06 * h, face_c[0] + 0.068 * w, face_c[1] + 0.066 * h),
               fill=255)
    fd.rectangle((cx - 0.032 * w, face_c[1], cx + 0.032 * w, 0.4 * h), fill=255)
    face_mask = blur(face_mask, 3)
    fill(person, gradient(size, [(0.43, (222, 170, 134)), (0.52, (196, 142, 108)), (0.57, (122, 80, 60))],
                          horizontal=True), face_mask)
    feats, fe = new_mask(size)
    for side in (-1, 1):
        ex = cx + side * 0.03 * w
        fe.ellipse((ex - 0.022 * w, 0.284 * h, ex + 0.022 * w, 0.298 * h), fill=120)
        fe.line((ex - 0.016 * w, 0.293 * h, ex + 0.016 * w, 0.293 * h), fill=170, width=round(0.004 * w))
        fe.line((ex - 0.022 * w, 0.273 * h, ex + 0.018 * w, 0.271 * h), fill=110, width=round(0.006 * w))
    fe.polygon([(cx + 0.004 * w, 0.295 * h), (cx + 0.016 * w, 0.326 * h), (cx - 0.006 * w, 0.33 * h)], fill=90)
    fe.ellipse((cx - 0.022 * w, 0.342 * h, cx + 0.022 * w, 0.352 * h), fill=160)
    fe.ellipse((cx + 0.02 * w, 0.3 * h, cx + 0.07 * w, 0.36 * h), fill=90)
    darken(person, blur(feats, 9), (110, 70, 60))
    neck_shadow = ImageChops.multiply(face_mask, ramp(size, [(0.35, 0.0), (0.375, 0.55)]))
    darken(person, blur(neck_shadow, 8), (120, 90, 80))
    glow(person, (cx - 0.04 * w, 0.32 * h), 0.04 * w, (220, 110, 100), 0.2)
    glow(person, (cx - 0.02 * w, 0.28 * h), 0.05 * w, (255, 220, 190), 0.25)

    scarf_shape = chaikin([(cx - 0.1 * w, 0.3 * h), (cx - 0.092 * w, 0.24 * h), (cx - 0.05 * w, 0.21 * h),
                           (cx + 0.03 * w, 0.205 * h), (cx + 0.09 * w, 0.23 * h), (cx + 0.105 * w, 0.3 * h),
                           (cx + 0.1 * w, 0.37 * h), (cx + 0.13 * w, 0.43 * h), (cx + 0.06 * w, 0.42 * h),
                           (cx + 0.062 * w, 0.3 * h), (cx + 0.05 * w, 0.255 * h), (cx - 0.05 * w, 0.255 * h),
                           (cx - 0.064 * w, 0.3 * h), (cx - 0.062 * w, 0.42 * h), (cx - 0.13 * w, 0.43 * h),
                           (cx - 0.1 * w, 0.37 * h)], 2)
    scarf = polygon_mask(size, [scarf_shape], 2)
    fill(person, velvet(size, rng, (46, 70, 140), (14, 20, 50), 0.4, w * 0.006), scarf)
    flowers, fl = new_mask(size)
    for _ in range(110):
        x, y = rng.uniform(cx - 0.14 * w, cx + 0.14 * w), rng.uniform(0.2 * h, 0.44 * h)
        r = rng.uniform(0.003, 0.006) * w
        for k in range(5):
            a = k * 2 * math.pi / 5
            fl.ellipse((x + math.cos(a) * r - r * 0.6, y + math.sin(a) * r - r * 0.6, x + math.cos(a) * r + r * 0.6,
                        y + math.sin(a) * r + r * 0.6), fill=255)
    fill(person, (214, 120, 110), ImageChops.multiply(blur(flowers, 1), scarf), 0.65)
    scarf_folds = rotated_noise(rng, size, (w * 0.01, h * 0.06), 70, octaves=2)
    darken(person, scale_mask(ImageChops.multiply(scarf_folds, scarf), 0.35), (90, 90, 110))
    pmask = ImageChops.lighter(pmask, ImageChops.lighter(face_mask, scarf))
    # One hand raised, offering an apricot.
    arm, ad = new_mask(size)
    hand_c = (cx + 0.13 * w, 0.49 * h)
    ad.line(((cx + 0.25 * w, 0.62 * h), (hand_c[0] + 0.025 * w, hand_c[1] + 0.03 * h)), fill=255,
            width=round(0.075 * w))
    arm = blur(arm, 2)
    fill(person, velvet(size, rng, (120, 50, 60), (44, 16, 22), 0.55, w * 0.008), arm)
    darken(person, scale_mask(ImageChops.subtract(arm, shift(arm, 8, 8)), 0.5), (60, 40, 40))
    hand, hnd = new_mask(size)
    hnd.ellipse((hand_c[0] - 0.035 * w, hand_c[1] - 0.01 * h, hand_c[0] + 0.04 * w, hand_c[1] + 0.035 * h), fill=255)
    hand = blur(hand, 2)
    fill(person, gradient(size, [(0.47, (226, 172, 136)), (0.53, (170, 116, 86))]), hand)
    held = apricot_sprite(rng).resize((round(0.075 * w), round(0.075 * w)), LANCZOS)
    person.paste(held.convert("RGB"), (round(hand_c[0] - 0.035 * w), round(hand_c[1] - 0.05 * h)),
                 held.getchannel("A"))
    thumb, thd = new_mask(size)
    thd.ellipse((hand_c[0] - 0.04 * w, hand_c[1] - 0.02 * h, hand_c[0] - 0.01 * w, hand_c[1] + 0.012 * h), fill=255)
    fill(person, (214, 160, 124), blur(thumb, 2))
    pmask = ImageChops.lighter(pmask, ImageChops.lighter(arm, hand))
    pmask.paste(255, (round(hand_c[0] - 0.035 * w), round(hand_c[1] - 0.05 * h)), held.getchannel("A"))
    shading = ImageChops.multiply(pmask, ramp(size, [(0.4, 0.0), (0.8, 0.6)], horizontal=True))
    darken(person, shading, (110, 100, 100))
    sharp = img.copy()
    sharp.paste(person, (0, 0), pmask)
    img = Image.composite(blur(sharp, 6), img, blur(pmask.filter(ImageFilter.MaxFilter(9)), 6))

    # Two crates of apricots in sharp focus in the foreground.
    back_y, front_y = 0.6 * h, 0.78 * h
    crate_paint = gradient(size, [(0.0, (196, 160, 112)), (1.0, (150, 116, 80))], horizontal=True)
    inside = [(0.0, back_y - 0.02 * h), (w, back_y - 0.02 * h), (w, front_y), (0.0, front_y)]
    fill(img, (60, 40, 24), polygon_mask(size, [inside], 2))
    sprites = [apricot_sprite(rng) for _ in range(5)]
    fruit_layer = Image.new("RGBA", size, (0, 0, 0, 0))
    rows = 6
    for row in range(rows):
        t = row / (rows - 1)
        y = back_y + (front_y - back_y - 0.01 * h) * t
        r = (0.034 + 0.014 * t) * w
        x = -r * rng.uniform(0, 1)
        while x < w + r:
            d = round(2 * r * rng.uniform(0.85, 1.08))
            sprite = rng.choice(sprites).rotate(rng.uniform(0, 360), BICUBIC).resize((d, d), LANCZOS)
            shadow = Image.new("RGBA", (d, d), (30, 16, 8, 0))
            shadow.putalpha(scale_mask(sprite.getchannel("A"), 0.6))
            px, py = round(x - d / 2), round(y - d / 2 + rng.uniform(-0.35, 0.35) * r)
            if px > -d and py > -d:
                fruit_layer.alpha_composite(shadow, (px + d // 10, py + d // 8))
                fruit_layer.alpha_composite(sprite, (px, py))
            x += 2 * r * rng.uniform(0.86, 0.98)
    img.paste(fruit_layer.convert("RGB"), (0, 0), fruit_layer.getchannel("A"))
    crate = polygon_mask(size, [[(0, front_y - 0.004 * h), (w, front_y - 0.004 * h), (w, h), (0, h)]], 1.5)
    fill(img, crate_paint, crate)
    wood = rotated_noise(rng, size, (w * 0.8, h * 0.003), 0, octaves=3)
    darken(img, scale_mask(ImageChops.multiply(wood, crate), 0.4), (140, 110, 90))
    gaps, gd = new_mask(size)
    for y in (0.84, 0.91):
        gd.rectangle((0, y * h, w, y * h + 0.012 * h), fill=255)
    gd.rectangle((0.49 * w, front_y, 0.51 * w, h), fill=120)
    fill(img, (40, 26, 16), blur(gaps, 2))
    nails, nd = new_mask(size)
    for x in (0.03, 0.47, 0.53, 0.97):
        for y in (0.8, 0.875, 0.95):
            nd.ellipse((x * w - 7, y * h - 7, x * w + 7, y * h + 7), fill=255)
    fill(img, (70, 64, 60), blur(nails, 1.5))
    edge, ed = new_mask(size)
    ed.rectangle((0, front_y - 0.004 * h, w, front_y + 0.006 * h), fill=255)
    light_layer(img, scale_mask(blur(edge, 3), 0.5), (255, 230, 190))

    glow(img, (0.2 * w, 0.1 * h), (0.9 * w, 0.8 * h), (255, 220, 170), 0.25, power=1.5)
    return finish(img, rng, grain_amount=9, vignette_strength=0.45)


def paint_abay_avenue_rain(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    cam = Camera(w, h, horizon=0.5 * h, focal=0.8 * w, eye=1.5)
    fog = (86, 94, 122)
    img = gradient(size, [(0.0, (26, 36, 70)), (0.3, (52, 64, 100)), (0.46, (104, 104, 132)),
                          (0.5, (150, 124, 124)), (1.0, (40, 42, 52))])
    glow(img, (0.5 * w, 0.5 * h), (0.8 * w, 0.12 * h), (200, 130, 100), 0.4, power=1.5)

    # The Zailiysky Alatau: a pale snowy wall beyond the city, half lost in the rain.
    ridge = mountain_profile(rng, w, 0.47 * h, 0.13 * h, 0.55)
    mountains = layer_fill(img, close_below(ridge, size), (104, 112, 146), 3)
    snow = threshold(noise_field(rng, size, w * 0.03, octaves=4), 110, 170)
    snow = ImageChops.multiply(ImageChops.multiply(snow, mountains), ramp(size, [(0.36, 1.0), (0.44, 0.0)]))
    fill(img, (176, 182, 208), snow, 0.8)
    fill(img, (110, 110, 140), ramp(size, [(0.3, 0.0), (0.5, 0.7)]), 0.6)
    draw = ImageDraw.Draw(img)

    # Apartment blocks with lit windows, then the avenue's trees and street lamps.
    lights = Image.new("RGB", size)
    ld = ImageDraw.Draw(lights)
    for side in (-1, 1):
        z = 18.0
        while z < 260:
            depth = rng.uniform(14, 30)
            height = rng.uniform(14, 34)
            x0 = side * rng.uniform(15, 18)
            face = quad_points(cam, x0, x0, 0, height, z, z + depth)
            draw.polygon(face, fill=fogged((52, 54, 66), fog, z, 90))
            end = quad_points(cam, x0, x0 + side * 14, 0, height, z, z)
            draw.polygon(end, fill=fogged((40, 42, 54), fog, z, 90))
            floors = int(height / 2.9)
            for f in range(floors):
                for k in range(int(depth / 3.2)):
                    if rng.random() < 0.38:
                        zz = z + 1 + k * 3.2
                        win = quad_points(cam, x0, x0, 1 + f * 2.9, 2.4 + f * 2.9, zz, zz + 1.5)
                        warm = rng.choice([(255, 200, 120), (255, 220, 160), (220, 230, 255), (255, 180, 100)])
                        ld.polygon(win, fill=fogged(warm, fog, zz, 160))
            z += depth + rng.uniform(6, 20)
    img = ImageChops.screen(img, lights)
    draw = ImageDraw.Draw(img)
    trees, td = new_mask(size)
    for side in (-1, 1):
        z = 5.0
        while z < 220:
            base = cam.project(side * 10.5, 0, z)
            crown = cam.project(side * 10.5, 7.5, z)
            td.line((base, crown), fill=255, width=max(1, round(cam.scale(0.4, z))))
            rx, ry = cam.scale(4.5, z), cam.scale(4.0, z)
            foliage(td, rng, crown, (rx, ry), 380, max(1.5, cam.scale(0.24, z)))
            z += rng.uniform(7, 10)
    near = cam.project(-8, 9, 3.2)
    foliage(td, rng, near, (cam.scale(6, 3.2), cam.scale(5, 3.2)), 1400, cam.scale(0.24, 3.2))
    fill(img, (14, 18, 22), blur(trees, 2))
    lamps: list[tuple[Point, float]] = []
    for side in (-1, 1):
        for k in range(12):
            z = 8 + k * 28
            foot = cam.project(side * 8.5, 0, z)
            top = cam.project(side * 8.5, 9, z)
            head = cam.project(side * 6.8, 8.8, z)
            draw.line((foot, top, head), fill=(20, 22, 28), width=max(1, round(cam.scale(0.2, z))))
            lamps.append((head, z))

    # The wet road and its reflections, streaked by the rain.
    road = polygon_mask(size, [[(0, 0.5 * h), (w, 0.5 * h), (w, h), (0, h)]], 1)
    mirror = ImageOps.flip(img.crop((0, 0, w, round(0.5 * h))))
    reflection = Image.new("RGB", size)
    reflection.paste(mirror, (0, round(0.5 * h)))
    reflection = smear(blur(reflection, 3), 24, vertical=True)
    fill(img, (26, 28, 36), road)
    surface = noise_field(rng, size, (w * 0.08, h * 0.02), octaves=3).point(lambda v: clamp8(110 + v * 0.45))
    img = Image.composite(ImageChops.screen(img, reflection), img, ImageChops.multiply(road, surface))

    trails = Image.new("RGB", size)
    tr = ImageDraw.Draw(trails)
    for lane_x, y, color in ((2.4, 0.75, (255, 40, 30)), (4.6, 0.8, (255, 60, 40)),
                             (-2.6, 0.7, (255, 236, 200)), (-4.8, 0.72, (255, 226, 170))):
        for mirror_y, strength in ((y, 1.0), (-y, 0.45)):
            prev: Point | None = None
            z = 3.0
            while z < 400:
                p = cam.project(lane_x + 0.02 * math.sin(z), mirror_y, z)
                if prev is not None:
                    tr.line((prev, p), fill=shade(color, strength), width=max(1, round(cam.scale(0.07, z))))
                prev = p
                z *= 1.04
    trails_soft = blur(trails, 2)
    img = ImageChops.screen(img, ImageChops.add(trails_soft, blur(trails, 14)))
    for head, z in lamps:
        glow(img, head, cam.scale(3.0, z) + 6, (255, 170, 80), 0.9, power=2.5)
        glow(img, head, cam.scale(0.6, z) + 2, (255, 230, 190), 1.0, power=1.5)
        mirrored = (head[0], 2 * cam.horizon - head[1])
        glow(img, mirrored, (cam.scale(0.8, z) + 3, cam.scale(6, z) + 10), (255, 160, 70), 0.5, power=1.6)

    rain, rd = new_mask(size)
    for _ in range(2600):
        x, y = rng.uniform(-0.1 * w, w), rng.uniform(-0.05 * h, h)
        length = rng.uniform(0.01, 0.03) * h
        rd.line((x, y, x + length * 0.18, y + length), fill=rng.randint(60, 200), width=rng.choice([1, 2, 2, 3]))
    rain = blur(rain, 1.2)
    lit = ImageChops.add(blur(img.convert("L"), 30).point(lambda v: clamp8(v * 1.6)),
                         Image.new("L", size, 40))
    light_layer(img, scale_mask(ImageChops.multiply(rain, lit), 0.7), (210, 220, 240))
    fill(img, (120, 126, 150), ramp(size, [(0.25, 0.0), (0.48, 0.35), (0.56, 0.15)]), 0.5)
    return finish(img, rng, grain_amount=12, vignette_strength=0.5)


def paint_tram_dawn(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    cam = Camera(w, h, horizon=0.54 * h, focal=0.8 * w, eye=1.6, center=0.4 * w)
    fog = (212, 194, 180)
    sun = (0.4 * w, 0.47 * h)
    img = gradient(size, [(0.0, (120, 130, 160)), (0.3, (176, 168, 180)), (0.54, (232, 204, 184)),
                          (0.541, (150, 140, 136)), (1.0, (84, 80, 82))])
    glow(img, sun, (0.7 * w, 0.4 * h), (255, 210, 160), 0.7, power=1.4)
    draw = ImageDraw.Draw(img)
    sidewalk = [cam.project(-7, 0, 2), cam.project(-7, 0, 400), cam.project(-12, 0, 400), cam.project(-30, 0, 2)]
    draw.polygon(sidewalk, fill=(120, 116, 112))
    sidewalk = [cam.project(10, 0, 2), cam.project(10, 0, 400), cam.project(16, 0, 400), cam.project(40, 0, 2)]
    draw.polygon(sidewalk, fill=(120, 116, 112))
    img = Image.composite(img, Image.new("RGB", size, fog), ramp(size, [(0.54, 0.2), (1.0, 1.0)]))
    draw = ImageDraw.Draw(img)

    def rail_line(x: float, y: float, color: RGB, width_m: float) -> None:
        prev: Point | None = None
        z = 1.5
        while z < 420:
            p = cam.project(x, y, z)
            if prev is not None:
                draw.line((prev, p), fill=fogged(color, fog, z, 60), width=max(1, round(cam.scale(width_m, z))))
            prev = p
            z *= 1.06

    asphalt = noise_field(rng, size, (w * 0.05, h * 0.01), octaves=3)
    darken(img, scale_mask(ImageChops.multiply(asphalt, ramp(size, [(0.56, 0.0), (1.0, 0.5)])), 0.6),
           (120, 116, 116))
    darken(img, ramp(size, [(0.6, 0.0), (1.0, 0.45)]), (110, 104, 104))
    draw = ImageDraw.Draw(img)
    for x in (-0.9, 0.6, 2.1, 3.6):
        rail_line(x, 0.0, (90, 86, 84), 0.09)
        rail_line(x, 0.01, (236, 210, 186), 0.035)

    items: list[tuple[float, str, float]] = []
    for side_x in (-9.5, 12.5):
        z = 3.0
        while z < 300:
            items.append((z, "tree", side_x + rng.uniform(-0.5, 0.5)))
            z += rng.uniform(7, 10)
    for z in range(8, 300, 30):
        items.append((float(z), "pole", -7.0))
        items.append((float(z), "pole", 10.0))
    items.append((18.0, "tram", 0.0))
    items.sort(key=lambda item: -item[0])
    for z, kind, x in items:
        if kind == "tree":
            trunk_top = cam.project(x, 5, z)
            draw.line((cam.project(x, 0, z), trunk_top), fill=fogged((40, 36, 30), fog, z, 32),
                      width=max(1, round(cam.scale(0.45, z))))
            crown, cd = new_mask(size)
            foliage(cd, rng, cam.project(x, 9, z), (cam.scale(5.5, z), cam.scale(5, z)), 900,
                    max(1.5, cam.scale(0.2, z)))
            fill(img, fogged((44, 52, 38), fog, z, 32), blur(crown, 1 + cam.scale(0.05, z)))
            draw = ImageDraw.Draw(img)
        elif kind == "pole":
            draw.line((cam.project(x, 0, z), cam.project(x, 7.5, z)), fill=fogged((50, 48, 48), fog, z, 40),
                      width=max(1, round(cam.scale(0.22, z))))
        else:
            paint_tram(img, cam, fog)
            draw = ImageDraw.Draw(img)

    # Overhead contact wires and the span wires holding them.
    for x in (-0.15, 2.85):
        rail_line(x, 5.6, (40, 40, 44), 0.025)
    for z in range(8, 300, 30):
        zf = float(z)
        pts = [cam.project(-7 + 17 * t, 6.4 - 0.5 * math.sin(math.pi * t), zf) for t in (0, 0.25, 0.5, 0.75, 1)]
        draw.line(pts, fill=fogged((44, 44, 48), fog, zf, 40), width=max(1, round(cam.scale(0.02, zf))))

    rays, rd = new_mask(size)
    for _ in range(14):
        a = rng.uniform(-math.pi, 0.2)
        spread = rng.uniform(0.01, 0.04)
        far = 1.6 * w
        rd.polygon([sun, (sun[0] + math.cos(a - spread) * far, sun[1] + math.sin(a - spread) * far),
                    (sun[0] + math.cos(a + spread) * far, sun[1] + math.sin(a + spread) * far)],
                   fill=rng.randint(60, 160))
    rays = ImageChops.multiply(blur(rays, 20), radial_mask(size, sun, 1.1 * w, power=1.3))
    light_layer(img, scale_mask(rays, 0.35), (255, 220, 180))
    mist = noise_field(rng, size, (w * 0.4, h * 0.08), octaves=4).point(lambda v: clamp8(v * 0.8))
    fill(img, fog, ImageChops.multiply(mist, ramp(size, [(0.25, 0.0), (0.5, 0.7), (0.75, 0.2)])), 0.5)
    glow(img, sun, 0.08 * w, (255, 240, 210), 0.8, power=1.5)
    return finish(img, rng, grain_amount=10, vignette_strength=0.4)


def paint_tram(img: Image.Image, cam: Camera, fog: RGB) -> None:
    """An old red-and-cream tram approaching on the right-hand track, headlights on."""
    draw = ImageDraw.Draw(img)
    x0, x1, z0, z1 = 1.6, 4.1, 11.0, 26.0
    red, cream, glass, dark = (168, 44, 40), (226, 214, 186), (50, 58, 66), (30, 28, 30)

    def side(y0: float, y1: float, za: float, zb: float, color: RGB) -> None:
        draw.polygon(cam.quad([(x0, y0, za), (x0, y0, zb), (x0, y1, zb), (x0, y1, za)]),
                     fill=fogged(color, fog, (za + zb) / 2, 40))

    def front(xa: float, xb: float, y0: float, y1: float, color: RGB) -> None:
        draw.polygon(cam.quad([(xa, y0, z0), (xb, y0, z0), (xb, y1, z0), (xa, y1, z0)]),
                     fill=fogged(color, fog, z0, 40))

    side(0.0, 0.5, z0, z1, dark)
    side(0.45, 1.4, z0, z1, red)
    side(1.4, 2.6, z0, z1, cream)
    side(2.6, 3.1, z0, z1, red)
    roof = cam.quad([(x0, 3.1, z0), (x0, 3.1, z1), (x0 + 0.3, 3.35, z1), (x0 + 0.3, 3.35, z0)])
    draw.polygon(roof, fill=fogged((190, 180, 166), fog, 18, 40))
    z = z0 + 1.0
    while z < z1 - 1.2:
        door = abs(z - 12.8) < 0.6 or abs(z - 19.5) < 0.6
        y0 = 0.6 if door else 1.5
        side(y0, 2.5, z, z + 1.05, glass)
        side(2.2, 2.5, z, z + 1.05, (84, 90, 96))
        z += 1.3
    front(x0, x1, 0.0, 0.5, dark)
    front(x0, x1, 0.45, 1.4, red)
    front(x0, x1, 1.4, 3.1, cream)
    front(x0 + 0.15, x1 - 0.15, 1.5, 2.7, glass)
    front(x0 + 0.7, x1 - 0.7, 2.78, 3.02, (60, 50, 40))
    board = cam.quad([(x0 + 0.75, 2.81, z0 - 0.01), (x1 - 0.75, 2.81, z0 - 0.01), (x1 - 0.75, 2.99, z0 - 0.01),
                      (x0 + 0.75, 2.99, z0 - 0.01)])
    draw.polygon(board, fill=(255, 190, 100))
    draw.line((cam.project(x0, 1.4, z0), cam.project(x1, 1.4, z0)), fill=fogged((240, 230, 210), fog, z0, 40),
              width=max(1, round(cam.scale(0.05, z0))))
    reflect = cam.quad([(x0 + 0.3, 2.3, z0 - 0.01), (x0 + 1.1, 2.6, z0 - 0.01), (x0 + 0.9, 2.65, z0 - 0.01),
                        (x0 + 0.2, 2.4, z0 - 0.01)])
    draw.polygon(reflect, fill=fogged((150, 150, 150), fog, z0, 40))
    panto = [cam.project(2.85, 3.35, 15.2), cam.project(2.85, 4.6, 16.6), cam.project(2.85, 5.6, 15.6)]
    draw.line(panto, fill=fogged((40, 40, 40), fog, 16, 40), width=max(1, round(cam.scale(0.06, 16))))
    draw.line((cam.project(2.35, 5.6, 15.6), cam.project(3.35, 5.6, 15.6)), fill=fogged((40, 40, 40), fog, 16, 40),
              width=max(1, round(cam.scale(0.06, 16))))
    for hx in (x0 + 0.35, x1 - 0.35):
        p = cam.project(hx, 0.9, z0)
        glow(img, p, cam.scale(1.6, z0), (255, 220, 160), 0.9, power=2.2)
        glow(img, p, cam.scale(0.25, z0), (255, 250, 230), 1.0, power=1.2)


def paint_poplar(img: Image.Image, rng: random.Random, cam: Camera, fog: RGB, x: float, z: float) -> None:
    """A Lombardy poplar in autumn colours: a tall narrow crown lit from the left."""
    height = rng.uniform(18, 25)
    golden = rng.choice([(222, 176, 54), (206, 160, 40), (190, 170, 60), (150, 150, 58), (230, 190, 80)])
    base = cam.project(x, 0, z)
    top = cam.project(x, height, z)
    draw = ImageDraw.Draw(img)
    draw.line((base, cam.project(x, 4, z)), fill=fogged((70, 64, 56), fog, z, 220),
              width=max(1, round(cam.scale(0.45, z))))
    radius = cam.scale(1.9, z)
    pad = radius * 0.3 + 4
    left = max(0, int(base[0] - radius * 1.3 - pad))
    right = min(img.width, int(base[0] + radius * 1.3 + pad))
    upper = max(0, int(top[1] - pad))
    lower = min(img.height, int(base[1]))
    if left >= right or upper >= lower:
        return
    box = (right - left, lower - upper)
    crown, cd = new_mask(box)
    lit, ld = new_mask(box)
    cx, span = base[0] - left, base[1] - top[1]
    leaf = cam.scale(0.22, z)
    count = 1800 if z < 30 else 600
    for _ in range(count):
        t = rng.random()
        y = top[1] - upper + span * (0.02 + 0.8 * t)
        width = radius * math.sin(math.pi * min(1.0, 0.1 + t) ** 0.7) * (0.7 + 0.3 * rng.random())
        px = cx + rng.uniform(-1, 1) * width
        r = max(1.2, leaf * rng.uniform(0.5, 1.2))
        cd.ellipse((px - r * 0.7, y - r, px + r * 0.7, y + r), fill=255)
        if px < cx - width * 0.1 and rng.random() < 0.7:
            ld.ellipse((px - r * 0.6, y - r * 0.8, px + r * 0.6, y + r * 0.8), fill=255)
    soft = 0.6 + cam.scale(0.02, z)
    patch_fill(img, (left, upper), blur(crown, soft), fogged(shade(golden, 0.58), fog, z, 200))
    patch_fill(img, (left, upper), blur(ImageChops.multiply(lit, crown), soft), fogged(golden, fog, z, 200), 0.9)
    if x < 0:
        shadow = cam.quad([(x, 0, z - 0.6), (x, 0, z + 0.6), (-x * 1.4, 0, z + 6.6), (-x * 1.4, 0, z + 5.4)])
        darken(img, scale_mask(polygon_mask(img.size, [shadow], cam.scale(0.3, z), factor=4), 0.35),
               (120, 110, 110))


def paint_talgar_road(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    cam = Camera(w, h, horizon=0.57 * h, focal=0.72 * w, eye=1.6)
    fog = (190, 204, 220)
    img = gradient(size, [(0.0, (52, 100, 170)), (0.3, (104, 150, 206)), (0.52, (190, 210, 228)),
                          (1.0, (190, 210, 228))])
    wisps = threshold(noise_field(rng, size, (w * 0.5, h * 0.03), octaves=4), 150, 220, 0.5)
    fill(img, (240, 244, 250), ImageChops.multiply(wisps, ramp(size, [(0.05, 0.0), (0.2, 1.0), (0.4, 0.3)])))

    snowy_range(img, rng, 0.5 * h, 0.33 * h, (84, 96, 130), (240, 244, 250), 0.32, 0.25 * w)
    fill(img, fog, ramp(size, [(0.33, 0.0), (0.55, 0.5)]), 0.8)
    hills = mountain_profile(rng, w, 0.57 * h, 0.07 * h, 0.5)
    hill_mask = layer_fill(img, close_below(hills, size), (106, 110, 80), 2)
    trees_far = threshold(noise_field(rng, size, w * 0.01, octaves=3), 120, 170)
    darken(img, scale_mask(ImageChops.multiply(trees_far, hill_mask), 0.45), (90, 100, 90))
    fill(img, fog, ImageChops.multiply(hill_mask, ramp(size, [(0.48, 0.5), (0.57, 0.2)])), 0.7)

    # The dirt road, ruts and puddles, with a ditch of water along each side.
    draw = ImageDraw.Draw(img)
    ground = [cam.project(-60, 0, 2), cam.project(-60, 0, 500), cam.project(60, 0, 500), cam.project(60, 0, 2)]
    draw.polygon(ground, fill=(120, 118, 80))
    road = [cam.project(-3.2, 0, 1.2), cam.project(-3.2, 0, 500), cam.project(3.2, 0, 500), cam.project(3.2, 0, 1.2)]
    road_mask = polygon_mask(size, [road], 2)
    fill(img, gradient(size, [(0.57, (184, 170, 146)), (1.0, (140, 120, 96))]), road_mask)
    stones, sd = new_mask(size)
    for _ in range(2500):
        z = 1.3 * (300 / 1.3) ** rng.random()
        p = cam.project(rng.uniform(-3, 3), 0, z)
        r = max(1.0, cam.scale(rng.uniform(0.02, 0.06), z))
        sd.ellipse((p[0] - r, p[1] - r * 0.6, p[0] + r, p[1] + r * 0.6), fill=rng.randint(120, 255))
    darken(img, scale_mask(ImageChops.multiply(blur(stones, 1), road_mask), 0.4), (110, 96, 80))
    light_layer(img, scale_mask(ImageChops.multiply(blur(shift(stones, -2, -2), 1), road_mask), 0.25),
                (255, 240, 220))
    dirt = noise_field(rng, size, (w * 0.03, h * 0.01), octaves=4)
    darken(img, scale_mask(ImageChops.multiply(dirt, road_mask), 0.35), (130, 110, 90))
    ruts = polygon_mask(size, [ground_strip(cam, x, 0.35, 1.2, 400) for x in (-1.0, 1.0)], 10)
    darken(img, scale_mask(ImageChops.multiply(ruts, road_mask), 0.3), (110, 90, 70))
    puddle, pd = new_mask(size)
    for z, x in ((5.5, -1.0), (9.0, 1.1), (16.0, -0.6)):
        c = cam.project(x, 0, z)
        pd.ellipse((c[0] - cam.scale(0.9, z), c[1] - cam.scale(0.12, z), c[0] + cam.scale(0.9, z),
                    c[1] + cam.scale(0.12, z)), fill=255)
    fill(img, gradient(size, [(0.65, (120, 160, 210)), (0.9, (170, 200, 230))]), blur(puddle, 6), 0.75)
    ditches = polygon_mask(size, [ground_strip(cam, x, 0.5, 1.2, 400) for x in (-3.9, 3.9)], 2)
    fill(img, (70, 84, 96), ditches)
    light_layer(img, scale_mask(ImageChops.multiply(ditches, noise_field(rng, size, w * 0.02, octaves=2)), 0.4),
                (160, 190, 220))

    # Houses, fences and poplars, painted from far to near.
    items: list[tuple[float, str, float]] = []
    for side in (-1, 1):
        z = 8.0 + rng.uniform(0, 6)
        while z < 260:
            items.append((z, "house", side))
            z += rng.uniform(14, 22)
        z = 2.5
        while z < 300:
            items.append((z, "poplar", side * rng.uniform(5.2, 6.2)))
            z += rng.uniform(4.5, 7)
    items.sort(key=lambda item: -item[0])
    roofs = [(120, 140, 150), (90, 120, 110), (150, 90, 70), (140, 146, 150)]
    for z, kind, x in items:
        draw = ImageDraw.Draw(img)
        if kind == "house":
            side = x
            near_x, far_x = side * 8.0, side * 15.0
            z1 = z + 9
            wall = fogged((228, 222, 206), fog, z, 220)
            draw.polygon(quad_points(cam, near_x, near_x, 0, 2.8, z, z1), fill=shade(wall, 0.92 if side > 0 else 1.0))
            draw.polygon(quad_points(cam, near_x, far_x, 0, 2.8, z, z), fill=shade(wall, 0.8))
            for k in range(2):
                zz = z + 2 + k * 4
                draw.polygon(quad_points(cam, near_x, near_x, 1.0, 2.1, zz, zz + 1.3),
                             fill=fogged((50, 90, 150), fog, z, 220))
                draw.polygon(quad_points(cam, near_x, near_x, 1.1, 2.0, zz + 0.12, zz + 1.18),
                             fill=fogged((40, 44, 50), fog, z, 220))
            roof_color = fogged(rng.choice(roofs), fog, z, 220)
            ridge_x = (near_x + far_x) / 2
            roof = cam.quad([(near_x - side * 0.6, 2.7, z - 0.6), (near_x - side * 0.6, 2.7, z1 + 0.6),
                             (ridge_x, 4.6, z1 + 0.6), (ridge_x, 4.6, z - 0.6)])
            draw.polygon(roof, fill=roof_color)
            gable = cam.quad([(near_x - side * 0.6, 2.7, z - 0.6), (ridge_x, 4.6, z - 0.6),
                              (far_x + side * 0.6, 2.7, z - 0.6)])
            draw.polygon(gable, fill=shade(roof_color, 0.75))
            if z < 60:
                for k in range(12):
                    zz = z - 0.6 + k * (z1 - z + 1.2) / 12
                    draw.line((cam.project(near_x - side * 0.6, 2.7, zz), cam.project(ridge_x, 4.6, zz)),
                              fill=shade(roof_color, 0.85), width=max(1, round(cam.scale(0.04, zz))))
            fence_z1 = z + rng.uniform(10, 16)
            fence = quad_points(cam, side * 4.4, side * 4.4, 0, 1.7, z - 3, fence_z1)
            draw.polygon(fence, fill=fogged((128, 110, 90), fog, z, 200))
            zz = z - 3
            while zz < fence_z1 and z < 80:
                draw.line((cam.project(side * 4.4, 0, zz), cam.project(side * 4.4, 1.75, zz)),
                          fill=fogged((96, 80, 64), fog, zz, 200), width=max(1, round(cam.scale(0.05, zz))))
                zz += 0.25
        else:
            paint_poplar(img, rng, cam, fog, x, z)
    img = blur(img, 0.8)
    return finish(img, rng, grain_amount=9, vignette_strength=0.35)


def sheep(draw: ImageDraw.ImageDraw, head_draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float,
          size: float) -> None:
    """A woolly sheep seen side-on: the fleece on the first mask, head and legs on the second."""
    facing = rng.choice((-1, 1))
    draw.ellipse((x - size, y - size * 0.55, x + size, y + size * 0.5), fill=255)
    for k in range(12):
        a = 2 * math.pi * k / 12
        px, py = x + math.cos(a) * size * 0.85, y + math.sin(a) * size * 0.45
        r = size * rng.uniform(0.22, 0.32)
        draw.ellipse((px - r, py - r * 0.8, px + r, py + r * 0.8), fill=255)
    hx, hy = x + facing * size * 1.05, y - size * 0.3 + rng.uniform(-0.1, 0.35) * size
    head_draw.ellipse((hx - size * 0.3, hy - size * 0.2, hx + size * 0.3, hy + size * 0.2), fill=255)
    ear = hx - facing * size * 0.28
    head_draw.ellipse((ear - size * 0.14, hy - size * 0.32, ear + size * 0.1, hy - size * 0.14), fill=255)
    for k in (-0.6, -0.35, 0.4, 0.65):
        lx = x + k * size
        head_draw.line((lx, y + size * 0.3, lx + rng.uniform(-0.05, 0.05) * size, y + size * 0.95), fill=255,
                       width=max(1, round(size * 0.1)))


def paint_shepherd_family(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = gradient(size, [(0.0, (22, 30, 64)), (0.25, (52, 58, 100)), (0.45, (150, 110, 120)),
                          (0.55, (226, 150, 100)), (0.56, (60, 46, 42)), (1.0, (26, 20, 18))])
    stars, sd = new_mask(size)
    for _ in range(70):
        x, y = rng.uniform(0, w), rng.uniform(0, 0.25 * h)
        sd.point((x, y), fill=rng.randint(60, 200))
    light_layer(img, blur(stars, 0.6), (255, 255, 240))
    glow(img, (0.82 * w, 0.16 * h), 14, (255, 250, 230), 1.0, power=2)
    glow(img, (0.85 * w, 0.56 * h), (0.6 * w, 0.14 * h), (255, 150, 90), 0.4, power=1.5)
    for base, amp, color in ((0.5 * h, 0.16 * h, (76, 70, 104)), (0.56 * h, 0.08 * h, (44, 40, 58))):
        layer_fill(img, close_below(mountain_profile(rng, w, base, amp, 0.5), size), color, 2)
    layer_fill(img, [(0, 0.58 * h), (w, 0.57 * h), (w, h), (0, h)], gradient(size, [(0.56, (52, 42, 38)),
                                                                                  (1.0, (22, 18, 16))]), 2)
    ground = noise_field(rng, size, (w * 0.03, h * 0.01), octaves=3)
    darken(img, scale_mask(ImageChops.multiply(ground, ramp(size, [(0.58, 0.0), (1.0, 0.6)])), 0.5), (120, 110, 100))

    # The house: whitewashed walls turned blue by the dusk, a lit window and an open door.
    draw = ImageDraw.Draw(img)
    draw.polygon([(-10, 0.37 * h), (0.37 * w, 0.37 * h), (0.37 * w, 0.71 * h), (-10, 0.71 * h)], fill=(92, 96, 118))
    draw.polygon([(-10, 0.31 * h), (0.33 * w, 0.31 * h), (0.39 * w, 0.38 * h), (-10, 0.38 * h)], fill=(40, 40, 50))
    plaster = noise_field(rng, size, w * 0.02, octaves=3)
    wall = polygon_mask(size, [[(0, 0.38 * h), (0.37 * w, 0.38 * h), (0.37 * w, 0.71 * h), (0, 0.71 * h)]])
    darken(img, scale_mask(ImageChops.multiply(plaster, wall), 0.25), (150, 150, 160))
    draw.rectangle((0.07 * w, 0.45 * h, 0.15 * w, 0.56 * h), fill=(255, 196, 110))
    draw.rectangle((0.105 * w, 0.45 * h, 0.113 * w, 0.56 * h), fill=(70, 50, 40))
    draw.rectangle((0.07 * w, 0.5 * h, 0.15 * w, 0.507 * h), fill=(70, 50, 40))
    draw.rectangle((0.23 * w, 0.44 * h, 0.29 * w, 0.71 * h), fill=(240, 160, 80))
    draw.polygon([(0.23 * w, 0.44 * h), (0.25 * w, 0.45 * h), (0.25 * w, 0.72 * h), (0.23 * w, 0.71 * h)],
                 fill=(80, 56, 40))
    glow(img, (0.11 * w, 0.5 * h), 0.12 * w, (255, 170, 80), 0.5)
    glow(img, (0.26 * w, 0.6 * h), 0.14 * w, (255, 160, 70), 0.5)
    spill = polygon_mask(size, [[(0.23 * w, 0.71 * h), (0.29 * w, 0.71 * h), (0.36 * w, 0.9 * h),
                                 (0.18 * w, 0.9 * h)]], 30, factor=4)
    light_layer(img, scale_mask(spill, 0.35), (255, 150, 70))

    # The tapchan platform, the low table and the family around it under a single bulb.
    lamp = (0.49 * w, 0.43 * h)
    draw = ImageDraw.Draw(img)
    draw.line([(0.37 * w, 0.36 * h), (0.49 * w, 0.39 * h), (0.72 * w, 0.33 * h)], fill=(16, 14, 16), width=3)
    draw.line([(0.72 * w, 0.3 * h), (0.72 * w, 0.62 * h)], fill=(22, 18, 18), width=14)
    draw.line([lamp, (0.49 * w, 0.39 * h)], fill=(16, 14, 16), width=3)
    glow(img, (0.5 * w, 0.72 * h), (0.3 * w, 0.12 * h), (255, 160, 70), 0.6, power=1.3)
    top = [(0.33 * w, 0.645 * h), (0.65 * w, 0.645 * h), (0.69 * w, 0.745 * h), (0.29 * w, 0.745 * h)]
    face = [(0.29 * w, 0.745 * h), (0.69 * w, 0.745 * h), (0.69 * w, 0.79 * h), (0.29 * w, 0.79 * h)]
    fill(img, gradient(size, [(0.64, (150, 40, 36)), (0.75, (110, 30, 30))]), polygon_mask(size, [top], 1.5))
    rug, rgd = new_mask(size)
    for k in range(5):
        draw_rosette(rgd, (0.35 * w + k * 0.08 * w, 0.725 * h), 0.05 * w, 4, 255)
    fill(img, (200, 140, 60), ImageChops.multiply(blur(rug, 1.5), polygon_mask(size, [top])), 0.6)
    fill(img, (70, 46, 30), polygon_mask(size, [face], 1.5))
    draw = ImageDraw.Draw(img)
    for lx in (0.3, 0.68):
        draw.rectangle((lx * w, 0.79 * h, lx * w + 14, 0.83 * h), fill=(30, 22, 18))

    # (x, seat line, standing height, clothes, headwear): three facing us, two with their backs to us.
    people: list[tuple[float, float, float, RGB, str]] = [
        (0.415 * w, 0.675 * h, 0.3 * h, (60, 50, 70), "scarf"),
        (0.49 * w, 0.67 * h, 0.33 * h, (44, 54, 60), "kalpak"),
        (0.565 * w, 0.675 * h, 0.27 * h, (120, 40, 50), ""),
        (0.37 * w, 0.745 * h, 0.34 * h, (40, 40, 52), ""),
        (0.615 * w, 0.745 * h, 0.3 * h, (70, 40, 50), "scarf"),
    ]
    for x, seat, height, cloth, hat in people[:3]:
        m, d = new_mask(size)
        head = draw_seated(d, x, seat, height, lean=rng.uniform(-0.03, 0.03))
        fill(img, shade(cloth, 1.3), blur(m, 1.5))
        r = 0.064 * height
        fm, fd = new_mask(size)
        fd.ellipse((head[0] - r * 0.8, head[1] - r * 0.9, head[0] + r * 0.8, head[1] + r), fill=255)
        fill(img, (214, 150, 100), blur(fm, 1.5))
        feats, fe = new_mask(size)
        fe.rectangle((head[0] - r * 0.55, head[1] - r * 0.1, head[0] + r * 0.55, head[1] + r * 0.1), fill=180)
        fe.ellipse((head[0] - r * 0.3, head[1] + r * 0.45, head[0] + r * 0.3, head[1] + r * 0.6), fill=120)
        darken(img, blur(feats, 3), (120, 80, 60))
        hm, hd = new_mask(size)
        if hat == "scarf":
            hd.chord((head[0] - r * 1.05, head[1] - r * 1.15, head[0] + r * 1.05, head[1] + r * 0.9), 180, 360,
                     fill=255)
            hd.polygon([(head[0] - r * 1.05, head[1] - r * 0.1), (head[0] - r * 0.8, head[1] - r * 0.1),
                        (head[0] - r * 0.9, head[1] + r * 1.5), (head[0] - r * 1.3, head[1] + r * 1.4)], fill=255)
            hd.polygon([(head[0] + r * 1.05, head[1] - r * 0.1), (head[0] + r * 0.8, head[1] - r * 0.1),
                        (head[0] + r * 0.9, head[1] + r * 1.5), (head[0] + r * 1.3, head[1] + r * 1.4)], fill=255)
            fill(img, (236, 226, 206), blur(hm, 1.5))
        elif hat == "kalpak":
            hd.polygon([(head[0] - r * 0.95, head[1] - r * 0.55), (head[0] - r * 0.6, head[1] - r * 2.1),
                        (head[0] + r * 0.6, head[1] - r * 2.1), (head[0] + r * 0.95, head[1] - r * 0.55)],
                       fill=255)
            fill(img, (232, 226, 214), blur(hm, 1.5))
            hd.rectangle((0, 0, w, h), fill=0)
            hd.polygon([(head[0] - r * 0.97, head[1] - r * 0.5), (head[0] - r * 0.9, head[1] - r * 1.0),
                         (head[0] + r * 0.9, head[1] - r * 1.0), (head[0] + r * 0.97, head[1] - r * 0.5)], fill=255)
            fill(img, (30, 26, 26), blur(hm, 1.5))
        else:
            hd.chord((head[0] - r * 0.9, head[1] - r * 1.05, head[0] + r * 0.9, head[1] + r * 0.2), 180, 360,
                     fill=255)
            fill(img, (24, 18, 16), blur(hm, 1.5))
        glow(img, (head[0], head[1] - r * 0.5), r * 2.5, (255, 170, 90), 0.3)

    table = [(0.41 * w, 0.67 * h), (0.58 * w, 0.67 * h), (0.6 * w, 0.71 * h), (0.39 * w, 0.71 * h)]
    fill(img, (226, 212, 190), polygon_mask(size, [table], 1.5))
    fill(img, (170, 150, 130), polygon_mask(size, [[(0.39 * w, 0.71 * h), (0.6 * w, 0.71 * h),
                                                    (0.6 * w, 0.735 * h), (0.39 * w, 0.735 * h)]], 1.5))
    draw = ImageDraw.Draw(img)
    for bx, color in ((0.43, (230, 230, 240)), (0.47, (200, 140, 70)), (0.51, (230, 230, 240)),
                      (0.545, (180, 60, 40)), (0.565, (230, 230, 240))):
        draw.ellipse((bx * w - 0.012 * w, 0.675 * h, bx * w + 0.012 * w, 0.69 * h), fill=color)
        draw.ellipse((bx * w - 0.01 * w, 0.674 * h, bx * w + 0.01 * w, 0.682 * h), fill=shade(color, 0.7))
    draw.ellipse((0.485 * w, 0.655 * h, 0.505 * w, 0.685 * h), fill=(60, 110, 140))
    for x, seat, height, cloth, hat in people[3:]:
        m, d = new_mask(size)
        head = draw_seated(d, x, seat, height)
        r = 0.064 * height
        if hat == "scarf":
            d.chord((head[0] - r * 1.1, head[1] - r * 1.2, head[0] + r * 1.1, head[1] + r * 1.4), 0, 360, fill=255)
        m = blur(m, 1.5)
        fill(img, cloth, m)
        darken(img, scale_mask(m, 0.5), (60, 60, 70))
        rim_light(img, m, (6, 10), (255, 170, 90), 4, 0.9)

    # The sheep pen to the right: woolly backs in the dusk light behind a rail fence.
    spots = [((0.71 + 0.065 * k + rng.uniform(-0.015, 0.015)) * w, rng.uniform(0.64, 0.74) * h) for k in range(5)]
    spots += [((0.74 + 0.07 * k + rng.uniform(-0.015, 0.015)) * w, rng.uniform(0.62, 0.66) * h) for k in range(4)]
    fleece = noise_field(rng, size, 9, octaves=2)
    for x, y in sorted(spots, key=lambda p: p[1]):
        wool, wd = new_mask(size)
        legs, ld = new_mask(size)
        sheep(wd, ld, rng, x, y, 0.026 * w * (0.8 + (y / h - 0.62) * 2))
        wool = blur(wool, 1.5)
        fill(img, gradient(size, [((y - 0.03 * h) / h, (112, 104, 98)), ((y + 0.03 * h) / h, (62, 56, 54))]), wool)
        darken(img, scale_mask(ImageChops.multiply(fleece, wool), 0.35), (120, 110, 110))
        light_layer(img, scale_mask(ImageChops.subtract(wool, shift(wool, 5, 3)), 0.5), (255, 170, 100))
        fill(img, (26, 22, 20), blur(legs, 1.2))
    draw = ImageDraw.Draw(img)
    for k in range(9):
        px = (0.68 + 0.04 * k) * w
        draw.line((px, 0.59 * h, px + 4, 0.78 * h), fill=(34, 26, 22), width=12)
    for y0, y1 in ((0.62, 0.615), (0.695, 0.69)):
        draw.line((0.67 * w, y0 * h, w, y1 * h), fill=(44, 34, 28), width=10)

    pool = radial_mask(size, (lamp[0], lamp[1] + 0.2 * h), (0.45 * w, 0.45 * h), power=1.2)
    darken(img, ImageOps.invert(pool).point(lambda v: clamp8(v * 0.45)), (60, 60, 80))
    glow(img, lamp, 0.4 * w, (255, 170, 80), 0.45, power=2.2)
    glow(img, lamp, 0.05 * w, (255, 230, 170), 1.0, power=1.4)
    glow(img, lamp, 0.012 * w, (255, 255, 240), 1.0, power=1)
    img = blur(img, 1.0)
    return finish(img, rng, grain_amount=13, vignette_strength=0.5)


def village_house(img: Image.Image, rng: random.Random, x0: float, x1: float, base: float, wall_h: float,
                  roof_h: float, depth: float, roof_color: RGB, haze: float = 0.0) -> None:
    """A low whitewashed house with a corrugated tin roof, seen slightly from the side (sun on the right)."""
    hz = (200, 206, 210)
    draw = ImageDraw.Draw(img)
    eave = base - wall_h
    dy = depth * 0.3
    wall = mix((214, 204, 184), hz, haze)
    draw.polygon([(x0, eave), (x1, eave), (x1, base), (x0, base)], fill=shade(wall, 0.82))
    draw.polygon([(x1, base), (x1, eave), (x1 + depth, eave - dy), (x1 + depth, base - dy)], fill=wall)
    over = (x1 - x0) * 0.04
    roof = [(x0 - over, eave + over * 0.3), (x1 + over, eave + over * 0.3), (x1 + over + depth * 0.5, eave - roof_h),
            (x0 - over + depth * 0.5, eave - roof_h)]
    gable = [(x1 + over, eave + over * 0.3), (x1 + over + depth, eave - dy), (x1 + over + depth * 0.5, eave - roof_h)]
    color = mix(roof_color, hz, haze)
    draw.polygon(gable, fill=shade(wall, 0.95))
    draw.polygon(roof, fill=color)
    ribs = max(6, int((x1 - x0) / 14))
    for k in range(ribs + 1):
        t = k / ribs
        a = (roof[0][0] + (roof[1][0] - roof[0][0]) * t, roof[0][1])
        b = (roof[3][0] + (roof[2][0] - roof[3][0]) * t, roof[3][1])
        draw.line((a, b), fill=shade(color, 0.8 if k % 2 else 1.15), width=max(1, round((x1 - x0) / 120)))
    box = (round(min(p[0] for p in roof)), round(min(p[1] for p in roof)),
           round(max(p[0] for p in roof)) + 1, round(max(p[1] for p in roof)) + 1)
    if box[2] - box[0] > 8 and box[3] - box[1] > 8:
        local, ld = new_mask((box[2] - box[0], box[3] - box[1]))
        ld.polygon([(x - box[0], y - box[1]) for x, y in roof], fill=255)
        rust = threshold(noise_field(rng, local.size, max(6.0, (x1 - x0) * 0.08), octaves=3), 130, 200, 0.45)
        patch_fill(img, box[:2], ImageChops.multiply(local, rust), mix((136, 78, 50), hz, haze))
    draw = ImageDraw.Draw(img)
    draw.line(((x0 - over, eave + over * 0.3), (x1 + over, eave + over * 0.3)), fill=shade(color, 0.5),
              width=max(1, round(wall_h * 0.04)))
    for k in range(max(1, int((x1 - x0) / (wall_h * 1.3)))):
        wx = x0 + (k + 0.5) * (x1 - x0) / max(1, int((x1 - x0) / (wall_h * 1.3))) - wall_h * 0.22
        wy = eave + wall_h * 0.25
        draw.rectangle((wx, wy, wx + wall_h * 0.44, wy + wall_h * 0.45), fill=mix((60, 100, 150), hz, haze))
        draw.rectangle((wx + wall_h * 0.05, wy + wall_h * 0.05, wx + wall_h * 0.39, wy + wall_h * 0.4),
                       fill=mix((40, 42, 46), hz, haze))


def paint_house_on_the_hill(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = gradient(size, [(0.0, (80, 132, 196)), (0.3, (140, 176, 212)), (0.45, (214, 216, 210)),
                          (1.0, (214, 216, 210))])
    glow(img, (1.1 * w, 0.3 * h), (0.8 * w, 0.4 * h), (255, 220, 170), 0.5, power=1.4)
    snowy_range(img, rng, 0.44 * h, 0.22 * h, (120, 136, 170), (236, 240, 246), 0.27, 0.8 * w)
    fill(img, (206, 212, 214), ramp(size, [(0.2, 0.3), (0.45, 0.75)]))

    # The hill, dry golden grass lit from the right, with a road winding up to the villa.
    ridge = chaikin([(-0.05 * w, 0.56 * h), (0.15 * w, 0.52 * h), (0.35 * w, 0.42 * h), (0.5 * w, 0.33 * h),
                     (0.64 * w, 0.305 * h), (0.8 * w, 0.31 * h), (0.92 * w, 0.35 * h), (1.05 * w, 0.38 * h)], 3,
                    False)
    hill = layer_fill(img, close_below(ridge, size), gradient(size, [(0.1, (120, 110, 70)), (0.65, (190, 164, 96)),
                                                                     (1.0, (210, 176, 100))], horizontal=True), 2)
    grass = noise_field(rng, size, (w * 0.03, h * 0.01), octaves=4)
    darken(img, scale_mask(ImageChops.multiply(grass, hill), 0.3), (140, 130, 100))
    shrubs, sd = new_mask(size)
    shadows, shd = new_mask(size)
    for _ in range(260):
        x = rng.uniform(0, w)
        top_y = min((py for px, py in ridge if abs(px - x) < w * 0.01), default=0.4 * h)
        y = rng.uniform(top_y + 0.015 * h, 0.6 * h)
        r = rng.uniform(0.004, 0.011) * w * (0.6 + (y / h - 0.3) * 1.5)
        sd.ellipse((x - r, y - r * 0.8, x + r, y + r * 0.8), fill=255)
        shd.ellipse((x - r * 2.6, y, x + r * 0.2, y + r * 0.5), fill=255)
    darken(img, scale_mask(ImageChops.multiply(blur(shadows, 3), hill), 0.3), (120, 110, 90))
    fill(img, (58, 74, 44), ImageChops.multiply(blur(shrubs, 1.5), hill))
    road, rd = new_mask(size)
    rd.line(chaikin([(0.3 * w, 0.6 * h), (0.46 * w, 0.5 * h), (0.38 * w, 0.46 * h), (0.52 * w, 0.4 * h),
                     (0.47 * w, 0.36 * h), (0.58 * w, 0.32 * h)], 3, False), fill=255, width=round(0.006 * w),
            joint="curve")
    fill(img, (222, 206, 170), ImageChops.multiply(blur(road, 1.5), hill))

    # The villa: white cubes, dark glass catching the sun, a long wall and cypresses.
    draw = ImageDraw.Draw(img)
    white, side_lit, shadow = (224, 222, 214), (250, 244, 228), (150, 150, 150)
    draw.polygon([(0.46 * w, 0.292 * h), (0.8 * w, 0.288 * h), (0.8 * w, 0.312 * h), (0.46 * w, 0.318 * h)],
                 fill=(206, 190, 160))
    blocks = [(0.52, 0.7, 0.215, 0.29, 0.025), (0.545, 0.67, 0.172, 0.215, 0.02), (0.66, 0.76, 0.245, 0.29, 0.02)]
    for x0, x1, y0, y1, d in blocks:
        draw.polygon([(x1 * w, y0 * h), (x1 * w + d * w, y0 * h - 0.008 * h), (x1 * w + d * w, y1 * h - 0.008 * h),
                      (x1 * w, y1 * h)], fill=side_lit)
        draw.rectangle((x0 * w, y0 * h, x1 * w, y1 * h), fill=white)
        draw.line((x0 * w, y0 * h, x1 * w + d * w, y0 * h - 0.006 * h), fill=(90, 90, 96), width=4)
    glass = [(0.53, 0.69, 0.232, 0.278), (0.555, 0.665, 0.182, 0.208), (0.67, 0.75, 0.256, 0.283)]
    for x0, x1, y0, y1 in glass:
        draw.rectangle((x0 * w, y0 * h, x1 * w, y1 * h), fill=(50, 66, 84))
        n = int((x1 - x0) / 0.02)
        for k in range(1, n):
            xx = x0 * w + (x1 - x0) * w * k / n
            draw.line((xx, y0 * h, xx, y1 * h), fill=(170, 170, 170), width=2)
        draw.polygon([(x0 * w, y1 * h), (x0 * w + 0.3 * (x1 - x0) * w, y0 * h), (x0 * w + 0.42 * (x1 - x0) * w, y0 * h),
                      (x0 * w + 0.12 * (x1 - x0) * w, y1 * h)], fill=(120, 140, 160))
    draw.rectangle((0.52 * w, 0.29 * h, 0.7 * w, 0.296 * h), fill=shadow)
    for cx_f in (0.48, 0.5, 0.78, 0.795):
        base_y = 0.3 * h
        draw.polygon(chaikin([(cx_f * w, base_y - 0.09 * h), (cx_f * w + 0.008 * w, base_y - 0.04 * h),
                              (cx_f * w + 0.005 * w, base_y), (cx_f * w - 0.005 * w, base_y),
                              (cx_f * w - 0.008 * w, base_y - 0.04 * h)], 2), fill=(40, 56, 36))
    glow(img, (0.6 * w, 0.255 * h), 0.02 * w, (255, 250, 230), 1.0, power=1.5)
    glow(img, (0.6 * w, 0.255 * h), 0.08 * w, (255, 230, 180), 0.45, power=2)

    # Poplars and orchards at the foot of the hill.
    belt, bd = new_mask(size)
    for _ in range(500):
        x = rng.uniform(-0.02, 1.02) * w
        y = rng.uniform(0.5, 0.6) * h
        foliage(bd, rng, (x, y), (0.01 * w, 0.02 * h), 6, 0.006 * w)
    for _ in range(24):
        x = rng.uniform(0, w)
        foliage(bd, rng, (x, 0.5 * h), (0.006 * w, 0.06 * h), 40, 0.004 * w)
    fill(img, (70, 86, 50), blur(belt, 1.2))
    fill(img, (190, 200, 200), ramp(size, [(0.45, 0.0), (0.6, 0.25)]), 0.7)

    # The village below: low houses with rusty tin roofs, fences and an electricity pole.
    layer_fill(img, [(0, 0.6 * h), (w, 0.6 * h), (w, h), (0, h)], gradient(size, [(0.6, (160, 146, 110)),
                                                                                   (1.0, (120, 104, 80))]), 1)
    roofs = [(128, 88, 66), (150, 150, 148), (112, 120, 118), (140, 100, 76), (118, 84, 66)]
    for k in range(9):
        x0 = (k * 0.12 - 0.02 + rng.uniform(-0.02, 0.02)) * w
        width = rng.uniform(0.07, 0.1) * w
        village_house(img, rng, x0, x0 + width, 0.63 * h, 0.035 * h, 0.03 * h, 0.03 * w, rng.choice(roofs), 0.35)
    for x0, x1, base, wall_h in ((0.32, 0.55, 0.78, 0.1), (0.72, 0.98, 0.76, 0.09)):
        village_house(img, rng, x0 * w, x1 * w, base * h, wall_h * h, 0.08 * h, 0.07 * w, rng.choice(roofs), 0.1)
    village_house(img, rng, -0.05 * w, 0.26 * w, 0.98 * h, 0.22 * h, 0.17 * h, 0.09 * w, (132, 96, 74), 0.0)
    draw = ImageDraw.Draw(img)
    for k in range(40):
        x = 0.3 * w + k * 0.018 * w
        lean = rng.uniform(-0.006, 0.006) * w
        draw.line((x, 0.96 * h, x + lean, 0.85 * h + rng.uniform(-0.01, 0.01) * h), fill=(96, 80, 62),
                  width=round(0.008 * w))
    draw.line((0.3 * w, 0.89 * h, w, 0.885 * h), fill=(84, 70, 56), width=round(0.006 * w))
    draw.line((0.92 * w, 0.12 * h, 0.925 * w, 0.98 * h), fill=(60, 50, 44), width=round(0.012 * w))
    draw.line((0.88 * w, 0.16 * h, 0.96 * w, 0.16 * h), fill=(60, 50, 44), width=round(0.006 * w))
    for sag, y0 in ((0.05, 0.16), (0.07, 0.165)):
        pts = [(0.92 * w - t * 1.0 * w, (y0 + sag * math.sin(math.pi * t)) * h + t * 0.05 * h)
               for t in (i / 20 for i in range(21))]
        draw.line(pts, fill=(40, 36, 34), width=3)
    glow(img, (1.05 * w, 0.2 * h), (0.9 * w, 0.9 * h), (255, 200, 140), 0.25, power=1.3)
    img = blur(img, 1.0)
    return finish(img, rng, grain_amount=9, vignette_strength=0.35)


def paint_kairat_portrait(size: Size, rng: random.Random) -> Image.Image:
    w, h = size
    img = gradient(size, [(0.0, (150, 136, 116)), (0.4, (110, 92, 74)), (1.0, (60, 48, 40))])
    draw = ImageDraw.Draw(img)
    for k in range(5):
        x = k * 0.26 * w - 0.05 * w
        draw.polygon([(x, 0), (x + 0.26 * w, 0), (x + 0.3 * w, 0.16 * h), (x - 0.03 * w, 0.18 * h)],
                     fill=rng.choice([(200, 196, 186), (40, 120, 130), (180, 60, 50), (230, 210, 160)]))
    for _ in range(60):
        x, y = rng.uniform(0, w), rng.uniform(0.3 * h, 0.7 * h)
        r = rng.uniform(0.03, 0.07) * w
        draw.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7),
                     fill=rng.choice([(200, 70, 40), (230, 160, 50), (100, 140, 60), (200, 190, 90)]))
    for _ in range(14):
        x = rng.uniform(-0.1, 1.1) * w
        fh = rng.uniform(0.5, 0.9) * h
        m, d = new_mask(size)
        draw_figure(d, x, 0.45 * h + fh * 0.9, fh, Pose(bulk=1.3, hat=rng.choice(["", "scarf"])))
        fill(img, rng.choice([(40, 34, 32), (80, 60, 90), (140, 60, 60), (60, 76, 66), (170, 150, 120)]), m)
    img = blur(img, 28)
    bokeh(img, rng, 24, (0, 0, w, 0.45 * h), [(255, 236, 200), (255, 214, 160)], (0.03 * w, 0.07 * w),
          (0.15, 0.4))

    # Kairat, seen from behind and to his right, face turned away, camera hanging at his chest.
    jacket = chaikin([(0.41 * w, 0.43 * h), (0.59 * w, 0.43 * h), (0.72 * w, 0.455 * h), (0.83 * w, 0.5 * h),
                      (0.89 * w, 0.58 * h), (0.91 * w, 0.8 * h), (0.94 * w, 1.05 * h), (0.08 * w, 1.05 * h),
                      (0.1 * w, 0.8 * h), (0.13 * w, 0.6 * h), (0.19 * w, 0.5 * h), (0.29 * w, 0.455 * h)], 2)
    body = polygon_mask(size, [jacket], 2)
    fill(img, velvet(size, rng, (104, 100, 70), (40, 40, 28), 0.3, w * 0.02), body)
    folds = rotated_noise(rng, size, (w * 0.05, h * 0.25), 10, octaves=3)
    darken(img, scale_mask(ImageChops.multiply(folds, body), 0.35), (110, 110, 100))
    seams, sm = new_mask(size)
    sm.line(chaikin([(0.55 * w, 0.44 * h), (0.57 * w, 0.7 * h), (0.56 * w, 1.05 * h)], 2, False), fill=255, width=5)
    sm.line(chaikin([(0.22 * w, 0.56 * h), (0.4 * w, 0.6 * h), (0.62 * w, 0.58 * h), (0.86 * w, 0.55 * h)], 2, False),
            fill=255, width=5)
    sm.line(chaikin([(0.8 * w, 0.58 * h), (0.8 * w, 0.8 * h), (0.83 * w, 1.05 * h)], 2, False), fill=255, width=9)
    sm.line(chaikin([(0.2 * w, 0.58 * h), (0.2 * w, 0.8 * h), (0.17 * w, 1.05 * h)], 2, False), fill=255, width=9)
    darken(img, scale_mask(blur(seams, 2), 0.5), (80, 80, 60))
    collar = polygon_mask(size, [chaikin([(0.38 * w, 0.44 * h), (0.62 * w, 0.44 * h), (0.64 * w, 0.48 * h),
                                          (0.5 * w, 0.5 * h), (0.36 * w, 0.48 * h)], 2)], 2)
    fill(img, (84, 80, 56), collar)

    neck = polygon_mask(size, [[(0.42 * w, 0.38 * h), (0.58 * w, 0.38 * h), (0.6 * w, 0.45 * h), (0.4 * w, 0.45 * h)]],
                        3)
    fill(img, gradient(size, [(0.38, (196, 146, 112)), (0.45, (140, 96, 72))]), neck)
    head = polygon_mask(size, [chaikin([(0.38 * w, 0.3 * h), (0.41 * w, 0.2 * h), (0.5 * w, 0.16 * h),
                                        (0.6 * w, 0.18 * h), (0.65 * w, 0.26 * h), (0.64 * w, 0.34 * h),
                                        (0.58 * w, 0.4 * h), (0.44 * w, 0.4 * h)], 3)], 2)
    fill(img, gradient(size, [(0.15, (50, 40, 34)), (0.4, (26, 20, 18))]), head)
    hair = rotated_noise(rng, size, (w * 0.004, h * 0.03), 80, octaves=2)
    light_layer(img, scale_mask(ImageChops.multiply(hair, head), 0.2), (160, 130, 100))
    ear = polygon_mask(size, [chaikin([(0.635 * w, 0.27 * h), (0.665 * w, 0.265 * h), (0.67 * w, 0.31 * h),
                                       (0.645 * w, 0.335 * h)], 2)], 2)
    fill(img, (200, 146, 112), ear)
    cheek = polygon_mask(size, [chaikin([(0.645 * w, 0.33 * h), (0.665 * w, 0.33 * h), (0.66 * w, 0.37 * h),
                                         (0.6 * w, 0.405 * h), (0.6 * w, 0.38 * h)], 2)], 2)
    fill(img, (186, 134, 102), cheek)

    strap, sd2 = new_mask(size)
    sd2.line(chaikin([(0.6 * w, 0.44 * h), (0.7 * w, 0.47 * h), (0.8 * w, 0.56 * h), (0.86 * w, 0.66 * h)], 2, False),
             fill=255, width=round(0.025 * w), joint="curve")
    fill(img, (22, 20, 22), blur(strap, 1.5))
    cam_body = polygon_mask(size, [chaikin([(0.8 * w, 0.63 * h), (0.93 * w, 0.62 * h), (0.95 * w, 0.73 * h),
                                            (0.82 * w, 0.74 * h)], 1)], 1.5)
    fill(img, (26, 26, 28), cam_body)
    lens = polygon_mask(size, [[(0.92 * w, 0.64 * h), (1.02 * w, 0.645 * h), (1.02 * w, 0.725 * h),
                                (0.92 * w, 0.72 * h)]], 1.5)
    fill(img, gradient(size, [(0.64, (60, 60, 64)), (0.68, (20, 20, 22)), (0.73, (40, 40, 44))]), lens)
    ring, rgd = new_mask(size)
    rgd.line((0.955 * w, 0.642 * h, 0.955 * w, 0.722 * h), fill=255, width=round(0.008 * w))
    fill(img, (170, 170, 174), blur(ring, 1))
    figure = ImageChops.lighter(ImageChops.lighter(body, head), ImageChops.lighter(cam_body, neck))
    rim_light(img, figure, (8, 10), (255, 236, 210), 4, 0.6)
    darken(img, ImageChops.multiply(figure, ramp(size, [(0.5, 0.0), (1.0, 0.5)])), (80, 80, 80))
    return finish(img, rng, grain_amount=10, vignette_strength=0.45)


# --------------------------------------------------------------------------
# Catalogue of images


@dataclass(frozen=True)
class Plate:
    """One output image: where it goes, what paints it, its pixel size and its seed."""

    path: str
    painter: Painter
    size: Size
    seed: int

    @property
    def name(self) -> str:
        path = Path(self.path)
        return f"{path.parent.parent.name}/{path.stem}" if path.stem == "portrait" else path.stem


BEKZAT = "content/artists/bekzat-popov/images"
KAIRAT = "content/artists/kairat-ospanov/images"

PLATES: list[Plate] = [
    Plate(f"{BEKZAT}/moyynkum-evening.jpg", paint_moyynkum_evening, BLEED, 1101),
    Plate(f"{BEKZAT}/aral-salt-flats.jpg", paint_aral_salt_flats, LANDSCAPE, 1102),
    Plate(f"{BEKZAT}/saukele.jpg", paint_saukele, PORTRAIT, 1103),
    Plate(f"{BEKZAT}/dombra-astana.jpg", paint_dombra_astana, PORTRAIT, 1104),
    Plate(f"{BEKZAT}/kara-zhorga.jpg", paint_kara_zhorga, LANDSCAPE, 1105),
    Plate(f"{BEKZAT}/syrmak.jpg", paint_syrmak, SQUARE, 1106),
    Plate(f"{BEKZAT}/kyzylkum-night.jpg", paint_kyzylkum_night, BLEED, 1107),
    Plate(f"{BEKZAT}/portrait.jpg", paint_bekzat_portrait, ARTIST, 1108),
    Plate(f"{KAIRAT}/green-bazaar.jpg", paint_green_bazaar, LANDSCAPE, 2201),
    Plate(f"{KAIRAT}/apricot-seller.jpg", paint_apricot_seller, PORTRAIT, 2202),
    Plate(f"{KAIRAT}/abay-avenue-rain.jpg", paint_abay_avenue_rain, BLEED, 2203),
    Plate(f"{KAIRAT}/tram-dawn.jpg", paint_tram_dawn, LANDSCAPE, 2204),
    Plate(f"{KAIRAT}/talgar-road.jpg", paint_talgar_road, BLEED, 2205),
    Plate(f"{KAIRAT}/shepherd-family.jpg", paint_shepherd_family, LANDSCAPE, 2206),
    Plate(f"{KAIRAT}/house-on-the-hill.jpg", paint_house_on_the_hill, LANDSCAPE, 2207),
    Plate(f"{KAIRAT}/portrait.jpg", paint_kairat_portrait, ARTIST, 2208),
]


def render(plate: Plate, root: Path) -> tuple[str, float]:
    start = time.perf_counter()
    image = plate.painter(plate.size, random.Random(plate.seed)).convert("RGB")
    if image.size != plate.size:
        raise RuntimeError(f"{plate.name}: painted {image.size}, expected {plate.size}")
    target = root / plate.path
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False, dpi=(300, 300))
    return plate.path, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", metavar="NAME", action="append",
                        help="regenerate only this image (file stem, e.g. 'saukele'; "
                             "'bekzat-popov/portrait' for a portrait); repeatable")
    parser.add_argument("--out", metavar="ROOT", type=Path, default=REPO_ROOT,
                        help="root directory to write into (default: the repository root)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel worker processes")
    args = parser.parse_args(argv)

    plates = PLATES
    if args.only:
        wanted = set(args.only)
        plates = [p for p in PLATES if p.name in wanted or p.path in wanted]
        unknown = wanted - {p.name for p in plates} - {p.path for p in plates}
        if unknown:
            names = ", ".join(p.name for p in PLATES)
            parser.error(f"unknown image(s): {', '.join(sorted(unknown))} (choose from: {names})")

    start = time.perf_counter()
    if args.jobs > 1 and len(plates) > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(render, plates, [args.out] * len(plates)))
    else:
        results = [render(p, args.out) for p in plates]
    for path, seconds in results:
        print(f"{seconds:6.1f}s  {path}")
    print(f"{len(results)} image(s) in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
