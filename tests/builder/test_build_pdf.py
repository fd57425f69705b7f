"""The real artefact: the example catalog built from the repository, opened and checked."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml

from catalog.builder import BuildOptions, BuildResult, build
from catalog.content.typography import polish
from catalog.units import mm
from tests.support import REPO
from tests.support.pdfcheck import PlacedImage, boxes, fonts, images, numbers_before, page_texts, render
from tests.support.projects import artist_data, write_image, write_yaml

KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"


def example_works() -> list[dict[str, Any]]:
    works: list[dict[str, Any]] = []
    for slug in yaml.safe_load((REPO / "catalog.yaml").read_text(encoding="utf-8"))["artists"]:
        data = yaml.safe_load((REPO / "content/artists" / slug / "artist.yaml").read_text(encoding="utf-8"))
        # Titles as printed: with the catalog language's typographic marks (A Shepherd’s Family).
        works.extend({**work, "title": polish(work["title"], "en-GB"), "artist": data["name"]}
                     for work in data["works"])
    return works


@pytest.fixture(scope="module")
def texts(example: BuildResult) -> list[str]:
    return page_texts(example.pdf)


def close(a: list[float], b: list[float], tolerance: float = 0.01) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


ARTISTS = (("Bekzat Popov", "Бекзат Попов"), ("Kairat Ospanov", "Қайрат Оспанов"))


def full_bleed(img: PlacedImage, width: float, height: float, bleed: float = mm(3)) -> bool:
    """The image covers the page to the edge of the bleed on every side."""
    return (img.bounds[0] <= 0.01 and img.bounds[1] <= 0.01
            and img.bounds[2] >= width + 2 * bleed - 0.01 and img.bounds[3] >= height + 2 * bleed - 0.01)


@dataclass(frozen=True)
class Plate:
    """Where a work is shown, read from the PDF: the page of its caption, the page its image is on (the
    left-hand one of a spread it crosses), and how: fit (image and caption on one page), facing (the
    image to the bleed on a right-hand page, the caption opposite), opener (the image to the bleed on
    the left of the artist's opener spread, the caption at the foot of the opener) or spread (the image
    across the spine, the caption under its right half)."""

    caption: int
    image: int
    kind: str

    @property
    def pages(self) -> set[int]:
        """Its pages of kind "plate" (the opener page that carries a caption is the opener's)."""
        return {self.image} if self.kind in ("fit", "opener") else {self.caption, self.image}


def plates_of(texts: list[str], placed: list[PlacedImage], width: float, height: float,
              bleed: float = mm(3)) -> dict[str, Plate]:
    """Each work's plate. A caption is printed exactly once, its first lines the artist's name and 'Title,
    year'; a page with a work to the bleed, or the left half of a spread, prints no text at all (no caption,
    head or folio over a photograph); no page shows two works and no work is shown twice."""
    edge = width + 2 * bleed  # image bounds are measured from the bleed box's corner

    def large(number: int) -> list[PlacedImage]:
        return [img for img in placed if img.page == number
                and (min(img.bounds[2], edge) - max(img.bounds[0], 0.0)) * (img.bounds[3] - img.bounds[1])
                > 0.2 * width * height]

    found: dict[str, Plate] = {}
    for work in example_works():
        head = f"{work['artist']}\n{work['title']}, {work['year']}\n"
        pages = [n for n, text in enumerate(texts, start=1) if head in text]
        assert len(pages) == 1, (work["title"], pages)
        (caption,) = pages
        beside = large(caption)
        if beside and beside[0].bounds[0] < -0.01:  # the image comes across the spine from the left
            plate = Plate(caption, caption - 1, "spread")
            assert any(img.bounds[2] > edge for img in large(plate.image)), (work["title"], plate)
        elif beside:
            assert all(img.bounds[0] > 0.0 and img.bounds[2] < edge for img in beside), work["title"]
            plate = Plate(caption, caption, "fit")
        else:
            opener = "Born" in texts[caption - 1]
            plate = Plate(caption, caption - 1 if opener else caption + 1, "opener" if opener else "facing")
            assert any(img.page == plate.image and full_bleed(img, width, height, bleed) for img in placed), \
                (work["title"], plate)
        if plate.kind != "fit":
            assert plate.image % 2 == 0 if plate.kind != "facing" else plate.image % 2 == 1, (work["title"], plate)
            assert texts[plate.image - 1].strip() == "", (work["title"], plate)
        found[work["title"]] = plate
    images_at = [plate.image for plate in found.values()]
    assert len(set(images_at)) == len(images_at), found
    return found


def test_every_page_has_trim_and_bleed_boxes(example: BuildResult) -> None:
    width, height, bleed = mm(210), mm(270), mm(3)
    pages = boxes(example.pdf)
    assert len(pages) == example.pages
    for number, page in enumerate(pages, start=1):
        x, y = page["TrimBox"][:2]
        assert close(page["TrimBox"], [x, y, x + width, y + height]), number
        assert close(page["BleedBox"], [x - bleed, y - bleed, x + width + bleed, y + height + bleed]), number
        assert close(page["MediaBox"], page["BleedBox"]), number  # no marks for file delivery


def test_page_count_suits_the_binding(example: BuildResult) -> None:
    assert example.pages % 4 == 0


def test_pdf_structure_is_clean(example: BuildResult) -> None:
    with pikepdf.open(example.pdf) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.docinfo["/Title"]).startswith("Light of the Steppe")
        assert str(pdf.docinfo["/Author"])
        assert pdf.Root.Lang == "en-GB"  # the catalog's language, British English


