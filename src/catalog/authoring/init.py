"""`catalog init`: a new project written from commented templates, so an editor starts from files that explain
themselves and build at once."""

from __future__ import annotations

import contextlib
import datetime
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

from ..content.files import ARTIST_FILE, ARTISTS_DIR, CATALOG_FILE
from ..errors import Problem
from ..resources import builtin_dir
from .editor_schema import SCHEMAS
from .editor_schema import render as render_schema
from .files import ScaffoldError, unwritable
from .templates import fill, printable_argument, template, yaml_scalar

SAMPLE_ARTIST = "sample-artist"
SAMPLE_IMAGES = ("steppe-morning.jpg", "evening-tower.jpg")


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
        raise unwritable(path, exc) from None
    return written


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
        str(artist / "images" / SAMPLE_IMAGES[1]): sample_photo((2600, 3300), evening=True),  # fills an opener page
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
