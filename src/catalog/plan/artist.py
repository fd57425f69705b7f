"""An artist's pages: opener, biography, plates with captions, exhibition history."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..colour import Swatch
from ..content.fields import DETAILS, caption_rows, detail_rows
from ..errors import Problem
from ..model import Artist, Exhibition, Text, Work, year_number
from ..text.setter import Block, Part
from ..units import Rect
from .context import Context, Draft, recolour, stack, stack_height
from .flow import paginate
from .front import contain, cover_rect, flowing, heading_blocks, report_overflow, running_heads, title_origin
from .pages import ImagePlacement, Rule, TextLine

# A language's own name, over its part of a biography set one language after the other.
ENDONYMS = {"en": "English", "ru": "Русский", "kk": "Қазақша", "de": "Deutsch", "fr": "Français", "uz": "Oʻzbekcha",
            "ky": "Кыргызча", "tg": "Тоҷикӣ", "tr": "Türkçe"}
OPENER_NAME_AT = 0.52  # the name block starts this far down the text area, unless it must rise
PLATE_MIN = 0.25  # of the text area's height: a plate keeps at least this much when its caption is long


def opener(ctx: Context, number: int, artist: Artist) -> tuple[list[Draft], list[Block]]:
    """The opener page, and the statement's blocks when they do not fit on it (they lead the biography)."""
    ts, geo = ctx.setter, ctx.geometry
    area = geo.text_area(number)
    page = Draft("opener", anchors=[f"artist:{artist.slug}"], outline=[(artist.name, 0)])
    origin = artist.origin
    name_blocks = [ts.block(artist.name, "opener_name", area.width, origin)]
    if artist.name_native:
        name_blocks.append(ts.block(artist.name_native, "opener_native", area.width, origin))
    for meta in _meta_lines(ctx, artist):
        name_blocks.append(ts.block(meta, "opener_meta", area.width, origin, first_indent=0.0))
    statement_width = area.width * (2 / 3) if geo.page.columns > 1 else area.width
    statement: list[Block] = []
    for index, (language, text) in enumerate(_statement_versions(ctx, artist)):
        lead = ts.style("statement").leading if index else None
        statement.extend(ts.block(p, "statement", statement_width, p.origin, first_indent=0.0, language=language,
                                  space_before=None if i else lead)
                         for i, p in enumerate(text.paragraphs))
    rule_gap = ts.style("opener_meta").leading

    name_height = stack_height(name_blocks)
    credit = [ts.block(artist.portrait_credit, "caption", geo.column_width, origin)] \
        if artist.portrait and artist.portrait_credit else []
    portrait_min = area.height * 0.15 + stack_height(credit) + ctx.layout.plates.caption_gap

    def name_top(with_statement: bool) -> float:
        below = name_height + (stack_height(statement) + 2 * rule_gap if with_statement else 0.0)
        return max(area.top - area.height * OPENER_NAME_AT, area.y + below)

    top = name_top(bool(statement))
    crowded = top > area.top - rule_gap or (artist.portrait and area.top - top - 2 * rule_gap < portrait_min)
    leftover: list[Block] = []
    if statement and crowded:
        # Too long to share the page: the statement opens the biography instead.
        leftover, statement = statement, []
        top = name_top(False)
    top = min(top, area.top)  # a name taller than the page starts at the top and is reported
    portrait_floor = top + rule_gap * 2
    lines, bottom = stack(name_blocks, area.x, top, area.width)
    page.items.extend(lines)
    report_overflow(ctx, number, lines, area.y, area.top, "the artist's name")
    if statement:
        rule_y = bottom - rule_gap
        page.items.append(Rule(area.x, rule_y, area.x + ts.style("opener_name").size * 2, rule_y, 0.6,
                               ctx.layout.colours.get("accent", ts.style("body").colour)))
        lines, _ = stack(statement, area.x, rule_y - rule_gap, statement_width)
        page.items.extend(lines)

    if artist.portrait:
        portrait_origin = artist.portrait_origin
        credit_height = stack_height(credit)
        gap = ctx.layout.plates.caption_gap
        box_height = min(area.top - portrait_floor - credit_height - gap, area.height * 0.42)
        if box_height > area.height * 0.15:
            info = ctx.images.probe(artist.portrait, portrait_origin)
            box = Rect(area.x, area.top - box_height, geo.column_width, box_height)
            rect = contain(info.width, info.height, box, valign=1.0)
            rect = Rect(box.x, rect.y, rect.width, rect.height)
            page.items.append(ImagePlacement(artist.portrait, rect, rect, info.ppi(rect.width),
                                             portrait_origin))
            lines, _ = stack(credit, rect.x, rect.y - gap, geo.column_width)
            page.items.extend(lines)
        else:
            ctx.findings.append(Problem(
                f"the portrait of {artist.name} is left out: the opener page has no room for it", origin.file,
                None, hint="shorten the name lines or the layout's opener styles", severity="warning",
                code="overflow"))
    return [page], leftover


