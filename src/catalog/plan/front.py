"""Cover, contents, essays, colophon, padding and back cover: the pages around the artists."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..colour import Swatch
from ..errors import Problem
from ..model import Origin, Work
from ..text.setter import Block, Part
from ..units import Rect, mm
from . import barcode
from .context import Context, Draft, stack, stack_height
from .flow import paginate
from .heads import running_heads, short
from .pages import Fill, ImagePlacement, Rule, TextLine

NOTES_RULE = 0.3           # pt: a hairline that still prints on a toner or inkjet printer
NOTES_SPACING = mm(7)      # at least this far apart: room to write by hand, even on a small page
BLURB_MEASURE = 30         # ems: at most about 60 characters a line, a measure that reads at a glance


def cover_colour(ctx: Context) -> Swatch:
    return ctx.layout.colours.get("cover", ctx.layout.colours["paper"])


def cover(ctx: Context, number: int, background: bool = True) -> list[Draft]:
    """The front cover. `background`: the cover colour to the bleed (a cover sheet lays its own)."""
    cat, geo, ts = ctx.catalog, ctx.geometry, ctx.setter
    area = geo.text_area(number)
    origin = Origin(cat.origin.file, cat.field_lines.get("title"))
    page = Draft("cover", outline=[(cat.title, 0)])
    if background:
        page.items.append(Fill(geo.bleed_box, cover_colour(ctx)))
    top_blocks = [ts.block(cat.title, "cover_title", area.width, origin)]
    if cat.title_native:
        top_blocks.append(ts.block(cat.title_native, "cover_subtitle", area.width,
                                   Origin(cat.origin.file, cat.field_lines.get("title_native")),
                                   space_before=0.0))
    if cat.subtitle:
        top_blocks.append(ts.block(cat.subtitle, "cover_subtitle", area.width,
                                   Origin(cat.origin.file, cat.field_lines.get("subtitle")),
                                   space_before=ts.style("cover_subtitle").leading))
    title_lines, title_bottom = stack(top_blocks, area.x, area.top, area.width)
    page.items.extend(title_lines)

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
    meta_top = min(area.y + stack_height(bottom_blocks), area.top)
    lines, _ = stack(bottom_blocks, area.x, meta_top, area.width)
    page.items.extend(lines)
    report_overflow(ctx, number, lines, area.y, area.top, "the exhibition and publisher lines on the cover")
    report_overflow(ctx, number, title_lines, max(meta_top, area.y), area.top,
                    lambda line: "the subtitle on the cover" if line.style == "cover_subtitle" else "the cover title")

    if cat.cover_image:
        gap = ts.style("cover_title").leading
        box = Rect(area.x, meta_top + gap, area.width, title_bottom - gap - (meta_top + gap))
        origin = Origin(cat.origin.file, cat.field_lines.get("cover.image", cat.field_lines.get("cover")), "cover")
        if box.height > area.height * 0.2:
            info = ctx.images.probe(cat.cover_image, origin)
            rect = contain(info.width, info.height, box)
            page.items.append(ImagePlacement(cat.cover_image, rect, rect, info.ppi(rect.width), origin))
            ctx.printed[cat.cover_image] = ctx.printed.get(cat.cover_image, 0) + 1
        else:
            ctx.findings.append(Problem(
                "the cover image is left out: the title and the lines below it leave no room for it",
                origin.file, origin.line, hint="shorten the title or subtitle, or the layout's cover styles",
                severity="warning", code="overflow", where=origin.key, page=number))
    return [page]


def report_overflow(ctx: Context, number: int, lines: Iterable[TextLine], bottom: float, top: float,
                    what: str | Callable[[TextLine], str]) -> None:
    """Lines whose baseline lies outside [bottom, top] are still drawn (they may run into the
    margin or off the page), but reported with the file and line they came from: text that cannot
    fit its frame is never lost silently. One finding per source entry."""
    outside: dict[Origin, list[TextLine]] = {}
    for line in lines:
        if line.text.strip() and not bottom - 0.01 <= line.y <= top + 0.01:
            outside.setdefault(line.origin, []).append(line)
    for origin, cut in outside.items():
        name = what if isinstance(what, str) else what(cut[0])
        ctx.findings.append(Problem(
            f"{name} does not fit on page {number}: {len(cut)} line(s), from '{short(cut[0].text)}', "
            f"run outside the text area", origin.file, origin.line,
            hint=f"shorten the text, or make the layout's '{cut[0].style}' style smaller",
            severity="warning", code="overflow", where=origin.key, page=number))


def title_origin(ctx: Context) -> Origin:
    """Where the catalog's title is written, for findings about it."""
    return Origin(ctx.catalog.origin.file, ctx.catalog.field_lines.get("title"))


