"""New projects and new artists written from commented templates, so an editor starts from files that explain
themselves and build at once; no typer here (the CLI calls these functions)."""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
import re
import shutil
import stat
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field, replace
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from PIL import Image, ImageDraw

from .content import ARTIST_FILE, ARTIST_SCHEMA, ARTISTS_DIR, CATALOG_FILE
from .errors import CatalogError, Problem
from .jsonschema import SCHEMAS
from .jsonschema import render as render_schema
from .paths import resolve_inside
from .resources import builtin_dir
from .schema import MISSING, Record, Type, shown, unprintable, validate
from .translit import slug as make_slug
from .yamlsrc import load_yaml

SAMPLE_ARTIST = "sample-artist"
SAMPLE_IMAGES = ("steppe-morning.jpg", "evening-tower.jpg")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
PHOTO_FORMATS = ("JPEG", "PNG", "TIFF")  # what Pillow must find inside ("JPEG" also opens a camera's MPO)
UNFILLED = "TODO"  # the value `new artist --images` leaves in fields it cannot know; preflight reports it
EXIF_IFD = 0x8769
DATE_TIME_ORIGINAL = 36867
DATE_TIME = 306
COMMENT_COLUMN = 38  # where the explanatory comments start in the templates
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # as in paths.py: what no file name should hold


class ScaffoldError(CatalogError):
    kind = "scaffold"


def template(name: str) -> str:
    return (resources.files("catalog") / "templates" / name).read_text(encoding="utf-8")


