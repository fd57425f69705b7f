"""Colour for print: swatches from layouts, ICC profiles, black in K ink only, ink limits."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageCms, ImageMath

from .resources import builtin_dir

CMYK = tuple[float, float, float, float]
"""Ink amounts as fractions of full coverage (0 to 1 each)."""

Device = tuple[Literal["rgb", "cmyk", "gray"], tuple[float, ...]]

BUILTIN_CMYK = "FOGRA39L-l300.icc"
INTENTS: dict[str, ImageCms.Intent] = {
    "perceptual": ImageCms.Intent.PERCEPTUAL,
    "relative": ImageCms.Intent.RELATIVE_COLORIMETRIC,
    "saturation": ImageCms.Intent.SATURATION,
    "absolute": ImageCms.Intent.ABSOLUTE_COLORIMETRIC,
}
INK_HEADROOM = 10
"""Units of 255 kept under the ink limit when clamping images: JPEG rounding moves single
pixels by up to about 8 units of total ink (measured at quality 92), and the limit is a promise."""

_CMYK_TEXT = re.compile(r"cmyk\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)")


@dataclass(frozen=True)
class Ink:
    """A spot ink a layout names (a risograph drum): printed from its own separation, shown in the
    composite PDF as a Separation colour of that name."""

    key: str                          # the layout's name for it, used in its separation's file name
    name: str                         # the colorant's name in the PDF, e.g. 'Fluorescent Pink'
    rgb: tuple[float, float, float]   # how the ink looks at full strength

    @property
    def alternate(self) -> CMYK:
        """The ink's look in process CMYK (the built-in profile): the Separation's alternate, which
        viewers show and a press without the ink prints. CMYK rather than RGB, so a grey job carries
        no RGB for a preflight to flag."""
        return _ink_cmyk(self.rgb)


@dataclass(frozen=True)
class Spot:
    """A tint (0 to 1) of a spot ink."""

    ink: Ink
    tint: float


@dataclass(frozen=True)
class Swatch:
    """A colour a layout names. `cmyk` is set when the designer gave ink values; r, g, b are then
    what those inks look like on screen (through the built-in CMYK profile). `spot` is set when the
    layout prints the colour in a spot ink; r, g, b are then that ink's look at its tint."""

    r: float
    g: float
    b: float
    cmyk: CMYK | None = None
    spot: Spot | None = None

    @classmethod
    def from_hex(cls, text: str) -> Swatch:
        value = text.strip().lstrip("#")
        r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
        return cls(r, g, b)

    @classmethod
    def from_cmyk(cls, cmyk: CMYK) -> Swatch:
        r, g, b = cmyk_to_rgb(cmyk)
        return cls(r, g, b, cmyk)

    @classmethod
    def parse(cls, text: str) -> Swatch:
        """'#1a1a1a' or 'cmyk(0, 0, 0, 100)' (per cent)."""
        match = _CMYK_TEXT.fullmatch(text.strip())
        if match:
            c, m, y, k = (min(100.0, float(v)) / 100 for v in match.groups())
            return cls.from_cmyk((c, m, y, k))
        return cls.from_hex(text)

    @classmethod
    def in_ink(cls, ink: Ink, tint: float) -> Swatch:
        """A tint of a spot ink, looking like the ink laid on white paper at that strength."""
        r, g, b = (1 - tint * (1 - v) for v in ink.rgb)
        return cls(r, g, b, spot=Spot(ink, tint))

    @property
    def luminance(self) -> float:
        return 0.2126 * self.r + 0.7152 * self.g + 0.0722 * self.b

    @property
    def grey(self) -> float:
        """The DeviceGray level (0 black, 1 white) for a black-only press: a K-only tint as its
        ink amount, anything else as the grey of the same lightness (relative luminance, encoded
        like sRGB, so neutral greys keep their value)."""
        if self.cmyk is not None and self.cmyk[:3] == (0.0, 0.0, 0.0):
            return round(1 - self.cmyk[3], 4)
        linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in (self.r, self.g, self.b)]
        y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        encoded = 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055
        return round(min(1.0, max(0.0, encoded)), 4)

    @property
    def neutral(self) -> bool:
        """A grey (or black) given as RGB: it prints in black ink alone."""
        if self.cmyk is not None:
            return self.cmyk[:3] == (0.0, 0.0, 0.0)
        return max(self.r, self.g, self.b) - min(self.r, self.g, self.b) < 0.5 / 255

    @property
    def black(self) -> bool:
        if self.cmyk is not None:
            return self.cmyk == (0.0, 0.0, 0.0, 1.0)
        return max(self.r, self.g, self.b) < 0.5 / 255

    @property
    def rgb(self) -> tuple[float, float, float]:
        return (self.r, self.g, self.b)

    def label(self) -> str:
        if self.cmyk is not None:
            return "cmyk(" + ", ".join(f"{v * 100:g}" for v in self.cmyk) + ")"
        return "#" + "".join(f"{round(v * 255):02x}" for v in (self.r, self.g, self.b))


