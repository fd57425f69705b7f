"""The pages before the contents that a catalogue opens with: the half-title (the title alone on a
right-hand page), the title page (title, subtitle, the people who made the book, the publisher) and the
imprint on its back (what the colophon says, set at the foot: copyright, ISBN, edition, printer)."""

from __future__ import annotations

from ..model import Origin
from ..text.setter import Block
from .context import Context, Draft, stack, stack_height
from .front import image_page, report_overflow, shown

HALF_TITLE_AT = 0.22  # the half-title hangs this far down the text area, where a reader's eye opens the book


def half_title(ctx: Context, number: int) -> list[Draft]:
    cat, geo = ctx.catalog, ctx.geometry
    area = geo.text_area(number)
    origin = Origin(cat.origin.file, cat.field_lines.get("title"))
    blocks = [ctx.setter.block(cat.title, "heading", area.width, origin, first_indent=0.0)]
    page = Draft("half_title", anchors=["half_title"])
    lines, _ = stack(blocks, area.x, area.top - area.height * HALF_TITLE_AT, area.width)
    page.items.extend(lines)
    report_overflow(ctx, number, lines, area.y, area.top, "the half-title")
    return [page]


def frontispiece(ctx: Context, number: int) -> list[Draft]:
    """The image catalog.yaml names as `frontispiece`, on the left-hand page opposite the title page."""
    cat = ctx.catalog
    if cat.frontispiece is None:
        return []
    origin = Origin(cat.origin.file, cat.field_lines.get("frontispiece"), "frontispiece")
    return [image_page(ctx, number, shown(ctx, cat.frontispiece, origin), "frontispiece")]


def title_page(ctx: Context, number: int) -> list[Draft]:
    """The title large in the upper part, who made the book under it, the publisher at the foot."""
    cat, geo, ts = ctx.catalog, ctx.geometry, ctx.setter
    area = geo.text_area(number)

    def at(key: str) -> Origin:
        return Origin(cat.origin.file, cat.field_lines.get(key))

    top: list[Block] = [ts.block(cat.title, "opener_name", area.width, at("title"), first_indent=0.0)]
    for key, text in (("title_native", cat.title_native), ("subtitle", cat.subtitle)):
        if text:
            top.append(ts.block(text, "opener_native", area.width, at(key), first_indent=0.0))
    people = [f"{ctx.label(key)}: {value}" for key, value in (("curator", cat.curator), ("editor", cat.editor))
              if value]
    top.extend(ts.block(text, "opener_meta", area.width, at("curator"), first_indent=0.0) for text in people)
    foot = [ts.block(text, "opener_meta", area.width, at(key), first_indent=0.0)
            for key, text in (("publisher", cat.publisher), ("year", cat.year)) if text]
    page = Draft("title_page", anchors=["title_page"])
    lines, _ = stack(top, area.x, area.top - area.height * HALF_TITLE_AT, area.width)
    page.items.extend(lines)
    floor = area.y + stack_height(foot)
    placed, _ = stack(foot, area.x, floor, area.width)
    page.items.extend(placed)
    # The title and the names above must stay clear of the publisher's lines at the foot.
    report_overflow(ctx, number, lines, floor + ts.style("opener_meta").leading if foot else area.y, area.top,
                    "the title page")
    report_overflow(ctx, number, placed, area.y, area.top, "the title page")
    return [page]
