"""New projects and new artists written from commented templates, so an editor starts from files that explain
themselves and build at once; no typer here (the CLI calls these functions)."""

from __future__ import annotations

import datetime
import os
import re
import shutil
from dataclasses import dataclass, field
from importlib import resources
from io import BytesIO
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from .content import ARTIST_FILE, ARTISTS_DIR, CATALOG_FILE
from .errors import CatalogError, Problem
from .jsonschema import SCHEMAS
from .jsonschema import render as render_schema
from .resources import builtin_dir
from .translit import slug as make_slug

SAMPLE_ARTIST = "sample-artist"
SAMPLE_IMAGES = ("steppe-morning.jpg", "evening-tower.jpg")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
UNFILLED = "TODO"  # the value `new artist --images` leaves in fields it cannot know; preflight reports it
EXIF_IFD = 0x8769
DATE_TIME_ORIGINAL = 36867
DATE_TIME = 306
COMMENT_COLUMN = 38  # where the explanatory comments start in the templates


class ScaffoldError(CatalogError):
    kind = "scaffold"


def template(name: str) -> str:
    return (resources.files("catalog") / "templates" / name).read_text(encoding="utf-8")


def fill(text: str, **values: str) -> str:
    """`{{key}}` replaced; a plain replace, since the templates hold `$schema` and YAML braces."""
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    left = re.search(r"\{\{\w+\}\}", text)
    if left:
        raise ValueError(f"template value {left.group()} not given")
    return text


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
            shown = value if name == "year" and re.fullmatch(r"\d{4}", value) else yaml_scalar(value)
            if value == UNFILLED:
                note = note or f"fill in, e.g. {self.examples.get(name, '...')}"
            lines.append(commented(f"{inner}{name}: {shown}", note))
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
    files = _project_files(" ".join(title.split()) or "My Exhibition")
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
    for name, data in files.items():
        path = target / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        except OSError as exc:
            raise _unwritable(path, exc) from None
        written.append(path)
    return written


def replace_text(path: Path, text: str) -> None:
    """Rewrite a file the user keeps editing through a temporary file, so a failed write never truncates it."""
    temporary = path.with_name(f".{path.name}.catalog-tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _unwritable(path: Path, exc: OSError) -> ScaffoldError:
    return ScaffoldError(Problem(f"cannot write the file: {exc.strerror or exc}", path,
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


def new_artist(project: Path, name: str, images: Path | None = None) -> NewArtist:
    """Create content/artists/<slug>/ for `name` (works from the photos in `images`, if given) and list the
    artist in catalog.yaml. Everything is checked first: a refusal writes nothing."""
    catalog = project / CATALOG_FILE
    if not catalog.is_file():
        raise ScaffoldError(Problem(f"no {CATALOG_FILE} in {project}", hint="run it in a catalog project folder, "
                                    "give one with --project DIR, or start one with: catalog init"))
    name = " ".join(name.split())
    slug = make_slug(name)
    if not slug:
        raise ScaffoldError(Problem(f"cannot make a folder name from '{name}'",
                                    hint="give the name in Latin or Cyrillic letters"))
    folder = project / ARTISTS_DIR / slug
    if folder.exists():
        raise ScaffoldError(Problem("this artist folder already exists", folder,
                                    hint="edit its artist.yaml, or give the new artist a different name"))
    photos = find_photos(images) if images is not None else []
    catalog_text = catalog.read_text(encoding="utf-8-sig")
    updated = add_to_list(catalog_text, "artists", slug, catalog)

    written: list[Path] = []
    entries: list[str] = []
    artist_file = folder / ARTIST_FILE
    target = folder
    try:
        (folder / "images").mkdir(parents=True)
        for photo in photos:
            target = folder / "images" / photo.name
            shutil.copy2(photo, target)
            written.append(target)
            entries.append(draft_work(target).text())
        works = "".join(entries) if entries else template("work-example.txt")
        pad = " " * max(1, COMMENT_COLUMN - len(f"name: {yaml_scalar(name)}"))
        target = artist_file
        artist_file.write_text(fill(template("artist-new.yaml"), name=yaml_scalar(name), name_pad=pad,
                                    works=works), encoding="utf-8")
        written.insert(0, artist_file)
        if updated != catalog_text:
            target = catalog
            replace_text(catalog, updated)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)  # all new: leave nothing half made
        raise _unwritable(target, exc) from None
    return NewArtist(slug, folder, len(photos), updated != catalog_text, tuple(written))


def find_photos(folder: Path) -> list[Path]:
    """The photos directly in `folder`, sorted by name (the order of the plates), hidden files left out."""
    if not folder.is_dir():
        raise ScaffoldError(Problem(f"not a folder: {folder}", hint="give the folder holding the photographs"))
    photos = sorted((p for p in folder.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES
                     and not p.name.startswith(".") and p.is_file()), key=lambda p: (p.name.lower(), p.name))
    if not photos:
        raise ScaffoldError(Problem(f"no photographs in {folder}",
                                    hint="the folder should hold .jpg, .jpeg, .png, .tif or .tiff files"))
    return photos


def title_from_file(name: str) -> str:
    """'steppe_evening-02.jpg' -> 'Steppe evening 02': a readable first draft of the title."""
    words = " ".join(re.sub(r"[_\-\s]+", " ", Path(name).stem).split())
    return words[:1].upper() + words[1:] if words else Path(name).stem


def exif_year(path: Path) -> str | None:
    """The year the photo was taken (EXIF DateTimeOriginal, else DateTime), or None."""
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            stamp = exif.get_ifd(EXIF_IFD).get(DATE_TIME_ORIGINAL) or exif.get(DATE_TIME)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    if isinstance(stamp, bytes):
        stamp = stamp.decode("ascii", "replace")
    match = re.match(r"\s*(\d{4})", stamp) if isinstance(stamp, str) else None
    return match.group(1) if match and 1800 <= int(match.group(1)) <= 2999 else None


def draft_work(image: Path) -> WorkEntry:
    """A works entry for a copied photo: what the file tells, TODO for what only the artist knows."""
    year = exif_year(image)
    return WorkEntry(image=f"images/{image.name}", title=title_from_file(image.name), year=year,
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

