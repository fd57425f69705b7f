"""A spreadsheet saved as CSV, read as museums and galleries publish theirs: RFC 4180 (quotes doubled inside a
quoted cell, line breaks in cells), UTF-8 with or without a BOM, comma, semicolon or tab between cells. Its headers
are mapped to works fields by the synonyms in content/fields.py; the artist column and numeric height, width and
depth columns are found beside them; and each row's cells become the values artist.yaml takes, every value that
cannot be used named with the reason (the row is still imported without it)."""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..content.dimensions import UNITS
from ..content.fields import FIELDS, STATUSES, SYNONYMS
from ..errors import Problem
from ..source.schema import MISSING, UNPRINTABLE, Checker, Dated, shown
from ..source.yamlfile import Document
from .entries import Value
from .files import NotRegularFile, ScaffoldError, open_regular
from .matching import match_key
from .templates import shown_name

MAX_CSV_BYTES = 20_000_000

# The header rows of the exports these synonyms (here and in content/fields.py) were taken from:
# - the Whitney, artworks.csv (CC0, github.com/whitneymuseum/open-access): id, title, display_date, classification,
#   medium, accession_number, dimensions, publication_info, edition, credit_line, credit_line_repro, artists,
#   artist_ids. credit_line_repro is the copyright line, with the dealer's courtesy after a <br>.
# - MoMA, Artworks.csv (CC0, github.com/MuseumofModernArt/collection): Title, Artist, ConstituentID, ArtistBio,
#   Nationality, BeginDate, EndDate, Gender, Date, Medium, Dimensions, CreditLine, AccessionNumber, Classification,
#   Department, DateAcquired, Cataloged, ObjectID, URL, ImageURL, OnView, Circumference (cm), Depth (cm),
#   Diameter (cm), Height (cm), Length (cm), Weight (kg), Width (cm), Seat Height (cm), Duration (sec.)
# - the Met, MetObjects.csv (CC0, github.com/metmuseum/openaccess; starts with a BOM): Object Number, Is Highlight,
#   ..., Title, ..., Artist Display Name, Artist Display Bio, ..., Artist Alpha Sort, ..., Object Date, Object Begin
#   Date, Object End Date, Medium, Dimensions, Credit Line, ..., Classification, Rights and Reproduction, Link
#   Resource, Object Wikidata URL, Metadata Date, Repository, Tags, ...
# - Tate, artwork_data.csv (CC0, github.com/tategallery/collection): id, accession_number, artist, artistRole,
#   artistId, title, dateText, medium, creditLine, year, acquisitionYear, dimensions, width, height, depth, units,
#   inscription, thumbnailCopyright, thumbnailUrl, url. dateText is the date as printed ('date not known', 'c.1795'),
#   so year, coming after it, is a second date column and left out.
# - gallery inventory tools: the fields of Artwork Archive's piece record (help.artworkarchive.com, "A Guide to
#   Filling Out a Piece Record": Title, Medium, Creation Date, Price, Inventory Number, Height, Width, Depth, Status)
#   and the names stock lists such as Artlogic's use (Stock Number, Availability, Retail Price, Courtesy); no
#   published export of these tools was found to quote, so these are the field names, not a header row.
_FIELD_OF = {name: name_field for name_field, names in SYNONYMS.items() for name in names}
# Columns naming the work's artist, for --artist: the Whitney's artists, MoMA's Artist, the Met's Artist Display
# Name and Artist Alpha Sort ('Adams, Robert'), Tate's artist; gallery tools' Artist Name, Maker, Creator.
ARTIST_HEADERS = frozenset({"artist", "artists", "artistname", "artistdisplayname", "artistalphasort", "maker",
                            "creator", "author", "artistfullname", "displayname"})
