"""Reading a catalog project: catalog.yaml and content/artists/*/artist.yaml into model records."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import CatalogError, ContentError, Problem
from ..model import (
    Artist,
    Award,
    Blank,
    Born,
    Catalog,
    Colophon,
    Died,
    Exhibit,
    Exhibition,
    Origin,
    Translated,
    View,
    Work,
)
from ..source.schema import MISSING, present, validate
from ..source.yamlfile import Document, load_yaml
from . import markup, typography
from .dimensions import measures
from .essays import essays
from .fields import TRANSLATED, UNFILLED, WORK_FIELDS
from .files import (
    ARTIST_FILE,
    ARTISTS_DIR,
    CATALOG_FILE,
    IMAGE_FORMATS,
    IMAGE_SUFFIXES,
    is_file,
    listed,
    path_in_project,
)
from .isbn import IsbnError, isbn13
from .records import in_collection, repeated_numbers, unknown_artists
from .references import read_glossary, read_references
from .schemas import ARTIST_SCHEMA, CATALOG_SCHEMA, SLUG
from .sequence import crop_box, read_sequence
from .slugs import slug as make_slug
from .texts import MAX_TEXT_BYTES, inline_text, main_text, text_versions

__all__ = ["MAX_TEXT_BYTES", "Loaded", "load_artist", "load_project"]

MAX_SLUG = 100  # the PDF's file name is built from it


@dataclass(frozen=True)
class Loaded:
    catalog: Catalog
    warnings: tuple[Problem, ...]

    @property
    def blanks(self) -> tuple[Blank, ...]:
        """Every works field still holding the TODO marker, in the catalog's order."""
        return tuple(blank for work in self.catalog.works for blank in work.blanks)


def load_project(root: Path) -> Loaded:
    """Read and check everything; every problem in every file is reported in one ContentError."""
    root = root.resolve()
    path = root / CATALOG_FILE
    if not path.is_file():
        raise ContentError(Problem(
            f"no {CATALOG_FILE} in {root}", hint="run the command in a catalog project folder "
            "or give the folder: catalog build PROJECT_DIR"))
    problems: list[Problem] = []
    warnings: list[Problem] = []
    try:
        doc = load_yaml(path)
    except CatalogError as exc:
        raise ContentError(exc.problems) from None
    values, found = validate(doc, CATALOG_SCHEMA)
    problems.extend(found)
    if values is MISSING:
        values = {}

    languages = _languages(values, doc, problems)
    available = _artist_folders(root)
    order = values.get("artists")
    if order is None:
        slugs = sorted(available)
    else:
        slugs = []
        for index, slug in present(order):
            line = doc.line("artists", index)
            if slug in slugs:
                problems.append(Problem(f"artist '{slug}' is listed twice", path, line,
                                        hint="list each artist once"))
            elif slug not in available:
                close = difflib.get_close_matches(slug, list(available), n=1)
                hint = (f"did you mean '{close[0]}'?" if close else
                        f"create {ARTISTS_DIR / slug / ARTIST_FILE} or remove the line")
                problems.append(Problem(f"no artist folder for '{slug}'", path, line, hint=hint))
            else:
                slugs.append(slug)
        for slug in sorted(set(available) - {slug for _, slug in present(order)}):
            warnings.append(Problem(f"artist folder '{slug}' is not listed under 'artists' and is left out",
                                    path, doc.line("artists"), severity="warning",
                                    hint=f"add '{slug}' to the list to include it"))

    artists: list[Artist] = []
    for slug in slugs:
        linked = _outside(root, available[slug])
        if linked:
            problems.append(linked)
            continue
        try:
            artist, artist_warnings = load_artist(root, available[slug], slug, languages)
        except CatalogError as exc:
            problems.extend(exc.problems)
            continue
        artists.append(artist)
        warnings.extend(artist_warnings)
    if values.get("slug") and len(values["slug"]) > MAX_SLUG:
        problems.append(Problem(f"'slug' is longer than {MAX_SLUG} characters", path, doc.line("slug"),
                                hint="the PDF is named after it; shorten it"))
    if not slugs and not problems:
        problems.append(Problem("the catalog has no artists", path, doc.line("artists"),
                                hint=f"add a folder {ARTISTS_DIR}/<slug>/ with an {ARTIST_FILE}"))

    language = values.get("language") or "en"
    texts = essays(root, doc, values.get("texts") or [], artists, language, problems, warnings)
    cover = None
    if (values.get("cover") or {}).get("image"):
        cover = _image_path(root, root, values["cover"]["image"], doc, ("cover", "image"), problems)
    frontispiece = None
    if values.get("frontispiece"):
        frontispiece = _image_path(root, root, values["frontispiece"], doc, ("frontispiece",), problems)
    colophon_values = values.get("colophon") or {}
    acknowledgements = None
    if colophon_values.get("acknowledgements"):
        acknowledgements = markup.polished(inline_text(colophon_values["acknowledgements"], doc,
                                                       ("colophon", "acknowledgements")), language)

    isbn = _isbn13(colophon_values.get("isbn"), doc, problems)
    references = read_references(root, values["references"], doc, problems) if values.get("references") else ()
    glossary = read_glossary(values["glossary"], root, doc, problems, language) if values.get("glossary") else ()
    blurb = markup.polished(inline_text(values["blurb"], doc, ("blurb",)), language) if values.get("blurb") else None
    if problems:
        raise ContentError(problems)
    problems.extend(unknown_artists(artists, doc) + repeated_numbers(artists))
    if problems:
        raise ContentError(problems)
    warnings.extend(_unused_images(artists, cover, frontispiece))
    if values.get("collection"):
        artists = [replace(artist, works=tuple(in_collection(work, values["collection"]) for work in artist.works))
                   for artist in artists]
    title = values["title"]
    catalog = Catalog(
        root=root,
        title=title,
        slug=values.get("slug") or make_slug(title) or "catalog",
        artists=tuple(artists),
        title_native=values.get("title_native"),
        subtitle=values.get("subtitle"),
        exhibition=Exhibit(**(values.get("exhibition") or {})),
        curator=values.get("curator"),
        collection=values.get("collection"),
        lenders=tuple(values.get("lenders") or ()),
        references=references, glossary=glossary,
        editor=values.get("editor"),
        publisher=values.get("publisher"),
        year=values.get("year"),
        language=values.get("language") or "en",
        languages=languages,
        layout=values.get("layout") or "classic",
        press=values.get("press"),
        cover_image=cover,
        frontispiece=frontispiece,
        texts=tuple(t for t in texts if t is not None),
        colophon=Colophon(
            edition=colophon_values.get("edition"),
            printer=colophon_values.get("printer"),
            isbn=colophon_values.get("isbn"),
            isbn13=isbn,
            price_code=colophon_values.get("price_code"),
            copyright=colophon_values.get("copyright"),
            credits=tuple(c for _, c in present(colophon_values.get("credits") or [])),
            acknowledgements=acknowledgements,
        ),
        blurb=blurb,
        binding={key: value for key, value in (values.get("binding") or {}).items() if value is not None},
        paper={key: value for key, value in (values.get("paper") or {}).items() if value is not None},
        origin=Origin(path, 1),
        field_lines={".".join(key): line for key, line in doc.lines.items()  # type: ignore[arg-type]
                     if all(isinstance(part, str) for part in key)},  # "layout", "cover.image"...
    )
    return Loaded(catalog, tuple(warnings))


