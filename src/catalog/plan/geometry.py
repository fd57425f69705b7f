"""Page geometry from the layout: trim, bleed, text area mirrored on facing pages, columns."""

from __future__ import annotations

from dataclasses import dataclass

from ..specs.layouts import PageSpec
from ..specs.templates import Grid
from ..units import Rect


@dataclass(frozen=True)
class Geometry:
    page: PageSpec

    @property
    def trim(self) -> Rect:
        return Rect(0.0, 0.0, self.page.width, self.page.height)

    @property
    def bleed_box(self) -> Rect:
        return self.trim.outset(self.page.bleed)

    @property
    def designed_bleed_box(self) -> Rect:
        """The bleed box of the layout as designed (see PageSpec.designed_bleed)."""
        return self.trim.outset(self.page.designed_bleed)

    def text_area(self, number: int) -> Rect:
        """Odd pages are rectos: the inside margin is on their left."""
        m = self.page.margins
        left = m.inside if number % 2 == 1 else m.outside
        right = m.outside if number % 2 == 1 else m.inside
        return self.trim.inset(left, m.bottom, right, m.top)

    @property
    def column_width(self) -> float:
        area = self.text_area(1)
        count = self.page.columns
        return (area.width - (count - 1) * self.page.gutter) / count

    def columns(self, area: Rect, count: int | None = None) -> list[Rect]:
        count = count or self.page.columns
        width = (area.width - (count - 1) * self.page.gutter) / count
        return [Rect(area.x + i * (width + self.page.gutter), area.y, width, area.height)
                for i in range(count)]

    def cell(self, number: int, grid: Grid, cell: tuple[int, int, int, int] | None) -> Rect:
        """A frame on the layout's grid, over the page's text area (None: the whole text area)."""
        return self.cell_in(self.text_area(number), grid, cell)

    @staticmethod
    def cell_in(area: Rect, grid: Grid, cell: tuple[int, int, int, int] | None) -> Rect:
        """A frame on the grid laid over `area` (a part of the page, for a template set under text)."""
        if cell is None:
            return area
        column, row, columns, rows = cell
        width = (area.width - (grid.columns - 1) * grid.gutter) / grid.columns
        height = (area.height - (grid.rows - 1) * grid.row_gutter) / grid.rows
        x = area.x + (column - 1) * (width + grid.gutter)
        top = area.top - (row - 1) * (height + grid.row_gutter)
        span_h = rows * height + (rows - 1) * grid.row_gutter
        return Rect(x, top - span_h, columns * width + (columns - 1) * grid.gutter, span_h)

    def spread_box(self, verso: int, grid: Grid, cell: tuple[int, int, int, int] | None) -> Rect:
        """An image across both pages of a spread, in the left page's coordinates: to the bleed all
        round (no cell), or from the cell's first column on the left page to its last on the right,
        across the spine, over the cell's rows."""
        if cell is None:
            bleed = self.page.bleed
            return Rect(-bleed, -bleed, 2 * self.page.width + 2 * bleed, self.page.height + 2 * bleed)
        column, row, columns, rows = cell
        left = self.cell(verso, grid, (column, row, 1, rows))
        right = self.cell(verso + 1, grid, (column + columns - 1, row, 1, rows))
        return Rect(left.x, left.y, right.right + self.page.width - left.x, left.height)