def contain(px_w: int, px_h: int, box: Rect, valign: float = 0.5) -> Rect:
    """The largest rectangle of the image's proportions inside `box`, centred (valign 1 = top)."""
    scale = min(box.width / px_w, box.height / px_h)
    w, h = px_w * scale, px_h * scale
    return Rect(box.x + (box.width - w) / 2, box.y + (box.height - h) * valign, w, h)


def cover_rect(px_w: int, px_h: int, box: Rect) -> Rect:
    """The smallest rectangle of the image's proportions covering `box`, centred (cropped)."""
    scale = max(box.width / px_w, box.height / px_h)
    w, h = px_w * scale, px_h * scale
    return Rect(box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h)


def heading_blocks(ctx: Context, title: str, width: float, kicker: str | None = None,
                   origin: Origin = Origin(), language: str | None = None) -> list[Block]:
    ts = ctx.setter
    blocks = []
    if kicker:
        blocks.append(ts.block(kicker, "subheading", width, origin, space_before=0.0, keep_with_next=True,
                               language=language))
    blocks.append(ts.block(title, "heading", width, origin, keep_with_next=True, language=language))
    return blocks


def flowing(ctx: Context, kind: str, number: int, head: list[Block], body: list[Block],
            heads: tuple[str, str], columns: int | None = None, lead: Sequence[Block] = ()) -> list[Draft]:
    """A section that starts with a heading (and `lead`, e.g. a statement) across the text area and
    flows on in columns. The heading and lead flow too: a heading taller than the page goes on to
    the next one, reported, instead of running off the page."""
    geo = ctx.geometry
    top = [block for block in (*head, *lead) if block.lines]
    top_pages = paginate(top, lambda index: [geo.text_area(number + index)], balance=False) if top else []
    if stack_height(head) > geo.text_area(number).height + 0.01:
        title = max((block for block in head if block.lines), key=lambda block: block.height, default=None)
        if title is not None:
            what = f"the heading '{short(' '.join(line.text for line in title.lines))}'"
            ctx.findings.append(Problem(
                f"{what} is taller than the text area of page {number} and goes on to the next page",
                title.origin.file, title.origin.line, hint="shorten it, or make the layout's heading styles smaller",
                severity="warning", code="overflow", where=title.origin.key, page=number))
    offset, drop = max(len(top_pages) - 1, 0), 0.0
    if top_pages:
        last = geo.text_area(number + offset)
        drop = last.top - top_pages[-1].bottom
        need = next((block.leading for block in body if block.lines), 0.0)
        if last.height - drop < need:  # not one line of the body fits under the heading
            offset, drop = offset + 1, 0.0

    def frames(index: int) -> list[Rect]:
        area = geo.text_area(number + offset + index)
        if index == 0 and drop:
            area = Rect(area.x, area.y, area.width, area.height - drop)
        return geo.columns(area, columns)

    fills = paginate(body, frames)
    drafts = []
    for index in range(max(len(top_pages), offset + len(fills), 1)):
        draft = Draft(kind, heads=heads, opening=index == 0 and bool(head))
        for page_fill in (top_pages[index] if index < len(top_pages) else None,
                          fills[index - offset] if 0 <= index - offset < len(fills) else None):
            if page_fill is not None:
                draft.items.extend(page_fill.lines)
                draft.items.extend(page_fill.rules)
                draft.anchors.extend(page_fill.anchors)
        drafts.append(draft)
    return drafts


