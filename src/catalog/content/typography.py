"""Language typography: quotation marks, apostrophes, primes, dashes and no-break spaces as each language's
typesetters expect.

`polish` gives prose the marks of its language when it is loaded; `tie` only joins with no-break spaces what a
line must not split (a number and its unit, 7 + 2 AP, an initial and its name), and the typesetter also applies
it to the texts the planner composes. Web and mail addresses, and a quote escaped with a backslash (\\" or \\'),
stay as written. Polishing may change the text's length (an ellipsis, French spacing): `polish_mapped` says
where offsets of the source end up, so that a paragraph polished whole can be cut back into its styled spans.
Every pattern is linear in the text's length: a paragraph may be a megabyte of pasted data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: French spacing inside guillemets and before ; : ! ?
APOSTROPHE = "’"
PRIME, DOUBLE_PRIME = "′", "″"  # feet and inches, minutes and seconds
CYRILLIC_LANGUAGES = frozenset({"ru", "kk", "uk", "be"})

# (outer open, outer close, inner open, inner close). English alternates double and single marks starting from
# the kind the author typed outermost (American “ ‘ or British ‘ “); the others nest their inner pair in the outer.
_QUOTES = {
    "en": ("“", "”", "‘", "’"),
    "de": ("„", "“", "‚", "‘"),
    "fr": ("«", "»", "“", "”"),
    **{code: ("«", "»", "„", "“") for code in CYRILLIC_LANGUAGES},
}
# A straight quote opens after the start, a space, an opening bracket or dash, or another opening quote.
_OPENS_AFTER = frozenset(" \t\n" + NBSP + NNBSP + "([{—–-/")
_MAX_DEPTH = 3  # a quote after a space deeper than this closes: a stray mark stays a local mistake
_STRAIGHT = re.compile("[\"']")
_FEET = re.compile(r"\d['′][ \u00a0]?\d+$")  # 5' 11": the inches of feet and inches, the seconds of 12'30"
# An apostrophe that opens a word: '90s, rock 'n' roll, 'em, 'tis.
_ELIDED = re.compile(r"'(?:\d\d(?!\d)|(?:n'|em|tis|twas|til|cause|bout)(?![^\W_]))", re.IGNORECASE)

# What polishing leaves as written, hidden behind a character no rule touches while the rules run.
_HIDE = "\ufdd0"  # a Unicode noncharacter; one in the text is hidden (and given back) like an address
_LITERAL = re.compile(
    r"\\[\"']"                                              # a quote escaped by the author
    r"|(?i:\b(?:https?://|ftp://|mailto:|www\.))\S+"        # a web address
    r"|(?<![\w.+-])(?<!\w')[\w.+-][\w.+'-]*+@[\w-]++(?:\.[\w-]++)+"  # a mail address, o'brien@ too
    "|" + _HIDE)
_AFTER_ADDRESS = ".,;:!?)]}»”’\"'…"  # punctuation that ends a sentence, not the address before it
_HIDDEN = re.compile(_HIDE + "+")

_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_EM_DASH = re.compile(r"(?<!-)---(?!-)")
_EN_DASH = re.compile(r"(?<!-)--(?!-)")
_SPACED_HYPHEN = re.compile(r"(?<=\S[ \u00a0])-(?=[ \u00a0]\S)")  # "words - like this": a spaced en dash

_GUILLEMET_OPEN = re.compile("«[ \u00a0\u202f]?")
_GUILLEMET_CLOSE = re.compile("[ \u00a0\u202f]?»")
_FRENCH_PUNCTUATION = re.compile(r"(?<=[^\s;:!?])[ \u00a0]?([;:!?])(?![\w/])")  # not 12:30, not ?!

# Ties: each pattern matches one plain space that must not end a line; the lookarounds also accept a space
# already tied, so that tying is idempotent and the rules' order does not matter.
_S = "[ \u00a0]"
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper())  # Latin, Greek, Cyrillic
_LOWER = "".join(ch for ch in map(chr, range(0x61, 0x530)) if ch.islower())
_UNITS = (r"(?:mm|cm|km|m|in\.|in(?=[,;)]|$)|ft\.?|yd|kg|mg|g|ml|dpi|ppi|px|pt|min|sec|MB|GB|kB|KB|%|‰|°[CF]?"
          r"|AP|A\.P\.|APs|EA|E\.A\.|HC|H\.C\.|PP|P\.P\.)")  # and an edition's proofs: 2 AP, 1 HC
_TIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<=\d) (?={_UNITS}(?![^\W\d_]))"), NBSP),  # 100 cm, 10 %, 300 dpi, 2 AP
    # 100 × 150 cm, 24 x 30 cm, 100 cm × 150 cm: both sides of the sign between numbers
    (re.compile(rf"(?:(?<=\d)|(?<=cm)|(?<=mm)|(?<=in\.)|(?<=см)|(?<=мм)) (?=[×xх]{_S}?\d)"), NBSP),
    (re.compile(r"(?:(?<=×)|(?<=[\d \u00a0][xх])) (?=\d)"), NBSP),
    (re.compile(rf"(?<=\d) (?=\+{_S}?\d)|(?:(?<=\d[ \u00a0]\+)|(?<=\d\+)) (?=\d)"), NBSP),  # 7 + 2 AP
    (re.compile(r"(?<=\d) (?=\d++/\d)"), NBSP),  # 13 3/16
    (re.compile(r"(?:(?<=(?<!\d)\d)|(?<=(?<!\d)\d\d)|(?<=(?<!\d)\d\d\d)) (?=\d{3}(?![\d/]))"), NBSP),  # 10 000
    (re.compile(r"(?<![\w.])((?i:pp?|pl|figs?|nos?|nr|cat|vol|ill|abb|kat|s|с|стр|рис|илл|т|гл|кат)\.) (?=\d)"),
     "\\1" + NBSP),  # p. 12, pl. 4, No. 5, с. 12
    (re.compile(r"(?<=№) (?=\d)"), NBSP),
    # Initials stay with the surname and with each other: T. Zhurgenov, A. B. Smith, А. С. Пушкин.
    (re.compile(rf"(?<=(?<![\w.])[{_UPPER}]\.) (?=[{_UPPER}](?:[{_LOWER}]|\.))"), NBSP),
    (re.compile(r"(?<=\S) (?=—|–(?:\s|$))"), NBSP),  # a dash never begins a line
)
_CYRILLIC_TIES: tuple[tuple[re.Pattern[str], str], ...] = (
    # One-letter prepositions and conjunctions must not end a line in Russian and Kazakh text.
    (re.compile(r"(?<=(?<![\w\-.])[вксуоиаяВКСУОИАЯ]) (?=\S)"), NBSP),
    # A number stays with its unit or abbreviation: 2019 г., 40 × 60 см, 5 тыс.
    (re.compile(r"(?<=\d) (?=(?:гг?\.|вв?\.|см|мм|м|км|кг|г|л|тыс\.|млн|млрд|руб\.|экз\.|с\.)(?![^\W\d_]))"), NBSP),
)


def base_language(language: str) -> str:
    """'ru_RU', 'ru-RU' and 'ru' are all Russian."""
    return language.split("_")[0].split("-")[0].lower()


def polish(text: str, language: str) -> str:
    """`text` with the quotation marks, apostrophes, primes, dashes, ellipses and ties of `language`."""
    return polish_mapped(text, language)[0]


def polish_mapped(text: str, language: str, offsets: Iterable[int] = ()) -> tuple[str, list[int]]:
    """`polish`, and where each of `offsets` (places in `text`) falls in the polished text. Marks an offset
    falls inside (the dots of an ellipsis) go to the text before it; a space French spacing adds goes with
    its guillemet or its punctuation mark."""
    lang = base_language(language)
    draft = _Draft(text)
    hidden: list[str] = []
    draft.sub(_LITERAL, lambda match: _hide(match.group(), hidden))
    if "." in text:
        draft.sub(_ELLIPSIS, lambda _: "…")
    if "-" in text:
        draft.sub(_EM_DASH, lambda _: "—")
        draft.sub(_EN_DASH, lambda _: "–")
        draft.sub(_SPACED_HYPHEN, lambda _: "–")
    if '"' in draft.text or "'" in draft.text:
        draft.sub(_STRAIGHT, _Quotes(draft.text, lang))
    if lang == "fr":
        draft.sub(_GUILLEMET_OPEN, lambda _: "«" + NNBSP)
        draft.sub(_GUILLEMET_CLOSE, lambda _: NNBSP + "»")
        draft.sub(_FRENCH_PUNCTUATION, lambda match: NNBSP + match.group(1))
    draft.text = tie(draft.text, lang)  # one space for one: nothing moves
    if hidden:
        draft.text = _HIDDEN.sub(_Given("".join(hidden)), draft.text)
    return draft.text, [draft.where(offset) for offset in offsets]


def tie(text: str, language: str) -> str:
    """`text` with no-break spaces where a line must not break: a number and its unit, the numbers of a size
    and an edition (100 × 150 cm, 7 + 2 AP, 13 3/16 in.), p. 12, № 5, initials, before a dash; Russian and
    Kazakh also after one-letter words. One character for one, and tying tied text changes nothing."""
    if " " not in text:
        return text
    rules = _TIES + _CYRILLIC_TIES if base_language(language) in CYRILLIC_LANGUAGES else _TIES
    for pattern, tied in rules:
        text = pattern.sub(tied, text)
    return text


def _hide(found: str, hidden: list[str]) -> str:
    """What stays as written, replaced by as many hiding characters as it prints: an escaped quote prints
    without its backslash, an address without the punctuation after it."""
    if found[0] == "\\":
        hidden.append(found[1])
        return _HIDE
    if found != _HIDE and found[-1] in _AFTER_ADDRESS and "@" not in found:
        address = found.rstrip(_AFTER_ADDRESS)
        hidden.append(address)
        return _HIDE * len(address) + found[len(address):]
    hidden.append(found)
    return _HIDE * len(found)


class _Given:
    """The hidden text given back, run by run of hiding characters, in order."""

    def __init__(self, hidden: str):
        self.hidden = hidden
        self.at = 0

    def __call__(self, match: re.Match[str]) -> str:
        start, self.at = self.at, self.at + len(match.group())
        return self.hidden[start:self.at]


class _Draft:
    """Text being polished, with the changes of length made to it on the way: where an offset of the source
    ends up. Each pass keeps its changes as (start, end, new length) in the text it was given."""

    def __init__(self, text: str):
        self.text = text
        self._passes: list[tuple[list[int], list[int], list[int], list[int]]] = []

    def sub(self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        lengths: list[int] = []

        def recorded(match: re.Match[str]) -> str:
            new = replace(match)
            if len(new) != match.end() - match.start():
                starts.append(match.start())
                ends.append(match.end())
                lengths.append(len(new))
            return new

        self.text = pattern.sub(recorded, self.text)
        if starts:
            shifts = list(accumulate((n - (e - s) for s, e, n in zip(starts, ends, lengths, strict=True)), initial=0))
            self._passes.append((starts, ends, lengths, shifts))

    def where(self, offset: int) -> int:
        for starts, ends, lengths, shifts in self._passes:
            changed = bisect_right(ends, offset)  # the changes that end at or before the offset
            if changed < len(starts) and starts[changed] < offset:  # inside a change: after its replacement
                offset = starts[changed] + shifts[changed] + lengths[changed]
            else:
                offset += shifts[changed]
        return offset


class _Quotes:
    """Straight quotes as a language's quotation marks, apostrophes and primes, in one walk over the marks
    (not the characters). Languages without marks here keep their quotes as written; primes still apply."""

    def __init__(self, text: str, language: str):
        self.text = text
        self.english = language == "en"
        self.marks = _QUOTES.get(language)
        self.opening = frozenset(_OPENS_AFTER | ({self.marks[0], self.marks[2]} if self.marks else set()))
        self.open: list[tuple[str, str]] = []  # the quotations open: (the straight mark typed, their closing mark)
        self.after_open = -1  # the offset just after the last quotation opened
        self.apostrophes: set[int] = set()  # offsets already known to be apostrophes (the second of 'n')

    def __call__(self, match: re.Match[str]) -> str:
        i, text = match.start(), self.text
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = (i == self.after_open or before in self.opening) and len(self.open) < _MAX_DEPTH
        return self._double(i, before, opens) if match.group() == '"' else self._single(i, before, after, opens)

    def _double(self, i: int, before: str, opens: bool) -> str:
        typed = [mark for mark, _ in self.open]
        if opens:
            return self._open(i, '"')
        if before.isdigit() and ('"' not in typed or _FEET.search(self.text, max(i - 16, 0), i)):
            return DOUBLE_PRIME
        if '"' in typed:
            depth = len(typed) - 1 - typed[::-1].index('"')
            return self._close(depth)
        return '"'  # a closing quote with nothing open: left for the author to see

    def _single(self, i: int, before: str, after: str, opens: bool) -> str:
        inside = bool(self.open) and self.open[-1][0] == "'"
        if i in self.apostrophes or (before.isalnum() and after.isalpha()):
            return self._apostrophe()  # day's, l'art, 1990's
        if before.isdigit():
            return self._close(len(self.open) - 1) if inside and not after.isdigit() else PRIME
        if before.isalpha():
            return self._close(len(self.open) - 1) if inside else self._apostrophe()  # the artists' works
        if opens:
            elided = _ELIDED.match(self.text, i)
            if elided:
                if elided.group().endswith("'"):
                    self.apostrophes.add(elided.end() - 1)
                return self._apostrophe()
            return self._open(i, "'") if not after.isspace() else "'"
        return self._close(len(self.open) - 1) if inside else "'"

    def _open(self, i: int, typed: str) -> str:
        level = len(self.open)
        if self.marks is None:
            mark, close = typed, typed
        elif self.english:
            double = ((self.open[0][0] if self.open else typed) == '"') == (level % 2 == 0)
            mark, close = ("“", "”") if double else ("‘", "’")
        else:
            mark, close = self.marks[:2] if level == 0 else self.marks[2:]
        self.open.append((typed, close))
        self.after_open = i + 1
        return mark

    def _close(self, depth: int) -> str:
        close = self.open[depth][1]
        del self.open[depth:]
        return close

    def _apostrophe(self) -> str:
        return APOSTROPHE if self.marks else "'"

