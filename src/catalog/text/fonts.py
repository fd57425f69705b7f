"""Registering a layout's TrueType fonts with ReportLab, measuring text and checking glyph coverage."""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.lib.abag import ABag
from reportlab.pdfbase import pdfmetrics
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
        return f"{_face(font).name.decode('latin-1', 'replace')} ({self.files[font].name})"


def _face(font: str) -> TTFontFace:
    """A layout font's face: `register` registers TrueType fonts only (getFont's stub says Font)."""
    found = pdfmetrics.getFont(font)
    assert isinstance(found, TTFont)
    return found.face


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
    return pdfmetrics.stringWidth(text, font, size) + tracking * len(text)


def shaped(text: str, font: str, tracking: float = 0.0) -> str:
    """The text as HarfBuzz shapes it in `font`: a ReportLab ShapedStr carrying each glyph's advance (the
    font's kerning pairs) and standard ligatures (fi, fl), which the canvas draws as a TJ array; the text
    itself when nothing changes. Letter-spaced text keeps its letters apart: no ligatures."""
    if len(text) < 2 or not SHAPING:
        return text
    return _shape(text, font, tracking == 0.0)


@lru_cache(maxsize=65536)
def _shape(text: str, font: str, ligatures: bool) -> str:
    features = {"kern": True, "liga": ligatures, "clig": ligatures}  # discretionary ligatures stay off
    word = shapeFragWord([0.0, (ABag(fontName=font, fontSize=1000.0), text)], features=features)
    parts = word[1:]
    return parts[0][1] if len(parts) == 1 else text  # one font, so one part; else leave it unshaped


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
