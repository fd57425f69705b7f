"""bench/photos.py: synthetic benchmark photos are deterministic, mix orientations and compress like photos."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image

_FILE = Path(__file__).resolve().parents[1] / "bench" / "photos.py"
_spec = importlib.util.spec_from_file_location("bench_photos", _FILE)
assert _spec and _spec.loader
photos = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(photos)

MP = 0.3


def test_same_parameters_give_identical_bytes(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.jpg", tmp_path / "b.jpg", tmp_path / "c.jpg"
    assert photos.make_photo(a, MP, seed=7) == photos.make_photo(b, MP, seed=7)
    photos.make_photo(c, MP, seed=8)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_set_layout_size_and_every_fifth_portrait(tmp_path: Path) -> None:
    paths = photos.make_set(tmp_path, artists=2, works=5, megapixels=MP)
    flat = [p for row in paths for p in row]
    assert [p.relative_to(tmp_path).as_posix() for p in flat[4:6]] == ["01/work-05.jpg", "02/work-01.jpg"]
    sizes = [Image.open(p).size for p in flat]
    assert [h > w for w, h in sizes] == [False, False, False, False, True] * 2
    for w, h in sizes:
        assert abs(w * h - MP * 1e6) < 0.01 * MP * 1e6
        assert abs(max(w, h) / min(w, h) - 1.5) < 0.01

    # A re-run keeps the files; another size regenerates them.
    stamps = [p.stat().st_mtime_ns for p in flat]
    photos.make_set(tmp_path, artists=2, works=5, megapixels=MP)
    assert [p.stat().st_mtime_ns for p in flat] == stamps
    photos.make_set(tmp_path, artists=2, works=5, megapixels=MP / 2)
    assert Image.open(flat[0]).size == photos.photo_size(MP / 2, portrait=False)


def test_compresses_like_a_photo_baseline_420(tmp_path: Path) -> None:
    path = tmp_path / "p.jpg"
    written = photos.make_photo(path, MP, seed=3, quality=90)
    with Image.open(path) as image:
        assert 0.2 < written / (image.width * image.height) < 0.45
        assert image.mode == "RGB" and not image.info.get("progressive")
        assert image.layer[0][1:3] == (2, 2)  # 4:2:0: luma sampled 2x2, chroma once
        assert not image.getexif()
