"""The order and arrangement of an artist's plates: what artist.yaml states in `sequence:`, then the
layout's own choice for every image left (by bleed, size hint, orientation and the layout's per_page),
then the pages each arrangement lands on, two-page arrangements always on a spread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.sequence import image_names
from ..errors import Problem
from ..model import Artist, Crop, Origin, Work
from ..specs.templates import Template, template_for, unknown_template
from .context import Context


@dataclass(frozen=True)
class Shot:
    """One image the plates show: a work's own image, or one of its views."""

    work: Work
    index: int             # the work's place in the artist's works
    image: Path
    view: int = 0          # 0: the work's own image; n: its nth view
    note: str = ""         # what the caption adds: detail, installation view...
    crop: Crop | None = None
    origin: Origin = Origin()

    @property
    def anchor(self) -> str:
        return f"work:{self.index}:{self.view}"


@dataclass(frozen=True)
class Unit:
    """An arrangement placed as a whole: a template and the images in its slots."""

    template: Template
    shots: tuple[Shot, ...]
    origin: Origin = Origin()

    @property
    def pages(self) -> int:
        return self.template.pages


VIEW_NOTES = {"detail": "detail", "installation": "installation view", "verso": "verso", "view": "view"}


def shots(ctx: Context, artist: Artist) -> list[Shot]:
    """Every image the artist's plates may show, in the order of the works: each work's image, then its
    views. A work without an image (and no views) is only in the list of works."""
    out: list[Shot] = []
    detail = ctx.label("detail")
    for index, work in enumerate(artist.works):
        if work.image is not None:
            out.append(Shot(work, index, work.image, 0, detail if work.detail else "", work.detail, work.origin))
        for number, view in enumerate(work.views, start=1):
            note = detail if view.kind == "detail" else VIEW_NOTES[view.kind]
            out.append(Shot(work, index, view.image, number, note, view.crop, view.origin))
    return out


def arrange(ctx: Context, artist: Artist, available: list[Shot]) -> list[Unit]:
    """The stated arrangements first, in their order, then the layout's arrangement of the rest."""
    templates = ctx.layout.templates
    by_key = {(shot.index, shot.view): shot for shot in available}
    names = image_names(artist.works)
    units: list[Unit] = []
    used: set[tuple[int, int]] = set()
    for entry in artist.sequence:
        name = template_for(entry.template, len(entry.names))
        template = templates.get(name)
        if template is None:
            if entry.template == "grid":
                ctx.findings.append(Problem(
                    f"the sequence asks for a grid of {len(entry.names)} works; the layout has no template "
                    f"'{name}'", entry.origin.file, entry.origin.line,
                    hint="grids hold " + ", ".join(sorted((t[5:] for t in templates
                                                           if t.startswith("grid-") and t[5:].isdigit()),
                                                          key=int)) + " works in this layout"))
            else:
                ctx.findings.append(unknown_template(name, templates, entry.origin, "the sequence"))
            continue
        if template.slots != len(entry.names):
            ctx.findings.append(Problem(
                f"'{entry.template}' shows {template.slots} work{'s' * (template.slots > 1)}; the sequence names "
                f"{len(entry.names)}", entry.origin.file, entry.origin.line,
                hint=f"name {template.slots}, or choose another arrangement"))
            continue
        picked = [by_key.get(names[n.casefold()]) for n in entry.names]
        chosen = [shot for shot in picked if shot is not None]  # an image the opener already shows is skipped
        if len(chosen) != len(picked):
            continue
        used.update((shot.index, shot.view) for shot in chosen)
        units.append(Unit(template, tuple(chosen), entry.origin))
    rest = [shot for shot in available if (shot.index, shot.view) not in used]
    units.extend(_auto(ctx, rest))
    return units


def stated(artist: Artist) -> set[tuple[int, int]]:
    """The images (work index, view) the artist's sequence places, by the names it uses for them."""
    names = image_names(artist.works)
    return {names[name.casefold()] for entry in artist.sequence for name in entry.names
            if name.casefold() in names}


def _auto(ctx: Context, rest: list[Shot]) -> list[Unit]:
    """The layout's arrangement: a very wide work across a spread (when the layout has one), a work
    to the bleed on its own page (or facing its caption), small works and, with per_page, all others
    in grids; the rest one to a page."""
    plates, templates = ctx.layout.plates, ctx.layout.templates
    units: list[Unit] = []
    group: list[Shot] = []
    per_page = plates.per_page

    def flush() -> None:
        while group:
            count = min(len(group), max(per_page, 2) if all(s.work.size == "small" for s in group) else per_page)
            while count > 1 and f"grid-{count}" not in templates:  # the largest grid the layout has
                count -= 1
            chunk, group[:] = group[:count], group[count:]
            units.append(Unit(_grid(ctx, chunk), tuple(chunk), chunk[0].origin))

    for shot in rest:
        work = shot.work
        ratio = aspect(ctx, shot)
        # A size stated wins; a work stating bleed keeps it, however wide; else a panorama crosses a spread.
        wide = work.size == "spread" or (work.size is None and work.bleed is None
                                         and ratio >= plates.spread_min_aspect)
        if wide and "spread" in templates:
            flush()
            units.append(Unit(templates["spread"], (shot,), shot.origin))
        elif _bleeds(ctx, work):
            flush()
            name = "facing" if plates.bleed_caption == "facing" else "bleed"
            units.append(Unit(templates[name], (shot,), shot.origin))
        elif work.size == "page" or (per_page == 1 and work.size != "small"):
            flush()
            units.append(Unit(templates["single"], (shot,), shot.origin))
        else:
            group.append(shot)
            if len(group) >= max(per_page, 2):
                flush()
    flush()
    return units


def _bleeds(ctx: Context, work: Work) -> bool:
    return work.bleed if work.bleed is not None else ctx.layout.plates.style == "bleed"


def aspect(ctx: Context, shot: Shot) -> float:
    """Width over height of what the plate shows: the image, or the part its crop gives."""
    info = ctx.images.probe(shot.image, shot.origin)
    crop = shot.crop
    width = info.width * (crop.width if crop else 1.0)
    height = info.height * (crop.height if crop else 1.0)
    return width / height


def _grid(ctx: Context, chunk: list[Shot]) -> Template:
    """grid-<n> for n works (one work: single); its '-stacked' variant when every work is landscape
    and the layout has one."""
    templates = ctx.layout.templates
    if len(chunk) == 1:
        return templates["single"]
    name = f"grid-{len(chunk)}"
    if all(aspect(ctx, shot) > 1.0 for shot in chunk) and f"{name}-stacked" in templates:
        return templates[f"{name}-stacked"]
    return templates[name]


def on_pages(units: list[Unit], first: int) -> list[Unit | None]:
    """The units in the order they print, a two-page unit always starting on a left-hand (even) page:
    when one would start on a right-hand page, the next one-page unit is brought forward, or else the
    one before it moves after it; with neither, the page stays blank (None)."""
    pending = list(units)
    out: list[Unit | None] = []
    number = first
    while pending:
        unit = pending[0]
        if unit.pages == 2 and number % 2 == 1:
            single = next((i for i, u in enumerate(pending) if u.pages == 1), None)
            previous = out[-1] if out else None
            if single is None and previous is not None and previous.pages == 1:
                # None left to bring forward: the one-page unit before goes after instead, and the
                # spread takes the left-hand page it stood on.
                pending.insert(1, previous)
                out.pop()
                number -= 1
                continue
            out.append(pending.pop(single) if single is not None else None)
            number += 1
            continue
        out.append(pending.pop(0))
        number += unit.pages
    return out
