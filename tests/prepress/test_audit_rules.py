"""The audit (tests/support/audit.py) can fail: small PDFs made here, each breaking one rule on purpose, are reported,
and the same PDF without the fault is not."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image
from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from catalog.units import inch, mm
from tests.support.audit import INGRAM, MONO, RISO, RISO_PLATE, SCREEN, Rules, audit, image_ink

TRIM = (inch(6), inch(9))
BLEED = inch(0.125)
Draw = Callable[[Canvas], None]


def make_pdf(path: Path, draw: Draw, pages: int = 1, bleed: float = BLEED, media: float = 0.0) -> Path:
    """A PDF of `pages` pages of TRIM with `bleed` on every side (TrimBox and BleedBox set) and `media` more beyond
    the bleed; `draw` draws on each page, the origin at the trim's lower left corner."""
    width, height = TRIM[0] + 2 * (bleed + media), TRIM[1] + 2 * (bleed + media)
    canvas = Canvas(str(path), pagesize=(width, height))
    for _ in range(pages):
        edge = bleed + media
        canvas.setBleedBox((media, media, width - media, height - media))
        canvas.setTrimBox((edge, edge, width - edge, height - edge))
        canvas.translate(edge, edge)
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return path


def nothing(canvas: Canvas) -> None:
    pass


def body_text(canvas: Canvas, grey: float = 0.0, size: float = 9.5, lines: int = 20) -> None:
    """Lines of text well inside a 0.5 in safety margin."""
    canvas.setFillGray(grey)
    canvas.setFont("Helvetica", size)
    for line in range(lines):
        canvas.drawString(inch(1), inch(8) - line * 1.2 * size, "The light of the steppe")


def cmyk_jpeg(ink: tuple[int, int, int, int], size: tuple[int, int] = (60, 60)) -> bytes:
    data = io.BytesIO()
    Image.new("CMYK", size, ink).save(data, "JPEG", quality=95)
    return data.getvalue()


def only_rule(rules: Rules, **rule: object) -> Rules:
    """One rule of a rule set, under its name: each test here breaks that one rule and no other."""
    return Rules(rules.name, **rule)  # type: ignore[arg-type]


# --- colour ------------------------------------------------------------------------------------

def test_an_rgb_fill_is_reported_where_rgb_is_refused(tmp_path: Path) -> None:
    def rgb(canvas: Canvas) -> None:
        canvas.setFillColorRGB(0.2, 0.3, 0.8)
        canvas.rect(inch(1), inch(1), inch(2), inch(2), fill=1, stroke=0)

    rules = only_rule(INGRAM, no_rgb=True)
    assert audit(make_pdf(tmp_path / "rgb.pdf", rgb), rules) == ["page 1: DeviceRGB colour (rg)"]
    assert audit(make_pdf(tmp_path / "clean.pdf", nothing), rules) == []


def test_an_rgb_image_is_reported_where_rgb_is_refused(tmp_path: Path) -> None:
    def photo(canvas: Canvas) -> None:
        canvas.drawImage(ImageReader(Image.new("RGB", (30, 30), (200, 40, 40))), inch(1), inch(1), inch(1), inch(1))

    found = audit(make_pdf(tmp_path / "rgb.pdf", photo), only_rule(INGRAM, no_rgb=True))
    assert len(found) == 1 and found[0].startswith("page 1: an RGB image")


def test_a_cmyk_fill_over_the_ink_limit_is_reported(tmp_path: Path) -> None:
    def heavy(canvas: Canvas) -> None:
        canvas.setFillColorCMYK(1, 1, 1, 0.2)     # 320 %
        canvas.rect(inch(1), inch(1), inch(2), inch(2), fill=1, stroke=0)
        canvas.setFillColorCMYK(0.3, 0.2, 0.2, 1)  # 170 %: within
        canvas.rect(inch(1), inch(4), inch(2), inch(2), fill=1, stroke=0)

    assert audit(make_pdf(tmp_path / "heavy.pdf", heavy), only_rule(INGRAM, ink_limit=240)) == [
        "page 1: 1 CMYK colour(s) over IngramSpark's 240 % ink, up to 320 % (1 1 1 0.2 k)"]


def test_a_cmyk_image_over_the_ink_limit_is_reported(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "photo.pdf", nothing)
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:   # a CMYK JPEG as Photoshop writes it
        image = pikepdf.Stream(doc, cmyk_jpeg((255, 255, 255, 51)), Type=pikepdf.Name.XObject,
                               Subtype=pikepdf.Name.Image, Width=60, Height=60, BitsPerComponent=8,
                               ColorSpace=pikepdf.Name.DeviceCMYK, Filter=pikepdf.Name.DCTDecode,
                               Decode=pikepdf.Array([1, 0] * 4))
        page = doc.pages[0]
        page.add_resource(image, pikepdf.Name.XObject, pikepdf.Name.Im1)
        page.contents_add(b"q 72 0 0 72 100 100 cm /Im1 Do Q")
        doc.save(pdf)
    found = audit(pdf, only_rule(INGRAM, ink_limit=240))
    assert len(found) == 1 and found[0].startswith("page 1: an image (/Im1) uses up to 3")
    assert found[0].endswith("% ink, over IngramSpark's 240 %")