# Numeric sides, with the unit in the header (MoMA's 'Height (cm)') or in a units column (Tate's width, height,
# depth and units; Artwork Archive's Height, Width, Depth).
_SIDE = re.compile(r"(height|width|depth)(cm|mm|in|inch|inches)?")
UNIT_HEADERS = frozenset({"unit", "units", "dimensionunit", "dimensionunits", "dimensionsunit", "dimensionsunits",
                          "measurementunit", "measurementunits", "unitofmeasure", "unitofmeasurement"})
_UNIT_WORDS = {"cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm",
               "mm": "mm", "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm",
               "in": "in", "inch": "in", "inches": "in", '"': "in", "''": "in"}
# What inventory tools write for a work's availability, as the status field names it.
_STATUS_WORDS = {**{name.replace("_", " "): name for name in STATUSES}, "for sale": "available",
                 "on hold": "reserved", "hold": "reserved", "loan": "on_loan", "lent": "on_loan",
                 "nfs": "not_for_sale", "n f s": "not_for_sale", "not available": "not_for_sale"}
_TRUE = {"yes", "y", "true", "1", "x", "да", "иә"}
_FALSE = {"no", "n", "false", "0", ""}
# C1 controls: in a UTF-8 file almost always a character lost to an encoding mix-up (Windows-1252's – ’ “ € read
# as Latin-1), so a cell holding one is not cleaned but left out, with the reason.
_C1 = re.compile(r"[\x80-\x9f]")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)  # the Whitney writes line breaks in cells as HTML
# Spreadsheets write numbers as 2019.0 and dates as 2019-06-01 or 01.06.2019: the year is what prints.
_SPREADSHEET_DATE = re.compile(r"^(\d{4})(?:\.0|-\d{2}-\d{2}(?:[ T].*)?)$|^\d{1,2}[./]\d{1,2}[./](\d{4})$")
_UNDATED = re.compile(r"(?:date\s+)?not\s+known", re.IGNORECASE)  # Tate's words for n.d.


def read_rows(path: Path) -> list[list[str]]:
    """All rows of a CSV file. Anything but a regular file (or a link to one) is refused before it is opened: a FIFO
    would hang, /dev/zero never ends. At most MAX_CSV_BYTES + 1 bytes are read, so a file over the limit is refused
    without reading it all."""
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
        raise ScaffoldError(Problem(f"the file is larger than {size(MAX_CSV_BYTES)}, too large for a list of works",
                                    path, hint="give the CSV saved from the works list, or split it into parts"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScaffoldError(Problem("the file is not UTF-8 text", path, raw[: exc.start].count(b"\n") + 1,
                                    hint="in the spreadsheet, save as 'CSV UTF-8'")) from None
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text), doublequote=True,
                               skipinitialspace=True, strict=False))
    except csv.Error as exc:
        raise ScaffoldError(Problem(f"the file cannot be read as CSV: {exc}", path,
                                    hint="save it again from the spreadsheet as CSV")) from None


def delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first rows (read as RFC 4180 has them) into the most
    columns, the same number in most rows. csv.Sniffer is not used: it guesses from a sample whether quotes are
    doubled, and a title such as "Opening, ""Spaces"" Exhibition" makes it guess wrong and split the row."""
    sample = text[:50_000]
    best, score = ",", (0, 0)
    for candidate in (",", ";", "\t"):
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=candidate, strict=False)
            rows = [row for row in itertools.islice(reader, 20) if row]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        agreeing = sum(1 for row in rows if len(row) == len(rows[0]))
        if (agreeing * 2 > len(rows), len(rows[0])) > score:
            best, score = candidate, (agreeing * 2 > len(rows), len(rows[0]))
    return best


def size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count} bytes"


def header_key(header: str) -> str:
    """A header as the synonyms list it: lower case, without spaces, punctuation or brackets ('Height (cm)' is
    heightcm, 'Inventory #' is inventory)."""
    return re.sub(r"[\s_\-./()#:]+", "", UNPRINTABLE.sub("", header).strip().lower())


@dataclass(frozen=True)
class Columns:
    """Where a sheet keeps what: works fields, the artist, numeric sides and their unit, and what it keeps that
    no works field takes (each said once)."""

    fields: dict[str, int]
    artists: tuple[int, ...] = ()
    sides: dict[str, int] = field(default_factory=dict)    # height, width, depth -> column
    units: dict[str, str] = field(default_factory=dict)    # side -> the unit its header names
    unit: int | None = None                                # the column naming the sides' unit
    unused: tuple[str, ...] = ()


def map_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds which works field, and the columns that hold none (or repeat one)."""
    found = columns(headers)
    return found.fields, list(found.unused)