def _isbn13(text: str | None, doc: Document, problems: list[Problem]) -> str | None:
    """The ISBN's 13 digits, its check digit checked: a wrong ISBN printed under a barcode is a book no
    shop can sell, so it is an input error at its line, with the digit it should have."""
    if not text:
        return None
    try:
        return isbn13(text)
    except IsbnError as exc:
        problems.append(Problem(f"the ISBN {text} {exc}", doc.path, doc.line("colophon", "isbn"),
                                hint="copy the ISBN from the agency's assignment letter"))
        return None


def _languages(values: dict[str, Any], doc: Document, problems: list[Problem]) -> tuple[str, ...]:
    """The languages to print: `languages`, or the one `language`, as base codes ('en_US' is 'en')."""
    listed = values.get("languages")
    if not listed:
        return (typography.base_language(values.get("language") or "en"),)
    out: list[str] = []
    for index, code in present(listed):
        if code in out:
            problems.append(Problem(f"the language '{code}' is listed twice", doc.path, doc.line("languages", index),
                                    hint="list each language once"))
        else:
            out.append(code)
    return tuple(out) or ("en",)


def _translated(value: Any, languages: tuple[str, ...]) -> tuple[Any, Translated[Any]]:
    """(the value in the main language, every version) of a field that may be a mapping by language.
    A single value is in the main language; a mapping without it prints its first version there."""
    if value is None:
        return None, Translated()
    if not isinstance(value, dict):
        return value, Translated(((languages[0], value),))
    items = tuple(value.items())
    return value.get(languages[0], items[0][1]), Translated(items)


def _polished(value: str | None, language: str) -> str | None:
    return typography.polish(value, language) if value else value


