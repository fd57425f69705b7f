"""A work's record checked against what the plan finds of it: its image."""

from __future__ import annotations

from ..content.dimensions import image_part
from ..errors import Problem
from .context import Context
from .sequence import Shot


def check_orientation(ctx: Context, shot: Shot) -> None:
    """Dimensions that say upright for a landscape image (or the reverse) are a height and width swapped, in
    the record or the scan: the caption would contradict the plate above it."""
    part = image_part(shot.work.dimensions)
    info = ctx.images.probe(shot.image, shot.origin)
    if part is None or abs(part.height - part.width) < 0.1 * max(part.height, part.width) \
            or abs(info.height - info.width) < 0.1 * max(info.height, info.width):
        return  # near square: either way round is the same
    said, seen = part.height > part.width, info.height > info.width
    if said != seen:
        ctx.findings.append(Problem(
            f"{shot.origin.key or 'a work'}: its dimensions are {'upright' if said else 'landscape'} "
            f"({part.height:g} × {part.width:g} {part.unit}, height first) but its image is "
            f"{'upright' if seen else 'landscape'} ({info.width} × {info.height} px)", shot.origin.file,
            shot.origin.line, hint="swap height and width, or check the image's rotation", severity="warning",
            code="orientation"))
