"""Setting a paragraph: its runs as items, the breaks chosen, and each line's pieces placed, with justified
spaces stretched or shrunk and a hyphen where a word is broken. Pure functions of text, fonts and widths.
"""

from __future__ import annotations

from functools import lru_cache

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
    glues = [item for item in chunk if isinstance(item, Glue)]
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
        if isinstance(item, Box):
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