def is_colour(text: str) -> bool:
    return bool(re.fullmatch(r"#[0-9a-fA-F]{6}", text.strip()) or _CMYK_TEXT.fullmatch(text.strip()))


def builtin_cmyk_profile() -> Path:
    folder = builtin_dir("presses")
    if folder is None or not (folder / BUILTIN_CMYK).is_file():
        raise FileNotFoundError(f"the built-in CMYK profile {BUILTIN_CMYK} is missing from the installation")
    return folder / BUILTIN_CMYK


@lru_cache(maxsize=16)
def open_profile(path: Path) -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(str(path))


def profile_from_bytes(data: bytes) -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(io.BytesIO(data))


def profile_space(path: Path) -> str:
    """'CMYK', 'RGB', 'GRAY' ... as the profile declares its colour space; ValueError if unreadable."""
    try:
        return open_profile(path).profile.xcolor_space.strip().upper()
    except (OSError, ImageCms.PyCMSError) as exc:
        raise ValueError(str(exc) or "not an ICC profile") from None


def profile_name(path: Path) -> str:
    return ImageCms.getProfileDescription(open_profile(path)).strip()


SRGB = ImageCms.createProfile("sRGB")


@lru_cache(maxsize=64)
def _transform(source: Path | None, target: Path | None, in_mode: str, out_mode: str,
               intent: str, bpc: bool) -> ImageCms.ImageCmsTransform:
    """Cached: building a transform from a 250 KB profile costs far more than applying it to one colour."""
    src = open_profile(source) if source else SRGB
    dst = open_profile(target) if target else SRGB
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if bpc else ImageCms.Flags.NONE
    return ImageCms.buildTransform(src, dst, in_mode, out_mode, renderingIntent=INTENTS[intent], flags=flags)


def cmyk_to_rgb(cmyk: CMYK, profile: Path | None = None) -> tuple[float, float, float]:
    """How inks look on screen: through the press profile (or the built-in one) to sRGB."""
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    rgb = _transform(profile or builtin_cmyk_profile(), None, "CMYK", "RGB", "relative", True).apply(pixel)
    r, g, b = _pixel(rgb, 0)
    return (r / 255, g / 255, b / 255)


def _pixel(image: Image.Image, x: int) -> tuple[int, ...]:
    """One pixel of a multi-band image, in the first row: getpixel is typed for every mode at once."""
    value = image.getpixel((x, 0))
    assert isinstance(value, tuple)
    return value


Paint = Device | Spot
"""What a drawing operation is set to: a device colour, or a tint of a spot ink (a Separation)."""
SOLID_BLACK: Device = ("gray", (0.0,))


