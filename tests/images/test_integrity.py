"""Nothing lost, nothing silent (issue 19, items 7, 8, 9, 13 and 14): a damaged cache entry is made
again or refused by name, a damaged JPEG never prints grey, a photo replaced during a build never
goes in under the old one's size, and no cache file of any shape ends a build with a traceback."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image

from catalog.builder import BuildOptions, BuildResult, build, plan_project
from catalog.errors import ImageError, Problem
from catalog.images import cache as cache_module
from catalog.images import prepare, probe
from catalog.images.cache import DIGESTS, FOLDER, IMAGES, ImageCache, open_cache
from catalog.images.stage import prepare_images
from catalog.images.workers import Workers
from catalog.prepress import pdfx
from tests.support.projects import artist_data, make_project, rewrite_in_place

WIDE = (1200, 800)  # on a classic plate about 179 ppi: passed through on 'digital', resampled on 'screen'


# --- helpers -------------------------------------------------------------------------------------

def photo(size: tuple[int, int] = WIDE, grain: int = 30, **save: Any) -> bytes:
    """A JPEG with grain (the same bytes every run), so its scan data is long enough to damage."""
    noise = Image.frombytes("L", size, random.Random(grain).randbytes(size[0] * size[1])).convert("RGB")
    picture = Image.blend(Image.linear_gradient("L").resize(size).convert("RGB"), noise, grain / 100)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, **save)
    return buffer.getvalue()


def project(root: Path, press: str, works: int = 2) -> Path:
    data = artist_data("Anna Test", works=works)
    folder = root / "content" / "artists" / "anna-test" / "images"
    for n in range(works):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"work-{n + 1}.jpg").write_bytes(photo(grain=30 + n))
    return make_project(root, {"anna-test": data}, catalog={"press": press})


def image_file(root: Path, n: int = 1) -> Path:
    return root / "content" / "artists" / "anna-test" / "images" / f"work-{n}.jpg"


def line_of(root: Path, n: int = 1) -> int:
    text = (root / "content" / "artists" / "anna-test" / "artist.yaml").read_text(encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if f"image: images/work-{n}.jpg" in line)


def run_build(root: Path, out: Path, **options: Any) -> BuildResult:
    options.setdefault("jobs", 1)
    return build(root, BuildOptions(out=out, **options))


def embedded(pdf_path: Path) -> list[tuple[int, int, bytes]]:
    """(width, height, bytes) of every image in the file, sorted."""
    with pikepdf.open(pdf_path) as pdf:
        return sorted((int(obj.Width), int(obj.Height), bytes(obj.read_raw_bytes())) for obj in pdf.objects
                      if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image")


def entries(root: Path) -> list[Path]:
    return sorted((root / FOLDER / IMAGES).glob("*/*.jpg"))


def stage_notes(root: Path) -> tuple[Problem, ...]:
    """The image stage run as a build runs it, for what it says of the files besides the images."""
    planned = plan_project(root, BuildOptions())
    setup, plan = planned.setup, planned.plan
    with open_cache(setup.project, True) as cache:
        digests = cache.digests()
        _, counts = prepare_images((i.placed() for p in plan.pages for i in p.images), setup.press, cache, Workers(1),
                                   digests)
        digests.save()
    return tuple(note for note in counts.notes if note.code in ("cache-damaged", "jpeg-warning"))


def refused(caught: pytest.ExceptionInfo[ImageError]) -> Problem:
    (problem,) = caught.value.problems
    return problem


def damaged(data: bytes, how: str) -> bytes:
    """Garbage or zeros in the middle (zeros are valid Huffman codes: the decoder often reads on
    without a word), or the second half lost (cut, or zero-filled as an interrupted copy leaves
    it) with the end marker still there, so that the file "ends whole"."""
    middle = len(data) // 2
    if how == "zeros":
        return data[:middle] + bytes(2000) + data[middle + 2000:]
    if how == "garbage":
        return data[:middle] + bytes((i * 73 + 41) % 256 for i in range(2000)) + data[middle + 2000:]
    if how == "zero-filled":
        return data[:middle] + bytes(len(data) - middle - 2) + b"\xff\xd9"
    return data[:middle] + b"\xff\xd9"


# --- item 7: cache entries ---------------------------------------------------------------------------

def garbage(entry: Path) -> None:
    entry.write_bytes(bytes((i * 31 + 7) % 256 for i in range(entry.stat().st_size)))  # same size, new time


def test_an_entry_overwritten_with_garbage_of_its_size_is_made_again_and_said_once(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "screen")
    first = run_build(root, tmp_path / "first.pdf")
    (entry, *_) = entries(root)
    good = entry.read_bytes()
    garbage(entry)
    second = run_build(root, tmp_path / "second.pdf")
    assert (second.images.prepared, second.images.cached) == (1, 1)
    assert embedded(second.pdf) == embedded(first.pdf)
    assert entry.read_bytes() == good  # made again: the same bytes

    garbage(entry)
    (note,) = stage_notes(root)
    assert note.severity == "info" and note.code == "cache-damaged" and note.line
    assert note.message.startswith("the prepared image of work-") and "was damaged (" in note.message
    assert stage_notes(root) == ()  # said once: the entry is whole again


def test_metadata_with_a_plausible_wrong_size_is_not_used(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "screen", works=1)
    first = run_build(root, tmp_path / "first.pdf")
    meta = entries(root)[0].with_suffix(".json")
    data = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps(dict(data, width=data["width"] + 40)), encoding="utf-8")
    second = run_build(root, tmp_path / "second.pdf")
    assert (second.images.prepared, second.images.cached) == (1, 0)
    ((width, height, jpeg),) = embedded(second.pdf)
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.size == (width, height) == (data["width"], data["height"])
    assert embedded(second.pdf) == embedded(first.pdf)


def test_an_entry_damaged_without_a_trace_is_refused_at_write_time_by_name(tmp_path: Path) -> None:
    """Bit rot changes no time: the entry is trusted when used, and its bytes are caught when read."""
    root = project(tmp_path / "p", "screen", works=1)
    run_build(root, tmp_path / "first.pdf")
    (entry,) = entries(root)
    assert stage_notes(root) == ()
    before = entry.stat()
    with entry.open("r+b") as handle:
        handle.seek(before.st_size // 2)
        handle.write(bytes(64))
    os.utime(entry, ns=(before.st_atime_ns, before.st_mtime_ns))
    out = tmp_path / "second.pdf"
    with pytest.raises(ImageError) as caught:
        run_build(root, out)
    problem = refused(caught)
    assert problem.file == entry and entry.name in problem.message and problem.code == "cache-damaged"
    assert "catalog cache prune --days 0" in problem.hint
    assert not out.exists()


# --- item 8: JPEGs damaged inside --------------------------------------------------------------------

@pytest.mark.parametrize("how", ["zeros", "garbage", "zero-filled", "cut-then-end-marker"])
def test_a_jpeg_damaged_in_the_middle_is_never_passed_through(tmp_path: Path, how: str) -> None:
    root = project(tmp_path / "p", "digital")  # whole, it would go into the PDF byte for byte
    image_file(root, 2).write_bytes(damaged(image_file(root, 2).read_bytes(), how))
    out = tmp_path / "out.pdf"
    with pytest.raises(ImageError) as caught:
        run_build(root, out)
    problem = refused(caught)
    assert problem.file is not None and problem.file.name == "artist.yaml" and problem.line == line_of(root, 2)
    assert problem.message.startswith("image work-2.jpg cannot be decoded: it is damaged")
    assert problem.code == "damaged-image" and problem.hint
    assert not out.exists()


def test_a_damaged_jpeg_that_is_resampled_stops_the_build_too(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "screen")
    image_file(root, 1).write_bytes(damaged(image_file(root, 1).read_bytes(), "zero-filled"))
    with pytest.raises(ImageError) as caught:
        run_build(root, tmp_path / "out.pdf")
    problem = refused(caught)
    assert problem.line == line_of(root, 1) and problem.message.startswith("image work-1.jpg cannot be decoded")


def claiming(size: tuple[int, int], data: bytes) -> bytes:
    """The JPEG with its frame header saying `size`."""
    header = bytearray(data)
    at = header.index(b"\xff\xc0")
    header[at + 5:at + 9] = size[1].to_bytes(2, "big") + size[0].to_bytes(2, "big")
    return bytes(header)


@pytest.mark.parametrize(("claim", "data"), [((17_000, 17_000), (16, 16)), ((2400, 1600), WIDE)],
                         ids=["header-over-nothing", "header-twice-the-data"])
def test_a_jpeg_claiming_more_pixels_than_its_data_holds_is_an_error(tmp_path: Path, claim: tuple[int, int],
                                                                     data: tuple[int, int]) -> None:
    root = project(tmp_path / "p", "screen", works=1)
    image_file(root).write_bytes(claiming(claim, photo(data)))
    with pytest.raises(ImageError) as caught:
        run_build(root, tmp_path / "out.pdf")
    problem = refused(caught)
    assert problem.line == line_of(root) and problem.message.startswith("image work-1.jpg cannot be decoded")
    if claim == (17_000, 17_000):
        assert "its header says 17000 × 17000 pixels, but its" in problem.message


def test_stray_bytes_between_segments_are_re_encoded_and_named(tmp_path: Path) -> None:
    """Junk before a marker ("Corrupt JPEG data"): the photo is judged whole from a copy without it,
    then re-encoded from its pixels, not passed through byte for byte (issue 18), with a note naming it."""
    root = project(tmp_path / "p", "digital", works=1)
    data = image_file(root).read_bytes()
    at = data.index(b"\xff\xdb")
    image_file(root).write_bytes(data[:at] + b"\x00\x13\x37" + data[at:])
    result = run_build(root, tmp_path / "out.pdf")
    assert (result.images.prepared, result.images.passed) == (1, 0)
    assert embedded(result.pdf)[0][2] != image_file(root).read_bytes()
    (note,) = [f for f in result.findings if f.code == "jpeg-warning"]
    assert note.message.startswith("image work-1.jpg decodes with a warning from libjpeg (Corrupt JPEG data: "
                                   "3 extraneous bytes before marker 0xdb)")


def test_a_harmless_warning_inside_the_scan_is_re_encoded_and_said(tmp_path: Path) -> None:
    """Stray bytes before a restart marker: harmless, but they hide whatever follows from the
    decoder's report, so the photo is made from what decodes instead of being handed on."""
    root = project(tmp_path / "p", "digital", works=1)
    data = photo(restart_marker_rows=1)
    at = data.index(b"\xff\xd0")
    image_file(root).write_bytes(data[:at] + b"abc" + data[at:])
    result = run_build(root, tmp_path / "out.pdf")
    assert (result.images.prepared, result.images.passed) == (1, 0)
    (width, height, jpeg), = embedded(result.pdf)
    assert jpeg != image_file(root).read_bytes() and (width, height) == WIDE
    (note,) = stage_notes(root)  # said again while it is used, from what the first build found
    assert note.severity == "warning" and note.code == "jpeg-warning" and note.line == line_of(root)
    assert note.message.startswith("image work-1.jpg decodes with a warning from libjpeg (Corrupt JPEG data: "
                                   "3 extraneous bytes before marker 0xd0)")


