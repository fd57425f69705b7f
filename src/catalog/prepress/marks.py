"""What surrounds the trimmed page: crop marks and the slug line (the printer's identification
line), outside the bleed, and the page boxes that hold them."""

from __future__ import annotations

from ..colour import Swatch
from ..plan.pages import DocumentPlan, Rule, Surround
from ..units import Rect
from .boxes import MARK_LENGTH, MARK_WEIGHT, mark_offset, page_boxes

REGISTRATION = Swatch(0.0, 0.0, 0.0)
Line = tuple[float, float, float, float]


def crop_lines(trim: Rect, bleed: float) -> list[Line]:
    """Two short lines (x1, y1, x2, y2) at each corner of `trim`, in line with its edges and
    outside the bleed: the one crop-mark geometry, for pages and for imposed sheets."""
    start = mark_offset(bleed)
    end = start + MARK_LENGTH
    lines: list[Line] = []
    for x, out_x in ((trim.x, -1), (trim.right, 1)):
        for y, out_y in ((trim.y, -1), (trim.top, 1)):
            lines.append((x + out_x * start, y, x + out_x * end, y))
            lines.append((x, y + out_y * start, x, y + out_y * end))
    return lines


def crop_marks(width: float, height: float, bleed: float) -> list[Rule]:
    """A page's crop marks as plan rules in trim coordinates, in registration colour."""
    return [Rule(*line, MARK_WEIGHT, REGISTRATION) for line in crop_lines(Rect(0.0, 0.0, width, height), bleed)]


def slug_line_position(bleed: float) -> tuple[float, float]:
    """Where the slug line starts: below the trim, past the marks' reach."""
    return (mark_offset(bleed) + MARK_LENGTH + 2.0, -(mark_offset(bleed) + 2.0) - 5.0)


def fold_marks(width: float, height: float, bleed: float, folds: tuple[tuple[str, float], ...]) -> list[Rule]:
    """A short line at each end of every fold of a cover sheet (the spine's edges, a hinge, a flap, a
    turn-in), in line with it and outside the bleed as crop marks are, so the binder can find it."""
    start = mark_offset(bleed)
    end = start + MARK_LENGTH
    rules: list[Rule] = []
    for axis, at in folds:
        if axis == "x":
            ends = ((at, -start, at, -end), (at, height + start, at, height + end))
        else:
            ends = ((-start, at, -end, at), (width + start, at, width + end, at))
        rules.extend(Rule(*line, MARK_WEIGHT, REGISTRATION) for line in ends)
    return rules


def surround(plan: DocumentPlan, marks: bool, slug_line: bool, label: str) -> Surround:
    """The boxes, crop marks (and a cover sheet's fold marks) and slug lines of every page of `plan`.
    The PDF page grows to hold marks or a slug line; `label` starts each slug line, the page number
    ends it."""
    boxes = page_boxes(plan.width, plan.height, plan.bleed, marks or slug_line)
    count = len(plan.pages)
    folds = fold_marks(plan.width, plan.height, plan.bleed, plan.folds)
    return Surround(
        media=(boxes.media.width, boxes.media.height), offset=boxes.offset,
        trim_box=boxes.trim.as_box(), bleed_box=boxes.bleed.as_box(),
        crop_marks=tuple(crop_marks(plan.width, plan.height, plan.bleed) + folds) if marks else (),
        slug_lines=tuple(f"{label}  ·  page {page.number} of {count}" for page in plan.pages) if slug_line else (),
        slug_line_at=slug_line_position(plan.bleed))
