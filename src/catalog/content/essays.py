"""The catalog's essays, checked against the rest of the content: the artist an essay belongs to must be one of
the catalog's, and every cross-reference ({pl:REF}, {p:REF}) must name one of its works, by the artist's slug and
the image's file name without extension (bekzat-popov/ceremony) or by the work's catalogue number."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import Artist, Essay, Paragraph
from ..source.schema import present
from ..source.yamlfile import Document
from .texts import essay


def essays(root: Path, doc: Document, entries: list[Any], artists: Sequence[Artist], language: str,
           problems: list[Problem], warnings: list[Problem]) -> list[Essay]:
    """The `texts:` of catalog.yaml, each read and checked; what cannot print goes to `problems`."""
    slugs = [artist.slug for artist in artists]
    works = references(artists)
    out = []
    for index, item in present(entries):
        found = essay(root, doc, index, item, problems, language, warnings)
        if found is None:
            continue
        if found.artist is not None and found.artist not in slugs:
            close = difflib.get_close_matches(found.artist, slugs, n=1)
            problems.append(Problem(
                f"the text '{found.title}' belongs to the artist '{found.artist}', who is not in the catalog",
                doc.path, doc.line("texts", index, "artist"),
                hint=f"did you mean '{close[0]}'?" if close else "artists: " + ", ".join(slugs)))
        problems.extend(_unknown_works(found, works))
        out.append(found)
    return out


def references(artists: Iterable[Artist]) -> dict[str, tuple[str, int]]:
    """Every name a cross-reference may give a work, with the work's artist and place among their works:
    slug/image-stem for a work with an image, and its catalogue number when it has one."""
    names: dict[str, tuple[str, int]] = {}
    for artist in artists:
        for index, work in enumerate(artist.works):
            if work.image is not None:
                names.setdefault(f"{artist.slug}/{work.image.stem}", (artist.slug, index))
            if work.cat_no:
                names.setdefault(str(work.cat_no), (artist.slug, index))
    return names


def paragraphs(text: Essay) -> Iterable[Paragraph]:
    """The essay's paragraphs and its notes' paragraphs: everywhere a reference may be."""
    yield from text.body.paragraphs
    for note in text.body.notes:
        yield from note.paragraphs


def _unknown_works(text: Essay, works: dict[str, tuple[str, int]]) -> list[Problem]:
    found = []
    for paragraph in paragraphs(text):
        for span in paragraph.spans:
            if not span.ref:
                continue
            target = span.ref.split(":", 1)[1]
            if target in works:
                continue
            close = difflib.get_close_matches(target, list(works), n=1)
            found.append(Problem(
                f"the cross-reference {span.text} names no work of the catalog", paragraph.origin.file,
                paragraph.origin.line,
                hint=f"did you mean '{close[0]}'?" if close else
                "name a work by its artist's folder and its image's file name, e.g. {pl:artist-slug/image-name}"))
    return found
