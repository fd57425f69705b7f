"""A paragraph's runs as the line breaker's items: boxes (what is drawn), glue (spaces that stretch and shrink)
and penalties (places a line may end inside a word).

Where a word may break is decided here: hyphenation points, hyphens and dashes, soft hyphens, the separators
of web and mail addresses; no-break spaces tie words together. A word too wide for any line (pasted data) is
cut where lines are full, one break per line: breaking stays linear in the length of the text.

A word is drawn shaped whole (kerned across its hyphenation points), so its pieces are measured as differences
of its prefixes' widths, and an added hyphen against the letter before it. In justified text a box also
stretches and shrinks by its letters (the style's letter-spacing limits), and knows how far the punctuation at
its ends hangs into the margin when it ends or starts a line.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, chain, groupby

from . import fonts, hyphenate
from .lines import Run, Setting

SOFT_HYPHEN = "\u00ad"
NO_BREAK_SPACE = "\u00a0"  # part of a word to the breaker: lines never break at it
HYPHEN = "-"
HYPHEN_PENALTY = 300.0
"""The cost of a break inside a word (a hyphenation point, a soft hyphen). At TeX's 50 (or 100) our narrow
justified columns hyphenated three to six times as often as Typst; at 300 a hyphen costs about what a line
stretched to 1.4 times its spaces' stretch does, so a line takes a little more word space first. Measured on
the example's biographies (classic, pocket): 15 and 11 hyphens at 100, 11 and 11 at 300, with the same word
spacing; above some 500 lines loosen visibly."""
_BREAK_AFTER = {"-", "–", "—", "/"}
RIGHT_HANG = {".": 1.0, ",": 1.0, "-": 1.0, "’": 1.0, "”": 1.0, ":": 0.5, ";": 0.5, "–": 0.5, "»": 0.5}
LEFT_HANG = {"“": 1.0, "‘": 1.0, "„": 1.0, "(": 0.5, "«": 0.5}
"""Share of a mark's width that hangs into the margin at a line's end or start (optical margins), roughly
microtype's: small marks wholly, so the letters make the edge; wider ones half, so they still touch it."""
_URL_BREAK_AFTER = {"/", ".", "?", "&", "-", "=", "#", "@"}
# A scheme or www. after leading punctuation, or an address whose name starts after the last space, @ or / of
# that punctuation. Written so that no run is tried from every start: `^\W*[^\s@/]+@`, which matches the same,
# was quadratic in a long run of symbols.
_URL = re.compile(r"^(?:\W*+(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)|(?:\W*[\s@/])?[^\s@/]+@[^\s@/]+\.[a-z])",
                  re.IGNORECASE)
_SPACES = re.compile(r"[ \n\t]+")
_SOFT = re.compile(SOFT_HYPHEN)
# After a separator not followed by another: a run of them ("//", "?&", "--", a rule of dashes) breaks only
# after its last one.
_URL_SEPARATORS = re.escape("".join(sorted(_URL_BREAK_AFTER)))
_URL_CUT = re.compile(f"[{_URL_SEPARATORS}](?=[^{_URL_SEPARATORS}])")
_DASHES = re.escape("".join(sorted(_BREAK_AFTER)))
# Chinese and Japanese are written without spaces: a line may break between any two ideographs or kana (UAX #14,
# class ID), but never before a small kana or the prolonged sound mark (kinsoku, class CJ), nor next to the
# brackets and stops, which are outside these ranges.
_CJK = "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CUT = re.compile(f"(?<=[{_CJK}])(?=[{_CJK}])(?![ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー゠])")
# A slash or a dash between digits is part of a number (13 3/16, 14/03/2026) or a range (1968–1972, pp. 11–19),
# never a break: a proofreader marks a date range cut at its dash.
_PLAIN_CUT = re.compile(f"(?!(?<=\\d)[/–-]\\d)[{_DASHES}](?=[^{_DASHES}])")


@dataclass(frozen=True)
class Box:
    """Text that is drawn and never broken, in one or more runs. `stretch` and `shrink`: what letter-spacing
    may add or take; `lead` and `trail`: how far its first and last marks hang out of a line they start or end."""

    width: float
    parts: tuple[tuple[str, Run], ...]
    stretch: float = 0.0
    shrink: float = 0.0
    lead: float = 0.0
    trail: float = 0.0


