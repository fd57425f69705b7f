"""Colour for print: swatches, greys on the black plate, the press profile, ink limits, rich black."""

from __future__ import annotations

import io
import itertools
import struct

import pytest
from PIL import Image, ImageCms

from catalog.colour import (
    INK_HEADROOM,
    Inks,
    Swatch,
    builtin_cmyk_profile,
    clamp_ink,
    grey_to_k,
    image_to_cmyk,
    is_colour,
    limit_image_ink,
    max_ink,
    total_ink,
)

CMYK_PRESS = Inks("cmyk")  # the built-in FOGRA39 profile, no ink limit to speak of
SRGB = ImageCms.createProfile("sRGB")


def grey(level: int) -> Swatch:
    return Swatch(level / 255, level / 255, level / 255)


def pixels(image: Image.Image) -> list[tuple[int, ...]]:
    return [image.getpixel((x, y)) for y in range(image.height) for x in range(image.width)]


# --- an RGB profile wider than sRGB, written here so the test needs no profile files ----------

def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _tag(kind: bytes, body: bytes) -> bytes:
    return kind + b"\0" * 4 + body


def rgb_profile(name: str, red: tuple[float, float, float], green: tuple[float, float, float],
                blue: tuple[float, float, float], gamma: float) -> bytes:
    """A minimal ICC v2 matrix/TRC display profile (D50 colorants, one gamma for all channels)."""
    ascii_name = name.encode("ascii") + b"\0"
    tags = [
        (b"desc", _tag(b"desc", struct.pack(">I", len(ascii_name)) + ascii_name + b"\0" * 8 + b"\0" * 70)),
        (b"cprt", _tag(b"text", b"No copyright\0")),
        (b"wtpt", _tag(b"XYZ ", _s15(0.9642) + _s15(1.0) + _s15(0.8249))),
        *((sig, _tag(b"XYZ ", b"".join(_s15(v) for v in xyz)))
          for sig, xyz in ((b"rXYZ", red), (b"gXYZ", green), (b"bXYZ", blue))),
        *((sig, _tag(b"curv", struct.pack(">IH", 1, round(gamma * 256)))) for sig in (b"rTRC", b"gTRC", b"bTRC")),
    ]
    start = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += sig + struct.pack(">II", start + len(data), len(body))
        data += body
    header = struct.pack(">I4sI4s4s4s", start + len(data), b"\0" * 4, 0x02100000, b"mntr", b"RGB ", b"XYZ ")
    header += b"\0" * 12 + b"acsp" + b"\0" * 28 + _s15(0.9642) + _s15(1.0) + _s15(0.8249)
    return header.ljust(128, b"\0") + struct.pack(">I", len(tags)) + table + data


# Adobe RGB (1998): its primaries adapted to D50, gamma 563/256.
ADOBE_RGB = rgb_profile("Wide test RGB (Adobe RGB primaries)", (0.6097559, 0.3111145, 0.0194702),
                        (0.2052401, 0.6256560, 0.0608902), (0.1492240, 0.0632197, 0.7445035), 563 / 256)


def test_the_handmade_profile_is_a_wide_rgb_profile() -> None:
    profile = ImageCms.ImageCmsProfile(io.BytesIO(ADOBE_RGB))
    assert profile.profile.xcolor_space.strip() == "RGB"
    # a saturated Adobe RGB red is redder than the same numbers in sRGB
    red = ImageCms.profileToProfile(Image.new("RGB", (1, 1), (200, 40, 40)), profile, SRGB)
    assert red.getpixel((0, 0))[0] > 225


# --- swatches ----------------------------------------------------------------------------------

def test_parse_hex() -> None:
    swatch = Swatch.parse("#1a2B3c")
    assert (swatch.r, swatch.g, swatch.b) == (0x1a / 255, 0x2b / 255, 0x3c / 255)
    assert swatch.cmyk is None
    assert swatch.label() == "#1a2b3c"
    assert Swatch.parse("  #ffffff ") == Swatch(1.0, 1.0, 1.0)


