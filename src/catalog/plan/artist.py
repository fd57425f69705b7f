"""An artist's pages: opener, biography, plates with captions, exhibition history."""

from __future__ import annotations

from .. import images
from ..colour import Swatch
from ..errors import Problem
from ..model import Artist, Exhibition, Work, year_number
from ..units import Rect
from .context import Context, Draft, recolour, stack, stack_height
from .front import contain, cover_rect, flowing, heading_blocks, report_overflow, running_heads, title_origin
from .model import ImagePlacement, Rule
from .text import Block, Part

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
    for text in _meta_lines(ctx, artist):
        name_blocks.append(ts.block(text, "opener_meta", area.width, origin, first_indent=0.0))
    statement_width = area.width * (2 / 3) if geo.page.columns > 1 else area.width
    statement = [ts.block(p, "statement", statement_width, p.origin, first_indent=0.0)
                 for p in (artist.statement.paragraphs if artist.statement else ())]
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
            info = images.probe(artist.portrait, portrait_origin)
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
    paragraphs = artist.bio.paragraphs if artist.bio else ()
    body = [ts.block(p, "body", geo.column_width, p.origin, first_indent=0.0 if i == 0 else None)
            for i, p in enumerate(paragraphs)]
    if not body and not lead:
        return []
    drafts = flowing(ctx, "biography", number, head, body,
                     running_heads(ctx, artist.name, ctx.label("biography"), artist.origin), lead=lead)
    drafts[0].anchors.append(f"artist:{artist.slug}:biography")
    drafts[0].outline.append((ctx.label("biography"), 1))
    return drafts


def plates(ctx: Context, number: int, artist: Artist) -> list[Draft]:
    drafts = []
    for index, work in enumerate(artist.works):
        draft = plate(ctx, number + index, artist, work)
        draft.anchors.append(f"work:{artist.slug}:{index}")
        if index == 0:
            draft.anchors.append(f"artist:{artist.slug}:plates")
            draft.outline.append((ctx.label("plates"), 1))
        drafts.append(draft)
    return drafts


def caption_blocks(ctx: Context, work: Work, width: float) -> list[Block]:
    ts = ctx.setter
    title = [Part(work.title)]
    if work.year:
        title.append(Part(f", {work.year}", italic=True))
    blocks = [ts.block(title, "caption_title", width, work.origin, first_indent=0.0, space_before=0.0,
                       space_after=0.0)]
    rows = [work.title_native, ", ".join(x for x in (work.medium, work.dimensions) if x) or None,
            work.edition, work.collection, work.credit]
    blocks.extend(ts.block(row, "caption", width, work.origin, first_indent=0.0, space_before=0.0,
                           space_after=0.0) for row in rows if row)
    return blocks


def plate(ctx: Context, number: int, artist: Artist, work: Work) -> Draft:
    geo, spec = ctx.geometry, ctx.layout.plates
    info = images.probe(work.image, work.origin)
    area = geo.text_area(number)
    bleed = work.bleed if work.bleed is not None else spec.style == "bleed"
    caption_width = geo.column_width if geo.page.columns > 1 else area.width * 0.8
    captions = caption_blocks(ctx, work, caption_width)
    caption_height = stack_height(captions)
    if bleed:
        box = geo.bleed_box
        rect = cover_rect(info.width, info.height, box)
        draft = Draft("plate", items=[ImagePlacement(work.image, rect, box, info.ppi(rect.width), work.origin)])
        if spec.bleed_caption == "overlay":
            top = min(area.y + caption_height, area.top)
            lines, _ = stack(captions, area.x, top, caption_width)
            report_overflow(ctx, number, lines, area.y, area.top, f"the caption of {work.origin.key or 'a work'}")
            frac = ((area.x - rect.x) / rect.width, (rect.top - top) / rect.height,
                    (area.x + caption_width - rect.x) / rect.width, (rect.top - area.y) / rect.height)
            light = images.luminance(info, tuple(min(max(v, 0.0), 1.0) for v in frac), work.origin) > 0.55
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
        draft = Draft("plate", items=[ImagePlacement(work.image, rect, rect, info.ppi(rect.width), work.origin)],
                      heads=running_heads(ctx, artist.name, ctx.label("plates"), artist.origin))
        # Under the image's left edge, but never past the text area's right (a narrow upright image).
        left = max(min(rect.x, area.right - caption_width), area.x)
        lines, _ = stack(captions, left, rect.y - gap, caption_width)
        draft.items.extend(lines)
        report_overflow(ctx, number, lines, area.y, area.top, f"the caption of {work.origin.key or 'a work'}")
    return draft


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
            material = ", ".join(x for x in (work.medium, work.dimensions) if x)
            details = [x for x in (material, work.edition, work.collection, work.credit) if x]
            parts.append(Part(". " + ". ".join(d.rstrip(".") for d in details) + "." if details else "."))
            body.append(ts.block(parts, "list", col, work.origin, first_indent=0.0,
                                 label=ctx.page_number(f"work:{artist.slug}:{index}"),
                                 label_width=label_width, label_colour=accent))
    head = heading_blocks(ctx, ctx.label("works"), width)
    drafts = flowing(ctx, "works", number, head, body,
                     running_heads(ctx, ctx.catalog.title, ctx.label("works"), title_origin(ctx)))
    drafts[0].anchors.append("works")
    drafts[0].outline.append((ctx.label("works"), 0))
    return drafts