@dataclass(frozen=True)
class Glue:
    """A space: stretches and shrinks in justified text, and a line may end at it unless it ties two words."""

    width: float
    stretch: float
    shrink: float
    run: Run
    breakable: bool = True  # False: a no-break space, which stretches like a space but never ends a line


@dataclass(frozen=True)
class Penalty:
    """A place a line may end inside a word, at a cost. `width`: what the break adds (a hyphen); `flagged`: a
    break at a hyphen or dash, costlier on consecutive lines and before the last."""

    width: float
    cost: float
    flagged: bool
    hyphen: Run | None = None
    word: int = 0  # > 0: a cut between letters of a word of this many characters, too wide for a line
    hang: float = 0.0  # how far the added hyphen hangs into the right margin


Item = Box | Glue | Penalty


def _words(runs: list[Run]) -> list[tuple[list[tuple[str, Run]], Run | None]]:
    """Words as (fragments, the run of the following space)."""
    words: list[tuple[list[tuple[str, Run]], Run | None]] = []
    current: list[tuple[str, Run]] = []
    for run in runs:
        for index, chunk in enumerate(_SPACES.split(run.text)):
            if index and current:  # a space of this run came before the chunk
                words.append((current, run))
                current = []
            if chunk:
                current.append((chunk, run))
    if current:
        words.append((current, None))
    return words


_SPECIAL = re.compile(f"[{NO_BREAK_SPACE}{SOFT_HYPHEN}{_DASHES}@:{_CJK}]|www\\.", re.IGNORECASE)
"""What makes a word more than one box: ties, soft hyphens, hyphens and dashes, web and mail addresses, Chinese
and Japanese."""


def paragraph_items(runs: list[Run], setting: Setting) -> list[Item]:
    """The paragraph's items, with no glue at its end."""
    items: list[Item] = []
    opening, rest = _measure(setting, opening=True), _measure(setting, opening=False)
    spaces: dict[Run, Glue] = {}
    shortest = setting.hyphenation.min_word if setting.hyphenate else math.inf
    for fragments, space in _words(runs):
        first = rest if items else opening
        if len(fragments) == 1 and len(fragments[0][0]) < shortest and not _SPECIAL.search(fragments[0][0]):
            box = _box(fragments, setting)  # most words: one box, nothing to find in them (a paragraph may hold 10^5)
            if box.width <= first:
                items.append(box)
                word: list[Item] = []
            else:
                word = [box]
        else:
            word = _tied_items(fragments, setting)
        if any(isinstance(item, Box) and item.width > first for item in word):
            word = _cut_wide(word, first, rest, sum(len(text) for text, _ in fragments))
        items.extend(word)
        if space is not None:
            if space not in spaces:
                spaces[space] = _space(space, setting)
            items.append(spaces[space])
    while items and isinstance(items[-1], Glue):
        items.pop()
    return items


def _space(run: Run, setting: Setting, breakable: bool = True) -> Glue:
    w = fonts.width(" ", run.font, run.size, run.tracking)
    if setting.align == "justify":
        return Glue(w, w * 0.6, w * 0.25, run, breakable)
    return Glue(w, 0.0, 0.0, run, breakable)


def _tied_items(fragments: list[tuple[str, Run]], setting: Setting) -> list[Item]:
    """A word, or words tied by no-break spaces ("в\u00a0Алматы"): each hyphenated on its own, the tie
    a space that stretches with the others but is no place to break. A tied group wider than the
    line may break at its ties after all, rather than between letters."""
    parts: list[list[tuple[str, Run]]] = [[]]
    ties: list[Run] = []
    for text, run in fragments:
        for index, piece in enumerate(text.split(NO_BREAK_SPACE)):
            if index:
                parts.append([])
                ties.append(run)
            if piece:
                parts[-1].append((piece, run))
    if not ties:
        return _word_items(fragments, setting)
    words = [_word_items(part, setting) if part else [] for part in parts]
    items: list[Item] = list(words[0])
    for run, word in zip(ties, words[1:], strict=True):
        items.append(_space(run, setting, breakable=False))
        items.extend(word)
    # The longest stretch with no break left in it (hyphenation points still break) must fit a line.
    longest = run_width = 0.0
    for item in items:
        if isinstance(item, Penalty):
            longest, run_width = max(longest, run_width + item.width), 0.0
        else:
            run_width += item.width
    if max(longest, run_width) > setting.width - setting.first_indent:
        items = [_space(item.run, setting) if isinstance(item, Glue) else item for item in items]
    return items


