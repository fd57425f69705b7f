"""Registering a layout's TrueType fonts with ReportLab, measuring text and checking glyph coverage."""

from __future__ import annotations

import hashlib
import importlib.util
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.lib.abag import ABag
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace, shapeFragWord

from ..errors import FontError, Problem
from ..specs.layouts import WEIGHTS, FontFiles

SHAPING = importlib.util.find_spec("uharfbuzz") is not None
"""ReportLab shapes text with HarfBuzz through uharfbuzz, a dependency; without it text is set unkerned."""
# Characters the engine handles itself rather than drawing.
INVISIBLE = {"\u00ad", "\u200b", "\n", "\t", "\u2060"}


@dataclass(frozen=True)
class FontBook:
    """The registered faces of one layout: (family, weight) -> ReportLab font name."""

    names: dict[tuple[str, str], str]
    files: dict[str, Path]
    family_names: dict[str, str] = field(default_factory=dict)
    _present: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)  # looked up, found

    def name(self, family: str, weight: str) -> str:
        return self.names[(family, weight)]

    def missing(self, text: str, font: str) -> list[str]:
        known = self._present.setdefault(font, set())
        new = set(text) - known
        if not new:  # the usual case: every character was looked up before (the plan asks for each line)
            return []
        cmap = _face(font).charToGlyph
        absent = {ch for ch in new if ch not in INVISIBLE and ord(ch) not in cmap}
        known.update(new - absent)
        return sorted(absent)

    def display_name(self, font: str) -> str:
        return f"{_face(font).name.decode('latin-1', 'replace')} ({self.files[face_name(font)].name})"


def with_features(font: str, features: tuple[str, ...]) -> str:
    """A registered font set with OpenType features on ('onum') or off ('-liga'): the name runs and pieces carry,
    so that everything measuring or drawing them shapes them alike."""
    return f"{font}:{','.join(features)}" if features else font


def face_name(font: str) -> str:
    """The registered font a (featured) font name is set in: what the canvas selects."""
    return font.partition(":")[0]


def _face(font: str) -> TTFontFace:
    """A layout font's face: `register` registers TrueType fonts only (getFont's stub says Font)."""
    found = pdfmetrics.getFont(face_name(font))
    assert isinstance(found, TTFont)
    return found.face


@lru_cache(maxsize=256)
def feature_tags(font: str) -> frozenset[str]:
    """The OpenType features the font's GSUB and GPOS tables list (their FeatureList, OpenType 1.9,
    https://learn.microsoft.com/en-us/typography/opentype/spec/chapter2#feature-list-table): what a style may
    switch on in it."""
    face = _face(font)
    tags: set[str] = set()
    for table in ("GSUB", "GPOS"):
        if table.encode() not in face.table and table not in face.table:
            continue
        data = face.get_table(table)
        listed = struct.unpack(">H", data[6:8])[0]  # majorVersion, minorVersion, ScriptList, then FeatureList
        count = struct.unpack(">H", data[listed:listed + 2])[0]
        tags.update(data[listed + 2 + 6 * i:listed + 6 + 6 * i].decode("latin-1") for i in range(count))
    return frozenset(tags)


def register(families: dict[str, FontFiles]) -> FontBook:
    """Fonts are registered under names derived from their bytes, so a changed file is a new font."""
    names: dict[tuple[str, str], str] = {}
    files: dict[str, Path] = {}
    family_names: dict[str, str] = {}
    for family, font_files in families.items():
        for weight in WEIGHTS:
            path = font_files.file(weight)
            try:
                if not path.is_file():  # a pipe or a device would hang the read or never end
                    raise OSError("not a regular file")
                data = path.read_bytes()
            except OSError as exc:
                raise FontError(Problem(f"cannot read font {path.name}: {getattr(exc, 'strerror', None) or exc}",
                                        path, hint="give a TrueType (.ttf) file")) from None
            if data[:4] == b"OTTO":  # an OpenType font with PostScript (CFF) outlines
                raise FontError(Problem(
                    f"cannot use font {path.name}: it has PostScript (CFF) outlines, and the PDF writer embeds "
                    "TrueType outlines only", path,
                    hint="use the family's TrueType (.ttf) files, or convert this one to TrueType outlines "
                         "(FontForge, or fontTools' otf2ttf)"))
            name = "F" + hashlib.sha1(data).hexdigest()[:12]
            if name not in pdfmetrics.getRegisteredFontNames():
                try:
                    pdfmetrics.registerFont(TTFont(name, path))
                except (TTFError, OSError, ValueError) as exc:
                    raise FontError(Problem(f"cannot use font {path.name}: {exc}", path,
                                            hint="use a TrueType (.ttf) font with embedding allowed")) from None
                except Exception as exc:  # ReportLab's parser on a cut-short or damaged file: struct.error, ...
                    raise FontError(Problem(f"cannot use font {path.name}: the file is damaged or cut short "
                                            f"({type(exc).__name__}: {exc})", path,
                                            hint="copy the font again from its source")) from None
            names[(family, weight)] = name
            files[name] = path
        family_names[family] = _family_name(names[(family, "regular")])
    return FontBook(names, files, family_names)


