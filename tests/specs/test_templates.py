"""Page templates and plate sequences as the user writes them: a bad template in a project layout, a
bad `sequence:` or `crop:` in artist.yaml stops `catalog build` with one line naming the file, the
line and the fix (exit 2, nothing written); a template defined in YAML alone places its works."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from catalog.builder import BuildOptions, build
from catalog.plan.pages import Page, TextLine
from catalog.units import Rect, mm
from tests.support.cli import run
from tests.support.pdfcheck import placements
from tests.support.projects import add_layout, artist_data, make_project

ARTIST = "content/artists/anna-test/artist.yaml"


def line_of(path: Path, needle: str) -> int:
    """The number of the one line of `path` that contains `needle`."""
    found = [number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if needle in text]
    assert len(found) == 1, (needle, found)
    return found[0]


def refused(project: Path) -> str:
    """`catalog build` of the project stopped on its input: exit 2, one error line (the text after
    'error: '), no traceback, no PDF anywhere in the project."""
    code, output = run("build", str(project))
    assert code == 2, output
    assert "Traceback" not in output
    errors = {line for line in output.splitlines() if line.startswith("error:")}
    assert len(errors) == 1, output
    assert not [line for line in output.splitlines() if line.strip() and not line.startswith("error:")], output
    assert not list(project.rglob("*.pdf"))
    return errors.pop().removeprefix("error: ")


def house_project(tmp_path: Path, layout: str, works: int = 3) -> Path:
    """One artist, in the project layout `house` written as `layout`."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=works)},
                           catalog={"layout": "house"})
    add_layout(project, "house", layout)
    return project


def with_sequence(tmp_path: Path, sequence: str, works: int = 5, **artist: Any) -> Path:
    """One artist (classic layout) whose artist.yaml ends with `sequence`, written as text."""
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=works, **artist)})
    path = project / ARTIST
    path.write_text(path.read_text(encoding="utf-8") + sequence, encoding="utf-8")
    return project


# --- templates in a project layout ---------------------------------------------------------------------

@pytest.mark.parametrize(("frames", "bad", "message", "hint"), [
    pytest.param("      - {image: 1, cell: [1, 1, 7, 8]}\n", "cell: [1, 1, 7, 8]",
                 "a frame of template 'house' reaches past the grid: cell [1, 1, 7, 8] on a grid of 6 columns and "
                 "8 rows", "keep column + columns - 1 within 6 and row + rows - 1 within 8", id="past-the-grid"),
    pytest.param("      - {image: 1, cell: [1, 1, 3, 8]}\n      - {image: 2, cell: [4, 6, 3, 4]}\n",
                 "[4, 6, 3, 4]", "a frame of template 'house' reaches past the grid: cell [4, 6, 3, 4]",
                 "keep column + columns - 1 within 6 and row + rows - 1 within 8", id="past-the-grid-down"),
    pytest.param("      - {image: 1, cell: [1, 1, 6, 7]}\n      - {cell: [1, 8, 6, 1]}\n", "[1, 8, 6, 1]",
                 "a frame of template 'house' must say either 'image: n' or 'caption: n'",
                 "e.g. '{image: 1, cell: [1, 1, 6, 8]}'", id="neither-image-nor-caption"),
    pytest.param("      - {image: 1, cell: [1, 1, 3, 8]}\n      - {image: 3, cell: [4, 1, 3, 8]}\n", "house:",
                 "template 'house' shows image 3 but no image 2", "number the image frames 1, 2, 3 ... without a gap",
                 id="image-numbers-with-a-gap"),
    pytest.param("      - {image: 1, cell: [1, 1, 6, 7]}\n      - {caption: 2, cell: [1, 8, 6, 1]}\n", "caption: 2",
                 "template 'house' has a caption frame for work 2, which it shows no image of",
                 "caption frames name a work from 1 to 1", id="caption-of-a-work-not-shown"),
    pytest.param("      - {image: 1, page: 2}\n", "page: 2",
                 "a frame of template 'house' is on page 2 of a one-page template",
                 "add 'pages: 2' to the template, or remove 'page'", id="page-2-of-one"),
    pytest.param("      - {image: 1, area: spread}\n", "area: spread",
                 "a frame of template 'house' spans a spread in a one-page template",
                 "add 'pages: 2' to the template", id="spread-in-one-page"),
])
def test_a_bad_template_names_its_line(tmp_path: Path, frames: str, bad: str, message: str, hint: str) -> None:
    project = house_project(tmp_path, "base: classic\ntemplates:\n  house:\n    frames:\n" + frames)
    line = line_of(project / "layouts/house.yaml", bad)
    error = refused(project)
    assert f"{Path('layouts', 'house.yaml')}:{line}: {message}" in error, error
    assert error.endswith(f"; {hint}"), error