def columns(headers: list[str]) -> Columns:
    """The sheet's columns by what they hold. The first column of a field wins (Tate's dateText, the date as
    printed, before its numeric year); height, width and depth without a unit anywhere are not guessed at."""
    fields: dict[str, int] = {}
    artists: list[int] = []
    sides: dict[str, int] = {}
    units: dict[str, str] = {}
    unit: int | None = None
    unused: list[str] = []
    for index, header in enumerate(headers):
        key, name = header_key(header), f"'{shown_name(header.strip())}' (column {index + 1})"
        side = _SIDE.fullmatch(key)
        if not key:
            continue
        if key in _FIELD_OF and _FIELD_OF[key] in fields:
            unused.append(f"{name}, a second '{_FIELD_OF[key]}' column")
        elif key in _FIELD_OF:
            fields[_FIELD_OF[key]] = index
        elif key in ARTIST_HEADERS:
            artists.append(index)
        elif side and side.group(1) not in sides:
            sides[side.group(1)] = index
            if side.group(2):
                units[side.group(1)] = _UNIT_WORDS[side.group(2)]
        elif key in UNIT_HEADERS and unit is None:
            unit = index
        else:
            unused.append(name)
    if sides and unit is None and not units:
        unused.extend(f"'{shown_name(headers[i].strip())}' (column {i + 1}), a {s} without a unit (name it in the "
                      "header, e.g. 'Height (cm)', or add a 'Units' column)" for s, i in sides.items())
        sides = {}
    return Columns(fields, tuple(artists), sides, units, unit, tuple(unused))


@dataclass
class Row:
    """One row as the works entry it gives: the title, the image cell, the artist cells, the other values, and
    what was left out or changed on the way."""

    number: int
    title: str = ""
    image: str = ""
    artists: tuple[str, ...] = ()
    values: dict[str, Value] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # values left out, each with the reason
    cleaned: list[str] = field(default_factory=list)   # what was taken out of or changed in the cells


