"""Flowing blocks through column frames: no widows or orphans, headings kept with what follows, no column
ending in a hyphen where the style's hyphenation rules say so, a list's heading repeated (continued) atop a
column it runs on into, footnotes at the foot of the column their reference falls in, and the last page's
columns balanced."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..text.setter import Block
from ..units import Rect
from .pages import Rule, TextLine

MIN_LINES = 2  # at least this many lines of a paragraph at the foot and at the head of a column
EPSILON = 1e-6
NOTE_GAP = 1.5     # note leadings between a column's text and its first footnote, the rule sitting in them
NOTE_RULE = 0.25   # of the column's width: the short rule above footnotes
NOTE_RULE_WEIGHT = 0.4  # pt


@dataclass(frozen=True)
class Cursor:
    block: int = 0
    line: int = 0


@dataclass
class Filled:
    lines: list[TextLine] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    cursor: Cursor = Cursor()
    bottom: float = 0.0
    forced: bool = False
    rules: list[Rule] = field(default_factory=list)


@dataclass
class _Feet:
    """The footnotes a frame holds so far, stacked from its foot under a short rule: their blocks and the
    height they take with the gap above them."""

    blocks: list[Block] = field(default_factory=list)
    height: float = 0.0

    @staticmethod
    def grown(height: float, note: tuple[Block, ...]) -> float:
        for block in note:
            height += (block.leading * NOTE_GAP if not height else 0.0) + block.height + block.space_after
        return height

    def fit(self, block: Block, first: int, remaining: int, top: float, bottom: float) -> int:
        """How many of the block's lines from `first` fit between `top` and the frame's `bottom` with the
        notes they call for below them."""
        if not block.notes:
            return int((top - bottom - self.height + EPSILON) // block.leading)
        calls = _calls(block, first, remaining)
        height, fit = self.height, 0
        for count in range(1, remaining + 1):
            for note in calls.get(first + count - 1, ()):
                height = self.grown(height, note)
            if top - count * block.leading < bottom + height - EPSILON:
                break
            fit = count
        return fit

    def after(self, block: Block, first: int, count: int) -> float:
        """The height the notes would take with those of `count` lines of the block from `first`."""
        height = self.height
        for notes in _calls(block, first, count).values():
            for note in notes:
                height = self.grown(height, note)
        return height

    def add(self, block: Block, first: int, count: int) -> None:
        for notes in _calls(block, first, count).values():
            for note in notes:
                self.height = self.grown(self.height, note)
                self.blocks.extend(note)

    def place(self, frame: Rect, out: Filled) -> None:
        """The notes at the frame's foot, and the rule above them."""
        first = self.blocks[0]
        top = frame.y + self.height - first.leading * NOTE_GAP
        rule = top + first.leading * NOTE_GAP * 0.4
        out.rules.append(Rule(frame.x, rule, frame.x + frame.width * NOTE_RULE, rule, NOTE_RULE_WEIGHT,
                              first.style.colour))
        for block in self.blocks:
            for index in range(len(block.lines)):
                out.lines.extend(_place(block, index, frame.x, top - index * block.leading))
            top -= block.height + block.space_after


def _calls(block: Block, first: int, count: int) -> dict[int, list[tuple[Block, ...]]]:
    """The notes called for in lines `first` to `first + count - 1`, by line."""
    calls: dict[int, list[tuple[Block, ...]]] = {}
    for line, note in block.notes:
        if first <= line < first + count:
            calls.setdefault(line, []).append(note)
    return calls


def fill(blocks: list[Block], start: Cursor, frame: Rect, place: bool = True) -> Filled:
    """Place lines from `start` into one frame, top to bottom, until it is full or the blocks end.
    `place`: make the lines; without it only the cursor and the bottom are worked out (a trial fit)."""
    out = Filled(cursor=start, bottom=frame.top)
    feet = _Feet()
    y = frame.top
    b, first = start.block, start.line
    at_top = True
    heading = blocks[b].resumes if b < len(blocks) else None
    if heading is not None:  # the column opens inside a list: its group's heading again, marked continued
        if place:
            for index in range(len(heading.lines)):
                out.lines.extend(_place(heading, index, frame.x, y - index * heading.leading))
        y -= heading.height + heading.space_after
    while b < len(blocks):
        block = blocks[b]
        remaining = len(block.lines) - first
        if remaining <= 0:
            b, first = b + 1, 0
            continue
        before = 0.0 if at_top or first > 0 else block.space_before
        fit = feet.fit(block, first, remaining, y - before, frame.y)
        floor = frame.y + feet.after(block, first, remaining)
        whole = fit >= remaining and _next_fits(blocks, b, y - before - remaining * block.leading
                                                - block.space_after, Rect(frame.x, floor, frame.width, 0.0))
        if whole:
            count = remaining
        else:
            count = _split(block, first, remaining, fit)
            if count <= 0:
                if not at_top:
                    break
                count = max(1, min(fit, remaining))
                out.forced = True  # a rule gave way: the frame cannot hold the block any other way
        y -= before
        if first == 0 and block.anchor:
            out.anchors.append(block.anchor)
        out.anchors.extend(anchor for line, anchor in block.marks if first <= line < first + count)
        if place:
            for index in range(first, first + count):
                out.lines.extend(_place(block, index, frame.x, y - (index - first) * block.leading))
        feet.add(block, first, count)
        y -= count * block.leading
        at_top = False
        if first + count >= len(block.lines):
            y -= block.space_after
            b, first = b + 1, 0
        else:
            first += count
            break
        if not whole:
            break
    out.cursor = Cursor(b, first)
    out.bottom = y
    if place and feet.blocks:
        feet.place(frame, out)
    return out