def test_a_judged_photo_is_not_decoded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "p", "digital")
    first = run_build(root, tmp_path / "first.pdf")
    assert first.images.passed == 2

    def no_decoding(path: Path) -> probe.Verdict:
        raise AssertionError(f"{path.name} was decoded again")

    monkeypatch.setattr(probe, "verify", no_decoding)
    second = run_build(root, tmp_path / "second.pdf")
    assert second.images.passed == 2 and embedded(second.pdf) == embedded(first.pdf)


# --- item 9: a photo replaced during the build ---------------------------------------------------------

def replacing_before_the_write(monkeypatch: pytest.MonkeyPatch, path: Path, data: bytes) -> None:
    real = pdfx.finalise

    def finalise(*args: Any, **kwargs: Any) -> None:
        path.write_bytes(data)
        real(*args, **kwargs)

    monkeypatch.setattr(pdfx, "finalise", finalise)


def test_a_photo_replaced_before_the_write_is_refused_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "p", "digital")
    replacing_before_the_write(monkeypatch, image_file(root, 1), photo((800, 1200), grain=40))  # a portrait now
    out = tmp_path / "out.pdf"
    with pytest.raises(ImageError) as caught:
        run_build(root, out)
    problem = refused(caught)
    assert problem.file == image_file(root, 1)
    assert problem.message == "image work-1.jpg changed while the catalog was being built"
    assert problem.hint == "build again" and problem.code == "image-changed"
    assert not out.exists()


