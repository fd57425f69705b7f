"""Works from a gallery's inventory spreadsheet (saved as CSV) appended to an artist's artist.yaml, keeping the
file's comments; every row that cannot be used is reported with its row number and the reason."""

from __future__ import annotations

import csv
import difflib
import io
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.fields import LEADING, SYNONYMS, WORK_FIELDS
from ..content.files import ARTIST_FILE, ARTISTS_DIR, IMAGE_SUFFIXES
from ..errors import Problem
from ..source.schema import UNPRINTABLE, Str, Year, shown
from ..source.yamlfile import MAX_BYTES as MAX_YAML_BYTES
from .entries import WorkEntry, entry_refusal
from .files import NotRegularFile, ScaffoldError, file_exists, open_regular, replace_text
from .templates import shown_name
from .yamledit import block_list_end

MAX_CSV_BYTES = 20_000_000

YEAR = Year._form  # the loader's own rule, so an imported year never fails the build
_FIELD_OF = {name: field for field, names in SYNONYMS.items() for name in names}
# The fields a cell gives as written; the image, the title, the year and the flags are read by their own rules.
_TEXTS = tuple(spec.name for spec in WORK_FIELDS if spec.name not in LEADING and isinstance(spec.type, Str))
_TRUE = {"yes", "y", "true", "1", "x", "да", "иә"}
_FALSE = {"no", "n", "false", "0", ""}
# C1 controls: in a UTF-8 file almost always a character lost to an encoding mix-up (Windows-1252's – ’ “ € read
# as Latin-1), so a cell holding one is not cleaned but its row skipped, with the reason.
_C1 = re.compile(r"[\x80-\x9f]")


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    row: int
    detail: str  # what was taken out of the row's cells, e.g. "removed U+0000 from 'title'"


@dataclass(frozen=True)
class ImportResult:
    artist_file: Path
    added: tuple[str, ...]           # the titles appended, in order
    skipped: tuple[Skipped, ...]
    unused_columns: tuple[str, ...]  # headers that name no works field, each reported once
    cleaned: tuple[Cleaned, ...] = ()  # added rows whose cells held characters the build refuses, taken out


def header_key(header: str) -> str:
    return re.sub(r"[\s_\-./()]+", "", UNPRINTABLE.sub("", header).strip().lower())


