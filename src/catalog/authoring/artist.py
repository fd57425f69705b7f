"""`catalog new artist`: a new artist's folder and artist.yaml, with a works entry per photograph given, listed in
catalog.yaml; everything is checked before anything is written."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.fields import EXAMPLES, UNFILLED, WORK_FIELDS
from ..content.files import ARTIST_FILE, ARTISTS_DIR, CATALOG_FILE
from ..content.schemas import ARTIST_SCHEMA
from ..content.slugs import slug as make_slug
from ..errors import Problem
from .entries import Value, WorkEntry, entry_refusal, loader_view
from .files import ScaffoldError, replace_text, unwritable
from .photos import NotAPhoto, Photo, copy_photo, find_photos, no_photos, skip, title_from_file
from .templates import COMMENT_COLUMN, fill, printable_argument, template, yaml_scalar
from .yamledit import add_to_list

__all__ = ["UNFILLED", "NewArtist", "draft_work", "new_artist"]

EXIF_NOTE = "the photo file's date (EXIF): a scan's is the scan's; remove the # if it is the work's"


@dataclass(frozen=True)
class NewArtist:
    slug: str
    folder: Path
    works: int
    catalog_changed: bool
    written: tuple[Path, ...]
    skipped: tuple[Problem, ...] = ()  # files in --images that were not copied, each with the reason (warnings)
    dated: int = 0  # works whose photo's EXIF date is offered as the year, commented out


def new_artist(project: Path, name: str, images: Path | None = None) -> NewArtist:
    """Create content/artists/<slug>/ for `name` (works from the photos in `images`, if given) and list the
    artist in catalog.yaml. Everything is checked first: a refusal writes nothing. Photos that cannot be used
    (not an image, a name the build refuses) are left out and listed in `skipped`."""
    catalog = project / CATALOG_FILE
    if not catalog.is_file():
        raise ScaffoldError(Problem(f"no {CATALOG_FILE} in {project}", hint="run it in a catalog project folder, "
                                    "give one with --project DIR, or start one with: catalog init"))
    name = printable_argument(" ".join(name.split()), "name")
    slug = make_slug(name)
    if not slug:
        raise ScaffoldError(Problem(f"cannot make a folder name from '{name}'",
                                    hint="give the name in Latin or Cyrillic letters"))
    folder = project / ARTISTS_DIR / slug
    if folder.exists():
        raise ScaffoldError(Problem("this artist folder already exists", folder,
                                    hint="edit its artist.yaml, or give the new artist a different name"))
    photos, skipped = find_photos(images) if images is not None else ([], [])
    catalog_text = catalog.read_text(encoding="utf-8-sig")
    updated = add_to_list(catalog_text, "artists", slug, catalog)

    artist_file = folder / ARTIST_FILE
    with tempfile.TemporaryDirectory(prefix="catalog-") as scratch:
        usable: list[Photo] = []
        entries: list[str] = []
        for photo in photos:
            entry = draft_work(photo.name, photo.year)
            reason = entry_refusal(entry, project, folder, Path(scratch), must_exist=False)
            if reason:
                skipped.append(skip(photo.source, f"the build would refuse its entry: {reason}",
                                     "rename the file and run the command again"))
                continue
            usable.append(photo)
            entries.append(entry.text())
        if images is not None and not usable:
            raise no_photos(images, skipped)
        works = "".join(entries) if entries else template("work-example.txt")
        pad = " " * max(1, COMMENT_COLUMN - len(f"name: {yaml_scalar(name)}"))
        artist_text = fill(template("artist-new.yaml"), name=yaml_scalar(name), name_pad=pad, works=works)
        _, problems = loader_view(artist_text, ARTIST_SCHEMA, Path(scratch))
        if problems:  # the entries and the name were checked one by one: this is the last guard
            raise ScaffoldError(replace(p, file=artist_file, hint="; ".join(filter(None, ("nothing was written",
                                                                                          p.hint))))
                                for p in problems)

    written: list[Path] = []
    target = folder
    try:
        (folder / "images").mkdir(parents=True)
        for photo in usable:
            target = folder / "images" / photo.name
            copy_photo(photo.source, target)
            written.append(target)
        target = artist_file
        artist_file.write_text(artist_text, encoding="utf-8")
        written.insert(0, artist_file)
        if updated != catalog_text:
            target = catalog
            replace_text(catalog, updated)
    except NotAPhoto as exc:  # it changed between the check and the copy
        shutil.rmtree(folder, ignore_errors=True)
        raise ScaffoldError(Problem(f"not copied: {exc.reason}; nothing was written", target, hint=exc.hint)) from None
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)  # all new: leave nothing half made
        raise unwritable(target, exc) from None
    return NewArtist(slug, folder, len(usable), updated != catalog_text, tuple(written), tuple(skipped),
                     sum(1 for photo in usable if photo.year))


def draft_work(name: str, year: str | None) -> WorkEntry:
    """A works entry for a photo copied as images/`name`: what the file tells, TODO for what only the artist
    knows. A name that gives no title (' .jpg') gets TODO, which preflight reports, not a blank the build refuses.

    The year the photo's EXIF data gives is offered commented out, never written as the work's: it is the date
    the file was made, which for a scan of a 1968 print is the day of the scan. A wrong year would print without
    a word from preflight; a missing one prints nothing until the author (or `catalog import`) gives it."""
    title = title_from_file(name)
    values: dict[str, Value] = {spec.name: UNFILLED for spec in WORK_FIELDS if spec.draft}
    return WorkEntry(image=f"images/{name}", title=title if title.strip() else UNFILLED, values=values,
                     offered={"year": year} if year else {},
                     notes={"year": EXIF_NOTE} if year else {},
                     examples={**EXAMPLES, "year": "2019 (not in the photo's data)"})