@dataclass(frozen=True)
class TocEntry:
    title: str
    native: str | None
    anchor: str
    details: list[str]           # lines under the title (an artist's sections and their pages)
    origin: Origin = Origin()    # where the title was written, for findings about it


def contents(ctx: Context, number: int, entries: list[TocEntry]) -> list[Draft]:
    ts, geo = ctx.setter, ctx.geometry
    width = geo.text_area(number).width
    label_width = ts.style("toc").size * 3.2
    accent = ctx.layout.colours.get("accent")
    muted = ctx.layout.colours.get("muted")
    body: list[Block] = []
    for entry in entries:
        parts = [Part(entry.title)]
        if entry.native:
            parts.append(Part("  " + entry.native, italic=True, colour=muted))
        body.append(ts.block(parts, "toc", width, entry.origin, label=ctx.page_number(entry.anchor),
                             label_width=label_width, label_colour=accent, keep_with_next=bool(entry.details),
                             space_after=0.0 if entry.details else None))
        for detail in entry.details:
            body.append(ts.block([Part(detail)], "caption", width, first_indent=0.0,
                                 label="", label_width=label_width,
                                 space_after=ts.style("toc").space_after))
    head = heading_blocks(ctx, ctx.label("contents"), width)
    drafts = flowing(ctx, "contents", number, head, body,
                     running_heads(ctx, ctx.catalog.title, ctx.label("contents"), title_origin(ctx)), columns=1)
    drafts[0].outline.append((ctx.label("contents"), 0))
    drafts[0].anchors.append("contents")
    return drafts


def colophon(ctx: Context, number: int, typefaces: list[str], kind: str = "colophon") -> list[Draft]:
    """Set small at the foot of the page, as imprints are. `kind`: imprint, for the same lines on the
    back of the title page, without a running head or a line in the contents."""
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
    lines.extend(([Part(credit)], "colophon.credits") for credit in col.credits)
    if typefaces:
        lines.append(([Part(f"{ctx.label('typefaces')}: " + " and ".join(typefaces))], "colophon"))
    if col.printer:
        lines.append(([Part(f"{ctx.label('printer')}: {col.printer}")], "colophon.printer"))
    if col.edition:
        lines.append(([Part(col.edition)], "colophon.edition"))
    if cat.publisher:
        lines.append(([Part(f"{ctx.label('publisher')}: {cat.publisher}" + (f", {cat.year}" if cat.year else ""))],
                      "publisher"))
    if col.copyright:
        lines.append(([Part(col.copyright)], "colophon.copyright"))
    if col.isbn:
        isbn = col.isbn if col.isbn.upper().startswith("ISBN") else f"ISBN {col.isbn}"
        lines.append(([Part(isbn)], "colophon.isbn"))

    def origin(key: str) -> Origin:
        return Origin(cat.origin.file, cat.field_lines.get(key) or cat.field_lines.get("colophon"))

    blocks = [ts.block(parts, "colophon", width, origin(key), first_indent=0.0) for parts, key in lines]
    if col.acknowledgements:
        blocks.extend(ts.block(p, "colophon", width, p.origin, first_indent=0.0)
                      for p in col.acknowledgements.paragraphs)
    area = geo.text_area(number)
    height = stack_height(blocks)
    heads = running_heads(ctx, cat.title, ctx.label("colophon"), title_origin(ctx))
    if height <= area.height:
        page = Draft(kind, heads=heads if kind == "colophon" else None, anchors=[kind],
                     outline=[(ctx.label("colophon"), 0)] if kind == "colophon" else [])
        placed, _ = stack(blocks, area.x, area.y + height, width)
        page.items.extend(placed)
        return [page]
    drafts = flowing(ctx, kind, number, [], blocks, heads, columns=1)
    drafts[0].anchors.append(kind)
    if kind == "colophon":
        drafts[0].outline.append((ctx.label("colophon"), 0))
    return drafts


