"""The press files as printers receive them, built from the example project: PDF/X structure (by an
independent checker), colour and ink as Ghostscript renders the plates, boxes per press, file size,
reproducibility and the build manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image, ImageMath
from pypdf import PdfReader
from pypdf.generic import ArrayObject, StreamObject

from catalog.builder import BuildOptions, BuildResult, build
from catalog.specs.layouts import load_layout
from catalog.specs.press import load_press
from catalog.units import mm
from tests.support import REPO
from tests.support.pdfcheck import images, page_texts
from tests.support.pdfx_check import NS, pdf_date, pdfx_check, xmp_date
from tests.support.projects import artist_data, make_project

ICC = REPO / "presses/FOGRA39L-l300.icc"
UNCOATED_ICC = REPO / "presses/FOGRA29L-l240.icc"
GS = shutil.which("gs")
needs_gs = pytest.mark.skipif(GS is None, reason="Ghostscript (gs) is not on PATH: the ink and black-plate tests "
                                                 "render pages with it (apt-get install ghostscript)")
TOLERANCE = 0.01


@pytest.fixture(scope="module")
def x1a(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(REPO, BuildOptions(press="x1a", out=tmp_path_factory.mktemp("x1a") / "example-x1a.pdf"))


@pytest.fixture(scope="module")
def x1a_qpdf(x1a: BuildResult) -> Iterator[subprocess.Popen[str] | None]:
    """`qpdf --check` of the x1a file, started at once: it takes ~15 s on a 50 MB file, so it runs
    while the module's other tests do, and the test at the end of the module collects it."""
    if shutil.which("qpdf") is None:
        yield None
        return
    process = subprocess.Popen(["qpdf", "--check", str(x1a.pdf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate()


@pytest.fixture(scope="module")
def digital(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(REPO, BuildOptions(press="digital", out=tmp_path_factory.mktemp("digital") / "example-digital.pdf"))


@pytest.fixture(scope="module")
def screen(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(REPO, BuildOptions(press="screen", out=tmp_path_factory.mktemp("screen") / "example-screen.pdf"))


def image_xobjects(path: Path) -> list[tuple[int, StreamObject]]:
    """(page, image stream) for every image XObject drawn on a page, forms included."""
    found: list[tuple[int, StreamObject]] = []

    def walk(resources: object, number: int) -> None:
        for xobject in (resources or {}).get("/XObject", {}).values():
            stream = xobject.get_object()
            if stream["/Subtype"] == "/Image":
                found.append((number, stream))
            elif stream["/Subtype"] == "/Form":
                walk(stream.get("/Resources"), number)

    for number, page in enumerate(PdfReader(path).pages, start=1):
        walk(page.get("/Resources"), number)
    return found


def filters(stream: StreamObject) -> list[str]:
    value = stream.get("/Filter")
    return [str(v) for v in value] if isinstance(value, ArrayObject) else [str(value)]


def page_boxes(path: Path) -> list[dict[str, list[float]]]:
    return [{name: [float(v) for v in getattr(page, name)] for name in ("mediabox", "bleedbox", "trimbox")}
            for page in PdfReader(path).pages]


def same(a: list[float], b: list[float]) -> bool:
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b, strict=True))


def xmp(path: Path) -> ET.Element:
    return ET.fromstring(PdfReader(path).trailer["/Root"]["/Metadata"].get_object().get_data())


def xmp_value(tree: ET.Element, prefix: str, name: str) -> str | None:
    element = tree.find(f".//{{{NS['rdf']}}}Description/{{{NS[prefix]}}}{name}")
    return None if element is None else (element.text or "").strip()


# -- PDF/X structure: x1a first, so that qpdf checks its file while the other tests run ---------------


def test_x1a_file_passes_the_pdfx1a_checker(x1a: BuildResult, x1a_qpdf: subprocess.Popen[str] | None) -> None:
    assert pdfx_check(x1a.pdf, mode="x1a") == []
    assert PdfReader(x1a.pdf).pdf_header == "%PDF-1.3"
    info = PdfReader(x1a.pdf).metadata or {}
    assert (info.get("/GTS_PDFXVersion"), info.get("/GTS_PDFXConformance")) == ("PDF/X-1:2001", "PDF/X-1a:2001")
    tree = xmp(x1a.pdf)
    assert (xmp_value(tree, "pdfxid", "GTS_PDFXVersion"), xmp_value(tree, "pdfxid", "GTS_PDFXConformance")) == (
        "PDF/X-1:2001", "PDF/X-1a:2001")
    assert not [f for f in x1a.findings if f.severity == "error"], x1a.findings


def test_x1a_output_intent_is_the_uncoated_stock_its_ink_limit_belongs_to(x1a: BuildResult) -> None:
    (intent,) = [i.get_object() for i in PdfReader(x1a.pdf).trailer["/Root"]["/OutputIntents"]]
    assert (intent["/S"], intent["/OutputConditionIdentifier"]) == ("/GTS_PDFX", "FOGRA29")
    assert intent["/DestOutputProfile"].get_object().get_data() == UNCOATED_ICC.read_bytes()


def test_offset_file_passes_the_pdfx4_checker(example: BuildResult) -> None:
    assert pdfx_check(example.pdf) == []


def test_offset_output_intent_is_fogra39_with_the_press_profile_embedded(example: BuildResult) -> None:
    reader = PdfReader(example.pdf)
    assert reader.pdf_header == "%PDF-1.6"
    (intent,) = [i.get_object() for i in reader.trailer["/Root"]["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4
    assert profile.get_data() == ICC.read_bytes()
    info = reader.trailer["/Info"].get_object()
    assert info["/GTS_PDFXVersion"] == "PDF/X-4"
    assert info["/Trapped"] == "/False"  # the name /False: pikepdf's Name.False_ wrote /False_


def test_offset_images_are_all_cmyk_jpegs(example: BuildResult) -> None:
    found = image_xobjects(example.pdf)
    assert len(found) >= example.plates
    for page, stream in found:
        assert stream["/ColorSpace"] == "/DeviceCMYK", (page, stream["/ColorSpace"])
        assert filters(stream) == ["/DCTDecode"], page


def test_offset_delivers_without_marks(example: BuildResult) -> None:
    """A PDF/X file for an offset printer carries no marks: the page is the BleedBox (the printer imposes
    and marks its own sheets); `--marks` adds them (tests/prepress/test_marks.py)."""
    for number, page in enumerate(page_boxes(example.pdf), start=1):
        media, bleed, trim = page["mediabox"], page["bleedbox"], page["trimbox"]
        assert [trim[0] - bleed[0], bleed[2] - trim[2]] == pytest.approx([mm(3), mm(3)], abs=TOLERANCE), number
        assert media == pytest.approx(bleed, abs=TOLERANCE), number


# -- ink, as Ghostscript separates it ---------------------------------------------------------------


def gs_pages(pdf: Path, folder: Path) -> dict[int, Image.Image]:
    """Every page rendered to CMYK at 72 dpi (one pixel per point) by Ghostscript, cut to the
    BleedBox less one pixel on each side (the crop marks start right at the bleed edge)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([GS or "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r72",
                    f"-sOutputFile={folder}/page-%03d.tif", str(pdf)], check=True, timeout=120)
    pages = {}
    for number, box in enumerate(page_boxes(pdf), start=1):
        with Image.open(folder / f"page-{number:03d}.tif") as picture:
            assert picture.mode == "CMYK"
            pages[number] = picture.crop(bleed_crop(box))
    return pages


def bleed_crop(box: dict[str, list[float]]) -> tuple[int, int, int, int]:
    """The BleedBox less a pixel each side, in pixels of a 72 dpi render of the MediaBox."""
    (mx0, _, _, my1), (bx0, by0, bx1, by1) = box["mediabox"], box["bleedbox"]
    return (math.ceil(bx0 - mx0) + 1, math.ceil(my1 - by1) + 1, math.floor(bx1 - mx0) - 1, math.floor(my1 - by0) - 1)


def max_ink(picture: Image.Image) -> int:
    """The highest C+M+Y+K of any pixel, 0..1020 (255 per ink)."""
    c, m, y, k = picture.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return int(total.getextrema()[1])


def plate_pages(pdf: Path) -> list[int]:
    """Pages with a large picture: the plates and the cover."""
    area = 0.2 * mm(210) * mm(270)
    return sorted({image.page for image in images(pdf)
                   if (image.bounds[2] - image.bounds[0]) * (image.bounds[3] - image.bounds[1]) > area})


@pytest.fixture(scope="module")
def offset_separations(example: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Image.Image]:
    if GS is None:
        pytest.skip("Ghostscript (gs) is not on PATH")
    return gs_pages(example.pdf, tmp_path_factory.mktemp("gs-offset"))


@needs_gs
def test_offset_ink_stays_within_300_percent(example: BuildResult, offset_separations: dict[int, Image.Image]) -> None:
    plates = plate_pages(example.pdf)
    assert example.planned is not None
    pictured = [page.number for page in example.planned.plan.pages if page.kind in ("cover", "plate") and page.images]
    # the cover and every plate with a picture (a facing plate's caption page is a plate without one)
    assert pictured[0] == 1 and len(pictured) > 1
    assert plates == pictured
    inks = {number: max_ink(picture) for number, picture in offset_separations.items()}
    assert max(inks[n] for n in plates) > 255 * 2, "the plates are photographs, several inks deep"
    over = {number: round(ink / 2.55, 1) for number, ink in inks.items() if ink > 765}
    assert over == {}, "per cent ink by page"


@needs_gs
def test_black_body_text_prints_on_the_black_plate_only(example: BuildResult,
                                                         offset_separations: dict[int, Image.Image]) -> None:
    texts = page_texts(example.pdf)
    number = next(n for n, text in enumerate(texts, start=1) if text.split("\n")[1:2] == ["Biography"])
    assert not [image for image in images(example.pdf) if image.page == number], "a page of text only"
    doc = pdfium.PdfDocument(str(example.pdf))
    try:
        page = doc[number - 1]
        textpage = page.get_textpage()
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        words = [textpage.get_text_bounded(*rect).strip() for rect in rects]
    finally:
        doc.close()
    heading = rects[words.index("Biography")]
    folio = next(rect for rect, word in zip(rects, words, strict=True) if word == str(number))
    body = [rect for rect in rects if rect[3] < heading[1] and rect[1] > folio[3]]
    assert len(body) > 100, "the biography's words"
    # the body text's area (a pixel wider all round), in pixels of the render cut to the BleedBox
    box = page_boxes(example.pdf)[number - 1]
    x0, y0, _, _ = bleed_crop(box)
    media_top = box["mediabox"][3]
    area = offset_separations[number].crop((
        math.floor(min(r[0] for r in body)) - 1 - x0, math.floor(media_top - max(r[3] for r in body)) - 1 - y0,
        math.ceil(max(r[2] for r in body)) + 1 - x0, math.ceil(media_top - min(r[1] for r in body)) + 1 - y0))
    data = area.tobytes()
    inked = [tuple(data[i:i + 4]) for i in range(0, len(data), 4) if any(data[i:i + 4])]
    black = [pixel for pixel in inked if pixel[3] > 0]
    assert len(black) > 2000
    assert [pixel for pixel in inked if pixel[:3] != (0, 0, 0)] == [], "C, M or Y under black text"
    assert max(pixel[3] for pixel in black) == 255, "solid black text on the K plate"


@needs_gs
def test_layout_colours_print_as_the_press_profile_converts_them(offset_separations: dict[int, Image.Image]) -> None:
    """The cover's fill reaches into the bleed, where nothing else is drawn: there it must carry the
    four inks the press profile gives the layout's cover colour, not black ink alone."""
    inks = load_press("offset", REPO).colour.inks()
    _, cmyk = inks.device(load_layout("classic", REPO).colours["cover"], (mm(216), mm(276)))
    expected = tuple(round(v * 255) for v in cmyk)
    assert expected[:3] != (0, 0, 0), "a colour, not a grey"
    cover = offset_separations[1]
    for x, y in ((2, 2), (2, cover.height // 2), (cover.width - 3, cover.height - 3)):
        pixel = cover.getpixel((x, y))
        assert all(abs(a - b) <= 2 for a, b in zip(pixel, expected, strict=True)), ((x, y), pixel, expected)


def test_big_black_areas_print_in_the_press_rich_black(tmp_path: Path) -> None:
    project = tiny(tmp_path / "project")
    (project / "layouts").mkdir()
    (project / "layouts/dark.yaml").write_text('base: classic\nname: dark\ncolours:\n  cover: "#000000"\n',
                                               encoding="utf-8")
    result = build(project, BuildOptions(layout="dark", out=tmp_path / "dark.pdf"))
    cover = PdfReader(result.pdf).pages[0].get_contents().get_data()
    assert b"\n.4 .3 .3 1 k\n" in cover  # offset's rich black, cmyk(40, 30, 30, 100), not 100 % K alone


@needs_gs
def test_x1a_ink_stays_within_240_percent(x1a: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> None:
    separations = gs_pages(x1a.pdf, tmp_path_factory.mktemp("gs-x1a"))
    inks = {number: max_ink(picture) for number, picture in separations.items()}
    assert max(inks[number] for number in plate_pages(x1a.pdf)) > 255 * 2
    over = {number: round(ink / 2.55, 1) for number, ink in inks.items() if ink > 612}  # 240 % of 255
    assert over == {}, "per cent ink by page"


def test_x1a_images_keep_the_ink_limit_in_every_pixel(x1a: BuildResult) -> None:
    """At 72 dpi Ghostscript samples one image pixel in sixteen; the JPEGs themselves, decoded in
    full, must keep the limit too (JPEG's rounding pushed single pixels to 244 % before)."""
    over = {}
    for page, stream in image_xobjects(x1a.pdf):
        assert filters(stream) == ["/DCTDecode"] and stream["/ColorSpace"] == "/DeviceCMYK"
        with Image.open(io.BytesIO(stream.get_data())) as picture:  # pypdf leaves DCT data encoded
            assert picture.mode == "CMYK"
            ink = max_ink(picture)
        if ink > 612:
            over[page] = round(ink / 2.55, 1)
    assert over == {}, "per cent ink by page"


def test_x1a_manifest_lists_the_press_and_its_base(x1a: BuildResult) -> None:
    listed = {entry["path"] for entry in json.loads(x1a.manifest.read_text(encoding="utf-8"))["inputs"]}
    assert {"presses/x1a.yaml", "presses/offset.yaml", "presses/FOGRA29L-l240.icc"} <= listed
    assert "presses/FOGRA39L-l300.icc" not in listed   # offset's profile, which x1a replaces


# -- digital and screen: sRGB ------------------------------------------------------------------------


def test_digital_file_is_srgb_without_output_intent(digital: BuildResult) -> None:
    reader = PdfReader(digital.pdf)
    assert "/OutputIntents" not in reader.trailer["/Root"]
    assert "/GTS_PDFXVersion" not in reader.trailer["/Info"]
    found = image_xobjects(digital.pdf)
    assert len(found) >= digital.plates
    for page, stream in found:
        space = stream["/ColorSpace"]
        assert isinstance(space, ArrayObject) and space[0] == "/ICCBased", (page, space)
        assert space[1].get_object()["/N"] == 3, page
        assert filters(stream) == ["/DCTDecode"], page


def test_digital_bleed_is_an_eighth_of_an_inch_without_marks(digital: BuildResult) -> None:
    bleed = 0.125 * 72
    for number, page in enumerate(page_boxes(digital.pdf), start=1):
        media, box, trim = page["mediabox"], page["bleedbox"], page["trimbox"]
        assert same(media, box), number
        assert same([trim[2] - trim[0], trim[3] - trim[1]], [mm(210), mm(270)]), number
        assert same(box, [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]), number


def test_screen_images_are_150_ppi_at_most(screen: BuildResult) -> None:
    placed = images(screen.pdf)
    assert len(placed) >= screen.plates
    over = [(image.page, round(image.ppi)) for image in placed if image.ppi > 151]
    assert over == []


def test_screen_file_is_small_and_cut_to_the_trim(screen: BuildResult, digital: BuildResult) -> None:
    assert screen.pdf.stat().st_size < digital.pdf.stat().st_size / 4
    for number, page in enumerate(page_boxes(screen.pdf), start=1):
        assert same(page["mediabox"], page["trimbox"]), number
        assert same(page["bleedbox"], page["trimbox"]), number


# -- reproducible builds ------------------------------------------------------------------------------


def tiny(root: Path, caption: str = "Work 1") -> Path:
    artist = artist_data("Anna Test", works=1)
    artist["works"][0]["title"] = caption
    return make_project(root, {"anna-test": artist}, catalog={"press": "offset"}, image_size=(240, 160))


def test_source_date_epoch_dates_both_records_and_builds_still_repeat(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = tiny(tmp_path / "project")
    first = build(project, BuildOptions(out=tmp_path / "one" / "first.pdf"))
    second = build(project, BuildOptions(out=tmp_path / "two" / "second.pdf"))
    assert first.pdf.read_bytes() == second.pdf.read_bytes()
    when = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    info = PdfReader(first.pdf).trailer["/Info"].get_object()
    assert pdf_date(info["/CreationDate"]) == when
    assert pdf_date(info["/ModDate"]) == when
    tree = xmp(first.pdf)
    assert xmp_value(tree, "xmp", "CreateDate") == "2023-11-14T22:13:20Z"
    assert xmp_date(xmp_value(tree, "xmp", "ModifyDate") or "") == when
    assert pdfx_check(first.pdf) == []


def test_other_content_gets_another_document_id(tmp_path: Path) -> None:
    one = build(tiny(tmp_path / "one"), BuildOptions(out=tmp_path / "one.pdf"))
    other = build(tiny(tmp_path / "other", caption="Work 1, revised"), BuildOptions(out=tmp_path / "other.pdf"))
    ids = [list(PdfReader(result.pdf).trailer["/ID"]) for result in (one, other)]
    assert ids[0][0] != ids[1][0] and ids[0][1] != ids[1][1]  # ReportLab's ID was kept as the first half
    documents = [xmp_value(xmp(result.pdf), "xmpMM", "DocumentID") for result in (one, other)]
    assert documents[0] != documents[1]
    again = build(tiny(tmp_path / "again"), BuildOptions(out=tmp_path / "again.pdf"))
    assert list(PdfReader(again.pdf).trailer["/ID"]) == ids[0], "the same content, the same ID"


# -- manifest and preflight report -------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_manifest_lists_every_input_with_its_checksum(example: BuildResult) -> None:
    manifest = json.loads(example.manifest.read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["inputs"]}
    layout = yaml.safe_load((REPO / "layouts/classic.yaml").read_text(encoding="utf-8"))
    font_files = {f"fonts/{name}" for family in layout["fonts"].values() for name in family.values()}
    expected = {"catalog.yaml", "layouts/classic.yaml", "presses/offset.yaml", "presses/FOGRA39L-l300.icc",
                *(path.relative_to(REPO).as_posix() for path in (REPO / "content").rglob("*")
                  if path.is_file() and not path.name.startswith(".")),
                *font_files}
    assert len(font_files) == 8
    assert expected <= set(listed), sorted(expected - set(listed))
    for path, entry in listed.items():
        assert entry["sha256"] == sha256(REPO / path), path
        assert entry["bytes"] == (REPO / path).stat().st_size, path
    for font in manifest["fonts"]:
        assert font["path"] in listed and font["sha256"] == listed[font["path"]]["sha256"]
    assert {font["path"] for font in manifest["fonts"]} == font_files
    assert manifest["icc"]["sha256"] == sha256(ICC)
    assert manifest["press"] == {"name": "offset", "file": "presses/offset.yaml", "pdf": "x4", "colour": "cmyk"}
    output = manifest["output"]
    assert output["pdf"] == example.pdf.name
    assert output["sha256"] == sha256(example.pdf)
    assert output["bytes"] == example.pdf.stat().st_size == example.bytes
    assert output["pages"] == example.pages


def test_preflight_report_counts_its_findings(example: BuildResult) -> None:
    assert example.report == example.pdf.with_name(example.pdf.stem + ".preflight.json")
    report = json.loads(example.report.read_text(encoding="utf-8"))
    assert report["pdf"] == example.pdf.name and report["press"] == "offset" and report["pages"] == example.pages
    findings = report["findings"]
    assert len(findings) == len(example.findings)
    assert report["counts"] == {severity: sum(1 for f in findings if f["severity"] == severity)
                                for severity in ("error", "warning", "info")}
    assert report["counts"]["error"] == 0
    for finding in findings:
        assert {"severity", "code", "message"} <= set(finding)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_x1a_file_passes_qpdf_check(x1a_qpdf: subprocess.Popen[str] | None) -> None:
    """Last in the module: qpdf has been checking the file since the x1a tests began. (The offset
    file gets the same check in test_build_pdf.py.)"""
    assert x1a_qpdf is not None
    output, _ = x1a_qpdf.communicate(timeout=300)
    assert x1a_qpdf.returncode == 0, output
    assert "No syntax or stream encoding errors found" in output
