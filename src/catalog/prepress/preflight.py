"""Preflight: what a print shop would reject or regret, found before the file is sent, each finding
pointing back to the file and line it came from."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..colour import Paint, Spot, Swatch, total_ink
from ..content.fields import UNFILLED
from ..errors import Problem
from ..images.prepared import Images
from ..model import Blank, Origin
from ..plan.pages import DocumentPlan, Fill, ImagePlacement, Page, Rule, TextLine
from ..specs.layouts import LayoutSpec
from ..specs.press import PressProfile
from ..text import fonts
from ..units import Rect, mm, to_mm
from . import smalltype

SMALL_TEXT = 12.0          # pt: below this, four-colour black shows misregistration
RICH = 0.8                 # K from which a colour reads as black
REACH = mm(1)              # an edge this close to the trim is meant to reach it


@dataclass(frozen=True)
class Preflight:
    """Every check of a planned book against its press before (or without) drawing it: resolution,
    bleed, safe margin, ink, colour spaces, small four-colour text, page count, unfilled TODO fields.
    Each finding names its source file and line."""

    plan: DocumentPlan
    layout: LayoutSpec
    press: PressProfile
    prepared: Images
    project: Path
    blanks: tuple[Blank, ...]  # works fields the loader found still holding UNFILLED (`Loaded.blanks`)

    binding_multiple: int = 1  # the page multiple the binding needs (4 stapled)

    def run(self) -> list[Problem]:
        return self._run(self.resolution, self.bleed, self.safe_margin, self.ink, self.solid_areas, self.rgb_in_cmyk,
                         self.four_colour_text, self.small_type, self.trim_size, self.page_count, self.unfilled)

    def run_sheet(self) -> list[Problem]:
        """A cover sheet's checks: what is on it, not a page count."""
        return self._run(self.resolution, self.bleed, self.safe_margin, self.ink, self.solid_areas, self.rgb_in_cmyk,
                         self.four_colour_text, self.small_type)

    def _run(self, *checks: Callable[[], Iterable[Problem]]) -> list[Problem]:
        findings: list[Problem] = []
        for check in checks:
            findings.extend(check())
        findings.extend(self.plan.findings)
        return sorted(findings, key=_order)

    def _where(self, item: ImagePlacement) -> str:
        return " ".join(part for part in (item.origin.key, _relative(item.path, self.project)) if part)

    def _placements(self) -> Iterator[tuple[Page, ImagePlacement]]:
        for page in self.plan.pages:
            for item in page.items:
                if isinstance(item, ImagePlacement):
                    yield page, item

    def resolution(self) -> Iterator[Problem]:
        minimum = self.press.images.min_ppi
        for page, item in self._placements():
            if item.ppi + 0.5 >= minimum:
                continue
            yield Problem(
                f"image prints at {item.ppi:.0f} ppi on {page.name}, below the {minimum} ppi "
                f"'{self.press.name}' asks for: it is enlarged {minimum / item.ppi:.1f}x beyond print resolution",
                item.origin.file, item.origin.line,
                hint=f"use a file with about {minimum / item.ppi:.1f}x the pixels across, or place it smaller",
                severity="warning", code="low-ppi", where=self._where(item), page=page.folio)

    def bleed(self) -> Iterator[Problem]:
        """An image or colour area that touches the trim must run on to the bleed, or trimming
        tolerance leaves a white sliver along the edge."""
        bleed = self.plan.bleed
        trim = Rect(0, 0, self.plan.width, self.plan.height)
        for page in self.plan.pages:
            for item in page.items:
                if not isinstance(item, ImagePlacement | Fill):
                    continue
                box = item.clip if isinstance(item, ImagePlacement) else item.rect
                short = [side for side, gap in _edge_gaps(box, trim).items() if -bleed + 0.5 < gap < REACH
                         and not (isinstance(item, ImagePlacement) and _runs_on(item, side, page.recto))]
                if not short:
                    continue
                what = "image" if isinstance(item, ImagePlacement) else "colour area"
                origin = item.origin if isinstance(item, ImagePlacement) else self.layout.origin("colours")
                where = self._where(item) if isinstance(item, ImagePlacement) else ""
                need = f"{bleed / mm(1):.1f} mm" if bleed > 0 else "a bleed"
                yield Problem(
                    f"{what} on {page.name} reaches the trim at the {', '.join(short)} edge but stops "
                    f"short of the bleed", origin.file, origin.line,
                    hint=f"extend it {need} past the trim (mark the work 'bleed: true'), or keep it clear of the edge",
                    severity="warning", code="short-of-bleed", where=where, page=page.folio)

    def safe_margin(self) -> Iterator[Problem]:
        safe = self.press.safe_margin
        if safe <= 0:
            return
        panels = self.plan.panels or ((Rect(0, 0, self.plan.width, self.plan.height), None),)
        inner = [panel.inset(*(safe if keep is None else keep,) * 4) for panel, keep in panels]
        seen: set[tuple[str, int | None, str]] = set()
        for page in self.plan.pages:
            for line in _lines(page):
                box = _text_box(line)
                if any(_inside(box, area) for area in inner):
                    continue
                origin = line.origin if line.origin.file else self.layout.origin("styles", line.style)
                key = (str(origin.file), origin.line, line.style)
                if key in seen:
                    continue
                seen.add(key)
                yield Problem(
                    f"text '{_short(_spaced(line))}' on {page.name} lies within {safe / mm(1):.1f} mm of the "
                    f"trim, where cutting may catch it", origin.file, origin.line,
                    hint=f"move it inside the safe margin (style '{line.style}' in the layout)",
                    severity="warning", code="safe-margin", page=page.folio)

    def _swatches(self) -> Iterator[tuple[Page, Swatch, TextLine | Fill | Rule]]:
        for page in self.plan.pages:
            for item in page.items:
                if isinstance(item, TextLine):
                    for piece in item.pieces:
                        yield page, piece.colour or item.colour, item
                elif isinstance(item, Fill | Rule):
                    yield page, item.colour, item

    def ink(self) -> Iterator[Problem]:
        colour = self.press.colour
        if colour.space != "cmyk":
            return
        limit = colour.ink_limit
        inks = colour.inks()
        reported: set[str] = set()
        for page, swatch, item in self._swatches():
            size = (item.rect.width, item.rect.height) if isinstance(item, Fill) else None
            _, values = inks.device(swatch, size)
            total = total_ink(values)
            if total <= limit or swatch.label() in reported:
                continue
            reported.add(swatch.label())
            rich = colour.rich_black is not None and values == colour.rich_black
            role = item.style if isinstance(item, TextLine) else ""
            origin = self.press.origin("colour", "rich_black") if rich else self._colour_origin(swatch, role)
            yield Problem(
                f"{'rich black' if rich else 'colour ' + swatch.label()} uses {total} % ink (first on "
                f"{page.name}), over the {limit} % '{self.press.name}' allows", origin.file, origin.line,
                hint="lower C, M and Y (keep K) until the four add up to the limit",
                severity="error", code="ink-limit", page=page.folio)
        # Images: the highest total ink of the encoded pixels as decoded (`prepare.cmyk_encoded`, which
        # keeps every image it converts under `colour.image_ink_ceiling`). `catalog check` prepares
        # nothing and so reports no image here, which is what the build finds for the same press.
        for page, image in self._placements():
            prepared = self.prepared.get(image.key)
            if prepared and prepared.max_ink is not None and prepared.max_ink > limit:
                yield Problem(f"image uses up to {prepared.max_ink} % ink on {page.name}, over {limit} %",
                              image.origin.file, image.origin.line, hint="convert it with the press profile",
                              severity="error", code="ink-limit", where=self._where(image), page=page.folio)

    def rgb_in_cmyk(self) -> Iterator[Problem]:
        if self.press.colour.space != "cmyk":
            return
        severity = self.press.flavour.rgb_severity
        for page, item in self._placements():
            prepared = self.prepared.get(item.key)
            kept = "rgb" if self.press.colour.images == "keep" else "cmyk"
            space = prepared.space if prepared else kept  # `catalog check` prepares nothing
            if space == "rgb":  # grey prints in black ink alone in any CMYK job
                yield Problem(
                    f"image on {page.name} is left in {space.upper()} in a CMYK job",
                    item.origin.file, item.origin.line,
                    hint="let the build convert it (colour.images: convert in the press profile)",
                    severity=severity, code="rgb-in-cmyk", where=self._where(item), page=page.folio)

    def four_colour_text(self) -> Iterator[Problem]:
        """Small black text in four inks shows coloured fringes wherever they misregister."""
        if self.press.colour.space != "cmyk":
            return
        inks = self.press.colour.inks()
        reported: set[str] = set()
        for page in self.plan.pages:
            for line in _lines(page):
                for piece in line.pieces:
                    swatch = piece.colour or line.colour
                    c, m, y, k = inks.cmyk(swatch)
                    if piece.size >= SMALL_TEXT or k < RICH or c + m + y < 0.05 or line.style in reported:
                        continue
                    reported.add(line.style)
                    origin = self._colour_origin(swatch, line.style)
                    yield Problem(
                        f"{piece.size:g} pt text in style '{line.style}' prints in four-colour black "
                        f"({swatch.label()} becomes C{c:.0%} M{m:.0%} Y{y:.0%} K{k:.0%}), first on "
                        f"{page.name}", origin.file, origin.line,
                        hint='use a neutral grey or black (#1e1e1e, "cmyk(0, 0, 0, 100)") for small text',
                        severity="warning", code="four-colour-text", page=page.folio)

    def solid_areas(self) -> Iterator[Problem]:
        """A large flat area printing more of one ink than the press lays down evenly (a risograph dries it
        blotchy, and the sheet sticks to the drum): each colour once, at the layout line that sets its strength."""
        colour = self.press.colour
        if colour.area_limit >= 100:
            return
        inks, reported = colour.inks(), set()
        for page in self.plan.pages:
            for item in page.items:
                size = (item.rect.width, item.rect.height) if isinstance(item, Fill) else (0.0, 0.0)
                if not isinstance(item, Fill) or item.overprint or min(size) < colour.area_min:
                    continue
                amount, ink = _strongest(inks.paint(item.colour, size, item))
                if round(amount * 100) <= colour.area_limit or item.colour in reported:
                    continue
                reported.add(item.colour)
                origin = self._strength_origin(item.colour)
                yield Problem(f"a {to_mm(item.rect.width):.0f} × {to_mm(item.rect.height):.0f} mm area prints {ink} "
                              f"at {amount * 100:.0f} %, over the {colour.area_limit} % '{self.press.name}' prints "
                              "evenly on "
                              f"large areas (first on {page.name})", origin.file, origin.line,
                              hint=f"print the colour at {colour.area_limit} % or less (a spot ink's tint is its "
                                   "'prints:' value in the layout's 'inks')", severity="warning", code="solid-area",
                              page=page.folio)

    def _strength_origin(self, swatch: Swatch) -> Origin:
        """For a spot ink's colour, the layout line giving its tint (its 'prints' when several colours
        print the same tint, as they are then the same swatch); else the colour's own line."""
        spot = swatch.spot
        if spot is None:
            return self._colour_origin(swatch)
        names = [name for name, value in self.layout.colours.items() if value == swatch]
        key = ("inks", spot.ink.key, "prints", *names) if len(names) == 1 else ("inks", spot.ink.key, "prints")
        return self.layout.origin(*key) if ".".join(key) in self.layout.lines else self._colour_origin(swatch)

    def small_type(self) -> Iterator[Problem]:
        """Small type in a screened grey, reversed out of a photo, in too many inks or too faint a tint."""
        return smalltype.type_findings(self.plan, self.press, self._colour_origin)

    def trim_size(self) -> Iterator[Problem]:
        """A trim the print-on-demand service does not print."""
        return smalltype.trim_findings(self.plan, self.press)

    def page_count(self) -> Iterator[Problem]:
        stated = self.press.page_multiple or self.layout.page.page_multiple
        multiple = math.lcm(stated, self.binding_multiple)
        count = len(self.plan.pages)
        if count % multiple:
            origin = (self.press.origin("page_multiple") if self.press.page_multiple
                      else self.layout.origin("page", "page_multiple"))
            yield Problem(f"{count} pages is not a multiple of {multiple}, as the binding needs",
                          origin.file, origin.line,
                          hint=f"add {multiple - count % multiple} or remove {count % multiple} page(s), "
                               f"or let the build pad",
                          severity="error", code="page-count")
        elif self.plan.padding:
            added = self.plan.padding
            where = "before the back cover" if self.plan.pages[-1].kind == "back_cover" else "at the end"
            kinds = ", ".join(self.plan.padding_kinds)
            yield Problem(f"{added} page{'s' if added > 1 else ''} added {where} ({kinds}) to make {count}, "
                          f"a multiple of {multiple}", severity="info", code="padding")

    def unfilled(self) -> Iterator[Problem]:
        """Works fields still holding the TODO marker `catalog new artist --images` leaves: they would print
        as "TODO" in captions and the list of works. The loader found them; those in the artist files behind
        the printed pages are reported."""
        printed = {item.origin.file for page in self.plan.pages for item in page.items
                   if isinstance(item, ImagePlacement | TextLine) and item.origin.file is not None}
        for blank in self.blanks:
            if blank.origin.file not in printed:
                continue
            name = blank.field.split(".")[0]
            yield Problem(f"'{blank.field}' is not filled in yet ({UNFILLED})", blank.origin.file, blank.origin.line,
                          severity="warning", code="unfilled", where=blank.origin.key,
                          hint=f"write the work's {name.replace('_', ' ')}, or delete the line")

    def _colour_origin(self, swatch: Swatch, role: str = "") -> Origin:
        """The layout line that names this colour: the style's own colour, else the palette entry;
        a line in the layout's own file first (not the base layout it inherits from)."""
        found: list[Origin] = []
        style = self.layout.styles.get(role)
        if style and style.colour == swatch and f"styles.{role}.colour" in self.layout.lines:
            found.append(self.layout.origin("styles", role, "colour"))
        found.extend(self.layout.origin("colours", name) for name, value in self.layout.colours.items()
                     if value == swatch and f"colours.{name}" in self.layout.lines)
        own = [origin for origin in found if origin.file == self.layout.path]
        return (own or found or [self.layout.origin("colours")])[0]


