"""A work's fields, declared once: what the loader checks, how captions and the list of works print them, what a
spreadsheet's column headers may call them and what `new artist` writes for them. The works schema, the caption
rows, the CSV header names and the scaffold's examples are all derived from WORK_FIELDS."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Work
from ..source.schema import Bool, Enum, Field, ListOf, Localized, Record, Str, Type, Year

PERCENT = r"\d{1,3}(?:\.\d+)?\s*%"
CROP = rf"allow|{PERCENT}(?:\s+{PERCENT}){{3}}"
SIZES = ("spread", "page", "small")
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
              csv=("image", "file", "filename", "photo", "picture", "imagefile", "img", "photofile")),
    WorkField("title", Localized(), required=True, help="the title, or one per language: {en: ..., ru: ...}",
              caption=1, csv=("title", "name", "work", "worktitle", "titleen", "titleenglish", "titel")),
    WorkField("title_native", Str(), caption=2,
              csv=("titlenative", "nativetitle", "originaltitle", "titlekk", "titlekz", "titleru", "titlelocal"),
              example="Дала кеші (the title in a second script)"),
    WorkField("year", Year(), caption=1, csv=("year", "date", "dated", "yearmade", "created"), example="2019"),
    WorkField("medium", Localized(), caption=3,
              csv=("medium", "technique", "material", "materials", "media", "process"),
              example="Archival pigment print", draft=True),
    WorkField("dimensions", Localized(), caption=3,
              csv=("dimensions", "dimension", "size", "sizes", "dims", "format", "measurements"),
              example="60 × 40 cm", draft=True),
    WorkField("edition", Localized(), caption=4, csv=("edition", "editions", "ed", "editionsize"),
              example="Edition of 5 + 2 AP"),
    WorkField("bleed", Bool(), csv=("bleed", "fullbleed"), example="true", note="print the plate to the page edges"),
    WorkField("credit", Localized(), caption=6, csv=("credit", "credits", "courtesy", "photocredit", "creditline"),
              example="Courtesy of the artist"),
    WorkField("collection", Localized(), caption=5, csv=("collection", "owner", "lender", "lentby", "provenance"),
              example="Private collection, Almaty"),
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


def caption_rows(work: Work) -> list[str | None]:
    """The caption's rows under its title line, in order (None: nothing to print on it)."""
    return [_joined(work, row) for row in CAPTION_ROWS[1:]]


def detail_rows(work: Work) -> list[str | None]:
    """The rows of details the list of works prints after the title, in caption order."""
    return [_joined(work, row) for row in DETAIL_ROWS]


def _joined(work: Work, row: tuple[str, ...]) -> str | None:
    return ", ".join(value for name in row if (value := getattr(work, name))) or None