def _work_versions(item: dict[str, Any], work: Work, languages: tuple[str, ...]) -> Translated[Work]:
    """The work as captioned in each printed language: its localized fields in that language, the
    others (and fields without that language) as in the main one."""
    versions = []
    for language in languages:
        changes: dict[str, Any] = {}
        for name in TRANSLATED:
            value = item[name]
            if isinstance(value, dict) and value.get(language) is not None:
                changes[name] = _polished(value[language], language)
        versions.append((language, replace(work, **changes)))
    return Translated(tuple(versions))


def _blanks(item: dict[str, Any], index: int, doc: Document) -> tuple[Blank, ...]:
    """The work's fields still holding the TODO marker `catalog new artist --images` leaves, which would print as
    "TODO"; a field given per language ({en: TODO, ru: ...}) is looked at language by language."""
    found = []
    for name, value in item.items():
        for language, text in value.items() if isinstance(value, dict) else [(None, value)]:
            if isinstance(text, str) and text.strip() == UNFILLED:
                key = ("works", index, name) if language is None else ("works", index, name, language)
                found.append(Blank(name if language is None else f"{name}.{language}",
                                   Origin(doc.path, doc.line(*key), f"works[{index + 1}]")))
    return tuple(found)


def _artist_folders(root: Path) -> dict[str, Path]:
    base = root / ARTISTS_DIR
    if not base.is_dir():
        return {}
    return {p.name: p for p in sorted(base.iterdir()) if (p / ARTIST_FILE).is_file()}


def _outside(root: Path, folder: Path) -> Problem | None:
    """An artist folder, or its artist.yaml, reached through a link that leaves the project: the
    build would print it, yet the manifest (which lists the project's files) could not vouch for it."""
    for path in (folder, folder / ARTIST_FILE):
        try:
            path.resolve().relative_to(root)
        except ValueError:
            return Problem(f"the artist's {'folder' if path == folder else ARTIST_FILE} is a link to "
                           f"{path.resolve()}, outside the project", path,
                           hint="copy it into the project instead of linking to it")
        except (OSError, RuntimeError) as exc:
            return Problem(f"cannot read the artist's folder: {exc}", path)
    return None


def load_artist(root: Path, folder: Path, slug: str,
                languages: tuple[str, ...] = ("en",)) -> tuple[Artist, list[Problem]]:
    """One artist's folder (`slug`) read into a record, with the warnings it gave; every error in
    its artist.yaml is raised together in one ContentError. `languages`: the catalog's, main first."""
    path = folder / ARTIST_FILE
    doc = load_yaml(path)
    values, problems = validate(doc, ARTIST_SCHEMA)
    warnings: list[Problem] = []
    if not re.fullmatch(SLUG, slug):
        example = make_slug(slug)
        problems.append(Problem(f"the folder name '{slug}' is not a usable slug", path,
                                hint="use lower-case letters, digits and hyphens"
                                     + (f", e.g. '{example}'" if example else "")))
    if values is MISSING:
        raise ContentError(problems)

    works: list[Work] = []
    for index, item in present(values["works"]):
        image = None  # a work without a picture: listed, not plated
        if item["image"] is not None:
            image = _image_path(root, folder, item["image"], doc, ("works", index, "image"), problems)
            if image is None:
                continue
        fields: dict[str, Any] = {  # a translated field in the main language, polished for it
            spec.name: _polished(_translated(item[spec.name], languages)[0], languages[0]) if spec.translated
            else item[spec.name] for spec in WORK_FIELDS if spec.name not in ("image", "views", "dimensions")}
        fields["artists"] = tuple(item["artists"] or ())
        fields["dimensions"] = measures(item["dimensions"]) or _polished(
            _translated(item["dimensions"], languages)[0], languages[0])
        detail = None
        if fields["crop"] and fields["crop"] != "allow":
            detail = crop_box(fields["crop"], doc, ("works", index, "crop"), problems)
        views = _views(root, folder, item["views"] or [], doc, index, problems)
        work = Work(image=image, **fields, views=views, detail=detail,
                    origin=Origin(path, doc.line("works", index), f"works[{index + 1}]"),
                    blanks=_blanks(item, index, doc))
        works.append(replace(work, translations=_work_versions(item, work, languages)))
    portrait = None
    if values["portrait"]:
        portrait = _image_path(root, folder, values["portrait"], doc, ("portrait",), problems)
    if not values["works"]:
        warnings.append(Problem("the artist has no works, so no plates", path, doc.line("works"),
                                severity="warning", hint="add entries under 'works:'"))

    bios = text_versions(root, folder, values["bio"], doc, "bio", languages, problems)
    statements = text_versions(root, folder, values["statement"], doc, "statement", languages, problems)
    for name, versions in (("biography", bios), ("statement", statements)):
        missing = [code for code in languages if versions and versions.get(code) is None]
        if missing and len(languages) > 1:
            key = "bio" if name == "biography" else name
            warnings.append(Problem(
                f"the {name} has no version in {', '.join(missing)}, which the catalog prints", path,
                doc.line(key), severity="warning", code="missing-language",
                hint=f"write '{key}:' as a mapping by language: {{{', '.join(f'{c}: ...' for c in languages)}}}"))
    bio = main_text(bios, languages)
    statement = main_text(statements, languages)
    sequence = read_sequence(values["sequence"], works, doc, problems)
    if problems:
        raise ContentError(problems)
    born, died = values["born"] or {}, values["died"] or {}
    return Artist(
        slug=slug,
        name=values["name"],
        folder=folder,
        name_native=values["name_native"],
        born=Born(born.get("year"), born.get("place"), born.get("place_native")),
        died=Died(died.get("year"), died.get("place"), died.get("place_native")) if died else None,
        based=values["based"],
        based_native=values["based_native"],
        bio=bio,
        statement=statement,
        bios=bios,
        statements=statements,
        portrait=portrait,
        portrait_credit=values["portrait_credit"],
        portrait_origin=Origin(path, doc.line("portrait"), "portrait"),
        exhibitions=tuple(
            Exhibition(e["year"], e["title"], e["venue"], e["city"], e["kind"],
                       Origin(path, doc.line("exhibitions", i)))
            for i, e in present(values["exhibitions"])),
        awards=tuple(Award(a["year"], a["title"], Origin(path, doc.line("awards", i)))
                     for i, a in present(values["awards"])),
        works=tuple(works),
        sequence=sequence,
        origin=Origin(path, 1),
        field_lines={key[0]: line for key, line in doc.lines.items() if len(key) == 1 and isinstance(key[0], str)},
    ), warnings


