"""The whole document: sections in the layout's order, page numbers settled, heads, folios, padding."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from ..errors import CatalogError, FontError, Problem
from ..model import Artist, Catalog, Essay
from ..specs.layouts import LayoutSpec
from ..text.fonts import FontBook
from ..text.setter import Block, Typesetter
from . import apparatus, front, frontmatter
from . import artist as artist_pages
from . import entry as entry_pages
from . import essay as essay_pages
from . import plates as plate_pages
from .context import Context, Draft, ImageFacts
from .copyfit import copyfit
from .geometry import Geometry
from .pages import DocumentPlan, Metadata, OutlineEntry, Page, TextLine

MAX_PASSES = 4


def plan_document(catalog: Catalog, layout: LayoutSpec, book: FontBook,
                  images: ImageFacts | None = None, sheets: int = 0) -> DocumentPlan:
    """Where everything goes, planned until the page numbers printed in the contents and list of
    works are the real ones. `images` answers questions about photographs (default: open the files).
    `sheets`: the pages of one sheet (a mini zine printed on several), each sheet a booklet with its
    own cover and back cover."""
    facts = images or ImageFacts()
    numbers: dict[str, int] = {}
    plates: dict[str, int] = {}
    plan = None
    for _ in range(MAX_PASSES):
        setter = Typesetter(layout, book, catalog.language)
        plan = _plan(catalog, layout, book, setter, numbers, facts, sheets, plates)
        errors = [p for p in setter.problems if p.severity == "error"]
        if errors:
            raise FontError(errors)
        if plan.anchors == numbers and plan.plate_numbers == plates:
            return plan
        numbers, plates = plan.anchors, plan.plate_numbers
    assert plan is not None
    unsettled = Problem("page numbers did not settle; the contents or list of works may show wrong pages",
                        severity="warning", hint="please report this layout and content as a bug")
    return replace(plan, findings=(*plan.findings, unsettled))


def plan_price_list(catalog: Catalog, layout: LayoutSpec, book: FontBook) -> DocumentPlan:
    """The gallery's price list on the book's page, in the book's type: a document of its own, so that no
    price can reach the book."""
    setter = Typesetter(layout, book, catalog.language)
    ctx = Context(catalog, layout, Geometry(layout.page), setter, {}, ImageFacts())
    pages, anchors, outline = _finish(ctx, apparatus.run(ctx, 1, ["price_list"]))
    errors = [p for p in setter.problems if p.severity == "error"]
    if errors:
        raise FontError(errors)
    title = f"{catalog.title}: {ctx.label('price_list')}"
    return DocumentPlan(width=layout.page.width, height=layout.page.height, bleed=layout.page.bleed,
                        pages=tuple(pages), outline=tuple(outline), metadata=replace(metadata(catalog), title=title),
                        anchors=anchors, findings=tuple(p for p in setter.problems if p.severity == "warning"))


def _plan(catalog: Catalog, layout: LayoutSpec, book: FontBook, setter: Typesetter,
          numbers: dict[str, int], images: ImageFacts, sheets: int = 0,
          plates: dict[str, int] | None = None) -> DocumentPlan:
    geometry = Geometry(layout.page)
    ctx = Context(catalog, layout, geometry, setter, numbers, images, known_plates=dict(plates or {}))
    drafts: list[Draft] = []

    def next_number() -> int:
        return len(drafts) + 1

    def to_recto(section: str) -> None:
        if section in layout.start_on_recto and next_number() % 2 == 0:
            drafts.append(front.blank())

    centre = plate_pages.centre_shot(ctx)
    back_matter = apparatus.runs(ctx, layout.sections)
    for section in layout.sections:
        if section == "cover":
            drafts.extend(front.cover(ctx, next_number()))
        elif section == "half_title":
            to_recto("half_title")
            drafts.extend(frontmatter.half_title(ctx, next_number()))
        elif section == "title_page":
            if catalog.frontispiece is not None:  # on the left-hand page, opposite the title page
                if next_number() % 2 == 1:
                    drafts.append(front.blank())
                drafts.extend(frontmatter.frontispiece(ctx, next_number()))
            to_recto("title_page")
            drafts.extend(frontmatter.title_page(ctx, next_number()))
        elif section == "imprint":
            drafts.extend(front.colophon(ctx, next_number(), _typefaces(layout, book), "imprint"))
        elif section == "contents":
            to_recto("contents")
            drafts.extend(front.contents(ctx, next_number(), _toc_entries(ctx)))
        elif section == "texts":
            for index, essay in enumerate(catalog.texts):
                if essay.artist is None:
                    to_recto("texts")
                    _essays(ctx, drafts, [(index, essay)])
        elif section == "artists":
            for artist in catalog.artists:
                opening = plate_pages.opener_shot(ctx, artist)
                if opening is not None and next_number() % 2 == 1:
                    drafts.append(front.blank())  # the opener spread starts on a left-hand page
                elif opening is None:
                    to_recto("artists")
                lead: list[Block] = []
                first = next_number()
                shown: frozenset[str] = frozenset()
                listed = False
                own = _own_essays(ctx, artist)
                for part in layout.artist_sections:
                    if part == "opener":
                        caption: list[TextLine] = []
                        if opening is not None:
                            page, caption = plate_pages.opener_plate(ctx, next_number(), artist, opening)
                            drafts.append(page)
                            shown = frozenset({opening.anchor})
                        made, lead = artist_pages.opener(ctx, next_number(), artist, caption)
                    elif part == "biography":
                        run_on = layout.run_on and "exhibitions" in layout.artist_sections
                        made, lead = copyfit(ctx, next_number(), partial(artist_pages.biography, ctx, next_number(),
                                                                         artist, lead, run_on)), []
                        listed = any(f"artist:{artist.slug}:exhibitions" in draft.anchors for draft in made)
                    elif part == "exhibitions" and listed:
                        made = []  # run on after the biography
                    elif part == "plates":
                        _essays(ctx, drafts, own)  # after the opener and biography, before the plates
                        own = []
                        centred = frozenset({centre[1].anchor}) if centre and centre[0] is artist else frozenset()
                        made = plate_pages.plates(ctx, next_number(), artist, shown | centred)
                    elif part == "entry":
                        made = entry_pages.entry(ctx, next_number(), artist)
                    else:
                        made = artist_pages.exhibitions(ctx, next_number(), artist)
                    drafts.extend(made)
                _essays(ctx, drafts, own)
                if lead:  # the opener had no room for the statement, and no biography came after to carry it
                    ctx.findings.append(Problem(
                        f"the statement of {artist.name} does not fit on the opener page and is left out: no "
                        f"biography follows the opener in this layout", lead[0].origin.file, lead[0].origin.line,
                        hint="shorten the statement, or add 'biography' after 'opener' in the layout's "
                             "artist_sections", severity="warning", code="overflow", where=lead[0].origin.key))
                if next_number() == first:
                    continue
                _artist_starts(drafts[first - 1:], artist)
        elif section in back_matter:  # the list of works, checklist, lenders...: the run that starts here
            to_recto(section)
            drafts.extend(apparatus.run(ctx, next_number(), back_matter[section]))
        elif section == "colophon":
            to_recto("colophon")
            drafts.extend(front.colophon(ctx, next_number(), _typefaces(layout, book)))
        elif section == "back_cover":
            pass  # always last, after any padding

    if centre is not None:
        _centre_spread(ctx, drafts, centre, "back_cover" in layout.sections)
    if sheets and len(drafts) + ("back_cover" in layout.sections) > sheets:
        drafts = _sheets(ctx, drafts, sheets)

    # Designed pages (notes, an image, or blank, as the layout asks, in turn) fill the count up to
    # the page multiple before the back cover, so the inside back cover is never an unplanned blank.
    padding: list[str] = []
    multiple = layout.page.page_multiple
    has_back = "back_cover" in layout.sections
    while (len(drafts) + has_back) % multiple:
        kind = layout.padding[len(padding) % len(layout.padding)]
        draft = front.padding(ctx, next_number(), kind)
        drafts.append(draft)
        padding.append(draft.kind)
    if has_back:
        drafts.extend(front.back_cover(ctx, next_number()))

    pages, anchors, outline = _finish(ctx, drafts)
    if any(p.severity == "error" for p in ctx.findings):
        raise CatalogError([p for p in ctx.findings if p.severity == "error"])
    findings: list[Problem] = list(setter.problems) + ctx.findings
    return DocumentPlan(
        width=layout.page.width, height=layout.page.height, bleed=layout.page.bleed,
        pages=tuple(pages), outline=tuple(outline), metadata=metadata(catalog),
        anchors=anchors, findings=tuple(p for p in findings if p.severity == "warning"),
        padding=len(padding), padding_kinds=tuple(padding), plate_numbers=dict(ctx.plate_numbers))


def _own_essays(ctx: Context, artist: Artist) -> list[tuple[int, Essay]]:
    """The essays that print in the artist's section, with their place in the catalog's texts: none in a
    layout that prints no texts (a mini zine of plates)."""
    if "texts" not in ctx.layout.sections:
        return []
    return [(index, essay) for index, essay in enumerate(ctx.catalog.texts) if essay.artist == artist.slug]


def _essays(ctx: Context, drafts: list[Draft], texts: list[tuple[int, Essay]]) -> None:
    """Each essay from the next page, copyfitted."""
    for index, text in texts:
        number = len(drafts) + 1
        drafts.extend(copyfit(ctx, number, partial(essay_pages.essay, ctx, number, index, text)))


def _centre_spread(ctx: Context, drafts: list[Draft], centre: tuple[Artist, plate_pages.Shot],
                   back: bool) -> None:
    """The centre work across the two middle pages of the padded book. Inserted before a left-hand
    page, it never parts a spread; when that would cut a running text in two, it moves two pages
    towards the front until it does not."""
    multiple = ctx.layout.page.page_multiple
    total = len(drafts) + 2 + back
    verso = (-(-total // multiple) * multiple) // 2
    at = min(verso - 1, len(drafts))
    at -= at % 2 == 0  # the index of an even page is odd
    while 1 < at < len(drafts) and drafts[at - 1].kind == drafts[at].kind and drafts[at].kind in RUNNING:
        at -= 2
    artist, shot = centre
    unit = plate_pages.Unit(ctx.layout.templates["spread"], (shot,), shot.origin)
    drafts[at:at] = plate_pages.draw(ctx, at + 1, artist, unit)


def _artist_starts(section: list[Draft], artist: Artist) -> None:
    """The artist's anchor and bookmark on the section's first page (the left page of an opener
    spread, or a plate when there is no opener), moved there from the page that set them."""
    anchor, entry = f"artist:{artist.slug}", (artist.name, 0)
    if anchor in section[0].anchors:
        return
    for draft in section[1:]:
        if anchor in draft.anchors:
            draft.anchors.remove(anchor)
            if entry in draft.outline:
                draft.outline.remove(entry)
            break
    section[0].anchors.insert(0, anchor)
    section[0].outline.insert(0, entry)


def _sheets(ctx: Context, drafts: list[Draft], sheets: int) -> list[Draft]:
    """The book as booklets of `sheets` pages, each standing alone: its own cover, a run of the pages
    and its own back cover (the last one's comes after the padding, as in any book). The runs are
    of an even length, so every page keeps its side (left or right) and its plan."""
    has_cover = bool(drafts) and drafts[0].kind == "cover"
    has_back = "back_cover" in ctx.layout.sections
    inside = drafts[1:] if has_cover else drafts
    run = sheets - has_cover - has_back
    out: list[Draft] = []
    for start in range(0, len(inside), run):
        if has_cover:
            out.extend(front.cover(ctx, len(out) + 1) if out else drafts[:1])
        out.extend(inside[start:start + run])
        if has_back and start + run < len(inside):
            out.extend(front.back_cover(ctx, len(out) + 1))
    return out


RUNNING = ("text", "biography", "exhibitions", "works", "entry", "colophon")  # sections a spread must not cut


def _finish(ctx: Context, drafts: list[Draft]) -> tuple[list[Page], dict[str, int], list[OutlineEntry]]:
    pages: list[Page] = []
    anchors: dict[str, int] = {}
    outline: list[OutlineEntry] = []
    for index, draft in enumerate(drafts):
        number = index + 1
        items = list(draft.items)
        title = ""
        if draft.heads is not None:
            title = draft.heads[number % 2]
            items.extend(_chrome(ctx, number, draft.heads, draft.opening))
        for anchor in draft.anchors:
            anchors.setdefault(anchor, number)
        outline.extend(OutlineEntry(text, number, level) for text, level in draft.outline)
        pages.append(Page(number, draft.kind, tuple(items), title, tuple(draft.anchors)))
    return pages, anchors, outline


def _chrome(ctx: Context, number: int, heads: tuple[str, str], opening: bool = False) -> list[TextLine]:
    """Folio and running head together in the foot margin, at the outside edge; a page that opens with
    its own heading has the folio alone, as books set it (no "CONTENTS 3" under "Contents")."""
    layout, ts = ctx.layout, ctx.setter
    if layout.folios == "none" and not layout.running_heads:
        return []
    area = ctx.geometry.text_area(number)
    recto = number % 2 == 1
    folio_style, head_style = ts.style("folio"), ts.style("running_head")
    baseline = layout.page.margins.bottom * 0.5 - folio_style.size * 0.35
    # Halfway down the foot margin unless the press's safe margin reaches higher: a print-on-demand
    # service's 0.5 in is "including page numbers" (issue 18, item 2); a descender reaches a quarter
    # of the size below the baseline (as preflight measures it).
    lowest = layout.page.safe_margin + 0.25 * max(folio_style.size, head_style.size)
    baseline = max(baseline, min(lowest, layout.page.margins.bottom - folio_style.size))
    out: list[TextLine] = []
    folio = ts.lines(str(number), folio_style, area.width, ctx.catalog.origin, 0.0, "left")
    folio_width = folio[0].width if folio else 0.0
    gap = folio_style.size * 1.5
    if layout.folios == "outside" and folio:
        x = area.right - folio_width if recto else area.x
        out.append(TextLine(x, baseline, folio[0].pieces, folio_style.colour, "folio"))
    elif layout.folios == "center" and folio:
        out.append(TextLine(area.x + (area.width - folio_width) / 2, baseline, folio[0].pieces,
                            folio_style.colour, "folio"))
        gap, folio_width = 0.0, 0.0
    if layout.running_heads and not opening:
        text = heads[1] if recto else heads[0]
        head = ts.lines(text, head_style, area.width / 2, ctx.catalog.origin, 0.0, "left")
        if head:
            line = head[0]
            x = area.right - folio_width - gap - line.width if recto else area.x + folio_width + gap
            if layout.folios == "center":
                x = area.right - line.width if recto else area.x
            out.append(TextLine(x, baseline, line.pieces, head_style.colour, "running_head"))
    return out


def _toc_entries(ctx: Context) -> list[front.TocEntry]:
    cat, layout = ctx.catalog, ctx.layout
    entries: list[front.TocEntry] = []
    for section in layout.sections:
        if section == "texts":
            for index, essay in enumerate(cat.texts):
                if essay.artist is None:
                    title = essay.title + (f" — {essay.author}" if essay.author else "")
                    entries.append(front.TocEntry(title, None, f"text:{index}", [], essay.origin))
        elif section == "artists":
            for artist in cat.artists:
                details: list[str] = []
                own = [f"{text.title} {ctx.page_number(f'text:{index}')}" for index, text in _own_essays(ctx, artist)]
                for part in layout.artist_sections:
                    if part in ("opener", "entry"):  # the artist's own line says where these are
                        continue
                    key = f"artist:{artist.slug}:{part}"
                    if part == "biography" and not artist.bio:
                        continue
                    if part == "plates":  # the artist's essays print before the plates
                        details, own = details + own, []
                    if part == "plates" and not any(work.image for work in artist.works):
                        continue
                    if part == "exhibitions" and not (artist.exhibitions or artist.awards):
                        continue
                    details.append(f"{ctx.label(part)} {ctx.page_number(key)}")
                details += own  # no plates: the essays close the section
                detail_line = ["  ·  ".join(details)] if details else []
                entries.append(front.TocEntry(artist.name, artist.name_native, f"artist:{artist.slug}", detail_line,
                                              artist.origin))
        elif section in apparatus.APPARATUS and apparatus.has_entries(ctx, section):
            entries.append(front.TocEntry(ctx.label(section), None, section, []))
        elif section == "colophon":
            entries.append(front.TocEntry(ctx.label("colophon"), None, "colophon", []))
    return entries


def _typefaces(layout: LayoutSpec, book: FontBook) -> list[str]:
    seen: list[str] = []
    for family in layout.fonts:
        name = book.family_names.get(family, family)
        if name not in seen:
            seen.append(name)
    return seen


def metadata(catalog: Catalog) -> Metadata:
    names = [artist.name for artist in catalog.artists]
    return Metadata(
        title=catalog.title + (f": {catalog.subtitle}" if catalog.subtitle else ""),
        author=catalog.editor or catalog.curator or ", ".join(names),
        subject=catalog.exhibition.title or catalog.subtitle or catalog.title,
        keywords=", ".join(names),
        language=catalog.language,
    )