def _split(block: Block, first: int, remaining: int, fit: int) -> int:
    """How many lines from line `first` may stay in this frame: never fewer than MIN_LINES on either side of
    a break, and unless the style's hyphenation allows it, not so many that the frame ends in a hyphen: the
    reader would turn the page or cross to the next column in the middle of a word."""
    if block.keep_together or block.keep_with_next:
        return 0
    count = min(fit, remaining - MIN_LINES)
    if count < MIN_LINES:
        return 0
    if block.style.hyphenation.last_line:
        return count
    earlier = count
    while earlier >= MIN_LINES and block.lines[first + earlier - 1].hyphenated:
        earlier -= 1
    return earlier if earlier >= MIN_LINES else count  # when no split does better, the column stays full


def _next_fits(blocks: list[Block], index: int, y: float, frame: Rect) -> bool:
    """A heading stays with the first lines of what follows it."""
    if not blocks[index].keep_with_next or index + 1 >= len(blocks):
        return True
    nxt = blocks[index + 1]
    need = nxt.space_before + _first_portion(nxt) * nxt.leading
    if nxt.keep_with_next:
        return y - need >= frame.y - EPSILON and _next_fits(blocks, index + 1, y - need, frame)
    return y - need >= frame.y - EPSILON


def _first_portion(block: Block) -> int:
    """The fewest lines a block can put in a column: all of them when it cannot be split."""
    lines = len(block.lines)
    if block.keep_together or block.keep_with_next or lines < 2 * MIN_LINES:
        return lines
    return MIN_LINES


def _place(block: Block, index: int, x: float, top: float) -> list[TextLine]:
    x += block.inset
    baseline = top - block.baseline
    line = block.lines[index]
    placed = [TextLine(x + block.left, baseline, line.pieces, block.style.colour, block.style.role, block.origin)]
    if index == 0 and block.label is not None:
        placed.insert(0, TextLine(x, baseline, block.label.pieces, block.label_colour or block.style.colour,
                                  block.style.role, block.origin))
    return placed


@dataclass
class PageFill:
    lines: list[TextLine]
    anchors: list[str]
    bottom: float
    rules: list[Rule] = field(default_factory=list)


def paginate(blocks: list[Block], frames: Callable[[int], list[Rect]], balance: bool = True,
             limit: int = 5000) -> list[PageFill]:
    """Pages of columns until every block is placed; `frames(i)` gives page i's columns."""
    pages: list[PageFill] = []
    cursor = Cursor()
    blocks = [block for block in blocks if block.lines]
    while cursor.block < len(blocks):
        if len(pages) >= limit:
            raise RuntimeError("text flow did not converge")  # a planner bug, not a user error
        columns = frames(len(pages))
        page, end = _fill_columns(blocks, cursor, columns)
        assert page is not None  # only a strict fill gives up
        if balance and len(columns) > 1 and end.block >= len(blocks) and not _calls_after(blocks, cursor):
            page = _balanced(blocks, cursor, columns) or page
        pages.append(page)
        cursor = end
    return pages


def _calls_after(blocks: list[Block], cursor: Cursor) -> bool:
    """Whether a footnote is called for from `cursor` on: its page is not balanced, since its notes stand at
    the foot of the page, not of shortened columns."""
    return any(line >= (cursor.line if index == cursor.block else 0)
               for index in range(cursor.block, len(blocks)) for line, _ in blocks[index].notes)


def _fill_columns(blocks: list[Block], cursor: Cursor, columns: list[Rect],
                  strict: bool = False, place: bool = True) -> tuple[PageFill | None, Cursor]:
    """Fill the columns in turn. `strict`: give up (None) rather than bend a rule to fit."""
    page = PageFill([], [], min(c.top for c in columns))
    for column in columns:
        filled = fill(blocks, cursor, column, place)
        if strict and filled.forced:
            return None, cursor
        page.lines.extend(filled.lines)
        page.anchors.extend(filled.anchors)
        page.rules.extend(filled.rules)
        page.bottom = min(page.bottom, filled.bottom)
        cursor = filled.cursor
        if cursor.block >= len(blocks):
            break
    return page, cursor


BALANCE_PRECISION = 0.01  # points: column heights closer than this set the same lines (a line is 8 pt or more)


def _balanced(blocks: list[Block], cursor: Cursor, columns: list[Rect]) -> PageFill | None:
    """The shortest equal column height that still holds the rest of the text."""
    full = max(c.height for c in columns)
    low, high = 0.0, full
    best: float | None = None
    while high - low > BALANCE_PRECISION:  # trial fits measure only; the lines are made once, below
        mid = (low + high) / 2
        trial = [Rect(c.x, c.top - mid, c.width, mid) for c in columns]
        page, end = _fill_columns(blocks, cursor, trial, strict=True, place=False)
        if page is not None and end.block >= len(blocks):
            best, high = mid, mid
        else:
            low = mid
    if best is None:
        return None
    return _fill_columns(blocks, cursor, [Rect(c.x, c.top - best, c.width, best) for c in columns], strict=True)[0]
