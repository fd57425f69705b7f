"""Page geometry from the layout: trim, bleed, text area mirrored on facing pages, columns."""

from __future__ import annotations

from dataclasses import dataclass

from ..specs.layouts import PageSpec
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