# A layout with no base: everything a layout needs (from layouts/classic.yaml), and only the templates
# written below it, so that what the layout's own choices need is missing.
STANDALONE = """\
name: house
page:
  width: 210mm
  height: 270mm
  margins: {inside: 22mm, outside: 18mm, top: 22mm, bottom: 24mm}
  columns: 2
  gutter: 6mm
fonts:
  text: {regular: PTSerif-Regular.ttf, italic: PTSerif-Italic.ttf, bold: PTSerif-Bold.ttf,
         bold_italic: PTSerif-BoldItalic.ttf}
  caption: {regular: PTSans-Regular.ttf, italic: PTSans-Italic.ttf, bold: PTSans-Bold.ttf,
            bold_italic: PTSans-BoldItalic.ttf}
colours: {muted: "#6b6b6b", accent: "#9a4a24", cover: "#22303a", cover_text: "#f4efe6"}
styles:
  body: {font: text, size: 9.5pt, leading: 13.5pt}
  statement: {font: text, weight: italic, size: 10.5pt, leading: 15pt}
  heading: {font: text, size: 22pt, leading: 26pt}
  subheading: {font: caption, weight: bold, size: 7.5pt, leading: 11pt, colour: accent}
  author: {font: caption, size: 9pt, leading: 12pt, colour: muted}
  cover_title: {font: text, size: 40pt, leading: 44pt, colour: cover_text}
  cover_subtitle: {font: text, weight: italic, size: 15pt, leading: 19pt, colour: cover_text}
  cover_meta: {font: caption, size: 9pt, leading: 13pt, colour: cover_text}
  opener_name: {font: text, size: 34pt, leading: 38pt}
  opener_native: {font: text, weight: italic, size: 17pt, leading: 22pt, colour: muted}
  opener_meta: {font: caption, size: 8.5pt, leading: 12pt, colour: muted}
  caption_title: {font: caption, weight: italic, size: 8.5pt, leading: 11.5pt}
  caption: {font: caption, size: 8pt, leading: 11pt, colour: muted}
  list: {font: caption, size: 8pt, leading: 11pt}
  toc: {font: text, size: 11pt, leading: 15pt}
  running_head: {font: caption, size: 7pt, leading: 9pt, colour: muted}
  folio: {font: caption, size: 8pt, leading: 10pt}
  colophon: {font: caption, size: 7.5pt, leading: 10.5pt}
  back_cover: {font: caption, size: 8.5pt, leading: 12pt, colour: cover_text}
"""
SINGLE_AND_BLEED = """\
  single:
    frames:
      - {image: 1}
  bleed:
    frames:
      - {image: 1, area: bleed}
"""
FACING = """\
  facing:
    pages: 2
    frames:
      - {caption: 1, page: 1, cell: [1, 1, 1, 1]}
      - {image: 1, page: 2, area: bleed}
"""


def test_the_standalone_layout_builds(tmp_path: Path) -> None:
    """The layout the two tests below break, whole: it builds, so what they see is their own change."""
    project = house_project(tmp_path, STANDALONE + "plates:\n  per_page: 2\ntemplates:\n" + SINGLE_AND_BLEED
                            + FACING + "  grid-2:\n    frames:\n      - {image: 1, cell: [1, 1, 1, 1]}\n"
                            "      - {image: 2, cell: [2, 1, 1, 1]}\n")
    code, output = run("build", str(project), "--quiet")
    assert code == 0, output
    assert list((project / "build").glob("*.pdf"))


def test_per_page_without_its_grid_names_the_per_page_line(tmp_path: Path) -> None:
    project = house_project(tmp_path, STANDALONE + "plates:\n  style: fit\n  per_page: 3\ntemplates:\n"
                            + SINGLE_AND_BLEED + FACING)
    line = line_of(project / "layouts/house.yaml", "per_page: 3")
    error = refused(project)
    assert f"house.yaml:{line}: the layout's plates names template 'grid-3', which the layout does not define" \
        in error, error


