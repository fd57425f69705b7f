"""A compact artist entry for group shows: the name, a line of dates and places, the biography in
columns and, on the rest of the same page, the first of the artist's works on the layout's grid, so
that a short entry takes one page instead of an opener, a biography and plate pages."""

from __future__ import annotations

from ..model import Artist
from ..units import Rect
from .artist import bio_blocks, meta_lines
from .context import Context, Draft
from .front import blank, flowing, title_origin
from .heads import running_heads
from .pages import TextLine
from .plates import draw, picked
from .sequence import arrange, on_pages, shots

WORKS_MIN = 0.4  # of the text area's height: works share the entry's page only with at least this much room


def entry(ctx: Context, number: int, artist: Artist) -> list[Draft]:
    ts, geo = ctx.setter, ctx.geometry
    area = geo.text_area(number)
    head = [ts.block(artist.name, "heading", area.width, artist.origin, keep_with_next=True)]
    head.extend(ts.block(meta, "opener_meta", area.width, artist.origin, first_indent=0.0, keep_with_next=True)
                for meta in meta_lines(ctx, artist))
    body = bio_blocks(ctx, artist)
    heads = running_heads(ctx, ctx.catalog.title, artist.name, title_origin(ctx), artist.origin)
    drafts = flowing(ctx, "entry", number, head, body, heads)
    drafts[0].anchors[:0] = [f"artist:{artist.slug}", f"artist:{artist.slug}:biography"]
    drafts[0].outline.insert(0, (artist.name, 0))
    units = arrange(ctx, artist, [s for s in shots(ctx, artist) if picked(ctx, artist, s)])
    last = number + len(drafts) - 1
    text_bottom = min((item.y for item in drafts[-1].items if isinstance(item, TextLine)), default=area.top)
    room = geo.text_area(last)
    room = Rect(room.x, room.y, room.width, text_bottom - ts.style("body").leading * 2 - room.y)
    first = units[0] if units else None
    if first is not None and first.pages == 1 and all(f.area == "cell" for f in first.template.frames) \
            and room.height >= area.height * WORKS_MIN:
        made = draw(ctx, last, artist, first, room)
        drafts[-1].items.extend(made[0].items)
        drafts[-1].anchors.extend(made[0].anchors)
        units = units[1:]
    for unit in on_pages(units, number + len(drafts)):
        drafts.extend([blank()] if unit is None else draw(ctx, number + len(drafts), artist, unit))
    return drafts
