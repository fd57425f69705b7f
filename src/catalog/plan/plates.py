"""An artist's plates: each arrangement's template drawn onto its page or spread. Images hang from the
top of their frame (or stand on a shared caption line), captions go where the layout puts them, and a
caption is printed over a photograph only where a template asks, checked for contrast."""

from __future__ import annotations

from dataclasses import dataclass

from ..colour import Swatch
from ..content.dimensions import longest_side
from ..errors import Problem
from ..images.probe import ImageInfo
from ..model import Artist, Crop
from ..specs.templates import Frame
from ..text.setter import Block
from ..units import Rect
from .captions import Say, caption_groups, stack_groups
from .context import Context, Draft, recolour, stack_height
from .front import blank, contain, cover_rect, report_overflow, title_origin
from .heads import running_heads
from .pages import ImagePlacement, TextLine
from .records import check_orientation
from .sequence import Shot, Unit, arrange, aspect, on_pages, shots, stated

__all__ = ["Shot", "Unit", "centre_shot", "draw", "opener_plate", "opener_shot", "picked", "plates"]

PLATE_MIN = 0.25  # of a frame's height: an image keeps at least this much when its caption is long
WHITE = Swatch(1.0, 1.0, 1.0)


def plates(ctx: Context, number: int, artist: Artist, skip: frozenset[str] = frozenset()) -> list[Draft]:
    """The artist's plates from page `number`, the images in `skip` (anchors; shown by the opener) left out."""
    available = [shot for shot in shots(ctx, artist) if shot.anchor not in skip and picked(ctx, artist, shot)]
    drafts: list[Draft] = []
    for unit in on_pages(arrange(ctx, artist, available), number):
        if unit is None:
            drafts.append(blank())
            continue
        drafts.extend(draw(ctx, number + len(drafts), artist, unit))
    if drafts:
        first = next((d for d in drafts if d.kind == "plate"), drafts[0])
        first.anchors.insert(0, f"artist:{artist.slug}:plates")
        first.outline.append((ctx.label("plates"), 1))
    return drafts


def picked(ctx: Context, artist: Artist, shot: Shot) -> bool:
    """Whether the layout's pick (plates.pick) takes this image: the works' own images, one from each
    artist in turn, in the order of the works, until the pick is full."""
    wanted = ctx.layout.plates.pick
    if not wanted:
        return True
    if ctx.picked is None:
        queues = [[(a.slug, s.anchor) for s in shots(ctx, a) if s.view == 0] for a in ctx.catalog.artists]
        chosen: set[tuple[str, str]] = set()
        while len(chosen) < wanted and any(queues):
            for queue in queues:
                if queue and len(chosen) < wanted:
                    chosen.add(queue.pop(0))
        ctx.picked = frozenset(chosen)
    return (artist.slug, shot.anchor) in ctx.picked


def centre_shot(ctx: Context) -> tuple[Artist, Shot] | None:
    """The work a saddle-stitched book prints across its centre spread (the one spread that prints
    unbroken): one marked `size: spread`, else the widest landscape of the book; None when the layout
    does not ask or no work is landscape."""
    if not ctx.layout.centre_spread or "spread" not in ctx.layout.templates:
        return None
    candidates = [(artist, shot) for artist in ctx.catalog.artists for shot in shots(ctx, artist)
                  if shot.view == 0 and picked(ctx, artist, shot)]
    marked = [pair for pair in candidates if pair[1].work.size == "spread"]
    wide = sorted((pair for pair in candidates if aspect(ctx, pair[1]) > 1.2),
                  key=lambda pair: -aspect(ctx, pair[1]))
    chosen = marked or wide
    return chosen[0] if chosen else None


def opener_shot(ctx: Context, artist: Artist) -> Shot | None:
    """The image an opener spread shows on its left page: the artist's first upright work, one that
    asks for the bleed first, and not one the artist's sequence places or one to be shown small; None (a
    one-page opener) when the layout has none or no such work is left."""
    if ctx.layout.opener != "spread" or "opener" not in ctx.layout.artist_sections:
        return None
    placed = stated(artist)
    upright = [shot for shot in shots(ctx, artist) if shot.view == 0 and not shot.work.print_size
               and _upright(ctx, shot) and (shot.index, shot.view) not in placed and picked(ctx, artist, shot)]
    return next((shot for shot in upright if shot.work.bleed), upright[0] if upright else None)


