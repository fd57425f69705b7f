"""The cover sheet of a bound book: back, spine and front in one piece, with a jacket's flaps or a
case's turn-ins and hinges. The front and back are the layout's own cover pages set into their
panels; the title runs along the spine when the spine is wide enough for the type."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..model import Catalog, Origin
from ..specs.binding import Binding
from ..specs.layouts import LayoutSpec
from ..text.fonts import FontBook
from ..text.setter import Part, Typesetter
from ..units import Rect, to_mm
from . import front
from .context import Context, ImageFacts, stack, stack_height
from .document import metadata
from .geometry import Geometry
from .pages import COVER_SHEET, DocumentPlan, Fill, Item, Page, TextLine, moved

CAP = 0.7  # of the type size: about a capital's height, which the spine's title is centred on


@dataclass(frozen=True)
class Wrap:
    """Where each part of the cover sheet lies, in its trim coordinates (points), left to right as
    the sheet is printed: (back flap,) back, spine, front (, front flap)."""

    width: float
    height: float
    back: Rect
    spine: Rect
    front: Rect
    flaps: tuple[Rect, ...]          # back flap, front flap (a jacket)
    folds: tuple[tuple[str, float], ...]
    page_at: tuple[tuple[float, float], tuple[float, float]]  # where the back and front pages' (0, 0) land


def wrap_geometry(page: tuple[float, float], spine: float, binding: Binding) -> Wrap:
    """A perfect-bound cover is back + spine + front at the page's size. A case adds the hinges
    beside the spine, the boards' overhang and a turn-in all round; a jacket adds a flap each side."""
    width, height = page
    turn, hinge, over = binding.turn_in, binding.hinge, binding.board_overhang
    flap = (binding.flap or width / 2) if binding.kind.flaps else 0.0
    panel_w, panel_h = width + over, height + 2 * over
    x = turn + flap
    back = Rect(x, turn, panel_w, panel_h)
    ridge = Rect(back.right + hinge, turn, spine, panel_h)
    face = Rect(ridge.right + hinge, turn, panel_w, panel_h)
    total_w, total_h = face.right + flap + turn, panel_h + 2 * turn
    flaps = (Rect(turn, turn, flap, panel_h), Rect(face.right, turn, flap, panel_h)) if flap else ()
    across = [back.right, ridge.x, ridge.right, face.x] if hinge else [ridge.x, ridge.right]
    if flap:
        across = [back.x, *across, face.right]
    folds = [("x", x) for x in dict.fromkeys(across)]
    if turn:
        folds += [("x", turn), ("x", total_w - turn), ("y", turn), ("y", total_h - turn)]
    return Wrap(total_w, total_h, back, ridge, face, flaps, tuple(folds),
                ((back.x, back.y + over), (face.x, face.y + over)))


def plan_wrap(catalog: Catalog, layout: LayoutSpec, book: FontBook, binding: Binding, spine: float, pages: int,
              images: ImageFacts | None = None) -> DocumentPlan:
    """The cover sheet as a one-page plan, for render and prepress like any other: the layout's front
    and back cover pages in their panels, the cover colour across the whole sheet to the bleed, the
    title on the spine, the blurb on a jacket's front flap."""
    setter = Typesetter(layout, book, catalog.language)
    ctx = Context(catalog, layout, Geometry(layout.page), setter, {}, images or ImageFacts())
    wrap = wrap_geometry((layout.page.width, layout.page.height), spine, binding)
    bleed = layout.page.bleed if binding.cover_bleed is None else binding.cover_bleed
    items: list[Item] = [Fill(Rect(0, 0, wrap.width, wrap.height).outset(bleed), front.cover_colour(ctx))]
    (back_x, back_y), (front_x, front_y) = wrap.page_at
    flaps = bool(wrap.flaps)
    for draft, (dx, dy) in ((front.back_cover(ctx, 2, background=False, blurb=not flaps)[0], (back_x, back_y)),
                            (front.cover(ctx, 1, background=False)[0], (front_x, front_y))):
        items.extend(moved(item, dx, dy) for item in draft.items)
    if flaps:
        items.extend(_flaps(ctx, wrap))
    items.extend(_spine(ctx, wrap, binding, pages))
    margin = binding.spine_margin
    panels: list[tuple[Rect, float | None]] = [(wrap.back, None), (wrap.front, None), *((f, None) for f in wrap.flaps),
                                               (wrap.spine.inset(margin, 0, margin, 0), 0.0)]
    findings = tuple(p for p in (*setter.problems, *ctx.findings) if p.severity != "error")
    return DocumentPlan(width=wrap.width, height=wrap.height, bleed=bleed,
                        pages=(Page(1, COVER_SHEET, tuple(items), catalog.title),),
                        outline=(), metadata=metadata(catalog), findings=findings,
                        folds=wrap.folds, panels=tuple(panels))


