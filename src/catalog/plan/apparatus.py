"""The apparatus made from the records: the list of works by artist, the checklist of the exhibition in hanging
order, the lenders, the photographic credits with the pages they concern, the bibliography and the glossary."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..content.fields import detail_rows
from ..errors import Problem
from ..model import Artist, Catalog, Reference, Work, natural_key
from ..text.setter import INDEX_ANCHOR, Block, Part
from .context import Context, Draft
from .front import flowing, heading_blocks, title_origin
from .heads import running_heads


def work_entry(ctx: Context, artist: Artist, work: Work, *, named: bool = False) -> list[Part]:
    """A work as a list prints it: (its artists, when `named` or not the section's own,) the title in italics,
    the date, then its details as sentences."""
    credited = ctx.catalog.credited(artist, work)
    parts = [Part(f"{credited}, ")] if named or credited != artist.name else []
    parts.append(Part(work.title, italic=True))
    if work.title_native:
        parts.append(Part(f" ({work.title_native})"))
    if work.year:
        parts.append(Part(f", {work.year}"))
    details = [x for x in detail_rows(work, ctx.layout.printing) if x]
    stop = "" if (work.year or work.title).endswith(".") else "."  # "n.d." ends its own sentence
    parts.append(Part(stop + (" " + ". ".join(d.rstrip(".") for d in details) + "." if details else "")))
    return parts


def run(ctx: Context, number: int, sections: list[str]) -> list[Draft]:
    """Sections one after another in one flow, as a museum sets its back matter: the first under the page's
    heading, each further one under a heading of its own where the last one ends (a four-line lenders list
    does not take a page of its own). Each heading is its section's anchor, for the contents."""
    first = ctx.label(sections[0])
    head = heading_blocks(ctx, first, ctx.geometry.text_area(number).width)
    body = BODIES[sections[0]](ctx)
    for section in sections[1:]:
        title = ctx.setter.block(ctx.label(section), "subheading", ctx.geometry.column_width, ctx.catalog.origin,
                                 keep_with_next=True, anchor=section,
                                 space_before=2 * ctx.setter.style("list").leading)  # a group of the list
        body.extend([title, *BODIES[section](ctx)])
    drafts = flowing(ctx, sections[0], number, head, body,
                     running_heads(ctx, ctx.catalog.title, first, title_origin(ctx)))
    drafts[0].anchors.insert(0, sections[0])
    drafts[0].outline.append((first, 0))
    for section in sections[1:]:
        page = next(draft for draft in drafts if section in draft.anchors)
        page.outline.append((ctx.label(section), 0))
    return drafts


def works_list(ctx: Context) -> list[Block]:
    """By artist, in the artists' order: each work with its plate's number or page."""
    ts, col = ctx.setter, ctx.geometry.column_width
    label_width = ts.style("list").size * 3.4
    accent = ctx.layout.colours.get("accent")
    body: list[Block] = []
    for artist in ctx.catalog.artists:
        if not artist.works:
            continue
        body.append(ts.block(artist.name, "subheading", col, artist.origin, keep_with_next=True))
        for index, work in enumerate(artist.works):
            key = f"work:{artist.slug}:{index}"
            if ctx.layout.plates.numbered:  # the list is the plate list: each work's plate number
                plate_page = str(ctx.plate_numbers.get(key, ""))
            else:  # the page of its plate; none for a work not plated (no image, or not picked)
                plate_page = ctx.page_number(key) if not ctx.numbers or key in ctx.numbers else ""
            body.append(ts.block(work_entry(ctx, artist, work), "list", col, work.origin, first_indent=0.0,
                                 label=plate_page, label_width=label_width, label_colour=accent))
    return body


def hanging_order(ctx: Context) -> list[tuple[Artist, int, Work]]:
    """Every work, illustrated or not: by catalogue number when the works have them (12 before 101, 3a after 3),
    else in the artists' order; works without a number after those with one."""
    works = [(artist, index, work) for artist in ctx.catalog.artists for index, work in enumerate(artist.works)]
    return sorted(works, key=lambda item: (item[2].cat_no is None, natural_key(item[2].cat_no or "")))


def checklist(ctx: Context) -> list[Block]:
    """The checklist of the exhibition: every work across the artists in hanging order, numbered, naming its
    artist, with the plate or page that shows it."""
    ts, col = ctx.setter, ctx.geometry.column_width
    label_width = ts.style("list").size * 3.4
    accent = ctx.layout.colours.get("accent")
    body: list[Block] = []
    for position, (artist, index, work) in enumerate(hanging_order(ctx), start=1):
        parts = work_entry(ctx, artist, work, named=True)
        key = f"work:{artist.slug}:{index}"
        if key in ctx.plate_numbers and ctx.layout.plates.numbered:
            parts.append(Part(f" (pl.\u00a0{ctx.plate_numbers[key]})"))
        elif not ctx.numbers or key in ctx.numbers:  # plated: its page (a stand-in on the first pass)
            parts.append(Part(f" (p.\u00a0{ctx.page_number(key)})"))
        body.append(ts.block(parts, "list", col, work.origin, first_indent=0.0, label=work.cat_no or str(position),
                             label_width=label_width, label_colour=accent))
    return body


def lenders(ctx: Context) -> list[Block]:
    """The lenders as catalog.yaml lists them, in its order (the editor's); else every work's lender,
    alphabetically, as a museum thanks them."""
    listed = ctx.catalog.lenders
    names = list(listed) if listed else sorted({w.lender for w in ctx.catalog.works if w.lender},
                                               key=lambda name: re.sub(r"^the\s+", "", name, flags=re.I).casefold())
    if listed:
        for artist in ctx.catalog.artists:
            for work in artist.works:
                if work.lender and work.lender not in listed:
                    ctx.findings.append(Problem(
                        f"{work.origin.key}: its lender '{work.lender}' is not in catalog.yaml's 'lenders'",
                        work.origin.file, work.origin.line, severity="warning", code="lender",
                        hint="add the lender to 'lenders' as it should print, or correct the work's 'lender'"))
    return [ctx.setter.block(name, "list", ctx.geometry.column_width, ctx.catalog.origin, first_indent=0.0)
            for name in names]


def photo_credits(ctx: Context) -> list[Block]:
    """Who photographed what, gathered by photographer with the pages their photographs are on, as a museum
    prints them instead of a credit under every plate."""
    pages: dict[str, list[str]] = {}
    for artist in ctx.catalog.artists:
        if artist.portrait and artist.portrait_credit:
            pages.setdefault(artist.portrait_credit, []).append(ctx.page_number(f"artist:{artist.slug}"))
        for index, work in enumerate(artist.works):
            key = f"work:{artist.slug}:{index}"
            if work.photo_credit and (not ctx.numbers or key in ctx.numbers):
                pages.setdefault(work.photo_credit, []).append(ctx.page_number(key))
    body = []
    for credit in sorted(pages, key=str.casefold):
        numbers = sorted(dict.fromkeys(pages[credit]), key=lambda n: int(n) if n.isdigit() else 0)
        said = f"{'pp.' if len(numbers) > 1 else 'p.'}\u00a0{', '.join(numbers)}"
        body.append(ctx.setter.block(f"{credit}: {said}", "list", ctx.geometry.column_width, ctx.catalog.origin,
                                     first_indent=0.0))
    return body


def bibliography(ctx: Context) -> list[Block]:
    """The references, alphabetically by their first author (or title), in the Chicago Manual of Style's
    bibliography form."""
    return [ctx.setter.block(reference_parts(reference), "list", ctx.geometry.column_width, reference.origin,
                             first_indent=0.0) for reference in sorted(ctx.catalog.references, key=_by_author)]


def _by_author(reference: Reference) -> tuple[str, str, str]:
    first = (reference.authors or reference.editors or ((reference.title, ""),))[0][0]
    return first.casefold(), reference.year or "", reference.title.casefold()


def _names(people: tuple[tuple[str, str], ...], invert: bool = True) -> str:
    """Chicago: the first name inverted (Popov, Bekzat) to lead an entry, the others as written, the last after
    'and'."""
    shown = [f"{family}, {given}" if index == 0 and given and invert else f"{given} {family}".strip()
             for index, (family, given) in enumerate(people)]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + (", and " if len(shown) > 2 else " and ") \
        + shown[-1]


def reference_parts(ref: Reference) -> list[Part]:
    """One bibliography entry: a book's title in italics, an article's or a chapter's in quotes with its journal
    or book in italics, then where and when (Chicago Manual of Style, 17th ed., ch. 14)."""
    who = _names(ref.authors) if ref.authors else (
        _names(ref.editors) + (", eds." if len(ref.editors) > 1 else ", ed.") if ref.editors else "")
    parts = [Part(who.rstrip(".") + ". ")] if who else []
    published = ", ".join(x for x in (": ".join(y for y in (ref.place, ref.publisher) if y), ref.year) if x)
    if ref.kind in ("book", "thesis", "report") or not ref.container:
        parts.append(Part(ref.title, italic=ref.kind != "webpage"))
        parts.append(Part(". " + (published + ". " if published else "")))
    elif ref.kind == "chapter":
        parts += [Part(f"“{ref.title}.” In "), Part(ref.container, italic=True)]
        editors = f", edited by {_names(ref.editors, invert=False)}" if ref.editors else ""
        parts.append(Part(f"{editors}{', ' + ref.pages if ref.pages else ''}. {published + '. ' if published else ''}"))
    else:  # an article: its journal, volume, number, year and pages
        parts += [Part(f"“{ref.title}.” "), Part(ref.container, italic=True)]
        numbers = ", ".join(x for x in (ref.volume, f"no. {ref.issue}" if ref.issue else "") if x)
        when = f" ({ref.year})" if ref.year else ""
        parts.append(Part(f"{' ' + numbers if numbers else ''}{when}{': ' + ref.pages if ref.pages else ''}. "))
    if ref.url:
        parts.append(Part(ref.url + "."))
    parts[-1] = Part(parts[-1].text.rstrip(), parts[-1].italic)
    return parts


def glossary(ctx: Context) -> list[Block]:
    """Each term in italics (they are words of another language, or of the trade), then its definition."""
    return [ctx.setter.block([Part(term, italic=True), Part(f": {definition}")], "list",
                             ctx.geometry.column_width, ctx.catalog.origin, first_indent=0.0)
            for term, definition in ctx.catalog.glossary]


def book_index(ctx: Context) -> list[Block]:
    """The index: each artist (surname first) with the pages of their section, and each entry marked in the
    texts ({index:Almaty}) with the pages the marks are set on, found from the marks' own anchors after the page
    numbers settle; entries alphabetically, runs of pages as ranges (14–16)."""
    pages: dict[str, set[int]] = {entry: set() for entry in marked_entries(ctx.catalog)}
    for anchor, number in ctx.numbers.items():
        if anchor.startswith(INDEX_ANCHOR):
            pages.setdefault(anchor[len(INDEX_ANCHOR):anchor.rindex("@")], set()).add(number)
    for artist in ctx.catalog.artists:
        own = [n for anchor, n in ctx.numbers.items() if anchor == f"artist:{artist.slug}"
               or anchor.startswith((f"artist:{artist.slug}:", f"work:{artist.slug}:"))]
        entry = _inverted(artist.name)
        found = pages.pop(artist.name, set()) | pages.setdefault(entry, set())
        pages[entry] = found | (set(range(min(own), max(own) + 1)) if own else set())
    body = []
    for entry in sorted(pages, key=lambda name: re.sub(r"^the\s+", "", name, flags=re.I).casefold()):
        shown = _ranges(sorted(pages[entry])) if ctx.numbers else STAND_IN
        body.append(ctx.setter.block(f"{entry}, {shown}" if shown else entry, "list",  # Chicago 16.12
                                     ctx.geometry.column_width, ctx.catalog.origin, first_indent=0.0))
    return body


STAND_IN = "888"
"""The index's pages before the first pass has numbered them: as wide as most."""


def marked_entries(catalog: Catalog) -> set[str]:
    """Every entry an index mark in the catalog's texts names: essays and their notes, biographies, statements."""
    texts = [essay.body for essay in catalog.texts]
    for artist in catalog.artists:
        texts += [text for _, text in (*artist.bios.items, *artist.statements.items)]
        texts += [text for text in (artist.bio, artist.statement) if text is not None]
    paragraphs = [p for text in texts for p in (*text.paragraphs, *(q for n in text.notes for q in n.paragraphs))]
    return {span.index for paragraph in paragraphs for span in paragraph.spans if span.index}


def _inverted(name: str) -> str:
    """'Bekzat Popov' as an index lists him: 'Popov, Bekzat'."""
    given, _, family = name.rpartition(" ")
    return f"{family}, {given}" if given else name


def _ranges(numbers: list[int]) -> str:
    """11, 14, 15, 16 as '11, 14–16'."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


STATUS_LABELS = ("reserved", "sold", "on_loan", "not_for_sale")
"""The statuses a price list says beside the price (an available work's price stands alone)."""


def price_list(ctx: Context) -> list[Block]:
    """The gallery's sheet, a document of its own and never part of the book: every work in hanging order with
    its price and, when it is not available, its status."""
    ts, col = ctx.setter, ctx.geometry.column_width
    label_width = ts.style("list").size * 3.4
    body: list[Block] = []
    for position, (artist, _, work) in enumerate(hanging_order(ctx), start=1):
        parts = work_entry(ctx, artist, work, named=True)
        price = work.price or ("" if work.status == "not_for_sale" else ctx.label("on_request"))
        status = ctx.label(work.status) if work.status in STATUS_LABELS else ""
        parts.append(Part(" " + " · ".join(x for x in (price, status) if x), bold=True))
        body.append(ts.block(parts, "list", col, work.origin, first_indent=0.0, label=work.cat_no or str(position),
                             label_width=label_width))
    return body


BODIES: dict[str, Callable[[Context], list[Block]]] = {
    "works": works_list, "checklist": checklist, "lenders": lenders, "photo_credits": photo_credits,
    "bibliography": bibliography, "glossary": glossary, "index": book_index, "price_list": price_list}
"""The entries of each section made from the records, by the name a layout's `sections` gives it (the price
list: its own document's)."""
APPARATUS = tuple(name for name in BODIES if name != "price_list")


def runs(ctx: Context, sections: tuple[str, ...]) -> dict[str, list[str]]:
    """The layout's sections made from the records that follow one another, by the first of each run, leaving
    out those with nothing to list: each run is set in one flow."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for section in sections:
        if section not in APPARATUS:
            current = None
        elif has_entries(ctx, section):
            if current is None:
                current = found.setdefault(section, [])
            current.append(section)
    return found


def has_entries(ctx: Context, section: str) -> bool:
    """Whether the section would list anything: one with nothing to list is left out, and out of the contents."""
    works = ctx.catalog.works
    if section == "lenders":
        return bool(ctx.catalog.lenders) or any(work.lender for work in works)
    if section == "photo_credits":
        return any(work.photo_credit for work in works) or any(
            a.portrait and a.portrait_credit for a in ctx.catalog.artists)
    if section == "index":
        return True  # the artists at least
    if section in ("bibliography", "glossary"):
        return bool(getattr(ctx.catalog, "references" if section == "bibliography" else "glossary"))
    return bool(works)
