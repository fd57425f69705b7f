"""The image stage on real builds: what is prepared, taken from the cache or passed through; that
a rebuild after a text edit prepares nothing and embeds the same image bytes; that every resampled
plate prints at the press's resolution; that cache, workers and concurrent builds do not change a
byte of the PDF; and that a file broken half-way stops the build with its YAML line."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from PIL import Image

from catalog.builder import BuildOptions, BuildResult, build, plan_project
from catalog.errors import ImageError
from catalog.images.cache import FOLDER, IMAGES, ImageCache
from catalog.plan.pages import DocumentPlan
from tests.support.cli import run
from tests.support.projects import artist_data, make_project, write_image, write_yaml

WIDE = (1200, 800)  # on a classic plate (481.9 pt wide) about 179 ppi: above the screen press's 150
COLOURS = [(150, 90, 50), (40, 110, 160), (170, 40, 90), (60, 150, 70), (200, 170, 40), (90, 60, 140)]


# --- helpers -------------------------------------------------------------------------------------

def project_with(root: Path, works: dict[str, int], press: str = "screen", size: tuple[int, int] = WIDE,
                 **extra: Any) -> Path:
    """A project whose every work has its own picture (different bytes, so different cache keys)."""
    artists = {slug: artist_data(slug.replace("-", " ").title(), works=n, **extra) for slug, n in works.items()}
    index = 0
    for slug, data in artists.items():
        for work in data["works"]:
            write_image(root / "content" / "artists" / slug / work["image"], size, colour=COLOURS[index % 6])
            index += 1
    return make_project(root, artists, catalog={"press": press})


def two_artists(tmp_path: Path, name: str = "project", **options: Any) -> Path:
    return project_with(tmp_path / name, {"anna-test": 2, "boris-test": 3}, **options)


def artist_yaml(project: Path, slug: str = "anna-test") -> Path:
    return project / "content" / "artists" / slug / "artist.yaml"


def edit_artist(project: Path, change: Any, slug: str = "anna-test") -> None:
    path = artist_yaml(project, slug)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write_yaml(path, data)


def image_file(project: Path, name: str, slug: str = "anna-test") -> Path:
    return project / "content" / "artists" / slug / "images" / name


def plan_of(project: Path, **options: Any) -> DocumentPlan:
    return plan_project(project, BuildOptions(**options)).plan


def placements(project: Path, **options: Any) -> set[tuple[Path, float]]:
    """The distinct (file, placed width) pairs of the plan: one prepared image each."""
    return {item.key for page in plan_of(project, **options).pages for item in page.images}


def run_build(project: Path, out: Path, **options: Any) -> BuildResult:
    options.setdefault("jobs", 1)  # most tests need no pool; the ones about workers say so
    return build(project, BuildOptions(out=out, **options))


def image_streams(pdf_path: Path) -> list[bytes]:
    """The raw (still JPEG) bytes of every image XObject in the file, in a stable order."""
    with pikepdf.open(pdf_path) as pdf:
        return sorted(bytes(obj.read_raw_bytes()) for obj in pdf.objects
                      if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image")


Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def drawn_images(pdf_path: Path) -> Iterator[tuple[int, float, bytes]]:
    """(pixels across, points across on the page, raw bytes) for every image drawn, following the
    content stream's q/Q/cm to the matrix in force at each Do."""
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            xobjects = page.Resources.get("/XObject", {})
            ctm: Matrix = (1, 0, 0, 1, 0, 0)
            saved: list[Matrix] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "q":
                    saved.append(ctm)
                elif op == "Q":
                    ctm = saved.pop()
                elif op == "cm":
                    ctm = _times(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
                elif op == "Do":
                    image = xobjects[operands[0]]
                    if image.get("/Subtype") == "/Image":
                        yield int(image.Width), math.hypot(ctm[0], ctm[1]), bytes(image.read_raw_bytes())


def entries(project: Path) -> list[Path]:
    return sorted((project / FOLDER / IMAGES).glob("*/*.json"))




def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# --- the cache across rebuilds ---------------------------------------------------------------------

def test_a_text_edit_prepares_nothing_and_keeps_every_image_byte(tmp_path: Path) -> None:
    project = two_artists(tmp_path)
    distinct = len(placements(project))
    assert distinct == 5
    first = run_build(project, tmp_path / "first.pdf")
    assert (first.images.prepared, first.images.cached, first.images.passed) == (distinct, 0, 0)
    assert len(entries(project)) == distinct

    def retitle(data: dict[str, Any]) -> None:
        data["works"][0]["title"] = "Work 1, second state"
        data["works"][1]["medium"] = "Gelatin silver print"

    edit_artist(project, retitle)
    second = run_build(project, tmp_path / "second.pdf")
    assert (second.images.prepared, second.images.cached, second.images.passed) == (0, distinct, 0)
    assert second.pages == first.pages
    assert first.pdf.read_bytes() != second.pdf.read_bytes()  # the text did change
    assert image_streams(second.pdf) == image_streams(first.pdf)
    assert len(image_streams(first.pdf)) == distinct


def test_replacing_one_image_file_prepares_only_that_one(tmp_path: Path) -> None:
    project = two_artists(tmp_path)
    first = run_build(project, tmp_path / "first.pdf")
    write_image(image_file(project, "work-2.jpg"), WIDE, colour=(10, 10, 200))  # same name, new picture
    second = run_build(project, tmp_path / "second.pdf")
    assert (second.images.prepared, second.images.cached) == (1, 4)
    before, after = set(image_streams(first.pdf)), set(image_streams(second.pdf))
    assert len(before - after) == 1 and len(after - before) == 1


def test_changing_one_placed_size_prepares_only_that_placement(tmp_path: Path) -> None:
    # 2600 px: above 150 ppi both on a plate (481.9 pt) and full-bleed (about 1148 pt)
    project = project_with(tmp_path / "project", {"anna-test": 2}, size=(2600, 1733))
    before = placements(project)
    first = run_build(project, tmp_path / "first.pdf")
    assert first.images.prepared == 2

    def bleed_first(data: dict[str, Any]) -> None:
        data["works"][0]["bleed"] = True

    edit_artist(project, bleed_first)
    after = placements(project)
    changed = after - before
    assert len(changed) == 1 and next(iter(changed))[0].name == "work-1.jpg"  # wider, and only it
    second = run_build(project, tmp_path / "second.pdf")
    assert (second.images.prepared, second.images.cached, second.images.passed) == (len(changed), 1, 0)
    assert len(set(image_streams(first.pdf)) & set(image_streams(second.pdf))) == 1  # work-2 kept
    assert len(entries(project)) == 3  # the plate-sized work-1 stays until pruned


def test_the_same_picture_twice_is_made_and_embedded_once(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project", {"anna-test": 2})
    image_file(project, "work-2.jpg").write_bytes(image_file(project, "work-1.jpg").read_bytes())
    result = run_build(project, tmp_path / "out.pdf")
    assert (result.images.prepared, result.images.cached) == (2, 0)  # counted per placement
    assert len(entries(project)) == 1
    assert len(image_streams(result.pdf)) == 1


# --- passthrough and resolution ------------------------------------------------------------------

def test_a_baseline_srgb_jpeg_within_max_ppi_is_embedded_byte_for_byte(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project", {"anna-test": 2}, press="digital")  # 179 ppi <= 400
    result = run_build(project, tmp_path / "out.pdf")
    assert (result.images.prepared, result.images.cached, result.images.passed) == (0, 0, 2)
    sources = {image_file(project, f"work-{n}.jpg").read_bytes() for n in (1, 2)}
    assert set(image_streams(result.pdf)) == sources
    assert entries(project) == []  # nothing made, nothing cached


def test_a_progressive_jpeg_is_prepared_even_at_low_ppi(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project", {"anna-test": 1}, press="digital")
    write_image(image_file(project, "work-1.jpg"), WIDE, progressive=True)
    result = run_build(project, tmp_path / "out.pdf")
    assert (result.images.prepared, result.images.passed) == (1, 0)
    ((pixels, _, data),) = list(drawn_images(result.pdf))
    assert pixels == WIDE[0]  # re-encoded as baseline, not resampled
    assert data != image_file(project, "work-1.jpg").read_bytes()
    with Image.open(image_file(project, "work-1.jpg")) as source, Image.open(entries(project)[0].with_suffix(".jpg")) \
            as made:
        assert source.info.get("progressive") and not made.info.get("progressive")


@pytest.mark.parametrize(("press", "size", "ppi"), [("screen", WIDE, 150), ("digital", (3000, 2000), 300)])
def test_every_resampled_plate_prints_at_the_press_resolution(tmp_path: Path, press: str, size: tuple[int, int],
                                                              ppi: int) -> None:
    project = project_with(tmp_path / "project", {"anna-test": 2}, press=press, size=size)
    small = write_image(image_file(project, "small.jpg"), (600, 400), colour=(30, 30, 30))  # below max_ppi

    def add_small_work(data: dict[str, Any]) -> None:
        data["works"].append(dict(data["works"][0], image="images/small.jpg", title="Small"))

    edit_artist(project, add_small_work)
    result = run_build(project, tmp_path / "out.pdf")
    assert (result.images.prepared, result.images.passed) == (2, 1)
    resampled = passed = 0
    for pixels, points, data in drawn_images(result.pdf):
        if data == small.read_bytes():
            passed += 1
            continue
        resampled += 1
        printed = pixels / (points / 72)
        assert abs(printed - ppi) <= 0.05 * ppi, (pixels, points, printed)
    assert (resampled, passed) == (2, 1)


# --- no cache, workers, concurrent builds ---------------------------------------------------------

def test_cache_and_workers_do_not_change_a_byte(tmp_path: Path) -> None:
    project = two_artists(tmp_path)
    inline = run_build(project, tmp_path / "inline.pdf", cache=False, jobs=1)
    assert not (project / FOLDER).exists()
    pooled = run_build(project, tmp_path / "pooled.pdf", cache=False, jobs=2)
    assert not (project / FOLDER).exists()
    assert inline.images.prepared == pooled.images.prepared == 5
    cached = run_build(project, tmp_path / "cached.pdf", jobs=2)
    assert (project / FOLDER).is_dir() and cached.images.prepared == 5
    warm = run_build(project, tmp_path / "warm.pdf", jobs=1)
    assert (warm.images.prepared, warm.images.cached) == (0, 5)
    pdf = inline.pdf.read_bytes()
    assert pooled.pdf.read_bytes() == pdf
    assert cached.pdf.read_bytes() == pdf
    assert warm.pdf.read_bytes() == pdf


def test_two_builds_at_once_share_the_cache_safely(tmp_path: Path) -> None:
    project = two_artists(tmp_path)
    outs = [tmp_path / "one.pdf", tmp_path / "two.pdf"]
    processes = [subprocess.Popen([sys.executable, "-m", "catalog", "build", str(project), "--out", str(out),
                                   "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
                 for out in outs]
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, (stdout, stderr)
        assert b"Traceback" not in stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()

    third = run_build(project, tmp_path / "three.pdf")
    assert (third.images.prepared, third.images.cached) == (0, 5)
    assert third.pdf.read_bytes() == outs[0].read_bytes()
    cache = ImageCache(project / FOLDER)
    found = entries(project)
    assert len(found) == 5
    for meta in found:
        entry = cache.get(meta.stem)
        assert entry is not None, meta
        with Image.open(entry.path) as image:
            image.load()
            assert image.size == (entry.width, entry.height)
    assert list((project / FOLDER).rglob("*.tmp")) == []


# --- the command line ------------------------------------------------------------------------------

def test_cli_build_reports_images_and_time_and_cache_commands(tmp_path: Path) -> None:
    project = two_artists(tmp_path)
    code, output = run("build", str(project), "--out", str(tmp_path / "out.pdf"), "--jobs", "1")
    assert code == 0, output
    assert "images: 5 prepared, 0 cached, 0 passed through" in output
    assert re.search(r"time: load [\d.]+ s, layout [\d.]+ s, images [\d.]+ s, write [\d.]+ s, "
                     r"prepress [\d.]+ s; [\d.]+ s in all", output), output

    code, output = run("build", str(project), "--out", str(tmp_path / "out.pdf"), "--jobs", "1")
    assert code == 0, output
    assert "images: 0 prepared, 5 cached, 0 passed through" in output

    size = ImageCache(project / FOLDER).usage().bytes
    code, output = run("cache", "info", str(project))
    assert code == 0, output
    assert f"5 prepared image(s), {size / 1e6:.1f} MB" in output and FOLDER in output

    code, output = run("cache", "prune", str(project))  # all used just now: kept
    assert code == 0 and "Removed 0 prepared image(s)" in output, output
    assert len(entries(project)) == 5

    code, output = run("cache", "prune", str(project), "--days", "0")
    assert code == 0, output
    assert "Removed 5 prepared image(s)" in output
    assert entries(project) == [] and list((project / FOLDER / IMAGES).glob("*/*.jpg")) == []
    code, output = run("cache", "info", str(project))
    assert code == 0 and "0 prepared image(s)" in output, output


def test_cache_info_of_a_project_never_built(tmp_path: Path) -> None:
    project = two_artists(tmp_path)
    code, output = run("cache", "info", str(project))
    assert code == 0 and "0 prepared image(s), 0.0 MB" in output, output
    assert not (project / FOLDER).exists()


# --- a file broken half-way ------------------------------------------------------------------------

def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the header is whole; the scan data stops half-way


def test_a_truncated_image_needing_preparation_stops_the_build_at_its_line(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project", {"anna-test": 2})
    truncate(image_file(project, "work-2.jpg"))
    line = line_of(artist_yaml(project), "image: images/work-2.jpg")
    out = tmp_path / "out.pdf"
    with pytest.raises(ImageError) as caught:
        run_build(project, out)
    (problem,) = caught.value.problems
    assert problem.file is not None and problem.file.name == "artist.yaml" and problem.line == line
    assert "work-2.jpg" in problem.message and "cannot be decoded" in problem.message
    assert not out.exists()

    code, output = run("build", str(project), "--out", str(out), "--jobs", "2")  # from a worker process
    assert code == 2, output
    assert f"artist.yaml:{line}: image work-2.jpg cannot be decoded" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_a_truncated_full_bleed_image_is_reported_before_layout_reads_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {"anna-test": artist_data("Anna Test", works=1, bleed_first=True)},
                           catalog={"press": "screen"}, image_size=WIDE)
    truncate(image_file(project, "work-1.jpg"))
    line = line_of(artist_yaml(project), "image: images/work-1.jpg")
    code, output = run("build", str(project), "--out", str(tmp_path / "out.pdf"))
    assert code == 2, output
    assert f"artist.yaml:{line}: image work-1.jpg cannot be decoded" in output
    assert "Traceback" not in output


def test_a_cache_folder_that_cannot_be_used_falls_back_to_a_throwaway_one(tmp_path: Path) -> None:
    project = project_with(tmp_path / "project", {"anna-test": 1})
    (project / FOLDER).mkdir()
    (project / FOLDER / IMAGES).write_text("not a folder", encoding="utf-8")
    result = run_build(project, tmp_path / "out.pdf", jobs=1)
    assert result.images.prepared == 1
    assert (project / FOLDER / IMAGES).read_text(encoding="utf-8") == "not a folder"
