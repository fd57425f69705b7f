"""Matching a spreadsheet's rows to what the project already has: the artist by name, a row's photo by the file
name it gives or by its accession number or title, and a row to a works entry. Names are compared as people write
them (any case, accents or not, "Last, First" or "First Last"), and files are listed as people count: '(2)' before
'(10)'."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.fields import UNFILLED
from ..content.files import IMAGE_SUFFIXES
from ..model import natural_key
from .files import file_exists
from .templates import shown_name


def match_key(text: str) -> str:
    """Text reduced to what a reader compares: accents, case and punctuation dropped ('Motel, Colorado Springs'
    and 'motel-colorado-springs' are the same; so are 'Hébert' and 'Hebert', 'P.2011.27' and 'P-2011-27')."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


def named_in(cell: str) -> set[str]:
    """The names an artist cell may hold, as match keys: the whole cell, each of several artists (the Met's
    'A|B', MoMA's and the Whitney's 'A, B') and 'Adams, Robert' read as 'Robert Adams' (Tate)."""
    forms = {match_key(cell)}
    for part in re.split(r"\s*[|;\n]\s*", cell):
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        forms.add(match_key(part))
        forms.update(match_key(piece) for piece in pieces)
        if len(pieces) == 2:
            forms.add(match_key(f"{pieces[1]} {pieces[0]}"))
    return forms - {""}


def names_of(artist: dict[str, Any]) -> set[str]:
    """The match keys of an artist.yaml's names: `name` and `name_native`, each also read 'Last, First'."""
    found: set[str] = set()
    for key in ("name", "name_native"):
        value = artist.get(key)
        for text in (value.values() if isinstance(value, dict) else [value]):
            if isinstance(text, str) and text.strip():
                found |= named_in(text)
    return found


def is_draft(work: dict[str, Any]) -> bool:
    """A works entry `new artist --images` wrote and nobody has finished: a field (or one language of it) still
    TODO. Import fills such entries in by default."""
    for value in work.values():
        texts = value.values() if isinstance(value, dict) else [value]
        if any(isinstance(text, str) and text.strip() == UNFILLED for text in texts):
            return True
    return False


def titles(work: dict[str, Any]) -> set[str]:
    """The match keys of a work's title, in every language it is given in."""
    value = work.get("title")
    texts = value.values() if isinstance(value, dict) else [value]
    return {match_key(str(text)) for text in texts if text is not None and str(text).strip()} - {""}


class Photos:
    """The photos in an artist's images/ folder, naturally sorted, found by the name a cell gives (the suffix may be
    left out, or be another image suffix) or by a text their file name spells: an accession number, a title."""

    def __init__(self, folder: Path):
        self.folder = folder
        images = folder / "images"
        try:
            names = [p.name for p in images.iterdir() if file_exists(p)] if images.is_dir() else []
        except OSError:
            names = []
        self.files = sorted(names, key=natural_key)
        self._by_key: dict[str, list[str]] = {}
        for name in self.files:
            if Path(name).suffix.lower() in IMAGE_SUFFIXES:
                self._by_key.setdefault(match_key(Path(name).stem), []).append(name)

    def named(self, cell: str) -> tuple[str | None, str]:
        """The image a cell names, relative to the artist's folder, or None and why not: a file name in images/
        (its suffix may be left out when one photo has that name: '98.40.1' finds 98.40.1.jpg) or a path inside
        the artist's folder."""
        name = cell.replace("\\", "/").strip()
        relative = name if "/" in name else f"images/{name}"
        if ".." in Path(relative).parts or Path(relative).is_absolute():
            return None, f"image '{shown_name(name)}' is outside the artist's folder"
        if file_exists(self.folder / relative):
            return relative, ""
        if "/" not in name:
            stem = name[: -len(Path(name).suffix)] if Path(name).suffix.lower() in IMAGE_SUFFIXES else name
            same = [f for f in self.files if Path(f).stem == stem and Path(f).suffix.lower() in IMAGE_SUFFIXES]
            same = same or (self._by_key.get(match_key(stem), []) if stem else [])
            if len(same) == 1:
                return f"images/{same[0]}", ""
            if len(same) > 1:
                return None, (f"image '{shown_name(name)}' could be any of " + ", ".join(shown_name(f) for f in same)
                              + "; give the file name with its suffix")
        close = difflib.get_close_matches(Path(name).name, self.files, n=1)
        hint = f"; did you mean '{shown_name(close[0])}'?" if close else "; copy the photo there first"
        return None, f"unknown image file '{shown_name(name)}' (not in images/ of this artist){hint}"

    def spelled(self, text: str) -> str | None:
        """The one photo whose file name (without its suffix) spells `text`, as images/<name>; None when no photo
        or more than one does."""
        same = self._by_key.get(match_key(text), []) if match_key(text) else []
        return f"images/{same[0]}" if len(same) == 1 else None


@dataclass(frozen=True)
class Match:
    index: int  # the works entry's position in artist.yaml's list
    how: str    # 'image', 'accession' or 'title'


class Works:
    """The works already in artist.yaml, found by image, accession number or title. A title finds a work only when
    no other work and no other row of the sheet has it: 'Untitled' twice is nobody's."""

    def __init__(self, works: list[Any], sheet_titles: Iterable[str]):
        self.works = [work if isinstance(work, dict) else {} for work in works]
        self._image = {str(w["image"]).strip(): i for i, w in enumerate(self.works) if w.get("image")}
        self._accession = {match_key(str(w["accession"])): i for i, w in enumerate(self.works)
                           if w.get("accession") and match_key(str(w["accession"]))}
        counted = Counter(key for work in self.works for key in titles(work))
        rows = Counter(match_key(title) for title in sheet_titles)
        self._title = {key: i for i, work in enumerate(self.works) for key in titles(work)
                       if counted[key] == 1 and rows[key] <= 1}

    def find(self, image: str | None, accession: str, title: str) -> Match | None:
        if image and image in self._image:
            return Match(self._image[image], "image")
        if accession and match_key(accession) in self._accession:
            return Match(self._accession[match_key(accession)], "accession")
        if match_key(title) in self._title:
            return Match(self._title[match_key(title)], "title")
        return None

    def described(self, index: int) -> str:
        """The entry as a person finds it in artist.yaml: works[3] 'Colorado' (images/P.2011.27.jpg)."""
        work = self.works[index]
        title = work.get("title")
        title = next(iter(title.values()), "") if isinstance(title, dict) else title
        image = f" ({shown_name(str(work['image']))})" if work.get("image") else ""
        return f"works[{index + 1}] '{shown_name(str(title))}'{image}"