def map_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds which works field, and the columns that hold none (or repeat one)."""
    columns: dict[str, int] = {}
    unused: list[str] = []
    for index, header in enumerate(headers):
        if not header.strip():
            continue
        field = _FIELD_OF.get(header_key(header))
        if field is None:
            unused.append(f"'{shown_name(header.strip())}' (column {index + 1}): not a works field")
        elif field in columns:
            unused.append(f"'{shown_name(header.strip())}' (column {index + 1}): a second '{field}' column")
        else:
            columns[field] = index
    return columns, unused


def read_rows(path: Path) -> list[list[str]]:
    """All rows of a CSV file: UTF-8 with or without BOM, comma, semicolon or tab separated. Anything but a
    regular file (or a link to one) is refused before it is opened: a FIFO would hang, /dev/zero never ends.
    At most MAX_CSV_BYTES + 1 bytes are read, so a file over the limit is refused without reading it all."""
    try:
        with open_regular(path) as handle:
            raw = handle.read(MAX_CSV_BYTES + 1)
    except NotRegularFile as exc:
        raise ScaffoldError(Problem(f"cannot read the file: {exc.strerror}", path,
                                    hint="give the CSV file saved from the spreadsheet")) from None
    except OSError as exc:
        raise ScaffoldError(Problem(f"cannot read the file: {exc.strerror or exc}", path,
                                    hint="check the file name")) from None
    if len(raw) > MAX_CSV_BYTES:
        raise ScaffoldError(Problem(f"the file is larger than {_size(MAX_CSV_BYTES)}, too large for a list of works",
                                    path, hint="give the CSV saved from the works list, or split it into parts"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScaffoldError(Problem("the file is not UTF-8 text", path, raw[: exc.start].count(b"\n") + 1,
                                    hint="in the spreadsheet, save as 'CSV UTF-8'")) from None
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise ScaffoldError(Problem(f"the file cannot be read as CSV: {exc}", path,
                                    hint="save it again from the spreadsheet as CSV")) from None


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count} bytes"


def import_works(csv_path: Path, project: Path, slug: str) -> ImportResult:
    """Append one works entry per usable row to the artist's artist.yaml; nothing is written when no
    row is usable, or when the appended text would not read back as the same works."""
    artist_file = project / ARTISTS_DIR / slug / ARTIST_FILE
    if not artist_file.is_file():
        folders = [p.name for p in (project / ARTISTS_DIR).glob("*") if (p / ARTIST_FILE).is_file()]
        close = difflib.get_close_matches(slug, folders, n=1)
        raise ScaffoldError(Problem(f"no artist '{slug}': {ARTISTS_DIR / slug / ARTIST_FILE} does not exist",
                                    hint=f"did you mean '{close[0]}'?" if close else
                                    f'create it first: catalog new artist "Name" (artists: {", ".join(folders)})'))
    rows = read_rows(csv_path)
    if not rows:
        raise ScaffoldError(Problem("the file is empty", csv_path, hint="the first row should name the columns"))
    columns, unused = map_columns(rows[0])
    for needed, example in (("title", "Title"), ("image", "Image")):
        if needed not in columns:
            raise ScaffoldError(Problem(
                f"no '{needed}' column among: " + ", ".join(shown_name(h.strip()) for h in rows[0] if h.strip()),
                csv_path, 1,
                hint=f"name a column '{example}' in the first row"
                     + (" (the photo's file name in the artist's images/ folder)" if needed == "image" else "")))

    text = artist_file.read_text(encoding="utf-8-sig")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        raise ScaffoldError(Problem("the artist file is not valid YAML, so works cannot be added", artist_file,
                                    hint="fix it first (catalog check shows where)")) from None
    existing = data.get("works") if isinstance(data, dict) else None
    if existing is not None and not isinstance(existing, list):
        raise ScaffoldError(Problem("'works' is not a list", artist_file, hint="fix it first"))
    used = {str(w.get("image", "")).strip() for w in existing or [] if isinstance(w, dict)}

    entries: list[WorkEntry] = []
    skipped: list[Skipped] = []
    cleaned: list[Cleaned] = []
    with tempfile.TemporaryDirectory(prefix="catalog-") as scratch:
        for number, row in enumerate(rows[1:], 2):
            if not any(cell.strip() for cell in row):
                continue
            cells, removed, reason = _cells(row, columns)
            entry = None
            if not reason:
                entry, reason = _entry(cells, artist_file.parent, used)
            if entry is not None:  # the last word is the loader's: what it would refuse is not written
                refusal = entry_refusal(entry, project, artist_file.parent, Path(scratch))
                reason = f"the build would refuse it: {refusal}" if refusal else ""
            if entry is None or reason:
                skipped.append(Skipped(number, reason))
                continue
            if removed:
                cleaned.append(Cleaned(number, "removed " + ", ".join(removed)))
            used.add(entry.image)
            entries.append(entry)
    if entries:
        updated = append_works(text, [e.text() for e in entries], artist_file)
        if len(updated.encode("utf-8")) > MAX_YAML_BYTES:
            raise ScaffoldError(Problem(f"with these works the artist file would be over {_size(MAX_YAML_BYTES)}, "
                                        "more than the build reads", artist_file,
                                        hint="import fewer rows, or shorten the texts"))
        check = yaml.safe_load(updated)
        if [w.get("image") for w in check.get("works") or []] != [
                *[w.get("image") if isinstance(w, dict) else None for w in existing or []],
                *[e.image for e in entries]]:
            raise ScaffoldError(Problem("could not add the works to the artist file safely", artist_file,
                                        hint="add them by hand, or move 'works:' to the end of the file"))
        try:
            replace_text(artist_file, updated)
        except OSError as exc:
            raise ScaffoldError(Problem(f"cannot write the file: {exc.strerror or exc}", artist_file,
                                        hint="check that it can be written to")) from None
    return ImportResult(artist_file, tuple(e.title for e in entries), tuple(skipped), tuple(unused), tuple(cleaned))


def _cells(row: list[str], columns: dict[str, int]) -> tuple[dict[str, str], list[str], str]:
    """(text per works field, what was removed, why the row cannot be used). Runs of whitespace (line breaks in
    a cell too) become one space, and the other control characters the loader refuses (NUL, ESC, DEL...) are
    taken out: they mean nothing in a title. Text is in composed Unicode (NFC), as the loader reads it."""
    cells: dict[str, str] = {}
    removed: list[str] = []
    for field, index in columns.items():
        text = " ".join(row[index].split()) if index < len(row) else ""
        lost = _C1.search(text)
        if lost:
            return {}, [], (f"'{field}' contains the control character U+{ord(lost.group()):04X}, usually a character "
                            "lost when the file was saved in another encoding (– or ’ from Windows-1252); correct "
                            "the cell and save the sheet as 'CSV UTF-8'")
        found = UNPRINTABLE.findall(text)
        if found:
            removed.append(", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(found)) + f" from '{field}'")
            text = " ".join(UNPRINTABLE.sub("", text).split())
        cells[field] = unicodedata.normalize("NFC", text)
    return cells, removed, ""


def _entry(cells: dict[str, str], folder: Path, used: set[str]) -> tuple[WorkEntry | None, str]:
    title = cells.get("title", "")
    if not title:
        return None, "no title"
    image_name = cells.get("image", "")
    if not image_name:
        return None, f"'{title}' names no image file"
    image, reason = _image(image_name, folder)
    if image is None:
        return None, reason
    if image in used:
        return None, f"{image} is already a work in {ARTIST_FILE}"
    year = cells.get("year", "")
    # Spreadsheets write numbers as 2019.0 and dates as 2019-06-01 or 01.06.2019: the year is what prints.
    year = re.sub(r"^(\d{4})(?:\.0|-\d{2}-\d{2}(?:[ T].*)?)$|^\d{1,2}[./]\d{1,2}[./](\d{4})$",
                  lambda m: m.group(1) or m.group(2), year)
    if year and not YEAR.fullmatch(year):
        return None, f"year '{shown(year)}' is not a year (write e.g. 2019, 2018–2019 or c. 1990)"
    bleed_text = cells.get("bleed", "").lower()
    if bleed_text not in _TRUE | _FALSE:
        return None, f"bleed '{shown(bleed_text)}' is not yes or no"
    values: dict[str, str | bool] = {field: cells[field] for field in _TEXTS if cells.get(field)}
    if year:
        values["year"] = year
    if bleed_text in _TRUE:
        values["bleed"] = True
    return WorkEntry(image=image, title=title, values=values), ""


def _image(name: str, folder: Path) -> tuple[str | None, str]:
    """The work's image path relative to the artist folder: a file name in images/ (the suffix may be left
    out when only one file has that name) or a path inside the artist's folder."""
    name = name.replace("\\", "/").strip()
    relative = name if "/" in name else f"images/{name}"
    if ".." in Path(relative).parts or Path(relative).is_absolute():
        return None, f"image '{shown_name(name)}' is outside the artist's folder"
    if file_exists(folder / relative):
        return relative, ""
    images = folder / "images"
    files = sorted(p.name for p in images.iterdir() if file_exists(p)) if images.is_dir() else []
    if not Path(name).suffix:
        same = [f for f in files if Path(f).stem == name and Path(f).suffix.lower() in IMAGE_SUFFIXES]
        if len(same) == 1:
            return f"images/{same[0]}", ""
    close = difflib.get_close_matches(Path(name).name, files, n=1)
    hint = f"; did you mean '{shown_name(close[0])}'?" if close else "; copy the photo there first"
    return None, f"unknown image file '{shown_name(name)}' (not in {(folder / 'images').name}/ of this artist){hint}"


