"""What a style asks of its fonts beyond the face: OpenType features switched on or off, and fallback families
for the scripts its own font does not cover (a Japanese title in a Latin caption).

A script is named as a designer would, and found from a character's Unicode name ("HIRAGANA LETTER A": cjk),
so the table below is the one place that says which characters belong to which fallback."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..errors import Problem
from ..source.schema import Field, ListOf, Record, Str
from ..source.yamlfile import Document

SCRIPTS: dict[str, tuple[str, ...]] = {
    "latin": ("LATIN",),
    "greek": ("GREEK", "COPTIC"),
    "cyrillic": ("CYRILLIC",),
    "armenian": ("ARMENIAN",),
    "georgian": ("GEORGIAN",),
    # Chinese, Japanese and Korean Han with kana, their punctuation and full-width forms: one CJK font sets them
    "cjk": ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC", "FULLWIDTH", "HALFWIDTH", "BOPOMOFO", "KANGXI"),
    "hangul": ("HANGUL",),
    "thai": ("THAI",),
    "devanagari": ("DEVANAGARI",),
    "bengali": ("BENGALI",),
    "tamil": ("TAMIL",),
    "ethiopic": ("ETHIOPIC",),
    "symbols": (),  # whatever belongs to no script above: arrows, stars, mathematical signs
}
_BY_NAME = {word: script for script, words in SCRIPTS.items() for word in words}


def script_of(char: str) -> str:
    """The SCRIPTS key a character is set by."""
    return _BY_NAME.get(unicodedata.name(char, "").split(" ", 1)[0], "symbols")


FEATURE = r"-?[a-z0-9]{4}"
"""An OpenType feature tag (onum, smcp, ss01, liga), a leading '-' to switch a default feature off."""

FALLBACK = Record({script: Field(Str(), doc=f"a family under 'fonts' for {script} text") for script in SCRIPTS})

FONT_KEYS = {
    "features": Field(ListOf(Str(FEATURE, "onum, smcp, c2sc, tnum or -liga")), default=[],
                      doc="OpenType features to switch on (onum: old-style figures, smcp: small caps, c2sc: capitals "
                          "as small caps, tnum: tabular figures), or off with a '-' (-liga, -kern), where the "
                          "font has them"),
    "fallback": Field(FALLBACK, default={}, doc="this style's own fallback families per script, over the "
                                                "layout's 'fallback'"),
}
"""A style's keys on its fonts; the loader checks the families with `fallback_problems`."""

LAYOUT_FALLBACK = Field(FALLBACK, default={}, doc="a family under 'fonts' per script, for characters a style's own "
                                                  "font does not have (cjk: a Japanese title in a Latin caption)")
"""The layout's `fallback`: every style's, unless it names its own for a script."""


def fallback_problems(fallback: dict[str, Any], families: set[str], doc: Document, *key: str) -> list[Problem]:
    """`key`: where the fallback was written ('fallback', or 'styles', role, 'fallback')."""
    problems = []
    for script, family in fallback.items():
        if family is not None and family not in families:
            path, line = doc.locate(*key, script)
            problems.append(Problem(f"'{'.'.join(key)}.{script}' names font '{family}', which 'fonts' does not "
                                    "define", path, line, hint="families: " + ", ".join(sorted(families))))
    return problems


def fallbacks(own: dict[str, Any], layout: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """A style's fallback families, its own over the layout's, as (script, family) pairs: hashable, for the
    frozen style."""
    return tuple((script, family) for script in SCRIPTS if (family := own.get(script) or layout.get(script)))
