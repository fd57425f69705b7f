"""Printer sheets as a printer's preflight reads them: marks in registration colour, the PDF/X identity
of the press file kept, mini-zine guides beside the pages, and a note when a saddle booklet has no creep."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from catalog.builder import BuildOptions, build, check
from catalog.prepress import impose
from catalog.units import Rect, mm
from tests.support.projects import artist_data, make_project, write_yaml


def zine_project(root: Path, press: str = "offset", works: int = 3) -> Path:
    return make_project(root, {"anna-test": artist_data("Anna Test", works=works)},
                        catalog={"layout": "zine", "press": press})


def _colour_spaces(page: pikepdf.Page) -> dict[str, pikepdf.Object]:
    return {str(k): v for k, v in dict(page.obj.Resources.get("/ColorSpace", {})).items()}


def test_sra3_sheets_draw_marks_in_registration_and_keep_pdfx(tmp_path: Path) -> None:
    result = build(zine_project(tmp_path / "p"), BuildOptions(impose="saddle", sheet="SRA3", cache=False, jobs=1))
    assert result.imposed is not None
    with pikepdf.open(result.pdf) as source, pikepdf.open(result.imposed) as sheets:
        for number, page in enumerate(sheets.pages, start=1):
            spaces = _colour_spaces(page)
            assert spaces, f"sheet side {number}: marks drawn in no named colour"
            registration = next(iter(spaces.values()))
            assert registration[0] == pikepdf.Name.Separation and registration[1] == pikepdf.Name("/All")
            assert registration[2] == pikepdf.Name.DeviceCMYK
            content = page.obj.Contents.read_bytes() if isinstance(page.obj.Contents, pikepdf.Stream) else b"".join(
                part.read_bytes() for part in page.obj.Contents)
            assert re.search(rb"/\w+ CS 1 SCN", content)  # every stroke after it prints on all plates
            assert b" G\n" not in content and b" K\n" not in content  # never black (K) only
            media, trim, bleed = ([float(v) for v in box] for box in (page.mediabox, page.trimbox, page.bleedbox))
            assert media[0] <= bleed[0] < trim[0] and trim[2] < bleed[2] <= media[2]  # PDF/X: Trim in Bleed in Media
            assert trim[2] - trim[0] == pytest.approx(2 * mm(148), abs=0.01)
        # The press file's PDF/X identity, carried over.
        assert sheets.pdf_version == source.pdf_version
        assert [str(i.OutputConditionIdentifier) for i in sheets.Root.OutputIntents] == ["FOGRA39"]
        assert str(sheets.docinfo.GTS_PDFXVersion) == str(source.docinfo.GTS_PDFXVersion)
        assert sheets.docinfo.Trapped == source.docinfo.Trapped
        xmp = sheets.Root.Metadata.read_bytes().decode("utf-8")
        assert f"<pdfxid:GTS_PDFXVersion>{source.docinfo.GTS_PDFXVersion}</pdfxid:GTS_PDFXVersion>" in xmp
        assert str(sheets.docinfo.Title) in xmp  # Info and XMP agree, as PDF/X requires
        assert "printer sheets" in str(sheets.docinfo.Title)


def test_imposed_x1a_file_stays_x1a(tmp_path: Path) -> None:
    result = build(zine_project(tmp_path / "p", "x1a"), BuildOptions(impose="saddle", sheet="SRA3", cache=False,
                                                                       jobs=1))
    assert result.imposed is not None
    with pikepdf.open(result.pdf) as source, pikepdf.open(result.imposed) as sheets:
        assert sheets.pdf_version == source.pdf_version
        assert str(sheets.docinfo.GTS_PDFXVersion) == str(source.docinfo.GTS_PDFXVersion)
        assert "/OutputIntents" in sheets.Root
    data = result.imposed.read_bytes()
    assert b"/ObjStm" not in data or float(source.pdf_version) >= 1.5


def test_grey_sheets_register_without_gaining_cmyk(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"anna-test": artist_data("Anna Test", works=3)},
                           catalog={"layout": "riso", "press": "riso"})
    result = build(project, BuildOptions(impose="saddle", sheet="A3", cache=False, jobs=1))
    for path in (result.imposed, *result.imposed_separations):
        assert path is not None
        with pikepdf.open(path) as sheets:
            for page in sheets.pages:
                for space in _colour_spaces(page).values():
                    assert (space[1], space[2]) == (pikepdf.Name("/All"), pikepdf.Name.DeviceGray)


def test_minizine_guides_lie_beside_the_pages_never_over_them() -> None:
    a7 = (mm(74.25), mm(105))
    plan = impose.plan_minizine(8, a7, (mm(210), mm(297)))
    side = plan.sides[0]
    assert side.marks
    for cell in side.cells:
        for area in (cell.clip, Rect(cell.box.x, cell.box.y, cell.box.width, cell.box.height)):
            for mark in side.marks:
                half = 0.5 / 2
                x0, x1 = min(mark.x1, mark.x2) - half, max(mark.x1, mark.x2) + half
                y0, y1 = min(mark.y1, mark.y2) - half, max(mark.y1, mark.y2) + half
                apart = max(area.x - x1, x0 - area.right, area.y - y1, y0 - area.top)
                assert apart >= mm(2), (mark, cell.page)
    assert any("scaled" in note for note in plan.notes)
    assert side.trim == side.bleed == Rect(0.0, 0.0, side.width, side.height)


def test_a_saddle_booklet_without_paper_thickness_notes_that_creep_is_off(tmp_path: Path) -> None:
    project = zine_project(tmp_path / "p", "digital", works=6)
    result = build(project, BuildOptions(impose="saddle", cache=False, jobs=1))
    notes = [f for f in result.findings if f.code == "creep-off"]
    assert len(notes) == 1 and notes[0].severity == "info"
    assert "--creep" in notes[0].hint and "paper_thickness" in notes[0].hint
    checked = check(project, BuildOptions(impose="saddle"))
    assert [f.message for f in checked.findings if f.code == "creep-off"] == [notes[0].message]
    # Given a thickness, by flag or by the press, no note.
    assert not [f for f in build(project, BuildOptions(impose="saddle", creep=0.1, cache=False, jobs=1)).findings
                if f.code == "creep-off"]
    write_yaml(project / "presses" / "thick.yaml", {"name": "thick", "base": "digital",
                                                    "imposition": {"paper_thickness": "0.1mm"}})
    assert not [f for f in check(project, BuildOptions(impose="saddle", press="thick")).findings
                if f.code == "creep-off"]
