"""What the image stage says of a JPEG's soundness, said in one place so that `catalog check`, which
prepares no image, reports a damaged or stray-byte JPEG in the build's very words: the messages
are made here, and check judges a file with the build's own judge (`probe.verify`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import Problem
from ..model import Origin
from . import probe
from .digests import Digests
from .formats import DAMAGED, REEXPORT
from .jpeg import DamagedImage, shows_damage
from .prepared import ImageKey, Placed


def warned(path: Path, origin: Origin, warning: str) -> Problem:
    """A JPEG that decodes with a warning libjpeg takes as harmless (`jpeg.strict_pixels`): libjpeg
    reports nothing after it, so damage further on would go unseen; the build re-encodes it."""
    return Problem(f"image {path.name} decodes with a warning from libjpeg ({warning}), which can hide damage "
                   "after it; the build re-encodes it from what decodes", origin.file or path, origin.line,
                   "check it in a proof; if it looks wrong, export it again from the original", severity="warning",
                   code="jpeg-warning")


def failed(path: Path, origin: Origin, what: str) -> Problem:
    """An image that cannot print as it should: `what` follows "image <name> " (a DamagedImage's
    text, or a worker's reason)."""
    return Problem(f"image {path.name} {what}", origin.file or path, origin.line, REEXPORT,
                   code="damaged-image" if what.startswith(DAMAGED) else "")


def judged(placements: Iterable[Placed], digests: Digests) -> list[Problem]:
    """What the image stage will say of the placed JPEGs' soundness, for `catalog check`, without
    decoding the sound ones: a file is decoded (`probe.verify`, the build's judge) only when its
    bytes show damage without decoding (`jpeg.shows_damage`) or it does not end whole; a verdict an
    earlier build remembered (`digests`, only read) is used as the build uses it. Damage only
    decoding finds (in entropy-coded data with no zero-filled stretch) is left to the build.
    Said as the build says it: a warning once a file, damage at every distinct placement."""
    first: dict[ImageKey, Placed] = {}
    for item in placements:
        first.setdefault(item.key, item)
    found: list[Problem] = []
    said: set[Path] = set()
    outcomes: dict[Path, probe.Verdict | DamagedImage | None] = {}
    for _, item in sorted(first.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        info = probe.probe(item.path, item.origin)
        if info.format != "JPEG":
            continue
        if info.path not in outcomes:
            outcomes[info.path] = _outcome(info, digests)
        outcome = outcomes[info.path]
        if isinstance(outcome, DamagedImage):
            found.append(failed(info.path, item.origin, str(outcome)))
        elif outcome is not None and outcome.warning and info.path not in said:
            said.add(info.path)
            found.append(warned(info.path, item.origin, outcome.warning))
    return found


def _outcome(info: probe.ImageInfo, digests: Digests) -> probe.Verdict | DamagedImage | None:
    """The file's verdict, remembered or found by decoding it; None when its bytes show nothing."""
    digest = digests.of(info.path)
    known = digests.verdict(digest)
    if known is not None:  # the same bytes: what they gave then, they give now
        return probe.Verdict(digest, *known)
    if info.complete and not shows_damage(info.path.read_bytes()):
        return None
    try:
        return probe.verify(info.path)
    except DamagedImage as exc:
        return exc