def read_row(number: int, cells: list[str], found: Columns) -> Row:
    """The row's cells as works values. Runs of whitespace (line breaks too) become one space, except in dimensions,
    which keep a part a line; control characters the loader refuses (NUL, ESC, DEL...) are taken out, and said so."""
    row = Row(number, artists=tuple(_cell(cells, i) for i in found.artists))
    texts: dict[str, str] = {}
    for name, index in found.fields.items():
        raw = _cell(cells, index)
        lost = _C1.search(raw)
        if lost:
            row.problems.append(f"'{name}' contains the control character U+{ord(lost.group()):04X}, usually a "
                                "character lost when the file was saved in another encoding (– or ’ from "
                                "Windows-1252); correct the cell and save the sheet as 'CSV UTF-8'")
            continue
        removed = UNPRINTABLE.findall(raw)
        if removed:
            row.cleaned.append(", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(removed)) + f" from '{name}'")
            raw = UNPRINTABLE.sub("", raw)
        if name in ("dimensions", "copyright"):  # a part (or a line of credits) a line
            lines = (" ".join(line.split()) for line in re.split(r"\r\n|\r|\n", _BREAK.sub("\n", raw)))
            texts[name] = unicodedata.normalize("NFC", "\n".join(line for line in lines if line))
        else:
            texts[name] = unicodedata.normalize("NFC", " ".join(_BREAK.sub("; ", raw).split()))
    row.title, row.image = texts.pop("title", ""), texts.pop("image", "")
    _year(row, texts.pop("year", ""))
    _flag(row, texts.pop("bleed", ""))
    _status(row, texts.pop("status", ""))
    _credits(row, texts.pop("copyright", ""), texts)
    if not texts.get("dimensions"):
        texts.pop("dimensions", None)
        _measured(row, cells, found)
    row.values.update({name: text for name, text in texts.items() if text})
    for name in [name for name in row.values if name in FIELDS]:
        reason = refusal(name, row.values[name])
        if reason:
            row.problems.append(f"{reason}; imported without it")
            del row.values[name]
    return row


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _year(row: Row, text: str) -> None:
    """A date as the museum writes it is kept as written (c. 1968, 1969, printed c. 1970, n.d.)."""
    year = _SPREADSHEET_DATE.sub(lambda m: m.group(1) or m.group(2), text)
    if not year:
        return
    if Dated.accepts(year):
        row.values["year"] = year
    elif _UNDATED.fullmatch(year):
        row.values["year"] = "n.d."
        row.cleaned.append(f"date '{shown(year)}' written as n.d.")
    else:
        row.problems.append(f"date '{shown(year)}' names no year (write e.g. 2019, c. 1968, 1968–72 or n.d.); "
                            "imported without it")


def _flag(row: Row, text: str) -> None:
    if text.lower() in _TRUE:
        row.values["bleed"] = True
    elif text.lower() not in _FALSE:
        row.problems.append(f"bleed '{shown(text)}' is not yes or no; imported without it")


def _status(row: Row, text: str) -> None:
    if not text:
        return
    status = _STATUS_WORDS.get(match_key(text))
    if status:
        row.values["status"] = status
    else:
        row.problems.append(f"status '{shown(text)}' is not one of {', '.join(STATUSES)}; imported without it")


def _credits(row: Row, text: str, texts: dict[str, str]) -> None:
    """A copyright cell holding a courtesy line too (the Whitney's '© Robert Adams<br>Courtesy Fraenkel Gallery')
    gives each its own field, unless the sheet has a courtesy of its own."""
    lines = text.split("\n") if text else []
    courtesy = [line for line in lines if re.match(r"courtesy\b", line, re.IGNORECASE)]
    if courtesy and not texts.get("courtesy"):
        texts["courtesy"] = "; ".join(courtesy)
        lines = [line for line in lines if line not in courtesy]
    if lines:
        texts["copyright"] = "; ".join(lines)


def _measured(row: Row, cells: list[str], found: Columns) -> None:
    """Numeric height, width and depth columns as structured dimensions, {height, width, depth, unit}."""
    if not found.sides:
        return
    numbers: dict[str, float] = {}
    for side, index in found.sides.items():
        text = _cell(cells, index).strip()
        if not text:
            continue
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            row.problems.append(f"{side} '{shown(text)}' is not a number; dimensions imported without it")
            continue
        if number > 0:
            numbers[side] = int(number) if number.is_integer() else number
    if "height" not in numbers or "width" not in numbers:
        return
    units = {found.units.get(side) for side in numbers} - {None}
    written = _cell(cells, found.unit).strip() if found.unit is not None else ""
    if written:
        units.add(_UNIT_WORDS.get(written.lower(), written))
    if len(units) != 1 or next(iter(units)) not in UNITS:
        named = ", ".join(sorted(str(unit) for unit in units)) or "none"
        row.problems.append(f"the unit of height and width ({shown(named)}) is not one of cm, mm or in; "
                            "dimensions imported without them")
        return
    row.values["dimensions"] = {**numbers, "unit": next(iter(units))}


def refusal(name: str, value: Value) -> str:
    """Why the loader would refuse this value of a works field, or '' (checked by the field's own type)."""
    checker = Checker(Document(Path("artist.yaml"), {name: value}))
    checked = FIELDS[name].type.check(value, (name,), checker)
    if checker.problems:
        return checker.problems[0].message
    return "" if checked is not MISSING else f"'{name}' cannot be used"