def _upright(ctx: Context, shot: Shot) -> bool:
    """Whether the image fills the page to the bleed losing no more than plates.max_crop of it."""
    info = ctx.images.probe(shot.image, shot.origin)
    box = ctx.geometry.designed_bleed_box
    aspect, page = info.width / info.height, box.width / box.height
    return 100 * (1 - min(aspect, page) / max(aspect, page)) <= ctx.layout.plates.max_crop


def opener_plate(ctx: Context, number: int, artist: Artist, shot: Shot) -> tuple[Draft, list[TextLine]]:
    """The left page of an opener spread, the plate to the bleed, and its caption, set at the foot of
    the right page (the opener), where it names the plate without printing over it."""
    page = Draft("plate")
    say = _say(ctx, artist, shot)
    detail = _bleed(ctx, number, Frame("image", 1, 1, None, "bleed", None, "cover"), shot, page, say, False)
    _remember(ctx, artist, shot, page)
    if detail:
        say = Say(ctx.label("detail"), say.number, say.artist)
    recto = ctx.geometry.text_area(number + 1)
    text = _caption(ctx, shot, _caption_width(ctx, number + 1, recto), say)
    return page, stack_groups(ctx, text.groups, recto.x, recto.y + text.height, text.width)


@dataclass(frozen=True)
class Caption:
    """A plate's caption, set: its groups (one per language side by side, or one), their width, height."""

    groups: list[tuple[float, list[Block]]]
    width: float
    height: float


def draw(ctx: Context, number: int, artist: Artist, unit: Unit, area: Rect | None = None) -> list[Draft]:
    """The unit's pages from `number` (the left page, for a two-page unit). `area`: a one-page unit's
    grid laid over this part of the page instead of the text area (works under an artist's entry)."""
    pages = [Draft("plate") for _ in range(unit.template.pages)]
    bleeding = {frame.page for frame in unit.template.images() if frame.area != "cell"}
    if unit.template.images()[0].area == "spread":
        bleeding = {1, 2}
    for index, page in enumerate(pages, start=1):
        if index not in bleeding:  # no folio or running head over a photograph
            page.heads = running_heads(ctx, ctx.catalog.title, artist.name, title_origin(ctx), artist.origin)
    framed = {frame.slot for frame in unit.template.frames if frame.role == "caption"}
    for frame in unit.template.images():
        shot = unit.shots[frame.slot - 1]
        say = _say(ctx, artist, shot)
        at = number + frame.page - 1
        if frame.area == "spread":
            _spread(ctx, at, frame, shot, pages)
            detail = False
        elif frame.area == "bleed":
            detail = _bleed(ctx, at, frame, shot, pages[frame.page - 1], say, caption=frame.slot not in framed)
        else:
            _in_cell(ctx, at, frame, shot, pages[frame.page - 1], say, frame.slot not in framed, area)
            detail = False
        _remember(ctx, artist, shot, pages[frame.page - 1])
        if frame.slot in framed:
            if detail:
                say = Say(ctx.label("detail"), say.number, say.artist)
            target = unit.template.caption_frame(frame.slot)
            assert target is not None
            _caption_frame(ctx, number + target.page - 1, target, shot, pages[target.page - 1], say)
    return pages


def _say(ctx: Context, artist: Artist, shot: Shot) -> Say:
    plates = ctx.layout.plates
    ctx.plate_count += 1
    credited = ctx.catalog.credited(artist, shot.work)
    named = plates.caption_artist == "always" or (plates.caption_artist == "auto" and len(ctx.catalog.artists) > 1)
    named = named or credited != artist.name  # a collaboration, or another's work in this section: always said
    return Say(shot.note, ctx.plate_count if plates.numbered else None, credited if named else None)


def _remember(ctx: Context, artist: Artist, shot: Shot, page: Draft) -> None:
    """Anchors for the list of works (a work's first plate) and the plate's number."""
    key = f"work:{artist.slug}:{shot.index}"
    if key not in ctx.plate_numbers:
        ctx.plate_numbers[key] = ctx.plate_count
        page.anchors.append(key)
        if not shot.view and not shot.crop:
            check_orientation(ctx, shot)
    ctx.printed[shot.image] = ctx.printed.get(shot.image, 0) + 1