def _meta_lines(ctx: Context, artist: Artist) -> list[str]:
    out = []
    born = artist.born
    if born.year or born.place:
        place = born.place or ""
        if born.place_native:
            place = f"{place} ({born.place_native})" if place else born.place_native
        out.append(f"{ctx.label('born')} " + ", ".join(x for x in (born.year, place) if x))
    if artist.based:
        based = artist.based + (f" ({artist.based_native})" if artist.based_native else "")
        out.append(f"{ctx.label('based')} {based}")
    return out


def biography(ctx: Context, number: int, artist: Artist, lead: list[Block]) -> list[Draft]:
    ts, geo = ctx.setter, ctx.geometry
    width = geo.text_area(number).width
    head = heading_blocks(ctx, ctx.label("biography"), width, kicker=artist.name, origin=artist.origin)
    versions = _bio_versions(ctx, artist)
    heads = running_heads(ctx, artist.name, ctx.label("biography"), artist.origin)
    drafts: list[Draft] = []
    if len(versions) > 1 and ctx.layout.bilingual.biography == "side_by_side":
        column = (width - (len(versions) - 1) * geo.page.gutter) / len(versions)
        drafts = _side_by_side(ctx, number, head, lead, [_paragraphs(ctx, text, column, language)
                                                         for language, text in versions], heads)
    if not drafts:
        body: list[Block] = []
        for index, (language, text) in enumerate(versions):
            if index:  # the next language: a gap, and its name as a subheading
                body.append(ts.block(ENDONYMS.get(language, language), "subheading", geo.column_width,
                                     artist.origin, keep_with_next=True, language=language,
                                     space_before=ts.style("body").leading * 1.5))
            body.extend(_paragraphs(ctx, text, geo.column_width, language))
        if not body and not lead:
            return []
        drafts = flowing(ctx, "biography", number, head, body, heads, lead=lead)
    drafts[0].anchors.append(f"artist:{artist.slug}:biography")
    drafts[0].outline.append((ctx.label("biography"), 1))
    return drafts


def _bio_versions(ctx: Context, artist: Artist) -> list[tuple[str, Text]]:
    """(language, biography) for each printed language the artist has one in, the main language first."""
    printed = ctx.catalog.printed_languages
    versions = [(language, text) for language in printed if (text := artist.bios.get(language)) is not None]
    if artist.bio is not None and printed[0] not in artist.bios.languages \
            and all(text is not artist.bio for _, text in versions):
        versions.insert(0, (printed[0], artist.bio))  # untagged, or in a language the book does not print
    return versions


def _statement_versions(ctx: Context, artist: Artist) -> list[tuple[str, Text]]:
    if not artist.statement:
        return []
    printed = ctx.catalog.printed_languages
    others = [(language, text) for language in printed[1:] if (text := artist.statements.get(language)) is not None
              and text is not artist.statement]
    return [(printed[0], artist.statement), *others]


def _paragraphs(ctx: Context, text: Text, width: float, language: str) -> list[Block]:
    return [ctx.setter.block(p, "body", width, p.origin, first_indent=0.0 if i == 0 else None, language=language)
            for i, p in enumerate(text.paragraphs)]


