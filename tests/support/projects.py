"""Tiny catalog projects written into a temporary folder, for tests that need real files."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw


def write_image(path: Path, size: tuple[int, int] = (360, 240), colour: tuple[int, int, int] = (150, 90, 50),
                **save: Any) -> Path:
    """A small JPEG (or other format, by suffix) with a gradient and a shape, not a flat fill."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, colour)
    image = Image.blend(image, tint, 0.6)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.3, h * 0.3, w * 0.6, h * 0.7), fill=(240, 220, 180))
    if path.suffix.lower() in (".jpg", ".jpeg"):
        save.setdefault("quality", 85)
    image.save(path, **save)
    return path


def add_layout(project: Path, name: str, text: str) -> Path:
    """A layout file written as text, so a test controls its exact lines."""
    return _named_file(project / "layouts", name, text)


def add_press(project: Path, name: str, text: str) -> Path:
    """A press profile written as text, so a test controls its exact lines."""
    return _named_file(project / "presses", name, text)


def _named_file(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def artist_data(name: str, works: int = 2, bleed_first: bool = False, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": name,
        "name_native": "Қайрат Әліұлы",
        "born": {"year": 1980, "place": "Almaty", "place_native": "Алматы"},
        "based": "Almaty",
        "bio": "A short biography with *italic* text. " * 12,
        "exhibitions": [
            {"year": 2020, "title": "Group Show", "venue": "Hall", "city": "Almaty", "kind": "group"},
            {"year": 2022, "title": "Solo Show", "venue": "Gallery", "city": "Astana", "kind": "solo"},
        ],
        "works": [
            {"image": f"images/work-{i + 1}.jpg", "title": f"Work {i + 1}", "year": 2020 + i,
             "medium": "Pigment print", "dimensions": "60 × 40 cm", "edition": "Edition of 5",
             "bleed": bleed_first and i == 0}
            for i in range(works)
        ],
    }
    data.update(extra)
    return data


def make_project(root: Path, artists: dict[str, dict[str, Any]] | None = None,
                 catalog: dict[str, Any] | None = None, image_size: tuple[int, int] = (360, 240)) -> Path:
    """A project folder with catalog.yaml and one folder per artist; images are generated for every
    work whose file does not exist yet (so a test can write its own first)."""
    root.mkdir(parents=True, exist_ok=True)
    if artists is None:
        artists = {"anna-test": artist_data("Anna Test"), "boris-test": artist_data("Boris Test", works=3)}
    data = {"title": "Test Catalog", "subtitle": "A fixture", "year": 2026, "layout": "classic",
            "artists": list(artists)}
    data.update(catalog or {})
    write_yaml(root / "catalog.yaml", data)
    for slug, artist in artists.items():
        folder = root / "content" / "artists" / slug
        write_yaml(folder / "artist.yaml", artist)
        for work in artist.get("works", []):
            if "image" not in work:
                continue  # a work listed without a picture
            image = folder / str(work["image"])
            if not image.exists() and "/" in str(work["image"]) and ".." not in str(work["image"]):
                write_image(image, image_size)
    return root


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging when the block blocks: a FIFO opened for reading waits for a writer forever,
    and a test of code that should refuse it must not hang the suite where the code does not."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: something waited on a FIFO or a device")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def rewrite_in_place(path: Path, data: bytes) -> None:
    """Other bytes of the old length (`data`, cut or padded) into the same inode, the modification
    time put back, as a copy tool that keeps times (or `touch -r`) leaves a file."""
    before = path.stat()
    data = data[:before.st_size] if len(data) >= before.st_size else data + bytes(before.st_size - len(data))
    with path.open("r+b") as handle:
        handle.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_ino, after.st_mtime_ns) == (before.st_size, before.st_ino, before.st_mtime_ns)


def make_group_show(root: Path, artists: int = 60, works: int = 2, layout: str = "gallery") -> Path:
    """A group show as galleries make them: many artists, a few works each, a short biography, images
    of mixed orientation (small files: the test is about pages, not pixels)."""
    sizes = [(360, 240), (240, 320), (300, 300), (420, 240)]
    data: dict[str, dict[str, Any]] = {}
    for number in range(artists):
        slug = f"artist-{number + 1:02d}"
        folder = root / "content" / "artists" / slug
        entries = []
        for index in range(works):
            image = write_image(folder / "images" / f"work-{index + 1}.jpg", sizes[(number + index) % len(sizes)],
                                colour=(40 + number * 3 % 200, 90, 160 - index * 40))
            entries.append({"image": f"images/{image.name}", "title": f"Study {index + 1} for a Room",
                            "year": 2010 + (number + index) % 15, "medium": "Oil on canvas",
                            "dimensions": "60 × 40 cm"})
        data[slug] = {
            "name": f"Artist Number {number + 1}", "born": {"year": 1950 + number % 45, "place": "Almaty"},
            "based": "Almaty",
            "bio": f"Artist Number {number + 1} paints rooms from memory. Trained in Almaty, the artist has "
                   "shown in Bishkek and Tashkent and teaches drawing to children on Saturdays. The works in "
                   "this exhibition come from a series begun in a rented studio above a bakery.",
            "works": entries,
        }
    return make_project(root, data, catalog={"layout": layout, "title": "Sixty Rooms"})