def _flaps(ctx: Context, wrap: Wrap) -> list[TextLine]:
    """A jacket's flaps, inside the page's own margins (the fold as the inside edge): the blurb on the
    front flap; on the back flap who made the book, and what the cover shows."""
    cat, ts = ctx.catalog, ctx.setter
    margins = ctx.layout.page.margins
    back_flap, front_flap = wrap.flaps
    area = front_flap.inset(margins.inside, margins.bottom, margins.outside, margins.top)
    lines = front.blurb_lines(ctx, area)
    front.report_overflow(ctx, 1, lines, area.y, area.top, "the blurb on the jacket's front flap")
    area = back_flap.inset(margins.outside, margins.bottom, margins.inside, margins.top)
    credits = [ts.block(f"{ctx.label(key)}: {name}", "back_cover", area.width,
                        Origin(cat.origin.file, cat.field_lines.get(key)))
               for key, name in (("curator", cat.curator), ("editor", cat.editor)) if name]
    made, _ = stack(credits, area.x, area.top, area.width)
    if cat.cover_image:
        shown = front.shown(ctx, cat.cover_image, Origin(cat.origin.file, cat.field_lines.get("cover.image")))
        label = f"{ctx.label('cover')}: "
        parts = shown.caption if shown.caption[0].text == label else [Part(label), *shown.caption]
        cover = [ts.block(parts, "back_cover", area.width, shown.caption_origin)]
        placed, _ = stack(cover, area.x, area.y + stack_height(cover), area.width)
        made.extend(placed)
    front.report_overflow(ctx, 1, made, area.y, area.top, "the credits on the jacket's back flap")
    return lines + made


def _spine(ctx: Context, wrap: Wrap, binding: Binding, pages: int) -> list[TextLine]:
    """The title along the spine (and the publisher at its foot, when both fit), centred across it;
    left off with a note when the spine is narrower than the type or the printer's page minimum."""
    cat, ts = ctx.catalog, ctx.setter
    if binding.spine_text == "none":
        return []
    style = ts.style("spine")
    ridge = wrap.spine
    origin = Origin(cat.origin.file, cat.field_lines.get("title"))
    need = style.size * CAP + 2 * binding.spine_margin
    why, hint = "", "more pages or thicker paper widen the spine; or set the layout's 'spine' style smaller"
    if binding.spine_text_min_pages and pages < binding.spine_text_min_pages:
        why = f"the printer puts spine text only on books of {binding.spine_text_min_pages} pages or more ({pages})"
        hint = "the printer's rule: the spine stays plain"
    elif ridge.width < binding.spine_text_min:
        why = (f"the printer puts no text on a spine narrower than {to_mm(binding.spine_text_min):g} mm, and this one "
               f"is {to_mm(ridge.width):.1f} mm")
    elif ridge.width < need:
        why = (f"the spine is {to_mm(ridge.width):.1f} mm wide, and its type ({style.size:g} pt with "
               f"{to_mm(binding.spine_margin):.1f} mm clear each side) needs {to_mm(need):.1f} mm")
    if why:
        at = binding.origin("spine_text")
        ctx.findings.append(Problem(f"no title on the spine: {why}", at.file or origin.file,
                                    at.line if at.file else origin.line, severity="info", code="spine-text",
                                    hint=hint))
        return []
    margins = ctx.layout.page.margins
    length = ridge.height - margins.top - margins.bottom
    title = ts.lines(cat.title, style, 1e6, origin, 0.0, "left")[0]
    publisher = cat.publisher.split(",")[0] if cat.publisher else ""
    foot = ts.lines(publisher, style, 1e6, Origin(cat.origin.file, cat.field_lines.get("publisher")),
                    0.0, "left") if publisher else ()
    if title.width > length:
        ctx.findings.append(Problem(
            f"no title on the spine: at {style.size:g} pt it is {to_mm(title.width):.0f} mm long, and the spine "
            f"has {to_mm(length):.0f} mm between the margins", origin.file, origin.line, severity="warning",
            code="spine-text", hint="set the layout's 'spine' style smaller, or shorten the title"))
        return []
    down = binding.spine_text == "down"
    angle = -90.0 if down else 90.0
    x = ridge.x + ridge.width / 2 + (-1 if down else 1) * style.size * CAP / 2
    head, tail = ridge.top - margins.top, ridge.y + margins.bottom
    out = [TextLine(x, head if down else tail, title.pieces, style.colour, "spine", origin, angle)]
    if foot and title.width + foot[0].width + 2 * style.size <= length:
        start = tail + foot[0].width if down else head - foot[0].width
        out.append(TextLine(x, start, foot[0].pieces, style.colour, "spine",
                            Origin(cat.origin.file, cat.field_lines.get("publisher")), angle))
    return out


def cover_size(wrap: DocumentPlan) -> str:
    """The sheet's trim size in mm, for messages."""
    return f"{to_mm(wrap.width):.1f} × {to_mm(wrap.height):.1f} mm"