def test_a_photo_replaced_while_it_is_prepared_is_not_cached_under_the_old_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "p", "screen", works=1)
    real = prepare.make_or_fail

    def replaced_first(job: prepare.Job) -> prepare.Made | str:
        job.path.write_bytes(photo(grain=40))
        return real(job)

    monkeypatch.setattr(prepare, "make_or_fail", replaced_first)
    with pytest.raises(ImageError) as caught:
        run_build(root, tmp_path / "out.pdf")
    problem = refused(caught)
    assert problem.line == line_of(root) and "changed while the catalog was being built" in problem.message
    assert entries(root) == []


def test_a_photo_rewritten_with_its_size_inode_and_time_is_hashed_again(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "screen", works=1)
    path = image_file(root)
    old = path.stat().st_mtime_ns - 60 * 10**9  # well before the hash: not "racy"
    os.utime(path, ns=(old, old))
    first = run_build(root, tmp_path / "first.pdf")
    new = photo(grain=20)
    assert len(new) <= path.stat().st_size  # padded after its end marker, as cameras do
    rewrite_in_place(path, new)
    second = run_build(root, tmp_path / "second.pdf")
    assert (second.images.prepared, second.images.cached) == (1, 0)
    assert embedded(second.pdf) != embedded(first.pdf)
    manifest = json.loads(second.manifest.read_text(encoding="utf-8")) if second.manifest else {}
    assert hashlib.sha256(path.read_bytes()).hexdigest() in json.dumps(manifest)


