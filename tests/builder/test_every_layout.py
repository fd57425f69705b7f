"""Every built-in layout makes a book of the example with nothing to warn about; the mini zine is one
sheet as it says; a group show of sixty artists fits the gallery layout in the pages a gallery can pay for."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from catalog.builder import BuildOptions, build
from catalog.specs.layouts import layout_sources
from tests.support import REPO
from tests.support.cli import run
from tests.support.projects import make_group_show

BUILT_IN = sorted(source.name for source in layout_sources(REPO))


def test_the_built_in_layouts_are_the_ones_documented() -> None:
    assert BUILT_IN == ["classic", "gallery", "mini", "pocket", "riso", "zine"]


@pytest.mark.parametrize("layout", ["classic", "gallery", "riso"])  # zine, pocket, mini: test_zine_layouts
def test_the_example_builds_without_a_warning(layout: str, tmp_path: Path) -> None:
    result = build(REPO, BuildOptions(layout=layout, press="digital", out=tmp_path / f"{layout}.pdf", cache=False))
    assert result.errors == () and result.warnings == (), [p.format() for p in result.warnings]
    assert len(PdfReader(result.pdf).pages) % 4 == 0


def test_the_mini_zine_of_the_example_is_one_sheet(tmp_path: Path) -> None:
    out = tmp_path / "mini.pdf"
    code, output = run("build", str(REPO), "--layout", "mini", "--impose", "minizine", "--press", "digital",
                       "--no-cache", "--out", str(out))
    assert code == 0, output
    assert len(PdfReader(out).pages) == 8
    sheet = PdfReader(tmp_path / "mini-minizine.pdf")
    assert len(sheet.pages) == 1
    text = PdfReader(out).pages[1].extract_text()
    assert "Bekzat Popov" in text  # a plate's caption names its artist in a book without openers


@pytest.mark.slow
def test_sixty_artists_with_two_works_each_fit_in_120_pages(tmp_path: Path) -> None:
    root = make_group_show(tmp_path / "show", artists=60, works=2)
    result = build(root, BuildOptions(press="screen", cache=False))
    assert result.errors == ()
    pages = len(PdfReader(result.pdf).pages)
    assert pages <= 120, pages
    plan = result.planned.plan
    placed = sum(len(page.images) for page in plan.pages)
    assert placed == 120  # every work shown, none twice
    assert all(f"artist:artist-{n:02d}" in plan.anchors for n in range(1, 61))


def test_several_sheets_are_each_a_booklet_with_its_own_covers(tmp_path: Path) -> None:
    """Twelve plates on two sheets: each sheet opens with the cover and closes with the back cover."""
    root = make_group_show(tmp_path / "show", artists=3, works=4, layout="mini12")
    (root / "layouts").mkdir(exist_ok=True)
    (root / "layouts" / "mini12.yaml").write_text("base: mini\nname: mini12\nplates:\n  pick: 12\n", encoding="utf-8")
    code, output = run("build", str(root), "--impose", "minizine", "--several", "--press", "screen", "--no-cache")
    assert code == 0, output
    plan_pdf = root / "build" / "sixty-rooms-screen.pdf"  # not the catalog's own press: named after it
    texts = [page.extract_text() for page in PdfReader(plan_pdf).pages]
    assert len(texts) == 16
    for first in (0, 8):
        assert "Sixty Rooms" in texts[first] and "Study" not in texts[first]   # the cover
        assert sum("Study" in text for text in texts[first + 1:first + 7]) == 6  # six plates
        assert "Study" not in texts[first + 7]  # the back cover
    assert len(PdfReader(root / "build" / "sixty-rooms-screen-minizine.pdf").pages) == 2
