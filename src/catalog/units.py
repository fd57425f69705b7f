"""Lengths: points inside the engine, converted from mm/cm/in/pt at the edges."""

from __future__ import annotations

import re
from dataclasses import dataclass

POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4


def mm(value: float) -> float:
    return value * POINTS_PER_INCH / MM_PER_INCH


def inch(value: float) -> float:
    return value * POINTS_PER_INCH


def to_mm(points: float) -> float:
    return points * MM_PER_INCH / POINTS_PER_INCH


_UNITS = {
    "pt": 1.0,
    "mm": mm(1),
    "cm": mm(10),
    "in": inch(1),
    "pc": 12.0,
}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*(pt|mm|cm|in|pc)\s*$")


def parse_length(text: str) -> float:
    """'3mm', '0.125in', '9.5pt' -> points. A bare number is refused: units are never guessed."""
    match = _LENGTH.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a length; write a number with a unit, e.g. 3mm, 0.125in, 9pt")
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box in points, origin at the bottom left (PDF convention)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def inset(self, left: float, bottom: float, right: float, top: float) -> Rect:
        return Rect(self.x + left, self.y + bottom, self.width - left - right, self.height - bottom - top)

    def outset(self, amount: float) -> Rect:
        return Rect(self.x - amount, self.y - amount, self.width + 2 * amount, self.height + 2 * amount)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.width, self.height)

    def overlaps(self, other: Rect) -> bool:
        """Whether the two share some area (touching edges do not)."""
        return self.x < other.right and other.x < self.right and self.y < other.top and other.y < self.top

    def intersection(self, other: Rect) -> Rect:
        """The area both cover; where they do not meet, an empty Rect (no width or no height)."""
        x, y = max(self.x, other.x), max(self.y, other.y)
        return Rect(x, y, max(0.0, min(self.right, other.right) - x), max(0.0, min(self.top, other.top) - y))

    def as_box(self) -> tuple[float, float, float, float]:
        """[llx lly urx ury] as PDF page boxes want it."""
        return (self.x, self.y, self.right, self.top)