def back_cover(ctx: Context, number: int, background: bool = True, blurb: bool = True) -> list[Draft]:
    """The back cover: the blurb at the head (`blurb`: unless a jacket's flap carries it), the title,
    publisher and ISBN barcode at the foot. `background` as for `cover`."""
    cat, ts, geo = ctx.catalog, ctx.setter, ctx.geometry
    area = geo.text_area(number)
    page = Draft("back_cover")
    if background:
        page.items.append(Fill(geo.bleed_box, cover_colour(ctx)))
    origin = Origin(cat.origin.file, cat.field_lines.get("title"))
    texts = [cat.title]
    if cat.publisher:
        texts.append(cat.publisher + (f", {cat.year}" if cat.year else ""))
    if cat.colophon.isbn:
        texts.append(cat.colophon.isbn if cat.colophon.isbn.upper().startswith("ISBN")
                     else f"ISBN {cat.colophon.isbn}")
    col = cat.colophon
    where = ctx.layout.barcode.position
    x, width = area.x, area.width
    if col.isbn and col.isbn13 and where != "none":  # the ISBN prints under its barcode, not in the text
        texts.pop()
        box_width, box_height = barcode.size(ctx, bool(col.price_code))
        right = where == "bottom_right"
        box = Rect(area.right - box_width if right else area.x, area.y, box_width, box_height)
        page.items.extend(barcode.items(ctx, col.isbn13, col.isbn, col.price_code, box))
        width = max(area.width - box_width - geo.page.gutter, area.width * 0.3)
        x = area.x if right else area.right - width
    blocks = [ts.block(text, "back_cover", width, origin) for text in texts]
    foot = min(area.y + stack_height(blocks), area.top)
    placed, _ = stack(blocks, x, foot, width)
    page.items.extend(placed)
    report_overflow(ctx, number, placed, area.y, area.top, "the back cover text")
    if blurb and cat.blurb:
        lines = blurb_lines(ctx, area)
        page.items.extend(lines)
        barcode_top = area.y + barcode.size(ctx, bool(col.price_code))[1] if col.isbn13 and where != "none" else 0.0
        report_overflow(ctx, number, lines, max(foot, barcode_top) + ts.style("blurb").leading, area.top,
                        "the blurb on the back cover")
    return [page]


def blurb_lines(ctx: Context, area: Rect) -> list[TextLine]:
    """The catalog's blurb set from the head of `area` (a back cover, a jacket's front flap)."""
    blurb = ctx.catalog.blurb
    if blurb is None:
        return []
    width = min(area.width, ctx.setter.style("blurb").size * BLURB_MEASURE)
    blocks = [ctx.setter.block(p, "blurb", width, p.origin, first_indent=0.0) for p in blurb.paragraphs]
    lines, _ = stack(blocks, area.x, area.top, width)
    return lines


def blank() -> Draft:
    return Draft("blank")


def padding(ctx: Context, number: int, kind: str) -> Draft:
    """A page that fills the count up to the layout's page_multiple. An 'image' page with no image
    left to show (every one is printed elsewhere) stays blank; the draft's kind says what was made."""
    if kind == "image":
        return padding_image(ctx, number) or blank()
    return blank() if kind == "blank" else notes(ctx, number)


def notes(ctx: Context, number: int) -> Draft:
    """A titled page of evenly spaced hairlines across the text area, for visitors' notes: the rules
    are spaced two body lines apart (never closer than NOTES_SPACING), stretched a little so that
    the last one sits on the foot of the text area."""
    cat, ts, geo = ctx.catalog, ctx.setter, ctx.geometry
    area = geo.text_area(number)
    heads = running_heads(ctx, cat.title, ctx.label("notes"), title_origin(ctx))
    page = Draft("notes", heads=heads, opening=True)
    head = heading_blocks(ctx, ctx.label("notes"), area.width)
    lines, bottom = stack(head, area.x, area.top, area.width)
    page.items.extend(lines)
    report_overflow(ctx, number, lines, area.y, area.top, "the notes heading")
    target = max(2 * ts.style("body").leading, NOTES_SPACING)
    room = bottom - area.y
    count = int(room / target + 0.5)
    if count < 1:
        return page
    spacing = room / count
    colour = ctx.layout.colours.get("rule", ts.style("caption").colour)
    for index in range(count):
        y = area.y + index * spacing
        page.items.append(Rule(area.x, y, area.right, y, NOTES_RULE, colour))
    return page