def _word_items(fragments: list[tuple[str, Run]], setting: Setting) -> list[Item]:
    """A word as boxes between its break opportunities (hyphenation points, hyphens, soft hyphens).
    URLs and e-mail addresses break after their separators and never get a hyphen: an added hyphen
    would read as part of the address."""
    text = "".join(f for f, _ in fragments)
    cuts: dict[int, str] = {}  # offset -> "hyphen" (add a hyphen), "soft", "plain" or "url"
    url = _URL.match(text) is not None
    # After a separator, never inside a run of them, never at the word's ends. Found by regular expressions,
    # not a loop over the characters: a word may be a megabyte of pasted data.
    for match in (_URL_CUT if url else _PLAIN_CUT).finditer(text):
        if 0 < match.start() < len(text) - 1:
            cuts[match.start() + 1] = "url" if url else "plain"
    if SOFT_HYPHEN in text:
        for match in _SOFT.finditer(text):
            cuts[match.start()] = "soft"
    if not url:
        cuts.update((match.start(), "ideograph") for match in _CJK_CUT.finditer(text))
    if setting.hyphenate and not cuts:
        for offset in hyphenate.points(text, setting.language, setting.hyphenation):
            cuts[offset] = "hyphen"
    items: list[Item] = []
    owner = _Pieces(fragments)
    soft = SOFT_HYPHEN in text
    whole = len(text) <= hyphenate.MAX_WORD  # measured by prefixes: kerned as drawn; not megabytes of data
    start = 0
    for offset in [*sorted(cuts), len(text)]:
        kind = cuts.get(offset)
        segment = owner.slice(start, offset)
        if soft:  # a soft hyphen prints only as a break
            segment = [(piece, run) for text_, run in segment if (piece := text_.replace(SOFT_HYPHEN, ""))]
        if segment:
            items.append(_box(segment, setting, owner.width(start, offset) if whole else None))
        if kind:
            anchor = owner.run_at(max(offset - 1, 0))  # the hyphen takes the style of the letter before it
            if kind in ("hyphen", "soft"):
                w = owner.hyphen(offset) if whole else fonts.width(HYPHEN, anchor.font, anchor.size, anchor.tracking)
                items.append(Penalty(w, HYPHEN_PENALTY, True, anchor, hang=_hang(HYPHEN, anchor, RIGHT_HANG, setting)))
            elif kind in ("url", "ideograph"):
                items.append(Penalty(0.0, 50.0, False))  # unflagged: a URL may break on line after line
            else:
                items.append(Penalty(0.0, 50.0, True))
        start = offset + 1 if kind == "soft" else offset
    return items


class _Pieces:
    """Text in runs, sliced by character offsets without a list of characters: a word may be a megabyte of
    pasted data, in thousands of runs."""

    def __init__(self, pieces: list[tuple[str, Run]] | tuple[tuple[str, Run], ...]):
        self.pieces = pieces
        self.starts = list(accumulate((len(text) for text, _ in pieces[:-1]), initial=0))

    def run_at(self, offset: int) -> Run:
        return self.pieces[bisect_right(self.starts, offset) - 1][1]

    def width(self, start: int, end: int) -> float:
        """The width characters start..end add to the word as it is drawn, kerned against what comes before
        them: run by run, the width of the run's text through `end` less that before `start`."""
        total = 0.0
        for index in range(max(bisect_right(self.starts, start) - 1, 0), len(self.pieces)):
            first = self.starts[index]
            if first >= end:
                break
            high = min(end - first, len(self.pieces[index][0]))
            if high > start - first:
                total += self._through(index, high) - self._through(index, max(start - first, 0))
        return total

    def hyphen(self, offset: int) -> float:
        """The width a hyphen added after character offset - 1 adds, kerned against that letter."""
        index = max(bisect_right(self.starts, offset - 1) - 1, 0)
        text, run = self.pieces[index]
        end = offset - self.starts[index]
        before = text[:end].replace(SOFT_HYPHEN, "")
        return fonts.width(before + HYPHEN, run.font, run.size, run.tracking) - self._through(index, end)

    def _through(self, index: int, end: int) -> float:
        text, run = self.pieces[index]
        before = text[:end].replace(SOFT_HYPHEN, "")
        return fonts.width(before, run.font, run.size, run.tracking) if before else 0.0

    def slice(self, start: int, end: int) -> list[tuple[str, Run]]:
        """Characters start..end as (text, run) pieces."""
        if len(self.pieces) == 1:  # most words
            text, run = self.pieces[0]
            return [(text[start:end], run)] if end > start else []
        out: list[tuple[str, Run]] = []
        index = max(bisect_right(self.starts, start) - 1, 0)
        while index < len(self.pieces) and self.starts[index] < end:
            (text, run), first = self.pieces[index], self.starts[index]
            piece = text[max(start - first, 0):end - first]
            if piece:
                out.append((piece, run))
            index += 1
        return out