def fill(text: str, **values: str) -> str:
    """`{{key}}` replaced in one pass over the template, so a value that itself holds `{{...}}` (a name, a title)
    is written as it is, never filled in again; only `{{word}}` is a key, since templates hold `$schema` and braces."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise ValueError(f"template value {match.group()} not given")
        return values[match.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", value, text)


def shown_name(name: str, limit: int = 200) -> str:
    """A file name (or a cell naming one) safe to print in a one-line message: control characters, tab and newline
    included, escaped as \\uXXXX; long names cut short."""
    name = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", name)
    return name if len(name) <= limit else name[: limit - 3] + "..."


def yaml_scalar(value: str) -> str:
    """`value` written as YAML reads it back: plain when it can be, quoted when YAML would misread it
    (yes, 1:20, # or : inside)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True).strip()
    return text.removesuffix("...").strip()


def commented(line: str, comment: str) -> str:
    """A YAML line with its explanation in the comment column, as in the templates."""
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {comment}" if comment else line


@dataclass(frozen=True)
class WorkEntry:
    """One works entry as text; None fields are written as commented-out lines, UNFILLED as TODO."""

    image: str
    title: str
    year: str | None = None
    year_note: str = ""
    medium: str | None = None
    dimensions: str | None = None
    edition: str | None = None
    title_native: str | None = None
    credit: str | None = None
    collection: str | None = None
    bleed: bool | None = None
    examples: dict[str, str] = field(default_factory=dict)  # shown in the comment of a commented-out field

    def text(self, indent: str = "  ") -> str:
        inner = indent + "  "
        lines = [f"{indent}- image: {yaml_scalar(self.image)}", f"{inner}title: {yaml_scalar(self.title)}"]
        order = ("title_native", "year", "medium", "dimensions", "edition", "credit", "collection")
        for name in order:
            value = getattr(self, name)
            note = self.year_note if name == "year" else ""
            if value is None:
                if name in self.examples:
                    lines.append(commented(f"{inner}# {name}:", f"e.g. {self.examples[name]}"))
                continue
            # A plain year YAML reads as the same number the loader takes (1000-2999); others (0777 is octal
            # 511 to YAML, 3000 is out of range) are quoted, so they load as the text written.
            written = value if name == "year" and re.fullmatch(r"[12][0-9]{3}", value) else yaml_scalar(value)
            if value == UNFILLED:
                note = note or f"fill in, e.g. {self.examples.get(name, '...')}"
            lines.append(commented(f"{inner}{name}: {written}", note))
        if self.bleed is not None:
            lines.append(f"{inner}bleed: {'true' if self.bleed else 'false'}")
        elif self.examples:
            lines.append(commented(f"{inner}# bleed: true", "print the plate to the page edges"))
        return "\n".join(lines) + "\n"


EXAMPLES = {"title_native": "Дала кеші (the title in a second script)", "year": "2019",
            "medium": "Archival pigment print",
            "dimensions": "60 × 40 cm", "edition": "Edition of 5 + 2 AP", "credit": "Courtesy of the artist",
            "collection": "Private collection, Almaty"}


# --- catalog init ---


def init_project(target: Path, title: str = "My Exhibition") -> list[Path]:
    """Write a new project that builds as it is. Every target is checked before anything is written,
    so a refusal leaves the folder exactly as it was."""
    files = _project_files(printable_argument(" ".join(title.split()), "title") or "My Exhibition")
    hint = "choose an empty folder: catalog init NEW_FOLDER"
    problems = {target / name: Problem("already exists; catalog init never overwrites a file", target / name,
                                       hint=hint)
                for name in files if (target / name).exists() or (target / name).is_symlink()}
    folders = {target / parent for name in files for parent in Path(name).parents}
    for folder in sorted(folders):
        if folder.exists() and not folder.is_dir():
            problems[folder] = Problem("is a file where catalog init needs a folder", folder, hint=hint)
    if problems:
        raise ScaffoldError(problems.values())
    written: list[Path] = []
    above = [folder for folder in (*reversed(target.absolute().parents), target) if not folder.exists()]
    made = above + [folder for folder in sorted(folders - {target}) if not folder.exists()]  # parents first
    path = target
    try:
        for folder in made:
            path = folder
            folder.mkdir()
        for name, data in files.items():
            path = target / name
            with path.open("xb") as handle:  # never over a file that appeared since the check
                written.append(path)
                handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as exc:  # a full disk half-way: take back what was made, leave the folder as it was
        for done in written:
            with contextlib.suppress(OSError):
                done.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise _unwritable(path, exc) from None
    return written


def printable_argument(text: str, what: str) -> str:
    """`text` from the command line, refused when it holds a character the loader refuses in text (a control
    character typed with $'...', a byte that is not UTF-8), so it is never written into a file the build rejects."""
    bad = unprintable(text)
    if bad:
        raise ScaffoldError(Problem(f"the {what} '{shown(text)}' contains the character {bad}, which cannot be printed",
                                    hint=f"type the {what} again without it"))
    return text


def replace_text(path: Path, text: str) -> None:
    """Rewrite a file the user keeps editing through a temporary file, so a failed write never truncates it."""
    temporary = path.with_name(f".{path.name}.catalog-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class UnwritableError(ScaffoldError):
    """The machine's fault, not the input's (a full disk, a read-only folder): status 1, as for build."""

    exit_code = 1


def _unwritable(path: Path, exc: OSError) -> ScaffoldError:
    return UnwritableError(Problem(f"cannot write the file: {exc.strerror or exc}", path,
                                   hint="check that the folder can be written to and the disk is not full"))


def _project_files(title: str) -> dict[str, str | bytes]:
    year = str(datetime.date.today().year)
    artist = ARTISTS_DIR / SAMPLE_ARTIST
    builtins = {f"builtin_{kind}": str(builtin_dir(kind) or "(not found)") for kind in ("layouts", "fonts", "presses")}
    files: dict[str, str | bytes] = {
        CATALOG_FILE: fill(template("catalog.yaml"), title=yaml_scalar(title), year=year, artist=SAMPLE_ARTIST,
                           cover=SAMPLE_IMAGES[0]),
        str(artist / ARTIST_FILE): fill(template("artist-sample.yaml"), year=year, exhibition="Steppe Light",
                                        image1=SAMPLE_IMAGES[0], image2=SAMPLE_IMAGES[1]),
        str(artist / "bio.md"): template("bio.md"),
        str(artist / "images" / SAMPLE_IMAGES[0]): sample_photo((2600, 1734), evening=False),
        str(artist / "images" / SAMPLE_IMAGES[1]): sample_photo((1700, 2550), evening=True),
        "content/texts/foreword.md": template("foreword.md"),
        "README.md": fill(template("README.md"), title=title),
        ".gitignore": template("gitignore"),
    }
    for kind in ("layouts", "fonts", "presses"):
        files[f"{kind}/README.md"] = fill(template(f"{kind}.md"), **builtins)
    # What the scaffolded files' yaml-language-server lines point at: editors validate and complete.
    files.update({f"schemas/{name}.schema.json": render_schema(name) for name in SCHEMAS})
    return files


def sample_photo(size: tuple[int, int], evening: bool) -> bytes:
    """A small photo-like JPEG (sky, sun, land) big enough to print at 300 ppi on a plate, so the sample
    project builds without a low-resolution warning."""
    w, h = size
    sky = Image.linear_gradient("L").resize((w, h))
    top, bottom = ((40, 50, 110), (235, 150, 80)) if evening else ((90, 150, 215), (230, 225, 205))
    image = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), sky)
    draw = ImageDraw.Draw(image)
    horizon = int(h * 0.62)
    sun = (255, 210, 120) if evening else (255, 250, 225)
    draw.ellipse((w * 0.62, horizon - h * 0.2, w * 0.62 + h * 0.12, horizon - h * 0.08), fill=sun)
    draw.rectangle((0, horizon, w, h), fill=(110, 95, 60) if evening else (150, 140, 90))
    if evening:
        draw.rectangle((w * 0.3, h * 0.25, w * 0.42, horizon), fill=(35, 30, 40))
    out = BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


