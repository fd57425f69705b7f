"""Page boxes: TrimBox is the finished page, BleedBox adds the bleed, MediaBox holds the marks too."""

from __future__ import annotations

from dataclasses import dataclass

from ..specs.press import MARK_CLEARANCE
from ..units import Rect, mm

MARK_LENGTH = mm(5)
MARK_WEIGHT = 0.25
SLUG = mm(4)  # room beyond the marks for the page's identification line


@dataclass(frozen=True)
class PageBoxes:
    """Boxes in PDF user space; `trim.x, trim.y` is where the planner's (0, 0) lands."""

    media: Rect
    bleed: Rect
    trim: Rect

    @property
    def offset(self) -> tuple[float, float]:
        return (self.trim.x, self.trim.y)


def mark_offset(bleed: float, clearance: float = MARK_CLEARANCE) -> float:
    """Where marks start, from the trim: `clearance` beyond the bleed, and half a line's weight more, so
    that a stroke's edge keeps the clearance too and no mark prints on a bled image or the press's grip."""
    return bleed + clearance + MARK_WEIGHT / 2


def page_boxes(width: float, height: float, bleed: float, marks: bool,
               clearance: float = MARK_CLEARANCE) -> PageBoxes:
    """Without marks the MediaBox is the BleedBox: a file for delivery carries nothing outside it."""
    margin = bleed
    if marks:
        margin = mark_offset(bleed, clearance) + MARK_LENGTH + SLUG
    media = Rect(0.0, 0.0, width + 2 * margin, height + 2 * margin)
    trim = Rect(margin, margin, width, height)
    return PageBoxes(media, trim.outset(bleed), trim)