def _strongest(paint: Paint | None) -> tuple[float, str]:
    """The most of one ink a colour lays down (0 to 1), and that ink's name; RGB, for a printer's own
    conversion, counts as none."""
    if isinstance(paint, Spot):
        return paint.tint, paint.ink.name
    if paint is None or paint[0] == "rgb":
        return 0.0, ""
    if paint[0] == "gray":
        return 1 - paint[1][0], "black"
    amount, ink = max(zip(paint[1], ("cyan", "magenta", "yellow", "black"), strict=True))
    return amount, ink


def _runs_on(item: ImagePlacement, side: str, recto: bool) -> bool:
    """A spread's half: cut at the spine, where the picture goes on across to the facing page."""
    if side == ("left" if recto else "right"):
        return item.rect.x < item.clip.x - 0.5 if recto else item.rect.right > item.clip.right + 0.5
    return False


def _edge_gaps(box: Rect, trim: Rect) -> dict[str, float]:
    """How far inside the trim each edge of `box` lies (negative: beyond the trim)."""
    return {"left": box.x - trim.x, "right": trim.right - box.right,
            "bottom": box.y - trim.y, "top": trim.top - box.top}


def _lines(page: Page) -> Iterable[TextLine]:
    return (item for item in page.items if isinstance(item, TextLine) and item.text.strip())