# --- catalog new artist ---


@dataclass(frozen=True)
class NewArtist:
    slug: str
    folder: Path
    works: int
    catalog_changed: bool
    written: tuple[Path, ...]
    skipped: tuple[Problem, ...] = ()  # files in --images that were not copied, each with the reason (warnings)


@dataclass(frozen=True)
class Photo:
    """A photo that passed the checks: its file, its name in images/ and the year its EXIF data gives."""

    source: Path
    name: str
    year: str | None


class NotAPhoto(Exception):
    """Why a file among the photos is not copied, and what to do about it."""

    def __init__(self, reason: str, hint: str):
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


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
                skipped.append(_skip(photo.source, f"the build would refuse its entry: {reason}",
                                     "rename the file and run the command again"))
                continue
            usable.append(photo)
            entries.append(entry.text())
        if images is not None and not usable:
            raise _no_photos(images, skipped)
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
        raise _unwritable(target, exc) from None
    return NewArtist(slug, folder, len(usable), updated != catalog_text, tuple(written), tuple(skipped))


def find_photos(folder: Path) -> tuple[list[Photo], list[Problem]]:
    """The photos directly in `folder`, sorted by name (the order of the plates), hidden files left out, and
    the files with a photo's name that are no photo, each with the reason (as warnings).

    A photo is a regular file that Pillow reads as a JPEG, PNG or TIFF. A symbolic link counts as the photo it
    leads to when that is one (a selection made with `ln -s` is a folder of photos too): it is followed only
    after `stat` shows a regular file at its end, so a link to a FIFO, a device or a folder is never opened, and
    a file that is not an image is never copied (only its first bytes are read, to tell). Names are taken in
    composed Unicode (NFC), as the loader reads them, so a photo named on a Mac is found by the build."""
    if not folder.is_dir():
        raise ScaffoldError(Problem(f"not a folder: {folder}", hint="give the folder holding the photographs"))
    try:
        names = sorted((p for p in folder.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES
                        and not p.name.startswith(".")), key=lambda p: (p.name.lower(), p.name))
    except OSError as exc:
        raise ScaffoldError(Problem(f"cannot read the folder: {exc.strerror or exc}", folder,
                                    hint="check that it can be opened")) from None
    photos: list[Photo] = []
    skipped: list[Problem] = []
    taken: dict[str, Path] = {}
    for path in names:
        name = unicodedata.normalize("NFC", path.name)
        if name in taken:
            skipped.append(_skip(path, f"it has the same name as '{shown_name(taken[name].name)}' once both are "
                                 "written in composed Unicode", "rename one of them"))
            continue
        try:
            with open_photo(path) as handle:
                year = exif_year(handle)
        except NotAPhoto as exc:
            skipped.append(_skip(path, exc.reason, exc.hint))
            continue
        taken[name] = path
        photos.append(Photo(path, name, year))
    if not photos:
        raise _no_photos(folder, skipped)
    return photos, skipped