def append_works(text: str, entries: list[str], path: Path) -> str:
    """`text` with the entries after the last line of its top-level works list (or a new `works:` at the
    end); comments and everything else stay as they were."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    key = next((i for i, line in enumerate(lines) if re.match(r"works\s*:(\s|$)", line)), None)
    if key is None:
        return "".join(lines) + ("\n" if lines and lines[-1].strip() else "") + "works:\n" + "".join(entries)
    rest = lines[key].split(":", 1)[1]
    value = rest.split(" #", 1)[0].strip()
    if value == "[]":
        lines[key] = re.sub(r"\s*\[\]", "", lines[key], count=1)
    elif value and value not in ("~", "null"):
        raise ScaffoldError(Problem("'works' is written on one line, so entries cannot be added below it", path,
                                    key + 1, hint="write each work as '- image: ...' lines under 'works:'"))
    elif value:
        lines[key] = lines[key].replace(value, "", 1)
    last, found = block_list_end(lines, key)
    indent = "  " if found is None else found
    body = [e if indent == "  " else _reindent(e, indent) for e in entries]
    return "".join(lines[: last + 1]) + "".join(body) + "".join(lines[last + 1:])


def _reindent(entry: str, indent: str) -> str:
    """An entry written for a two-space list, moved to the list's own indentation."""
    return "".join(indent + line[2:] for line in entry.splitlines(keepends=True))
