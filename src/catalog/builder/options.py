"""What a build can be asked for, as one table: each BuildOptions field is a row that also says how a
person sets it on the command line (flags, help, unit), so the `catalog build` options are read from
the same rows and cannot drift from the fields they set. Lengths a person gives are in mm."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

_ROW = "catalog.option"  # the dataclass field metadata key that holds a row's command-line part


@dataclass(frozen=True)
class Flag:
    """How a person sets a build option on the command line."""

    names: tuple[str, ...]  # ("--layout", "-l"); a switch as ("--marks/--no-marks",)
    help: str
    unit: str = ""          # of a number: mm for lengths (also its metavar)
    shown_default: str = ""  # the default in words, where the value (None) says nothing
    low: float | None = None  # the range a number must be in
    high: float | None = None


def _flag(*names: str, help: str, unit: str = "", shown_default: str = "", low: float | None = None,
          high: float | None = None) -> dict[str, Flag]:
    """A BuildOptions field's flags, help and unit, as the field's metadata."""
    return {_ROW: Flag(names, help, unit, shown_default, low, high)}


@dataclass(frozen=True)
class BuildOptions:
    """The table: a row per option, `name: type = field(default=..., metadata=_flag(flags, help, unit))`."""

    layout: str | None = field(default=None, metadata=_flag(
        "--layout", "-l", help="Layout name (a file in layouts/)."))
    press: str | None = field(default=None, metadata=_flag(
        "--press", "-p",
        help="Press profile (a file in presses/): offset, digital, screen, x1a, lulu, bookpress or the project's own.",
        shown_default="the catalog's 'press', else digital"))
    out: Path | None = field(default=None, metadata=_flag(
        "--out", "-o", help="Where to write the PDF.",
        shown_default="build/<catalog-slug>.pdf; -<layout>, -<press> added for another layout or press"))
    marks: bool | None = field(default=None, metadata=_flag(
        "--marks/--no-marks", help="Crop and bleed marks and the slug line, the press's mark_clearance beyond "
        "the bleed; without: MediaBox = BleedBox, nothing in registration colour.",
        shown_default="as the press profile says"))
    cache: bool = field(default=True, metadata=_flag(
        "--cache/--no-cache", help="Reuse images prepared by earlier builds (kept in .catalog-cache/)."))
    jobs: int | None = field(default=None, metadata=_flag(
        "--jobs", "-j", help="Processes preparing images.", shown_default="one per core", low=1))
    scheduler: str | None = field(default=None, metadata=_flag(  # a Dask scheduler instead of local processes
        "--scheduler", help="Prepare images on a Dask cluster at this address (pip install 'catalog[dask]')."))
    impose: str | None = field(default=None, metadata=_flag(
        "--impose", help="Also write printer sheets: 'saddle' (booklet spreads, two pages per side, for folding and "
        "stapling) or 'minizine' (8 pages on one sheet, cut and folded)."))
    sheet: str | None = field(default=None, metadata=_flag(
        "--sheet", help="The sheet to impose on: A4, A3, SRA3, Letter or '320mm x 450mm'.",
        shown_default="the standard sheet twice the page nearly is; A4 for a mini zine"))
    creep: float | None = field(default=None, metadata=_flag(
        "--creep", help="Paper thickness in mm: inner sheets' pages move toward the spine by this much per sheet.",
        unit="mm", shown_default="the press profile's paper_thickness", low=0, high=2))
    binding: str | None = field(default=None, metadata=_flag(
        "--binding", help="How the book is bound: saddle (one file, covers as pages), perfect, casewrap or jacket "
        "(the pages and a cover sheet with its spine as two files), wire or none.",
        shown_default="the catalog's 'binding', else the press profile's, else saddle"))
    price_list: bool = field(default=False, metadata=_flag(
        "--price-list", help="Also write the gallery's price list, <name>-prices.pdf: every work with its price and "
        "status. Prices never print in the book."))
    several: bool = field(default=False, metadata=_flag(
        "--several", help="A mini zine longer than 8 pages goes on several sheets."))


@dataclass(frozen=True)
class Option:
    """One row of the table, read back: the field, its type and default, and its command-line flag."""

    field: str
    type: Any
    default: Any
    flag: Flag


def _rows() -> dict[str, Option]:
    types = get_type_hints(BuildOptions)
    return {f.name: Option(f.name, types[f.name], f.default, f.metadata[_ROW]) for f in fields(BuildOptions)}


OPTIONS: dict[str, Option] = _rows()
"""The table by field name, in the order of BuildOptions."""
