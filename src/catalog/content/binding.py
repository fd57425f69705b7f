"""How the book is bound and on what paper, as catalog.yaml and press profiles write it: the binding
kinds with the page-count rule and cover each needs, their settings, and the paper's thickness. One
table each; the schemas of both files, the JSON Schemas and the messages are read from them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..source.schema import Checker, Enum, Field, Int, Length, MapOf, Record, Str
from ..source.yamlfile import Key
from ..units import inch


@dataclass(frozen=True)
class Kind:
    """A way of binding: whether the covers are pages of the book (one file) or a separate sheet
    wrapped round it, the page multiple it needs at least, and what its cover sheet holds."""

    name: str
    self_cover: bool         # covers are the book's first and last pages: one file
    page_multiple: int       # the least multiple the binding itself needs
    cased: bool = False      # boards: their thickness is in the spine; the cover wraps them
    flaps: bool = False      # a dust jacket's flaps fold round the boards
    doc: str = ""


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("saddle", True, 4, doc="folded sheets stapled through the fold: the cover is the outer four pages"),
    Kind("perfect", False, 2, doc="a softcover glued at the spine: the pages as one file, the cover as "
                                  "another (back, spine and front in one piece)"),
    Kind("casewrap", False, 2, cased=True, doc="a hardcover with a printed case: the cover sheet wraps the "
                                               "boards (turn-ins all round, hinges beside the spine)"),
    Kind("jacket", False, 2, cased=True, flaps=True,
         doc="a hardcover with a dust jacket: back flap, back, spine, front and front flap in one piece"),
    Kind("wire", True, 2, doc="wire-o or spiral: single leaves printed on both sides, the covers as pages"),
    Kind("none", True, 1, doc="loose pages, as the printer takes single pages"),
)}
DEFAULT_KIND = "saddle"
SPINE_TEXT = ("down", "up", "none")  # down: top to bottom, as English-language books; up: as many European ones

SETTINGS: dict[str, Field] = {
    "page_multiple": Field(Int(1, 64), doc="pages come in multiples of this (a printer's signature); default: "
                                           "what the binding needs (4 stapled, 2 otherwise)"),
    "min_pages": Field(Int(1, 10_000), doc="the fewest pages the printer binds this way"),
    "max_pages": Field(Int(1, 10_000), doc="the most pages the printer binds this way"),
    "spine_text": Field(Enum(*SPINE_TEXT),
                        doc="how the spine's title runs: down (top to bottom, the default), up, or none"),
    "spine_margin": Field(Length(), doc="clear space on each side of the spine text, inside the folds"),
    "spine_text_min_pages": Field(Int(1, 10_000), doc="the fewest pages the printer puts spine text on"),
    "spine_text_min": Field(Length(), doc="the narrowest spine the printer puts text on, e.g. 5mm"),
    "spine_widths": Field(MapOf(Length(), key_pattern=r"[0-9]+"),
                          doc="a printer's spine table, used in place of the paper's thickness: up to this many "
                              "pages (the key), this spine width, e.g. {'84': 0.25in, '140': 0.5in}"),
    "cover_bleed": Field(Length(), doc="the cover sheet's bleed, where the printer asks more than the pages' "
                                       "(e.g. 5mm); default: the press's bleed"),
    "spine_allowance": Field(Length(), doc="added to the paper's thickness for the spine, in place of the cover "
                                           "stock's and boards' (a printer's published figure)"),
    "turn_in": Field(Length(), doc="casewrap: the cover sheet folded over each board edge"),
    "hinge": Field(Length(), doc="casewrap and jacket: the groove between each board and the spine"),
    "board_overhang": Field(Length(), doc="casewrap and jacket: how far the boards stand out past the pages "
                                          "at head, foot and fore-edge"),
    "flap": Field(Length(), doc="jacket: the width of each flap; default: half the page width"),
}
"""A binding's settings, the same in catalog.yaml (`binding: {kind: ..., ...}`) and in a press profile's
`bindings:` table (the printer's rules per kind)."""


class KindOr(Record):
    """A binding written as its kind alone (`binding: perfect`) or as a mapping with `kind:` and settings."""

    label = f"a binding kind ({', '.join(KINDS)}) or a mapping with 'kind:'"
    shorthand = "kind"  # the key whose value alone may stand for the mapping (and JSON Schemas say so)

    def check(self, value: Any, key: Key, checker: Checker) -> Any:
        return super().check({self.shorthand: value} if isinstance(value, str) else value, key, checker)


BINDING = KindOr({"kind": Field(Enum(*KINDS), required=True, doc="; ".join(f"{k.name}: {k.doc}"
                                                                          for k in KINDS.values())),
                  **SETTINGS}, name="binding")
PAPER_THICKNESS: dict[str, Field] = {
    "caliper": Field(Length(), doc="the thickness of one leaf (two pages), e.g. 0.1mm"),
    "ppi": Field(Int(50, 2000), doc="pages per inch, as US printers publish it, e.g. 444 (one leaf is 2/ppi in)"),
}
PAPER = Record({
    **PAPER_THICKNESS,
    "stock": Field(Str(), doc="a paper named in the press profile's 'papers' table"),
    "cover_caliper": Field(Length(), doc="the cover stock's thickness; it wraps the spine, so counts twice"),
    "board": Field(Length(), doc="casewrap and jacket: one board's thickness; both are in the spine"),
}, name="paper")


def leaf(values: dict[str, Any]) -> float | None:
    """One leaf's thickness in points from `caliper` or `ppi` (a page is 1/ppi in, a leaf two pages)."""
    if values.get("caliper"):
        return float(values["caliper"])
    if values.get("ppi"):
        return inch(2 / values["ppi"])
    return None
