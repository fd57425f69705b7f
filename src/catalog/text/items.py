"""A paragraph's runs as the line breaker's items: boxes (what is drawn), glue (spaces that stretch and shrink)
and penalties (places a line may end inside a word).

Where a word may break is decided here: hyphenation points, hyphens and dashes, soft hyphens, the separators
of web and mail addresses; no-break spaces tie words together. A word too wide for any line (pasted data) is
cut where lines are full, one break per line: breaking stays linear in the length of the text.
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
_BREAK_AFTER = {"-", "–", "—", "/"}
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
_PLAIN_CUT = re.compile(f"[{_DASHES}](?=[^{_DASHES}])")


@dataclass(frozen=True)
class Box:
    """Text that is drawn and never broken, in one or more runs."""

    width: float
    parts: tuple[tuple[str, Run], ...]


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


_SPECIAL = re.compile(f"[{NO_BREAK_SPACE}{SOFT_HYPHEN}{_DASHES}@:]|www\\.", re.IGNORECASE)
"""What makes a word more than one box: ties, soft hyphens, hyphens and dashes, web and mail addresses."""


def paragraph_items(runs: list[Run], setting: Setting) -> list[Item]:
    """The paragraph's items, with no glue at its end."""
    items: list[Item] = []
    opening, rest = _measure(setting, opening=True), _measure(setting, opening=False)
    spaces: dict[Run, Glue] = {}
    shortest = hyphenate.MIN_WORD if setting.hyphenate else math.inf
    for fragments, space in _words(runs):
        first = rest if items else opening
        if len(fragments) == 1 and len(fragments[0][0]) < shortest and not _SPECIAL.search(fragments[0][0]):
            text, run = fragments[0]  # most words: one box, nothing to find in them (a paragraph may hold 10^5)
            box = Box(fonts.width(text, run.font, run.size, run.tracking), (fragments[0],))
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
    if setting.hyphenate and not cuts:
        for offset in hyphenate.points(text, setting.language):
            cuts[offset] = "hyphen"
    items: list[Item] = []
    owner = _Pieces(fragments)
    soft = SOFT_HYPHEN in text
    start = 0
    for offset in [*sorted(cuts), len(text)]:
        kind = cuts.get(offset)
        segment = owner.slice(start, offset)
        if soft:  # a soft hyphen prints only as a break
            segment = [(piece, run) for text_, run in segment if (piece := text_.replace(SOFT_HYPHEN, ""))]
        if segment:
            items.append(_box(segment))
        if kind:
            anchor = owner.run_at(min(offset, len(text) - 1))
            if kind in ("hyphen", "soft"):
                w = fonts.width(HYPHEN, anchor.font, anchor.size, anchor.tracking)
                items.append(Penalty(w, 50.0, True, anchor))
            elif kind == "url":
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


def _box(parts: list[tuple[str, Run]]) -> Box:
    """Adjacent pieces of the same run become one part."""
    if len(parts) == 1:  # most boxes
        text, run = parts[0]
        return Box(fonts.width(text, run.font, run.size, run.tracking), (parts[0],))
    merged: list[tuple[str, Run]] = []
    for _, group in groupby(parts, key=lambda part: id(part[1])):
        same = list(group)
        merged.append(("".join(text for text, _ in same), same[0][1]))
    width = sum(fonts.width(t, r.font, r.size, r.tracking) for t, r in merged)
    return Box(width, tuple(merged))


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