def _caption(ctx: Context, shot: Shot, width: float, say: Say) -> Caption:
    if ctx.layout.plates.numbered and say.number is not None:  # the plate carries its number only
        block = ctx.setter.block(str(say.number), "caption", width, shot.origin, first_indent=0.0,
                                 space_before=0.0, space_after=0.0)
        return Caption([(0.0, [block])], width, stack_height([block]))
    groups, group_width = caption_groups(ctx, shot.work, width, say)
    return Caption(groups, group_width, max(drop + stack_height(group) for drop, group in groups))


def _caption_width(ctx: Context, number: int, box: Rect) -> float:
    """A caption keeps to a readable measure: a column of the text area, or most of a one-column page;
    in a narrow cell, the cell."""
    geo = ctx.geometry
    area = geo.text_area(number)
    if box.width < area.width * 0.75:
        return box.width
    return min(box.width, geo.column_width if geo.page.columns > 1 else area.width * 0.8)


def fit(info: ImageInfo, box: Rect, crop: Crop | None, valign: float,
        longest: float | None = None) -> tuple[Rect, Rect]:
    """(where the whole image is drawn, what of it shows): the image, or the part `crop` gives, as
    large as fits in `box` (and, given `longest`, no longer than that on its longer side, centred across the
    box), hung at `valign` (1: the top)."""
    if longest is not None:
        rect, shown = fit(info, box, crop, valign)
        scale = longest / max(shown.width, shown.height)
        if scale < 1:
            width, height = shown.width * scale, shown.height * scale
            box = Rect(box.x + (box.width - width) / 2, box.top - height if valign else box.y, width, height)
    if crop is None:
        rect = contain(info.width, info.height, box, valign)
        return rect, rect
    shown = contain(max(1, round(info.width * crop.width)), max(1, round(info.height * crop.height)), box, valign)
    return _around(shown, crop), shown


def _around(shown: Rect, crop: Crop) -> Rect:
    """The whole image's rectangle when its part `crop` fills `shown`."""
    width, height = shown.width / crop.width, shown.height / crop.height
    return Rect(shown.x - crop.left * width, shown.top + crop.top * height - height, width, height)


def _in_cell(ctx: Context, number: int, frame: Frame, shot: Shot, page: Draft, say: Say, caption: bool,
             area: Rect | None = None) -> None:
    geo, spec = ctx.geometry, ctx.layout.plates
    box = geo.cell_in(area, ctx.layout.grid, frame.cell) if area else geo.cell(number, ctx.layout.grid, frame.cell)
    info = ctx.images.probe(shot.image, shot.origin)
    # the work itself, not a detail or a view, may be shown at its own size
    longest = longest_side(shot.work.print_size, shot.work.dimensions) if not shot.view and not shot.crop else None
    placement = frame.captions or ("below" if spec.captions == "list" else spec.captions)
    if not caption:
        placement = "none"
    gap = spec.caption_gap
    valign = 1.0 if spec.hang == "top" else 0.0
    if placement == "outer":
        column = (box.width - (ctx.layout.grid.columns - 1) * ctx.layout.grid.gutter) / ctx.layout.grid.columns \
            if frame.cell is None else geo.cell(number, ctx.layout.grid, (1, 1, 1, 1)).width
        column = max(column, box.width * 0.25)
        recto = number % 2 == 1
        image_box = Rect(box.x if recto else box.x + column + gap, box.y, box.width - column - gap, box.height)
        rect, shown = fit(info, image_box, shot.crop, valign, longest)
        text = _caption(ctx, shot, column, say)
        x = box.right - column if recto else box.x
        top = min(shown.y + text.height, shown.top)
        lines = stack_groups(ctx, text.groups, x, top, text.width)
    elif placement == "below":
        width = _caption_width(ctx, number, box)
        text = _caption(ctx, shot, width, say)
        reserve = text.height if spec.hang == "top" else _reserve(ctx, number, frame, width)
        height = max(box.height - reserve - gap, box.height * PLATE_MIN)
        rect, shown = fit(info, Rect(box.x, box.top - height, box.width, height), shot.crop, valign, longest)
        left = max(min(shown.x, box.right - width), box.x)  # under the image, never past the frame
        lines = stack_groups(ctx, text.groups, left, shown.y - gap, text.width)
    else:
        rect, shown = fit(info, box, shot.crop, valign, longest)
        lines = []
    page.items.append(ImagePlacement(shot.image, rect, shown, info.ppi(rect.width), shot.origin))
    page.items.extend(lines)
    report_overflow(ctx, number, lines, geo.text_area(number).y - geo.page.margins.bottom * 0.3,
                    geo.text_area(number).top, f"the caption of {shot.origin.key or 'a work'}")