def test_every_font_is_embedded_and_subset(example: BuildResult) -> None:
    used = fonts(example.pdf)
    assert used, "the catalog has text"
    for font in used:
        assert font["embedded"], font
        assert re.match(r"/[A-Z]{6}\+", str(font["name"])), font
    names = {str(font["name"]).split("+", 1)[-1] for font in used}
    assert {"PTSerif-Regular", "PTSerif-Italic", "PTSans-Regular"} <= names
    assert not any("Helvetica" in name for name in names)


def test_text_is_extractable_including_kazakh_letters(texts: list[str]) -> None:
    everything = "\n".join(texts)
    assert "Бекзат Попов" in everything
    assert "Қайрат Оспанов" in everything
    source = "".join(path.read_text(encoding="utf-8") for path in (REPO / "content").rglob("*.*")
                     if path.suffix in (".yaml", ".md"))
    used = set(KAZAKH) & set(source)
    assert len(used) >= 10  # the example really exercises the Kazakh letters
    assert used <= set(everything), sorted(used - set(everything))


def test_every_work_on_one_plate_with_its_caption(example: BuildResult, texts: list[str]) -> None:
    """Every work is shown once, with its full caption naming the artist; a full-bleed work faces its
    caption (never under it), as a `facing` plate or on its artist's opener spread."""
    works = example_works()
    plates = plates_of(texts, images(example.pdf), mm(210), mm(270))
    assert set(plates) == {work["title"] for work in works}
    for work in works:
        plate = plates[work["title"]]
        assert plate.kind in (("facing", "opener") if work.get("bleed") else ("fit",)), (work["title"], plate)
        for key in ("year", "medium", "dimensions", "edition"):
            assert str(work[key]) in texts[plate.caption - 1], (work["title"], key)
    openers = [title for title, plate in plates.items() if plate.kind == "opener"]
    assert len(openers) == len(ARTISTS)  # each artist opens with a work to the bleed, not repeated as a plate
    assert example.plates == len(set().union(*(plate.pages for plate in plates.values())))


def test_every_image_prints_at_300_ppi_or_more(example: BuildResult) -> None:
    placed = images(example.pdf)
    assert len(placed) >= len(example_works())
    low = [(img.page, round(img.ppi)) for img in placed if img.ppi < 299.5]
    assert low == []
    assert not [w for w in example.warnings if "ppi" in w.message]


def test_full_bleed_plates_reach_into_the_bleed(example: BuildResult) -> None:
    bleed_pages = {img.page for img in images(example.pdf)
                   if img.bounds[0] <= 0.01 and img.bounds[1] <= 0.01
                   and img.bounds[2] >= mm(216) - 0.01 and img.bounds[3] >= mm(276) - 0.01}
    expected = sum(1 for work in example_works() if work.get("bleed"))
    assert len(bleed_pages) == expected
    page = render(example.pdf, min(bleed_pages), scale=0.5)
    for corner in ((1, 1), (page.width - 2, 1), (1, page.height - 2), (page.width - 2, page.height - 2)):
        assert page.getpixel(corner) != (255, 255, 255), corner


