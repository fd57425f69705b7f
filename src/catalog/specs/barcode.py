"""Where and how large a layout prints the ISBN barcode on the back cover.

The sizes are GS1's for an EAN-13 symbol (GS1 General Specifications, section 5.2.3.4; summarised by
GS1 Ireland, https://www.gs1ie.org/standards/data-carriers/barcodes/ean-13/): at 100 % magnification the
symbol with its light margins is 37.29 mm wide, the narrowest bar (the X-dimension) 0.330 mm, the bars
22.85 mm high and 25.93 mm with the digits under them; the left light margin 3.63 mm (11 X), the right
2.31 mm (7 X); retail scanning allows 80 % to 200 %, and the symbol belongs in the lower right of the back.
The issue asks for 80 % to 100 %, which keeps it on a catalogue's back cover."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.schema import Enum, Field, Int, Record
from ..units import mm

X_DIMENSION = mm(0.330)   # 100 % magnification
SYMBOL_HEIGHT = mm(25.93)  # bars and the digits under them
POSITIONS = ("bottom_right", "bottom_left", "none")

BARCODE = Record({
    "position": Field(Enum(*POSITIONS), default="bottom_right",
                      doc="where the ISBN barcode sits on the back cover, in the text area; none: not printed"),
    "magnification": Field(Int(80, 100), default=90, doc="per cent of the EAN-13 symbol's nominal 37.29 × 25.93 mm"),
})


@dataclass(frozen=True)
class BarcodeSpec:
    position: str = "bottom_right"
    magnification: int = 90