def _family_name(font: str) -> str:
    """The family as the font names itself ('PT Serif'), for the colophon."""
    name = _face(font).familyName
    return name.decode("latin-1", "replace") if isinstance(name, bytes) else str(name)


@lru_cache(maxsize=65536)
def width(text: str, font: str, size: float, tracking: float = 0.0) -> float:
    """Advance width in points as `shaped` draws it (kerned, with ligatures); tracking is added after
    every glyph, as the PDF Tc operator does."""
    drawn = shaped(text, font, tracking)
    data = getattr(drawn, "__shapeData__", None)
    if data:
        return sum(glyph.x_advance for glyph in data) * size / 1000.0 + tracking * len(drawn)
    return pdfmetrics.stringWidth(text, face_name(font), size) + tracking * len(text)


def shaped(text: str, font: str, tracking: float = 0.0) -> str:
    """The text as HarfBuzz shapes it in `font`: a ReportLab ShapedStr carrying each glyph's advance (the
    font's kerning pairs), standard ligatures (fi, fl) and the features the font name carries (old-style
    figures, small caps), which the canvas draws as a TJ array; the text itself when nothing changes.
    Letter-spaced text keeps its letters apart: no ligatures."""
    if not SHAPING or (len(text) < 2 and ":" not in font):
        return text
    return _shape(text, font, tracking == 0.0)


@lru_cache(maxsize=65536)
def _shape(text: str, font: str, ligatures: bool) -> str:
    name, _, switched = font.partition(":")
    features = {"kern": True, "liga": True, "clig": True}  # discretionary ligatures stay off
    features.update((tag.lstrip("-"), not tag.startswith("-")) for tag in switched.split(",") if tag)
    if not ligatures:
        features.update(liga=False, clig=False)
    word = shapeFragWord([0.0, (ABag(fontName=name, fontSize=1000.0), text)], features=features)
    parts = word[1:]
    drawn: str = parts[0][1] if len(parts) == 1 else text  # one font, so one part; else leave it unshaped
    if drawn is not text:
        face = _face(name)
        _name_private(text, drawn, face.name + face.subfontNameX)
    return drawn


# ReportLab draws a glyph that no character maps to (an old-style figure, a small capital, a ligature the font
# gives no code point) as a private-use character, and writes that into the font's ToUnicode map, so a reader's
# copy, search and screen reader would find nothing. What each stands for is kept here, per font, from the
# shaping's clusters, and the map is written with it. (Keyed by the font's PostScript name: two files of one name
# in one book, each numbering its private glyphs, could mix their texts up.)
_STANDS_FOR: dict[tuple[bytes, int], str] = {}
_PRIVATE = range(0xE000, 0xF900)


def _name_private(text: str, drawn: str, face: bytes) -> None:
    data = getattr(drawn, "__shapeData__", None)
    if not data:
        return
    clusters = [glyph.cluster for glyph in data]
    for index, char in enumerate(drawn):
        if ord(char) in _PRIVATE and char not in text:
            end = min((c for c in clusters if c > clusters[index]), default=len(text))
            _STANDS_FOR.setdefault((face, ord(char)), text[clusters[index]:end])


def _to_unicode(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, each private-use code replaced by the text its glyph stands for."""
    cmap = _reportlab_to_unicode(fontname, subset)
    face = fontname.partition("+")[2].encode("latin-1", "replace")  # AAAAAA+PTSerif-Regular
    for index, code in enumerate(subset):
        text = _STANDS_FOR.get((face, code))
        if text:
            utf16 = text.encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>")
    return cmap


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode


def ascent(font: str, size: float) -> float:
    return _face(font).ascent * size / 1000.0


def descent(font: str, size: float) -> float:
    return -_face(font).descent * size / 1000.0


def weight_for(base: str, italic: bool, bold: bool) -> str:
    """Emphasis inside italic text is set upright, as a typesetter would."""
    is_italic = ("italic" in base) != italic
    is_bold = "bold" in base or bold
    if is_bold and is_italic:
        return "bold_italic"
    if is_bold:
        return "bold"
    return "italic" if is_italic else "regular"
