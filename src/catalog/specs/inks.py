"""Spot inks (risograph drums) a layout prints besides black, and the layout colours each one prints."""

from __future__ import annotations

import difflib
from typing import Any

from ..colour import Ink, Swatch
from ..errors import Problem
from ..source.schema import Field, Int, Length, MapOf, Record, Str
from ..source.yamlfile import Document
from ..units import mm

INKS = Field(MapOf(Record({
    "name": Field(Str(), doc="the ink as the printer names it, e.g. Fluorescent Pink"),
    "colour": Field(Str(r"#[0-9a-fA-F]{6}", '"#ff48b0"'), required=True, doc="how the ink looks, as a hex colour"),
    "prints": Field(MapOf(Int(1, 100)), default={},
                    doc="the layout's colours printed in this ink, each with its tint in per cent"),
})), default={}, doc="spot inks besides black (risograph drums); every other colour prints in black")
"""The layout's `inks`."""

TRAP_WIDTH = mm(0.3)
"""How far a spot ink reaches into a photograph unless the layout says (issue 18 asks 0.3 mm)."""
TRAP = Field(Length(), default=TRAP_WIDTH, doc="how far a spot ink reaches into a photograph it surrounds, so drums "
                                             "a little off register leave no white gap (0: no trap)")
"""The layout's `trap`: a spread, the lighter ink into the darker photograph (prepress.trap)."""


def read_inks(raw: dict[str, dict[str, Any]], colours: dict[str, Swatch], doc: Document,
              problems: list[Problem]) -> tuple[Ink, ...]:
    """The spot inks, and the colours they print turned into tints of them (in `colours`, before the
    styles take their colours): a colour an ink prints looks like that ink at its tint everywhere."""
    inks: list[Ink] = []
    printed: dict[str, str] = {}
    named: dict[str, str] = {}
    for key, spec in raw.items():
        file, line = doc.locate("inks", key)
        name = spec["name"] or key
        if key == "black":
            problems.append(Problem("'inks.black': black is the ink everything else prints in, not a spot ink",
                                    file, line, hint="name spot inks by their colour, e.g. 'pink:'"))
            continue
        if name.casefold() in named:
            problems.append(Problem(f"ink '{key}' has the same name as ink '{named[name.casefold()]}': '{name}'",
                                    file, line, hint="give each ink its own 'name'"))
        named[name.casefold()] = key
        if not spec["prints"]:
            problems.append(Problem(f"ink '{key}' prints no colour", file, line,
                                    hint="add the layout colours it prints, e.g. 'prints: {accent: 100}'"))
        ink = Ink(key, name, Swatch.from_hex(spec["colour"]).rgb)
        inks.append(ink)
        for colour, tint in spec["prints"].items():
            file, line = doc.locate("inks", key, "prints", colour)
            if colour not in colours:
                close = difflib.get_close_matches(colour, list(colours), n=1)
                problems.append(Problem(f"ink '{key}' prints colour '{colour}', which 'colours' does not define",
                                        file, line, hint=f"did you mean '{close[0]}'?" if close
                                        else "colours: " + ", ".join(colours)))
            elif colour in printed:
                problems.append(Problem(f"colour '{colour}' is printed by ink '{printed[colour]}' already",
                                        file, line, hint="each colour prints in one ink; define another colour "
                                                         "for the other ink"))
            else:
                printed[colour] = key
                colours[colour] = Swatch.in_ink(ink, tint / 100)
    return tuple(inks)
