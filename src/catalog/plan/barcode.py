"""The ISBN barcode as the plan's own items: ReportLab's EAN-13 (and EAN-5 add-on) geometry turned into
black bars (Fill), the digits under them and the ISBN line above (TextLine, in the layout's own embedded
font), on a white knock-out box: render draws it like anything else, in the press's black."""

from __future__ import annotations

from reportlab.graphics.barcode.eanbc import Ean5BarcodeWidget, Ean13BarcodeWidget
from reportlab.graphics.shapes import Group, String
from reportlab.graphics.shapes import Rect as ShapeRect

from ..colour import Swatch
from ..specs.barcode import SYMBOL_HEIGHT, X_DIMENSION
from ..text import fonts
from ..text.lines import Piece
from ..units import Rect
from .context import Context
from .pages import Fill, Item, TextLine

BLACK = Swatch(0.0, 0.0, 0.0)   # neutral: the black plate only, at 100 %
WHITE = Swatch(1.0, 1.0, 1.0)
DIGIT_SIZE = 8.0                # pt at 100 %, as ReportLab's widget sets the human-readable digits
MARGIN = 0.15                   # of the symbol's height: white around it, beyond its own light margins
# The EAN-5 add-on stands 7 to 12 modules right of the main symbol's last bar (GS1 General Specifications,
# add-on symbols): its widget starts 105 X from the main one's, so its first bar (10 X into the widget) is
# 9 X past the main symbol's last (11 X of light margin and 95 of bars); it is 57 X wide with its margins.
ADDON_AT, ADDON_WIDTH = 105, 57


def size(ctx: Context, addon: bool) -> tuple[float, float]:
    """Width and height of the knock-out box: the symbol (and add-on), the ISBN line, a margin."""
    scale = ctx.layout.barcode.magnification / 100
    width = (ADDON_AT + ADDON_WIDTH if addon else 113) * X_DIMENSION * scale  # 113: 95 of bars, 11 + 7 margin
    height = SYMBOL_HEIGHT * scale * (1 + 2 * MARGIN) + DIGIT_SIZE * scale * 2.4
    return width + 2 * MARGIN * SYMBOL_HEIGHT * scale, height


def items(ctx: Context, isbn13: str, written: str, addon: str | None, box: Rect) -> list[Item]:
    """The barcode in `box` (as `size` gives it): white box, ISBN line, bars and digits."""
    scale = ctx.layout.barcode.magnification / 100
    font = ctx.setter.book.name("caption", "regular")
    pad = MARGIN * SYMBOL_HEIGHT * scale
    out: list[Item] = [Fill(box, WHITE)]
    x0, y0 = box.x + pad, box.y + pad
    symbol = Ean13BarcodeWidget(isbn13[:12], barWidth=X_DIMENSION * scale, barHeight=SYMBOL_HEIGHT * scale,
                                fontName=font, fontSize=DIGIT_SIZE * scale)
    out.extend(_shapes(symbol.draw(), x0, y0, font))
    if addon:
        out.extend(_shapes(_widget5(addon, scale, font).draw(), x0 + ADDON_AT * X_DIMENSION * scale, y0, font))
    line = written if written.upper().startswith("ISBN") else f"ISBN {written}"
    size_pt = DIGIT_SIZE * scale * 1.1
    out.append(TextLine(x0 + 11 * X_DIMENSION * scale, y0 + SYMBOL_HEIGHT * scale + size_pt * 0.5,
                        (Piece(0.0, line, font, size_pt),), BLACK, "barcode"))
    return out


def _widget5(value: str, scale: float, font: str) -> Ean5BarcodeWidget:
    return Ean5BarcodeWidget(value, barWidth=X_DIMENSION * scale, barHeight=SYMBOL_HEIGHT * scale * 0.85,
                             fontName=font, fontSize=DIGIT_SIZE * scale, humanReadable=True)


def _shapes(group: Group, dx: float, dy: float, font: str) -> list[Item]:
    """Bars as black fills and strings as text lines, moved to (dx, dy); the widget's own background
    (a rectangle with no fill) is left out."""
    out: list[Item] = []
    for shape in group.contents:
        if isinstance(shape, Group):
            out.extend(_shapes(shape, dx, dy, font))
        elif isinstance(shape, ShapeRect) and shape.fillColor is not None:
            out.append(Fill(Rect(dx + shape.x, dy + shape.y, shape.width, shape.height), BLACK))
        elif isinstance(shape, String):
            width = fonts.width(shape.text, font, shape.fontSize, 0.0)
            x = shape.x - {"middle": width / 2, "end": width}.get(shape.textAnchor, 0.0)
            out.append(TextLine(dx + x, dy + shape.y, (Piece(0.0, shape.text, font, shape.fontSize),), BLACK,
                                "barcode"))
    return out
