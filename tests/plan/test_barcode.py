"""The back cover's ISBN barcode, read back from the rendered page by an independent decoder (zxing-cpp),
as a bookshop's scanner would, at the size GS1 gives for an EAN-13 symbol."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from catalog.builder import BuildOptions, BuildResult, build
from catalog.plan.pages import Fill
from catalog.units import mm
from tests.support.projects import add_layout, make_project


def back_cover(result: BuildResult, dpi: int = 600):  # type: ignore[no-untyped-def]
    doc = pdfium.PdfDocument(str(result.pdf))
    try:
        return doc[len(doc) - 1].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()


def built(root: Path, press: str = "offset", **colophon: str) -> BuildResult:
    make_project(root, catalog={"colophon": {"isbn": "978-601-7891-24-4", **colophon}})
    return build(root, BuildOptions(press=press, cache=False, jobs=1))


@pytest.mark.parametrize("press", ["offset", "digital"])
def test_the_barcode_scans_as_the_isbn(tmp_path: Path, press: str) -> None:
    result = built(tmp_path / "p", press)
    found = zxingcpp.read_barcodes(back_cover(result))
    assert [(code.text, code.format) for code in found] == [("9786017891244", zxingcpp.BarcodeFormat.EAN13)]
    assert "ISBN 978-601-7891-24-4" in result.planned.plan.pages[-1].text  # the line above, as written


def test_the_price_add_on_scans_too(tmp_path: Path) -> None:
    result = built(tmp_path / "p", price_code="52499")
    found = zxingcpp.read_barcodes(back_cover(result), ean_add_on_symbol=zxingcpp.EanAddOnSymbol.Require)
    assert [code.text.replace(" ", "") for code in found] == ["978601789124452499"]


def test_the_symbol_is_the_magnification_of_the_nominal_size(tmp_path: Path) -> None:
    root = tmp_path / "p"
    make_project(root, catalog={"colophon": {"isbn": "978-601-7891-24-4"}, "layout": "house"})
    add_layout(root, "house", "base: classic\nname: house\nbarcode:\n  magnification: 80\n")
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    bars = [item.rect for item in result.planned.plan.pages[-1].items
            if isinstance(item, Fill) and item.colour.r == 0 and item.rect.width < mm(2)]
    left, right = min(bar.x for bar in bars), max(bar.right for bar in bars)
    # 95 modules of bars from the first guard bar to the last, at 0.330 mm each (GS1), times 80 %.
    assert right - left == pytest.approx(95 * mm(0.330) * 0.8, abs=0.01)
    assert max(bar.height for bar in bars) == pytest.approx(mm(25.93) * 0.8, abs=0.01)
    assert zxingcpp.read_barcodes(back_cover(result))[0].text == "9786017891244"


def test_no_isbn_no_barcode(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    result = build(root, BuildOptions(press="digital", cache=False, jobs=1))
    assert zxingcpp.read_barcodes(back_cover(result, 300)) == []