@dataclass(frozen=True)
class Inks:
    """How swatches become device colours for one press. In CMYK, greys and black go on the
    black ink alone (four-colour black text misregisters into coloured fringes), other colours
    go through the press profile, and big black areas may get a rich black. In grey, every colour
    becomes the grey of its lightness; with `spots`, colours the layout prints in a spot ink stay
    that ink (a composite for presses that print one ink at a time)."""

    space: Literal["rgb", "cmyk", "gray"] = "rgb"
    profile: Path | None = None
    intent: str = "relative"
    bpc: bool = True
    ink_limit: int = 400
    rich_black: CMYK | None = None
    rich_black_min: float = 0.0
    spots: bool = False
    solid_black: float = 1.0   # grey: a neutral grey with this much black (0 to 1) or more prints solid
    small_black: float = 0.0   # grey: any grey text below this size (points) prints solid

    def device(self, swatch: Swatch, size: tuple[float, float] | None = None) -> Device:
        if self.space == "rgb":
            return ("rgb", (swatch.r, swatch.g, swatch.b))
        if self.space == "gray":
            # A layout's text black (#1e1e1e, 88 % grey) is meant as black: at 88 % a copier or laser screens
            # the strokes of 9 pt type into dots, where solid toner prints them whole (issue 18, item 4).
            if swatch.neutral and 1 - swatch.grey >= self.solid_black - 0.5 / 255:
                return SOLID_BLACK
            return ("gray", (swatch.grey,))
        if (self.rich_black and size and swatch.black
                and min(size) >= self.rich_black_min):
            return ("cmyk", self.rich_black)
        return ("cmyk", self.cmyk(swatch))

    def cmyk(self, swatch: Swatch) -> CMYK:
        if swatch.cmyk is not None:
            return swatch.cmyk
        if swatch.neutral:
            return (0.0, 0.0, 0.0, grey_to_k(swatch.r, self._profile()))
        pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (swatch.r, swatch.g, swatch.b)))
        out = _transform(None, self._profile(), "RGB", "CMYK", self.intent, self.bpc).apply(pixel)
        c, m, y, k = (v / 255 for v in _pixel(out, 0))
        return clamp_ink((c, m, y, k), self.ink_limit)

    def _profile(self) -> Path:
        return self.profile or builtin_cmyk_profile()

    # The palette render draws with (render.Palette): the composite, where everything prints as drawn.

    def paint(self, swatch: Swatch, size: tuple[float, float] | None = None, item: object = None) -> Paint | None:
        if self.spots and swatch.spot is not None:
            return swatch.spot
        if self.space == "gray" and self.small_black and swatch.grey < 1 and text_size(item) < self.small_black:
            return SOLID_BLACK  # small grey type would screen into dots: the press prints it solid
        return self.device(swatch, size)

    def image(self, item: object) -> tuple[bool, Paint | None]:
        return (True, None)

    def overprints(self, paint: Paint, item: object = None) -> bool:
        """With spot inks, solid black overprints them (a drum off register leaves no white halo round
        black type), and so does a trap; every other colour knocks out what lies beneath it."""
        return self.spots and (paint == SOLID_BLACK or bool(getattr(item, "overprint", False)))


@lru_cache(maxsize=32)
def _ink_cmyk(rgb: tuple[float, float, float]) -> CMYK:
    return Inks("cmyk").cmyk(Swatch(*rgb))


def text_size(item: object) -> float:
    """The largest type size of a text line (anything with `pieces` of a `size`); infinite for anything
    else, so that only text counts as small."""
    pieces = getattr(item, "pieces", None)
    return max((piece.size for piece in pieces), default=float("inf")) if pieces else float("inf")


def clamp_ink(cmyk: CMYK, limit: int) -> CMYK:
    """Keep black, take the excess out of C, M and Y in proportion."""
    c, m, y, k = cmyk
    budget = limit / 100 - k
    colour = c + m + y
    if colour <= budget or colour == 0:
        return cmyk
    scale = max(0.0, budget) / colour
    return (c * scale, m * scale, y * scale, k)


def total_ink(cmyk: tuple[float, ...]) -> int:
    """Per cent, as printers count it: any device colour's values (a Device does not fix their number)."""
    return round(sum(cmyk) * 100)


