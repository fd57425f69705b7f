"""What holds across all the works of a catalog: the artists a work names exist, catalogue numbers are each one
work's, and works that name no collection are in the catalogue's."""

from __future__ import annotations

import difflib
from dataclasses import replace

from ..errors import Problem
from ..model import Artist, Translated, Work
from ..source.yamlfile import Document


def unknown_artists(artists: list[Artist], doc: Document) -> list[Problem]:
    """A work's `artists` must be artists of this catalog: a name in its captions comes from their artist.yaml."""
    slugs = [artist.slug for artist in artists]
    problems = []
    for artist in artists:
        for work in artist.works:
            for slug in work.artists:
                if slug not in slugs:
                    close = difflib.get_close_matches(slug, slugs, n=1)
                    problems.append(Problem(
                        f"{work.origin.key} names artist '{slug}', who is not in this catalog", work.origin.file,
                        work.origin.line, hint=f"did you mean '{close[0]}'?" if close else
                        f"add '{slug}' to 'artists' in {doc.path.name}, or write one of: {', '.join(slugs)}"))
    return problems


def repeated_numbers(artists: list[Artist]) -> list[Problem]:
    """A catalogue number names one work: the checklist's order and cross-references rely on it."""
    first: dict[str, Work] = {}
    problems = []
    for work in (work for artist in artists for work in artist.works if work.cat_no):
        assert work.cat_no is not None
        if work.cat_no in first:
            other = first[work.cat_no].origin
            problems.append(Problem(f"{work.origin.key}: catalogue number {work.cat_no} is also that of "
                                    f"{other.key} ({other.file.name if other.file else ''}:{other.line})",
                                    work.origin.file, work.origin.line, hint="give each work its own 'cat_no'"))
        first.setdefault(work.cat_no, work)
    return problems


def in_collection(work: Work, collection: str) -> Work:
    """The work, and its versions in other languages, in the catalogue's collection unless it names its own."""
    if work.collection:
        return work
    versions = Translated(tuple((code, replace(version, collection=version.collection or collection))
                                for code, version in work.translations.items))
    return replace(work, collection=collection, translations=versions)
