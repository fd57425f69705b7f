"""Choosing where a paragraph's lines end: all breaks together (total fit, after Knuth and Plass), so that
word spacing stays even where greedy breaking leaves loose lines in narrow justified columns; a paragraph of
very many break opportunities is broken one line at a time (first fit), in time linear in its length.
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


def choose_breaks(items: list[Item], setting: Setting) -> list[int]:
    """The index of the item each line ends at, the last one len(items)."""
    if len(items) > LONG_PARAGRAPH and sum(1 for b in range(len(items)) if _breakable(items, b)) > LONG_PARAGRAPH:
        return _first_fit(items, setting)
    for tolerance in (1000.0, math.inf):
        breaks = _total_fit(items, setting, tolerance)
        if breaks is not None:
            return breaks
    raise AssertionError("an unbounded tolerance always finds breaks")


def _total_fit(items: list[Item], setting: Setting, tolerance: float) -> list[int] | None:
    n = len(items)
    width_sum = [0.0] * (n + 1)
    stretch_sum = [0.0] * (n + 1)
    shrink_sum = [0.0] * (n + 1)
    for i, item in enumerate(items):
        width_sum[i + 1] = width_sum[i] + (item.width if not isinstance(item, Penalty) else 0.0)
        stretch_sum[i + 1] = stretch_sum[i] + (item.stretch if isinstance(item, Glue) else 0.0)
        shrink_sum[i + 1] = shrink_sum[i] + (item.shrink if isinstance(item, Glue) else 0.0)
    justify = setting.align == "justify"
    rag = 3.0 * max((p.size for i in items if isinstance(i, Box) for _, p in i.parts), default=10.0)
    active: list[_Node] = [_Node(-1, 1, 0.0, None, False)]

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
            step: _Node | None = chosen
            while step is not None and step.position >= 0:
                breaks.append(step.position)
                step = step.previous
            return breaks[::-1]
    return None


def _breakable(items: list[Item], b: int) -> bool:
    """A line may end at item `b`: a penalty, or a breakable space after a word."""
    item = items[b]
    if isinstance(item, Glue):
        return item.breakable and b > 0 and isinstance(items[b - 1], Box)
    return isinstance(item, Penalty)


def _first_fit(items: list[Item], setting: Setting) -> list[int]:
    """Each line as full as it goes (shrinking justified spaces as far as they may), in one pass; a
    line is overfull only where one box is wider than it, as in the total fit."""
    breaks: list[int] = []
    start, width, shrink = 0, 0.0, 0.0  # the line so far: from `start`, up to the item being looked at
    fits: int | None = None             # the last break that keeps the line within its measure
    b = 0
    target = setting.width - setting.first_indent
    while b < len(items):
        item = items[b]
        if isinstance(item, Box):
            width += item.width
        elif isinstance(item, Glue):
            if item.breakable and b > 0 and isinstance(items[b - 1], Box) and (width - shrink <= target or
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
            while start < len(items) and isinstance(items[start], Glue | Penalty):
                start += 1  # a line starts at its first word
            width = shrink = 0.0
            b = start
            continue
        b += 1
    return [*breaks, len(items)]


def _consider(best: dict[int, _Node], node: _Node, b: int, ratio: float, badness: float,
              penalty: Penalty | None, last: bool) -> None:
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