def _skip(path: Path, reason: str, hint: str) -> Problem:
    """A photo left out, named in its folder with anything unprintable escaped (the name may hold a newline)."""
    return Problem(f"'{shown_name(path.name)}' not copied: {reason}", path.parent, hint=hint, severity="warning")


def _no_photos(folder: Path, skipped: list[Problem]) -> ScaffoldError:
    return ScaffoldError([Problem(f"no photographs in {shown_name(str(folder))} can be used" if skipped else
                                  f"no photographs in {shown_name(str(folder))}",
                                  hint="the folder should hold .jpg, .jpeg, .png, .tif or .tiff files"),
                          *(replace(p, severity="error") for p in skipped)])


class NotRegularFile(OSError):
    """A folder, FIFO, device or socket where a file's contents are wanted."""


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file or a link to one, else NotRegularFile. Checked before
    opening, so a FIFO (which waits for a writer) or a device (/dev/zero never ends) is never opened, and again
    on the open file, so what was checked is what is read; O_NONBLOCK keeps a FIFO put there in between from
    hanging the open (it changes nothing for a regular file). Other OSErrors (missing, no permission) pass."""
    _refuse_special(os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        _refuse_special(os.fstat(descriptor).st_mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _refuse_special(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a special file")
    raise NotRegularFile(errno.EINVAL, f"it is {kind}, not a file")


def open_photo(path: Path) -> BinaryIO:
    """`path` open at its start if it is a regular file (or a link to one) that Pillow reads as a JPEG, PNG or
    TIFF; otherwise NotAPhoto says why. Only the header is read to tell."""
    try:
        handle = open_regular(path)
    except NotRegularFile as exc:
        raise NotAPhoto(str(exc.strerror), "put the photo itself in the folder") from None
    except OSError as exc:
        raise NotAPhoto(f"it cannot be read ({exc.strerror or exc})", "check that the file can be opened") from None
    Image.init()  # every plugin: naming the formats skips Pillow's own late loading of TIFF
    try:
        with warnings.catch_warnings():  # a very large image is still an image: the build reports its size
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(handle, formats=PHOTO_FORMATS):  # `with`, not close(), which would close our handle
                pass
    except Image.DecompressionBombError:
        pass
    except Exception:  # Pillow's plugins raise many kinds of error on data that is not theirs
        handle.close()
        raise NotAPhoto("it is not an image (no JPEG, PNG or TIFF inside)",
                        "export it from the photo editor as JPEG, PNG or TIFF") from None
    handle.seek(0)
    return handle


def copy_photo(source: Path, target: Path) -> None:
    """`source` copied from the very handle that was checked (a file swapped for a link or a FIFO after
    find_photos is refused, not copied) into the new file `target` ('x': never over another file), keeping its
    modification time as a copy does."""
    with open_photo(source) as handle:
        times = os.fstat(handle.fileno())
        with target.open("xb") as out:
            shutil.copyfileobj(handle, out)
    os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))


WORKS_ONLY = Record({"works": ARTIST_SCHEMA.fields["works"]})


def loader_view(text: str, schema: Type, scratch: Path) -> tuple[Any, list[Problem]]:
    """`text` as the project's own loader reads a file holding it (load_yaml, then `schema`): the values, and
    every problem it reports. Written to a file in `scratch` because the loader reads files; characters that
    cannot be UTF-8 are written as the bytes they stand for, which the loader then refuses, as it would."""
    path = scratch / ARTIST_FILE
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        doc = load_yaml(path, ScaffoldError)
    except CatalogError as exc:
        return MISSING, list(exc.problems)
    return validate(doc, schema)


def entry_refusal(entry: WorkEntry, root: Path, folder: Path, scratch: Path, must_exist: bool = True) -> str:
    """Why `catalog build` would refuse this works entry in `folder`'s artist.yaml, or '': the image path
    through the loader's path rules, then the entry as written read back by the loader and the artist schema.
    So an authoring command never writes an entry the build then refuses, whatever a file name or a
    spreadsheet cell holds. `must_exist`: the image is already in place (import), not yet copied (new artist)."""
    _, problem = resolve_inside(root, folder, entry.image)
    if problem is not None:
        return problem.message
    values, problems = loader_view("works:\n" + entry.text(), WORKS_ONLY, scratch)
    if problems:
        return problems[0].message.replace("'works[1].", "'")  # the field, not the scratch file's first entry
    image = values["works"][0]["image"]
    resolved, problem = resolve_inside(root, folder, image)
    if problem is not None:
        return problem.message
    if must_exist and (resolved is None or not file_exists(resolved)):
        return f"image not found: {image}"
    return ""


def file_exists(path: Path) -> bool:
    """Path.is_file that says no, rather than raising, where the file system cannot even look (a name too long,
    a folder without permission)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def title_from_file(name: str) -> str:
    """'steppe_evening-02.jpg' -> 'Steppe evening 02': a readable first draft of the title."""
    words = " ".join(re.sub(r"[_\-\s]+", " ", Path(name).stem).split())
    return words[:1].upper() + words[1:] if words else Path(name).stem


