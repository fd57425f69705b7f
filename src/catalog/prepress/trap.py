"""Traps for presses that print one ink at a time: where a photograph (black drum) sits in a spot-ink
area, the spot ink reaches `width` into the photograph, so a drum that registers a little off shows a
darker edge instead of a white gap. The lighter colour spreads into the darker, as trapping does
("Printing registration", Wikipedia: "the lighter colour is slightly expanded into the darker"); a
photograph is the darker side wherever it meets a flat tint.

A trap is planned, not drawn: strips of the spot area's own colour, marked to overprint, placed over
the photograph's edge right after it. The composite draws them overprinting (the photograph stays
beneath) and the plates take them from it (`separate`), so the two agree by construction."""

from __future__ import annotations

from dataclasses import replace

from ..plan.pages import DocumentPlan, Fill, ImagePlacement, Item, Page
from ..units import Rect


def trap(plan: DocumentPlan, width: float) -> DocumentPlan:
    """The plan with a trap after every photograph that lies on a spot-ink fill; unchanged if none does."""
    if width <= 0:
        return plan
    pages = tuple(_trapped(page, width) for page in plan.pages)
    return plan if pages == plan.pages else replace(plan, pages=pages)


def _trapped(page: Page, width: float) -> Page:
    items: list[Item] = []
    for item in page.items:
        items.append(item)
        if isinstance(item, ImagePlacement):
            beneath = [fill for fill in items if isinstance(fill, Fill) and fill.colour.spot and not fill.overprint]
            items.extend(_strips(item.visible, width, beneath))
    return page if len(items) == len(page.items) else replace(page, items=tuple(items))


def _strips(photo: Rect, width: float, beneath: list[Fill]) -> list[Fill]:
    """The band `width` wide inside the photograph's edge, as four strips, each cut to the spot fills
    beneath it: the ink spreads only where it was already printing."""
    width = min(width, photo.width / 2, photo.height / 2)
    band = (Rect(photo.x, photo.y, photo.width, width),                          # bottom
            Rect(photo.x, photo.top - width, photo.width, width),                # top
            Rect(photo.x, photo.y + width, width, photo.height - 2 * width),     # left
            Rect(photo.right - width, photo.y + width, width, photo.height - 2 * width))  # right
    out = []
    for fill in beneath:
        for strip in band:
            common = strip.intersection(fill.rect)
            if common.width > 1e-6 and common.height > 1e-6:
                out.append(Fill(common, fill.colour, overprint=True))
    return out