def _side_by_side(ctx: Context, number: int, head: list[Block], lead: list[Block], columns: list[list[Block]],
                  heads: tuple[str, str]) -> list[Draft]:
    """The heading (and lead) across the page, then one column per language, each flowing on to the next
    pages in its own column. Empty when the heading leaves no room: the caller sets the languages in turn."""
    geo = ctx.geometry
    area = geo.text_area(number)
    top = [block for block in (*head, *lead) if block.lines]
    lines, bottom = stack(top, area.x, area.top, area.width) if top else ([], area.top)
    drop = area.top - bottom
    if area.height - drop < 4 * ctx.setter.style("body").leading:
        return []

    def frames(index: int, column: int) -> list[Rect]:
        page = geo.text_area(number + index)
        if index == 0:
            page = Rect(page.x, page.y, page.width, page.height - drop)
        return [geo.columns(page, len(columns))[column]]

    fills = [paginate(blocks, partial(frames, column=column), balance=False)
             for column, blocks in enumerate(columns)]
    drafts = [Draft("biography", heads=heads) for _ in range(max(1, *(len(f) for f in fills)))]
    drafts[0].items.extend(lines)
    for fill in fills:
        for draft, page in zip(drafts, fill, strict=False):
            draft.items.extend(page.lines)
            draft.anchors.extend(page.anchors)
    return drafts


def plates(ctx: Context, number: int, artist: Artist) -> list[Draft]:
    """A plate page per work with an image; a work without one is only in the list of works."""
    drafts: list[Draft] = []
    for index, work in enumerate(artist.works):
        if work.image is None:
            continue
        draft = plate(ctx, number + len(drafts), artist, work, work.image)
        draft.anchors.append(f"work:{artist.slug}:{index}")
        if not drafts:
            draft.anchors.append(f"artist:{artist.slug}:plates")
            draft.outline.append((ctx.label("plates"), 1))
        drafts.append(draft)
    return drafts


def caption_blocks(ctx: Context, work: Work, width: float, language: str | None = None,
                   detail: bool = False) -> list[Block]:
    """A work's caption: the title line (title, year), then its rows. `detail`: the plate shows only
    part of the image, and the title line says so."""
    ts = ctx.setter
    title = [Part(work.title)]
    if work.year:
        title.append(Part(f", {work.year}", italic=True))
    if detail:
        title.append(Part(f" ({ctx.label('detail')})"))
    blocks = [ts.block(title, "caption_title", width, work.origin, first_indent=0.0, space_before=0.0,
                       space_after=0.0, language=language)]
    rows = caption_rows(work)
    blocks.extend(ts.block(row, "caption", width, work.origin, first_indent=0.0, space_before=0.0,
                           space_after=0.0, language=language) for row in rows if row)
    return blocks


def _translation_blocks(ctx: Context, main: Work, work: Work, width: float, language: str,
                        space_before: float, title_role: str) -> list[Block]:
    """A caption in a further language: its title, then only the rows that differ from the main
    language's (a size or a year is not said twice). After the main caption the title takes the
    quieter caption style; beside it, the title style, so that the columns read as a pair."""
    ts = ctx.setter
    rows = [(work.title, title_role)] if work.title != main.title else []
    rows.extend((getattr(work, name), "caption") for name in DETAILS if getattr(work, name) != getattr(main, name))
    return [ts.block(row, role, width, work.origin, first_indent=0.0, space_after=0.0, language=language,
                     space_before=space_before if index == 0 else 0.0)
            for index, (row, role) in enumerate(rows) if row]



def caption_groups(ctx: Context, work: Work, width: float,
                   detail: bool = False) -> tuple[list[tuple[float, list[Block]]], float]:
    """The caption's blocks in each printed language, as groups set side by side (one group: stacked),
    each with how far below the caption's top it starts, and the width of a group."""
    printed = ctx.catalog.printed_languages
    others = [(language, version) for language in printed[1:]
              if (version := work.translations.get(language)) is not None
              and any(getattr(version, name) != getattr(work, name) for name in ("title", *DETAILS))]
    if not others:
        return [(0.0, caption_blocks(ctx, work, width, detail=detail))], width
    if ctx.layout.bilingual.captions == "side_by_side":
        gap = ctx.geometry.page.gutter
        column = (width - gap * len(others)) / (len(others) + 1)
        groups = [(0.0, caption_blocks(ctx, work, column, printed[0], detail))]
        title_line = ctx.setter.style("caption_title").leading  # an untranslated title: rows stay level
        groups.extend((0.0 if version.title != work.title else title_line,
                       _translation_blocks(ctx, work, version, column, language, 0.0, "caption_title"))
                      for language, version in others)
        return groups, column
    blocks = caption_blocks(ctx, work, width, printed[0], detail)
    for language, version in others:
        blocks.extend(_translation_blocks(ctx, work, version, width, language, _caption_gap(ctx), "caption"))
    return [(0.0, blocks)], width