def test_a_facing_caption_without_the_facing_template_names_its_line(tmp_path: Path) -> None:
    project = house_project(tmp_path, STANDALONE + "plates:\n  style: fit\n  bleed_caption: facing\ntemplates:\n"
                            + SINGLE_AND_BLEED)
    line = line_of(project / "layouts/house.yaml", "bleed_caption: facing")
    error = refused(project)
    assert f"house.yaml:{line}: the layout's plates names template 'facing', which the layout does not define" \
        in error, error
    assert error.endswith("templates: bleed, single"), error


# --- sequences and crops in artist.yaml ---------------------------------------------------------------

@pytest.mark.parametrize(("sequence", "bad", "message"), [
    pytest.param("sequence:\n  - single: wrk-2\n", "wrk-2",
                 "the sequence names 'wrk-2', which is no work's image; did you mean 'work-2'?", id="close"),
    pytest.param("sequence:\n  - grid:\n      - work-1\n      - work-2\n      - wrok-3\n", "wrok-3",
                 "the sequence names 'wrok-3', which is no work's image; did you mean 'work-3'?",
                 id="close-on-its-own-line"),
    pytest.param("sequence:\n  - single: sunflower\n", "sunflower",
                 "the sequence names 'sunflower', which is no work's image; name a work by its image's file name "
                 "without the extension, or by its title", id="far"),
])
def test_a_sequence_naming_no_work(tmp_path: Path, sequence: str, bad: str, message: str) -> None:
    project = with_sequence(tmp_path, sequence)
    line = line_of(project / ARTIST, bad)
    assert f"artist.yaml:{line}: {message}" in refused(project)


def test_a_sequence_naming_a_work_twice_says_where_first(tmp_path: Path) -> None:
    """The second time by its title: a title and a file name are two names of one image."""
    project = with_sequence(tmp_path, "sequence:\n  - single: work-1\n  - pair: [work-2, Work 1]\n")
    first, second = line_of(project / ARTIST, "single: work-1"), line_of(project / ARTIST, "Work 1]")
    assert f"artist.yaml:{second}: the sequence names 'Work 1' twice (first on line {first}); show each image " \
        "once" in refused(project)


def test_a_sequence_grid_the_layout_lacks_names_the_entry(tmp_path: Path) -> None:
    project = with_sequence(tmp_path, "sequence:\n  - single: work-1\n"
                                      "  - grid: [work-2, work-3, work-4, work-5, work-6]\n", works=6)
    line = line_of(project / ARTIST, "grid:")
    error = refused(project)
    assert f"artist.yaml:{line}: the sequence asks for a grid of 5 works; the layout has no template 'grid-5'; " \
        "grids hold 2, 3, 4, 6" in error, error


def test_a_sequence_grid_hint_lists_only_grid_sizes(tmp_path: Path) -> None:
    project = with_sequence(tmp_path, "sequence:\n  - grid: [work-1, work-2, work-3, work-4, work-5]\n")
    assert refused(project).endswith("; grids hold 2, 3, 4, 6 works in this layout")


def test_a_sequence_naming_an_unknown_template(tmp_path: Path) -> None:
    project = with_sequence(tmp_path, "sequence:\n  - pair: [work-1, work-2]\n  - sprad: work-3\n")
    line = line_of(project / ARTIST, "sprad")
    assert f"artist.yaml:{line}: the sequence names template 'sprad', which the layout does not define; did you " \
        "mean 'spread'?" in refused(project)


def test_a_sequence_naming_more_works_than_the_template_shows(tmp_path: Path) -> None:
    project = with_sequence(tmp_path, "sequence:\n  - pair: [work-1, work-2, work-3]\n")
    line = line_of(project / ARTIST, "pair:")
    assert f"artist.yaml:{line}: 'pair' shows 2 works; the sequence names 3; name 2, or choose another " \
        "arrangement" in refused(project)


