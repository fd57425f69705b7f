"""Bound books as the printer receives them: the pages in <name>-interior.pdf without covers, and one
cover sheet in <name>-cover.pdf whose TrimBox is back + spine + front (+ flaps, or a case's turn-ins and
hinges), its BleedBox the press's bleed beyond, the spine computed from the page count and the paper."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp

from catalog.builder import BuildOptions, BuildResult, build, check
from catalog.errors import CatalogError
from catalog.plan.pages import TextLine
from catalog.prepress.marks import surround
from catalog.resources import builtin_dir
from catalog.units import inch, mm, to_mm
from tests.support import REPO
from tests.support.cli import run
from tests.support.pdfcheck import boxes, fonts, page_texts
from tests.support.projects import add_press, artist_data, make_project

TRIM = (mm(210), mm(270))  # classic's page
CALIPER, COVER, BOARD = 0.2, 0.3, 2.5  # mm
PAPER = {"caliper": f"{CALIPER}mm", "cover_caliper": f"{COVER}mm", "board": f"{BOARD}mm"}
ISBN = "978-601-7891-24-4"


def bound(root: Path, binding: str | dict, works: int = 2, press: str = "offset", **catalog: object) -> BuildResult:
    artists = {"anna-test": artist_data("Anna Test", works=works)}
    make_project(root, artists, catalog={"binding": binding, "paper": PAPER, "publisher": "Steppe Press, Almaty",
                                         "colophon": {"isbn": ISBN}, "press": press, **catalog})
    return build(root, BuildOptions(cache=False, jobs=1))  # the catalog's own press: build/<slug>...pdf


def box_mm(box: list[float]) -> tuple[float, float]:
    return to_mm(box[2] - box[0]), to_mm(box[3] - box[1])


def spine_of(result: BuildResult, boards: bool = False) -> float:
    """In mm: the leaves times the caliper, the cover stock round both sides, the boards of a case."""
    leaves = math.ceil(result.pages / 2)
    return leaves * CALIPER + 2 * COVER + (2 * BOARD if boards else 0.0)


# --- the two files ---------------------------------------------------------------------------

@pytest.mark.parametrize("press,bleed", [("offset", 3.0), ("digital", 3.175)])
def test_perfect_bound_cover_is_back_spine_front_with_bleed(tmp_path: Path, press: str, bleed: float) -> None:
    result = bound(tmp_path / "p", "perfect", press=press)
    assert result.pdf.name == "test-catalog-interior.pdf" and result.cover is not None
    assert result.cover.name == "test-catalog-cover.pdf"
    [sheet] = boxes(result.cover)
    width, height = box_mm(sheet["TrimBox"])
    assert width == pytest.approx(2 * 210 + spine_of(result), abs=0.1)
    assert height == pytest.approx(270, abs=0.1)
    outer, trim = sheet["BleedBox"], sheet["TrimBox"]
    beyond = [trim[0] - outer[0], trim[1] - outer[1], outer[2] - trim[2], outer[3] - trim[3]]
    assert [to_mm(gap) for gap in beyond] == pytest.approx([bleed] * 4, abs=0.01)
    assert all(font["embedded"] for font in fonts(result.cover))


def test_a_printer_asking_more_bleed_on_the_cover_gets_it(tmp_path: Path) -> None:
    """Bookpress: 3 mm bleed on the pages, 5 mm on the cover, no marks on either."""
    root = tmp_path / "p"
    make_project(root, catalog={"paper": {"caliper": "0.1mm"}})
    result = build(root, BuildOptions(press="bookpress", cache=False, jobs=1))
    assert result.binding == "perfect" and result.cover is not None
    for pdf, bleed in ((result.pdf, 3.0), (result.cover, 5.0)):
        for page in boxes(pdf):
            assert to_mm(page["TrimBox"][0] - page["BleedBox"][0]) == pytest.approx(bleed, abs=0.01)
            assert page["MediaBox"] == page["BleedBox"]


def test_casewrap_adds_turn_ins_hinges_and_boards(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", {"kind": "casewrap", "turn_in": "18mm", "hinge": "8mm"})
    [sheet] = boxes(result.cover)  # type: ignore[arg-type]
    width, height = box_mm(sheet["TrimBox"])
    assert width == pytest.approx(2 * 210 + spine_of(result, boards=True) + 2 * 8 + 2 * 18, abs=0.1)
    assert height == pytest.approx(270 + 2 * 18, abs=0.1)
    assert box_mm(sheet["BleedBox"]) == pytest.approx((width + 6, height + 6), abs=0.01)


def test_jacket_adds_a_flap_each_side(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", {"kind": "jacket", "flap": "85mm"}, blurb="A short text about the book.")
    [sheet] = boxes(result.cover)  # type: ignore[arg-type]
    assert box_mm(sheet["TrimBox"]) == pytest.approx((2 * 210 + spine_of(result, boards=True) + 2 * 85, 270), abs=0.1)
    cover = result.planned.cover  # type: ignore[union-attr]
    flap_lines = [line for line in cover.pages[0].items if isinstance(line, TextLine) and line.style == "blurb"]
    assert flap_lines and all(line.x > cover.width - mm(85) for line in flap_lines)  # on the front flap
    assert "A short text" in page_texts(result.cover)[0]  # type: ignore[arg-type]


@pytest.mark.parametrize("works", [2, 9, 20])
def test_the_spine_follows_the_page_count(tmp_path: Path, works: int) -> None:
    result = bound(tmp_path / "p", "perfect", works=works)
    [sheet] = boxes(result.cover)  # type: ignore[arg-type]
    spine = box_mm(sheet["TrimBox"])[0] - 2 * 210
    assert spine == pytest.approx(spine_of(result), abs=0.1)
    note = next(f for f in result.findings if f.code == "spine")
    assert f"spine {spine:.2f} mm ({math.ceil(result.pages / 2)} leaves × 0.2 mm + 2 × 0.3 mm cover" in note.message


def test_the_interior_has_no_covers_and_the_right_page_count(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", "perfect", works=5)
    plan = result.planned.plan  # type: ignore[union-attr]
    kinds = [page.kind for page in plan.pages]
    assert "cover" not in kinds and "back_cover" not in kinds and kinds[0] == "half_title"
    with pikepdf.open(result.pdf) as pdf:
        assert len(pdf.pages) == result.pages == len(kinds) and result.pages % 4 == 0  # classic's fours
    assert "ISBN 978-601-7891-24-4" in page_texts(result.cover)[0]  # type: ignore[arg-type]
    names = {path.name for path in result.files}
    assert names == {"test-catalog-interior.pdf", "test-catalog-cover.pdf", "test-catalog.preflight.json",
                     "test-catalog.manifest.json"}
    listed = json.loads(result.manifest.read_text())  # type: ignore[union-attr]
    assert {"test-catalog-interior.pdf", "test-catalog-cover.pdf"} <= set(json.dumps(listed["outputs"]).split('"'))


def test_the_cover_sheet_barcode_scans(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", "perfect", colophon={"isbn": ISBN, "price_code": "52499"})
    doc = pdfium.PdfDocument(str(result.cover))
    try:
        image = doc[0].render(scale=600 / 72).to_pil()
    finally:
        doc.close()
    found = zxingcpp.read_barcodes(image, ean_add_on_symbol=zxingcpp.EanAddOnSymbol.Require)
    assert [(code.text.replace(" ", ""), code.format) for code in found] == [
        ("978601789124452499", zxingcpp.BarcodeFormat.EAN13)]


def test_saddle_stays_one_file_with_its_covers(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", "saddle")
    assert result.cover is None and result.pdf.name == "test-catalog.pdf"
    kinds = [page.kind for page in result.planned.plan.pages]  # type: ignore[union-attr]
    assert kinds[0] == "cover" and kinds[-1] == "back_cover" and len(kinds) % 4 == 0
    assert not any(f.code == "spine" for f in result.findings)


def test_the_same_inputs_give_the_same_cover_bytes(tmp_path: Path) -> None:
    first = bound(tmp_path / "p", "casewrap")
    once = first.cover.read_bytes()  # type: ignore[union-attr]
    again = build(tmp_path / "p", BuildOptions(press="offset", cache=False, jobs=1))
    assert again.cover.read_bytes() == once  # type: ignore[union-attr]


# --- the spine --------------------------------------------------------------------------------

def test_title_runs_down_the_spine_centred_between_the_folds(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", "perfect", works=20, paper={"caliper": "0.5mm", "cover_caliper": "0.3mm"})
    cover = result.planned.cover  # type: ignore[union-attr]
    spine_lines = [item for item in cover.pages[0].items if isinstance(item, TextLine) and item.style == "spine"]
    assert [line.text for line in spine_lines] == ["Test Catalog", "Steppe Press"]
    folds = sorted(at for axis, at in cover.folds if axis == "x")
    assert len(folds) == 2 and folds[0] == pytest.approx(TRIM[0])
    size = spine_lines[0].pieces[0].size
    centre = spine_lines[0].x + size * 0.35  # the baseline sits half a capital left of the centre, tops to the front
    assert all(line.angle == -90 for line in spine_lines)
    assert centre == pytest.approx((folds[0] + folds[1]) / 2, abs=0.01)
    assert spine_lines[0].y > spine_lines[1].y  # the title from the head, the publisher at the foot
    assert "Test Catalog" in page_texts(result.cover)[0].split("Steppe Press")[0]  # type: ignore[arg-type]
    marks = surround(cover, True, False, "").crop_marks
    assert {round(rule.x1, 3) for rule in marks if rule.x1 == rule.x2} >= {round(x, 3) for x in folds}


def test_title_can_run_up_the_spine(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", {"kind": "perfect", "spine_text": "up"}, works=20,
                   paper={"caliper": "0.5mm", "cover_caliper": "0.3mm"})
    lines = [item for item in result.planned.cover.pages[0].items  # type: ignore[union-attr]
             if isinstance(item, TextLine) and item.style == "spine"]
    assert lines and all(line.angle == 90 for line in lines)
    assert not [f for f in result.findings if f.code == "safe-margin"]


def test_a_spine_too_narrow_for_its_type_goes_without_a_title(tmp_path: Path) -> None:
    result = bound(tmp_path / "p", "perfect")
    cover = result.planned.cover  # type: ignore[union-attr]
    assert not [item for item in cover.pages[0].items if isinstance(item, TextLine) and item.style == "spine"]
    [note] = [f for f in result.findings if f.code == "spine-text"]
    assert note.severity == "info" and note.message.startswith("no title on the spine: the spine is ")
    assert note.file == tmp_path / "p" / "catalog.yaml"


def test_the_printers_page_minimum_for_spine_text(tmp_path: Path) -> None:
    """Lulu prints spine text from 80 pages; a thick book of fewer pages still goes without."""
    root = tmp_path / "p"
    make_project(root, {"anna-test": artist_data("Anna Test", works=20)},
                 catalog={"paper": {"caliper": "1mm"}})
    result = build(root, BuildOptions(press="lulu", cache=False, jobs=1))
    [note] = [f for f in result.findings if f.code == "spine-text"]
    assert "only on books of 80 pages or more" in note.message and note.file == builtin_dir("presses") / "lulu.yaml"


# --- bad input --------------------------------------------------------------------------------

def test_fewer_pages_than_the_printer_binds_stops_before_writing(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"paper": {"caliper": "0.1mm"}})
    press = add_press(root, "house", "name: house\nbase: digital\nbinding: perfect\nbindings:\n"
                                     "  perfect: {min_pages: 200}\n")
    code, output = run("build", str(root), "--press", "house")
    assert code == 2, output
    assert f"{press.relative_to(root)}:5: " in output and "fewer than the 200 the printer binds as 'perfect'" in output
    assert "Traceback" not in output and not (root / "build").exists()


def test_a_bound_book_without_a_paper_thickness_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"binding": "perfect"})
    code, output = run("check", str(root))
    assert code == 2, output
    assert "catalog.yaml:8: a 'perfect' binding needs the paper's thickness to make the spine" in output
    with pytest.raises(CatalogError):
        build(root, BuildOptions(cache=False, jobs=1))
    assert not (root / "build").exists()


def test_a_hardcover_without_its_boards_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"binding": "casewrap", "paper": {"caliper": "0.1mm"}})
    code, output = run("build", str(root))
    assert code == 2 and "catalog.yaml:8: a 'casewrap' binding needs the boards' thickness" in output, output
    assert not (root / "build").exists()


def test_imposing_a_bound_book_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"binding": "perfect", "paper": {"caliper": "0.1mm"}})
    code, output = run("build", str(root), "--impose", "saddle")
    assert code == 2 and "--impose saddle folds self-covered booklets" in output and "--binding saddle" in output


def test_check_reports_the_spine_and_cover_size(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"paper": {"ppi": 444}})
    code, output = run("check", str(root), "--binding", "perfect")
    assert code == 0, output
    found = check(root, BuildOptions(binding="perfect")).findings
    [note] = [f for f in found if f.code == "spine"]
    pages = int(note.message.split(" leaves")[0].split("(")[-1]) * 2
    spine = to_mm(inch(pages / 444))
    assert f"spine {spine:.2f} mm" in note.message and f"cover sheet {420 + spine:.1f} × 270.0 mm" in note.message
    assert "binding 'perfect': spine" in output


def test_command_line_binding_names_the_kinds(tmp_path: Path) -> None:
    code, output = run("build", str(make_project(tmp_path / "p")), "--binding", "spiral")
    assert code == 2 and "saddle" in output and "casewrap" in output


@pytest.mark.slow
@pytest.mark.parametrize("binding", ["saddle", "perfect"])
def test_the_example_builds_bound_both_ways_without_warnings(tmp_path: Path, binding: str) -> None:
    result = build(REPO, BuildOptions(out=tmp_path / "example.pdf", binding=binding))
    assert [f.message for f in result.findings if f.severity != "info"] == []
    assert (result.cover is not None) == (binding == "perfect")
