"""What every section planner shares: the content, the layout, measures and page drafts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..colour import Swatch
from ..errors import Problem
from ..images import probe as images
from ..images.probe import ImageInfo
from ..model import Catalog, Origin
from ..specs.layouts import LayoutSpec
from ..text.setter import Block, Typesetter
from ..units import Rect
from .flow import Cursor, fill
from .geometry import Geometry
from .pages import Item, TextLine


@dataclass
class Draft:
    """A page before numbering: what is on it and what frames it (running heads, folio)."""

    kind: str
    items: list[Item] = field(default_factory=list)
    heads: tuple[str, str] | None = None  # (verso, recto) running heads; None: no heads or folio
    anchors: list[str] = field(default_factory=list)
    outline: list[tuple[str, int]] = field(default_factory=list)
    opening: bool = False  # the page opens with its own heading: a folio, no running head repeating it


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class ImageFacts:
    """What the planner asks of a photograph: its pixel size and resolution, and how light a part of
    it is (for the colour of a caption printed over it). Passed in, so that plans can be made and
    tested as tables without image files; by default the files are opened."""

    probe: Callable[[Path, Origin], ImageInfo] = images.probe
    luminance: Callable[[ImageInfo, Box, Origin], float] = images.luminance


@dataclass
class Context:
    catalog: Catalog
    layout: LayoutSpec
    geometry: Geometry
    setter: Typesetter
    numbers: dict[str, int]
    images: ImageFacts = field(default_factory=ImageFacts)
    findings: list[Problem] = field(default_factory=list)
    # Kept while the plates are planned, in page order: the plates numbered so far, each work's first
    # plate number (for the numbered list of works), how often each image is printed (padding never
    # shows one a third time) and the caption room plates standing on a caption line share, by width.
    plate_count: int = 0
    plate_numbers: dict[str, int] = field(default_factory=dict)
    printed: dict[Path, int] = field(default_factory=dict)
    caption_reserve: dict[float, float] = field(default_factory=dict)
    heads: dict[tuple[str, Origin], str] = field(default_factory=dict)  # running heads as set, by text
    picked: frozenset[tuple[str, str]] | None = None  # (artist, image) the layout's pick takes, once worked out
    # Each work's first plate number from the previous planning pass: an essay refers to plates numbered later.
    known_plates: dict[str, int] = field(default_factory=dict)

    def label(self, key: str) -> str:
        return self.layout.labels[key]

    def page_number(self, anchor: str) -> str:
        """Page of an anchor from the previous planning pass; a wide stand-in on the first."""
        number = self.numbers.get(anchor)
        return str(number) if number else "888"


def stack(blocks: Sequence[Block], x: float, top: float, width: float) -> tuple[list[TextLine], float]:
    """Blocks one under another from `top`, without page breaks; returns lines and the bottom."""
    frame = Rect(x, -1e6, width, top + 1e6)
    filled = fill([b for b in blocks if b.lines], Cursor(), frame)
    return filled.lines, filled.bottom


def stack_height(blocks: Sequence[Block]) -> float:
    present = [b for b in blocks if b.lines]
    if not present:
        return 0.0
    total = sum(b.height for b in present)
    total += sum(b.space_before for b in present[1:])
    total += sum(b.space_after for b in present[:-1])
    return total


def recolour(lines: list[TextLine], colour: Swatch) -> list[TextLine]:
    return [TextLine(line.x, line.y, line.pieces, colour, line.style, line.origin) for line in lines]