def _text_box(line: TextLine) -> Rect:
    """The box the line's type fills, turned with the line (a spine's title runs down or up)."""
    size = max(piece.size for piece in line.pieces)
    last = line.pieces[-1]
    start, end = line.pieces[0].x, last.x + fonts.width(last.text, last.font, last.size, last.tracking)
    if line.angle == -90:  # down: the text runs to -y, the tops of the letters face +x
        return Rect(line.x - 0.25 * size, line.y - end, size, end - start)
    if line.angle == 90:
        return Rect(line.x - 0.75 * size, line.y + start, size, end - start)
    return Rect(line.x + start, line.y - 0.25 * size, end - start, size)


def _inside(box: Rect, area: Rect) -> bool:
    return (box.x >= area.x - 0.01 and box.right <= area.right + 0.01
            and box.y >= area.y - 0.01 and box.top <= area.top + 0.01)


def _spaced(line: TextLine) -> str:
    """The line's text with its word spaces: justified lines place words apart without space characters."""
    text, end = "", None
    for piece in line.pieces:
        if end is not None and piece.x - end > 0.5 and not text.endswith(" ") and not piece.text.startswith(" "):
            text += " "
        text += piece.text
        end = piece.x + fonts.width(piece.text, piece.font, piece.size, piece.tracking)
    return text


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:27] + "..."


def _relative(path: Path, project: Path) -> str:
    try:
        return str(path.relative_to(project))
    except ValueError:
        return path.name


_SEVERITY = {"error": 0, "warning": 1, "info": 2}


def _order(problem: Problem) -> tuple[int, str, int, str]:
    return (_SEVERITY[problem.severity], str(problem.file or ""), problem.line or 0, problem.message)

