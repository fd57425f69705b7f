"""What surrounds the trimmed page: crop marks, bleed marks and the slug line (the printer's
identification line), all a press-stated clearance beyond the bleed, and the page boxes that hold them.
Marks are for a press that asks for them; a file for delivery has none (MediaBox = BleedBox)."""

from __future__ import annotations

from ..colour import Swatch
from ..plan.pages import DocumentPlan, Rule, Surround
from ..specs.press import MARK_CLEARANCE
from ..units import Rect
from .boxes import MARK_LENGTH, MARK_WEIGHT, mark_offset, page_boxes

REGISTRATION = Swatch(0.0, 0.0, 0.0)
Line = tuple[float, float, float, float]


def crop_lines(trim: Rect, bleed: float, clearance: float = MARK_CLEARANCE) -> list[Line]:
    """Two short lines (x1, y1, x2, y2) at each corner of `trim`, in line with its edges and
    `clearance` beyond the bleed: the one crop-mark geometry, for pages and for imposed sheets."""
    start = mark_offset(bleed, clearance)
    end = start + MARK_LENGTH
    lines: list[Line] = []
    for x, out_x in ((trim.x, -1), (trim.right, 1)):
        for y, out_y in ((trim.y, -1), (trim.top, 1)):
            lines.append((x + out_x * start, y, x + out_x * end, y))
            lines.append((x, y + out_y * start, x, y + out_y * end))
    return lines


def bleed_lines(trim: Rect, bleed: float, clearance: float = MARK_CLEARANCE) -> list[Line]:
    """Bleed marks: crop-mark lines in line with the bleed's edges (as InDesign's "Bleed Marks"), so the
    printer sees how far the artwork runs; none without a bleed, where they would be the crop marks."""
    if bleed <= 0:
        return []
    outer = trim.outset(bleed)
    start = mark_offset(bleed, clearance)
    lines: list[Line] = []
    for x, out_x in ((outer.x, -1), (outer.right, 1)):
        for y, out_y in ((outer.y, -1), (outer.top, 1)):
            corner_x, corner_y = x - out_x * bleed, y - out_y * bleed  # the trim's corner
            lines.append((corner_x + out_x * start, y, corner_x + out_x * (start + MARK_LENGTH), y))
            lines.append((x, corner_y + out_y * start, x, corner_y + out_y * (start + MARK_LENGTH)))
    return lines


def crop_marks(width: float, height: float, bleed: float, clearance: float = MARK_CLEARANCE) -> list[Rule]:
    """A page's crop and bleed marks as plan rules in trim coordinates, in registration colour."""
    trim = Rect(0.0, 0.0, width, height)
    return [Rule(*line, MARK_WEIGHT, REGISTRATION)
            for line in crop_lines(trim, bleed, clearance) + bleed_lines(trim, bleed, clearance)]


def slug_line_position(bleed: float, clearance: float = MARK_CLEARANCE) -> tuple[float, float]:
    """Where the slug line starts: below the trim, its capitals 2 mm past where the marks start."""
    return (mark_offset(bleed, clearance) + MARK_LENGTH + 2.0, -(mark_offset(bleed, clearance) + 2.0) - 5.0)


def fold_marks(width: float, height: float, bleed: float, folds: tuple[tuple[str, float], ...],
               clearance: float = MARK_CLEARANCE) -> list[Rule]:
    """A short line at each end of every fold of a cover sheet (the spine's edges, a hinge, a flap, a
    turn-in), in line with it and beyond the bleed as crop marks are, so the binder can find it."""
    start = mark_offset(bleed, clearance)
    end = start + MARK_LENGTH
    rules: list[Rule] = []
    for axis, at in folds:
        if axis == "x":
            ends = ((at, -start, at, -end), (at, height + start, at, height + end))
        else:
            ends = ((-start, at, -end, at), (width + start, at, width + end, at))
        rules.extend(Rule(*line, MARK_WEIGHT, REGISTRATION) for line in ends)
    return rules


def surround(plan: DocumentPlan, marks: bool, slug_line: bool, label: str,
             clearance: float = MARK_CLEARANCE) -> Surround:
    """The boxes, crop and bleed marks (and a cover sheet's fold marks) and slug lines of every page of
    `plan`. Only marks grow the PDF page, and a slug line comes only with them: without marks the page is
    the BleedBox and nothing prints in registration colour, which print-on-demand services and PDF/X
    preflights require. `label` starts each slug line, the page number ends it."""
    slug_line = slug_line and marks
    boxes = page_boxes(plan.width, plan.height, plan.bleed, marks, clearance)
    count = len(plan.pages)
    folds = fold_marks(plan.width, plan.height, plan.bleed, plan.folds, clearance)
    return Surround(
        media=(boxes.media.width, boxes.media.height), offset=boxes.offset,
        trim_box=boxes.trim.as_box(), bleed_box=boxes.bleed.as_box(),
        crop_marks=tuple(crop_marks(plan.width, plan.height, plan.bleed, clearance) + folds) if marks else (),
        slug_lines=tuple(f"{label}  ·  page {page.number} of {count}" for page in plan.pages) if slug_line else (),
        slug_line_at=slug_line_position(plan.bleed, clearance))
