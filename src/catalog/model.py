"""The catalog's content as typed, immutable records, each knowing the file and line it came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Origin:
    file: Path | None = None
    line: int | None = None
    key: str = ""  # the entry within the file, e.g. works[2]


@dataclass(frozen=True)
class Span:
    """A run of text in one style; characters print exactly as written, except an essay's references,
    which the planner prints as it alone can: a footnote's number, raised, and a work's plate or page."""

    text: str
    italic: bool = False
    bold: bool = False
    note: int = 0  # a footnote reference: the note's number (the text is the number); 0: none
    ref: str = ""  # a cross-reference to a work, "pl:REF" or "p:REF" (the text is as written)
    index: str = ""  # the index entry the text is marked for ({index:text} or {index:text|entry}); "": none


PARAGRAPH_KINDS = ("paragraph", "heading", "quote", "epigraph", "pull", "item", "break", "question", "answer")


@dataclass(frozen=True)
class Paragraph:
    """A block of a text: a paragraph, or what Markdown marks (a heading, a block quote, a list item...)."""

    spans: tuple[Span, ...]
    origin: Origin = Origin()
    kind: str = "paragraph"  # one of PARAGRAPH_KINDS
    level: int = 0           # a heading's level (1-3); a list item's or a quote's depth (1: not nested)
    label: str = ""          # a list item's bullet or number as printed ("•", "3."); "" for its later paragraphs

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Note:
    """A footnote of an essay: its number (in the order of first reference) and its paragraphs."""

    number: int
    paragraphs: tuple[Paragraph, ...]
    origin: Origin = Origin()


@dataclass(frozen=True)
class Text:
    """A block of prose (biography, statement, essay) as paragraphs of styled spans, and an essay's notes."""

    paragraphs: tuple[Paragraph, ...]
    notes: tuple[Note, ...] = ()

    @property
    def plain(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Translated(Generic[T]):
    """One field in the languages it was written in, in the file's order: ((code, value), ...).

    Records keep the field in the book's first language under its usual name (`bio`, `title`), so code
    that prints one language needs nothing else; bilingual pages ask this for the others."""

    items: tuple[tuple[str, T], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.items)

    def get(self, language: str) -> T | None:
        return next((value for code, value in self.items if code == language), None)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Born:
    year: str | None = None
    place: str | None = None
    place_native: str | None = None


@dataclass(frozen=True)
class Died(Born):
    """The year and place of an artist's death, as Born gives their birth."""


@dataclass(frozen=True)
class Exhibition:
    year: str
    title: str
    venue: str | None = None
    city: str | None = None
    kind: str = "group"
    origin: Origin = Origin()

    @property
    def sort_year(self) -> int:
        return year_number(self.year)


@dataclass(frozen=True)
class Award:
    year: str
    title: str
    origin: Origin = Origin()


@dataclass(frozen=True)
class Blank:
    """A field still holding the TODO marker `catalog new artist --images` leaves: it would print as written."""

    field: str      # "medium", or "medium.ru" for one language of it
    origin: Origin  # its own line; the key names the work, e.g. works[2]


@dataclass(frozen=True)
class Crop:
    """A part of an image, as shares of its width and height from its top left: a detail to print."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class View:
    """A further image of a work: a detail, an installation view, the verso. It prints as a plate of its
    own, captioned as the work with its kind in brackets."""

    image: Path
    kind: str                # detail | installation | verso | view
    crop: Crop | None = None
    origin: Origin = Origin()


@dataclass(frozen=True)
class Arrangement:
    """One entry of an artist's `sequence`: an arrangement (single, pair, spread, grid...) or a template
    named by the layout, and the works' images it shows, by name as written."""

    template: str
    names: tuple[str, ...]
    origin: Origin = Origin()
    name_lines: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One part of a work's dimensions (its sheet, image or frame), as recorded: sides in `unit`."""

    label: str | None
    height: float
    width: float
    depth: float | None = None
    unit: str = "cm"


@dataclass(frozen=True)
class Work:
    """One work; its fields up to `origin` are the rows of content.fields.WORK_FIELDS (tests hold them equal)."""

    image: Path | None  # None: a work listed without a picture (in the list of works, not on a plate)
    title: str
    year: str | None = None  # as the museum writes it: c. 1968, 1968–72, n.d.; `sort_year` orders by it
    title_native: str | None = None
    artists: tuple[str, ...] = ()  # slugs, when the work is not (only) its section's artist's
    cat_no: str | None = None
    medium: str | None = None
    dimensions: str | tuple[Measure, ...] | None = None  # text as written, or the parts as recorded
    edition: str | None = None
    bleed: bool | None = None
    collection: str | None = None
    credit: str | None = None
    courtesy: str | None = None
    accession: str | None = None
    copyright: str | None = None
    lender: str | None = None
    photo_credit: str | None = None
    alt: str | None = None
    price: str | None = None   # the price list's, never the book's
    status: str | None = None  # available, sold...: the price list's
    print_size: str | None = None  # 'actual' or a length: the image's longer side at most, so a small print looks small
    crop: str | None = None  # "allow": a plate may crop more than plates.max_crop; or the part to print, in %
    focus: str | None = None  # where the subject sits across the image, in % from the left (spreads, bleeds)
    size: str | None = None   # a hint for the sequence: spread, page or small
    views: tuple[View, ...] = ()
    origin: Origin = Origin()
    detail: Crop | None = None  # the part of the image `crop` gives, when it gives one
    # The work as captioned in each printed language (main language first); empty when built by hand.
    translations: Translated[Work] = Translated()
    blanks: tuple[Blank, ...] = ()  # fields the loader found still holding the TODO marker

    @property
    def sort_year(self) -> int:
        """The first year its date names, 0 for an undated work."""
        return year_number(self.year or "")


@dataclass(frozen=True)
class Artist:
    slug: str
    name: str
    folder: Path
    name_native: str | None = None
    born: Born = Born()
    died: Died | None = None  # None: living (the opener says where they live and work)
    based: str | None = None
    based_native: str | None = None
    bio: Text | None = None
    statement: Text | None = None
    portrait: Path | None = None
    portrait_credit: str | None = None
    portrait_origin: Origin = Origin()
    exhibitions: tuple[Exhibition, ...] = ()
    awards: tuple[Award, ...] = ()
    works: tuple[Work, ...] = ()
    origin: Origin = Origin()
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    bios: Translated[Text] = Translated()  # the biography in every language written
    statements: Translated[Text] = Translated()
    sequence: tuple[Arrangement, ...] = ()  # the plates' order and arrangement as stated; the rest follow


@dataclass(frozen=True)
class Exhibit:
    """The exhibition the catalog accompanies."""

    title: str | None = None
    venue: str | None = None
    city: str | None = None
    dates: str | None = None


ESSAY_STYLES = ("essay", "interview")


@dataclass(frozen=True)
class Essay:
    title: str
    body: Text
    author: str | None = None
    origin: Origin = Origin()
    language: str | None = None  # when not the catalog's
    artist: str | None = None    # the slug of the artist in whose section it prints; None: among the texts
    style: str = "essay"         # one of ESSAY_STYLES: an interview's paragraphs are questions and answers


@dataclass(frozen=True)
class Reference:
    """One item of the bibliography, as a CSL-JSON export gives it; names as (family, given)."""

    key: str
    kind: str  # CSL type: book, article-journal, chapter, webpage...
    title: str
    authors: tuple[tuple[str, str], ...] = ()
    editors: tuple[tuple[str, str], ...] = ()
    year: str | None = None
    container: str | None = None  # the journal, the book a chapter is in
    publisher: str | None = None
    place: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    url: str | None = None
    origin: Origin = Origin()


@dataclass(frozen=True)
class Colophon:
    edition: str | None = None
    printer: str | None = None
    isbn: str | None = None
    isbn13: str | None = None      # its 13 digits, checked: what the barcode encodes
    price_code: str | None = None  # the EAN-5 price add-on
    copyright: str | None = None
    credits: tuple[str, ...] = ()
    acknowledgements: Text | None = None


@dataclass(frozen=True)
class Catalog:
    root: Path
    title: str
    slug: str
    artists: tuple[Artist, ...]
    title_native: str | None = None
    subtitle: str | None = None
    exhibition: Exhibit = Exhibit()
    curator: str | None = None
    collection: str | None = None  # every work's, unless it names its own
    lenders: tuple[str, ...] = ()  # as the lenders list prints them, in this order
    references: tuple[Reference, ...] = ()  # the bibliography's items, as the references file gives them
    glossary: tuple[tuple[str, str], ...] = ()  # (term, definition), alphabetical
    editor: str | None = None
    publisher: str | None = None
    year: str | None = None
    language: str = "en"
    languages: tuple[str, ...] = ()  # the languages to print, first the main one; () = (language,)
    layout: str = "classic"
    press: str | None = None
    cover_image: Path | None = None
    frontispiece: Path | None = None  # printed opposite the title page
    texts: tuple[Essay, ...] = ()
    colophon: Colophon = Colophon()
    blurb: Text | None = None         # about the book, for the back cover
    binding: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)  # as written: kind, settings
    paper: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)    # as written
    origin: Origin = Origin()
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def printed_languages(self) -> tuple[str, ...]:
        """The languages the book prints, the main one first."""
        return self.languages or (self.language.split("_")[0].split("-")[0],)

    @property
    def works(self) -> tuple[Work, ...]:
        return tuple(work for artist in self.artists for work in artist.works)

    def credited(self, artist: Artist, work: Work) -> str:
        """Who made the work, as captions name them: its `artists`, else the artist whose section it is in."""
        names = {other.slug: other.name for other in self.artists}
        people = [names.get(slug, slug) for slug in work.artists] or [artist.name]
        return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]

    def images(self) -> tuple[Path, ...]:
        """Every image file the catalog names: the cover, the frontispiece, portraits, works and their views."""
        found = [self.cover_image, self.frontispiece, *(artist.portrait for artist in self.artists)]
        found += [w.image for w in self.works] + [view.image for work in self.works for view in work.views]
        return tuple(dict.fromkeys(path for path in found if path is not None))


def year_number(text: str) -> int:
    """The first four-digit year in a year field, for sorting newest first."""
    match = re.search(r"\d{4}", text)
    return int(match.group()) if match else 0


def natural_key(name: str) -> tuple[Any, ...]:
    """Sort key for names and numbers as a person counts: digits as numbers, letters without case ('Colorado (2)'
    before 'Colorado (10)'; catalogue number 3 before 3a before 10); the name itself last, so the order is total."""
    parts = re.split(r"(\d+)", unicodedata.normalize("NFC", name).casefold())
    return (*(int(part) if index % 2 else part for index, part in enumerate(parts)), name)
