"""The schemas catalog.yaml and artist.yaml are checked against: what each key may hold, its default and the doc
editors show (catalog.authoring.editor_schema turns them into JSON Schemas). A work's fields come from fields.py."""

from __future__ import annotations

from ..model import ESSAY_STYLES
from ..source.schema import Enum, Field, ListOf, Localized, MapOf, Names, Record, Str, Year
from .binding import BINDING, PAPER
from .fields import WORK_SCHEMA
from .references import Glossary

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
EXHIBITION_KINDS = ("solo", "duo", "group", "festival", "biennial", "fair", "screening")

EXHIBIT = Record({
    "title": Field(Str()),
    "venue": Field(Str()),
    "city": Field(Str()),
    "dates": Field(Str(), doc="e.g. 14 March – 31 May 2026"),
})
ESSAY = Record({
    "title": Field(Str(), required=True),
    "author": Field(Str()),
    "file": Field(Str(), doc="a Markdown file in the project"),
    "text": Field(Str(), doc="the text itself, when there is no file"),
    "language": Field(Str(r"[a-z]{2}(?:[_-][A-Za-z]{2})?", "de"),
                      doc="the text's language when it is not the catalog's: its quotes, ties and hyphenation"),
    "artist": Field(Str(SLUG, "bekzat-popov"), doc="an artist's slug: the text prints in that artist's section, "
                                                    "before the plates, instead of among the catalog's texts"),
    "style": Field(Enum(*ESSAY_STYLES), default="essay",
                   doc="interview: paragraphs starting 'Q:' or 'A:' (or '**Name:**') are questions and answers"),
})
COLOPHON = Record({
    "edition": Field(Str()),
    "printer": Field(Str()),
    "isbn": Field(Str(r"(?:ISBN[ :]*)?[0-9][0-9 \-]{8,16}[0-9Xx]", "978-601-7000-00-4")),
    "price_code": Field(Str(r"\d{5}", "52499"),
                        doc="the 5-digit price add-on beside the ISBN barcode (EAN-5), e.g. 52499 for US$24.99"),
    "copyright": Field(Str()),
    "credits": Field(ListOf(Str()), default=[]),
    "acknowledgements": Field(Str()),
})
CATALOG_SCHEMA = Record({
    "title": Field(Str(), required=True, doc="the catalog's title"),
    "title_native": Field(Str()),
    "subtitle": Field(Str()),
    "slug": Field(Str(SLUG, "light-of-the-steppe"), doc="file name of the PDF"),
    "exhibition": Field(EXHIBIT, default={}),
    "curator": Field(Str()),
    "collection": Field(Str(), doc="the collection every work belongs to unless it names its own (a museum's "
                                   "catalogue of its own holdings)"),
    "references": Field(Str(), doc="the bibliography: a CSL-JSON (or YAML) file of references, as Zotero exports "
                                   "it, relative to catalog.yaml; printed by a layout's 'bibliography' section"),
    "glossary": Field(Glossary(), doc="terms and their definitions, 'term: definition', or the name of a YAML file "
                                      "of them; printed alphabetically by a layout's 'glossary' section"),
    "lenders": Field(ListOf(Str()), doc="the lenders to the exhibition as the lenders list prints them, in this order "
                                        "(e.g. ending 'and lenders who wish to remain anonymous'); default: every "
                                        "work's 'lender', alphabetically"),
    "editor": Field(Str()),
    "publisher": Field(Str()),
    "year": Field(Year()),
    "language": Field(Str(r"[a-z]{2}(?:[_-][A-Za-z]{2})?", "en"), default="en"),
    "languages": Field(ListOf(Str(r"[a-z]{2,3}", "ru"), min_items=1),
                       doc="the languages to print, the main one first, e.g. [en, ru]; default: [language]"),
    "layout": Field(Str(r"[A-Za-z0-9_.-]+", "classic"), default="classic"),
    "press": Field(Str(r"[A-Za-z0-9_.-]+", "offset"), doc="the press profile to build for"),
    "artists": Field(ListOf(Str(SLUG, "bekzat-popov"))),
    "cover": Field(Record({"image": Field(Str())}), default={}),
    "frontispiece": Field(Str(), doc="an image printed opposite the title page (a project path), in layouts "
                                     "that have a title page"),
    "texts": Field(ListOf(ESSAY), default=[]),
    "colophon": Field(COLOPHON, default={}),
    "blurb": Field(Str(), doc="a short text about the book for its back cover (a jacket's front flap)"),
    "binding": Field(BINDING, doc="how the book is bound: saddle (the default), perfect, casewrap, jacket, wire or "
                                  "none; or a mapping with 'kind:' and the binding's settings"),
    "paper": Field(PAPER, doc="the paper's thickness, for the spine: {caliper: 0.1mm} or {ppi: 444}, or a 'stock' "
                              "from the press profile's paper table; with 'cover_caliper' and 'board'"),
}, name="catalog")

ARTIST_SCHEMA = Record({
    "name": Field(Str(), required=True, doc="the artist's name as printed"),
    "name_native": Field(Str()),
    "born": Field(Record({
        "year": Field(Year()),
        "place": Field(Str()),
        "place_native": Field(Str()),
    }), default={}),
    "died": Field(Record({
        "year": Field(Year()),
        "place": Field(Str()),
        "place_native": Field(Str()),
    }), default={}, doc="for an artist no longer living: the opener says 'Died' instead of where they work"),
    "based": Field(Str()),
    "based_native": Field(Str()),
    "bio": Field(Localized(), doc="the biography, or the name of a Markdown file beside artist.yaml; "
                 "or one per language: {en: bio.md, ru: bio.ru.md}"),
    "statement": Field(Localized()),
    "portrait": Field(Str()),
    "portrait_credit": Field(Str()),
    "exhibitions": Field(ListOf(Record({
        "year": Field(Year(), required=True),
        "title": Field(Str(), required=True),
        "venue": Field(Str()),
        "city": Field(Str()),
        "kind": Field(Enum(*EXHIBITION_KINDS), default="group"),
    })), default=[]),
    "awards": Field(ListOf(Record({
        "year": Field(Year(), required=True),
        "title": Field(Str(), required=True),
    })), default=[]),
    "works": Field(ListOf(WORK_SCHEMA), default=[]),
    "sequence": Field(ListOf(MapOf(Names(), key_pattern=r"[a-z][a-z0-9-]*")), default=[],
                      doc="the plates in order, each an arrangement and the works it shows: '- pair: [dusk, "
                          "evening]', '- spread: steppe', '- grid: [a, b, c, d]', '- single: dusk', or a "
                          "template of the layout; works not named follow in the layout's own arrangement"),
}, name="artist")