def test_parse_cmyk_percentages() -> None:
    swatch = Swatch.parse("cmyk( 40,30 , 30.5,100 )")
    assert swatch.cmyk == pytest.approx((0.4, 0.3, 0.305, 1.0))
    assert swatch.label() == "cmyk(40, 30, 30.5, 100)"
    # r, g, b: how the inks look on screen, nearly black here
    assert max(swatch.r, swatch.g, swatch.b) < 0.1
    assert Swatch.parse("cmyk(150, 0, 0, 0)").cmyk == (1.0, 0.0, 0.0, 0.0)


def test_is_colour() -> None:
    assert is_colour("#a0b0c0") and is_colour("cmyk(0, 0, 0, 100)")
    assert not is_colour("#abc") and not is_colour("red") and not is_colour("cmyk(0, 0, 100)")


def test_neutral_and_black() -> None:
    assert Swatch.parse("#000000").black and Swatch.parse("#000000").neutral
    assert Swatch.parse("cmyk(0, 0, 0, 100)").black and Swatch.parse("cmyk(0, 0, 0, 100)").neutral
    assert Swatch.parse("#6b6b6b").neutral and not Swatch.parse("#6b6b6b").black
    assert not Swatch.parse("#201a14").neutral
    assert not Swatch.parse("cmyk(40, 30, 30, 100)").neutral
    assert not Swatch.parse("cmyk(40, 30, 30, 100)").black


# --- swatches as inks ----------------------------------------------------------------------------

def test_black_is_k_only() -> None:
    assert CMYK_PRESS.cmyk(Swatch.parse("#000000")) == (0.0, 0.0, 0.0, 1.0)
    assert CMYK_PRESS.device(Swatch.parse("#000000")) == ("cmyk", (0.0, 0.0, 0.0, 1.0))


def test_near_black_grey_is_solid_k() -> None:
    """Greys darker than the press's solid black print as 100 % K, never as four inks."""
    assert CMYK_PRESS.cmyk(Swatch.parse("#1e1e1e")) == (0.0, 0.0, 0.0, 1.0)


def test_white_is_no_ink() -> None:
    assert CMYK_PRESS.cmyk(Swatch.parse("#ffffff")) == (0.0, 0.0, 0.0, 0.0)


def test_mid_grey_is_a_k_tint() -> None:
    c, m, y, k = CMYK_PRESS.cmyk(Swatch.parse("#808080"))
    assert (c, m, y) == (0.0, 0.0, 0.0)
    assert 0.4 < k < 0.8


def test_lighter_greys_take_less_black() -> None:
    levels = range(0x40, 0x100, 0x10)
    inks = [CMYK_PRESS.cmyk(grey(level)) for level in levels]
    assert all(c == m == y == 0.0 for c, m, y, _ in inks)
    ks = [k for *_, k in inks]
    assert all(a > b for a, b in itertools.pairwise(ks)), ks
    assert 0.0 < ks[-1] < ks[0] < 1.0


def test_grey_to_k_ends() -> None:
    profile = builtin_cmyk_profile()
    assert grey_to_k(1.0, profile) == 0.0
    assert grey_to_k(0.0, profile) == 1.0


def test_saturated_colour_goes_through_the_profile() -> None:
    c, m, y, k = CMYK_PRESS.cmyk(Swatch.parse("#c02020"))
    assert c < 0.1 and m > 0.8 and y > 0.7 and k < 0.4
    c, m, y, k = CMYK_PRESS.cmyk(Swatch.parse("#2040c0"))
    assert c > 0.8 and m > 0.5 and y < 0.1


def test_colour_given_as_ink_is_used_as_written() -> None:
    swatch = Swatch.parse("cmyk(100, 100, 100, 100)")
    assert CMYK_PRESS.cmyk(swatch) == (1.0, 1.0, 1.0, 1.0)  # the ink check reports it; nothing clamps it


