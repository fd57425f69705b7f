"""Hyphenation points from pyphen's dictionaries, chosen per word by its script."""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

_CORE = re.compile(r"^([^\w]*)([\w\u00ad'’]+?)([^\w]*)$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LANGS = {"en": "en_US", "ru": "ru_RU", "kk": "ru_RU", "de": "de_DE"}

MIN_WORD = 6
# A longer run of letters is no word a reader would see hyphenated but pasted data: the line breaker cuts it
# and reports it. Pyphen also takes seconds on a megabyte-long "word".
MAX_WORD = 100
LEFT = 2
RIGHT = 3


@lru_cache(maxsize=16)
def _dictionary(language: str) -> pyphen.Pyphen | None:
    code = _LANGS.get(language.split("_")[0].split("-")[0], language.replace("-", "_"))
    if code not in pyphen.LANGUAGES:
        return None
    return pyphen.Pyphen(lang=code, left=LEFT, right=RIGHT)


@lru_cache(maxsize=65536)
def points(word: str, language: str = "en") -> tuple[int, ...]:
    """Offsets in `word` where a hyphen may be inserted. Cyrillic words use the Russian patterns
    (pyphen has none for Kazakh; they still find most breaks), names in capitals are left whole, and so is
    a word longer than MAX_WORD characters."""
    match = _CORE.match(word) if len(word) <= MAX_WORD else None
    if not match:
        return ()
    lead, core, _trail = match.groups()
    if len(core) < MIN_WORD or core.isupper() or any(ch.isdigit() for ch in core) or "\u00ad" in core:
        return ()
    dictionary = _dictionary("ru" if _CYRILLIC.search(core) else language)
    if dictionary is None:
        return ()
    return tuple(len(lead) + p for p in dictionary.positions(core))
