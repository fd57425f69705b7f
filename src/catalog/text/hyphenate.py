"""Hyphenation points from pyphen's dictionaries, under a layout's rules (specs/hyphenation.py).

Patterns alone break every word they can: names (Mangys-tau, Al-maty), stubs of two letters (Be-tween), a
Cyrillic gloss in English text. The rules keep those whole unless the layout allows them."""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

from ..content.typography import base_language
from ..specs.hyphenation import HOUSE, Hyphenation

_CORE = re.compile(r"^([^\w]*)([\w\u00ad'’]+?)([^\w]*)$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LANGS = {"en": "en_US", "ru": "ru_RU", "kk": "ru_RU", "de": "de_DE"}
"""A language's patterns when its code names no region pyphen has patterns for: plain en keeps en_US."""
WRITTEN_IN_CYRILLIC = frozenset({"ru", "kk", "uk", "be", "bg", "sr", "mk", "ky", "tg", "mn"})
"""Languages whose words are Cyrillic, so a Latin word in their text is of another script (not
typography.CYRILLIC_LANGUAGES, those that also quote and tie as Russian does)."""

# Pyphen has no Kazakh patterns. The Russian ones are the nearest (the same alphabet but for ә ғ қ ң ө ұ ү һ і,
# which they do not know), but they know neither Kazakh syllables nor its long chains of suffixes, and their
# guesses go most visibly wrong in the short pieces at a word's ends. Four letters each side keep the breaks
# to a word's middle. The same holds for a Kazakh word (one with those letters) in Russian text.
KAZAKH_MIN = 4
_KAZAKH = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")

# A longer run of letters is no word a reader would see hyphenated but pasted data: the line breaker cuts it
# and reports it. Pyphen also takes seconds on a megabyte-long "word".
MAX_WORD = 100


def patterns(language: str) -> str | None:
    """The pyphen dictionary for a language code: its region's where pyphen has one (en-GB: en_GB, de-CH:
    de_CH), else the language's usual one (en: en_US; kk: ru_RU, the nearest there is)."""
    base, _, region = language.replace("-", "_").partition("_")
    regional = f"{base.lower()}_{region.upper()}"
    if region and regional in pyphen.LANGUAGES:
        return regional
    code = _LANGS.get(base.lower(), base.lower())
    return code if code in pyphen.LANGUAGES else None


@lru_cache(maxsize=16)
def _dictionary(code: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=code, left=1, right=1)  # the rules' minimums count letters, not characters


@lru_cache(maxsize=65536)
def points(word: str, language: str = "en", rules: Hyphenation = HOUSE) -> tuple[int, ...]:
    """Offsets in `word` where a hyphen may be inserted. None in a word in capitals, with a digit, a soft
    hyphen (the author chose its breaks) or longer than MAX_WORD characters; under the rules none in a word
    starting with a capital or in another script than the language's, nor nearer its ends than
    min_before/min_after letters."""
    match = _CORE.match(word) if len(word) <= MAX_WORD else None
    if not match:
        return ()
    lead, core, _trail = match.groups()
    letters = [ch for ch in core if ch.isalpha()]
    if (len(letters) < rules.min_word or core.isupper() or any(ch.isdigit() for ch in core) or "\u00ad" in core
            or (letters[0].isupper() and not rules.proper_names)):
        return ()
    cyrillic, latin = _CYRILLIC.search(core) is not None, _LATIN.search(core) is not None
    text_cyrillic = base_language(language) in WRITTEN_IN_CYRILLIC
    if (cyrillic and not text_cyrillic) or (latin and text_cyrillic):
        if not rules.other_scripts or (cyrillic and latin):
            return ()  # a gloss or a name in another script, or a word mixing two
        language = "ru" if cyrillic else "en"
    code = patterns(language)
    if code is None:
        return ()
    before, after = rules.min_before, rules.min_after
    if base_language(language) == "kk" or (cyrillic and _KAZAKH.search(core)):
        before, after = max(before, KAZAKH_MIN), max(after, KAZAKH_MIN)
    found: list[int] = []
    for point in _dictionary(code).positions(core):
        ahead = sum(ch.isalpha() for ch in core[:point])
        if ahead >= before and len(letters) - ahead >= after:
            found.append(len(lead) + point)
    return tuple(found)
