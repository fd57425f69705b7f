"""Crop marks and a slug line, as plan items around the trim, all outside the bleed."""

from __future__ import annotations

from ..colour import Swatch
from ..plan.model import Rule
from .boxes import MARK_LENGTH, MARK_WEIGHT, mark_offset

REGISTRATION = Swatch(0.0, 0.0, 0.0)


def crop_marks(width: float, height: float, bleed: float) -> list[Rule]:
    """Two short lines at each corner, in line with the trim edges, in trim coordinates."""
    start = mark_offset(bleed)
    end = start + MARK_LENGTH
    rules = []
    for x in (0.0, width):
        outward = -1 if x == 0.0 else 1
        for y in (0.0, height):
            upward = -1 if y == 0.0 else 1
            rules.append(Rule(x + outward * start, y, x + outward * end, y, MARK_WEIGHT, REGISTRATION))
            rules.append(Rule(x, y + upward * start, x, y + upward * end, MARK_WEIGHT, REGISTRATION))
    return rules


def slug_position(bleed: float) -> tuple[float, float]:
    """Where the identification line starts: below the trim, past the marks' reach."""
    return (mark_offset(bleed) + MARK_LENGTH + 2.0, -(mark_offset(bleed) + 2.0) - 5.0)
