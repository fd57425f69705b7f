"""The prepared-image cache: entries that round-trip, damaged entries that are made again, keys
that change with everything that changes the JPEG, and pruning by days unused."""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from catalog.colour import Inks
from catalog.images import cache as cache_module
from catalog.images.cache import FOLDER, IMAGES, IN_USE, Damaged, ImageCache, job_key, open_cache
from catalog.images.digests import Digests
from catalog.images.prepare import Job, Made
from tests.support.projects import write_image

DAY = 86400.0


def jpeg(size: tuple[int, int] = (40, 30), colour: tuple[int, int, int] = (200, 100, 50), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).convert(mode).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def made(size: tuple[int, int] = (40, 30), colour: tuple[int, int, int] = (200, 100, 50),
         space: str = "rgb", max_ink: int | None = None) -> Made:
    """A JPEG of the colour space it is said to be in: an entry whose data disagrees is damaged."""
    return Made(jpeg(size, colour, {"rgb": "RGB", "cmyk": "CMYK", "gray": "L"}[space]), size[0], size[1], space,
                max_ink)


def key(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()[:40]


def paths(cache: ImageCache, name: str) -> tuple[Path, Path]:
    folder = cache.root / IMAGES / name[:2]
    return folder / f"{name}.jpg", folder / f"{name}.json"


def age(path: Path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


@pytest.fixture
def cache(tmp_path: Path) -> ImageCache:
    return ImageCache(tmp_path / ".catalog-cache")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write_image(tmp_path / "src" / "photo.jpg", (120, 80))


# --- put and get -------------------------------------------------------------------------------

def test_put_then_get_returns_the_same_entry_and_bytes(cache: ImageCache) -> None:
    stored = made(space="cmyk", max_ink=287)
    put = cache.put(key(1), stored)
    got = cache.get(key(1))
    assert got is not None
    assert (got.width, got.height, got.space, got.max_ink) == (40, 30, "cmyk", 287)
    assert got == put
    assert got.path.read_bytes() == stored.data
    assert got.path.parent.name == key(1)[:2] and got.path.name == f"{key(1)}.jpg"


def test_rgb_entry_keeps_max_ink_none(cache: ImageCache) -> None:
    cache.put(key(1), made())
    got = cache.get(key(1))
    assert got is not None and got.space == "rgb" and got.max_ink is None


def test_get_of_a_missing_key_is_none(cache: ImageCache) -> None:
    assert cache.get(key(1)) is None
    cache.put(key(2), made())
    assert cache.get(key(1)) is None


def test_put_leaves_no_temporaries(cache: ImageCache) -> None:
    cache.put(key(1), made())
    cache.put(key(1), made(colour=(0, 0, 0)))  # written again over the old one
    folder = cache.root / IMAGES / key(1)[:2]
    assert sorted(p.name for p in folder.iterdir()) == [f"{key(1)}.jpg", f"{key(1)}.json"]
    assert cache.get(key(1)) is not None


@pytest.mark.parametrize("damage", [
    "{not json",
    "",
    '{"width": 40}',                                          # fields missing
    '["a", "list"]',
    '{"width": "wide", "height": 30, "space": "rgb", "max_ink": null, "bytes": 1}',
])
def test_damaged_metadata_is_a_miss_not_a_crash(cache: ImageCache, damage: str) -> None:
    cache.put(key(1), made())
    _, meta = paths(cache, key(1))
    meta.write_text(damage, encoding="utf-8")
    assert cache.get(key(1)) is None
    cache.put(key(1), made())  # made again: whole once more
    assert cache.get(key(1)) is not None


def test_jpeg_of_the_wrong_size_is_a_miss(cache: ImageCache) -> None:
    stored = made()
    cache.put(key(1), stored)
    image, _ = paths(cache, key(1))
    image.write_bytes(stored.data[: len(stored.data) // 2])  # cut short
    assert cache.get(key(1)) is None
    image.write_bytes(stored.data + b"\0" * 10)  # grown
    assert cache.get(key(1)) is None


def test_metadata_without_its_jpeg_is_a_miss(cache: ImageCache) -> None:
    cache.put(key(1), made())
    image, _ = paths(cache, key(1))
    image.unlink()
    assert cache.get(key(1)) is None


# --- keys --------------------------------------------------------------------------------------

def job(path: Path, **changes: object) -> Job:
    fields: dict[str, object] = {"path": path, "target": (100, 67), "cmyk": False, "inks": Inks("rgb"),
                                 "quality": 90}
    fields.update(changes)
    return Job(**fields)  # type: ignore[arg-type]


def cmyk_job(path: Path, **inks: object) -> Job:
    return job(path, cmyk=True, inks=Inks("cmyk", **inks))  # type: ignore[arg-type]


def test_equal_jobs_have_equal_keys(source: Path) -> None:
    assert job_key(job(source), Digests()) == job_key(job(source), Digests())
    assert job_key(cmyk_job(source, ink_limit=300), Digests()) == job_key(cmyk_job(source, ink_limit=300), Digests())


def test_a_copy_of_the_file_elsewhere_has_the_same_key(source: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "renamed.jpg"
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    assert job_key(job(source), Digests()) == job_key(job(copy), Digests())


def test_a_job_carrying_the_bytes_has_the_key_of_the_file(source: Path) -> None:
    shipped = job(source, data=source.read_bytes())
    assert job_key(shipped, Digests()) == job_key(job(source), Digests())


@pytest.mark.parametrize("change", [
    {"target": (101, 67)},
    {"target": (100, 68)},
    {"target": None},
    {"quality": 89},
    {"cmyk": True, "inks": Inks("cmyk")},
])
def test_key_changes_with_target_quality_and_space(source: Path, change: dict[str, object]) -> None:
    assert job_key(job(source), Digests()) != job_key(job(source, **change), Digests())


@pytest.mark.parametrize("inks", [
    {"ink_limit": 280},
    {"intent": "perceptual"},
    {"bpc": False},
])
def test_key_changes_with_the_press_ink_settings(source: Path, inks: dict[str, object]) -> None:
    assert job_key(cmyk_job(source), Digests()) != job_key(cmyk_job(source, **inks), Digests())


def test_key_changes_with_the_press_profile_bytes(source: Path, tmp_path: Path) -> None:
    profile = tmp_path / "press.icc"
    profile.write_bytes(b"profile one")
    first = job_key(cmyk_job(source, profile=profile), Digests())
    assert first != job_key(cmyk_job(source), Digests())  # built-in profile
    profile.write_bytes(b"profile two")
    assert job_key(cmyk_job(source, profile=profile), Digests()) != first


def test_ink_settings_do_not_split_rgb_keys(source: Path) -> None:
    """An sRGB press ignores ink settings, so they must not make the same JPEG twice."""
    assert job_key(job(source, inks=Inks("rgb", ink_limit=280, intent="perceptual")), Digests()) == \
        job_key(job(source), Digests())


def test_key_changes_with_the_source_bytes(source: Path) -> None:
    before = job_key(job(source), Digests())
    write_image(source, (120, 80), colour=(20, 160, 90))
    assert job_key(job(source), Digests()) != before


def test_key_changes_when_the_file_is_rewritten_under_a_remembering_digest(source: Path, tmp_path: Path) -> None:
    digests = Digests(tmp_path / "digests.json")
    before = job_key(job(source), digests)
    digests.save()
    write_image(source, (120, 80), colour=(20, 160, 90))
    assert job_key(job(source), Digests(tmp_path / "digests.json")) != before
    assert job_key(job(source), digests) != before


def test_file_digest_is_the_sha256_of_the_bytes(source: Path, tmp_path: Path) -> None:
    expected = hashlib.sha256(source.read_bytes()).hexdigest()
    assert Digests().of(source) == expected
    digests = Digests(tmp_path / "digests.json")
    assert digests.of(source) == expected
    digests.save()
    assert Digests(tmp_path / "digests.json").of(source) == expected
    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    assert Digests().of(empty) == hashlib.sha256(b"").hexdigest()


# --- pruning -----------------------------------------------------------------------------------

def test_prune_removes_entries_unused_for_longer_than_the_days(cache: ImageCache) -> None:
    for n in range(3):
        cache.put(key(n), made())
    age(paths(cache, key(0))[1], 40)
    age(paths(cache, key(1))[1], 10)
    pruned = cache.prune(30)
    assert pruned.entries == 1 and pruned.bytes > 0
    assert not any(p.exists() for p in paths(cache, key(0)))
    assert cache.get(key(1)) is not None and cache.get(key(2)) is not None
    assert cache.usage().entries == 2


def test_prune_zero_days_empties_the_cache(cache: ImageCache) -> None:
    held = [cache.put(key(n), made()) for n in range(4)]
    before = cache.usage()
    pruned = cache.prune(0)
    assert pruned.entries == 4 and pruned.bytes == before.bytes
    assert cache.usage().entries == 0 and cache.usage().bytes == 0
    assert not any(entry.path.exists() for entry in held)
    assert list((cache.root / IMAGES).iterdir()) == []  # empty sub-folders go too


def test_prune_of_an_absent_cache_is_nothing(cache: ImageCache) -> None:
    pruned = cache.prune(0)
    assert (pruned.entries, pruned.bytes) == (0, 0)
    assert not cache.root.exists()


def test_prune_removes_stale_temporaries_only(cache: ImageCache) -> None:
    cache.put(key(1), made())
    folder = cache.root / IMAGES / key(1)[:2]
    stale = folder / f".{key(1)}.jpg.abc123.tmp"
    fresh = folder / f".{key(1)}.json.def456.tmp"
    stale.write_bytes(b"x" * 100)
    fresh.write_bytes(b"y" * 100)
    then = time.time() - 2 * 3600
    os.utime(stale, (then, then))
    pruned = cache.prune(30)
    assert not stale.exists() and fresh.exists()
    assert pruned.entries == 0 and pruned.bytes == 100
    assert cache.get(key(1)) is not None


def test_prune_removes_an_old_jpeg_left_without_metadata(cache: ImageCache) -> None:
    cache.put(key(1), made())
    orphan, meta = paths(cache, key(1))
    meta.unlink()
    cache.prune(30)
    assert orphan.exists()  # perhaps a build about to write its metadata
    age(orphan, 1)
    cache.prune(30)
    assert not orphan.exists()


def test_get_marks_the_entry_used_so_it_survives_pruning(cache: ImageCache) -> None:
    cache.put(key(1), made())
    cache.put(key(2), made())
    for n in (1, 2):
        age(paths(cache, key(n))[1], 40)
    assert cache.get(key(1)) is not None  # used by a build today
    assert time.time() - paths(cache, key(1))[1].stat().st_mtime < 60
    assert cache.prune(30).entries == 1
    assert cache.get(key(1)) is not None and cache.get(key(2)) is None


def test_usage_counts_entries_and_bytes(cache: ImageCache) -> None:
    assert (cache.usage().entries, cache.usage().bytes) == (0, 0)
    stored = [made(size=(40 + n, 30)) for n in range(3)]
    for n, item in enumerate(stored):
        cache.put(key(n), item)
    usage = cache.usage()
    assert usage.entries == 3
    metas = sum(paths(cache, key(n))[1].stat().st_size for n in range(3))
    assert usage.bytes == sum(len(item.data) for item in stored) + metas


# --- checksums and strict metadata (issue 19, items 7 and 13) ------------------------------------

def test_data_overwritten_with_garbage_of_its_size_is_damaged_not_used(cache: ImageCache) -> None:
    stored = made(size=(64, 48))
    cache.put(key(1), stored)
    image, _ = paths(cache, key(1))
    image.write_bytes(stored.data[:200] + bytes(len(stored.data) - 200))  # header whole, data zeroed
    assert cache.get(key(1)) is None
    found = cache.lookup(key(1))
    assert isinstance(found, Damaged) and found.path == image and "checksum" in found.reason


def test_a_plausible_wrong_size_in_the_metadata_is_caught_by_the_jpeg_header(cache: ImageCache) -> None:
    cache.put(key(1), made(size=(40, 30)))
    _, meta = paths(cache, key(1))
    meta.write_text(json.dumps(dict(json.loads(meta.read_text(encoding="utf-8")), width=41)), encoding="utf-8")
    assert cache.get(key(1)) is None
    found = cache.lookup(key(1))
    assert isinstance(found, Damaged) and found.reason == "its JPEG is 40 × 30 pixels, not 41 × 30"


@pytest.mark.parametrize("change", [
    '"width": 1e400', '"width": true', '"height": "30"', '"width": 0', '"max_ink": "lots"', '"max_ink": 9000',
    '"space": "lab"', '"space": "gray"', '"bits": 8.0', '"format": null', '"bytes": -1', '"sha256": 7',
    '"sha256": "abc"',
])
def test_metadata_of_the_wrong_type_or_range_is_damaged_not_used(cache: ImageCache, change: str) -> None:
    cache.put(key(1), made(space="cmyk", max_ink=280))
    _, meta = paths(cache, key(1))
    meta.write_text(meta.read_text(encoding="utf-8")[:-1] + f", {change}}}", encoding="utf-8")  # the later key wins
    assert cache.get(key(1)) is None
    assert isinstance(cache.lookup(key(1)), Damaged)


def test_an_entry_written_before_checksums_is_made_again_silently(cache: ImageCache) -> None:
    cache.put(key(1), made())
    _, meta = paths(cache, key(1))
    data = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps({k: v for k, v in data.items() if k not in ("sha256", "stat")}), encoding="utf-8")
    assert cache.lookup(key(1)) is None


def halftone(size: tuple[int, int]) -> Made:
    samples = Image.new("1", size, 1).tobytes()
    return Made(zlib.compress(samples), size[0], size[1], "gray", None, format="flate", bits=1)


def test_compressed_samples_must_be_as_long_as_their_size_says(cache: ImageCache) -> None:
    put = cache.put(key(1), halftone((50, 20)))
    assert cache.get(key(1)) == put
    _, meta = paths(cache, key(1))
    meta.write_text(json.dumps(dict(json.loads(meta.read_text(encoding="utf-8")), width=60)), encoding="utf-8")
    found = cache.lookup(key(1))
    assert isinstance(found, Damaged) and "samples" in found.reason


def test_an_entry_with_new_times_is_hashed_once_then_trusted(cache: ImageCache,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A copied cache (new inodes and times) costs one read of each entry, not one per build."""
    cache.put(key(1), made())
    image, meta = paths(cache, key(1))
    age(image, 3)
    assert cache.get(key(1)) is not None
    assert json.loads(meta.read_text(encoding="utf-8"))["stat"][1] == image.stat().st_mtime_ns

    def no_hashing(*_: object) -> None:
        raise AssertionError("hashed again")

    name = key(1)
    monkeypatch.setattr(cache_module.hashlib, "sha256", no_hashing)
    assert cache.get(name) is not None


def test_entries_used_by_a_build_are_linked_until_it_ends_and_survive_a_prune(tmp_path: Path) -> None:
    with open_cache(tmp_path, True) as opened:
        put = opened.put(key(1), made())
        assert put.path.parent.parent.name == IN_USE and put.path.read_bytes() == made().data
        assert opened.prune(0).entries == 1
        got = opened.lookup(key(1))
        assert got is None and put.path.read_bytes() == made().data  # gone from the cache, not from this build
    assert list((tmp_path / FOLDER / IN_USE).iterdir()) == []


def test_prune_removes_links_left_by_a_killed_build_only_when_old(cache: ImageCache) -> None:
    cache.put(key(1), made())
    for name, days in (("1-fresh", 0.5), ("2-stale", 2)):
        folder = cache.root / IN_USE / name
        folder.mkdir(parents=True)
        os.link(paths(cache, key(1))[0], folder / f"{key(1)}.jpg")
        age(folder, days)
    cache.prune(0)
    assert [p.name for p in (cache.root / IN_USE).iterdir()] == ["1-fresh"]


def test_metadata_whose_data_was_pruned_first_is_absent_not_damaged(cache: ImageCache) -> None:
    cache.put(key(1), made())
    paths(cache, key(1))[0].unlink()
    assert cache.lookup(key(1)) is None


def test_a_no_cache_build_removes_throwaway_caches_of_builds_killed_outright(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalog.images.cache import THROWAWAY, open_cache

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    dead = tmp_path / f"{THROWAWAY}999999999-abc"
    running = tmp_path / f"{THROWAWAY}{os.getppid()}-abc"
    other = tmp_path / "catalog-images-notes"
    for folder in (dead, running, other):
        (folder / "images").mkdir(parents=True)
        old = time.time() - 600
        os.utime(folder, (old, old))
    with open_cache(tmp_path / "project", keep=False) as cache:
        assert cache.root.parent == tmp_path and cache.root.name.startswith(f"{THROWAWAY}{os.getpid()}-")
    assert not dead.exists() and running.exists() and other.exists()
