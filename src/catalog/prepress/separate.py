"""Separations for presses that print one ink at a time (a risograph makes one master per drum): a
grey PDF per ink (the printer's plate, `<name>-plate-<ink>.pdf`), beside the composite, where 100 %
ink is black.

Each separation is the same plan drawn by `render` with a palette that keeps one ink's share: that
ink's colours as grey tints of it, images on the black separation, and everything else left out, or
painted paper-white where it lies over this ink (a knockout, as the composite shows it: pink text
on a grey panel prints pink, not pink over grey). Solid black is the exception, as in offset
prepress: it overprints the spot inks, so a drum that registers a little off leaves no white
halo around black type."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ..colour import Ink, Inks, Paint, Spot, Swatch
from ..images.prepared import Images
from ..outputs import Staging
from ..plan.pages import DocumentPlan, Fill, ImagePlacement, Item, Rule, TextLine
from ..render import render
from ..specs.press import PressProfile
from ..text import fonts
from . import pdfx
from .marks import surround

BLACK = "black"
"""The separation everything prints on that the layout does not give to a spot ink, images included."""
PAPER: Paint = ("gray", (1.0,))

Box = tuple[float, float, float, float]  # left, bottom, right, top


def separation_path(pdf: Path, ink: str) -> Path:
    """build/<name>-plate-<ink>.pdf beside build/<name>.pdf."""
    return pdf.with_name(f"{pdf.stem}-plate-{ink}.pdf")


@dataclass
class Separation:
    """One ink's share of the page, as a palette for `render` (render.Palette). What prints in which
    ink, and what overprints, is the composite's decision (`composite`), so plates and composite agree."""

    ink: Ink | None                                   # None: the black separation
    composite: Inks
    knockouts: set[int] = field(default_factory=set)  # id() of items that lie over this separation's ink
    space: Literal["gray"] = "gray"
    spots: bool = False  # one ink per file

    @property
    def key(self) -> str:
        return self.ink.key if self.ink else BLACK

    def coverage(self, swatch: Swatch, size: tuple[float, float] | None = None,
                 item: Item | None = None) -> float | None:
        """How much of this separation's ink the colour lays down (0 to 1); None: it is another ink's."""
        paint = self.composite.paint(swatch, size, item)
        if isinstance(paint, Spot):
            return paint.tint if paint.ink == self.ink else None
        if self.ink is not None or paint is None:
            return None
        return round(1 - paint[1][0], 4)

    def paint(self, swatch: Swatch, size: tuple[float, float] | None = None, item: Item | None = None) -> Paint | None:
        coverage = self.coverage(swatch, size, item)
        if coverage is not None:
            return ("gray", (round(1 - coverage, 4),))
        drawn = self.composite.paint(swatch, size, item)
        if drawn is None or self.composite.overprints(drawn, item):
            return None  # solid black over a spot ink, a trap: the ink beneath stays
        return PAPER if id(item) in self.knockouts else None

    def image(self, item: ImagePlacement) -> tuple[bool, Paint | None]:
        if self.ink is None:
            return (True, None)
        return (False, PAPER if id(item) in self.knockouts else None)

    def overprints(self, paint: Paint, item: Item | None = None) -> bool:
        return False  # one ink per file: nothing beneath in another ink to keep

    def prints(self, item: Item) -> bool:
        """Whether the item puts any of this separation's ink on paper."""
        if isinstance(item, ImagePlacement):
            return self.ink is None
        if isinstance(item, TextLine):
            return any((self.coverage(piece.colour or item.colour, None, item) or 0) > 0 for piece in item.pieces)
        size = (item.rect.width, item.rect.height) if isinstance(item, Fill) else None
        return (self.coverage(item.colour, size, item) or 0) > 0


def separation(plan: DocumentPlan, ink: Ink | None, composite: Inks) -> Separation:
    """The palette for one ink: which items must knock out of it, page by page in drawing order (an
    item over something already inked on this separation; items over bare paper are left out)."""
    found = Separation(ink, composite)
    for page in plan.pages:
        inked: list[Box] = []
        for item in page.items:
            box = _box(item)
            if box and any(_overlap(box, other) for other in inked):
                found.knockouts.add(id(item))
            if box and found.prints(item):
                inked.append(box)
    return found


def write_separations(plan: DocumentPlan, pdf: Path, inks: tuple[Ink, ...], base_font: str, prepared: Images,
                      press: PressProfile, stamp: pdfx.Stamp, marks: bool, slug_line: bool, label: str,
                      staging: Staging) -> tuple[Path, ...]:
    """The black separation and one per spot ink beside `pdf`, written into `staging`: they land with
    the composite or not at all. Same page size and boxes as the composite, so they register with it."""
    images = {p.name: p.source for p in prepared.values()}
    written = []
    for ink in (None, *inks):
        palette = separation(plan, ink, press.colour.inks())
        name = ink.name if ink else "Black"
        target = separation_path(pdf, palette.key)
        drawn = staging.scratch(target)
        render(plan, drawn, base_font, prepared, palette,
               surround(plan, marks, slug_line, f"{label}  ·  plate {name}", press.mark_clearance))
        meta = replace(stamp.meta, title=f"{stamp.meta.title} (plate: {name})")
        pdfx.finalise(drawn, staging.temp(target), press, replace(stamp, meta=meta), images)
        written.append(target)
    return tuple(written)


def _box(item: Item) -> Box | None:
    """Where an item may put ink, in trim coordinates; for text, from the fonts' descent to their ascent."""
    if isinstance(item, Fill):
        rect = item.rect
        return (rect.x, rect.y, rect.right, rect.top)
    if isinstance(item, ImagePlacement):
        return item.visible.as_box()
    if isinstance(item, Rule):
        half = item.width / 2
        return (min(item.x1, item.x2) - half, min(item.y1, item.y2) - half,
                max(item.x1, item.x2) + half, max(item.y1, item.y2) + half)
    if not item.pieces:
        return None
    last = item.pieces[-1]
    right = item.x + last.x + fonts.width(last.text, last.font, last.size, last.tracking)
    return (item.x + item.pieces[0].x, item.y - max(fonts.descent(piece.font, piece.size) for piece in item.pieces),
            right, item.y + max(fonts.ascent(piece.font, piece.size) for piece in item.pieces))


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
