"""Cover, contents, essays, colophon and back cover: the pages around the artists."""

from __future__ import annotations

from .. import images
from ..model import Essay, Origin
from ..units import Rect
from .context import Context, Draft, stack, stack_height
from .flow import paginate
from .model import Fill, ImagePlacement
from .text import Block, Part


def cover(ctx: Context, number: int) -> list[Draft]:
    cat, geo, ts = ctx.catalog, ctx.geometry, ctx.setter
    area = geo.text_area(number)
    origin = Origin(cat.origin.file, cat.field_lines.get("title"))
    page = Draft("cover", outline=[(cat.title, 0)])
    page.items.append(Fill(geo.bleed_box, ctx.layout.colours.get("cover", ctx.layout.colours["paper"])))
    top_blocks = [ts.block(cat.title, "cover_title", area.width, origin)]
    if cat.title_native:
        top_blocks.append(ts.block(cat.title_native, "cover_subtitle", area.width,
                                   Origin(cat.origin.file, cat.field_lines.get("title_native")),
                                   space_before=0.0))
    if cat.subtitle:
        top_blocks.append(ts.block(cat.subtitle, "cover_subtitle", area.width,
                                   Origin(cat.origin.file, cat.field_lines.get("subtitle")),
                                   space_before=ts.style("cover_subtitle").leading))
    lines, title_bottom = stack(top_blocks, area.x, area.top, area.width)
    page.items.extend(lines)

    show = cat.exhibition
    meta_lines = [text for text in (
        show.title if show.title and show.title != cat.title else None,
        ", ".join(x for x in (show.venue, show.city) if x) or None,
        show.dates,
    ) if text]
    meta_origin = Origin(cat.origin.file, cat.field_lines.get("exhibition"))
    bottom_blocks = [ts.block(text, "cover_meta", area.width, meta_origin) for text in meta_lines]
    if cat.publisher:
        bottom_blocks.append(ts.block(cat.publisher, "cover_meta", area.width,
                                      Origin(cat.origin.file, cat.field_lines.get("publisher")),
                                      space_before=ts.style("cover_meta").leading))
    meta_top = area.y + stack_height(bottom_blocks)
    lines, _ = stack(bottom_blocks, area.x, meta_top, area.width)
    page.items.extend(lines)

    if cat.cover_image:
        gap = ts.style("cover_title").leading
        box = Rect(area.x, meta_top + gap, area.width, title_bottom - gap - (meta_top + gap))
        if box.height > area.height * 0.2:
            origin = Origin(cat.origin.file, cat.field_lines.get("cover"), "cover")
            info = images.probe(cat.cover_image, origin)
            rect = contain(info.width, info.height, box)
            page.items.append(ImagePlacement(cat.cover_image, rect, rect, info.ppi(rect.width), origin))
    return [page]


def contain(px_w: int, px_h: int, box: Rect, valign: float = 0.5) -> Rect:
    """The largest rectangle of the image's proportions inside `box`, centred (valign 1 = top)."""
    scale = min(box.width / px_w, box.height / px_h)
    w, h = px_w * scale, px_h * scale
    return Rect(box.x + (box.width - w) / 2, box.y + (box.height - h) * (1 - valign), w, h)


def cover_rect(px_w: int, px_h: int, box: Rect) -> Rect:
    """The smallest rectangle of the image's proportions covering `box`, centred (cropped)."""
    scale = max(box.width / px_w, box.height / px_h)
    w, h = px_w * scale, px_h * scale
    return Rect(box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h)


def heading_blocks(ctx: Context, title: str, width: float, kicker: str | None = None,
                   origin: Origin = Origin()) -> list[Block]:
    ts = ctx.setter
    blocks = []
    if kicker:
        blocks.append(ts.block(kicker, "subheading", width, origin, space_before=0.0, keep_with_next=True))
    blocks.append(ts.block(title, "heading", width, origin, keep_with_next=True))
    return blocks


def flowing(ctx: Context, kind: str, number: int, head: list[Block], body: list[Block],
            heads: tuple[str, str], columns: int | None = None) -> list[Draft]:
    """A section that starts with a heading across the text area and flows on in columns."""
    geo = ctx.geometry
    head_area = geo.text_area(number)
    head_lines, head_bottom = stack(head, head_area.x, head_area.top, head_area.width) if head else ([], 0)
    drop = head_area.top - head_bottom if head else 0.0

    def frames(index: int) -> list[Rect]:
        area = geo.text_area(number + index)
        if index == 0 and drop:
            area = Rect(area.x, area.y, area.width, area.height - drop)
        return geo.columns(area, columns)

    fills = paginate(body, frames)
    drafts = []
    for index, page_fill in enumerate(fills or [None]):
        draft = Draft(kind, heads=heads)
        if index == 0:
            draft.items.extend(head_lines)
        if page_fill is not None:
            draft.items.extend(page_fill.lines)
            draft.anchors.extend(page_fill.anchors)
        drafts.append(draft)
    return drafts