def test_converted_colours_stay_under_the_ink_limit() -> None:
    deep_blue = Swatch.parse("#000040")
    assert total_ink(Inks("cmyk", ink_limit=400).cmyk(deep_blue)) > 240
    c, m, y, k = Inks("cmyk", ink_limit=240).cmyk(deep_blue)
    assert total_ink((c, m, y, k)) <= 240
    assert k == Inks("cmyk", ink_limit=400).cmyk(deep_blue)[3]


def test_rgb_press_keeps_rgb() -> None:
    assert Inks("rgb").device(Swatch.parse("#c02020"), (500.0, 500.0)) == ("rgb", (0xc0 / 255, 0x20 / 255, 0x20 / 255))


# --- clamp_ink -----------------------------------------------------------------------------------

def test_clamp_ink_keeps_black_and_meets_the_limit() -> None:
    c, m, y, k = clamp_ink((0.9, 0.6, 0.3, 0.8), 240)
    assert k == 0.8
    assert c + m + y + k == pytest.approx(2.4)
    assert (c / 0.9, m / 0.6, y / 0.3) == pytest.approx((c / 0.9,) * 3)  # in proportion
    assert clamp_ink((1.0, 1.0, 1.0, 1.0), 300) == pytest.approx((2 / 3, 2 / 3, 2 / 3, 1.0))


def test_clamp_ink_leaves_colours_under_the_limit() -> None:
    assert clamp_ink((0.5, 0.4, 0.3, 0.2), 300) == (0.5, 0.4, 0.3, 0.2)
    assert clamp_ink((0.0, 0.0, 0.0, 1.0), 100) == (0.0, 0.0, 0.0, 1.0)


def test_clamp_ink_with_black_alone_at_the_limit() -> None:
    assert clamp_ink((0.5, 0.5, 0.5, 1.0), 100) == (0.0, 0.0, 0.0, 1.0)


# --- images --------------------------------------------------------------------------------------

@pytest.mark.parametrize("limit", [300, 240])
def test_limit_image_ink_on_four_solid_inks(limit: int) -> None:
    image = Image.new("CMYK", (4, 3), (255, 255, 255, 255))
    out = limit_image_ink(image, limit)
    assert max_ink(image) == 1020
    assert max_ink(out) <= limit * 2.55 - INK_HEADROOM
    assert max_ink(out) >= limit * 2.55 - INK_HEADROOM - 3  # brought to the limit, not far below it
    assert set(pixels(out.getchannel("K"))) == {255}
    c, m, y, _ = out.getpixel((0, 0))
    assert c == m == y


def test_limit_image_ink_leaves_pixels_under_the_limit_alone() -> None:
    image = Image.new("CMYK", (3, 1))
    image.putpixel((0, 0), (255, 255, 255, 255))
    image.putpixel((1, 0), (100, 50, 21, 10))
    image.putpixel((2, 0), (200, 180, 160, 200))  # 740 of 765 allowed
    out = limit_image_ink(image, 300)
    assert out.getpixel((1, 0)) == (100, 50, 21, 10)
    assert out.getpixel((2, 0)) == (200, 180, 160, 200)
    assert sum(out.getpixel((0, 0))) <= 300 * 2.55 - INK_HEADROOM


def test_limit_image_ink_returns_an_image_under_the_limit_unchanged() -> None:
    image = Image.new("CMYK", (2, 2), (60, 50, 40, 100))
    assert limit_image_ink(image, 300) is image


def test_image_to_cmyk_honours_the_images_own_profile() -> None:
    # Colours inside sRGB's gamut in either reading of the numbers.
    source = Image.new("RGB", (4, 1))
    for x, value in enumerate([(120, 140, 100), (200, 40, 40), (150, 120, 60), (170, 90, 130)]):
        source.putpixel((x, 0), value)
    inks = Inks("cmyk", ink_limit=300)
    tagged = image_to_cmyk(source, ADOBE_RGB, inks)
    untagged = image_to_cmyk(source, None, inks)
    assert tagged.mode == untagged.mode == "CMYK"
    differences = [sum(abs(a - b) for a, b in zip(p, q, strict=True))
                   for p, q in zip(pixels(tagged), pixels(untagged), strict=True)]
    assert min(differences) > 10, differences
    # ... and converts as if the image had first been converted to sRGB properly
    as_srgb = ImageCms.profileToProfile(source, ImageCms.ImageCmsProfile(io.BytesIO(ADOBE_RGB)), SRGB)
    expected = image_to_cmyk(as_srgb, None, inks)
    for p, q in zip(pixels(tagged), pixels(expected), strict=True):
        assert max(abs(a - b) for a, b in zip(p, q, strict=True)) <= 3, (p, q)


