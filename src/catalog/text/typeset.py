"""Setting a paragraph: its runs as items, the breaks chosen, and each line's pieces placed, with justified
spaces stretched or shrunk (and letters spaced, within the style's limits), punctuation hung into the margins
where the style asks, and a hyphen where a word is broken. Pure functions of text, fonts and widths.

A justified line is placed by the widths of its words as they are drawn (each shaped whole), not as the breaker
summed them, so its last letter lands on the margin exactly.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from ..colour import Swatch
from ..specs.justification import Justification
from . import fonts
from .breaking import choose_breaks
from .items import HYPHEN, NO_BREAK_SPACE, Box, Glue, Item, Penalty, paragraph_items
from .lines import Line, Piece, Run, Setting


@lru_cache(maxsize=32768)
def set_text(runs: tuple[Run, ...], setting: Setting) -> tuple[Line, ...]:
    """Lines for a paragraph; every character of the runs appears in exactly one line.
    Cached: the document is planned more than once while page numbers settle, and each pass sets
    every paragraph in the same order, so a cache smaller than one pass's paragraphs would keep none
    (a 1,000-work catalog sets about 4,000 different ones: captions, list entries, biographies)."""
    items = paragraph_items(list(runs), setting)
    if not any(isinstance(item, Box) for item in items):
        return ()
    breaks = choose_breaks(items, setting)
    return tuple(_build_lines(items, breaks, setting))


def _build_lines(items: list[Item], breaks: list[int], setting: Setting) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for index, end in enumerate(breaks):
        last = index == len(breaks) - 1
        chunk = items[start:end]
        after = items[end] if end < len(items) else None
        penalty = after if isinstance(after, Penalty) else None
        indent = setting.first_indent if start == 0 else 0.0
        target = setting.width - indent - (setting.last_reserve if last else 0.0)
        lines.append(_line(chunk, penalty, target, indent, setting, last))
        start = end + 1
    return lines


def _line(items: list[Item], penalty: Penalty | None, target: float, indent: float,
          setting: Setting, last: bool) -> Line:
    chunk: list[Box | Glue] = [item for item in items if not isinstance(item, Penalty)]
    while chunk and isinstance(chunk[0], Glue):
        chunk.pop(0)
    natural = sum(item.width for item in chunk) + (penalty.width if penalty else 0.0)
    hyphen = penalty.hyphen if penalty is not None else None
    # Hanging punctuation (set on the boxes in justified text that asks for it): not into an indent, and on the
    # right only where the line reaches the margin, which a line with no space to stretch need not.
    lead = chunk[0].lead if chunk and isinstance(chunk[0], Box) and not indent else 0.0
    spaced = any(isinstance(item, Glue) for item in chunk)
    trail = (penalty.hang if penalty is not None and hyphen else chunk[-1].trail if isinstance(chunk[-1], Box)
             else 0.0) if chunk and spaced else 0.0
    word = penalty.word if penalty is not None else 0
    # The last line keeps natural spaces, unless the breaker chose to shrink them (or hang its last mark) to fit.
    if setting.align == "justify" and chunk and (not last or natural - lead > target):
        placed, right = _justified(chunk, hyphen, target + lead + trail, setting.justification)
        shifted = tuple(replace(piece, x=piece.x + indent - lead) for piece in placed)
        width = right - lead - trail
        return Line(shifted, width, hyphen is not None, max(0.0, width - target - 0.01), forced=word > 0,
                    word_length=word)
    pieces: list[Piece] = []
    x = -lead
    for item in chunk:
        if isinstance(item, Box):
            for text, run in item.parts:
                _append(pieces, x, text, run, merge=True)
                # A box of one part was measured as a whole: not again (a cut of a long word is measured only once).
                x += item.width if len(item.parts) == 1 else fonts.width(text, run.font, run.size, run.tracking)
        else:
            _append(pieces, x, " " if item.breakable else NO_BREAK_SPACE, item.run, merge=True)
            x += item.width
    if hyphen is not None:
        _append(pieces, x, HYPHEN, hyphen, merge=True)
        x += penalty.width if penalty is not None else 0.0
    set_width = x
    offset = indent
    if setting.align == "right":
        offset += target - set_width
    elif setting.align == "center":
        offset += (target - set_width) / 2
    shifted = tuple(replace(piece, x=piece.x + offset) for piece in pieces)
    return Line(shifted, set_width, hyphen is not None, max(0.0, set_width - target - 0.01), forced=word > 0,
                word_length=word)


LOOSE_SPACE = 1.5
"""How wide, in normal spaces, a justified line's spaces stretch before its letters open up (Typst's limit,
and many designers'): word spacing is the first resort, letter-spacing the next, then spaces again. Spaces
shrink as far as they may before letters close up."""


def _justified(chunk: list[Box | Glue], hyphen: Run | None, width: float,
               rules: Justification) -> tuple[list[Piece], float]:
    """A justified line's pieces, one per word and style, and its right edge: filled to `width` exactly by
    what its words measure as drawn (each shaped whole, a hyphen with its word), spaces taking the slack first,
    then letters up to the style's letter-spacing limits, then spaces again."""
    words: list[list[tuple[str, Run]]] = [[]]
    gaps: list[list[Glue]] = []  # the spaces after each word but the last
    for item in chunk:
        if isinstance(item, Glue):
            if words[-1]:
                gaps.append([])
                words.append([])
            gaps[-1].append(item)
        else:
            for text, run in item.parts:
                _join(words[-1], text, run)
    if not words[-1]:  # the line ended at spaces: none are set
        words.pop()
        gaps.pop()
    if hyphen is not None:
        _join(words[-1], HYPHEN, hyphen)
    glues = [glue for gap in gaps for glue in gap]
    spaces = sum(glue.width for glue in glues)
    slack = width - spaces - sum(_drawn(word, 0.0) for word in words)
    pool = sum(glue.stretch if slack > 0 else glue.shrink for glue in glues)
    em = sum(len(text) * run.size for word in words for text, run in word)
    room = em * (rules.loosen if slack > 0 else rules.tighten)
    first = min(pool, (LOOSE_SPACE - 1.0) * spaces) if slack > 0 else pool  # what spaces take before letters
    letters = math.copysign(min(max(abs(slack) - first, 0.0), room), slack) if pool else 0.0
    spacing = letters / em if abs(letters) > 1e-4 else 0.0  # em per character, the same all along the line
    drawn = [_drawn(word, spacing) for word in words]
    rest = width - spaces - sum(drawn)  # what the spaces take: measured again, as letter-spaced words are drawn
    pool = sum(glue.stretch if rest > 0 else glue.shrink for glue in glues)
    ratio = rest / pool if pool else 0.0
    pieces: list[Piece] = []
    x = 0.0
    for index, word in enumerate(words):
        for text, run in word:
            pieces.append(Piece(x, text, run.font, run.size, run.tracking + spacing * run.size, run.colour, run.rise))
            x += fonts.width(text, run.font, run.size, pieces[-1].tracking)
        for glue in gaps[index] if index < len(gaps) else ():
            if not glue.breakable:  # the no-break space is drawn, so the PDF's text keeps the words together
                pieces[-1] = replace(pieces[-1], text=pieces[-1].text + NO_BREAK_SPACE)
            x += glue.width + ratio * (glue.stretch if rest > 0 else glue.shrink)
    return pieces, x


