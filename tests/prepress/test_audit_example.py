"""The example, built for each printer it has a press profile for, held to that printer's published rules (or, for
screen and mono, our house rules) by an audit that reads only the finished file (tests/support/audit.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from catalog.builder import BuildOptions, build
from catalog.units import mm
from tests.support import REPO
from tests.support.audit import BOOKPRESS, INGRAM, LULU, MONO, POD, RISO, RISO_PLATE, SCREEN, Rules, audit

OFFSET = Rules("PDF/X-4 offset", bleed=mm(3), marks=False, min_ppi=300, pdfx="PDF/X-4", no_rgb=True)


@pytest.mark.parametrize(("press", "rules"), [("lulu", LULU), ("bookpress", BOOKPRESS), ("x1a", INGRAM),
                                              ("offset", OFFSET), ("digital", POD), ("screen", SCREEN),
                                              ("mono", MONO), ("mono-halftone", MONO)])
def test_each_press_file_of_the_example_passes_its_printers_rules(tmp_path: Path, press: str, rules: Rules) -> None:
    result = build(REPO, BuildOptions(press=press, out=tmp_path / f"{press}.pdf", cache=False))
    assert result.errors == ()
    assert audit(result.pdf, rules) == []
    if result.cover is not None:  # a bound book's cover sheet: boxes, fonts and colour; its type may cross the spine
        cover = replace(rules, bleed=None, safety=None, min_ppi=None, max_ppi=None, page_multiple=None,
                        black_text_under=None)
        assert audit(result.cover, cover) == []


def test_the_example_riso_zine_passes_the_risograph_rules_composite_plates_and_sheets(tmp_path: Path) -> None:
    result = build(REPO, BuildOptions(layout="riso", press="riso", impose="saddle", out=tmp_path / "riso.pdf",
                                      cache=False))
    assert result.errors == ()
    assert audit(result.pdf, RISO) == []
    for plate in result.separations:
        assert audit(plate, RISO_PLATE) == []
    assert result.imposed is not None
    for sheets, rules in zip((result.imposed, *result.imposed_separations), (RISO, RISO_PLATE, RISO_PLATE),
                             strict=True):
        assert audit(sheets, replace(rules, bare_edge=mm(5))) == []