@pytest.mark.parametrize("inverted", [False, True])
def test_image_ink_applies_the_decode_array(tmp_path: Path, inverted: bool) -> None:
    ink = np.zeros((4, 5, 4), dtype=np.uint8)
    ink[1, 2] = (255, 204, 204, 153)                 # one pixel of 320 %, the rest paper
    samples = 255 - ink if inverted else ink
    with pikepdf.new() as doc:
        image = pikepdf.Stream(doc, samples.tobytes(), Subtype=pikepdf.Name.Image, Width=5, Height=4,
                               BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceCMYK,
                               Decode=pikepdf.Array([1, 0] * 4 if inverted else [0, 1] * 4))
        assert image_ink(image) == pytest.approx(320, abs=0.01)


def test_a_jpeg_decoded_as_a_rip_decodes_it() -> None:
    """Pillow inverts an Adobe CMYK JPEG's samples; the PDF's /Decode [1 0 ...] does the same for a RIP, so the
    ink measured is the ink written, not its inverse."""
    with pikepdf.new() as doc:
        image = pikepdf.Stream(doc, cmyk_jpeg((64, 128, 0, 255)), Subtype=pikepdf.Name.Image, Width=60, Height=60,
                               BitsPerComponent=8,
                               ColorSpace=pikepdf.Name.DeviceCMYK, Filter=pikepdf.Name.DCTDecode,
                               Decode=pikepdf.Array([1, 0] * 4))
        assert image_ink(image) == pytest.approx((64 + 128 + 255) * 100 / 255, abs=1.5)


def test_an_output_intent_for_another_stock_is_reported(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "coated.pdf", nothing)
    rules = only_rule(INGRAM, condition="FOGRA29")
    assert audit(pdf, rules) == ["the output intent names no condition, where IngramSpark's stock is FOGRA29"]
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        doc.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String("FOGRA39"))])
        doc.save(pdf)
    assert audit(pdf, rules) == ["the output intent names FOGRA39, where IngramSpark's stock is FOGRA29"]


def test_the_pdfx_claim_and_version_are_checked(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "plain.pdf", nothing)
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        doc.save(pdf, min_version="1.4")
    found = audit(pdf, only_rule(INGRAM, pdfx="PDF/X-1:2001", version="1.3"))
    assert found == ["PDF 1.4, where IngramSpark asks for PDF 1.3",
                     "claims '', where IngramSpark asks for PDF/X-1:2001", "no GTS_PDFX output intent"]


# --- geometry ----------------------------------------------------------------------------------

def test_text_inside_the_safety_margin_is_reported(tmp_path: Path) -> None:
    def folio(canvas: Canvas) -> None:
        body_text(canvas)
        canvas.setFont("Helvetica", 8)
        canvas.drawString(TRIM[0] / 2, mm(5), "17")   # a folio 5 mm from the trim

    rules = only_rule(INGRAM, safety=inch(0.5))
    assert audit(make_pdf(tmp_path / "folio.pdf", folio), rules) == [
        "page 1: text '17' inside IngramSpark's safety margin"]
    assert audit(make_pdf(tmp_path / "clean.pdf", body_text), rules) == []


def test_a_bleed_other_than_the_services_is_reported(tmp_path: Path) -> None:
    found = audit(make_pdf(tmp_path / "3mm.pdf", nothing, bleed=mm(3)), only_rule(INGRAM, bleed=inch(0.125)))
    assert found == ["page 1: bleed 8.50–8.50 pt, where IngramSpark asks for 9.00 pt"]


def test_room_for_marks_is_reported_where_marks_are_refused(tmp_path: Path) -> None:
    found = audit(make_pdf(tmp_path / "marks.pdf", nothing, media=mm(12)), only_rule(INGRAM, marks=False))
    assert found == ["page 1: MediaBox beyond the BleedBox (room for marks IngramSpark refuses)"]


# --- screen ------------------------------------------------------------------------------------

def test_screen_wants_no_bleed_an_even_page_count_and_small_images(tmp_path: Path) -> None:
    def photo(canvas: Canvas) -> None:   # 300 px on 1 in: 300 ppi
        canvas.drawImage(ImageReader(Image.new("RGB", (300, 300), (90, 90, 90))), inch(1), inch(1), inch(1), inch(1))

    found = audit(make_pdf(tmp_path / "screen.pdf", photo, pages=3), SCREEN)
    assert found[0] == "3 pages, not a multiple of 2"
    assert "page 1: bleed 9.00–9.00 pt, where Screen (house rules) asks for 0.00 pt" in found
    assert "page 1: an image at 300 ppi, over Screen (house rules)'s 150" in found
    assert audit(make_pdf(tmp_path / "clean.pdf", nothing, pages=2, bleed=0.0), SCREEN) == []


# --- mono --------------------------------------------------------------------------------------