def _join(word: list[tuple[str, Run]], text: str, run: Run) -> None:
    """Text of a word in the same style as the part before it joins that part: drawn, and measured, as one."""
    if word and _style(word[-1][1]) == _style(run):
        word[-1] = (word[-1][0] + text, word[-1][1])
    else:
        word.append((text, run))


def _style(run: Run) -> tuple[str, float, float, Swatch | None, float]:
    return run.font, run.size, run.tracking, run.colour, run.rise


def _drawn(word: list[tuple[str, Run]], spacing: float) -> float:
    """A word's width as drawn, its letters spaced `spacing` em more than its runs' tracking."""
    return sum(fonts.width(text, run.font, run.size, run.tracking + spacing * run.size) for text, run in word)


def _append(pieces: list[Piece], x: float, text: str, run: Run, merge: bool) -> None:
    """Adjacent text in the same font becomes one piece: fewer operators, cleaner text extraction."""
    if merge and pieces:
        prev = pieces[-1]
        end = prev.x + fonts.width(prev.text, prev.font, prev.size, prev.tracking)
        same = (prev.font, prev.size, prev.tracking, prev.colour, prev.rise) == _style(run)
        if same and abs(end - x) < 1e-6:
            pieces[-1] = replace(prev, text=prev.text + text)
            return
    pieces.append(Piece(x, text, run.font, run.size, run.tracking, run.colour, run.rise))
