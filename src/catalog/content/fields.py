"""A work's fields, declared once: what the loader checks, how captions and the list of works print them, what a
spreadsheet's column headers may call them and what `new artist` writes for them. The works schema, the caption
rows, the CSV header names and the scaffold's examples are all derived from WORK_FIELDS."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Measure, Work
from ..source.schema import Bool, Dated, Enum, Field, ListOf, Localized, Record, Str, Type
from .dimensions import Convention, Dimensions, printed

PERCENT = r"\d{1,3}(?:\.\d+)?\s*%"
CROP = rf"allow|{PERCENT}(?:\s+{PERCENT}){{3}}"
SIZES = ("spread", "page", "small")
PRINT_SIZE = r"actual|\d+(?:\.\d+)?\s*(?:mm|cm|in)"
STATUSES = ("available", "reserved", "sold", "on_loan", "not_for_sale")
VIEW_KINDS = ("detail", "installation", "verso", "view")
VIEW = Record({
    "image": Field(Str(), required=True, doc="e.g. images/evening-installation.jpg"),
    "kind": Field(Enum(*VIEW_KINDS), default="view", doc="what the caption calls it: (detail), (installation view)"),
    "crop": Field(Str(rf"{PERCENT}(?:\s+{PERCENT}){{3}}", "20% 10% 70% 60%"),
                  doc="the part of the image to print, as left top right bottom in per cent"),
})
UNFILLED = "TODO"  # what `new artist --images` writes in fields only the artist can fill; the loader finds it


@dataclass(frozen=True)
class WorkField:
    name: str                      # the key in artist.yaml and the Work record's attribute
    type: Type                     # how the loader checks it; Localized: one text per language allowed
    required: bool = False
    help: str = ""                 # the schema's doc, shown by editors
    caption: int = 0               # the caption row it prints on, from 1 (the title line); 0: not in captions.
    #                                Fields sharing a row print joined by ", "; the year follows the title in italics
    csv: tuple[str, ...] = ()      # spreadsheet column headers meaning it (lower case, no spaces, _ or -)
    example: str = ""              # what the scaffold shows beside the field left out: "e.g. ..."
    note: str = ""                 # the scaffold's comment beside a flag left out (`# bleed: true`)
    draft: bool = False            # `new artist --images` writes UNFILLED for it: only the artist knows it

    @property
    def translated(self) -> bool:
        """A caption field a translation may give in another language."""
        return isinstance(self.type, Localized)


WORK_FIELDS: tuple[WorkField, ...] = (
    WorkField("image", Str(), help="e.g. images/evening.jpg; without one the work is only in the list of works",
              csv=("image", "file", "filename", "picture", "imagefile", "img", "photofile", "imagefilename")),
    WorkField("title", Localized(), required=True, help="the title, or one per language: {en: ..., ru: ...}",
              caption=1, csv=("title", "name", "work", "worktitle", "titleen", "titleenglish", "titel")),
    WorkField("title_native", Str(), caption=2,
              csv=("titlenative", "nativetitle", "originaltitle", "titlekk", "titlekz", "titleru", "titlelocal"),
              example="Дала кеші (the title in a second script)"),
    WorkField("year", Dated(), caption=1,
              csv=("year", "date", "dated", "yearmade", "created", "displaydate", "objectdate", "datetext",
                   "creationdate", "datemade"),
              example="2019", help="the date as the museum writes it: 2019, c. 1968, 1968–72, 1960s, "
                                   "1968, printed 1981, n.d.; printed as written, sorted by its first year"),
    WorkField("artists", ListOf(Str(r"[a-z0-9]+(?:-[a-z0-9]+)*", "bekzat-popov")), example="[bekzat-popov]",
              help="the work's artists by folder name, when not (only) this one: a collaboration lists them all, "
                   "a work by another artist shown in this section names theirs; captions and lists name them"),
    WorkField("cat_no", Str(), csv=("catno", "catalogueno", "catalogno", "catalognumber", "cataloguenumber",
                                    "catnumber", "cat"),
              example="12", help="the work's number in this catalogue (the checklist's order, cross-references)"),
    WorkField("medium", Localized(), caption=3,
              csv=("medium", "technique", "material", "materials", "media", "process", "mediumdescription",
                   "materialsandtechniques"),
              example="Archival pigment print", draft=True),
    WorkField("dimensions", Dimensions(), caption=3,
              csv=("dimensions", "dimension", "size", "sizes", "dims", "format", "measurements"),
              example="{height: 35.4, width: 27.9, unit: cm}", draft=True,
              help="as text (60 × 40 cm; a line per part), or {height, width, depth, unit}, or a list of parts "
                   "each with a label (sheet, image, frame): printed in the layout's units and converted"),
    WorkField("edition", Localized(), caption=4,
              csv=("edition", "editions", "ed", "editionsize", "editionnumber", "editioninfo"),
              example="5 + 2 AP", help="the edition: 5 + 2 AP prints 'Edition of 5 + 2 AP', 48/80 prints "
                                       "'Edition 48/80', a text with words as written"),
    WorkField("bleed", Bool(), csv=("bleed", "fullbleed"), example="true", note="print the plate to the page edges"),
    WorkField("collection", Localized(), caption=5, csv=("collection", "owner", "repository", "museum"),
              example="Private collection, Almaty",
              help="who owns the work, printed in captions; default: catalog.yaml's 'collection'"),
    WorkField("credit", Localized(), caption=6, csv=("credit", "credits", "creditline"),
              example="Gift of the artist", help="the credit line: how the collection acquired the work"),
    WorkField("courtesy", Localized(), caption=6, csv=("courtesy", "courtesyof", "gallery", "courtesyline"),
              example="Courtesy of the artist and Arkhar Gallery"),
    WorkField("accession", Str(), caption=6,
              csv=("accession", "accessionnumber", "accessionno", "objectnumber", "objectno", "inventorynumber",
                   "inventoryno", "invno", "inventory", "accno", "stocknumber", "stockno", "stock"),
              example="98.40.1", help="the owner's accession or inventory number, printed after the credit line"),
    WorkField("copyright", Str(), caption=7, csv=("copyright", "rights", "copyrightline", "copyrightnotice",
                                             "creditlinerepro", "rightsandreproduction", "copyrightholder"),
              example="© the artist", help="the copyright line of the work, printed last in its caption"),
    WorkField("lender", Localized(), csv=("lender", "lentby", "loan", "lenders"), example="Private collection",
              help="who lends the work to the exhibition, for the lenders list; not printed in captions"),
    WorkField("photo_credit", Str(), csv=("photocredit", "photographycredit", "imagecredit", "photography"),
              example="Photo: Studio Kalmurzayev",
              help="who photographed the work, for the photo credits; not printed in captions"),
    WorkField("alt", Localized(), csv=("alt", "alttext", "alternativetext", "imagedescription"),
              example="A woman in a felt hat at a market stall",
              help="what the image shows, for readers who cannot see it (the manifest and the proof)"),
    WorkField("price", Str(), csv=("price", "retailprice", "askingprice", "saleprice", "pricelist"),
              example="€ 2,400", help="for the price list only: never printed in the book"),
    WorkField("status", Enum(*STATUSES), csv=("status", "availability", "salestatus"), example="available",
              help="available, reserved, sold, on_loan or not_for_sale: for the price list only"),
    WorkField("print_size", Str(PRINT_SIZE, "actual, or 9cm"), csv=("printsize", "reproductionsize", "shownat"),
              example="actual",
              help="print the image no larger than this (its longer side, e.g. 9cm), or 'actual': at the work's own "
                   "size from its dimensions (the part labelled image, else the first), so a small print looks small"),
    WorkField("crop", Str(CROP, "allow, or left top right bottom in per cent: 20% 10% 70% 60%"), csv=("crop",),
              example="allow",
              help="allow: a full-bleed plate may crop more of the image than the layout's plates.max_crop; or "
                   "the part of the image to print as a detail, as left top right bottom in per cent",
              note="the plate may show a detail: no warning when bleed crops the image"),
    WorkField("focus", Str(PERCENT, "30%"), csv=("focus",), example="30%",
              help="where the subject sits across the image, in per cent from the left: a spread keeps it out "
                   "of the gutter and a full-bleed crop centres on it"),
    WorkField("size", Enum(*SIZES), csv=("platesize", "importance"), example="spread",
              help="a hint for the plates' sequence: spread (across two pages), page (a page of its own) or "
                   "small (shares a page with the small works beside it)"),
    WorkField("views", ListOf(VIEW), example="[{image: images/evening-installation.jpg, kind: installation}]",
              help="further images of the work, each a plate of its own: "
                                          "{image: images/x.jpg, kind: installation}"),
)
FIELDS = {spec.name: spec for spec in WORK_FIELDS}

WORK_SCHEMA = Record({spec.name: Field(spec.type, required=spec.required, doc=spec.help) for spec in WORK_FIELDS})
TRANSLATED = tuple(spec.name for spec in WORK_FIELDS if spec.translated)

# The caption's rows in order, each the fields printed on it; the first is the title line.
CAPTION_ROWS: tuple[tuple[str, ...], ...] = tuple(
    tuple(spec.name for spec in WORK_FIELDS if spec.caption == row)
    for row in sorted({spec.caption for spec in WORK_FIELDS if spec.caption}))
# The rows under the title line that a translation may change: the details the list of works prints after the
# title, and (one field a row) the rows a caption in a further language repeats when they differ.
DETAIL_ROWS = tuple(row for row in CAPTION_ROWS[1:] if all(FIELDS[name].translated for name in row))
DETAILS = tuple(name for row in DETAIL_ROWS for name in row)

# Header names (lower case, without spaces, _ or -) for each works field.
SYNONYMS = {spec.name: spec.csv for spec in WORK_FIELDS if spec.csv}
# What the scaffold shows for a field left out, and the order it writes the fields after the image and the
# title (LEADING, which every entry it writes has): the other texts as the table lists them, then the flags (bleed).
LEADING = ("image", "title")
EXAMPLES = {spec.name: spec.example for spec in WORK_FIELDS if spec.example}
ENTRY_ORDER = tuple(sorted((spec for spec in WORK_FIELDS if spec.name not in LEADING),
                           key=lambda spec: isinstance(spec.type, Bool)))


@dataclass(frozen=True)
class Printing:
    """How a layout prints a work's record: its units for dimensions, its words for an edition."""

    dimensions: Convention = field(default_factory=Convention)
    edition: str = "Edition"
    edition_of: str = "Edition of"


