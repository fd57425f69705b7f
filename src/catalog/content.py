"""Reading a catalog project: catalog.yaml and content/artists/*/artist.yaml into model records."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import markup, typography
from .errors import CatalogError, ContentError, Problem
from .model import (
    Artist,
    Award,
    Born,
    Catalog,
    Colophon,
    Essay,
    Exhibit,
    Exhibition,
    Origin,
    Text,
    Translated,
    Work,
    slugify,
)
from .paths import resolve_inside
from .schema import (
    MISSING,
    UNPRINTABLE,
    Bool,
    Enum,
    Field,
    ListOf,
    Localized,
    Record,
    Str,
    Year,
    present,
    validate,
)
from .yamlsrc import Document, load_yaml, read_limited

CATALOG_FILE = "catalog.yaml"
ARTISTS_DIR = Path("content") / "artists"
ARTIST_FILE = "artist.yaml"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"}
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
EXHIBITION_KINDS = ("solo", "duo", "group", "festival", "biennial", "fair", "screening")
MAX_TEXT_BYTES = 1_000_000  # a Markdown file (bio, statement, essay): a book's worth of prose
MAX_SLUG = 100  # the PDF's file name is built from it

_TEXT_FILE = re.compile(r"[^\s]+\.(md|markdown|txt)")

EXHIBIT = Record({
    "title": Field(Str()),
    "venue": Field(Str()),
    "city": Field(Str()),
    "dates": Field(Str(), doc="e.g. 14 March – 31 May 2026"),
})
ESSAY = Record({
    "title": Field(Str(), required=True),
    "author": Field(Str()),
    "file": Field(Str(), doc="a Markdown file in the project"),
    "text": Field(Str(), doc="the text itself, when there is no file"),
})
COLOPHON = Record({
    "edition": Field(Str()),
    "printer": Field(Str()),
    "isbn": Field(Str(r"(?:ISBN[ :]*)?[0-9][0-9 \-]{8,16}[0-9Xx]", "978-601-7000-00-0")),
    "copyright": Field(Str()),
    "credits": Field(ListOf(Str()), default=[]),
    "acknowledgements": Field(Str()),
})
CATALOG_SCHEMA = Record({
    "title": Field(Str(), required=True, doc="the catalog's title"),
    "title_native": Field(Str()),
    "subtitle": Field(Str()),
    "slug": Field(Str(SLUG, "light-of-the-steppe"), doc="file name of the PDF"),
    "exhibition": Field(EXHIBIT, default={}),
    "curator": Field(Str()),
    "editor": Field(Str()),
    "publisher": Field(Str()),
    "year": Field(Year()),
    "language": Field(Str(r"[a-z]{2}(?:[_-][A-Za-z]{2})?", "en"), default="en"),
    "languages": Field(ListOf(Str(r"[a-z]{2,3}", "ru"), min_items=1),
                       doc="the languages to print, the main one first, e.g. [en, ru]; default: [language]"),
    "layout": Field(Str(r"[A-Za-z0-9_.-]+", "classic"), default="classic"),
    "press": Field(Str(r"[A-Za-z0-9_.-]+", "offset"), doc="the press profile to build for"),
    "artists": Field(ListOf(Str(SLUG, "bekzat-popov"))),
    "cover": Field(Record({"image": Field(Str())}), default={}),
    "texts": Field(ListOf(ESSAY), default=[]),
    "colophon": Field(COLOPHON, default={}),
}, name="catalog")

ARTIST_SCHEMA = Record({
    "name": Field(Str(), required=True, doc="the artist's name as printed"),
    "name_native": Field(Str()),
    "born": Field(Record({
        "year": Field(Year()),
        "place": Field(Str()),
        "place_native": Field(Str()),
    }), default={}),
    "based": Field(Str()),
    "based_native": Field(Str()),
    "bio": Field(Localized(), doc="the biography, or the name of a Markdown file beside artist.yaml; "
                 "or one per language: {en: bio.md, ru: bio.ru.md}"),
    "statement": Field(Localized()),
    "portrait": Field(Str()),
    "portrait_credit": Field(Str()),
    "exhibitions": Field(ListOf(Record({
        "year": Field(Year(), required=True),
        "title": Field(Str(), required=True),
        "venue": Field(Str()),
        "city": Field(Str()),
        "kind": Field(Enum(*EXHIBITION_KINDS), default="group"),
    })), default=[]),
    "awards": Field(ListOf(Record({
        "year": Field(Year(), required=True),
        "title": Field(Str(), required=True),
    })), default=[]),
    "works": Field(ListOf(Record({
        "image": Field(Str(), required=True, doc="e.g. images/evening.jpg"),
        "title": Field(Localized(), required=True, doc="the title, or one per language: {en: ..., ru: ...}"),
        "title_native": Field(Str()),
        "year": Field(Year()),
        "medium": Field(Localized()),
        "dimensions": Field(Localized()),
        "edition": Field(Localized()),
        "bleed": Field(Bool()),
        "credit": Field(Localized()),
        "collection": Field(Localized()),
    })), default=[]),
}, name="artist")


@dataclass(frozen=True)
class Loaded:
    catalog: Catalog
    warnings: tuple[Problem, ...]


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

    texts = [_essay(root, doc, index, item, problems) for index, item in present(values.get("texts") or [])]
    cover = None
    if (values.get("cover") or {}).get("image"):
        cover = _image_path(root, root, values["cover"]["image"], doc, ("cover", "image"), problems)
    colophon_values = values.get("colophon") or {}
    acknowledgements = None
    if colophon_values.get("acknowledgements"):
        acknowledgements = _inline_text(colophon_values["acknowledgements"], doc,
                                        ("colophon", "acknowledgements"))

    if problems:
        raise ContentError(problems)
    warnings.extend(_unused_images(artists, cover))
    title = values["title"]
    catalog = Catalog(
        root=root,
        title=title,
        slug=values.get("slug") or slugify(title),
        artists=tuple(artists),
        title_native=values.get("title_native"),
        subtitle=values.get("subtitle"),
        exhibition=Exhibit(**(values.get("exhibition") or {})),
        curator=values.get("curator"),
        editor=values.get("editor"),
        publisher=values.get("publisher"),
        year=values.get("year"),
        language=values.get("language") or "en",
        languages=languages,
        layout=values.get("layout") or "classic",
        press=values.get("press"),
        cover_image=cover,
        texts=tuple(t for t in texts if t is not None),
        colophon=Colophon(
            edition=colophon_values.get("edition"),
            printer=colophon_values.get("printer"),
            isbn=colophon_values.get("isbn"),
            copyright=colophon_values.get("copyright"),
            credits=tuple(c for _, c in present(colophon_values.get("credits") or [])),
            acknowledgements=acknowledgements,
        ),
        origin=Origin(path, 1),
        field_lines={".".join(key): line for key, line in doc.lines.items()  # type: ignore[arg-type]
                     if all(isinstance(part, str) for part in key)},  # "layout", "cover.image"...
    )
    return Loaded(catalog, tuple(warnings))


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


CAPTION_FIELDS = ("title", "medium", "dimensions", "edition", "credit", "collection")


def _work_versions(item: dict[str, Any], work: Work, languages: tuple[str, ...]) -> Translated[Work]:
    """The work as captioned in each printed language: its localized fields in that language, the
    others (and fields without that language) as in the main one."""
    versions = []
    for language in languages:
        changes = {}
        for name in CAPTION_FIELDS:
            value = item[name]
            if isinstance(value, dict) and value.get(language) is not None:
                changes[name] = _polished(value[language], language)
        versions.append((language, replace(work, **changes)))
    return Translated(tuple(versions))


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
    path = folder / ARTIST_FILE
    doc = load_yaml(path)
    values, problems = validate(doc, ARTIST_SCHEMA)
    warnings: list[Problem] = []
    if not re.fullmatch(SLUG, slug):
        problems.append(Problem(f"the folder name '{slug}' is not a usable slug", path,
                                hint="use lower-case letters, digits and hyphens, e.g. "
                                     f"'{slugify(slug)}'"))
    if values is MISSING:
        raise ContentError(problems)

    works: list[Work] = []
    for index, item in present(values["works"]):
        image = _image_path(root, folder, item["image"], doc, ("works", index, "image"), problems)
        if image is None:
            continue
        main = {name: _polished(_translated(item[name], languages)[0], languages[0]) for name in CAPTION_FIELDS}
        work = Work(
            image=image, title=main["title"], year=item["year"], title_native=item["title_native"],
            medium=main["medium"], dimensions=main["dimensions"], edition=main["edition"],
            bleed=item["bleed"], credit=main["credit"], collection=main["collection"],
            origin=Origin(path, doc.line("works", index), f"works[{index + 1}]"))
        works.append(replace(work, translations=_work_versions(item, work, languages)))
    portrait = None
    if values["portrait"]:
        portrait = _image_path(root, folder, values["portrait"], doc, ("portrait",), problems)
    if not values["works"]:
        warnings.append(Problem("the artist has no works, so no plates", path, doc.line("works"),
                                severity="warning", hint="add entries under 'works:'"))

    bios = _text_versions(root, folder, values["bio"], doc, "bio", languages, problems)
    statements = _text_versions(root, folder, values["statement"], doc, "statement", languages, problems)
    for name, versions in (("biography", bios), ("statement", statements)):
        missing = [code for code in languages if versions and versions.get(code) is None]
        if missing and len(languages) > 1:
            key = "bio" if name == "biography" else name
            warnings.append(Problem(
                f"the {name} has no version in {', '.join(missing)}, which the catalog prints", path,
                doc.line(key), severity="warning", code="missing-language",
                hint=f"write '{key}:' as a mapping by language: {{{', '.join(f'{c}: ...' for c in languages)}}}"))
    bio = _main_text(bios, languages)
    statement = _main_text(statements, languages)
    if problems:
        raise ContentError(problems)
    born = values["born"] or {}
    return Artist(
        slug=slug,
        name=values["name"],
        folder=folder,
        name_native=values["name_native"],
        born=Born(born.get("year"), born.get("place"), born.get("place_native")),
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
        origin=Origin(path, 1),
        field_lines={key[0]: line for key, line in doc.lines.items() if len(key) == 1 and isinstance(key[0], str)},
    ), warnings


def _unused_images(artists: list[Artist], cover: Path | None) -> list[Problem]:
    """Images in an artist's images/ folder that no work, portrait or the cover uses: a warning, since
    a file left out by mistake (or a work naming the wrong file) is easy to miss in the PDF."""
    used = {work.image for artist in artists for work in artist.works}
    used.update(artist.portrait for artist in artists if artist.portrait)
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
            if extra.suffix.lower() not in IMAGE_SUFFIXES or not _is_file(extra):
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


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _resolve(root: Path, base: Path, value: str, doc: Document, key: tuple[Any, ...],
             problems: list[Problem]) -> Path | None:
    resolved, problem = resolve_inside(root, base, value, doc.path, doc.line(*key))
    if problem:
        problems.append(problem)
    return resolved


def _image_path(root: Path, base: Path, value: str, doc: Document, key: tuple[Any, ...],
                problems: list[Problem]) -> Path | None:
    resolved = _resolve(root, base, value, doc, key, problems)
    if resolved is None:
        return None
    if resolved.exists() and not _is_file(resolved):
        problems.append(Problem(f"not a file: {value}", doc.path, doc.line(*key),
                                hint="name an image file (JPEG, PNG or TIFF)"))
        return None
    if not _is_file(resolved):
        siblings = [p.name for p in resolved.parent.glob("*")] if resolved.parent.is_dir() else []
        close = difflib.get_close_matches(resolved.name, siblings, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "check the file name and folder"
        problems.append(Problem(f"image not found: {value}", doc.path, doc.line(*key), hint=hint))
        return None
    return resolved


def _text_versions(root: Path, folder: Path, value: Any, doc: Document, name: str, languages: tuple[str, ...],
                   problems: list[Problem]) -> Translated[Text]:
    """A prose field in each language written, each polished with its own language's typography."""
    if not value:
        return Translated()
    entries = value.items() if isinstance(value, dict) else [(languages[0], value)]
    versions = []
    for code, text in entries:
        key = (name, code) if isinstance(value, dict) else (name,)
        body = _text_field(root, folder, text, doc, key, problems)
        if body is not None:
            versions.append((code, markup.polished(body, code)))
    return Translated(tuple(versions))


