"""Imposition through the build and the command line: padding, sheets, refusals, press settings."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from typer.testing import CliRunner

from catalog.builder import BuildOptions, build
from catalog.cli.app import app
from catalog.errors import CatalogError
from catalog.prepress.impose import saddle_order
from catalog.units import mm
from tests.support.pdfcheck import fold_saddle, page_texts
from tests.support.projects import artist_data, make_project, write_yaml

runner = CliRunner()


def zine_project(root: Path, works: int = 3) -> Path:
    return make_project(root, {"anna-test": artist_data("Anna Test", works=works)},
                        catalog={"layout": "zine", "press": "digital"})


def test_saddle_build_writes_printer_spreads_that_fold_in_order(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p")
    result = build(project, BuildOptions(impose="saddle", cache=False, jobs=1))
    assert result.pages % 4 == 0
    assert result.imposed == result.pdf.with_name(result.pdf.stem + "-saddle.pdf")
    assert "flip on short edge" in result.imposition
    assert "no room for marks" in result.imposition  # A5 pairs fill an A4 sheet
    with pikepdf.open(result.imposed) as pdf:
        assert len(pdf.pages) == result.pages // 2
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[2] - box[0] == pytest.approx(mm(297), abs=0.05)
        assert box[3] - box[1] == pytest.approx(mm(210), abs=0.05)
    # Each page of the press file, read back where folding puts it.
    texts = page_texts(result.pdf)
    expected = [side for faces in saddle_order(result.pages) for side in faces]
    imposed_texts = _cell_texts(result.imposed)
    assert len(imposed_texts) == len(expected)
    for side, pages in zip(imposed_texts, expected, strict=True):
        for cell, page in zip(side, pages, strict=True):
            assert _words(cell) == _words(texts[page - 1]), page
            # Only the inside covers and full-bleed plates (an image, no type) carry no text.
            assert _words(cell) or page in (2, result.pages - 1) or result.planned.plan.pages[page - 1].images, page
    assert len(result.padding_kinds) == result.padding


def _cell_texts(path: Path, columns: int = 2, rows: int = 1, band: float | None = None) -> list[tuple[str, ...]]:
    """The text pdfium finds in each cell of each sheet side, row by row from the top; `band`: only
    within this height around the middle (the pages, not the slug below them)."""
    document = pdfium.PdfDocument(str(path))
    out = []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        low, high = ((height - band) / 2, (height + band) / 2) if band else (0.0, height)
        step = (high - low) / rows
        out.append(tuple(text.get_text_bounded(c * width / columns, high - (r + 1) * step,
                                               (c + 1) * width / columns, high - r * step)
                         for r in range(rows) for c in range(columns)))
    document.close()
    return out


def _words(text: str) -> set[str]:
    """Words as a set: extraction order and hyphenated line ends differ between a page and its cell."""
    return {word for word in text.replace("\r", " ").split() if len(word) > 3 and not word.endswith("-")}


def test_press_profile_names_the_sheet_and_the_paper(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p")
    write_yaml(project / "presses" / "copyshop.yaml", {
        "name": "copyshop", "base": "digital",
        "imposition": {"sheet": "SRA3", "paper_thickness": "0.12mm"}})
    result = build(project, BuildOptions(impose="saddle", press="copyshop", cache=False, jobs=1))
    with pikepdf.open(result.imposed) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
    assert (box[2], box[3]) == (pytest.approx(mm(450), abs=0.05), pytest.approx(mm(320), abs=0.05))
    assert "no room" not in result.imposition  # SRA3 leaves room for crop and fold marks
    slug = pdfium.PdfDocument(str(result.imposed))[0].get_textpage().get_text_range()
    assert "sheet 1 of" in slug and "front" in slug and "flip on short edge" in slug


def test_bad_sheet_in_a_press_profile_names_file_and_line(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p")
    write_yaml(project / "presses" / "copyshop.yaml", {
        "name": "copyshop", "base": "digital", "imposition": {"sheet": "A4 please"}})
    with pytest.raises(CatalogError) as caught:
        build(project, BuildOptions(impose="saddle", press="copyshop", cache=False, jobs=1))
    problem = caught.value.problems[0]
    assert problem.file == project / "presses" / "copyshop.yaml"
    assert problem.line == 4
    assert "not a sheet size" in problem.message


def test_cli_saddle_with_creep_and_a_named_sheet(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p", works=6)
    result = runner.invoke(app, ["build", str(project), "--impose", "saddle", "--sheet", "A3", "--creep", "0.1",
                                 "--no-cache", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "saddle.pdf" in result.output and "A3 sheet(s)" in result.output
    imposed = next((project / "build").glob("*-saddle.pdf"))
    assert len(read_cells_or_empty(imposed)) >= 4
    with pikepdf.open(imposed) as pdf:
        assert pdf.Root.ViewerPreferences.Duplex == pikepdf.Name.DuplexFlipShortEdge
        assert "flip on short edge" in str(pdf.docinfo.Subject)


def read_cells_or_empty(path: Path) -> list[tuple[str, ...]]:
    return [side for side in _cell_texts(path) if any(s.strip() for s in side)]


def test_minizine_too_long_is_refused_with_what_to_cut_and_nothing_written(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p", works=6)
    result = runner.invoke(app, ["build", str(project), "--impose", "minizine", "--no-cache", "-j", "1"])
    assert result.exit_code == 2
    assert "a mini zine holds 8 pages" in result.output
    assert "--several" in result.output and "plate" in result.output
    assert "Traceback" not in result.output
    assert not (project / "build").exists() or not list((project / "build").iterdir())


def test_check_reports_a_mini_zine_too_long_before_any_build(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p", works=6)
    result = runner.invoke(app, ["check", str(project), "--impose", "minizine"])
    assert result.exit_code == 2
    assert "a mini zine holds 8 pages" in result.output
    assert runner.invoke(app, ["check", str(project), "--impose", "minizine", "--several"]).exit_code == 0


def test_minizine_on_several_sheets_when_asked(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p", works=6)
    result = build(project, BuildOptions(impose="minizine", several=True, cache=False, jobs=1))
    assert result.pages % 8 == 0
    with pikepdf.open(result.imposed) as pdf:
        assert len(pdf.pages) == result.pages // 8
        assert pdf.Root.ViewerPreferences.Duplex == pikepdf.Name.Simplex


def test_mini_layout_fits_one_sheet(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=3)},
                           catalog={"layout": "mini", "press": "digital"})
    result = build(project, BuildOptions(impose="minizine", cache=False, jobs=1))
    assert result.pages == 8
    [cells] = _cell_texts(result.imposed, 4, 2)
    texts = page_texts(result.pdf)
    for cell, page in zip(cells, (5, 4, 3, 2, 6, 7, 8, 1), strict=True):
        assert _words(cell) == _words(texts[page - 1]), page
    assert "Test Catalog" in cells[7]  # the cover, bottom right, upright


def test_saddle_imposition_is_deterministic(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p")
    first = build(project, BuildOptions(impose="saddle", cache=False, jobs=1)).imposed.read_bytes()
    second = build(project, BuildOptions(impose="saddle", cache=False, jobs=1)).imposed.read_bytes()
    assert first == second


def test_fold_reading_order_helper_agrees_with_the_formula() -> None:
    sides = [[(left, 0, 0.0), (right, 0, 0.0)] for faces in saddle_order(16) for left, right in faces]
    assert fold_saddle(sides) == list(range(1, 17))


def test_offset_press_file_imposes_with_its_output_intent_and_without_its_own_marks(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p")
    result = build(project, BuildOptions(impose="saddle", press="offset", sheet="SRA3", cache=False, jobs=1))
    with pikepdf.open(result.imposed) as pdf:
        assert pdf.Root.OutputIntents[0].OutputConditionIdentifier == "FOGRA39"
    texts = page_texts(result.pdf)
    cells = _cell_texts(result.imposed)
    assert _words(texts[0]) <= _words(cells[0][1])  # (the clipped slug is still in the text layer)
    # The press file's own marks and slug lie outside its bleed: clipped away on the sheet. Below
    # the right-hand page (page 1) only paper shows; the sheet's own slug runs under the left one.
    document = pdfium.PdfDocument(str(result.imposed))
    image = document[0].render(scale=1).to_pil().convert("L")
    width, height = image.size
    spine, trim_bottom = width / 2, height - (height - mm(210)) / 2
    below = image.crop((round(spine + mm(10)), round(trim_bottom + mm(4)), round(spine + mm(140)),
                        round(trim_bottom + mm(20))))
    assert below.getextrema()[0] > 240, "ink below the trim of page 1"
    document.close()


def test_riso_plates_are_imposed_on_the_same_sheets_as_the_composite(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=3)},
                           catalog={"layout": "riso", "press": "riso"})
    result = build(project, BuildOptions(impose="saddle", sheet="A3", cache=False, jobs=1))
    assert len(result.separations) == 2
    assert [p.name for p in result.imposed_separations] == [p.stem + "-saddle.pdf" for p in result.separations]
    composite = _cell_texts(result.imposed, band=mm(210))
    for plate in result.imposed_separations:
        with pikepdf.open(plate) as pdf, pikepdf.open(result.imposed) as reference:
            assert len(pdf.pages) == len(reference.pages)
            assert [list(p.mediabox) for p in pdf.pages] == [list(p.mediabox) for p in reference.pages]
    # Each plate's text sits in the same cells as the composite's (the plates register).
    black = _cell_texts(result.imposed_separations[0], band=mm(210))
    assert sum(1 for side in black for cell in side if _words(cell)) >= len(black)  # black carries the text
    for side, plate_side in zip(composite, black, strict=True):
        for cell, plate_cell in zip(side, plate_side, strict=True):
            assert _words(plate_cell) <= _words(cell)