def _views(root: Path, folder: Path, items: list[Any], doc: Document, index: int,
           problems: list[Problem]) -> tuple[View, ...]:
    views = []
    for number, item in present(items):
        key = ("works", index, "views", number)
        image = _image_path(root, folder, item["image"], doc, (*key, "image"), problems)
        crop = crop_box(item["crop"], doc, (*key, "crop"), problems) if item["crop"] else None
        if image is not None:
            views.append(View(image, item["kind"], crop, Origin(doc.path, doc.line(*key),
                                                                f"works[{index + 1}].views[{number + 1}]")))
    return tuple(views)


def _unused_images(artists: list[Artist], cover: Path | None, frontispiece: Path | None = None) -> list[Problem]:
    """Images in an artist's images/ folder that no work, portrait or the cover uses: a warning, since
    a file left out by mistake (or a work naming the wrong file) is easy to miss in the PDF."""
    used = {work.image for artist in artists for work in artist.works}
    used.update(view.image for artist in artists for work in artist.works for view in work.views)
    used.update(artist.portrait for artist in artists if artist.portrait)
    used.add(frontispiece)
    if cover:
        used.add(cover)
    warnings: list[Problem] = []
    for artist in artists:
        path = artist.folder / ARTIST_FILE
        try:
            files = sorted((artist.folder / "images").iterdir())
        except OSError:
            continue
        for extra in files:
            if extra.suffix.lower() not in IMAGE_SUFFIXES or not is_file(extra):
                continue
            try:
                target: Path | None = extra.resolve()
            except (OSError, RuntimeError):  # a loop of links
                target = None
            if target not in used:
                warnings.append(Problem(f"image {extra.name} is not used by any work", path,
                                        artist.field_lines.get("works", 1), severity="warning", code="unused-image",
                                        hint=f"add a work with 'image: images/{extra.name}' or remove the file"))
    return warnings


def _image_path(root: Path, base: Path, value: str, doc: Document, key: tuple[Any, ...],
                problems: list[Problem]) -> Path | None:
    resolved = path_in_project(root, base, value, doc, key, problems)
    if resolved is None:
        return None
    if resolved.exists() and not is_file(resolved):
        problems.append(Problem(f"not a file: {value}", doc.path, doc.line(*key),
                                hint=f"name an image file ({listed([kind.name for kind in IMAGE_FORMATS])})"))
        return None
    if not is_file(resolved):
        siblings = [p.name for p in resolved.parent.glob("*")] if resolved.parent.is_dir() else []
        close = difflib.get_close_matches(resolved.name, siblings, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "check the file name and folder"
        problems.append(Problem(f"image not found: {value}", doc.path, doc.line(*key), hint=hint))
        return None
    return resolved