def test_image_to_cmyk_srgb_tagged_matches_untagged() -> None:
    source = Image.new("RGB", (2, 1))
    source.putpixel((0, 0), (120, 140, 100))
    source.putpixel((1, 0), (10, 90, 160))
    srgb = ImageCms.ImageCmsProfile(SRGB).tobytes()
    inks = Inks("cmyk", ink_limit=300)
    for p, q in zip(pixels(image_to_cmyk(source, srgb, inks)), pixels(image_to_cmyk(source, None, inks)),
                    strict=True):
        assert max(abs(a - b) for a, b in zip(p, q, strict=True)) <= 2, (p, q)


def test_image_to_cmyk_limits_ink() -> None:
    deep = Image.new("RGB", (2, 2), (0, 0, 40))
    out = image_to_cmyk(deep, None, Inks("cmyk", ink_limit=240))
    assert max_ink(out) <= 240 * 2.55 - INK_HEADROOM
    assert max_ink(image_to_cmyk(deep, None, Inks("cmyk", ink_limit=400))) > 240 * 2.55


def test_untagged_cmyk_image_is_kept_but_limited() -> None:
    image = Image.new("CMYK", (2, 2), (255, 255, 255, 255))
    out = image_to_cmyk(image, None, Inks("cmyk", ink_limit=300))
    assert max_ink(out) <= 300 * 2.55 - INK_HEADROOM
    assert set(pixels(out.getchannel("K"))) == {255}


# --- rich black ----------------------------------------------------------------------------------

RICH = Inks("cmyk", rich_black=(0.4, 0.3, 0.3, 1.0), rich_black_min=50.0)


@pytest.mark.parametrize(("size", "rich"), [
    ((50.0, 50.0), True),
    ((500.0, 80.0), True),
    ((49.0, 500.0), False),
    ((500.0, 49.0), False),
    (None, False),  # text and rules have no size
])
def test_rich_black_only_for_big_black_fills(size: tuple[float, float] | None, rich: bool) -> None:
    expected = (0.4, 0.3, 0.3, 1.0) if rich else (0.0, 0.0, 0.0, 1.0)
    assert RICH.device(Swatch.parse("#000000"), size) == ("cmyk", expected)
    assert RICH.device(Swatch.parse("cmyk(0, 0, 0, 100)"), size) == ("cmyk", expected)


def test_rich_black_is_not_for_greys_or_colours() -> None:
    assert RICH.device(Swatch.parse("#1e1e1e"), (500.0, 500.0)) == ("cmyk", (0.0, 0.0, 0.0, 1.0))
    assert RICH.device(Swatch.parse("#808080"), (500.0, 500.0))[1][:3] == (0.0, 0.0, 0.0)
    assert RICH.device(Swatch.parse("cmyk(0, 0, 0, 90)"), (500.0, 500.0)) == ("cmyk", (0.0, 0.0, 0.0, 0.9))


def test_no_rich_black_without_one_or_on_an_rgb_press() -> None:
    assert CMYK_PRESS.device(Swatch.parse("#000000"), (500.0, 500.0)) == ("cmyk", (0.0, 0.0, 0.0, 1.0))
    rgb = Inks("rgb", rich_black=(0.4, 0.3, 0.3, 1.0), rich_black_min=50.0)
    assert rgb.device(Swatch.parse("#000000"), (500.0, 500.0)) == ("rgb", (0.0, 0.0, 0.0))
