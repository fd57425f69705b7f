"""How a layout hyphenates: the house rules a style's `hyphenation` states, each left out taken from the
layout's own `hyphenation`, and that from the defaults here.

The defaults are a book designer's: dictionary patterns alone broke proper names (Mangys-tau, Al-maty), left
two-letter stubs (Be-tween), ran four hyphenated lines in a row and ended a page on a fragment. TeX's
\\uchyph=0, \\finalhyphendemerits and InDesign's hyphen limit are the models."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..source.schema import Bool, Field, Int, Record


@dataclass(frozen=True)
class Hyphenation:
    """Where a style may break a word with a hyphen, when `hyphenate` is on."""

    proper_names: bool = False   # break a word that starts with a capital (a name, a sentence's first word)
    min_before: int = 3          # letters a broken word keeps on its line
    min_after: int = 3           # letters it carries to the next
    min_word: int = 6            # a shorter word is never broken
    max_run: int = 2             # hyphenated lines in a row at most; 0: no limit
    last_line: bool = False      # a hyphen may end a column, a page, or the line before a paragraph's last
    other_scripts: bool = False  # break a word in another script than the text's (a Cyrillic gloss in English)


DOCS = {
    "proper_names": "break words that start with a capital: names and a sentence's first word (TeX's \\uchyph)",
    "min_before": "the fewest letters of a broken word before the hyphen",
    "min_after": "the fewest letters of a broken word on the next line",
    "min_word": "the shortest word that may be broken, in letters",
    "max_run": "the most hyphenated lines in a row; 0: no limit",
    "last_line": "let a hyphen end a column or page, and the line before a paragraph's last",
    "other_scripts": "break words in another script than the text's language (Cyrillic in English text, Latin "
                     "in Russian)",
}
_TYPES = {"min_before": Int(1, 10), "min_after": Int(1, 10), "min_word": Int(2, 40), "max_run": Int(0, 10)}
HOUSE = Hyphenation()
"""The house rules: what a layout that says nothing about hyphenation gets."""

HYPHENATION = Record({
    f.name: Field(_TYPES.get(f.name, Bool()), default=getattr(HOUSE, f.name), doc=DOCS[f.name])
    for f in fields(Hyphenation)
})
"""The layout's `hyphenation`: the rules every style starts from."""

STYLE_KEYS = {
    "hyphenate": Field(Bool(), default=False, doc="break words at the ends of lines, as 'hyphenation' says"),
    "hyphenation": Field(Record({
        f.name: Field(_TYPES.get(f.name, Bool()), doc=f"{DOCS[f.name]}; default: the layout's 'hyphenation'")
        for f in fields(Hyphenation)
    }), default={}, doc="this style's own hyphenation rules, over the layout's 'hyphenation'"),
}
"""A style's keys on hyphenation: the switch, and the rules it changes (none: the layout's)."""


def style_hyphenation(own: dict[str, Any], layout: dict[str, Any]) -> Hyphenation:
    """A style's rules: what it sets itself, the rest from the layout's `hyphenation`."""
    return Hyphenation(**{key: layout[key] if own.get(key) is None else own[key] for key in layout})