def test_contents_page_numbers_are_where_things_are(texts: list[str], example: BuildResult) -> None:
    contents = next(text for text in texts if text.startswith("Contents"))
    bleed_pages = {img.page for img in images(example.pdf) if full_bleed(img, mm(210), mm(270))}
    for name, native in ARTISTS:
        (number,) = numbers_before(contents, name)
        # The artist opens on a spread: a work to the bleed on the left-hand page, the opener opposite.
        assert number % 2 == 0 and number in bleed_pages and texts[number - 1].strip() == "", (name, number)
        opener = texts[number]
        assert f"\n{name}\n{native}\n" in f"\n{opener}" and "Born" in opener, (name, number)
    for label, heading in (("Biography", "Biography"), ("Exhibitions", "Exhibitions")):
        found = [int(n) for n in re.findall(rf"{label} (\d+)", contents)]
        assert len(found) == 2
        for number in found:
            assert heading in texts[number - 1].split("\n")[:3], (label, number)
    (works_page,) = numbers_before(contents, "List of works")
    assert texts[works_page - 1].startswith("List of works")
    # classic has no colophon: its lines (the ISBN among them) are on the imprint, the back of the title
    # page just before the contents, which lists nothing that comes before it.
    contents_page = texts.index(contents) + 1
    assert "Colophon" not in contents
    assert min(int(n) for n in re.findall(r"^(\d+) ", contents, re.MULTILINE)) > contents_page
    assert "ISBN" in texts[contents_page - 2]


def test_list_of_works_points_at_each_plate(texts: list[str], example: BuildResult) -> None:
    """At the page where the work's image is: for a full-bleed work, the page of the photograph, not
    the page of its caption opposite."""
    listing = "\n".join(text for text in texts if text.startswith("List of works"))
    plates = plates_of(texts, images(example.pdf), mm(210), mm(270))
    for work in example_works():
        head = " ".join(work["title"].split()[:2])
        match = re.search(rf"(\d+)\s+{re.escape(head)}", listing)
        assert match, work["title"]
        assert int(match.group(1)) == plates[work["title"]].image, (work["title"], match.group(1))


def test_folios_match_physical_pages_and_skip_bleed_plates(texts: list[str], example: BuildResult) -> None:
    bleed_pages = {img.page for img in images(example.pdf) if img.bounds[0] <= 0.01}
    checked = 0
    for number, text in enumerate(texts, start=1):
        foot = text.strip().split("\n")[-1] if text.strip() else ""
        has_folio = re.fullmatch(r"\d{1,3}|(\d+)\s+.+|.+\s+(\d+)", foot)  # alone: a page opening with its heading
        if number in bleed_pages or number == 1 or number == len(texts):
            assert not (has_folio and str(number) in foot.split()), number
            continue
        if has_folio:
            assert str(number) in foot.split(), (number, foot)
            checked += 1
    assert checked >= example.pages // 2


def test_bookmarks_per_artist(example: BuildResult, texts: list[str]) -> None:
    """One bookmark per artist, at the artist's opener spread, holding the artist's sections."""
    contents = next(text for text in texts if text.startswith("Contents"))
    with pikepdf.open(example.pdf) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        for name, _ in ARTISTS:
            assert titles.count(name) == 1, titles
            artist = next(item for item in outline.root if item.title == name)
            assert [child.title for child in artist.children] == ["Biography", "Plates", "Exhibitions"]
            (first,) = numbers_before(contents, name)
            destination = artist.destination
            assert isinstance(destination, pikepdf.Array), name
            assert pdf.pages.index(pikepdf.Page(destination[0])) + 1 in (first, first + 1), name  # the opener spread


def test_exhibitions_are_listed_newest_first(texts: list[str]) -> None:
    page = next(t for t in texts if t.startswith("BEKZAT POPOV\nExhibitions"))
    solo = page.split("SOLO EXHIBITIONS", 1)[1].split("GROUP EXHIBITIONS", 1)[0]
    years = [int(y) for y in re.findall(r"^(\d{4})\b", solo, flags=re.M)]
    assert years and years == sorted(years, reverse=True)


