"""The example, built for each printer it has a press profile for, held to that printer's published rules by an
audit that reads only the finished file (tests/support/audit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.builder import BuildOptions, build
from catalog.units import mm
from tests.support import REPO
from tests.support.audit import BOOKPRESS, LULU, Rules, audit

X1A = Rules("PDF/X-1a:2001", marks=False, pdfx="PDF/X-1:2001", version="1.3", no_rgb=True)
OFFSET = Rules("PDF/X-4 offset", bleed=mm(3), marks=False, min_ppi=300, pdfx="PDF/X-4", no_rgb=True)


@pytest.mark.parametrize(("press", "rules"), [("lulu", LULU), ("bookpress", BOOKPRESS), ("x1a", X1A),
                                              ("offset", OFFSET)])
def test_each_press_file_of_the_example_passes_its_printers_rules(tmp_path: Path, press: str, rules: Rules) -> None:
    result = build(REPO, BuildOptions(press=press, out=tmp_path / f"{press}.pdf", cache=False))
    assert result.errors == ()
    assert audit(result.pdf, rules) == []
    if result.cover is not None:  # a bound book's cover sheet: its boxes and fonts; its type may cross the spine
        assert audit(result.cover, Rules(rules.name, marks=rules.marks, pdfx=rules.pdfx, version=rules.version,
                                         no_rgb=rules.no_rgb)) == []