def _caption_gap(ctx: Context) -> float:
    """Between a caption and its translation: half a line, enough to tell them apart."""
    return ctx.setter.style("caption").leading * 0.5


def _stack_groups(ctx: Context, groups: list[tuple[float, list[Block]]], x: float, top: float,
                  width: float) -> list[TextLine]:
    lines: list[TextLine] = []
    for index, (drop, group) in enumerate(groups):
        placed, _ = stack(group, x + index * (width + ctx.geometry.page.gutter), top - drop, width)
        lines.extend(placed)
    return lines


def plate(ctx: Context, number: int, artist: Artist, work: Work, image: Path) -> Draft:
    geo, spec = ctx.geometry, ctx.layout.plates
    info = ctx.images.probe(image, work.origin)
    area = geo.text_area(number)
    bleed = work.bleed if work.bleed is not None else spec.style == "bleed"
    box = geo.bleed_box
    rect = cover_rect(info.width, info.height, box)
    detail = bleed and _cropped(ctx, number, work, cover_rect(info.width, info.height, geo.designed_bleed_box),
                                geo.designed_bleed_box)
    caption_width = geo.column_width if geo.page.columns > 1 else area.width * 0.8
    captions, group_width = caption_groups(ctx, work, caption_width, detail)
    caption_height = max(drop + stack_height(group) for drop, group in captions)
    if bleed:
        draft = Draft("plate", items=[ImagePlacement(image, rect, box, info.ppi(rect.width), work.origin)])
        if spec.bleed_caption == "overlay":
            top = min(area.y + caption_height, area.top)
            lines = _stack_groups(ctx, captions, area.x, top, group_width)
            report_overflow(ctx, number, lines, area.y, area.top, f"the caption of {work.origin.key or 'a work'}")
            frac = ((area.x - rect.x) / rect.width, (rect.top - top) / rect.height,
                    (area.x + caption_width - rect.x) / rect.width, (rect.top - area.y) / rect.height)
            x0, y0, x1, y1 = (min(max(v, 0.0), 1.0) for v in frac)
            light = ctx.images.luminance(info, (x0, y0, x1, y1), work.origin) > 0.55
            colour = ctx.layout.colours["text"] if light else Swatch(1.0, 1.0, 1.0)
            draft.items.extend(recolour(lines, colour))
    else:
        gap = spec.caption_gap
        height = max(area.height - caption_height - gap, area.height * PLATE_MIN)
        box = Rect(area.x, area.top - height, area.width, height)
        rect = contain(info.width, info.height, box, valign=1.0)
        if spec.align == "center":
            group = rect.height + gap + caption_height
            rect = Rect(rect.x, area.top - max(area.height - group, 0.0) * 0.42 - rect.height, rect.width,
                        rect.height)
        draft = Draft("plate", items=[ImagePlacement(image, rect, rect, info.ppi(rect.width), work.origin)],
                      heads=running_heads(ctx, artist.name, ctx.label("plates"), artist.origin))
        # Under the image's left edge, but never past the text area's right (a narrow upright image).
        left = max(min(rect.x, area.right - caption_width), area.x)
        lines = _stack_groups(ctx, captions, left, rect.y - gap, group_width)
        draft.items.extend(lines)
        report_overflow(ctx, number, lines, area.y, area.top, f"the caption of {work.origin.key or 'a work'}")
    return draft


