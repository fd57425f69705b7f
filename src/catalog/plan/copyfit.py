"""Copyfitting: a text that would spill a few lines onto a page of their own is set a little smaller
(size and leading together, in steps, never past the layout's `copyfit` per cent) until it does not,
as a typesetter tightens a galley rather than leave a widowed page. Headings keep their size."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problem
from .context import Context, Draft
from .pages import TextLine

STEP = 2      # per cent tighter at each try


def copyfit(ctx: Context, number: int, make: Callable[[], list[Draft]]) -> list[Draft]:
    """`make` plans the section (again, at each try); the first setting that saves the spilled page wins."""
    drafts = make()
    limit = ctx.layout.copyfit
    last = number + len(drafts) - 1
    if len(drafts) < 2 or not _spilled(ctx, last, drafts[-1]):
        return drafts
    findings, problems = len(ctx.findings), len(ctx.setter.problems)
    try:
        for tighter in range(STEP, limit + 1, STEP):
            ctx.setter.fit = 1 - tighter / 100
            del ctx.findings[findings:]
            del ctx.setter.problems[problems:]
            fitted = make()
            if len(fitted) < len(drafts):
                return fitted
        ctx.setter.fit = 1.0
        del ctx.findings[findings:]
        del ctx.setter.problems[problems:]
        drafts = make()  # as set at full size: its findings are the ones to report
    finally:
        ctx.setter.fit = 1.0
    ctx.findings.append(_spill(ctx, last, drafts[-1]))
    return drafts


def _spill(ctx: Context, number: int, last: Draft) -> Problem:
    """A spill copyfitting could not save is the designer's to see: a proofreader would mark it."""
    lines = [item for item in last.items if isinstance(item, TextLine)]
    limit = ctx.layout.copyfit
    tried = f"set {limit} % smaller it still spills" if limit else "the layout does not copyfit ('copyfit: 0')"
    return Problem(
        f"a text ends with {len(lines)} line{'s' if len(lines) != 1 else ''} alone on page {number}: {tried}",
        lines[0].origin.file, lines[0].origin.line, severity="warning", code="spill", page=number,
        hint=f"shorten the text by {len(lines)} lines, or let the layout copyfit more ('copyfit:', per cent)")


def _spilled(ctx: Context, number: int, last: Draft) -> bool:
    lines = [item for item in last.items if isinstance(item, TextLine)]
    if not lines or any(not isinstance(item, TextLine) for item in last.items):
        return False
    area = ctx.geometry.text_area(number)
    used = max(line.y for line in lines) - min(line.y for line in lines)
    return used < area.height * ctx.layout.spill / 100  # the layout's `spill`: a quarter of a page by default