def _box(parts: list[tuple[str, Run]], setting: Setting, width: float | None = None) -> Box:
    """Adjacent pieces of the same run become one part. `width`: as measured in the whole word, else the parts'
    own. In justified text the box's letters stretch and shrink within the style's letter-spacing limits."""
    if len(parts) == 1:  # most boxes
        merged = [parts[0]]
    else:
        merged = []
        for _, group in groupby(parts, key=lambda part: id(part[1])):
            same = list(group)
            merged.append(("".join(text for text, _ in same), same[0][1]))
    if width is None:
        width = sum(fonts.width(t, r.font, r.size, r.tracking) for t, r in merged)
    if setting.align != "justify":
        return Box(width, tuple(merged))
    rules = setting.justification
    em = sum(len(text) * run.size for text, run in merged)  # a character of each size, in points
    (first, first_run), (last, last_run) = merged[0], merged[-1]
    return Box(width, tuple(merged), em * rules.loosen, em * rules.tighten,
               _hang(first[0], first_run, LEFT_HANG, setting), _hang(last[-1], last_run, RIGHT_HANG, setting))


def _hang(mark: str, run: Run, shares: dict[str, float], setting: Setting) -> float:
    """How far `mark` hangs into the margin at a line's end (or start) in justified text that asks for it."""
    share = shares.get(mark)
    if share is None or setting.align != "justify" or not setting.justification.hang_punctuation:
        return 0.0
    return share * fonts.width(mark, run.font, run.size)


def _measure(setting: Setting, opening: bool) -> float:
    """The narrowest line a box may land on: the paragraph's first line is indented, its last keeps a reserve."""
    return setting.width - max(setting.first_indent if opening else 0.0, setting.last_reserve, 0.0)


def _cut_wide(items: list[Item], first: float, rest: float, length: int) -> list[Item]:
    """Boxes wider than a line (pasted data, a long URL segment, a run of symbols) are cut where each line
    is full, greedily by the characters' widths: one break candidate per line, not one per character, keeps
    breaking linear in the word's length. The word starts a line of its own; the cuts are reported.
    `first`: the measure of the word's first line, `rest` of the others; `length`: the word's characters."""
    out: list[Item] = []
    known: dict[Run, dict[str, float]] = {}
    limit = first
    for item in items:
        if not (isinstance(item, Box) and item.width > limit):
            out.append(item)
            limit = rest
            continue
        # The width up to and including each character, summed once; each cut is then a binary search.
        widths = chain.from_iterable(map(_char_widths(text, run, known).__getitem__, text) for text, run in item.parts)
        reach = list(accumulate(widths))
        pieces = _Pieces(item.parts)
        start, filled = 0, 0.0
        while start < len(reach):
            end = max(bisect_right(reach, filled + limit, lo=start), start + 1)  # one character at least
            out.append(Box(reach[end - 1] - filled, tuple(pieces.slice(start, end))))
            if end < len(reach):
                out.append(Penalty(0.0, 500.0, False, word=length))
            start, filled, limit = end, reach[end - 1], rest
        limit = rest
    return out


def _char_widths(text: str, run: Run, known: dict[Run, dict[str, float]]) -> dict[str, float]:
    """The widths of the characters of `text` in `run`, added to those `known`."""
    widths = known.setdefault(run, {})
    for ch in set(text).difference(widths):
        widths[ch] = fonts.width(ch, run.font, run.size, run.tracking)
    return widths