def _cropped(ctx: Context, number: int, work: Work, rect: Rect, box: Rect) -> bool:
    """Whether a full-bleed plate cuts off more of the image beyond the bleed than the layout allows
    (plates.max_crop): then its caption says (detail), and, unless the work says `crop: allow`, the
    book says which work and how much, since a landscape work on a portrait page can lose half of it.
    `rect` and `box` are placed in the bleed the layout was designed with, so a press without bleed
    (screen) captions the plate as the printed book does."""
    shown = max(0.0, min(rect.right, box.right) - max(rect.x, box.x)) * \
        max(0.0, min(rect.top, box.top) - max(rect.y, box.y))
    lost = 100.0 * (1.0 - shown / (rect.width * rect.height))
    limit = ctx.layout.plates.max_crop
    if lost <= limit:
        return False
    if work.crop != "allow":
        at = work.origin
        ctx.findings.append(Problem(
            f"the full-bleed plate of {work.title!r} on page {number} cuts off {lost:.0f} % of the image, more "
            f"than the {limit} % the layout allows (plates.max_crop); its caption says ({ctx.label('detail')})",
            at.file, at.line, severity="warning", code="plate-crop",
            hint="print it whole with 'bleed: false', or say 'crop: allow' if the detail is meant"))
    return True


def exhibitions(ctx: Context, number: int, artist: Artist) -> list[Draft]:
    ts, geo = ctx.setter, ctx.geometry
    width = geo.text_area(number).width
    col = geo.column_width
    label_width = ts.style("list").size * 4.2
    groups: list[tuple[str, list[Exhibition]]] = [
        (ctx.label("solo"), [e for e in artist.exhibitions if e.kind == "solo"]),
        (ctx.label("group"), [e for e in artist.exhibitions if e.kind != "solo"]),
    ]
    body: list[Block] = []
    for title, items in groups:
        if not items:
            continue
        body.append(ts.block(title, "subheading", col, artist.origin, keep_with_next=True))
        previous = None
        for exhibition in sorted(items, key=lambda e: -e.sort_year):
            parts = [Part(exhibition.title, italic=True)]
            where = ", ".join(x for x in (exhibition.venue, exhibition.city) if x)
            if where:
                parts.append(Part(f", {where}"))
            label = exhibition.year if exhibition.year != previous else ""
            previous = exhibition.year
            body.append(ts.block(parts, "list", col, exhibition.origin, first_indent=0.0, label=label,
                                 label_width=label_width))
    if artist.awards:
        body.append(ts.block(ctx.label("awards"), "subheading", col, artist.origin, keep_with_next=True))
        for award in sorted(artist.awards, key=lambda a: -year_number(a.year)):
            body.append(ts.block(award.title, "list", col, award.origin, first_indent=0.0,
                                 label=award.year, label_width=label_width))
    if not body:
        return []
    head = heading_blocks(ctx, ctx.label("exhibitions"), width, kicker=artist.name, origin=artist.origin)
    drafts = flowing(ctx, "exhibitions", number, head, body,
                     running_heads(ctx, artist.name, ctx.label("exhibitions"), artist.origin))
    drafts[0].anchors.append(f"artist:{artist.slug}:exhibitions")
    drafts[0].outline.append((ctx.label("exhibitions"), 1))
    return drafts


def works_list(ctx: Context, number: int) -> list[Draft]:
    ts, geo = ctx.setter, ctx.geometry
    width = geo.text_area(number).width
    col = geo.column_width
    label_width = ts.style("list").size * 3.4
    accent = ctx.layout.colours.get("accent")
    body: list[Block] = []
    for artist in ctx.catalog.artists:
        if not artist.works:
            continue
        body.append(ts.block(artist.name, "subheading", col, artist.origin, keep_with_next=True))
        for index, work in enumerate(artist.works):
            parts = [Part(work.title, italic=True)]
            if work.title_native:
                parts.append(Part(f" ({work.title_native})"))
            if work.year:
                parts.append(Part(f", {work.year}"))
            details = [x for x in detail_rows(work) if x]
            parts.append(Part(". " + ". ".join(d.rstrip(".") for d in details) + "." if details else "."))
            plate_page = ctx.page_number(f"work:{artist.slug}:{index}") if work.image else ""  # no plate
            body.append(ts.block(parts, "list", col, work.origin, first_indent=0.0, label=plate_page,
                                 label_width=label_width, label_colour=accent))
    head = heading_blocks(ctx, ctx.label("works"), width)
    drafts = flowing(ctx, "works", number, head, body,
                     running_heads(ctx, ctx.catalog.title, ctx.label("works"), title_origin(ctx)))
    drafts[0].anchors.append("works")
    drafts[0].outline.append((ctx.label("works"), 0))
    return drafts
