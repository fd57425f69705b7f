"""`catalog import`: works from a museum's or a gallery's spreadsheet (saved as CSV) into an artist's artist.yaml.

Rows naming other artists in the sheet's artist column are left out and counted. Each row is matched to a works
entry already there, by its image, accession number or title: an entry `new artist --images` left with TODO is
filled in, so the README's order (new artist, then import) just works; one already filled in is refreshed only with
--update, and then only in the fields the sheet gives; a row matching none is added after the others. The file's
comments and hand edits stay as they were, and every row or value that cannot be used is reported with its row
number and the reason. Nothing is written unless the whole result reads back as the works intended."""

from __future__ import annotations

import difflib
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.fields import FIELDS
from ..content.files import ARTIST_FILE, ARTISTS_DIR
from ..content.slugs import slug as make_slug
from ..errors import Problem
from ..source.yamlfile import MAX_BYTES as MAX_YAML_BYTES
from .entries import WORKS_ONLY, Value, WorkEntry, entry_refusal, loader_view, rendered
from .files import ScaffoldError, replace_text, unwritable
from .matching import Photos, Works, is_draft, match_key, named_in, names_of
from .sheet import Columns, Row, columns, map_columns, read_row, read_rows, refusal, size
from .templates import shown_name
from .workedit import set_fields, works_items
from .yamledit import block_list_end

__all__ = ["ImportResult", "append_works", "import_works", "map_columns"]


@dataclass(frozen=True)
class Skipped:
    row: int
    reason: str


@dataclass(frozen=True)
class Cleaned:
    row: int
    detail: str  # what was taken out of the row's cells, e.g. "removed U+0000 from 'title'"


@dataclass(frozen=True)
class Changed:
    """A works entry given the sheet's values: one `new artist` drafted, or one without a photo given the photo now
    found (filled); with --update, any (updated)."""

    row: int
    work: str                 # as a person finds it in artist.yaml: works[3] 'Colorado' (images/x.jpg)
    fields: tuple[str, ...]   # the fields changed
    filled: bool


@dataclass(frozen=True)
class ImportResult:
    artist_file: Path
    added: tuple[str, ...]                    # the titles appended, in order
    skipped: tuple[Skipped, ...]              # rows not used, each with the reason
    unused_columns: tuple[str, ...]           # headers that name no works field, each reported once
    cleaned: tuple[Cleaned, ...] = ()         # characters the build refuses, taken out of the rows used
    changed: tuple[Changed, ...] = ()         # works entries filled in or updated
    left_out: tuple[Skipped, ...] = ()        # values of rows used that could not be, each with the reason
    unchanged: int = 0                        # rows matching works that already say what the row says
    kept: int = 0                             # rows matching works already filled in, left as they are
    other_artists: int = 0                    # rows whose artist column names another artist
    imageless: tuple[int, ...] = ()           # rows added without an image: listed, not a plate

    @property
    def complete(self) -> bool:
        """Every row for this artist and every value in it was used."""
        return not self.skipped and not self.left_out


def import_works(csv_path: Path, project: Path, artist: str, update: bool = False,
                 every_row: bool = False) -> ImportResult:
    """Import the sheet's rows for `artist` (a folder name, or the name artist.yaml gives) as described above;
    `update` refreshes works already filled in too, `every_row` takes rows whatever their artist column says."""
    slug = find_artist(project, artist)
    artist_file = project / ARTISTS_DIR / slug / ARTIST_FILE
    table = read_rows(csv_path)
    if not table:
        raise ScaffoldError(Problem("the file is empty", csv_path, hint="the first row should name the columns"))
    found = columns(table[0])
    if "title" not in found.fields:
        raise ScaffoldError(Problem(
            "no 'title' column among: " + ", ".join(shown_name(h.strip()) for h in table[0] if h.strip()),
            csv_path, 1, hint="name a column 'Title' in the first row"))
    text = artist_file.read_text(encoding="utf-8-sig")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        raise ScaffoldError(Problem("the artist file is not valid YAML, so works cannot be added", artist_file,
                                    hint="fix it first (catalog check shows where)")) from None
    existing = data.get("works") if isinstance(data, dict) else None
    if existing is not None and not isinstance(existing, list):
        raise ScaffoldError(Problem("'works' is not a list", artist_file, hint="fix it first"))
    rows, others = _rows_for(table, found, data if isinstance(data, dict) else {}, every_row, csv_path)
    run = _Run(project, artist_file, existing or [], rows, update)
    with tempfile.TemporaryDirectory(prefix="catalog-") as scratch:
        for row in rows:
            run.take(row, Path(scratch))
        if run.entries or run.edits:
            updated = run.written(text, Path(scratch))
            if len(updated.encode("utf-8")) > MAX_YAML_BYTES:
                raise ScaffoldError(Problem(f"with these works the artist file would be over {size(MAX_YAML_BYTES)}, "
                                            "more than the build reads", artist_file,
                                            hint="import fewer rows, or shorten the texts"))
            try:
                replace_text(artist_file, updated)
            except OSError as exc:
                raise unwritable(artist_file, exc) from None
    return ImportResult(artist_file, tuple(e.title for e in run.entries), tuple(run.skipped), found.unused,
                        tuple(run.cleaned), tuple(run.changed), tuple(run.left_out), run.unchanged, run.kept,
                        others, tuple(run.imageless))