def _reserve(ctx: Context, number: int, frame: Frame, width: float) -> float:
    """The caption room under images that stand on a shared caption line: the tallest caption any
    plate of the book sets at this width, so that facing plates' captions start on one line."""
    key = round(width, 2)
    if key not in ctx.caption_reserve:
        tallest = 0.0
        for artist in ctx.catalog.artists:
            for shot in shots(ctx, artist):
                tallest = max(tallest, _caption(ctx, shot, width, Say(shot.note, None, None)).height)
        ctx.caption_reserve[key] = tallest
    return ctx.caption_reserve[key]


def _bleed(ctx: Context, number: int, frame: Frame, shot: Shot, page: Draft, say: Say, caption: bool) -> bool:
    """A plate to the page's bleed; returns whether it shows only a part of the image (a detail)."""
    geo, spec = ctx.geometry, ctx.layout.plates
    info = ctx.images.probe(shot.image, shot.origin)
    box = geo.bleed_box
    if shot.crop is not None:
        part = Rect(0, 0, info.width * shot.crop.width, info.height * shot.crop.height)
        shown = cover_rect(round(part.width) or 1, round(part.height) or 1, box)
        rect = _around(shown, shot.crop)
        detail = True
    else:
        rect = _focused(cover_rect(info.width, info.height, box), box, shot)
        designed = geo.designed_bleed_box
        detail = _cropped(ctx, number, shot, _focused(cover_rect(info.width, info.height, designed), designed, shot),
                          designed)
    placement = ImagePlacement(shot.image, rect, box, info.ppi(rect.width), shot.origin)
    page.items.append(placement)
    if caption and spec.bleed_caption == "overlay":
        if detail and not shot.note:
            say = Say(ctx.label("detail"), say.number, say.artist)
        area = geo.text_area(number)
        text = _caption(ctx, shot, _caption_width(ctx, number, area), say)
        lines = stack_groups(ctx, text.groups, area.x, min(area.y + text.height, area.top), text.width)
        page.items.extend(_over_image(ctx, number, lines, placement, info, shot, text.width))
    return detail


def _focused(rect: Rect, box: Rect, shot: Shot) -> Rect:
    """A covering image moved across so that the work's focus sits as near the box's middle as the
    image's overhang allows."""
    focus = _focus(shot)
    if focus is None:
        return rect
    x = box.x + box.width / 2 - focus * rect.width
    return Rect(min(max(x, box.right - rect.width), box.x), rect.y, rect.width, rect.height)


def _focus(shot: Shot) -> float | None:
    text = shot.work.focus
    return float(text.strip().rstrip("%")) / 100 if text else None


def _spread(ctx: Context, verso: int, frame: Frame, shot: Shot, pages: list[Draft]) -> None:
    """One image across both pages, written as two halves that meet at the spine: the left page shows
    it up to the spine, the right page from it. The work's focus is kept out of the gutter allowance."""
    geo, spec = ctx.geometry, ctx.layout.plates
    info = ctx.images.probe(shot.image, shot.origin)
    box = geo.spread_box(verso, ctx.layout.grid, frame.cell)
    spine = geo.page.width
    if shot.crop is not None:
        shown = cover_rect(max(1, round(info.width * shot.crop.width)), max(1, round(info.height * shot.crop.height)),
                           box)
        rect = _around(shown, shot.crop)
    else:
        rect = _focused(cover_rect(info.width, info.height, box), box, shot)
    focus = _focus(shot)
    allowance = spec.gutter_allowance
    if focus is not None and allowance > 0:
        at = rect.x + focus * rect.width
        if abs(at - spine) < allowance:
            target = spine - allowance if at < spine else spine + allowance
            x = min(max(rect.x + target - at, box.right - rect.width), box.x)
            rect = Rect(x, rect.y, rect.width, rect.height)
            if abs(rect.x + focus * rect.width - spine) < allowance - 0.5:
                ctx.findings.append(Problem(
                    f"the subject of {shot.work.title!r} (focus {shot.work.focus}) falls in the gutter of the spread "
                    f"on pages {verso}-{verso + 1}: the image has too little to spare to move it",
                    shot.origin.file, shot.origin.line, severity="warning", code="spread-gutter",
                    hint="choose a wider image for the spread, or another arrangement"))
    ppi = info.ppi(rect.width)
    left = Rect(box.x, box.y, spine - box.x, box.height)
    right = Rect(0.0, box.y, box.right - spine, box.height)
    pages[0].items.append(ImagePlacement(shot.image, rect, left, ppi, shot.origin))
    pages[1].items.append(ImagePlacement(shot.image, rect.moved(-spine, 0.0), right, ppi, shot.origin))