# --- item 13: cache files of any shape -----------------------------------------------------------------

def test_a_digests_json_holding_null_does_not_stop_every_later_build(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "screen", works=1)
    (root / FOLDER).mkdir()
    (root / FOLDER / DIGESTS).write_text("null", encoding="utf-8")
    result = run_build(root, tmp_path / "out.pdf")
    assert result.images.prepared == 1
    assert json.loads((root / FOLDER / DIGESTS).read_text(encoding="utf-8"))["version"] == 2  # written anew


@pytest.mark.parametrize("change", [{"width": 1e400}, {"max_ink": "lots"}])
def test_metadata_of_the_wrong_type_is_made_again_not_a_traceback(tmp_path: Path, change: dict[str, Any]) -> None:
    root = project(tmp_path / "p", "offset", works=1)  # CMYK: the ink total is used
    first = run_build(root, tmp_path / "first.pdf")
    meta = entries(root)[0].with_suffix(".json")
    data = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps(dict(data, **change)), encoding="utf-8")
    second = run_build(root, tmp_path / "second.pdf")
    assert (second.images.prepared, second.images.cached) == (1, 0)
    assert embedded(second.pdf) == embedded(first.pdf)


# --- item 14: a prune while a build runs ------------------------------------------------------------------

def pruning_before_the_write(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    real = pdfx.finalise

    def finalise(*args: Any, **kwargs: Any) -> None:
        assert ImageCache(root / FOLDER).prune(0).entries > 0  # `catalog cache prune --days 0` meanwhile
        real(*args, **kwargs)

    monkeypatch.setattr(pdfx, "finalise", finalise)


def test_a_prune_during_the_build_takes_nothing_from_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "p", "screen")
    first = run_build(root, tmp_path / "first.pdf")
    pruning_before_the_write(monkeypatch, root)
    second = run_build(root, tmp_path / "second.pdf")
    assert second.images.cached == 2
    assert embedded(second.pdf) == embedded(first.pdf)
    assert entries(root) == [] and list((root / FOLDER).rglob("in-use/*")) == []  # pruned; our links gone


def test_without_hard_links_a_pruned_entry_is_named_with_what_to_do(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path / "p", "screen", works=1)
    run_build(root, tmp_path / "first.pdf")
    (entry,) = entries(root)

    def no_links(*_: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(cache_module.os, "link", no_links)
    pruning_before_the_write(monkeypatch, root)
    out = tmp_path / "second.pdf"
    with pytest.raises(ImageError) as caught:
        run_build(root, out)
    problem = refused(caught)
    assert problem.file == entry and problem.message == (
        f"prepared image {entry.name} was removed from the image cache while the catalog was being built")
    assert "build again" in problem.hint
    assert not out.exists()


def test_the_stage_reports_every_bad_file_at_once(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "screen", works=3)
    for n in (1, 3):
        image_file(root, n).write_bytes(damaged(image_file(root, n).read_bytes(), "garbage"))
    with pytest.raises(ImageError) as caught:
        run_build(root, tmp_path / "out.pdf")
    assert [problem.line for problem in caught.value.problems] == [line_of(root, 1), line_of(root, 3)]