def find_artist(project: Path, given: str) -> str:
    """The artist's folder: `given` itself, or the one artist whose artist.yaml name (or folder) `given` names."""
    base = project / ARTISTS_DIR
    if given and "/" not in given and (base / given / ARTIST_FILE).is_file():
        return given
    folders = sorted(p.name for p in base.glob("*") if (p / ARTIST_FILE).is_file()) if base.is_dir() else []
    forms = named_in(given)
    named = [name for name in folders if name == make_slug(given) or forms & names_of(_artist_data(base / name))]
    if len(named) == 1:
        return named[0]
    close = difflib.get_close_matches(given, folders, n=1)
    raise ScaffoldError(Problem(f"no artist '{shown_name(given)}': {ARTISTS_DIR / given / ARTIST_FILE} does not exist",
                                hint=f"did you mean '{close[0]}'?" if close else
                                f'create it first: catalog new artist "Name" (artists: {", ".join(folders)})'))


def _artist_data(folder: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load((folder / ARTIST_FILE).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _rows_for(table: list[list[str]], found: Columns, artist: dict[str, Any], every_row: bool,
              csv_path: Path) -> tuple[list[Row], int]:
    """The rows to import, as works values, and how many name other artists. A sheet without an artist column
    is all this artist's."""
    numbered = [(number, cells) for number, cells in enumerate(table[1:], 2) if any(c.strip() for c in cells)]
    if not found.artists or every_row:
        return [read_row(number, cells, found) for number, cells in numbered], 0
    names = names_of(artist)
    mine = [(number, cells) for number, cells in numbered
            if any(names & named_in(cells[i]) for i in found.artists if i < len(cells))]
    if numbered and not mine:
        header = shown_name(table[0][found.artists[0]].strip())
        common = Counter(cells[found.artists[0]].strip() for _, cells in numbered if found.artists[0] < len(cells))
        listed = ", ".join(shown_name(name) for name, _ in common.most_common(5) if name)
        raise ScaffoldError(Problem(
            f"no row names {shown_name(str(artist.get('name', '')))} in the '{header}' column (it names {listed})",
            csv_path, hint="write the name in artist.yaml as the file does (any case and accents, 'Last, First' or "
                           "'First Last'), or import every row with --every-row"))
    return [read_row(number, cells, found) for number, cells in mine], len(numbered) - len(mine)


class _Run:
    """One import's decisions, row by row: what is added, what entries change, what is skipped and why."""

    def __init__(self, project: Path, artist_file: Path, existing: list[Any], rows: list[Row], update: bool):
        self.project, self.folder, self.update = project, artist_file.parent, update
        self.artist_file = artist_file
        self.existing = existing
        self.works = Works(existing, [row.title for row in rows])
        self.photos = Photos(self.folder)
        self.titles = Counter(match_key(row.title) for row in rows)
        self.entries: list[WorkEntry] = []
        self.edits: dict[int, dict[str, Value]] = {}
        self.skipped: list[Skipped] = []
        self.cleaned: list[Cleaned] = []
        self.changed: list[Changed] = []
        self.left_out: list[Skipped] = []
        self.imageless: list[int] = []
        self.unchanged = self.kept = 0
        self.matched: dict[int, int] = {}   # works entry -> the row that matched it
        self.images: dict[str, int] = {}    # image of a work added -> its row

    def take(self, row: Row, scratch: Path) -> None:
        reason = self._reason(row, scratch)
        if reason:
            self.skipped.append(Skipped(row.number, reason))
            return
        self.left_out.extend(Skipped(row.number, problem) for problem in row.problems)
        removed = [text for text in row.cleaned if text.startswith("U+")]
        changed = ([f"removed {', '.join(removed)}"] if removed else []) + [t for t in row.cleaned if t not in removed]
        if changed:
            self.cleaned.append(Cleaned(row.number, "; ".join(changed)))

    def _reason(self, row: Row, scratch: Path) -> str:
        """Why the row cannot be used ('' when it was), after doing what it asks."""
        if not row.title:
            return next((p for p in row.problems if p.startswith("'title'")), "no title; write the work's title in "
                        "its title column")
        title_refused = refusal("title", row.title)
        if title_refused:
            return title_refused
        image = ""
        if row.image:
            found, why = self.photos.named(row.image)
            if found is None:
                return why
            image = found
        accession = str(row.values.get("accession", ""))
        image = image or (self.photos.spelled(accession) if accession else None) or \
            (self.photos.spelled(row.title) if self.titles[match_key(row.title)] == 1 else None) or ""
        match = self.works.find(image or None, accession, row.title)
        if match is not None:
            return self._matched(row, match.index, image, scratch)
        if image in self.images:
            return f"{image} is also the image of row {self.images[image]}; give each row its own photo"
        entry = WorkEntry(image=image, title=row.title, values=row.values)
        refused = entry_refusal(entry, self.project, self.folder, scratch)
        if refused:
            return f"the build would refuse it: {refused}"
        if image:
            self.images[image] = row.number
        else:
            self.imageless.append(row.number)
        self.entries.append(entry)
        return ""

    def _matched(self, row: Row, index: int, image: str, scratch: Path) -> str:
        work = self.works.works[index]
        described = self.works.described(index)
        if index in self.matched:
            return (f"it matches {described}, as row {self.matched[index]} does; a works entry takes one row: "
                    "give the rows their own accession numbers or photos")
        self.matched[index] = row.number
        draft = is_draft(work)
        wanted: dict[str, Value] = {"title": row.title, **row.values} if draft or self.update else {}
        if image and ((row.image and (draft or self.update)) or not work.get("image")):
            wanted["image"] = image  # a photo put in place since the work was listed gives it its plate
        if not wanted:
            self.kept += 1
            return ""
        changes: dict[str, Value] = {}
        translated: list[str] = []  # given per language in artist.yaml: a plain text would lose the others
        for name, value in wanted.items():
            old = work.get(name)
            if isinstance(old, dict) and name != "dimensions":
                if value not in old.values():
                    translated.append(name)
            elif _read_back(value) != old:
                changes[name] = value
        entry = WorkEntry(image=str(wanted.get("image") or work.get("image") or ""), title=row.title,
                          values=row.values)
        refused = entry_refusal(entry, self.project, self.folder, scratch) if changes else ""
        if refused:
            return f"the build would refuse it: {refused}"
        self.left_out.extend(Skipped(row.number, f"'{name}' of {described} is given per language in {ARTIST_FILE}: "
                                                 "left as it is; change it there") for name in translated)
        if not changes:
            self.unchanged += 1
            return ""
        self.edits[index] = changes
        self.changed.append(Changed(row.number, described, tuple(sorted(changes, key=list(FIELDS).index)),
                                    draft or not self.update))
        return ""

    def written(self, text: str, scratch: Path) -> str:
        """The artist file with the entries changed and added, refused unless it reads back as exactly the works
        intended and the loader finds nothing in it that it did not find before."""
        updated = text
        if self.edits:
            items = works_items(text)
            if items is None or len(items) != len(self.existing):
                raise ScaffoldError(Problem("'works' is not written as a list of '- ' entries, so its works cannot be "
                                            "filled in", self.artist_file,
                                            hint="write each work as '- image: ...' lines under 'works:'"))
            for index in sorted(self.edits, key=lambda i: items[i].start, reverse=True):
                if items[index].flow:
                    raise ScaffoldError(Problem(f"{self.works.described(index)} is written on one line, so it "
                                                "cannot be filled in", self.artist_file, items[index].start + 1,
                                                hint="write it as 'key: value' lines, one a line"))
                updated = set_fields(updated, items[index], self.edits[index])
        if self.entries:
            updated = append_works(updated, [entry.text() for entry in self.entries], self.artist_file)
        expected = [dict(work, **{name: _read_back(value) for name, value in self.edits.get(i, {}).items()})
                    if isinstance(work, dict) else work for i, work in enumerate(self.existing)]
        expected += [yaml.safe_load("works:\n" + entry.text())["works"][0] for entry in self.entries]
        try:
            check = yaml.safe_load(updated)
        except yaml.YAMLError:
            check = None
        if not isinstance(check, dict) or check.get("works") != expected:
            raise ScaffoldError(Problem("could not add the works to the artist file safely", self.artist_file,
                                        hint="add them by hand, or move 'works:' to the end of the file"))
        before = {p.message for p in loader_view(text, WORKS_ONLY, scratch)[1]}
        new = [p for p in loader_view(updated, WORKS_ONLY, scratch)[1] if p.message not in before]
        if new:
            raise ScaffoldError(Problem(f"the works would not build after the import: {new[0].message}",
                                        self.artist_file, new[0].line, hint="nothing was written; fix the sheet"))
        return updated


def _read_back(value: Value) -> Any:
    """A value as YAML reads it back from artist.yaml, to compare with what is there."""
    return yaml.safe_load("v: " + "\n".join(rendered(value, "")))["v"]


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
    while last + 1 < len(lines) and lines[last + 1].lstrip().startswith("#") and found is not None \
            and len(lines[last + 1]) - len(lines[last + 1].lstrip()) > len(indent):
        last += 1  # the last entry's commented-out fields stay with it
    body = [e if indent == "  " else _reindent(e, indent) for e in entries]
    return "".join(lines[: last + 1]) + "".join(body) + "".join(lines[last + 1:])


def _reindent(entry: str, indent: str) -> str:
    """An entry written for a two-space list, moved to the list's own indentation."""
    return "".join(indent + line[2:] for line in entry.splitlines(keepends=True))