def test_same_inputs_give_the_same_bytes(example: BuildResult, tmp_path: Path) -> None:
    again = build(REPO, BuildOptions(out=tmp_path / "again.pdf"))
    assert again.pdf.read_bytes() == example.pdf.read_bytes()


def test_crop_marks_enlarge_the_media_box_only(tmp_path: Path) -> None:
    result = build(REPO, BuildOptions(out=tmp_path / "marks.pdf", marks=True))
    first = boxes(result.pdf)[0]
    trim, bleed, media = first["TrimBox"], first["BleedBox"], first["MediaBox"]
    assert close([trim[2] - trim[0], trim[3] - trim[1]], [mm(210), mm(270)])
    assert media[2] - media[0] > bleed[2] - bleed[0] + 2 * (mm(3) + mm(5))  # clearance and marks
    scale = 4.0
    image = render(result.pdf, 3, scale=scale, whole=True).convert("L")
    # A mark: dark pixels above the top-left corner, in line with the trim edge, outside the bleed.
    x = round(trim[0] * scale)
    above_bleed = round((media[3] - bleed[3]) * scale)
    column = [min(image.getpixel((x + dx, y)) for dx in (-1, 0, 1)) for y in range(above_bleed - 1)]
    assert min(column) < 128
    # ...and nothing printed inside the bleed there: the page's paper is white at that corner.
    inside = image.getpixel((round((bleed[0] + 1) * scale), above_bleed + 2))
    assert inside > 240


def test_zine_layout_rebuilds_the_same_content_at_a5(tmp_path: Path, example: BuildResult) -> None:
    zine = build(REPO, BuildOptions(layout="zine", out=tmp_path / "zine.pdf"))
    first = boxes(zine.pdf)[0]
    assert close([first["TrimBox"][2] - first["TrimBox"][0], first["TrimBox"][3] - first["TrimBox"][1]],
                 [mm(148), mm(210)])
    assert zine.pages % 4 == 0
    texts = page_texts(zine.pdf)
    plates = plates_of(texts, images(zine.pdf), mm(148), mm(210))  # every work, once, with its caption
    assert set(plates) == {work["title"] for work in example_works()}
    assert zine.plates == len(set().union(*(plate.pages for plate in plates.values())))
    listing = "\n".join(text for text in texts if text.startswith("List of works"))
    for title, plate in plates.items():
        assert plate.image in numbers_before(listing, " ".join(title.split()[:2])), (title, plate)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (pikepdf's check still runs)")
def test_qpdf_check_finds_no_errors(example: BuildResult) -> None:
    done = subprocess.run(["qpdf", "--check", str(example.pdf)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


@pytest.mark.slow
def test_a_third_artist_is_one_folder_and_one_line(tmp_path: Path, example: BuildResult) -> None:
    project = tmp_path / "example"
    shutil.copytree(REPO / "content", project / "content")
    catalog = (REPO / "catalog.yaml").read_text(encoding="utf-8")
    line = "artists: [bekzat-popov, kairat-ospanov]"
    assert line in catalog
    (project / "catalog.yaml").write_text(
        catalog.replace(line, "artists: [bekzat-popov, kairat-ospanov, aliya-nurlanqyzy]"), encoding="utf-8")
    folder = project / "content/artists/aliya-nurlanqyzy"
    write_yaml(folder / "artist.yaml", artist_data("Aliya Nurlanqyzy", works=2))
    for index in (1, 2):
        write_image(folder / f"images/work-{index}.jpg", (2400, 1600))

    result = build(project, BuildOptions(out=tmp_path / "three.pdf"))
    assert result.plates == example.plates + 2
    texts = page_texts(result.pdf)
    contents = next(text for text in texts if text.startswith("Contents"))
    (opener,) = numbers_before(contents, "Aliya Nurlanqyzy")
    assert texts[opener - 1].startswith("Aliya Nurlanqyzy")
    with pikepdf.open(result.pdf) as pdf, pdf.open_outline() as outline:
        assert "Aliya Nurlanqyzy" in [item.title for item in outline.root]
    listing = "\n".join(text for text in texts if text.startswith("List of works"))
    assert "Work 2" in listing
