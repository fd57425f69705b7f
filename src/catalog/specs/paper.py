"""Sheet sizes by name, as print shops and office printers call them, in points."""

from __future__ import annotations

import re

from ..units import inch, mm, parse_length

SHEETS: dict[str, tuple[float, float]] = {
    "A6": (mm(105), mm(148)),
    "A5": (mm(148), mm(210)),
    "A4": (mm(210), mm(297)),
    "A3": (mm(297), mm(420)),
    "A2": (mm(420), mm(594)),
    "SRA4": (mm(225), mm(320)),
    "SRA3": (mm(320), mm(450)),
    "B5": (mm(176), mm(250)),
    "B4": (mm(250), mm(353)),
    "Letter": (inch(8.5), inch(11)),
    "Legal": (inch(8.5), inch(14)),
    "Tabloid": (inch(11), inch(17)),
}
"""Portrait (width, height); imposition turns a sheet as its content needs."""

MAX_PAGE = 14_400.0
"""Points (200 in): the largest page PDF viewers and RIPs accept in the default unit. PDF Reference
1.7 (sixth edition), Appendix C, "Implementation Limits": the page size is at most 14,400 by 14,400
units in default user space (1/72 in). A page's MediaBox holds its bleed and marks too."""

_SIZE = re.compile(r"^\s*(\S+?)\s*[x×]\s*(\S+)\s*$", re.IGNORECASE)


def parse_sheet(text: str) -> tuple[float, float]:
    """'A4', 'letter' or '320mm x 450mm' -> (width, height) in points, portrait as written."""
    for name, size in SHEETS.items():
        if text.strip().lower() == name.lower():
            return size
    match = _SIZE.match(text)
    if match:
        width, height = parse_length(match.group(1)), parse_length(match.group(2))
        if max(width, height) > MAX_PAGE:
            raise ValueError(f"{text!r} is larger than the 200 in (5080 mm) a PDF page may be")
        if width > 0 and height > 0:
            return (width, height)
    raise ValueError(f"{text!r} is not a sheet size: name one ({', '.join(SHEETS)}) "
                     "or give width x height with units, e.g. 320mm x 450mm")


def snug(size: tuple[float, float], slack: float = mm(3)) -> tuple[float, float]:
    """The standard sheet a size fits with at most `slack` to spare each way (A5 pairs, 296 mm
    wide, on A4), so a home printer prints at 100 % on the paper it has; else the size itself."""
    width, height = size
    for name in SHEETS:
        short, long = sorted(SHEETS[name])
        turned = (long, short) if width >= height else (short, long)
        if 0 <= turned[0] - width <= slack and 0 <= turned[1] - height <= slack:
            return turned
    return size


def sheet_name(size: tuple[float, float]) -> str:
    """The name of a size in either orientation, else its dimensions in mm, for messages."""
    width, height = sorted(size)
    for name, (w, h) in SHEETS.items():
        if abs(w - width) < 0.5 and abs(h - height) < 0.5:
            return name
    return f"{width * 25.4 / 72:.0f} × {height * 25.4 / 72:.0f} mm"