def exif_year(source: Path | BinaryIO) -> str | None:
    """The year the photo was taken (EXIF DateTimeOriginal, else DateTime), or None. An open file is left at
    its start, for the copy."""
    try:
        with Image.open(source) as image:
            exif = image.getexif()
            stamp = exif.get_ifd(EXIF_IFD).get(DATE_TIME_ORIGINAL) or exif.get(DATE_TIME)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    finally:
        if not isinstance(source, Path):
            source.seek(0)
    if isinstance(stamp, bytes):
        stamp = stamp.decode("ascii", "replace")
    match = re.match(r"\s*(\d{4})", stamp) if isinstance(stamp, str) else None
    return match.group(1) if match and 1800 <= int(match.group(1)) <= 2999 else None


def draft_work(name: str, year: str | None) -> WorkEntry:
    """A works entry for a photo copied as images/`name`: what the file tells, TODO for what only the artist
    knows. A name that gives no title (' .jpg') gets TODO, which preflight reports, not a blank the build refuses."""
    title = title_from_file(name)
    return WorkEntry(image=f"images/{name}", title=title if title.strip() else UNFILLED, year=year,
                     year_note="from the photo's date; check it" if year else "",
                     medium=UNFILLED, dimensions=UNFILLED,
                     examples={**EXAMPLES, "year": "2019 (not in the photo's data)"})


# --- editing YAML as text, keeping comments and order ---


