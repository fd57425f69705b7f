"""Preflight findings about type the press cannot print cleanly, and about a trim the service does not
print. Each text finding names the line's own file and line (its TextLine origin) where it has one, else
the layout's style, so a designer goes straight to the words or the style to change.

The thresholds are the press profile's (`type:` in presses/*.yaml, where each figure is cited); none is
checked where the profile leaves it at 0."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..colour import Inks, Swatch
from ..errors import Problem
from ..model import Origin
from ..plan.pages import DocumentPlan, ImagePlacement, TextLine
from ..specs.press import PressProfile
from ..text import fonts
from ..units import Rect, mm

PAPER_WHITE = 0.9   # a text colour this light (DeviceGray level) or lighter is the paper showing through
INK = 0.005         # an ink amount below half a per cent is no ink at all (rounding of converted colours)

StyleOrigin = Callable[[Swatch, str], Origin]


def trim_findings(plan: DocumentPlan, press: PressProfile) -> Iterator[Problem]:
    """A print-on-demand service prints a fixed list of trims; any other size is refused at upload."""
    if not press.trims:
        return
    size = (plan.width, plan.height)
    if any(_same(size, trim) or _same(size, (trim[1], trim[0])) for trim in press.trims):
        return
    origin = press.origin("trims")
    yield Problem(f"the trim {_mm(size)} is not one '{press.name}' prints", origin.file, origin.line,
                  hint="use a layout with one of the trims the press profile lists, or another press",
                  severity="warning", code="trim-size")


def type_findings(plan: DocumentPlan, press: PressProfile, style_origin: StyleOrigin) -> Iterator[Problem]:
    """Small type in a screened grey (grey presses), reversed out of a photograph, in too many process
    inks, or in an ink too light to print: each at most once per style and kind."""
    inks = press.colour.inks()
    seen: set[tuple[str, str]] = set()
    for page in plan.pages:
        photos = [item.visible for item in page.items if isinstance(item, ImagePlacement)]
        for line in (item for item in page.items if isinstance(item, TextLine) and item.text.strip()):
            for piece in line.pieces:
                swatch = piece.colour or line.colour
                found = _finding(line, piece.size, swatch, photos, press, inks)
                if found is None or (found[0], line.style) in seen:
                    continue
                seen.add((found[0], line.style))
                code, message, hint = found
                origin = line.origin if line.origin.file else style_origin(swatch, line.style)
                yield Problem(f"{piece.size:g} pt text '{_short(line.text)}' in style '{line.style}' {message}, "
                              f"first on {page.name}", origin.file, origin.line, hint=hint,
                              severity="warning", code=code, page=page.folio, where=line.style)


def _finding(line: TextLine, size: float, swatch: Swatch, photos: list[Rect], press: PressProfile,
             inks: Inks) -> tuple[str, str, str] | None:
    """(code, message, hint) for the first rule this piece of text breaks, or None."""
    rules, name = press.type, press.name
    paint = inks.paint(swatch, item=line)
    small_grey = press.colour.space == "gray" and size < rules.grey_min and rules.small_grey == "report"
    if small_grey and isinstance(paint, tuple) and paint[0] == "gray" and 0 < paint[1][0] < PAPER_WHITE:
        return ("grey-text", f"prints in {1 - paint[1][0]:.0%} grey, which '{name}' screens into dots below "
                f"{rules.grey_min:g} pt", "use the layout's black for small text, or set the press's "
                "'type.small_grey: black'")
    if rules.reversed_min and size < rules.reversed_min and swatch.grey >= PAPER_WHITE:
        box = _box(line)
        if any(box.overlaps(photo) for photo in photos):
            return ("reversed-text", f"is reversed out of a photograph, below the {rules.reversed_min:g} pt "
                    f"'{name}' holds open", f"set it at {rules.reversed_min:g} pt or more, bold, or on a plain area")
    if press.colour.space == "cmyk" and swatch.spot is None:
        cmyk = inks.cmyk(swatch)
        used = [value for value in cmyk if value >= INK]
        if rules.inks_min and size < rules.inks_min and len(used) > rules.inks_max:
            return ("multi-ink-text", f"prints in {len(used)} inks ({_cmyk(cmyk)}), more than the {rules.inks_max} "
                    f"'{name}' registers at under {rules.inks_min:g} pt",
                    f"use black or a colour of at most {rules.inks_max} inks, or {rules.inks_min:g} pt or more")
        faint = [value for value in used if value * 100 < rules.tint_floor] if size < rules.inks_min else []
        if faint:
            return ("faint-tint", f"has an ink at {min(faint):.2%}, under the {rules.tint_floor:g} % '{name}' "
                    f"prints reliably ({_cmyk(cmyk)})", "take that ink out of the colour, or raise it to the floor")
    return None


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Equal within a point: '6in x 9in' and a layout's 152.4 mm agree."""
    return abs(a[0] - b[0]) <= 1 and abs(a[1] - b[1]) <= 1


def _box(line: TextLine) -> Rect:
    """Roughly the area the line's type covers (horizontal lines; enough to tell what it sits on)."""
    size = max(piece.size for piece in line.pieces)
    first, last = line.pieces[0], line.pieces[-1]
    end = last.x + fonts.width(last.text, last.font, last.size, last.tracking)
    return Rect(line.x + first.x, line.y - 0.25 * size, end - first.x, size)


def _cmyk(cmyk: tuple[float, ...]) -> str:
    return " ".join(f"{ink}{round(value * 100, 1):g}" for ink, value in zip("CMYK", cmyk, strict=True) if value >= INK)


def _mm(size: tuple[float, float]) -> str:
    return f"{size[0] / mm(1):.1f} × {size[1] / mm(1):.1f} mm"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:27] + "..."
