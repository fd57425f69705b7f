"""Breaking styled text into lines: a total-fit (Knuth–Plass style) breaker with hyphenation.

Greedy breaking (ReportLab's) leaves loose lines in narrow justified columns; choosing all breaks
of a paragraph together keeps word spacing even. Pure functions of text, fonts and widths. A word too
wide for any line (pasted data) is cut where lines are full, and its lines are marked `forced`: time
stays linear in the length of the text, whatever its words.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, groupby

from . import fonts, hyphenate
from .colour import Swatch

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
INFINITE = 10_000.0
OVERFULL = 1e20  # badness of a line that cannot shrink enough: only when nothing else fits


@dataclass(frozen=True)
class Run:
    """Input: text in one font and size."""

    text: str
    font: str
    size: float
    tracking: float = 0.0
    colour: Swatch | None = None


@dataclass(frozen=True)
class Piece:
    """Output: text drawn at x (from the line's left edge) in one font; colour None = the line's."""

    x: float
    text: str
    font: str
    size: float
    tracking: float = 0.0
    colour: Swatch | None = None


@dataclass(frozen=True)
class Line:
    """`forced`: the line ends between two letters of a word too wide for any line, with no hyphen (pasted
    data, a run of symbols): the caller reports it, naming the word's length in characters, `word_length`."""

    pieces: tuple[Piece, ...]
    width: float
    hyphenated: bool = False
    overfull: float = 0.0
    forced: bool = False
    word_length: int = 0

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class Setting:
    width: float
    align: str = "left"
    hyphenate: bool = False
    language: str = "en"
    first_indent: float = 0.0
    last_reserve: float = 0.0


@dataclass(frozen=True)
class _Box:
    width: float
    parts: tuple[tuple[str, Run], ...]


@dataclass(frozen=True)
class _Glue:
    width: float
    stretch: float
    shrink: float
    run: Run
    breakable: bool = True  # False: a no-break space, which stretches like a space but never ends a line


@dataclass(frozen=True)
class _Penalty:
    width: float
    cost: float
    flagged: bool
    hyphen: Run | None = None
    word: int = 0  # > 0: a cut between letters of a word of this many characters, too wide for a line


_Item = _Box | _Glue | _Penalty


@lru_cache(maxsize=4096)
def set_text(runs: tuple[Run, ...], setting: Setting) -> tuple[Line, ...]:
    """Lines for a paragraph; every character of the runs appears in exactly one line.
    Cached: the document is planned more than once while page numbers settle."""
    items = _items(list(runs), setting)
    if not any(isinstance(item, _Box) for item in items):
        return ()
    breaks = _choose_breaks(items, setting)
    return tuple(_build_lines(items, breaks, setting))


# --- items ---------------------------------------------------------------------------------

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


def _items(runs: list[Run], setting: Setting) -> list[_Item]:
    items: list[_Item] = []
    opening, rest = _measure(setting, opening=True), _measure(setting, opening=False)
    spaces: dict[Run, _Glue] = {}
    shortest = hyphenate.MIN_WORD if setting.hyphenate else math.inf
    for fragments, space in _words(runs):
        first = rest if items else opening
        if len(fragments) == 1 and len(fragments[0][0]) < shortest and not _SPECIAL.search(fragments[0][0]):
            text, run = fragments[0]  # most words: one box, nothing to find in them (a paragraph may hold 10^5)
            box = _Box(fonts.width(text, run.font, run.size, run.tracking), (fragments[0],))
            if box.width <= first:
                items.append(box)
                word: list[_Item] = []
            else:
                word = [box]
        else:
            word = _tied_items(fragments, setting)
        if any(isinstance(item, _Box) and item.width > first for item in word):
            word = _cut_wide(word, first, rest, sum(len(text) for text, _ in fragments))
        items.extend(word)
        if space is not None:
            if space not in spaces:
                spaces[space] = _space(space, setting)
            items.append(spaces[space])
    while items and isinstance(items[-1], _Glue):
        items.pop()
    return items


def _space(run: Run, setting: Setting, breakable: bool = True) -> _Glue:
    w = fonts.width(" ", run.font, run.size, run.tracking)
    if setting.align == "justify":
        return _Glue(w, w * 0.6, w * 0.25, run, breakable)
    return _Glue(w, 0.0, 0.0, run, breakable)


def _tied_items(fragments: list[tuple[str, Run]], setting: Setting) -> list[_Item]:
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
    items: list[_Item] = list(words[0])
    for run, word in zip(ties, words[1:], strict=True):
        items.append(_space(run, setting, breakable=False))
        items.extend(word)
    # The longest stretch with no break left in it (hyphenation points still break) must fit a line.
    longest = run_width = 0.0
    for item in items:
        if isinstance(item, _Penalty):
            longest, run_width = max(longest, run_width + item.width), 0.0
        else:
            run_width += item.width
    if max(longest, run_width) > setting.width - setting.first_indent:
        items = [_space(item.run, setting) if isinstance(item, _Glue) else item for item in items]
    return items


def _word_items(fragments: list[tuple[str, Run]], setting: Setting) -> list[_Item]:
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
    items: list[_Item] = []
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
                items.append(_Penalty(w, 50.0, True, anchor))
            elif kind == "url":
                items.append(_Penalty(0.0, 50.0, False))  # unflagged: a URL may break on line after line
            else:
                items.append(_Penalty(0.0, 50.0, True))
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


def _box(parts: list[tuple[str, Run]]) -> _Box:
    """Adjacent pieces of the same run become one part."""
    if len(parts) == 1:  # most boxes
        text, run = parts[0]
        return _Box(fonts.width(text, run.font, run.size, run.tracking), (parts[0],))
    merged: list[tuple[str, Run]] = []
    for _, group in groupby(parts, key=lambda part: id(part[1])):
        same = list(group)
        merged.append(("".join(text for text, _ in same), same[0][1]))
    width = sum(fonts.width(t, r.font, r.size, r.tracking) for t, r in merged)
    return _Box(width, tuple(merged))


def _measure(setting: Setting, opening: bool) -> float:
    """The narrowest line a box may land on: the paragraph's first line is indented, its last keeps a reserve."""
    return setting.width - max(setting.first_indent if opening else 0.0, setting.last_reserve, 0.0)


def _cut_wide(items: list[_Item], first: float, rest: float, length: int) -> list[_Item]:
    """Boxes wider than a line (pasted data, a long URL segment, a run of symbols) are cut where each line
    is full, greedily by the characters' widths: one break candidate per line, not one per character, keeps
    breaking linear in the word's length. The word starts a line of its own; the cuts are reported.
    `first`: the measure of the word's first line, `rest` of the others; `length`: the word's characters."""
    out: list[_Item] = []
    known: dict[Run, dict[str, float]] = {}
    limit = first
    for item in items:
        if not (isinstance(item, _Box) and item.width > limit):
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
            out.append(_Box(reach[end - 1] - filled, tuple(pieces.slice(start, end))))
            if end < len(reach):
                out.append(_Penalty(0.0, 500.0, False, word=length))
            start, filled, limit = end, reach[end - 1], rest
        limit = rest
    return out


def _char_widths(text: str, run: Run, known: dict[Run, dict[str, float]]) -> dict[str, float]:
    """The widths of the characters of `text` in `run`, added to those `known`."""
    widths = known.setdefault(run, {})
    for ch in set(text).difference(widths):
        widths[ch] = fonts.width(ch, run.font, run.size, run.tracking)
    return widths


# --- choosing breaks -----------------------------------------------------------------------

@dataclass
class _Node:
    position: int  # item index of the break (len(items) for the end)
    fitness: int
    demerits: float
    previous: _Node | None
    flagged: bool


def _fitness(ratio: float) -> int:
    if ratio < -0.5:
        return 0
    if ratio <= 0.5:
        return 1
    if ratio <= 1.0:
        return 2
    return 3


LONG_PARAGRAPH = 5_000
"""Break opportunities in one paragraph (some ten pages of it) beyond which lines are chosen one at a
time: total fit costs the opportunities times those within a line's reach (a paragraph of 450,000
one-letter words took 80 s), first fit only the opportunities. No paragraph of prose gets near it."""


def _choose_breaks(items: list[_Item], setting: Setting) -> list[int]:
    if len(items) > LONG_PARAGRAPH and sum(1 for b in range(len(items)) if _breakable(items, b)) > LONG_PARAGRAPH:
        return _first_fit(items, setting)
    for tolerance in (1000.0, math.inf):
        breaks = _total_fit(items, setting, tolerance)
        if breaks is not None:
            return breaks
    raise AssertionError("an unbounded tolerance always finds breaks")


def _total_fit(items: list[_Item], setting: Setting, tolerance: float) -> list[int] | None:
    n = len(items)
    width_sum = [0.0] * (n + 1)
    stretch_sum = [0.0] * (n + 1)
    shrink_sum = [0.0] * (n + 1)
    for i, item in enumerate(items):
        width_sum[i + 1] = width_sum[i] + (item.width if not isinstance(item, _Penalty) else 0.0)
        stretch_sum[i + 1] = stretch_sum[i] + (item.stretch if isinstance(item, _Glue) else 0.0)
        shrink_sum[i + 1] = shrink_sum[i] + (item.shrink if isinstance(item, _Glue) else 0.0)
    justify = setting.align == "justify"
    rag = 3.0 * max((p.size for i in items if isinstance(i, _Box) for _, p in i.parts), default=10.0)
    active: list[_Node] = [_Node(-1, 1, 0.0, None, False)]

    for b in range(n + 1):
        if b < n:
            item = items[b]
            if isinstance(item, _Glue):
                if not item.breakable or not isinstance(items[b - 1], _Box):
                    continue
            elif not isinstance(item, _Penalty):
                continue
        last = b == n
        here = items[b] if not last else None
        penalty = here if isinstance(here, _Penalty) else None
        best: dict[int, _Node] = {}
        survivors: list[_Node] = []
        overfull: list[tuple[_Node, float]] = []
        for node in active:
            start = node.position + 1
            target = setting.width - (setting.first_indent if start == 0 else 0.0)
            if last:
                target -= setting.last_reserve
            natural = width_sum[b] - width_sum[start] + (penalty.width if penalty else 0.0)
            stretch = stretch_sum[b] - stretch_sum[start]
            shrink = shrink_sum[b] - shrink_sum[start]
            if natural > target:
                ratio = (target - natural) / shrink if shrink > 0 else -INFINITE
            elif last and justify:
                ratio = 0.0
            elif justify and stretch > 0:
                ratio = (target - natural) / stretch
            elif justify:
                # A line cut from a word too wide for any line is set at its natural width, as full as it can be.
                ratio = 0.0 if penalty and penalty.word else INFINITE
            else:
                ratio = (target - natural) / rag if not last else 0.0
            if ratio < -1.0:
                # This line would only get longer: drop the node. The fallback pass keeps it in mind in
                # case no line fits at all here, so the active list stays as short as one line.
                if tolerance == math.inf:
                    overfull.append((node, ratio))
                continue
            survivors.append(node)
            # Uncapped: in the fallback pass a nearly empty line must cost more than a loose one.
            badness = 100.0 * abs(ratio) ** 3
            if not (justify and badness > tolerance):
                _consider(best, node, b, ratio, badness, penalty, last)
        if not best and overfull:
            # Nothing fits (a box wider than the line): the break is forced after the shortest overfull
            # line, from the latest break, as TeX does. Only the fallback pass gets here.
            latest = max(node.position for node, _ in overfull)
            for node, ratio in overfull:
                if node.position == latest:
                    _consider(best, node, b, ratio, OVERFULL, penalty, last)
        active = survivors + list(best.values())
        if not active:
            return None
        if last:
            ends = [node for node in best.values()]
            if not ends:
                return None
            chosen = min(ends, key=lambda node: node.demerits)
            breaks: list[int] = []
            node: _Node | None = chosen
            while node is not None and node.position >= 0:
                breaks.append(node.position)
                node = node.previous
            return breaks[::-1]
    return None


def _breakable(items: list[_Item], b: int) -> bool:
    """A line may end at item `b`: a penalty, or a breakable space after a word."""
    item = items[b]
    if isinstance(item, _Glue):
        return item.breakable and b > 0 and isinstance(items[b - 1], _Box)
    return isinstance(item, _Penalty)


def _first_fit(items: list[_Item], setting: Setting) -> list[int]:
    """Each line as full as it goes (shrinking justified spaces as far as they may), in one pass; a
    line is overfull only where one box is wider than it, as in the total fit."""
    breaks: list[int] = []
    start, width, shrink = 0, 0.0, 0.0  # the line so far: from `start`, up to the item being looked at
    fits: int | None = None             # the last break that keeps the line within its measure
    b = 0
    target = setting.width - setting.first_indent
    while b < len(items):
        item = items[b]
        if isinstance(item, _Box):
            width += item.width
        elif isinstance(item, _Glue):
            if item.breakable and b > 0 and isinstance(items[b - 1], _Box) and (width - shrink <= target or
                                                                                 fits is None):
                fits = b
            width += item.width
            shrink += item.shrink
        elif width + item.width - shrink <= target or fits is None:  # a penalty
            fits = b
        if width - shrink > target and fits is not None and fits < b:
            breaks.append(fits)
            target = setting.width
            start, fits = fits + 1, None
            while start < len(items) and isinstance(items[start], _Glue | _Penalty):
                start += 1  # a line starts at its first word
            width = shrink = 0.0
            b = start
            continue
        b += 1
    return [*breaks, len(items)]


def _consider(best: dict[int, _Node], node: _Node, b: int, ratio: float, badness: float,
              penalty: _Penalty | None, last: bool) -> None:
    """A feasible line from `node` to the break `b`: kept in `best` if it is the cheapest way there in its
    fitness class."""
    cost = penalty.cost if penalty else 0.0
    demerits = (10.0 + badness) ** 2 + cost ** 2
    flagged = bool(penalty and penalty.flagged)
    if flagged and node.flagged:
        demerits += 3000.0
    if last and node.flagged:
        demerits += 5000.0
    fit = _fitness(ratio)
    if abs(fit - node.fitness) > 1:
        demerits += 2000.0
    total = node.demerits + demerits
    if fit not in best or total < best[fit].demerits:
        best[fit] = _Node(b, fit, total, node, flagged)


# --- lines ---------------------------------------------------------------------------------

def _build_lines(items: list[_Item], breaks: list[int], setting: Setting) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for index, end in enumerate(breaks):
        last = index == len(breaks) - 1
        chunk = items[start:end]
        penalty = items[end] if end < len(items) and isinstance(items[end], _Penalty) else None
        indent = setting.first_indent if start == 0 else 0.0
        target = setting.width - indent - (setting.last_reserve if last else 0.0)
        lines.append(_line(chunk, penalty, target, indent, setting, last))
        start = end + 1
    return lines


def _line(chunk: list[_Item], penalty: _Penalty | None, target: float, indent: float,
          setting: Setting, last: bool) -> Line:
    chunk = [item for item in chunk if not isinstance(item, _Penalty)]
    while chunk and isinstance(chunk[0], _Glue):
        chunk.pop(0)
    natural = sum(item.width for item in chunk) + (penalty.width if penalty else 0.0)
    glues = [item for item in chunk if isinstance(item, _Glue)]
    extra = 0.0
    # The last line keeps natural spaces, unless the breaker chose to shrink them to fit.
    justify = setting.align == "justify" and (not last or natural > target)
    if justify and glues:
        slack = target - natural
        pool = sum(g.stretch for g in glues) if slack > 0 else sum(g.shrink for g in glues)
        extra = slack / pool if pool else 0.0
    pieces: list[Piece] = []
    x = 0.0
    for item in chunk:
        if isinstance(item, _Box):
            for text, run in item.parts:
                _append(pieces, x, text, run, merge=True)
                # A box of one part was measured as a whole: not again (a cut of a long word is measured only once).
                x += item.width if len(item.parts) == 1 else fonts.width(text, run.font, run.size, run.tracking)
        else:
            amount = item.width
            if not item.breakable:  # the no-break space is drawn, so the PDF's text keeps the words together
                _append(pieces, x, NO_BREAK_SPACE, item.run, merge=True)
            if justify:
                amount += extra * (item.stretch if extra > 0 else item.shrink)
                x += amount
            else:
                if item.breakable:
                    _append(pieces, x, " ", item.run, merge=True)
                x += amount
    hyphenated = False
    if penalty is not None and penalty.hyphen is not None:
        _append(pieces, x, HYPHEN, penalty.hyphen, merge=True)
        x += penalty.width
        hyphenated = True
    set_width = x
    offset = indent
    if setting.align == "right":
        offset += target - set_width
    elif setting.align == "center":
        offset += (target - set_width) / 2
    shifted = tuple(Piece(p.x + offset, p.text, p.font, p.size, p.tracking, p.colour) for p in pieces)
    word = penalty.word if penalty is not None else 0
    return Line(shifted, set_width, hyphenated, max(0.0, set_width - target - 0.01), forced=word > 0, word_length=word)


def _append(pieces: list[Piece], x: float, text: str, run: Run, merge: bool) -> None:
    """Adjacent text in the same font becomes one piece: fewer operators, cleaner text extraction."""
    if merge and pieces:
        prev = pieces[-1]
        end = prev.x + fonts.width(prev.text, prev.font, prev.size, prev.tracking)
        same = (prev.font, prev.size, prev.tracking, prev.colour) == (run.font, run.size, run.tracking, run.colour)
        if same and abs(end - x) < 1e-6:
            pieces[-1] = Piece(prev.x, prev.text + text, prev.font, prev.size, prev.tracking, prev.colour)
            return
    pieces.append(Piece(x, text, run.font, run.size, run.tracking, run.colour))