def _main_text(versions: Translated[Text], languages: tuple[str, ...]) -> Text | None:
    if not versions:
        return None
    return versions.get(languages[0]) or versions.items[0][1]


def _text_field(root: Path, folder: Path, value: str | None, doc: Document, key: tuple[Any, ...],
                problems: list[Problem]) -> Text | None:
    """Inline Markdown, or the name of a Markdown file beside the YAML file."""
    if not value:
        return None
    if _TEXT_FILE.fullmatch(value.strip()):
        return _text_file(root, folder, value.strip(), doc, key, problems)
    return _inline_text(value, doc, key)


def _inline_text(value: str, doc: Document, key: tuple[Any, ...]) -> Text:
    """Markdown written in YAML. Only a literal block (|) keeps the file's line breaks; in every
    other style YAML has already joined lines and turned each blank line into one newline."""
    line = doc.line(*key)
    style = doc.styles.get(tuple(key), "")
    if style != "|":
        value = value.replace("\n", "\n\n")
    first = line + 1 if line is not None and style in ("|", ">") else line
    return markup.parse(value, doc.path, first)


def _text_file(root: Path, base: Path, value: str, doc: Document, key: tuple[Any, ...],
               problems: list[Problem]) -> Text | None:
    line = doc.line(*key)
    resolved = _resolve(root, base, value, doc, key, problems)
    if resolved is None:
        return None
    if resolved.exists() and not _is_file(resolved):
        problems.append(Problem(f"not a file: {value}", doc.path, line, hint="name a Markdown (.md) file"))
        return None
    if not _is_file(resolved):
        problems.append(Problem(f"text file not found: {value}", doc.path, line,
                                hint=f"create {value} beside {doc.path.name} or write the text inline"))
        return None
    try:
        raw = read_limited(resolved, MAX_TEXT_BYTES, "text")
    except CatalogError as exc:
        problems.extend(exc.problems)
        return None
    try:
        source = unicodedata.normalize("NFC", raw.decode("utf-8-sig"))  # NFD from macOS prints the same
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem("the text file is not UTF-8", resolved, bad_line,
                                hint="save it as UTF-8 in your editor"))
        return None
    source = source.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    bad = UNPRINTABLE.search(source)
    if bad:
        problems.append(Problem(f"the text file contains the character U+{ord(bad.group()):04X}, which cannot be "
                                "printed", resolved, source[: bad.start()].count("\n") + 1,
                                hint="delete it (such characters often come with pasted text)"))
        return None
    text = markup.parse(source, resolved, 1)
    if not text.paragraphs:
        problems.append(Problem(f"the text file {value} is empty", doc.path, line))
        return None
    return text


def _essay(root: Path, doc: Document, index: int, item: dict[str, Any],
           problems: list[Problem]) -> Essay | None:
    key = ("texts", index)
    if item.get("file") and item.get("text"):
        problems.append(Problem("a text has both 'file' and 'text'", doc.path, doc.line(*key),
                                hint="keep one of them"))
        return None
    if item.get("file"):
        body = _text_file(root, root, item["file"], doc, (*key, "file"), problems)
    elif item.get("text"):
        body = _inline_text(item["text"], doc, (*key, "text"))
    else:
        problems.append(Problem(f"the text '{item['title']}' has no 'file' or 'text'", doc.path,
                                doc.line(*key), hint="add 'file: content/texts/foreword.md'"))
        return None
    if body is None:
        return None
    return Essay(item["title"], body, item.get("author"), Origin(doc.path, doc.line(*key)))
