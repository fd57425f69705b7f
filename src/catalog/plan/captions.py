"""A work's caption as blocks: title line, rows, and its further languages set after it or beside it."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.fields import DETAILS, caption_rows, shown
from ..model import Work
from ..text.setter import Block, Part
from .context import Context, stack
from .pages import TextLine


@dataclass(frozen=True)
class Say:
    """What a plate's caption adds to the work's own: what part or view of it the plate shows (a
    label such as 'detail'), its plate number, and the artist's name (group shows, small formats)."""

    note: str = ""
    number: int | None = None
    artist: str | None = None


def caption_blocks(ctx: Context, work: Work, width: float, language: str | None = None,
                   say: Say = Say()) -> list[Block]:
    """A work's caption: the artist (when asked), the title line (plate number, title, year, what the
    plate shows of it), then its rows, or none when the layout keeps captions to the title."""
    ts = ctx.setter
    title = [Part(f"{say.number}\u2002")] if say.number is not None else []
    title.append(Part(work.title))
    if work.year:
        title.append(Part(f", {work.year}", italic=True))
    if say.note:
        title.append(Part(f" ({say.note})"))
    blocks = [ts.block(say.artist, "caption", width, work.origin, first_indent=0.0, space_before=0.0,
                       space_after=0.0, language=language)] if say.artist else []
    blocks.append(ts.block(title, "caption_title", width, work.origin, first_indent=0.0, space_before=0.0,
                           space_after=0.0, language=language))
    rows = caption_rows(work, ctx.layout.printing) if ctx.layout.plates.caption_rows == "full" else []
    blocks.extend(ts.block(row, "caption", width, work.origin, first_indent=0.0, space_before=0.0,
                           space_after=0.0, language=language) for row in rows if row)
    return blocks


def _translation_blocks(ctx: Context, main: Work, work: Work, width: float, language: str,
                        space_before: float, title_role: str) -> list[Block]:
    """A caption in a further language: its title, then only the rows that differ from the main
    language's (a size or a year is not said twice). After the main caption the title takes the
    quieter caption style; beside it, the title style, so that the columns read as a pair."""
    ts = ctx.setter
    rows: list[tuple[str | None, str]] = [(work.title, title_role)] if work.title != main.title else []
    rows.extend((shown(work, name, ctx.layout.printing), "caption") for name in DETAILS
                if getattr(work, name) != getattr(main, name))
    return [ts.block(row, role, width, work.origin, first_indent=0.0, space_after=0.0, language=language,
                     space_before=space_before if index == 0 else 0.0)
            for index, (row, role) in enumerate(rows) if row]



def caption_groups(ctx: Context, work: Work, width: float,
                   say: Say = Say()) -> tuple[list[tuple[float, list[Block]]], float]:
    """The caption's blocks in each printed language, as groups set side by side (one group: stacked),
    each with how far below the caption's top it starts, and the width of a group."""
    printed = ctx.catalog.printed_languages
    others = [(language, version) for language in printed[1:]
              if (version := work.translations.get(language)) is not None
              and any(getattr(version, name) != getattr(work, name) for name in ("title", *DETAILS))]
    if not others:
        return [(0.0, caption_blocks(ctx, work, width, say=say))], width
    if ctx.layout.bilingual.captions == "side_by_side":
        gap = ctx.geometry.page.gutter
        column = (width - gap * len(others)) / (len(others) + 1)
        groups = [(0.0, caption_blocks(ctx, work, column, printed[0], say))]
        title_line = ctx.setter.style("caption_title").leading  # an untranslated title: rows stay level
        groups.extend((0.0 if version.title != work.title else title_line,
                       _translation_blocks(ctx, work, version, column, language, 0.0, "caption_title"))
                      for language, version in others)
        return groups, column
    blocks = caption_blocks(ctx, work, width, printed[0], say)
    for language, version in others:
        blocks.extend(_translation_blocks(ctx, work, version, width, language, _caption_gap(ctx), "caption"))
    return [(0.0, blocks)], width


def _caption_gap(ctx: Context) -> float:
    """Between a caption and its translation: half a line, enough to tell them apart."""
    return ctx.setter.style("caption").leading * 0.5


def stack_groups(ctx: Context, groups: list[tuple[float, list[Block]]], x: float, top: float,
                  width: float) -> list[TextLine]:
    lines: list[TextLine] = []
    for index, (drop, group) in enumerate(groups):
        placed, _ = stack(group, x + index * (width + ctx.geometry.page.gutter), top - drop, width)
        lines.extend(placed)
    return lines
