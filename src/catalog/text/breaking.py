"""Choosing where a paragraph's lines end: all breaks together (total fit, after Knuth and Plass), so that
word spacing stays even where greedy breaking leaves loose lines in narrow justified columns; a paragraph of
very many break opportunities is broken one line at a time (first fit), in time linear in its length.

The style's hyphenation rules hold in both: no more than `max_run` lines in a row end in a hyphen or dash (a
hard limit, given up only when no other breaks fit at all). Unless `last_line` allows it, a hyphen ending the
line before a paragraph's last costs as much as the loosest line the first pass allows (TeX's
\\finalhyphendemerits, raised two hundredfold): a paragraph seldom ends on a fragment such as "maty.".

In justified text a line's letters add their letter-spacing room to its spaces' stretch and shrink (a line with
no space to justify against gets none), and the punctuation hanging into the margins at its ends makes room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .items import Box, Glue, Item, Penalty
from .lines import Setting

INFINITE = 10_000.0  # the ratio of a line with nothing to stretch or shrink
OVERFULL = 1e20  # badness of a line that cannot shrink enough: only when nothing else fits


@dataclass
class _Node:
    """A break the search may go on from, with the cheapest way found there in its fitness class."""

    position: int  # item index of the break (len(items) for the end)
    fitness: int
    demerits: float
    previous: _Node | None
    run: int  # lines in a row ending in a hyphen or dash, up to and including this break's: 0 at a space


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


DOUBLE_HYPHEN_DEMERITS = 3000.0  # two lines in a row ending in a hyphen or dash (TeX's \\doublehyphendemerits)
FINAL_HYPHEN_DEMERITS = 5000.0   # the line before the last ends in one (TeX's \\finalhyphendemerits) ...
NO_FINAL_HYPHEN = 1_000_000.0    # ... when the rules say no: as much as a line at the first pass's tolerance


def choose_breaks(items: list[Item], setting: Setting) -> list[int]:
    """The index of the item each line ends at, the last one len(items)."""
    limit = setting.hyphenation.max_run if setting.hyphenate else 0
    if len(items) > LONG_PARAGRAPH and sum(1 for b in range(len(items)) if _breakable(items, b)) > LONG_PARAGRAPH:
        return _first_fit(items, setting, limit)
    # The last pass, unbounded and without the limit, only when nothing else fits: a box too wide for the
    # line whose only breaks are hyphens in a row.
    ruled = setting.hyphenate and not setting.hyphenation.last_line
    final = NO_FINAL_HYPHEN if ruled else FINAL_HYPHEN_DEMERITS
    for tolerance, run_limit in ((1000.0, limit), (math.inf, limit), (math.inf, 0)):
        breaks = _total_fit(items, setting, tolerance, run_limit, final)
        if breaks is not None:
            return breaks
    raise AssertionError("an unbounded tolerance always finds breaks")


def _total_fit(items: list[Item], setting: Setting, tolerance: float, limit: int, final: float) -> list[int] | None:
    """`limit`: the most lines in a row that may end in a hyphen or dash, 0 for any number."""
    n = len(items)
    width_sum = [0.0] * (n + 1)
    stretch_sum = [0.0] * (n + 1)  # the spaces'
    shrink_sum = [0.0] * (n + 1)
    loosen_sum = [0.0] * (n + 1)  # the letters'
    tighten_sum = [0.0] * (n + 1)
    for i, item in enumerate(items):
        width = stretch = shrink = loosen = tighten = 0.0
        if isinstance(item, Glue):
            width, stretch, shrink = item.width, item.stretch, item.shrink
        elif isinstance(item, Box):
            width, loosen, tighten = item.width, item.stretch, item.shrink
        width_sum[i + 1] = width_sum[i] + width
        stretch_sum[i + 1] = stretch_sum[i] + stretch
        shrink_sum[i + 1] = shrink_sum[i] + shrink
        loosen_sum[i + 1] = loosen_sum[i] + loosen
        tighten_sum[i + 1] = tighten_sum[i] + tighten
    justify = setting.align == "justify"
    rag = 3.0 * max((p.size for i in items if isinstance(i, Box) for _, p in i.parts), default=10.0)
    active: list[_Node] = [_Node(-1, 1, 0.0, None, 0)]

    for b in range(n + 1):
        if b < n:
            item = items[b]
            if isinstance(item, Glue):
                if not item.breakable or not isinstance(items[b - 1], Box):
                    continue
            elif not isinstance(item, Penalty):
                continue
        last = b == n
        here = items[b] if not last else None
        penalty = here if isinstance(here, Penalty) else None
        trail = _trail(items, b, penalty)
        best: dict[tuple[int, int], _Node] = {}  # by fitness class and run of hyphens: the limit needs both
        survivors: list[_Node] = []
        overfull: list[tuple[_Node, float]] = []
        for node in active:
            start = node.position + 1
            target = setting.width - (setting.first_indent if start == 0 else 0.0)
            if last:
                target -= setting.last_reserve
            natural = width_sum[b] - width_sum[start] + (penalty.width if penalty else 0.0)
            opening = items[start] if start < n and not (start == 0 and setting.first_indent) else None
            if isinstance(opening, Box):
                natural -= opening.lead  # its first mark hangs into the left margin
            if stretch_sum[b] > stretch_sum[start]:
                natural -= trail  # its last into the right one, where spaces take it to the margin
            stretch = _give(stretch_sum[b] - stretch_sum[start], loosen_sum[b] - loosen_sum[start])
            shrink = _give(shrink_sum[b] - shrink_sum[start], tighten_sum[b] - tighten_sum[start])
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
                _consider(best, node, b, ratio, badness, penalty, last, limit, final)
        if not best and overfull:
            # Nothing fits (a box wider than the line): the break is forced after the shortest overfull
            # line, from the latest break, as TeX does. Only the fallback pass gets here.
            latest = max(node.position for node, _ in overfull)
            for node, ratio in overfull:
                if node.position == latest:
                    _consider(best, node, b, ratio, OVERFULL, penalty, last, limit, final)
        active = survivors + list(best.values())
        if not active:
            return None
        if last:
            ends = [node for node in best.values()]
            if not ends:
                return None
            chosen = min(ends, key=lambda node: node.demerits)
            breaks: list[int] = []
            step: _Node | None = chosen
            while step is not None and step.position >= 0:
                breaks.append(step.position)
                step = step.previous
            return breaks[::-1]
    return None


def _trail(items: list[Item], b: int, penalty: Penalty | None) -> float:
    """How far the mark ending a line at `b` hangs into the right margin: an added hyphen, or the last box's."""
    if penalty is not None and penalty.hyphen is not None:
        return penalty.hang
    before = items[b - 1] if b > 0 else None
    return before.trail if isinstance(before, Box) else 0.0