def test_a_crop_with_left_after_right(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=3)
    data["works"][1]["crop"] = "70% 10% 20% 60%"
    project = make_project(tmp_path / "p", {"anna-test": data})
    line = line_of(project / ARTIST, "crop:")
    error = refused(project)
    assert f"artist.yaml:{line}: the crop '70% 10% 20% 60%' is not a part of the image; " in error, error
    assert "left before right" in error


# --- a template of the project's own ------------------------------------------------------------------

TRIPTYCH = """\
base: classic
templates:
  triptych:                 # three works side by side in the second to fifth rows, captions below
    frames:
      - {image: 1, cell: [1, 2, 2, 4]}
      - {image: 2, cell: [3, 2, 2, 4]}
      - {image: 3, cell: [5, 2, 2, 4]}
"""


def _cell(page: Page, column: int) -> Rect:
    """The cell [column, 2, 2, 4] of classic's 6 x 8 grid on this page, worked out from the layout's
    numbers (210 x 270 mm; margins inside 22, outside 18, top 22, bottom 24; gutters 6 and 4 mm)."""
    left = mm(18) if page.number % 2 == 0 else mm(22)
    width, height = (mm(170) - 5 * mm(6)) / 6, (mm(224) - 7 * mm(4)) / 8
    top = mm(270 - 22) - (height + mm(4))
    return Rect(left + (column - 1) * (width + mm(6)), top - (4 * height + 3 * mm(4)), 2 * width + mm(6),
                4 * height + 3 * mm(4))


def test_a_template_in_yaml_places_three_works_in_a_row(tmp_path: Path) -> None:
    data = artist_data("Anna Test", works=3)
    for work, stem in zip(data["works"], "abc", strict=True):
        work["image"] = f"images/{stem}.jpg"
        work["title"] = f"Panel {stem.upper()}"
    project = make_project(tmp_path / "p", {"anna-test": data}, catalog={"layout": "house"})
    add_layout(project, "house", TRIPTYCH)
    path = project / ARTIST
    path.write_text(path.read_text(encoding="utf-8") + "sequence:\n  - triptych: [a, b, c]\n", encoding="utf-8")
    result = build(project, BuildOptions(out=tmp_path / "out" / "house.pdf"))
    assert not result.errors, result.findings

    assert result.planned is not None
    pages = [page for page in result.planned.plan.pages
             if page.kind == "plate" and any(image.path.stem in ("a", "b", "c") for image in page.images)]
    assert len(pages) == 1, [(page.number, page.kind) for page in pages]  # all three on one page
    page = pages[0]
    images = sorted(page.images, key=lambda image: image.clip.x)
    assert [image.path.stem for image in images] == ["a", "b", "c"]  # in the sequence's order, left to right

    drawn = sorted((p for p in placements(result.pdf) if p.page == page.number), key=lambda p: p.rect[0])
    assert len(drawn) == 3  # exactly these three images on the PDF page
    for image, placed in zip(images, drawn, strict=True):
        rect = image.rect
        assert placed.rect == pytest.approx((rect.x, rect.y, rect.right, rect.top), abs=0.5)

    for column, image in zip((1, 3, 5), images, strict=True):
        cell = _cell(page, column)
        shown = image.clip
        assert cell.x - 0.5 <= shown.x and shown.right <= cell.right + 0.5, (column, shown, cell)
        assert cell.y - 0.5 <= shown.y and shown.top <= cell.top + 0.5, (column, shown, cell)
        assert shown.top == pytest.approx(cell.top, abs=0.5)  # hung from the top of its cell
    assert max(i.clip.top for i in images) - min(i.clip.top for i in images) <= 0.5
    assert all(a.clip.right < b.clip.x for a, b in itertools.pairwise(images))

    lines = [item for item in page.items if isinstance(item, TextLine)]
    for column, image, stem in zip((1, 3, 5), images, "abc", strict=True):
        title = _line_with(lines, f"Panel {stem.upper()}")
        cell = _cell(page, column)
        assert cell.x - 0.5 <= title.x < cell.right, (stem, title.x, cell)
        assert title.y < image.clip.y - mm(4), (stem, title.y, image.clip.y)  # below its own image, past the gap
        assert title.y > cell.y - 0.5, (stem, title.y, cell)  # within its cell


def _line_with(lines: list[TextLine], text: str) -> TextLine:
    found = [line for line in lines if text in line.text]
    assert len(found) == 1, (text, [line.text for line in lines])
    return found[0]

