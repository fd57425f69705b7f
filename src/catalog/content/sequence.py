"""How an artist's plates are named and ordered in artist.yaml: a work's image is named by its file name
without the extension (or by the work's title), a detail by four percentages, and `sequence:` lists
arrangements of named images. Template names are the layout's to check; this checks the names of works."""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..errors import Problem
from ..model import Arrangement, Crop, Origin, Work
from ..source.yamlfile import Document

_NUMBER = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")


def crop_box(text: str, doc: Document, key: tuple[Any, ...], problems: list[Problem]) -> Crop | None:
    """`left top right bottom` in per cent of the image, e.g. '20% 10% 70% 60%'."""
    left, top, right, bottom = (float(n) / 100 for n in _NUMBER.findall(text))
    if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
        problems.append(Problem(
            f"the crop '{text}' is not a part of the image", doc.path, doc.line(*key),
            hint="give left top right bottom in per cent of the image, each from 0% to 100%, left before right "
                 "and top before bottom, e.g. '20% 10% 70% 60%'"))
        return None
    return Crop(left, top, right, bottom)


def image_names(works: list[Work] | tuple[Work, ...]) -> dict[str, tuple[int, int]]:
    """Every name a sequence may use for an image: (the work's index, 0 for its own image or n for its
    nth view). A title names the work's own image; file names win over titles that clash."""
    names: dict[str, tuple[int, int]] = {}
    for index, work in enumerate(works):
        if work.image is not None:
            names.setdefault(work.title.casefold(), (index, 0))
    for index, work in enumerate(works):
        if work.image is not None:
            names[work.image.stem.casefold()] = (index, 0)
        for number, view in enumerate(work.views, start=1):
            names[view.image.stem.casefold()] = (index, number)
    return names


def read_sequence(raw: list[Any], works: list[Work], doc: Document,
                  problems: list[Problem]) -> tuple[Arrangement, ...]:
    """The stated arrangements, each naming existing images, none named twice."""
    known = image_names(works)
    seen: dict[tuple[int, int], int | None] = {}
    out: list[Arrangement] = []
    for index, entry in enumerate(raw):
        if not entry:  # MISSING or empty: reported by the schema
            continue
        line = doc.line("sequence", index)
        if len(entry) != 1:
            problems.append(Problem(f"sequence entry {index + 1} names {len(entry)} arrangements", doc.path, line,
                                    hint="write one per line: '- pair: [dusk, evening]'"))
            continue
        (template, names), = entry.items()
        lines = tuple(doc.line("sequence", index, template, n) if len(names) > 1 else line
                      for n in range(len(names)))
        good = True
        for name, at in zip(names, lines, strict=True):
            found = known.get(name.casefold())
            if found is None:
                close = difflib.get_close_matches(name.casefold(), list(known), n=1)
                problems.append(Problem(
                    f"the sequence names '{name}', which is no work's image", doc.path, at,
                    hint=f"did you mean '{close[0]}'?" if close else
                    "name a work by its image's file name without the extension, or by its title"))
                good = False
            elif found in seen:
                problems.append(Problem(
                    f"the sequence names '{name}' twice" + (f" (first on line {seen[found]})" if seen[found] else ""),
                    doc.path, at, hint="show each image once; add a view (views:) for a second image of a work"))
                good = False
            else:
                seen[found] = at
        if good:
            out.append(Arrangement(template, tuple(names), Origin(doc.path, line, f"sequence[{index + 1}]"), lines))
    return tuple(out)