@dataclass(frozen=True)
class _Shown:
    """An image a padding page can show again, with the caption line that names it."""

    path: Path
    origin: Origin
    caption: list[Part]
    caption_origin: Origin


def _works_by_image(ctx: Context) -> dict[Path, tuple[str, Work]]:
    works: dict[Path, tuple[str, Work]] = {}
    for artist in ctx.catalog.artists:
        for work in artist.works:
            if work.image is not None:
                works.setdefault(work.image, (artist.name, work))
    return works


def shown(ctx: Context, path: Path, origin: Origin) -> _Shown:
    """An image with the caption line that names it: the artist, title and year of its work, else the
    catalogue's (the cover image when it is no work)."""
    works = _works_by_image(ctx)
    if path not in works:
        return _Shown(path, origin, [Part(f"{ctx.label('cover')}: "), Part(ctx.catalog.title, italic=True)],
                      title_origin(ctx))
    name, work = works[path]
    parts = [Part(f"{name}, "), Part(work.title, italic=True)]
    if work.year:
        parts.append(Part(f", {work.year}"))
    return _Shown(path, origin, parts, work.origin)


def _shown_images(ctx: Context) -> list[_Shown]:
    """The cover image first, then every work's image in catalog order, each once."""
    cat = ctx.catalog
    found: list[_Shown] = []
    if cat.cover_image:
        found.append(shown(ctx, cat.cover_image, Origin(cat.origin.file, cat.field_lines.get("cover.image"), "cover")))
    found.extend(shown(ctx, path, work.origin) for path, (_, work) in _works_by_image(ctx).items()
                 if path != cat.cover_image)
    # Only an image the book does not print elsewhere (a work the plates leave out, a view): padding is
    # never a repeat, least of all a third showing of the cover image.
    return [image for image in found if not ctx.printed.get(image.path, 0)]


def padding_image(ctx: Context, number: int) -> Draft | None:
    """An image the book prints nowhere else (a work the plates leave out), fitted within
    the margins over a one-line caption that names it. No running head or folio: it is a picture
    page. None when the catalog has no image to show."""
    left_out = _shown_images(ctx)
    return image_page(ctx, number, left_out[0]) if left_out else None


def image_page(ctx: Context, number: int, image: _Shown, kind: str = "image") -> Draft:
    """One image within the margins over its caption line (a padding page, a frontispiece)."""
    ctx.printed[image.path] = ctx.printed.get(image.path, 0) + 1
    ts, geo = ctx.setter, ctx.geometry
    area = geo.text_area(number)
    gap = ctx.layout.plates.caption_gap
    captions = [ts.block(image.caption, "caption", area.width, image.caption_origin, first_indent=0.0,
                         space_before=0.0, space_after=0.0)]
    caption_height = stack_height(captions)
    info = ctx.images.probe(image.path, image.origin)
    box = Rect(area.x, area.y + caption_height + gap, area.width, max(area.height - caption_height - gap, 1.0))
    rect = contain(info.width, info.height, box)
    group = rect.height + gap + caption_height  # optically centred, a little above the middle, as plates are
    rect = Rect(rect.x, area.top - max(area.height - group, 0.0) * 0.42 - rect.height, rect.width, rect.height)
    page = Draft(kind, items=[ImagePlacement(image.path, rect, rect, info.ppi(rect.width), image.origin)])
    widest = max((line.width for block in captions for line in block.lines), default=0.0)
    left = max(min(rect.x, area.right - widest), area.x)  # under the image, never past the text area
    lines, _ = stack(captions, left, rect.y - gap, area.width)
    page.items.extend(lines)
    report_overflow(ctx, number, lines, area.y, area.top, "the caption of the image page")
    return page
