"""Page boxes: TrimBox is the finished page, BleedBox adds the bleed, MediaBox holds the marks too."""

from __future__ import annotations

from dataclasses import dataclass

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


def mark_offset(bleed: float) -> float:
    """Crop marks start outside the bleed so they never print on a bled image."""
    return max(bleed, mm(3))


def page_boxes(width: float, height: float, bleed: float, marks: bool) -> PageBoxes:
    margin = bleed
    if marks:
        margin = mark_offset(bleed) + MARK_LENGTH + SLUG
    media = Rect(0.0, 0.0, width + 2 * margin, height + 2 * margin)
    trim = Rect(margin, margin, width, height)
    return PageBoxes(media, trim.outset(bleed), trim)
