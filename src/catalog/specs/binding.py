"""The binding and paper a build uses, settled from the command line, catalog.yaml and the press profile
(in that order), and what follows from them: the page-count rule and the spine's width."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..content.binding import DEFAULT_KIND, KINDS, Kind, leaf
from ..errors import CatalogError, Problem
from ..model import Catalog, Origin
from ..units import mm, to_mm
from .press import PressProfile

# Defaults where neither catalog.yaml nor the press profile gives the printer's own figure; a printer's
# template always wins, so each is a setting. Published by book printers:
# - turn-in 15 mm: Berliner Buchdruck, "an jeder Seite (Buchkante) 15 mm ... an den Außenkanten der
#   Buchdecke eingeschlagen" (https://www.berliner-buchdruck.de/buchdruck-tipps/druckdaten-anlegen);
# - hinge 10 mm: WTTB's hardback cover guide, "the 10mm book hinge/joint area"
#   (https://wttb.co.uk/support-guides/hardback-book-cover-setup);
# - spine type at most the spine's width less 4 mm, so 2 mm clear each side: druckterminal's hardcover
#   guide, "Buchrücken – 4 mm" (https://www.druckterminal.de/hilfecenter/aufbereitung-daten/layout/
#   umschlag-fuer-buecher-hardcover).
# The boards' overhang (the "squares") is 0 unless the printer states it, so the panels are the page's size.
TURN_IN = mm(15)
HINGE = mm(10)
SPINE_MARGIN = mm(2)


class BindingError(CatalogError):
    kind = "binding"


@dataclass(frozen=True)
class Binding:
    """One binding, settled: its kind and the rules the printer gives for it."""

    kind: Kind
    page_multiple: int
    min_pages: int | None = None
    max_pages: int | None = None
    spine_text: str = "down"
    spine_margin: float = SPINE_MARGIN
    spine_text_min_pages: int | None = None
    spine_text_min: float = 0.0
    spine_widths: tuple[tuple[int, float], ...] = ()  # a printer's table: up to so many pages, this width
    spine_allowance: float | None = None
    cover_bleed: float | None = None
    turn_in: float = 0.0
    hinge: float = 0.0
    board_overhang: float = 0.0
    flap: float | None = None
    origins: tuple[tuple[str, Origin], ...] = ()  # where each setting (and "kind") was written

    @property
    def separate_cover(self) -> bool:
        return not self.kind.self_cover

    def origin(self, key: str = "kind") -> Origin:
        return dict(self.origins).get(key) or dict(self.origins).get("kind") or Origin()


@dataclass(frozen=True)
class Paper:
    """The paper's thickness: per leaf (two pages), the cover stock's and one board's, in points."""

    leaf: float | None
    cover: float = 0.0
    board: float = 0.0
    described: str = ""   # how it was given, for messages: "0.1 mm per leaf", "444 ppi", "stock 'white'"
    origin: Origin = Origin()


def settle_binding(catalog: Catalog, press: PressProfile, chosen: str | None = None) -> Binding:
    """The binding: `chosen` (--binding), else catalog.yaml's, else the press profile's, else saddle.
    Its settings: the kind's own, then the press's table for the kind, then the press's and catalog.yaml's
    own `binding:` mapping where it names the same kind."""
    name = chosen or catalog.binding.get("kind") or press.binding.get("kind") or DEFAULT_KIND
    if name not in KINDS:
        raise BindingError(Problem(f"unknown binding '{name}'", hint=f"use one of: {', '.join(KINDS)}"))
    kind = KINDS[name]
    catalog_at = catalog.origin.file
    origins: dict[str, Origin] = {}
    if chosen:
        origins["kind"] = Origin()
    elif catalog.binding.get("kind"):
        line = catalog.field_lines.get("binding.kind", catalog.field_lines.get("binding"))
        origins["kind"] = Origin(catalog_at, line)
    elif press.binding.get("kind"):
        origins["kind"] = press.origin("binding")
    values: dict[str, Any] = {}
    layers: list[tuple[dict[str, Any], Callable[[str], Origin]]] = [
        (press.bindings.get(name, {}), lambda k: press.origin("bindings", name, k))]
    if press.binding.get("kind") == name:
        layers.append((press.binding, lambda k: press.origin("binding", k)))
    if catalog.binding.get("kind") == name:
        layers.append((catalog.binding, lambda k: Origin(catalog_at, catalog.field_lines.get(f"binding.{k}"))))
    for settings, where in layers:
        for key, value in settings.items():
            if key != "kind" and value is not None:
                values[key] = value
                origins[key] = where(key)
    multiple = values.pop("page_multiple", None) or kind.page_multiple
    if "spine_widths" in values:
        values["spine_widths"] = tuple(sorted((int(pages), width) for pages, width in values["spine_widths"].items()))
    if name == "casewrap":  # a jacket wraps a case the binder made: no turn-ins or hinges of its own
        values.setdefault("turn_in", TURN_IN)
        values.setdefault("hinge", HINGE)
    for key in ("turn_in", "hinge", "board_overhang") if not kind.cased else ():
        values.pop(key, None)
    if not kind.flaps:
        values.pop("flap", None)
    values["spine_text"] = values.get("spine_text") or "down"
    values["spine_margin"] = values.get("spine_margin", SPINE_MARGIN)
    return Binding(kind, multiple, origins=tuple(origins.items()), **values)


