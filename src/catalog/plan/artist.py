"""An artist's pages: opener, biography, plates with captions, exhibition history."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from ..errors import Problem
from ..model import Artist, Born, Exhibition, Text, year_number
from ..text.setter import Block, Part
from ..units import Rect
from .context import Context, Draft, stack, stack_height
from .flow import paginate
from .front import contain, flowing, heading_blocks, report_overflow
from .heads import running_heads
from .pages import ImagePlacement, Rule, TextLine

# A language's own name, over its part of a biography set one language after the other.
ENDONYMS = {"en": "English", "ru": "Русский", "kk": "Қазақша", "de": "Deutsch", "fr": "Français", "uz": "Oʻzbekcha",
            "ky": "Кыргызча", "tg": "Тоҷикӣ", "tr": "Türkçe"}
OPENER_NAME_AT = 0.52  # the name block starts this far down the text area, unless it must rise
PLATE_MIN = 0.25  # of the text area's height: a plate keeps at least this much when its caption is long


def opener(ctx: Context, number: int, artist: Artist,
           caption: list[TextLine] | None = None) -> tuple[list[Draft], list[Block]]:
    """The opener page, and the statement's blocks when they do not fit on it (they lead the biography).
    `caption`: the lines of the plate facing it (an opener spread), set at the foot of the page."""
    ts, geo = ctx.setter, ctx.geometry
    area = geo.text_area(number)
    page = Draft("opener", anchors=[f"artist:{artist.slug}"], outline=[(artist.name, 0)])
    if caption:
        page.items.extend(caption)
        top = max(line.y for line in caption) + ts.style("caption").leading * 3
        area = Rect(area.x, top, area.width, area.top - top)
    origin = artist.origin
    name_blocks = [ts.block(artist.name, "opener_name", area.width, origin)]
    if artist.name_native:
        name_blocks.append(ts.block(artist.name_native, "opener_native", area.width, origin))
    for meta in meta_lines(ctx, artist):
        name_blocks.append(ts.block(meta, "opener_meta", area.width, origin, first_indent=0.0))
    statement_width = area.width * (2 / 3) if geo.page.columns > 1 else area.width
    statement: list[Block] = []
    versions = _statement_versions(ctx, artist)
    if versions:  # said whose words these are: after a curator's foreword they would read as the curator's
        statement.append(ts.block(ctx.label("statement"), "subheading", statement_width, origin,
                                  space_before=0.0, keep_with_next=True))
    for index, (language, text) in enumerate(versions):
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


def meta_lines(ctx: Context, artist: Artist) -> list[str]:
    """Born (and died) with year and place; where a living artist lives and works."""
    out = [_event(ctx.label(key), event) for key, event in (("born", artist.born), ("died", artist.died))
           if event and (event.year or event.place)]
    if artist.based and artist.died is None:  # a dead artist no longer lives and works anywhere
        based = artist.based + (f" ({artist.based_native})" if artist.based_native else "")
        out.append(f"{ctx.label('based')} {based}")
    return out


def _event(label: str, event: Born) -> str:
    place = event.place or ""
    if event.place_native:
        place = f"{place} ({event.place_native})" if place else event.place_native
    return f"{label} " + ", ".join(x for x in (event.year, place) if x)


def biography(ctx: Context, number: int, artist: Artist, lead: list[Block], run_on: bool = False) -> list[Draft]:
    """The biography; with `run_on`, the exhibitions follow in the same columns (the caller sees their
    anchor in the drafts) instead of opening a page of their own."""
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
    listed = exhibition_blocks(ctx, artist) if run_on and not drafts else []
    if not drafts:
        body = bio_blocks(ctx, artist)
        if not body and not lead:
            return []
        if listed:  # the exhibitions run on after the biography, under their own heading, in its columns
            anchor = f"artist:{artist.slug}:exhibitions"
            body.append(ts.block(ctx.label("exhibitions"), "heading", geo.column_width, artist.origin,
                                 keep_with_next=True, anchor=anchor, space_before=ts.style("body").leading * 2))
            body.extend(listed)
        drafts = flowing(ctx, "biography", number, head, body, heads, lead=lead)
        for draft in drafts if listed else []:
            if f"artist:{artist.slug}:exhibitions" in draft.anchors:
                draft.outline.append((ctx.label("exhibitions"), 1))
    drafts[0].anchors.insert(0, f"artist:{artist.slug}:biography")
    drafts[0].outline.insert(0, (ctx.label("biography"), 1))
    return drafts


def bio_blocks(ctx: Context, artist: Artist) -> list[Block]:
    """The biography in a column, its languages one after the other, each further one under its name."""
    ts, geo = ctx.setter, ctx.geometry
    body: list[Block] = []
    for index, (language, text) in enumerate(_bio_versions(ctx, artist)):
        if index:  # the next language: a gap, and its name as a subheading
            body.append(ts.block(ENDONYMS.get(language, language), "subheading", geo.column_width,
                                 artist.origin, keep_with_next=True, language=language,
                                 space_before=ts.style("body").leading * 1.5))
        body.extend(_paragraphs(ctx, text, geo.column_width, language))
    return body


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
    drafts[0].opening = bool(head)
    for fill in fills:
        for draft, page in zip(drafts, fill, strict=False):
            draft.items.extend(page.lines)
            draft.anchors.extend(page.anchors)
    return drafts


def exhibitions(ctx: Context, number: int, artist: Artist) -> list[Draft]:
    body = exhibition_blocks(ctx, artist)
    if not body:
        return []
    head = heading_blocks(ctx, ctx.label("exhibitions"), ctx.geometry.text_area(number).width, kicker=artist.name,
                          origin=artist.origin)
    drafts = flowing(ctx, "exhibitions", number, head, body,
                     running_heads(ctx, artist.name, ctx.label("exhibitions"), artist.origin))
    drafts[0].anchors.append(f"artist:{artist.slug}:exhibitions")
    drafts[0].outline.append((ctx.label("exhibitions"), 1))
    return drafts


SHORT_LIST = 8
"""Entries a group of exhibitions may have and still be kept in one column: longer lists break between
entries, as any list must."""


def exhibition_blocks(ctx: Context, artist: Artist) -> list[Block]:
    """Solo and group exhibitions, newest first, then awards: a column's blocks."""
    ts, geo = ctx.setter, ctx.geometry
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
        whole = len(items) <= SHORT_LIST  # a short list is not parted across columns (2 + 5, with no sign)
        # A longer one may be: a column it runs on into opens with its heading again, marked continued.
        again = None if whole else ts.block(f"{title} ({ctx.label('continued')})", "subheading", col, artist.origin,
                                            space_before=0.0)
        for index, exhibition in enumerate(sorted(items, key=lambda e: -e.sort_year)):
            parts = [Part(exhibition.title, italic=True)]
            where = ", ".join(x for x in (exhibition.venue, exhibition.city) if x)
            if where:
                parts.append(Part(f", {where}"))
            label = exhibition.year if exhibition.year != previous else ""
            previous = exhibition.year
            entry = ts.block(parts, "list", col, exhibition.origin, first_indent=0.0, label=label,
                             label_width=label_width, keep_with_next=whole and index < len(items) - 1)
            body.append(replace(entry, resumes=again) if index else entry)
    if artist.awards:
        body.append(ts.block(ctx.label("awards"), "subheading", col, artist.origin, keep_with_next=True))
        for award in sorted(artist.awards, key=lambda a: -year_number(a.year)):
            body.append(ts.block(award.title, "list", col, award.origin, first_indent=0.0,
                                 label=award.year, label_width=label_width))
    return body
