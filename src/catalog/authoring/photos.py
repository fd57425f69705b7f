"""Photographs for `catalog new artist --images`: the files in a folder that are images the build prints, checked
by what is inside them (not only their names), copied from the very handle that was checked, with the year their
EXIF data gives (offered to the author, not taken for the work's: see artist.draft_work)."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from ..content.files import IMAGE_FORMATS, IMAGE_SUFFIXES, listed
from ..errors import Problem
from ..model import natural_key
from .files import NotRegularFile, ScaffoldError, open_regular
from .templates import shown_name

PHOTO_FORMATS = tuple(dict.fromkeys(kind.pillow for kind in IMAGE_FORMATS))  # what Pillow must find inside
EXIF_IFD = 0x8769
DATE_TIME_ORIGINAL = 36867
DATE_TIME = 306


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


def find_photos(folder: Path) -> tuple[list[Photo], list[Problem]]:
    """The photos directly in `folder`, sorted by name as a person counts ('(2)' before '(10)': the order of the
    plates), hidden files left out, and the files with a photo's name that are no photo, each with the reason
    (as warnings).

    A photo is a regular file that Pillow reads as one of IMAGE_FORMATS. A symbolic link counts as the photo it
    leads to when that is one (a selection made with `ln -s` is a folder of photos too): it is followed only
    after `stat` shows a regular file at its end, so a link to a FIFO, a device or a folder is never opened, and
    a file that is not an image is never copied (only its first bytes are read, to tell). Names are taken in
    composed Unicode (NFC), as the loader reads them, so a photo named on a Mac is found by the build."""
    if not folder.is_dir():
        raise ScaffoldError(Problem(f"not a folder: {folder}", hint="give the folder holding the photographs"))
    try:
        names = sorted((p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
                        and not p.name.startswith(".")), key=lambda p: natural_key(p.name))
    except OSError as exc:
        raise ScaffoldError(Problem(f"cannot read the folder: {exc.strerror or exc}", folder,
                                    hint="check that it can be opened")) from None
    photos: list[Photo] = []
    skipped: list[Problem] = []
    taken: dict[str, Path] = {}
    for path in names:
        name = unicodedata.normalize("NFC", path.name)
        if name in taken:
            skipped.append(skip(path, f"it has the same name as '{shown_name(taken[name].name)}' once both are "
                                 "written in composed Unicode", "rename one of them"))
            continue
        try:
            with open_photo(path) as handle:
                year = exif_year(handle)
        except NotAPhoto as exc:
            skipped.append(skip(path, exc.reason, exc.hint))
            continue
        taken[name] = path
        photos.append(Photo(path, name, year))
    if not photos:
        raise no_photos(folder, skipped)
    return photos, skipped


def skip(path: Path, reason: str, hint: str) -> Problem:
    """A photo left out, named in its folder with anything unprintable escaped (the name may hold a newline)."""
    return Problem(f"'{shown_name(path.name)}' not copied: {reason}", path.parent, hint=hint, severity="warning")


def no_photos(folder: Path, skipped: list[Problem]) -> ScaffoldError:
    return ScaffoldError([Problem(f"no photographs in {shown_name(str(folder))} can be used" if skipped else
                                  f"no photographs in {shown_name(str(folder))}",
                                  hint=f"the folder should hold {listed(IMAGE_SUFFIXES)} files"),
                          *(replace(p, severity="error") for p in skipped)])


def open_photo(path: Path) -> BinaryIO:
    """`path` open at its start if it is a regular file (or a link to one) that Pillow reads as one of
    IMAGE_FORMATS; otherwise NotAPhoto says why. Only the header is read to tell."""
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
        raise NotAPhoto(f"it is not an image (no {listed([kind.name for kind in IMAGE_FORMATS])} inside)",
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
