"""What a risograph cannot print, said and respected: the strip at every sheet edge it does not reach (the
imposed sheets leave it bare, and the build says what that costs the pages), and large solids above the ink it
lays down evenly (reported at the layout line that sets the ink's strength)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageStat

from catalog.builder import BuildOptions, BuildResult, build
from catalog.prepress import impose
from catalog.specs.paper import parse_sheet
from catalog.units import mm
from tests.prepress.test_mono_riso import project_with, spot_layout
from tests.support import REPO
from tests.support.pdfcheck import render

A5 = (mm(148), mm(210))
EDGE = mm(5)


@pytest.fixture(scope="module")
def imposed(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("riso-imposed")
    return build(REPO, BuildOptions(layout="riso", press="riso", impose="saddle", out=root / "riso.pdf"))


def test_imposed_riso_sheets_leave_the_presses_edge_bare_on_every_drum(imposed: BuildResult) -> None:
    assert imposed.imposed is not None
    sheets = [imposed.imposed, *imposed.imposed_separations]
    assert len(sheets) == 3
    for path in sheets:
        for side in (1, 2):
            page = render(path, side, scale=1.0, whole=True).convert("L")  # a point a pixel
            width, height = page.size
            strip = round(EDGE) - 1
            for box in ((0, 0, width, strip), (0, height - strip, width, height),
                        (0, 0, strip, height), (width - strip, 0, width, height)):
                assert page.crop(box).getextrema() == (255, 255), (path.name, side, box)
            inside = page.crop((strip + 3, strip + 3, width - strip - 3, height - strip - 3))
            assert ImageStat.Stat(inside).mean[0] < 254  # the pages do print inside it


def test_the_build_says_what_the_bare_edge_takes_from_the_pages(imposed: BuildResult) -> None:
    found = [f for f in imposed.findings if f.code == "unprintable-edge"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].file is not None and found[0].file.name == "riso.yaml" and found[0].line
    assert "5 mm" in found[0].message and "A4" in found[0].message and "5.0 mm stay paper-white" in found[0].message


def test_a_sheet_with_room_loses_nothing_and_keeps_its_marks_clear_of_the_edge() -> None:
    tight = impose.plan_saddle(8, A5, mm(3), parse_sheet("A4"), unprintable=EDGE)
    roomy = impose.plan_saddle(8, A5, mm(3), parse_sheet("SRA3"), unprintable=EDGE)
    assert tight.unprinted == pytest.approx(EDGE)
    assert roomy.unprinted == 0
    for plan in (tight, roomy):
        for side in plan.sides:
            for cell in side.cells:
                assert cell.clip.x >= EDGE - 1e-6 and cell.clip.right <= side.width - EDGE + 1e-6
                assert cell.clip.y >= EDGE - 1e-6 and cell.clip.top <= side.height - EDGE + 1e-6
            for mark in side.marks:
                for x, y in ((mark.x1, mark.y1), (mark.x2, mark.y2)):
                    assert EDGE - 0.02 <= x <= side.width - EDGE + 0.02
                    assert EDGE - 0.02 <= y <= side.height - EDGE + 0.02
    assert roomy.sides[0].marks  # SRA3 has room for the crop marks inside the printable area
    assert impose.plan_saddle(8, A5, mm(3), parse_sheet("A4")).unprinted == 0  # a press that prints to the edge


def test_a_mini_zine_loses_what_its_gutter_does_not_cover() -> None:
    plan = impose.plan_minizine(8, (mm(74), mm(105)), parse_sheet("A4"), unprintable=EDGE)
    assert plan.unprinted == pytest.approx(EDGE - impose.GUTTER, abs=0.01)


# --- large solids ------------------------------------------------------------------------------------

def test_a_large_solid_over_the_ink_ceiling_is_reported_at_its_inks_line(tmp_path: Path) -> None:
    layout = spot_layout("#ffffff", "#000000", "#808080", {"accent": 100, "cover": 100})
    result = build(project_with(tmp_path / "p", layout), BuildOptions(press="riso", out=tmp_path / "riso.pdf"))
    found = [f for f in result.findings if f.code == "solid-area"]
    assert len(found) == 1  # the cover, once: the small pink accent text is not an area
    problem = found[0]
    assert problem.file == tmp_path / "p/layouts/spot.yaml" and problem.line
    line = problem.file.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line.strip() == "prints:"  # accent and cover print the same tint: the list that sets both
    assert "Fluorescent Pink at 100 %, over the 85 %" in problem.message and problem.page == 1


def test_the_example_riso_zine_prints_its_solids_within_the_ceiling(imposed: BuildResult) -> None:
    assert not [f for f in imposed.findings if f.code == "solid-area"]