def _caption_frame(ctx: Context, number: int, frame: Frame, shot: Shot, page: Draft, say: Say) -> None:
    """A caption set in its own frame; over an image on its page, in the colour that reads best,
    with its contrast checked."""
    box = ctx.geometry.cell(number, ctx.layout.grid, frame.cell)
    text = _caption(ctx, shot, box.width, say)
    top = min(box.y + text.height, box.top) if frame.align == "bottom" else box.top
    lines = stack_groups(ctx, text.groups, box.x, top, text.width)
    under = [item for item in page.items if isinstance(item, ImagePlacement) and item.clip.overlaps(box)]
    if under:
        info = ctx.images.probe(under[0].path, under[0].origin)
        lines = _over_image(ctx, number, lines, under[0], info, shot, text.width)
    page.items.extend(lines)
    report_overflow(ctx, number, lines, box.y - ctx.setter.style("caption").leading, box.top,
                    f"the caption of {shot.origin.key or 'a work'}")


def _over_image(ctx: Context, number: int, lines: list[TextLine], placement: ImagePlacement, info: ImageInfo,
                shot: Shot, width: float) -> list[TextLine]:
    """Caption lines over a photograph: in the layout's text colour or white, whichever contrasts more
    with the image under them; below plates.min_contrast, a warning naming the work."""
    if not lines:
        return lines
    size = ctx.setter.style("caption").size
    x0 = min(line.x for line in lines)
    x1 = x0 + width
    y0, y1 = min(line.y for line in lines) - size * 0.3, max(line.y for line in lines) + size
    rect = placement.rect
    frac = ((x0 - rect.x) / rect.width, (rect.top - y1) / rect.height,
            (x1 - rect.x) / rect.width, (rect.top - y0) / rect.height)
    box = tuple(min(max(v, 0.0), 1.0) for v in frac)
    under = _linear(ctx.images.luminance(info, (box[0], box[1], box[2], box[3]), shot.origin))
    dark = ctx.layout.colours["text"]
    options = [(contrast(under, _swatch_luminance(dark)), dark), (contrast(under, 1.0), WHITE)]
    ratio, colour = max(options, key=lambda option: option[0])
    limit = ctx.layout.plates.min_contrast
    if ratio < limit:
        ctx.findings.append(Problem(
            f"the caption printed over {shot.work.title!r} on page {number} has a contrast of {ratio:.1f}:1 with "
            f"the image under it, below the {limit:g}:1 the layout asks (plates.min_contrast)",
            shot.origin.file, shot.origin.line, severity="warning", code="caption-contrast", page=number,
            hint="use a layout that sets captions beside the image (plates.bleed_caption: facing), or another image"))
    return recolour(lines, colour)


def contrast(a: float, b: float) -> float:
    """The contrast ratio of two relative luminances, as WCAG 2.1 defines it (success criterion 1.4.3,
    https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): (lighter + 0.05) / (darker + 0.05), 1 to 21."""
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _linear(value: float) -> float:
    """sRGB's transfer function undone (IEC 61966-2-1, as WCAG's relative luminance uses it)."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _swatch_luminance(swatch: Swatch) -> float:
    r, g, b = (_linear(v) for v in (swatch.r, swatch.g, swatch.b))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _cropped(ctx: Context, number: int, shot: Shot, rect: Rect, box: Rect) -> bool:
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
    if shot.work.crop != "allow":
        at = shot.origin
        ctx.findings.append(Problem(
            f"the full-bleed plate of {shot.work.title!r} on page {number} cuts off {lost:.0f} % of the image, more "
            f"than the {limit} % the layout allows (plates.max_crop); its caption says ({ctx.label('detail')})",
            at.file, at.line, severity="warning", code="plate-crop",
            hint="print it whole with 'bleed: false', or say 'crop: allow' if the detail is meant"))
    return True
