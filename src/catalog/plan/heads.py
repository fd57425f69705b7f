"""Running heads: one line in the foot margin, half the text area wide, shortened at a word when a
title is longer, and set once per section rather than once per page."""

from __future__ import annotations

from ..errors import Problem
from ..model import Origin
from ..text import fonts
from .context import Context

ELLIPSIS = "…"


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def running_heads(ctx: Context, verso: str, recto: str, verso_origin: Origin = Origin(),
                  recto_origin: Origin = Origin()) -> tuple[str, str]:
    """Running heads get one line in the foot margin (half the text area wide): a longer title is
    shortened at a word, with an ellipsis, and reported, rather than cut mid-phrase unannounced."""
    return (_running_head(ctx, verso, verso_origin), _running_head(ctx, recto, recto_origin))


def _running_head(ctx: Context, text: str, origin: Origin) -> str:
    if not ctx.layout.running_heads:
        return text
    if (text, origin) in ctx.heads:  # the same head on every page of a section: set once
        return ctx.heads[(text, origin)]
    ctx.heads[(text, origin)] = shortened = _shortened(ctx, text, origin)
    return shortened


def _shortened(ctx: Context, text: str, origin: Origin) -> str:
    ts = ctx.setter
    style = ts.style("running_head")
    width = ctx.geometry.text_area(1).width / 2  # as document._chrome sets it

    def fits(candidate: str) -> bool:
        return len(ts.lines(candidate, style, width, origin, 0.0, "left")) <= 1

    lines = ts.lines(text, style, width, origin, 0.0, "left")
    if len(lines) <= 1:
        return text
    font = ts.book.name(style.font, fonts.weight_for(style.weight, False, False))
    mark = "..." if ts.book.missing(ELLIPSIS, font) else ELLIPSIS
    words = text.split()
    shortened = ""
    for count in range(min(len(lines[0].text.split()), len(words) - 1), 0, -1):  # the first line's words, at most
        candidate = " ".join(words[:count]).rstrip(" ,;:.-–—") + mark
        if fits(candidate):
            shortened = candidate
            break
    else:  # one word wider than the head: cut it between letters, the longest cut that fits
        low, high = 0, len(words[0]) - 1  # fits(cut of `low` letters) holds (or low is 0); `high` is the most
        while low < high:
            middle = (low + high + 1) // 2
            if fits(words[0][:middle] + mark):
                low = middle
            else:
                high = middle - 1
        shortened = words[0][:low] + mark if low else mark
    problem = Problem(
        f"the running head '{short(text)}' is too long for its line in the foot margin; it prints as "
        f"'{shortened}'", origin.file, origin.line, hint="shorten the title to have it printed whole",
        severity="warning", code="overflow", where=origin.key)
    if problem not in ctx.findings:
        ctx.findings.append(problem)
    return shortened
