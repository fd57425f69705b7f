"""Remembered content hashes: trusted only while size, time and inode match and the file is not racy."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from catalog import digests
from catalog.digests import Digests


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


def test_a_changed_file_of_the_same_size_is_hashed_again(tmp_path: Path) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"first")
    aged(photo, 60)
    store = tmp_path / "digests.json"
    first = Digests(store)
    first.of(photo)
    first.save()
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
