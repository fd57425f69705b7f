"""Marks on the built PDF: none for file delivery (MediaBox = BleedBox, nothing in registration colour),
and with --marks every mark and the slug line at least the press's clearance beyond the BleedBox."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from catalog.builder import BuildOptions, BuildResult, build
from catalog.prepress.marks import crop_marks, fold_marks
from catalog.specs.press import MARK_CLEARANCE, load_press
from catalog.units import mm
from tests.support.projects import add_press, artist_data, make_project

SCALE = 4.0  # pixels per point when marks are read from a rendering


def _project(root: Path, press: str = "offset") -> Path:
    return make_project(root, {"anna-test": artist_data("Anna Test", works=2, bleed_first=True)},
                        catalog={"press": press})


def _build(project: Path, **options: object) -> BuildResult:
    return build(project, BuildOptions(cache=False, jobs=1, **options))  # type: ignore[arg-type]


def _registration_anywhere(pdf: pikepdf.Pdf) -> list[str]:
    """Where a Separation /All (registration colour) is named: resources or content of any page or form."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        if b"/All" in page.obj.Contents.read_bytes() if isinstance(page.obj.Contents, pikepdf.Stream) else any(
                b"/All" in part.read_bytes() for part in page.obj.Contents):
            found.append(f"page {number} content")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Array) and len(obj) >= 2 and obj[0] == pikepdf.Name.Separation \
                and obj[1] == pikepdf.Name("/All"):
            found.append(f"object {obj.objgen}")
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Form \
                and b"/All" in obj.read_bytes():
            found.append(f"form {obj.objgen}")
    return found


@pytest.mark.parametrize(("press", "marks"), [("offset", None), ("offset", False), ("x1a", None)])
def test_file_delivery_has_no_marks_and_nothing_in_registration(tmp_path: Path, press: str,
                                                                marks: bool | None) -> None:
    result = _build(_project(tmp_path / "p", press), marks=marks)
    with pikepdf.open(result.pdf) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert [float(v) for v in page.mediabox] == [float(v) for v in page.bleedbox], number
            assert page.trimbox != page.bleedbox  # the bleed is still there
        assert _registration_anywhere(pdf) == []


def test_no_built_in_file_delivery_press_asks_for_marks(tmp_path: Path) -> None:
    """Print on demand and PDF/X to an offset printer want no marks; the risograph, which prints and trims
    its own sheets and registers its drums by them, keeps them."""
    for name in ("offset", "x1a", "digital", "screen", "lulu", "bookpress", "mono", "mono-halftone"):
        assert load_press(name, tmp_path).marks is False, name
    riso = load_press("riso", tmp_path)
    assert (riso.marks, riso.slug_line, riso.mark_clearance) == (True, True, pytest.approx(MARK_CLEARANCE))
    assert mm(2) <= MARK_CLEARANCE


def _dark_band(path: Path, clearance: float) -> tuple[int, int]:
    """(dark pixels closer than `clearance` outside the BleedBox, dark pixels farther out) over every page."""
    near = far = 0
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            mx0, _, _, my1 = page.get_mediabox()
            bx0, by0, bx1, by1 = page.get_bleedbox()
            image = np.asarray(page.render(scale=SCALE, may_draw_forms=True).to_pil().convert("L"))
            ys, xs = np.nonzero(image < 200)
            x, y = mx0 + (xs + 0.5) / SCALE, my1 - (ys + 0.5) / SCALE
            beyond = np.maximum.reduce([bx0 - x, x - bx1, by0 - y, y - by1])
            tolerance = 1.5 / SCALE  # antialiasing spreads an edge by about a pixel
            outside = beyond > tolerance
            near += int(np.count_nonzero(outside & (beyond < clearance - tolerance)))
            far += int(np.count_nonzero(outside & (beyond >= clearance - tolerance)))
    finally:
        document.close()
    return near, far


def test_marks_and_slug_line_sit_the_clearance_beyond_the_bleed(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    add_press(project, "farout", "name: farout\nbase: offset\nmarks: true\nmark_clearance: 5mm\n")
    for press, clearance in (("offset", MARK_CLEARANCE), ("farout", mm(5))):
        result = _build(project, press=press, marks=True)
        near, far = _dark_band(result.pdf, clearance)
        assert near == 0, f"{press}: ink within {clearance / mm(1):.1f} mm of the BleedBox"
        assert far > 0, f"{press}: no marks drawn"
        with pikepdf.open(result.pdf) as pdf:
            assert _registration_anywhere(pdf)  # the marks are in registration colour
            page = pdf.pages[0]
            bleed, media = [float(v) for v in page.bleedbox], [float(v) for v in page.mediabox]
            assert bleed[0] - media[0] >= clearance  # the page holds the marks


def test_every_mark_keeps_the_clearance_with_its_stroke() -> None:
    """The drawn extent of every crop, bleed and fold mark (half its weight on every side) lies at least the
    clearance beyond the bleed."""
    width, height, bleed = mm(210), mm(270), mm(3)
    box = (-bleed, -bleed, width + bleed, height + bleed)
    for clearance in (mm(2), MARK_CLEARANCE, mm(6)):
        rules = crop_marks(width, height, bleed, clearance) + fold_marks(width, height, bleed,
                                                                         (("x", mm(100)), ("y", mm(50))), clearance)
        assert len(rules) == 8 + 8 + 4  # crop, bleed, fold
        for rule in rules:
            half = rule.width / 2
            x0, x1 = min(rule.x1, rule.x2) - half, max(rule.x1, rule.x2) + half
            y0, y1 = min(rule.y1, rule.y2) - half, max(rule.y1, rule.y2) + half
            apart = max(box[0] - x1, x0 - box[2], box[1] - y1, y0 - box[3])
            assert apart >= clearance - 1e-9, rule
    assert crop_marks(width, height, 0.0) and len(crop_marks(width, height, 0.0)) == 8  # no bleed: no bleed marks
