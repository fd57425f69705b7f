"""Remembered content hashes: trusted only while size, time and inode match and the file is not racy."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from catalog.images import digests
from catalog.images.digests import Digests
from tests.support.projects import rewrite_in_place


def aged(path: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_a_saved_hash_is_reused_without_reading_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first")
    aged(photo, 60)
    store = tmp_path / "digests.json"
    first = Digests(store)
    assert first.of(photo) == hashlib.sha256(b"first").hexdigest()
    first.save()

    def no_reading(*_: object) -> None:
        raise AssertionError("the file was read again")

    monkeypatch.setattr(digests.hashlib, "file_digest", no_reading)
    assert Digests(store).of(photo) == hashlib.sha256(b"first").hexdigest()


def hashed_and_saved(tmp_path: Path) -> tuple[Path, Path, Digests]:
    """A photo hashed a minute after it was written, and the store saved: (photo, store, digests)."""
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first")
    aged(photo, 60)
    store = tmp_path / "digests.json"
    first = Digests(store)
    first.of(photo)
    first.save()
    return photo, store, first


def test_a_changed_file_of_the_same_size_is_hashed_again(tmp_path: Path) -> None:
    photo, store, _ = hashed_and_saved(tmp_path)
    photo.write_bytes(b"other")
    aged(photo, 30)
    assert Digests(store).of(photo) == hashlib.sha256(b"other").hexdigest()


def test_a_file_written_just_before_hashing_is_not_trusted_later(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first")  # mtime now: within the racy window of the hash taken now
    store = tmp_path / "digests.json"
    first = Digests(store)
    first.of(photo)
    first.save()
    stamp = photo.stat().st_mtime_ns
    photo.write_bytes(b"other")  # same size, and the clock may not have moved on a coarse file system
    os.utime(photo, ns=(stamp, stamp))
    assert Digests(store).of(photo) == hashlib.sha256(b"other").hexdigest()


def test_a_damaged_store_is_ignored(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first")
    store = tmp_path / "digests.json"
    store.write_text("{not json", encoding="utf-8")
    assert Digests(store).of(photo) == hashlib.sha256(b"first").hexdigest()


# --- the change time, old rows and stores of any shape (issue 19, items 9 and 13) ----------------

def test_a_file_rewritten_with_its_size_inode_and_time_is_hashed_again(tmp_path: Path) -> None:
    photo, store, first = hashed_and_saved(tmp_path)
    rewrite_in_place(photo, b"other")
    assert Digests(store).of(photo) == hashlib.sha256(b"other").hexdigest()
    assert first.of(photo) == hashlib.sha256(b"other").hexdigest()  # in the same process too


def test_rows_without_a_change_time_are_dropped(tmp_path: Path) -> None:
    """A store written before the change time was kept: its rows cannot be trusted, so are hashed again."""
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first")
    stat = aged(photo, 60).stat()
    store = tmp_path / "digests.json"
    store.write_text(json.dumps({str(photo): [stat.st_size, stat.st_mtime_ns, stat.st_ino, time.time(),
                                              hashlib.sha256(b"stale").hexdigest()]}), encoding="utf-8")
    assert Digests(store).of(photo) == hashlib.sha256(b"first").hexdigest()


@pytest.mark.parametrize("text", [
    "null", "[]", '"text"', "5", "{}", '{"version": 2}', '{"version": 2, "files": null, "verdicts": null}',
    '{"version": 2, "files": [], "verdicts": []}',
    '{"version": 2, "files": {"a.jpg": [1, 2, "x", 4, 5, "' + "0" * 64 + '"]}}',
    '{"version": 2, "files": {"a.jpg": [1, 2, 3, 4, 1e999, "' + "0" * 64 + '"]}}',
    '{"version": 2, "files": {"a.jpg": {"size": 1}}, "verdicts": {"x": null, "' + "0" * 64 + '": [1, "2", ""]}}',
    "[" * 100_000 + "]" * 100_000,
    "\udcff",
])
def test_a_store_of_any_shape_is_ignored_and_written_anew(tmp_path: Path, text: str) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first")
    store = tmp_path / "digests.json"
    store.write_bytes(text.encode("utf-8", "surrogateescape"))
    found = Digests(store)
    assert found.of(photo) == hashlib.sha256(b"first").hexdigest()
    assert found.verdict("0" * 64) is None
    found.save()
    assert json.loads(store.read_text(encoding="utf-8"))["version"] == 2


def test_verdicts_are_kept_for_the_files_still_there(tmp_path: Path) -> None:
    store = tmp_path / "digests.json"
    kept, gone = tmp_path / "kept.jpg", tmp_path / "gone.jpg"
    kept.write_bytes(b"kept")
    gone.write_bytes(b"gone")
    first = Digests(store)
    for path in (kept, gone):
        first.judged(first.of(path), 600, 400, "")
    gone.unlink()
    first.save()
    again = Digests(store)
    assert again.verdict(hashlib.sha256(b"kept").hexdigest()) == (600, 400, "")
    assert again.verdict(hashlib.sha256(b"gone").hexdigest()) is None
