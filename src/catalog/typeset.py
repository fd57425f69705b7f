"""Breaking styled text into lines: a total-fit (Knuth–Plass style) breaker with hyphenation.

Greedy breaking (ReportLab's) leaves loose lines in narrow justified columns; choosing all breaks
of a paragraph together keeps word spacing even. Pure functions of text, fonts and widths.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import fonts, hyphenate
from .colour import Swatch

SOFT_HYPHEN = "\u00ad"
NO_BREAK_SPACE = "\u00a0"  # part of a word to the breaker: lines never break at it
HYPHEN = "-"
_BREAK_AFTER = {"-", "–", "—", "/"}
_URL_BREAK_AFTER = {"/", ".", "?", "&", "-", "=", "#", "@"}
_URL = re.compile(r"^\W*(?:[a-z][a-z0-9+.-]*://|www\.|mailto:|[^\s@/]+@[^\s@/]+\.[a-z])", re.IGNORECASE)
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
    pieces: tuple[Piece, ...]
    width: float
    hyphenated: bool = False
    overfull: float = 0.0

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
        chunk: list[str] = []
        for ch in run.text:
            if ch in " \n\t":
                if chunk:
                    current.append(("".join(chunk), run))
                    chunk = []
                if current:
                    words.append((current, run))
                    current = []
            else:
                chunk.append(ch)
        if chunk:
            current.append(("".join(chunk), run))
    if current:
        words.append((current, None))
    return words


def _items(runs: list[Run], setting: Setting) -> list[_Item]:
    items: list[_Item] = []
    for fragments, space in _words(runs):
        items.extend(_tied_items(fragments, setting))
        if space is not None:
            items.append(_space(space, setting))
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
    owner: list[Run] = [run for frag, run in fragments for _ in frag]
    cuts: dict[int, str] = {}  # offset -> "hyphen" (add a hyphen), "soft", "plain" or "url"
    url = _URL.match(text) is not None
    for index, ch in enumerate(text):
        if ch == SOFT_HYPHEN:
            cuts[index] = "soft"
        elif url:
            # After a separator, never inside a run of them ("//", "?&"), never at the word's end.
            if ch in _URL_BREAK_AFTER and 0 < index < len(text) - 1 and text[index + 1] not in _URL_BREAK_AFTER:
                cuts[index + 1] = "url"
        elif ch in _BREAK_AFTER and 0 < index < len(text) - 1:
            cuts[index + 1] = "plain"
    if setting.hyphenate and not cuts:
        for offset in hyphenate.points(text, setting.language):
            cuts[offset] = "hyphen"
    items: list[_Item] = []
    start = 0
    for offset in [*sorted(cuts), len(text)]:
        kind = cuts.get(offset)
        end = offset
        segment = [(text[i], owner[i]) for i in range(start, end) if text[i] != SOFT_HYPHEN]
        if segment:
            items.append(_box(segment))
        if kind:
            anchor = owner[min(offset, len(owner) - 1)]
            if kind in ("hyphen", "soft"):
                w = fonts.width(HYPHEN, anchor.font, anchor.size, anchor.tracking)
                items.append(_Penalty(w, 50.0, True, anchor))
            elif kind == "url":
                items.append(_Penalty(0.0, 50.0, False))  # unflagged: a URL may break on line after line
            else:
                items.append(_Penalty(0.0, 50.0, True))
        start = offset + 1 if kind == "soft" else offset
    return items


def _box(chars: list[tuple[str, Run]]) -> _Box:
    parts: list[tuple[str, Run]] = []
    for ch, run in chars:
        if parts and parts[-1][1] is run:
            parts[-1] = (parts[-1][0] + ch, run)
        else:
            parts.append((ch, run))
    width = sum(fonts.width(t, r.font, r.size, r.tracking) for t, r in parts)
    return _Box(width, tuple(parts))


def _split_wide(items: list[_Item], width: float) -> list[_Item]:
    """Boxes wider than a line (long URLs, compounds) get a break between every character."""
    out: list[_Item] = []
    for item in items:
        if isinstance(item, _Box) and item.width > width:
            chars = [(ch, run) for text, run in item.parts for ch in text]
            for index, char in enumerate(chars):
                if index:
                    out.append(_Penalty(0.0, 500.0, False))
                out.append(_box([char]))
        else:
            out.append(item)
    return out


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


def _choose_breaks(items: list[_Item], setting: Setting) -> list[int]:
    if any(isinstance(i, _Box) and i.width > setting.width - setting.first_indent for i in items):
        items[:] = _split_wide(items, setting.width - setting.first_indent)
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
        penalty = items[b] if not last and isinstance(items[b], _Penalty) else None
        best: dict[int, _Node] = {}
        survivors: list[_Node] = []
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
            elif justify:
                ratio = (target - natural) / stretch if stretch > 0 else INFINITE
            else:
                ratio = (target - natural) / rag if not last else 0.0
            if ratio >= -1.0 or tolerance == math.inf:
                survivors.append(node)
            else:
                continue  # this line would only get longer: drop the node
            # Uncapped: in the fallback pass a nearly empty line must cost more than a loose one.
            badness = 100.0 * abs(ratio) ** 3 if ratio >= -1.0 else OVERFULL
            if justify and badness > tolerance:
                continue
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
                x += fonts.width(text, run.font, run.size, run.tracking)
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
    return Line(shifted, set_width, hyphenated, max(0.0, set_width - target - 0.01))


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