def contents(ctx: Context, number: int, entries: list[tuple[str, str | None, str, list[str]]]) -> list[Draft]:
    """`entries`: (title, native title, anchor, sub-anchor lines)."""
    ts, geo = ctx.setter, ctx.geometry
    width = geo.text_area(number).width
    label_width = ts.style("toc").size * 3.2
    accent = ctx.layout.colours.get("accent")
    muted = ctx.layout.colours.get("muted")
    body: list[Block] = []
    for title, native, anchor, details in entries:
        parts = [Part(title)]
        if native:
            parts.append(Part("  " + native, italic=True, colour=muted))
        body.append(ts.block(parts, "toc", width, label=ctx.page_number(anchor), label_width=label_width,
                             label_colour=accent, keep_with_next=bool(details), space_after=0.0
                             if details else None))
        for detail in details:
            body.append(ts.block([Part(detail)], "caption", width, first_indent=0.0,
                                 label="", label_width=label_width,
                                 space_after=ts.style("toc").space_after))
    head = heading_blocks(ctx, ctx.label("contents"), width)
    drafts = flowing(ctx, "contents", number, head, body, (ctx.catalog.title, ctx.label("contents")),
                     columns=1)
    drafts[0].outline.append((ctx.label("contents"), 0))
    drafts[0].anchors.append("contents")
    return drafts


def essay(ctx: Context, number: int, index: int, text: Essay) -> list[Draft]:
    ts, geo = ctx.setter, ctx.geometry
    width = geo.text_area(number).width
    head = heading_blocks(ctx, text.title, width, origin=text.origin)
    if text.author:
        head.append(ts.block(text.author, "author", width, text.origin))
    body = [ts.block(p, "body", geo.column_width, p.origin, first_indent=0.0 if i == 0 else None)
            for i, p in enumerate(text.body.paragraphs)]
    drafts = flowing(ctx, "text", number, head, body, (ctx.catalog.title, text.title))
    drafts[0].anchors.append(f"text:{index}")
    drafts[0].outline.append((text.title, 0))
    return drafts


def colophon(ctx: Context, number: int, typefaces: list[str]) -> list[Draft]:
    """Set small at the foot of the page, as imprints are."""
    cat, ts, geo = ctx.catalog, ctx.setter, ctx.geometry
    width = geo.column_width if geo.page.columns > 1 else geo.text_area(number).width
    col = cat.colophon
    lines: list[tuple[list[Part], str]] = [([Part(cat.title, bold=True)], "title")]  # with the key they print
    if cat.subtitle:
        lines.append(([Part(cat.subtitle)], "subtitle"))
    show = cat.exhibition
    if show.title or show.venue:
        where = ", ".join(x for x in (show.venue, show.city, show.dates) if x)
        lines.append(([Part("Published on the occasion of the exhibition "), Part(show.title or cat.title, italic=True),
                       Part(f", {where}." if where else ".")], "exhibition"))
    for key, value in (("curator", cat.curator), ("editor", cat.editor)):
        if value:
            lines.append(([Part(f"{ctx.label(key)}: {value}")], key))
    authors = sorted({t.author for t in cat.texts if t.author})
    if authors:
        lines.append(([Part("Texts: " + ", ".join(authors))], "texts"))
    lines.extend(([Part(credit)], "colophon") for credit in col.credits)
    if typefaces:
        lines.append(([Part(f"{ctx.label('typefaces')}: " + " and ".join(typefaces))], "colophon"))
    if col.printer:
        lines.append(([Part(f"{ctx.label('printer')}: {col.printer}")], "colophon"))
    if col.edition:
        lines.append(([Part(col.edition)], "colophon"))
    if cat.publisher:
        lines.append(([Part(f"{ctx.label('publisher')}: {cat.publisher}" + (f", {cat.year}" if cat.year else ""))],
                      "publisher"))
    if col.copyright:
        lines.append(([Part(col.copyright)], "colophon"))
    if col.isbn:
        isbn = col.isbn if col.isbn.upper().startswith("ISBN") else f"ISBN {col.isbn}"
        lines.append(([Part(isbn)], "colophon"))

    def origin(key: str) -> Origin:
        return Origin(cat.origin.file, cat.field_lines.get(key) or cat.field_lines.get("colophon"))

    blocks = [ts.block(parts, "colophon", width, origin(key), first_indent=0.0) for parts, key in lines]
    if col.acknowledgements:
        blocks.extend(ts.block(p, "colophon", width, p.origin, first_indent=0.0)
                      for p in col.acknowledgements.paragraphs)
    area = geo.text_area(number)
    height = stack_height(blocks)
    heads = (cat.title, ctx.label("colophon"))
    if height <= area.height:
        page = Draft("colophon", heads=heads, anchors=["colophon"], outline=[(ctx.label("colophon"), 0)])
        placed, _ = stack(blocks, area.x, area.y + height, width)
        page.items.extend(placed)
        return [page]
    drafts = flowing(ctx, "colophon", number, [], blocks, heads, columns=1)
    drafts[0].anchors.append("colophon")
    drafts[0].outline.append((ctx.label("colophon"), 0))
    return drafts


def back_cover(ctx: Context, number: int) -> list[Draft]:
    cat, ts, geo = ctx.catalog, ctx.setter, ctx.geometry
    area = geo.text_area(number)
    page = Draft("back_cover")
    page.items.append(Fill(geo.bleed_box, ctx.layout.colours.get("cover", ctx.layout.colours["paper"])))
    origin = Origin(cat.origin.file, cat.field_lines.get("title"))
    texts = [cat.title]
    if cat.publisher:
        texts.append(cat.publisher + (f", {cat.year}" if cat.year else ""))
    if cat.colophon.isbn:
        texts.append(cat.colophon.isbn if cat.colophon.isbn.upper().startswith("ISBN")
                     else f"ISBN {cat.colophon.isbn}")
    blocks = [ts.block(text, "back_cover", area.width, origin) for text in texts]
    placed, _ = stack(blocks, area.x, area.y + stack_height(blocks), area.width)
    page.items.extend(placed)
    return [page]


def blank() -> Draft:
    return Draft("blank")