@lru_cache(maxsize=16)
def _k_ramp(profile: Path) -> tuple[float, ...]:
    """L* of K-only patches 0 %..100 % printed with this profile."""
    patches = Image.new("CMYK", (101, 1))
    for k in range(101):
        patches.putpixel((k, 0), (0, 0, 0, round(k * 2.55)))
    lab = ImageCms.applyTransform(patches, ImageCms.buildTransform(
        open_profile(profile), ImageCms.createProfile("LAB"), "CMYK", "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC))
    assert lab is not None  # None only when transforming in place
    return tuple(_pixel(lab, k)[0] / 2.55 for k in range(101))


def grey_to_k(value: float, profile: Path) -> float:
    """The K-only tint that matches an sRGB grey's lightness on this press (0 white, 1 black).
    Black itself, and greys darker than the press's solid black, are 100 % K."""
    if value >= 1.0:
        return 0.0
    linear = value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    target = 116 * linear ** (1 / 3) - 16 if linear > 0.008856 else 903.3 * linear
    ramp = _k_ramp(profile)
    white = ramp[0]
    target = target * white / 100  # relative to the paper: sRGB white prints as paper
    if target <= ramp[100]:
        return 1.0
    for k in range(100):
        high, low = ramp[k], ramp[k + 1]
        if low <= target <= high:
            part = (high - target) / (high - low) if high != low else 0.0
            return round((k + part) / 100, 4)
    return 0.0


def image_to_cmyk(image: Image.Image, source_icc: bytes | None, inks: Inks) -> Image.Image:
    """A photograph converted from its own profile (sRGB when untagged) to the press's, then held
    under the ink limit."""
    if image.mode not in ("RGB", "CMYK"):
        image = image.convert("RGB")
    target = inks._profile()
    if source_icc:
        flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if inks.bpc else ImageCms.Flags.NONE
        transform = ImageCms.buildTransform(profile_from_bytes(source_icc), open_profile(target), image.mode,
                                            "CMYK", renderingIntent=INTENTS[inks.intent], flags=flags)
    elif image.mode == "CMYK":
        return limit_image_ink(image, inks.ink_limit)  # untagged CMYK: already made for press
    else:
        transform = _transform(None, target, "RGB", "CMYK", inks.intent, inks.bpc)
    return limit_image_ink(transform.apply(image), inks.ink_limit)


@lru_cache(maxsize=16)
def _k_table(profile: Path, bpc: bool) -> tuple[int, ...]:
    """Each 8-bit sRGB grey as the K-only tint of the same lightness on this press. With black point
    compensation sRGB's black maps to solid K and lightness is scaled between paper and solid K (as
    `bpc` does for colour photographs), so shadow detail darker than the K plate alone can print is
    kept instead of clipped to solid; without it, as `grey_to_k` (greys and type)."""
    ramp = _k_ramp(profile)
    white, black = ramp[0], ramp[100]
    table = []
    for value in range(256):
        linear = value / 255 / 12.92 if value <= 10 else ((value / 255 + 0.055) / 1.055) ** 2.4
        lightness = 116 * linear ** (1 / 3) - 16 if linear > 0.008856 else 903.3 * linear
        target = black + lightness * (white - black) / 100 if bpc else lightness * white / 100
        k = next((step + (ramp[step] - target) / (ramp[step] - ramp[step + 1]) for step in range(100)
                  if ramp[step + 1] <= target <= ramp[step] and ramp[step] != ramp[step + 1]),
                 100.0 if target <= black else 0.0)
        table.append(round(k * 2.55))
    return tuple(table)


def grey_image_to_k(image: Image.Image, inks: Inks) -> Image.Image:
    """A black-and-white photograph (an sRGB grey image) on the black ink alone: C, M and Y stay at
    zero, so no misregistration or drift in the press's grey balance can give it a colour cast, and
    its total ink is never above 100 %. Each grey becomes the K tint of its lightness (`_k_table`)."""
    k = image.convert("L").point(list(_k_table(inks._profile(), inks.bpc)))
    empty = Image.new("L", image.size, 0)
    return Image.merge("CMYK", (empty, empty, empty, k))


def max_ink(image: Image.Image) -> int:
    """Highest total ink of any pixel, in units of 255 per ink."""
    c, m, y, k = image.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return int(total.getextrema()[1])


def image_ink_ceiling(limit: float) -> float:
    """The highest sum of a pixel's four 8-bit inks that `limit` per cent allows: the one rule the
    image stage encodes to (`prepare.cmyk_encoded`) and the preflight, built or checked, reports by."""
    return limit * 255 / 100


def limit_image_ink(image: Image.Image, limit: float) -> Image.Image:
    """Pixels over `limit` per cent (less INK_HEADROOM) lose C, M and Y in proportion; black stays."""
    budget = image_ink_ceiling(limit) - INK_HEADROOM
    if max_ink(image) <= budget:
        return image
    c, m, y, k = image.split()

    def scaled(a: dict) -> object:
        colour = a["float"](a["c"] + a["m"] + a["y"])
        room = a["max"](budget - a["float"](a["k"]), 0.0)
        factor = a["min"](room / a["max"](colour, 1.0), 1.0)
        return a["channel"] * factor  # truncated (rounded down) when converted back to 8 bits

    out = [ImageMath.lambda_eval(scaled, c=c, m=m, y=y, k=k, channel=ch).convert("L") for ch in (c, m, y)]
    return Image.merge("CMYK", (*out, k))