def test_mono_reports_colour_and_colour_images(tmp_path: Path) -> None:
    def colour(canvas: Canvas) -> None:
        canvas.setFillColorCMYK(0, 0.5, 1, 0)
        canvas.rect(inch(1), inch(1), inch(1), inch(1), fill=1, stroke=0)
        canvas.drawImage(ImageReader(Image.new("RGB", (30, 30), (200, 40, 40))), inch(3), inch(1), inch(1), inch(1))

    found = audit(make_pdf(tmp_path / "colour.pdf", colour), MONO)
    assert found[0] == "page 1: colour that is not DeviceGray (k) in a file Mono (house rules) wants in grey"
    assert found[1].startswith("page 1: an image in /DeviceRGB")


def test_mono_wants_body_text_and_small_text_solid_black(tmp_path: Path) -> None:
    def grey(canvas: Canvas) -> None:
        body_text(canvas, grey=0.12)                    # #1e1e1e as a grey: 88 % black
        body_text(canvas, grey=0.4, size=8, lines=2)    # a small caption in 60 % black
        body_text(canvas, grey=0.4, size=17, lines=1)   # a grey display line: allowed

    assert audit(make_pdf(tmp_path / "grey.pdf", grey), MONO) == [
        "page 1: text under 9 pt (8 pt) in 60 % black, not solid",
        "page 1: body text (9.5 pt) in 88 % black, not solid"]

    def black(canvas: Canvas) -> None:
        body_text(canvas)
        body_text(canvas, size=8, lines=2)
        body_text(canvas, grey=0.4, size=17, lines=1)

    assert audit(make_pdf(tmp_path / "black.pdf", black), MONO) == []


def test_mono_wants_every_text_fill_grey(tmp_path: Path) -> None:
    def coloured(canvas: Canvas) -> None:
        body_text(canvas)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont("Helvetica", 12)
        canvas.drawString(inch(1), inch(2), "Heading")

    found = audit(make_pdf(tmp_path / "rgb-text.pdf", coloured), MONO)
    assert "page 1: text in a colour that is not a grey, in a file Mono (house rules) wants in grey" in found


def test_riso_reports_a_large_solid_over_85_percent_but_not_a_small_one(tmp_path: Path) -> None:
    def solids(full: float) -> Draw:
        def draw(canvas: Canvas) -> None:
            canvas.setFillColor(CMYKColorSep(0, 0.72, 0.31, 0, spotName="Pink", density=full))
            canvas.rect(inch(1), inch(1), mm(40), mm(25), fill=1, stroke=0)        # large: 40 × 25 mm
            canvas.setFillColor(CMYKColorSep(0, 0.72, 0.31, 0, spotName="Pink", density=1))
            canvas.rect(inch(1), inch(5), mm(30), mm(10), fill=1, stroke=0)        # small: a band 10 mm high
            canvas.setFillGray(0)
            canvas.rect(inch(4), inch(5), mm(10), mm(60), fill=1, stroke=0)        # a black bar 10 mm wide
        return draw

    assert audit(make_pdf(tmp_path / "full.pdf", solids(1.0)), RISO) == [
        "page 1: a 40 × 25 mm area at 100 % of one ink, over Risograph (exploriso)'s 85 % for large areas"]
    assert audit(make_pdf(tmp_path / "ok.pdf", solids(0.85)), RISO) == []


def test_riso_wants_grey_and_spots_only_and_no_rgb_alternate(tmp_path: Path) -> None:
    def spot(canvas: Canvas) -> None:
        canvas.setFillColor(CMYKColorSep(0, 0.72, 0.31, 0, spotName="Pink", density=0.5))
        canvas.rect(inch(1), inch(1), inch(1), inch(1), fill=1, stroke=0)
        canvas.setFillGray(0.2)
        canvas.rect(inch(3), inch(1), inch(1), inch(1), fill=1, stroke=0)

    path = make_pdf(tmp_path / "spot.pdf", spot)
    assert audit(path, RISO) == []
    assert audit(path, RISO_PLATE) == ["page 1: colour that is not DeviceGray (scn) in a file Risograph plate "
                                       "(exploriso) wants in grey"]
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for space in pdf.pages[0].Resources.ColorSpace.values():
            space[2] = pikepdf.Name.DeviceRGB
            space[3] = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 1, 1], C1=[1, 0.28, 0.69], N=1)
        pdf.save(path)
    assert [f for f in audit(path, RISO) if "alternate" in f] == ["page 1: the spot colour /Pink (/Pink) has an RGB "
                                                                  "alternate"]


def test_printer_sheets_with_ink_at_the_edge_are_reported(tmp_path: Path) -> None:
    def near(edge: float) -> Draw:
        def draw(canvas: Canvas) -> None:
            canvas.setFillGray(0.5)
            canvas.rect(edge - BLEED, inch(2), inch(1), inch(1), fill=1, stroke=0)  # from `edge` off the sheet's
        return draw

    sheets = replace(RISO, bare_edge=mm(5))
    assert audit(make_pdf(tmp_path / "near.pdf", near(mm(2))), sheets) == [
        "page 1: ink within 5 mm of the sheet's edge, which Risograph (exploriso) does not print"]
    assert audit(make_pdf(tmp_path / "clear.pdf", near(mm(6))), sheets) == []