def add_to_list(text: str, key: str, item: str, path: Path) -> str:
    """`text` with `item` appended to the top-level list `key`, in the style the file uses (flow `[a, b]`
    or block `- a` lines); comments and order are kept. The result is read back to make sure."""
    try:
        before = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None  # type: ignore[attr-defined]
        raise ScaffoldError(Problem("the file is not valid YAML, so it cannot be edited", path, line,
                                    hint="fix it first (catalog check shows where)")) from None
    if not isinstance(before, dict) or key not in before:
        raise ScaffoldError(Problem(f"no '{key}:' list found", path,
                                    hint=f"add a line '{key}: []' (or the list of slugs), then run this again"))
    old = before[key]
    if old is not None and not isinstance(old, list):
        raise ScaffoldError(Problem(f"'{key}' is not a list", path, _key_line(text, key),
                                    hint=f"write it as '{key}: [a, b]' or one '- a' line each"))
    if old and item in old:
        return text
    lines = text.splitlines(keepends=True)
    at = _key_line(text, key)
    if at is None:
        raise ScaffoldError(Problem(f"'{key}:' is not written at the start of a line", path,
                                    hint=f"edit the list by hand: add '{item}'"))
    index = at - 1
    rest = lines[index].split(":", 1)[1]
    value = _strip_comment(rest).strip()
    written = yaml_scalar(item)  # a slug such as 'no' or 'on' needs quotes, or YAML reads true or false
    if value.startswith("["):
        new_lines = _add_flow(lines, index, written)
    elif value == "" and old is not None:
        new_lines = _add_block(lines, index, written)
    elif old is None:
        # An empty key means "every artist folder, by name": keep that list, then add the new one.
        items = [*_folders_for(path, item), item]
        if value:  # `artists: ~` or `null`
            lines[index] = lines[index].replace(value, "", 1)
        new_lines = lines[: index + 1] + [f"  - {yaml_scalar(s)}\n" for s in items] + lines[index + 1:]
        if not new_lines[index].endswith("\n"):
            new_lines[index] += "\n"
    else:
        raise ScaffoldError(Problem(f"cannot tell how '{key}' is written", path, at,
                                    hint=f"add '{item}' to the list by hand"))
    updated = "".join(new_lines)
    try:
        after = yaml.safe_load(updated)
    except yaml.YAMLError:
        after = None
    if not isinstance(after, dict) or after.get(key) != [*(old if old is not None else _folders_for(path, item)), item]:
        raise ScaffoldError(Problem(f"could not add '{item}' to '{key}' safely", path, at,
                                    hint=f"add '{item}' to the list by hand"))
    return updated


def _folders_for(path: Path, item: str) -> list[str]:
    """The artists an empty `artists:` stands for: every folder with an artist.yaml, by name."""
    return sorted(p.name for p in (path.parent / ARTISTS_DIR).glob("*")
                  if (p / ARTIST_FILE).is_file() and p.name != item)


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"{re.escape(key)}\s*:(\s|$)", line):
            return number
    return None


def _strip_comment(text: str) -> str:
    """The line without a trailing comment (a # after a space, outside quotes)."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i]
    return text


def _add_flow(lines: list[str], index: int, item: str) -> list[str]:
    """Insert before the closing ] of `key: [a, b]`, which may run over several lines with comments:
    after the last character of code, with a comma unless one is there."""
    text = "".join(lines)
    start = sum(len(line) for line in lines[:index]) + lines[index].index(":") + 1
    quote, comment, last, close = "", False, -1, -1
    for pos in range(start, len(text)):
        char = text[pos]
        if comment:
            comment = char != "\n"
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and text[pos - 1] in " \t\n":
            comment = True
            continue
        elif char == "]":
            close = pos
            break
        if not char.isspace():
            last = pos
    if close < 0 or last < 0:
        return lines
    addition = item if text[last] == "[" else (f" {item}" if text[last] == "," else f", {item}")
    return (text[: last + 1] + addition + text[last + 1:]).splitlines(keepends=True)


def _add_block(lines: list[str], index: int, item: str) -> list[str]:
    """Insert after the last `- x` line of the block list under `key:`."""
    key_indent = len(lines[index]) - len(lines[index].lstrip())
    last = None
    indent = " " * (key_indent + 2)
    for number in range(index + 1, len(lines)):
        line = lines[number]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        own = len(line) - len(line.lstrip())
        if stripped.startswith("-") and own >= key_indent:
            last = number
            indent = line[:own]
            continue
        if own <= key_indent:
            break
        last = number  # a continuation of an item
    position = (last if last is not None else index) + 1
    new = list(lines)
    if not new[position - 1].endswith("\n"):
        new[position - 1] += "\n"
    new.insert(position, f"{indent}- {item}\n")
    return new

