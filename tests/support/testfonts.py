"""Small TrueType fonts made for a test with fontTools: the glyphs a test needs, OpenType features it can switch
on (old-style figures, small caps), or a script the layout's own fonts lack. Built here rather than copied, so
the tests hold no third party's font."""

from __future__ import annotations

from pathlib import Path

from fontTools.feaLib.builder import addOpenTypeFeaturesFromString
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

UPEM = 1000
ADVANCE = 600
VARIANT_ADVANCE = 500  # old-style figures and small capitals: narrower, so a test can see that they were used


def _box(width: int, height: int) -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, height))
    pen.lineTo((width - 50, height))
    pen.lineTo((width - 50, 0))
    pen.closePath()
    return pen.glyph()


def make_font(path: Path, family: str, chars: str, *, variants: dict[str, str] | None = None) -> Path:
    """A font with a box glyph for each of `chars` (and space), and for each feature in `variants` (tag ->
    characters) a narrower alternate glyph of those characters the feature substitutes."""
    variants = variants or {}
    names = {ch: f"uni{ord(ch):04X}" for ch in sorted(set(chars) | {" "})}
    order = [".notdef", *names.values()]
    metrics = {".notdef": (ADVANCE, 50), **{name: (ADVANCE, 50) for name in names.values()}}
    glyphs = {name: _box(ADVANCE, 700) for name in order}
    glyphs[names[" "]] = TTGlyphPen(None).glyph()
    rules = []
    for tag, wanted in variants.items():
        subs = []
        for ch in wanted:
            alternate = f"{names[ch]}.{tag}"
            order.append(alternate)
            glyphs[alternate] = _box(VARIANT_ADVANCE, 500)
            metrics[alternate] = (VARIANT_ADVANCE, 50)
            subs.append(f"sub {names[ch]} by {alternate};")
        rules.append(f"feature {tag} {{ {' '.join(subs)} }} {tag};")
    builder = FontBuilder(UPEM, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({ord(ch): name for ch, name in names.items()})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular",
                            "psName": family.replace(" ", "") + "-Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200, fsType=0)
    builder.setupPost()
    if rules:
        addOpenTypeFeaturesFromString(builder.font, "\n".join(rules))
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path
