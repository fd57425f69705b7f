"""The plan's value types: what render draws and prepress frames, in trim coordinates (points)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..colour import Swatch
from ..errors import Problem
from ..images.prepared import ImageKey, Placed, image_key
from ..model import Origin
from ..text.lines import Piece
from ..units import Rect


@dataclass(frozen=True)
class TextLine:
    """One line of text; `y` is the baseline."""

    x: float
    y: float
    pieces: tuple[Piece, ...]
    colour: Swatch
    style: str = ""             # the layout's style role
    origin: Origin = Origin()  # the content it came from
    angle: float = 0.0          # degrees anticlockwise about (x, y): -90 runs down a spine, 90 up

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


@dataclass(frozen=True)
class ImagePlacement:
    """An image drawn at `rect` and clipped to `clip` (full-bleed crops), with its effective ppi."""

    path: Path
    rect: Rect
    clip: Rect
    ppi: float
    origin: Origin = Origin()

    @property
    def key(self) -> ImageKey:
        return image_key(self.path, self.rect.width)

    @property
    def visible(self) -> Rect:
        """The part of the image that shows: its rectangle within its clip."""
        return self.rect.intersection(self.clip)

    def placed(self) -> Placed:
        """What the image stage needs to know of this placement."""
        return Placed(self.path, self.rect.width, self.origin)


@dataclass(frozen=True)
class Fill:
    rect: Rect
    colour: Swatch
    overprint: bool = False  # a trap (prepress.trap): the inks beneath stay


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: Swatch


Item = TextLine | ImagePlacement | Fill | Rule


def moved(item: Item, dx: float, dy: float) -> Item:
    """The item drawn `dx`, `dy` further on: a page's plan set into a larger sheet (a cover wrap)."""
    if isinstance(item, TextLine):
        return replace(item, x=item.x + dx, y=item.y + dy)
    if isinstance(item, ImagePlacement):
        return replace(item, rect=item.rect.moved(dx, dy), clip=item.clip.moved(dx, dy))
    if isinstance(item, Fill):
        return replace(item, rect=item.rect.moved(dx, dy))
    return replace(item, x1=item.x1 + dx, y1=item.y1 + dy, x2=item.x2 + dx, y2=item.y2 + dy)


COVER_SHEET = "cover_sheet"  # the one page of a bound book's <name>-cover.pdf


@dataclass(frozen=True)
class Page:
    number: int
    kind: str
    items: tuple[Item, ...]
    title: str = ""
    anchors: tuple[str, ...] = ()

    @property
    def recto(self) -> bool:
        return self.number % 2 == 1

    @property
    def name(self) -> str:
        """The page as a message names it: "page 12", or a bound book's "the cover sheet"."""
        return "the cover sheet" if self.kind == COVER_SHEET else f"page {self.number}"

    @property
    def folio(self) -> int | None:
        """Its number in the book, for a finding; None for the cover sheet, which is no page of the book."""
        return None if self.kind == COVER_SHEET else self.number

    @property
    def text(self) -> str:
        return "\n".join(item.text for item in self.items if isinstance(item, TextLine))

    @property
    def images(self) -> tuple[ImagePlacement, ...]:
        return tuple(item for item in self.items if isinstance(item, ImagePlacement))


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    page: int
    level: int


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    language: str


@dataclass(frozen=True)
class DocumentPlan:
    """The whole book as planned: every page with what is on it, in trim coordinates (points), the
    outline, the metadata, where each anchor landed, and the planner's findings."""

    width: float
    height: float
    bleed: float
    pages: tuple[Page, ...]
    outline: tuple[OutlineEntry, ...]
    metadata: Metadata
    anchors: dict[str, int] = field(default_factory=dict)
    findings: tuple[Problem, ...] = ()
    padding: int = 0                      # pages added to reach the layout's page_multiple
    padding_kinds: tuple[str, ...] = ()   # what each added page is (notes, image, blank), in order
    plate_numbers: dict[str, int] = field(default_factory=dict)  # each work's first plate's number, by its anchor
    # A cover sheet's: where it folds ("x" for a fold across the sheet at that x, "y" along it: a
    # case's turn-ins), for fold marks; and the panels text must keep inside, each with the margin it
    # keeps from its edges (None: the press's safe margin). A book's pages: none, and the trim.
    folds: tuple[tuple[str, float], ...] = ()
    panels: tuple[tuple[Rect, float | None], ...] = ()

    @property
    def plates(self) -> int:
        """Pages that show works: plate pages, and a compact entry's page when works share it."""
        return sum(1 for page in self.pages if page.kind == "plate" or (page.kind == "entry" and page.images))


@dataclass(frozen=True)
class Surround:
    """What prepress puts around every trimmed page, decided before drawing so render only draws
    it: the PDF page's size, where the trim lands on it, the trim and bleed boxes, the crop marks
    (trim coordinates, printed on every separation) and each page's slug line, the printer's
    identification line below the trim (empty: none)."""

    media: tuple[float, float]
    offset: tuple[float, float]               # where the plan's (0, 0) lands on the PDF page
    trim_box: tuple[float, float, float, float]
    bleed_box: tuple[float, float, float, float]
    crop_marks: tuple[Rule, ...] = ()
    slug_lines: tuple[str, ...] = ()          # one per page, in page order
    slug_line_at: tuple[float, float] = (0.0, 0.0)  # where each starts, in trim coordinates