def caption_rows(work: Work, printing: Printing = Printing()) -> list[str | None]:
    """The caption's rows under its title line, in order (None: nothing to print on it); dimensions in parts
    print a part a line, after the medium."""
    rows: list[str | None] = []
    for row in CAPTION_ROWS[1:]:
        values = [shown(work, name, printing) for name in row]
        rows.append(", ".join(value for value in values if value and "\n" not in value) or None)
        rows.extend(line for value in values if value and "\n" in value for line in value.split("\n"))
    return rows


def detail_rows(work: Work, printing: Printing = Printing()) -> list[str | None]:
    """The rows of details the list of works prints after the title, in caption order; parts of dimensions
    joined by semicolons."""
    return [", ".join(value.replace("\n", "; ") for name in row if (value := shown(work, name, printing, True)))
            or None for row in DETAIL_ROWS]


_BARE_EDITION = re.compile(r"\d[\d\s+/]*(?:AP|A\.P\.|EA|HC|PP)?", re.IGNORECASE)
_NUMBERED = re.compile(r"\d+\s*/\s*\d+")


def shown(work: Work, name: str, printing: Printing = Printing(), inline: bool = False) -> str | None:
    """A field of the work as the book prints it: dimensions in the layout's units (a part a line; `inline`: as
    said in a sentence), an edition with its label; the rest as written."""
    value: Any = getattr(work, name)
    if not value:
        return None
    if name == "dimensions" and isinstance(value, tuple):
        return "\n".join(printed(tuple(v for v in value if isinstance(v, Measure)), printing.dimensions, inline))
    if name == "dimensions":
        return "\n".join(line.strip() for line in re.split(r"\n|\s+/\s+(?=\D)", value) if line.strip())
    if name == "edition" and _BARE_EDITION.fullmatch(value.strip()):
        label = printing.edition if _NUMBERED.fullmatch(value.strip()) else printing.edition_of
        return f"{label} {value.strip()}"
    return str(value)