def _breakable(items: list[Item], b: int) -> bool:
    """A line may end at item `b`: a penalty, or a breakable space after a word."""
    item = items[b]
    if isinstance(item, Glue):
        return item.breakable and b > 0 and isinstance(items[b - 1], Box)
    return isinstance(item, Penalty)


def _first_fit(items: list[Item], setting: Setting, limit: int) -> list[int]:
    """Each line as full as it goes (shrinking justified spaces as far as they may), in one pass; a
    line is overfull only where one box is wider than it, as in the total fit. After `limit` lines in a
    row ending in a hyphen or dash the next ends at a space if it can."""
    breaks: list[int] = []
    start, width, shrink = 0, 0.0, 0.0  # the line so far: from `start`, up to the item being looked at
    letters = 0.0                       # what its letters may shrink, once it has a space to justify against
    fits: int | None = None             # the last break that keeps the line within its measure
    run = 0                             # lines in a row so far ending in a hyphen or dash
    b = 0
    target = setting.width - setting.first_indent
    while b < len(items):
        item = items[b]
        if isinstance(item, Box):
            width += item.width
            letters += item.shrink
        elif isinstance(item, Glue):
            if item.breakable and b > 0 and isinstance(items[b - 1], Box) and (width - _give(shrink, letters) <= target
                                                                                 or fits is None):
                fits = b
            width += item.width
            shrink += item.shrink
        else:  # a penalty
            held = bool(limit) and run >= limit and item.flagged  # one hyphen too many in a row
            if fits is None or (width + item.width - _give(shrink, letters) <= target and not held):
                fits = b
        if width - _give(shrink, letters) > target and fits is not None and fits < b:
            breaks.append(fits)
            ended = items[fits]
            run = run + 1 if isinstance(ended, Penalty) and ended.flagged else 0
            target = setting.width
            start, fits = fits + 1, None
            while start < len(items) and isinstance(items[start], Glue | Penalty):
                start += 1  # a line starts at its first word
            width = shrink = letters = 0.0
            b = start
            continue
        b += 1
    return [*breaks, len(items)]


def _give(spaces: float, letters: float) -> float:
    """What a line may stretch or shrink: its spaces', and its letters' when it has spaces to justify against."""
    return spaces + letters if spaces > 0 else 0.0


def _consider(best: dict[tuple[int, int], _Node], node: _Node, b: int, ratio: float, badness: float,
              penalty: Penalty | None, last: bool, limit: int, final: float) -> None:
    """A feasible line from `node` to the break `b`: kept in `best` if it is the cheapest way there in its
    fitness class with its run of hyphens; dropped if that run is longer than `limit` (> 0). `final`: the
    demerits of a hyphen or dash ending the line before the last."""
    cost = penalty.cost if penalty else 0.0
    demerits = (10.0 + badness) ** 2 + cost ** 2
    run = node.run + 1 if penalty and penalty.flagged else 0
    if limit and run > limit:
        return
    if run and node.run:
        demerits += DOUBLE_HYPHEN_DEMERITS
    if last and node.run:
        demerits += final
    fit = _fitness(ratio)
    if abs(fit - node.fitness) > 1:
        demerits += 2000.0
    total = node.demerits + demerits
    run = min(run, limit or 1)  # with no limit only whether the line ends in a hyphen counts: fewer nodes
    key = (fit, run)
    if key not in best or total < best[key].demerits:
        best[key] = _Node(b, fit, total, node, run)

