"""Plates as a book designer checks them, read back from the built PDF: facing plates share a hang line,
a spread's halves meet at the spine, a grid holds its works each over its own caption, a detail shows
the part of the image asked for, and a numbered plate list agrees with the numbers on the plates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from catalog.builder import BuildOptions, BuildResult, build
from tests.support import REPO
from tests.support.pdfcheck import Placement, page_texts, placements
from tests.support.projects import add_layout, make_project, write_image

TOLERANCE = 0.5  # points: what the issue allows between lines that should be one

# Each work has its own pixel size, so a placement in the PDF says which work it is.
WORKS: list[dict[str, Any]] = [
    {"image": "images/upright-a.jpg", "title": "Upright A", "year": 2001, "size": (400, 520)},
    {"image": "images/wide-b.jpg", "title": "Wide B", "year": 2002, "size": (600, 400)},
    {"image": "images/panorama.jpg", "title": "Panorama", "year": 2003, "size": (1200, 400), "focus": "48%"},
    {"image": "images/grid-one.jpg", "title": "Grid One", "year": 2004, "size": (300, 380)},
    {"image": "images/grid-two.jpg", "title": "Grid Two", "year": 2005, "size": (380, 300)},
    {"image": "images/grid-three.jpg", "title": "Grid Three", "year": 2006, "size": (320, 320)},
    {"image": "images/grid-four.jpg", "title": "Grid Four", "year": 2007, "size": (330, 410)},
    {"image": "images/detail.jpg", "title": "Detail Work", "year": 2008, "size": (1000, 800),
     "crop": "20% 10% 70% 60%"},
    {"image": "images/single-c.jpg", "title": "Single C", "year": 2009, "size": (420, 560)},
    {"image": "images/single-d.jpg", "title": "Single D", "year": 2010, "size": (640, 430)},
    {"image": "images/single-e.jpg", "title": "Single E", "year": 2011, "size": (450, 450)},
]
SEQUENCE = [{"pair": ["upright-a", "wide-b"]}, {"spread": "panorama"},
            {"grid": ["grid-one", "grid-two", "grid-three", "grid-four"]}]


def project(root: Path, layout: str = "classic") -> Path:
    folder = root / "content" / "artists" / "rosa-test"
    works = []
    for work in WORKS:
        write_image(folder / work["image"], work["size"], colour=(60 + len(works) * 15, 120, 90))
        works.append({key: value for key, value in work.items() if key != "size"})
    artist = {"name": "Rosa Test", "born": {"year": 1970}, "bio": "Rosa Test photographs rooms. " * 20,
              "works": works, "sequence": SEQUENCE}
    return make_project(root, {"rosa-test": artist}, catalog={"layout": layout})


def by_size(found: list[Placement]) -> dict[tuple[int, int], list[Placement]]:
    out: dict[tuple[int, int], list[Placement]] = {}
    for placement in found:
        out.setdefault(placement.pixels, []).append(placement)
    return out


def pixels(title: str) -> tuple[int, int]:
    return next(work["size"] for work in WORKS if work["title"] == title)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = project(tmp_path_factory.mktemp("plates"))
    return build(root, BuildOptions(press="digital", cache=False, jobs=1))


def facing_singles(pdf: Path, width: float) -> list[tuple[Placement, Placement]]:
    """Every spread whose two pages each hold one image inside the trim (a single plate each)."""
    found = placements(pdf)
    pages: dict[int, list[Placement]] = {}
    for placement in found:
        pages.setdefault(placement.page, []).append(placement)

    def single(number: int) -> Placement | None:
        here = pages.get(number, [])
        if len(here) != 1:
            return None
        left, bottom, right, _ = here[0].shown
        return here[0] if left >= 0 and right <= width and bottom >= 0 else None

    spreads = []
    for verso in range(2, max(pages, default=0) + 1, 2):
        a, b = single(verso), single(verso + 1)
        if a and b:
            spreads.append((a, b))
    return spreads


def test_facing_single_plates_share_the_image_top(built: BuildResult) -> None:
    spreads = facing_singles(built.pdf, built.planned.plan.width)
    assert spreads, "the fixture has facing single plates (the pair, and singles C | D)"
    for verso, recto in spreads:
        assert verso.shown[3] == pytest.approx(recto.shown[3], abs=TOLERANCE), (verso.page, recto.page)


@pytest.mark.parametrize("layout", ["classic", "zine", "pocket", "riso"])
def test_every_spread_of_single_plates_in_the_example_shares_the_image_top(
        layout: str, tmp_path: Path) -> None:
    result = build(REPO, BuildOptions(layout=layout, press="digital", out=tmp_path / f"{layout}.pdf", jobs=1))
    spreads = facing_singles(result.pdf, result.planned.plan.width)
    assert spreads
    for verso, recto in spreads:
        assert verso.shown[3] == pytest.approx(recto.shown[3], abs=TOLERANCE), (layout, verso.page)


def test_facing_plates_can_share_the_caption_line_instead(tmp_path: Path) -> None:
    root = project(tmp_path)
    add_layout(root, "house", "base: classic\nname: house\nplates:\n  hang: caption\n")
    result = build(root, BuildOptions(layout="house", press="digital", cache=False, jobs=1))
    spreads = facing_singles(result.pdf, result.planned.plan.width)
    assert spreads
    doc = pdfium.PdfDocument(str(result.pdf))
    try:
        for verso, recto in spreads:
            lines = []
            for placement in (verso, recto):
                page = doc[placement.page - 1]
                _, y0, _, _ = page.get_trimbox()
                text = page.get_textpage()
                under = [text.get_charbox(i, loose=True)[1] - y0 for i in range(text.count_chars())
                         if text.get_text_range(i, 1).strip()
                         and text.get_charbox(i, loose=True)[3] - y0 <= placement.shown[1] + TOLERANCE]
                lines.append(max(under))  # the first caption line under the image
            assert lines[0] == pytest.approx(lines[1], abs=TOLERANCE), (verso.page, recto.page)
            assert verso.shown[1] == pytest.approx(recto.shown[1], abs=TOLERANCE)  # images stand on one line
    finally:
        doc.close()


def test_a_spread_image_meets_itself_at_the_spine(built: BuildResult) -> None:
    width = built.planned.plan.width
    halves = by_size(placements(built.pdf))[pixels("Panorama")]
    assert [h.page % 2 for h in halves] == [0, 1] and halves[1].page == halves[0].page + 1
    verso, recto = halves
    assert verso.clip is not None and recto.clip is not None
    assert verso.shown[2] == pytest.approx(width, abs=0.01) and recto.shown[0] == pytest.approx(0.0, abs=0.01)
    # The same image, one page width to the left on the right-hand page: where the left half stops
    # (the spine) is where the right half starts, in the image's own pixels. No gap, nothing twice.
    assert recto.rect[0] == pytest.approx(verso.rect[0] - width, abs=0.01)
    assert recto.rect[2] - recto.rect[0] == pytest.approx(verso.rect[2] - verso.rect[0], abs=0.01)
    span = verso.rect[2] - verso.rect[0]
    stop = (verso.shown[2] - verso.rect[0]) / span
    start = (recto.shown[0] - recto.rect[0]) / span
    assert stop == pytest.approx(start, abs=1e-6)
    assert verso.shown[1] == pytest.approx(recto.shown[1], abs=0.01)
    assert verso.shown[3] == pytest.approx(recto.shown[3], abs=0.01)


def test_a_grid_page_holds_each_work_over_its_own_caption(built: BuildResult) -> None:
    found = placements(built.pdf)
    titles = ["Grid One", "Grid Two", "Grid Three", "Grid Four"]
    placed = [by_size(found)[pixels(title)][0] for title in titles]
    assert len({p.page for p in placed}) == 1
    page = placed[0].page
    assert len([p for p in found if p.page == page]) == 4
    boxes = [p.shown for p in placed]
    for index, a in enumerate(boxes):  # four cells: no image overlaps another
        for b in boxes[index + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    assert boxes[0][3] == pytest.approx(boxes[1][3], abs=TOLERANCE)  # a row hangs from one line
    assert boxes[2][3] == pytest.approx(boxes[3][3], abs=TOLERANCE)
    doc = pdfium.PdfDocument(str(built.pdf))
    try:
        pdf_page = doc[page - 1]
        x0, y0, _, _ = pdf_page.get_trimbox()
        text = pdf_page.get_textpage()
        for title, (left, bottom, right, _) in zip(titles, boxes, strict=True):
            under = text.get_text_bounded(x0 + left - 1, y0 + bottom - 40, x0 + right + 40, y0 + bottom)
            assert title in under.replace("\r\n", " ").replace("\n", " "), (title, under)
            assert not any(other in under for other in titles if other != title), (title, under)
    finally:
        doc.close()


def test_a_detail_shows_the_part_of_the_image_asked_for(built: BuildResult) -> None:
    (placement,) = by_size(placements(built.pdf))[pixels("Detail Work")]
    left, bottom, right, top = placement.rect
    shown = placement.shown
    width, height = placement.pixels
    box = ((shown[0] - left) / (right - left) * width, (top - shown[3]) / (top - bottom) * height,
           (shown[2] - left) / (right - left) * width, (top - shown[1]) / (top - bottom) * height)
    asked = (0.2 * width, 0.1 * height, 0.7 * width, 0.6 * height)
    assert box == pytest.approx(asked, abs=1.0)  # within a pixel
    assert "Detail Work, 2008 (detail)" in page_texts(built.pdf)[placement.page - 1]


def test_the_plate_list_numbers_match_the_plates(tmp_path: Path) -> None:
    root = project(tmp_path)
    add_layout(root, "numbered", "base: classic\nname: numbered\nplates:\n  captions: list\n")
    result = build(root, BuildOptions(layout="numbered", press="digital", cache=False, jobs=1))
    texts = page_texts(result.pdf)
    found = by_size(placements(result.pdf))
    works_page = next(text for text in texts if "List of works" in text and "Upright A" in text)
    listed = " ".join(works_page.split())
    doc = pdfium.PdfDocument(str(result.pdf))
    numbers: dict[str, int] = {}
    try:
        for work in WORKS:
            under = ""
            for first in found[work["size"]]:  # a spread's number is under one of its halves
                left, bottom, right, _ = first.shown
                page = doc[first.page - 1]
                x0, y0, _, _ = page.get_trimbox()
                width, height = result.planned.plan.width, result.planned.plan.height
                region = (x0 + max(left, 0) - 1, y0 + bottom - 30, x0 + min(right, width), y0 + bottom)
                if bottom < 0 and len(found[work["size"]]) == 1:
                    # a plate to the bleed: its number is low on the facing page
                    page = doc[first.page if first.page % 2 == 0 else first.page - 2]
                    region = (x0, y0, x0 + width, y0 + height * 0.25)
                under += page.get_textpage().get_text_bounded(*region)
            number = [token for token in under.split() if token.isdigit()]
            assert number, (work["title"], under)
            numbers[work["title"]] = int(number[0])
            assert work["title"] not in texts[first.page - 1] + under  # the plate carries its number only
            assert f"{number[0]} {work['title']}" in listed, (work["title"], number)
    finally:
        doc.close()
    assert sorted(numbers.values()) == list(range(1, len(WORKS) + 1))


def test_a_view_is_a_plate_of_its_own_captioned_with_its_kind(tmp_path: Path) -> None:
    images = tmp_path / "p" / "content" / "artists" / "anna-test" / "images"
    for name, size in (("room-installation.jpg", (600, 400)), ("room-corner.jpg", (500, 500))):
        write_image(images / name, size)
    root = make_project(tmp_path / "p", {"anna-test": {
        "name": "Anna Test", "works": [
            {"image": "images/room.jpg", "title": "The Room", "year": 2020,
             "views": [{"image": "images/room-installation.jpg", "kind": "installation"},
                       {"image": "images/room-corner.jpg", "kind": "detail", "crop": "0% 0% 50% 50%"}]},
            {"image": "images/other.jpg", "title": "Other", "year": 2021}]}})
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    assert result.warnings == () or all(p.code == "low-ppi" for p in result.warnings)
    pages = page_texts(result.pdf)
    text = " ".join(" ".join(pages).split())
    assert "The Room, 2020 (installation view)" in text and "The Room, 2020 (detail)" in text
    assert len(placements(result.pdf)) == 4  # the work, its two views, the other work: each once
    works = [page.number for page in result.planned.plan.pages if page.kind == "works"]
    listed = " ".join(" ".join(pages[number - 1] for number in works).split())  # the list of works, to its end
    assert listed.startswith("List of works") and "Other" in listed
    assert listed.count("The Room") == 1  # the list names the work once, at its first plate


def test_outer_captions_stand_beside_the_image_on_the_fore_edge_side(tmp_path: Path) -> None:
    root = project(tmp_path)
    add_layout(root, "house", "base: classic\nname: house\nplates:\n  captions: outer\n")
    plan = build(root, BuildOptions(layout="house", press="digital", cache=False, jobs=1)).planned.plan
    checked = 0
    for page in plan.pages:
        images = page.images
        titles = [item for item in page.items if getattr(item, "style", "") == "caption_title"]
        if page.kind != "plate" or len(images) != 1 or len(titles) != 1 or images[0].clip != images[0].rect:
            continue  # a grid, a spread's half, a plate to the bleed or a detail: not the single plate looked at
        image, title = images[0].clip, titles[0]
        if page.recto:
            assert title.x >= image.right, page.number  # the outer side of a right-hand page: its right
        else:
            assert title.x < image.x, page.number
        assert image.y <= title.y <= image.top  # beside the image, not under it
        checked += 1
    assert checked >= 2