def settle_paper(catalog: Catalog, press: PressProfile) -> Paper:
    """The paper: catalog.yaml's thickness if it gives one, else the press's; a `stock` is looked up in
    the press's paper table. Cover caliper and board likewise, each on its own."""
    at = catalog.origin.file
    ours, theirs = catalog.paper, press.paper
    source = ours if any(ours.get(key) for key in ("caliper", "ppi", "stock")) else theirs

    def origin(key: str) -> Origin:
        if source is ours:
            return Origin(at, catalog.field_lines.get(f"paper.{key}", catalog.field_lines.get("paper")))
        return press.origin("paper", key)

    if source.get("caliper") and source.get("ppi"):
        where = origin("ppi")
        raise BindingError(Problem("the paper gives both 'caliper' and 'ppi'", where.file, where.line,
                                   hint="keep the one the printer publishes"))
    thickness, described, where = leaf(source), "", Origin()
    if source.get("stock"):
        stock, where = source["stock"], origin("stock")
        if stock not in press.papers:
            known = ", ".join(press.papers) or "none"
            raise BindingError(Problem(f"paper stock '{stock}' is not in the paper table of press '{press.name}' "
                                       f"(it has: {known})", where.file, where.line,
                                       hint="name one of its stocks, or give the thickness: paper: {caliper: 0.1mm}"))
        thickness = leaf(press.papers[stock])
        described = f"stock '{stock}' ({_thickness(press.papers[stock])})"
    elif thickness is not None:
        key = "caliper" if source.get("caliper") else "ppi"
        described, where = _thickness(source), origin(key)
    cover = ours.get("cover_caliper") if ours.get("cover_caliper") is not None else theirs.get("cover_caliper")
    board = ours.get("board") if ours.get("board") is not None else theirs.get("board")
    return Paper(thickness, cover or 0.0, board or 0.0, described, where)


def _thickness(values: dict[str, Any]) -> str:
    if values.get("caliper"):
        return f"{to_mm(values['caliper']):g} mm per leaf"
    return f"{values['ppi']} ppi"


def spine(pages: int, binding: Binding, paper: Paper) -> float:
    """The spine's width in points: the leaves times their thickness, plus the cover stock round both
    sides (and both boards of a hardcover), or the printer's own allowance in place of those."""
    if binding.spine_widths:
        return next((width for most, width in binding.spine_widths if pages <= most), binding.spine_widths[-1][1])
    if paper.leaf is None:
        return 0.0
    allowance = binding.spine_allowance
    if allowance is None:
        allowance = 2 * paper.cover + (2 * paper.board if binding.kind.cased else 0.0)
    return math.ceil(pages / 2) * paper.leaf + allowance


def spine_formula(pages: int, binding: Binding, paper: Paper) -> str:
    """The sum behind spine(), in mm, for the build's summary and `catalog check`."""
    if binding.spine_widths:
        return f"the printer's spine table for {pages} pages"
    leaves = math.ceil(pages / 2)
    parts = [f"{leaves} leaves × {to_mm(paper.leaf or 0.0):.4g} mm"]
    if binding.spine_allowance is not None:
        parts.append(f"{to_mm(binding.spine_allowance):.3g} mm allowance")
    else:
        if paper.cover:
            parts.append(f"2 × {to_mm(paper.cover):.3g} mm cover")
        if binding.kind.cased and paper.board:
            parts.append(f"2 × {to_mm(paper.board):.3g} mm board")
    return " + ".join(parts)


def binding_problems(pages: int, binding: Binding, paper: Paper, catalog: Catalog) -> list[Problem]:
    """What stops this binding taking the book: a page count outside the printer's range after padding,
    or a bound book with no paper thickness to compute its spine from."""
    problems = []
    name = binding.kind.name
    if binding.min_pages and pages < binding.min_pages:
        at = binding.origin("min_pages")
        problems.append(Problem(f"{pages} pages is fewer than the {binding.min_pages} the printer binds as "
                                f"'{name}'", at.file, at.line,
                                hint="add texts or works, choose another binding (--binding saddle), or another press"))
    if binding.max_pages and pages > binding.max_pages:
        at = binding.origin("max_pages")
        problems.append(Problem(f"{pages} pages is more than the {binding.max_pages} the printer binds as "
                                f"'{name}'", at.file, at.line,
                                hint="split the catalog, choose another binding (--binding perfect), or another press"))
    if binding.spine_widths and pages > binding.spine_widths[-1][0]:
        at = binding.origin("spine_widths")
        problems.append(Problem(f"{pages} pages is past the printer's spine table for '{name}' (it ends at "
                                f"{binding.spine_widths[-1][0]})", at.file, at.line,
                                hint="split the catalog, or choose another binding or press"))
    if binding.separate_cover and paper.leaf is None and not binding.spine_widths:
        at = binding.origin()
        if at.file is None:
            at = Origin(catalog.origin.file, catalog.field_lines.get("binding"))
        problems.append(Problem(f"a '{name}' binding needs the paper's thickness to make the spine", at.file, at.line,
                                hint="add 'paper: {caliper: 0.1mm}' (or {ppi: 444}, as the printer publishes it) "
                                     "to catalog.yaml, or use a press profile with a paper table"))
    if binding.kind.cased and paper.leaf is not None and not paper.board and binding.spine_allowance is None \
            and not binding.spine_widths:
        at = binding.origin()
        if at.file is None:
            at = Origin(catalog.origin.file, catalog.field_lines.get("paper", catalog.field_lines.get("binding")))
        problems.append(Problem(f"a '{name}' binding needs the boards' thickness: both boards are in the spine",
                                at.file, at.line, hint="add 'board: 2mm' (the printer's figure) to 'paper' in "
                                                       "catalog.yaml"))
    return problems
