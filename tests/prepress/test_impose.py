"""Imposition read back from the written PDF: which page landed in which cell, turned how, moved
how far, compared with an independent tool (pdfimpose) on the same input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from catalog.prepress import impose
from catalog.units import mm
from tests.support.pdfcheck import fold_saddle, read_cells

FONT = "ImposeTestSans"
SANS = Path(__file__).resolve().parents[2] / "fonts" / "PTSans-Regular.ttf"
A5 = (mm(148), mm(210))
MEDIA_MARGIN = mm(17)  # the press file's marks and slug around the trim
TEXT_X = 30.0          # where each numbered page prints its number, from the trim's left edge


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(SANS)))


def numbered(path: Path, pages: int, size: tuple[float, float] = A5, margin: float = MEDIA_MARGIN,
             bleed: float = mm(3)) -> Path:
    """A press-file-like PDF: each page shows 'P<n>' on a grey bleed, trim inset in the media box."""
    width, height = size
    canvas = Canvas(str(path), pagesize=(width + 2 * margin, height + 2 * margin), invariant=1, initialFontName=FONT)
    for number in range(1, pages + 1):
        if margin:
            canvas.setTrimBox((margin, margin, margin + width, margin + height))
            canvas.setBleedBox((margin - bleed, margin - bleed, margin + width + bleed, margin + height + bleed))
        canvas.setFillGray(0.85)
        canvas.rect(margin - bleed, margin - bleed, width + 2 * bleed, height + 2 * bleed, stroke=0, fill=1)
        canvas.setFillGray(0)
        canvas.setFont(FONT, min(36, height / 5))
        canvas.drawString(margin + TEXT_X * width / A5[0], margin + height / 2, f"P{number}")
        canvas.showPage()
    canvas.save()
    return path


@pytest.mark.parametrize("pages", [8, 12, 16, 40])
def test_saddle_order_read_back_from_the_pdf(tmp_path: Path, pages: int) -> None:
    source = numbered(tmp_path / "pages.pdf", pages)
    out = tmp_path / "sheets.pdf"
    impose.write(source, impose.plan_saddle(pages, A5, mm(3)), out, FONT)
    sides = read_cells(out, 2, 1)
    assert len(sides) == pages // 2
    expected = [side for faces in impose.saddle_order(pages) for side in faces]
    assert [tuple(cell[0] for cell in side) for side in sides] == expected
    assert all(cell[1] == 0 for side in sides for cell in side)  # flip on the short edge: backs upright
    assert fold_saddle(sides) == list(range(1, pages + 1))
    with pikepdf.open(out) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[2] - box[0] == pytest.approx(mm(297), abs=0.01)  # A5 pairs (296 mm) on A4, by default
        assert box[3] - box[1] == pytest.approx(mm(210), abs=0.01)
        assert pdf.Root.ViewerPreferences.Duplex == pikepdf.Name.DuplexFlipShortEdge
        assert pdf.Root.ViewerPreferences.PrintScaling == pikepdf.Name("/None")


def test_saddle_formula_for_sheet_k() -> None:
    n = 40
    for k, (front, back) in enumerate(impose.saddle_order(n), start=1):
        assert front == (n - 2 * k + 2, 2 * k - 1)
        assert back == (2 * k, n - 2 * k + 1)
    assert sorted(p for faces in impose.saddle_order(n) for side in faces for p in side) == list(range(1, n + 1))
    with pytest.raises(ValueError, match="multiple of 4"):
        impose.saddle_order(10)


def test_default_sheet_is_the_standard_one_the_spread_nearly_is() -> None:
    assert impose.plan_saddle(8, (mm(105), mm(148)), 0.0).sheet_size == pytest.approx((mm(210), mm(148)))  # A5
    odd = impose.plan_saddle(8, (mm(170), mm(240)), 0.0).sheet_size
    assert odd == pytest.approx((mm(340), mm(240)))  # no standard sheet near: exactly twice the trim


def test_short_count_leaves_the_last_cells_empty_not_shifted(tmp_path: Path) -> None:
    plan = impose.plan_saddle(10, A5, 0.0)
    assert plan.sheets == 3
    pages = [cell.page for side in plan.sides for cell in side.cells]
    assert pages.count(None) == 2 and sorted(p for p in pages if p) == list(range(1, 11))
    assert plan.sides[0].cells[0].page is None  # 12 would be the back cover: it is the build's to pad


@pytest.mark.parametrize("pages", [8, 16, 40])
def test_same_order_as_pdfimpose(tmp_path: Path, pages: int) -> None:
    source = numbered(tmp_path / "pages.pdf", pages, margin=0.0)
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "theirs.pdf"
    impose.write(source, impose.plan_saddle(pages, A5, 0.0), ours, FONT)
    subprocess.run([sys.executable, "-m", "pdfimpose", "saddle", "--signature", "2x1", str(source),
                    "--output", str(theirs)], check=True, capture_output=True)
    ours_cells = [[cell[:2] for cell in side] for side in read_cells(ours, 2, 1)]
    theirs_cells = [[cell[:2] for cell in side] for side in read_cells(theirs, 2, 1)]
    assert ours_cells == theirs_cells


def test_minizine_order_and_rotation_match_pdfimpose(tmp_path: Path) -> None:
    a7 = (mm(74.25), mm(105))
    source = numbered(tmp_path / "pages.pdf", 8, a7, margin=0.0, bleed=0.0)
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "theirs.pdf"
    impose.write(source, impose.plan_minizine(8, a7, (mm(210), mm(297))), ours, FONT)
    subprocess.run([sys.executable, "-m", "pdfimpose", "onepagezine", str(source), "--output", str(theirs)],
                   check=True, capture_output=True)
    [cells] = read_cells(ours, 4, 2)
    assert [(page, rotation) for page, rotation, _ in cells] == [
        (5, 180), (4, 180), (3, 180), (2, 180), (6, 0), (7, 0), (8, 0), (1, 0)]
    [reference] = read_cells(theirs, 4, 2)
    assert [cell[:2] for cell in cells] == [cell[:2] for cell in reference]
    with pikepdf.open(ours) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert (box[2], box[3]) == (pytest.approx(mm(297), abs=0.01), pytest.approx(mm(210), abs=0.01))
        assert pdf.Root.ViewerPreferences.Duplex == pikepdf.Name.Simplex


def test_minizine_scales_other_page_sizes_into_letter_cells(tmp_path: Path) -> None:
    source = numbered(tmp_path / "pages.pdf", 8, A5, margin=0.0)
    letter = (8.5 * 72, 11 * 72)
    plan = impose.plan_minizine(8, A5, letter)
    scale = min((11 * 72 / 4 - 2 * impose.GUTTER) / A5[0], (8.5 * 72 / 2 - 2 * impose.GUTTER) / A5[1])
    assert all(cell.scale == pytest.approx(scale) for cell in plan.sides[0].cells)
    assert any("scaled" in note for note in plan.notes)
    impose.write(source, plan, tmp_path / "letter.pdf", FONT)
    [cells] = read_cells(tmp_path / "letter.pdf", 4, 2)
    assert [cell[0] for cell in cells] == [5, 4, 3, 2, 6, 7, 8, 1]


def test_minizine_on_several_sheets(tmp_path: Path) -> None:
    a7 = (mm(74.25), mm(105))
    source = numbered(tmp_path / "pages.pdf", 16, a7, margin=0.0, bleed=0.0)
    with pytest.raises(ValueError, match="16 pages"):
        impose.plan_minizine(16, a7, (mm(210), mm(297)))
    out = tmp_path / "two.pdf"
    impose.write(source, impose.plan_minizine(16, a7, (mm(210), mm(297)), several=True), out, FONT)
    sheets = read_cells(out, 4, 2)
    assert [[cell[0] for cell in side] for side in sheets] == [[5, 4, 3, 2, 6, 7, 8, 1],
                                                               [13, 12, 11, 10, 14, 15, 16, 9]]


def test_minizine_marks_the_cut_and_the_folds(tmp_path: Path) -> None:
    a7 = (mm(74.25), mm(105))
    plan = impose.plan_minizine(8, a7, (mm(210), mm(297)))
    width, height = plan.sheet_size
    cuts = [m for m in plan.sides[0].marks if m.kind == "cut"]
    assert cuts == [impose.Mark(width / 4, height / 2, 3 * width / 4, height / 2, "cut")]
    folds = {round(m.x1, 2) for m in plan.sides[0].marks if m.kind == "fold" and m.x1 == m.x2}
    assert folds == {round(width * i / 4, 2) for i in (1, 2, 3)}
    source = numbered(tmp_path / "pages.pdf", 8, a7, margin=0.0, bleed=0.0)
    impose.write(source, plan, tmp_path / "zine.pdf", FONT)
    document = pdfium.PdfDocument(str(tmp_path / "zine.pdf"))
    image = document[0].render(scale=1).to_pil().convert("L")
    row = round(height / 2)
    dark = [image.getpixel((x, row)) < 128 for x in range(image.width)]
    middle = dark[round(width / 4) + 5: round(3 * width / 4) - 5]
    outer = dark[round(mm(12)): round(width / 4) - 5]
    assert 0.3 < sum(middle) / len(middle) < 0.8  # dashed: ink and gaps along the cut
    assert sum(outer) == 0  # the outer cells are folded there, not cut
    document.close()


def test_creep_moves_inner_pages_toward_the_spine(tmp_path: Path) -> None:
    pages, thickness = 40, mm(0.1)
    source = numbered(tmp_path / "pages.pdf", pages)
    flat, crept = tmp_path / "flat.pdf", tmp_path / "crept.pdf"
    impose.write(source, impose.plan_saddle(pages, A5, mm(3)), flat, FONT)
    impose.write(source, impose.plan_saddle(pages, A5, mm(3), thickness=thickness), crept, FONT)
    for index, (plain, moved) in enumerate(zip(read_cells(flat, 2, 1), read_cells(crept, 2, 1), strict=True)):
        k = index // 2 + 1
        for column, (before, after) in enumerate(zip(plain, moved, strict=True)):
            assert before[0] == after[0]
            toward_spine = 1 if column == 0 else -1
            shift_mm = (after[2] - before[2]) * 25.4 / 72 * toward_spine
            assert shift_mm == pytest.approx((k - 1) * 0.1, abs=0.05)
    assert k == 10  # the innermost sheet moved 0.9 mm


def test_marks_only_outside_the_trim_when_the_sheet_has_room(tmp_path: Path) -> None:
    exact = impose.plan_saddle(8, A5, mm(3))
    assert all(not side.marks for side in exact.sides)
    assert any("no room for marks" in note for note in exact.notes)
    a3 = impose.plan_saddle(8, A5, mm(3), sheet=(mm(297), mm(420)))
    side = a3.sides[0]
    spread_x, spread_y = side.width / 2 - A5[0], (side.height - A5[1]) / 2
    trim = (spread_x, spread_y, spread_x + 2 * A5[0], spread_y + A5[1])
    kinds = {mark.kind for mark in side.marks}
    assert kinds == {"crop", "fold"}
    for mark in side.marks:
        for x, y in ((mark.x1, mark.y1), (mark.x2, mark.y2)):
            inside = trim[0] - mm(3) < x < trim[2] + mm(3) and trim[1] - mm(3) < y < trim[3] + mm(3)
            assert not inside, mark  # never on the page or its bleed
    folds = [m for m in side.marks if m.kind == "fold"]
    assert all(m.x1 == m.x2 == pytest.approx(side.width / 2) for m in folds)
    assert side.slug_line is not None
    source = numbered(tmp_path / "pages.pdf", 8)
    out = tmp_path / "a3.pdf"
    impose.write(source, a3, out, FONT, "zine")
    text = pdfium.PdfDocument(str(out))[1].get_textpage().get_text_range()
    assert "sheet 1 of 2, back" in text and "flip on short edge" in text


def test_bleed_shows_on_the_outer_edges_only(tmp_path: Path) -> None:
    plan = impose.plan_saddle(8, A5, mm(3), sheet=(mm(297), mm(420)))
    left, right = plan.sides[0].cells
    assert left.clip.right == pytest.approx(left.box.right)  # cut at the spine
    assert left.clip.x == pytest.approx(left.box.x - mm(3))
    assert right.clip.x == pytest.approx(right.box.x)
    assert right.clip.right == pytest.approx(right.box.right + mm(3))


def test_too_small_a_sheet_is_refused_with_the_sizes() -> None:
    with pytest.raises(impose.ImposeError) as caught:
        impose.plan_saddle(8, A5, 0.0, sheet=(mm(148), mm(210)))
    assert "A5 sheet is too small" in caught.value.problems[0].message
    assert "296 × 210 mm" in caught.value.problems[0].message


def test_imposed_pdf_is_deterministic_and_embeds_its_fonts(tmp_path: Path) -> None:
    source = numbered(tmp_path / "pages.pdf", 8)
    plan = impose.plan_saddle(8, A5, mm(3), sheet=(mm(297), mm(420)))
    impose.write(source, plan, tmp_path / "one.pdf", FONT, "zine")
    impose.write(source, plan, tmp_path / "two.pdf", FONT, "zine")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
    with pikepdf.open(tmp_path / "one.pdf") as pdf:
        fonts = [font for page in pdf.pages for form in page.Resources.XObject.values()
                 if "/Resources" in form for font in form.Resources.get("/Font", {}).values()]
        fonts += [font for page in pdf.pages for font in page.Resources.get("/Font", {}).values()]
        assert fonts
        for font in fonts:
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
            assert "/FontFile2" in descriptor
    assert not list(tmp_path.glob(".*tmp"))
